"""``Corpus.enumerations``: one row per document, its outline and its runs of points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from wenmai._wenmai import corpus_enumerations

if TYPE_CHECKING:
    import pandas as pd

    from wenmai._stats import CorpusLike

KINDS = ("shi", "yao", "order", "di")


def enumerations(corpus: CorpusLike) -> pd.DataFrame:
    """See ``Corpus.enumerations``."""
    import pandas as pd

    out = enumeration_columns(corpus)
    for name in ("sections_per_level", "families"):
        out[name] = pd.Series(out[name], dtype=object).to_numpy()
    return pd.DataFrame(out)


def enumeration_columns(corpus: CorpusLike) -> dict[str, Any]:
    """The columns of ``Corpus.enumerations`` as numpy arrays and lists (no pandas: the
    one-document report reads them)."""
    cols = corpus_enumerations(corpus._core)
    chars = cols["chars"].astype(np.float64)
    out: dict[str, Any] = {
        "doc_id": np.asarray(corpus.ids, dtype=object),
        "chars": cols["chars"],
        "depth": cols["depth"],
        "sections_per_level": cols["sections_per_level"],
        "families": cols["families"],
        "points": cols["points"],
        "points_per_section": cols["points_per_section"],
        "runs": cols["runs"],
    }
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in KINDS:
            out[f"{k}_runs"] = cols[f"{k}_runs"]
            out[f"{k}_longest"] = cols[f"{k}_longest"]
            out[f"{k}_share"] = np.where(chars > 0, cols[f"{k}_chars"] / chars, np.nan)
    return out
