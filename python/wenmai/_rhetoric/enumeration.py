"""``Corpus.enumerations``: one row per document, its outline and its runs of points."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wenmai._wenmai import corpus_enumerations

if TYPE_CHECKING:
    from wenmai._stats import CorpusLike

KINDS = ("shi", "yao", "order", "di")


def enumerations(corpus: CorpusLike) -> pd.DataFrame:
    """See ``Corpus.enumerations``."""
    cols = corpus_enumerations(corpus._core)
    chars = cols["chars"].astype(np.float64)
    out: dict[str, object] = {
        "doc_id": np.asarray(corpus.ids, dtype=object),
        "chars": cols["chars"],
        "depth": cols["depth"],
        "sections_per_level": pd.Series(cols["sections_per_level"], dtype=object).to_numpy(),
        "families": pd.Series(cols["families"], dtype=object).to_numpy(),
        "points": cols["points"],
        "points_per_section": cols["points_per_section"],
        "runs": cols["runs"],
    }
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in KINDS:
            out[f"{k}_runs"] = cols[f"{k}_runs"]
            out[f"{k}_longest"] = cols[f"{k}_longest"]
            out[f"{k}_share"] = np.where(chars > 0, cols[f"{k}_chars"] / chars, np.nan)
    return pd.DataFrame(out)
