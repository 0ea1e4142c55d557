"""``Corpus.formulations``: set formulations (提法) counted, or discovered and counted, per
document in Rust and grouped by a document variable here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from wenmai._params import check_int
from wenmai._wenmai import corpus_formulations

if TYPE_CHECKING:
    from wenmai._stats import CorpusLike
    from wenmai._wenmai import Analyzer


def check_phrases(phrases: Any) -> list[str] | None:
    """``phrases`` as a list of non-empty strings (``None`` stays ``None``: discover)."""
    if phrases is None:
        return None
    if isinstance(phrases, str):
        phrases = [phrases]
    if not isinstance(phrases, Sequence) or not all(isinstance(p, str) for p in phrases):
        raise ValueError(
            f"phrases must be a string or a list of strings, not {type(phrases).__name__}")
    if not phrases:
        raise ValueError("phrases is empty: give at least one phrase, or None to discover")
    for p in phrases:
        if not p:
            raise ValueError("a phrase is empty: give each phrase at least one character")
    return list(phrases)


def _order(docvars: pd.DataFrame) -> np.ndarray:
    """Documents in time order: by ``year`` (the parsed date's, or the path's), then by
    ``published``, then by position; undated ones last."""
    n = len(docvars)
    big = np.iinfo(np.int64).max
    year = docvars["year"] if "year" in docvars else pd.Series([pd.NA] * n, dtype="Int64")
    year = year.astype("Int64")
    ykey = np.where(year.isna(), big, year.fillna(0).to_numpy(dtype=np.int64))
    dates = pd.to_datetime(docvars["published"], errors="coerce") \
        if "published" in docvars else pd.Series([pd.NaT] * n)
    dkey = np.where(dates.isna(), big, dates.to_numpy(dtype="datetime64[ns]").astype(np.int64))
    return np.lexsort((np.arange(n), dkey, ykey))


def formulations(corpus: CorpusLike, phrases: Any = None, by: str | None = "year",
                 min_docs: int = 3, analyzer: Analyzer | None = None) -> pd.DataFrame:
    """See ``Corpus.formulations``."""
    phrases = check_phrases(phrases)
    min_docs = check_int("min_docs", min_docs, 1)
    docvars = corpus.docvars
    check_by(docvars, by)
    out = corpus_formulations(corpus._core, phrases, int(min_docs), analyzer=analyzer)
    names = list(out["phrase"])
    counts = np.asarray(out["counts"], dtype=np.int64).reshape(len(docvars), len(names))
    return frame(names, counts, np.asarray(out["chars"], dtype=np.int64), docvars, by)


def check_by(docvars: pd.DataFrame, by: str | None) -> None:
    """A ValueError naming the document variables when ``by`` is none of them."""
    if by is not None and by not in docvars.columns:
        raise ValueError(f"by = {by!r} is not a document variable; give one of "
                         f"{list(docvars.columns)} or None for the whole corpus")


def frame(names: list[str], counts: np.ndarray, chars: np.ndarray, docvars: pd.DataFrame,
          by: str | None) -> pd.DataFrame:
    """The formulations table from each document's counts of each phrase (documents x
    phrases) and characters (in memory and from ``wenmai.dask``)."""
    ndoc, nphr = len(docvars), len(names)
    ids = np.asarray(docvars["doc_id"], dtype=object)
    dates = docvars["published"].to_numpy(dtype=object) if "published" in docvars \
        else np.full(ndoc, None, dtype=object)
    order = _order(docvars)
    seen = counts[order] > 0
    has = seen.any(axis=0)
    first = order[np.argmax(seen, axis=0)]
    last = order[ndoc - 1 - np.argmax(seen[::-1], axis=0)] if ndoc else first
    none = np.full(nphr, None, dtype=object)
    appear = {
        "first_date": np.where(has, dates[first], none) if ndoc else none,
        "last_date": np.where(has, dates[last], none) if ndoc else none,
    }
    if by is None:
        codes, keys = np.zeros(ndoc, dtype=np.int64), [None]
    else:
        codes, uniques = pd.factorize(docvars[by], sort=True, use_na_sentinel=False)
        keys = list(uniques)
    ng = len(keys)
    # Sums per group as one matrix product: groups x documents times documents x phrases.
    member = np.zeros((ng, ndoc), dtype=np.int64)
    member[codes, np.arange(ndoc)] = 1
    gcount = member @ counts
    gdocs = member @ (counts > 0).astype(np.int64)
    gchars = member @ chars
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(gchars[:, None] > 0, gcount * 10_000 / gchars[:, None], np.nan)
    # Categoricals: 1.8 million rows of discovered phrases would be slow as strings.
    rows_phrase = np.repeat(np.arange(nphr), ng)
    cols: dict[str, Any] = {"phrase": pd.Categorical.from_codes(
        rows_phrase, categories=pd.Index(names, dtype=object))}
    if by is not None:
        cols[by] = uniques.take(np.tile(np.arange(ng), nphr))
    cols["count"] = gcount.T.ravel()
    cols["rate"] = rate.T.ravel()
    cols["documents"] = gdocs.T.ravel()
    doc_ids = pd.Index(pd.unique(ids), dtype=object)
    doc_code = doc_ids.get_indexer(ids)
    for which, at in (("first", first), ("last", last)):
        code = np.where(has, doc_code[at], -1) if ndoc else np.full(nphr, -1)
        cols[f"{which}_doc"] = pd.Categorical.from_codes(np.repeat(code, ng), categories=doc_ids)
        cols[f"{which}_date"] = np.repeat(appear[f"{which}_date"], ng)
    df = pd.DataFrame(cols)
    return df.reset_index(drop=True)
