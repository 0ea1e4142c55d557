"""``Corpus.keyness``: the target resolved to a mask over documents, the choices checked, the
statistic computed in Rust (``wenmai-analyze``'s ``stats::keyness``) and returned as a
DataFrame sorted as quanteda's ``textstat_keyness``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from wenmai._stats import CorpusLike
from wenmai._wenmai import Analyzer, corpus_keyness

MEASURES = ("chi2", "lr", "pmi", "exact")
CORRECTIONS = {
    "chi2": ("default", "yates", "none"),
    "lr": ("default", "yates", "williams", "none"),
    "pmi": ("default", "none"),
    "exact": ("default", "none"),
}
UNITS = ("document", "section", "paragraph", "sentence")
COLUMNS = ["term", "stat", "p", "n_target", "n_reference"]


def target_mask(corpus: CorpusLike, target: Any) -> np.ndarray:
    """The documents ``target`` selects, as a boolean array: a pandas expression on
    ``corpus.docvars``, a boolean mask, a list of doc ids or of document positions."""
    n = len(corpus)
    if isinstance(target, str):
        mask = _query(corpus, target)
    else:
        mask = _listed(corpus, target)
    chosen = int(mask.sum())
    if chosen == 0 or chosen == n:
        what = "no document" if chosen == 0 else f"every document (all {n})"
        raise ValueError(
            f"the target selects {what}: keyness compares the target with the other "
            "documents, so choose some but not all")
    return mask


def _query(corpus: CorpusLike, expr: str) -> np.ndarray:
    dv = corpus.docvars
    try:
        out = dv.eval(expr)
    except Exception as e:  # pandas raises many kinds (UndefinedVariableError, SyntaxError)
        raise ValueError(
            f"target {expr!r} is not an expression on docvars ({type(e).__name__}: {e}); "
            f"use its columns: {', '.join(map(str, dv.columns))}") from e
    values = out.to_numpy() if isinstance(out, pd.Series) else np.asarray(out)
    if values.shape != (len(corpus),) or not (
            values.dtype == bool or pd.api.types.is_bool_dtype(out)):
        raise ValueError(
            f"target {expr!r} must be a condition on docvars giving True or False per "
            f"document (e.g. \"year >= 2013\"), not {values.dtype} values")
    # A missing value (say, an unknown year) is not in the target.
    return np.asarray(pd.array(values, dtype="boolean").fillna(False), dtype=bool)


def _listed(corpus: CorpusLike, target: Any) -> np.ndarray:
    n = len(corpus)
    if isinstance(target, pd.Series):
        target = target.to_numpy()
    arr = np.asarray(target)
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise ValueError(
                f"the target mask has {arr.size} entries for {n} documents: give one per "
                "document (or a list of doc ids)")
        return arr.copy()
    if not isinstance(target, (Sequence, np.ndarray)) or arr.ndim != 1:
        raise ValueError(
            "target must be a pandas expression on docvars (\"year >= 2013\"), a boolean "
            f"mask over the documents or a list of doc ids, not {type(target).__name__}")
    mask = np.zeros(n, dtype=bool)
    if arr.size == 0:
        return mask
    if np.issubdtype(arr.dtype, np.integer):
        bad = [int(i) for i in arr if not -n <= i < n]
        if bad:
            raise ValueError(f"target positions {bad[:10]} are outside 0..{n - 1}")
        mask[arr] = True
        return mask
    ids = [str(t) for t in target]
    where = {d: i for i, d in enumerate(corpus.ids)}
    unknown = [d for d in ids if d not in where]
    if unknown:
        more = f" (and {len(unknown) - 10} more)" if len(unknown) > 10 else ""
        raise ValueError(
            f"unknown doc ids in target: {', '.join(map(repr, unknown[:10]))}{more}; "
            "see corpus.ids")
    mask[[where[d] for d in ids]] = True
    return mask


def check_args(measure: str, correction: str, unit: str) -> None:
    """A ValueError saying what to change for an unknown measure, correction or unit."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
    allowed = CORRECTIONS[measure]
    if correction not in allowed:
        if any(correction in cs for cs in CORRECTIONS.values()):
            raise ValueError(f"correction {correction!r} does not apply to measure "
                             f"{measure!r}: choose one of {', '.join(allowed)}")
        raise ValueError(f"unknown correction {correction!r}: choose one of "
                         f"{', '.join(allowed)} (for measure {measure!r})")
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}: choose one of {', '.join(UNITS)}")


def frame(columns: tuple[Any, ...]) -> pd.DataFrame:
    """The DataFrame of the Rust keyness columns (in memory and from ``wenmai.dask``)."""
    terms, stat, p, n_target, n_reference = columns
    return pd.DataFrame({"term": terms, "stat": stat, "p": p,
                         "n_target": n_target.astype(np.int64),
                         "n_reference": n_reference.astype(np.int64)}, columns=COLUMNS)


def keyness(corpus: CorpusLike, target: Any, measure: str = "chi2", correction: str = "default",
            analyzer: Analyzer | None = None, unit: str = "document") -> pd.DataFrame:
    """See ``Corpus.keyness``."""
    check_args(measure, correction, unit)
    mask = target_mask(corpus, target)
    return frame(corpus_keyness(corpus._core, mask.tolist(), measure, correction, analyzer,
                                unit))
