"""``Corpus.four_char``: the four-character expressions (四字格) of a corpus and whether each
is an idiom (成语) of the shipped list."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wenmai._params import check_int
from wenmai._rhetoric.style import group_codes
from wenmai._wenmai import corpus_four_char

if TYPE_CHECKING:
    from wenmai._stats import CorpusLike
    from wenmai._wenmai import Analyzer


def four_char(corpus: CorpusLike, by: str | None = None, min_count: int = 2,
              analyzer: Analyzer | None = None) -> pd.DataFrame:
    """See ``Corpus.four_char``."""
    min_count = check_int("min_count", min_count, 1)
    codes: list[int | None] = []
    values = pd.Index([])
    if by is not None:
        codes, values = group_codes(corpus, by)
    cols = corpus_four_char(corpus._core, int(min_count), analyzer)
    expressions = np.empty(len(cols["expression"]), dtype=object)
    expressions[:] = cols["expression"]
    n_docs = len(corpus.ids)
    out: dict[str, object] = {
        "expression": expressions,
        "count": cols["count"],
        "as_token": cols["as_token"],
        "documents": cols["documents"],
        "idiom": np.asarray(cols["idiom"], dtype=bool),
        "doc_share": cols["documents"] / n_docs if n_docs else cols["documents"] * 0.0,
    }
    if by is not None:
        group = np.array([-1 if c is None else c for c in codes], dtype=np.int64)
        doc_group = group[cols["doc"]] if len(cols["doc"]) else np.empty(0, np.int64)
        sizes = np.bincount(group[group >= 0], minlength=len(values))
        for g, value in enumerate(values):
            hit = cols["expr"][doc_group == g]
            held = np.bincount(hit, minlength=len(expressions)).astype(np.float64)
            out[f"share_{value}"] = held / sizes[g] if sizes[g] else held * np.nan
    return pd.DataFrame(out)
