"""``Corpus.kwic``: the pattern checked and normalised, the matches from Rust as a
DataFrame that shows in Jupyter as quanteda prints a kwic (context right-aligned, keyword
centred and bold, context left-aligned)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from wenmai._params import check_int
from wenmai._stats import CorpusLike
from wenmai._wenmai import corpus_kwic

if TYPE_CHECKING:
    from wenmai._wenmai import Analyzer

COLUMNS = ["doc_id", "section", "start", "end", "pre", "keyword", "post", "pattern"]


def normalize_pattern(pattern: Any) -> list[str | list[str]]:
    """A pattern as Rust takes it: a list of alternatives, each a string (text) or a list of
    a phrase's tokens. ``"改革"`` -> ``["改革"]``; ``["改革", "发展"]`` -> either;
    ``[["全面", "从严治党"]]`` -> one phrase; a ``Dictionary`` -> its entries."""
    from wenmai._stats.dictionary import Dictionary

    if isinstance(pattern, Dictionary):  # quanteda's kwic(x, dictionary): every entry
        items: list[Any] = [e for v in pattern.flatten().values() for e in v]
    elif isinstance(pattern, str):
        items = [pattern]
    elif isinstance(pattern, Sequence) and not isinstance(pattern, bytes):
        items = list(pattern)
    else:
        raise ValueError(
            f"pattern must be a string, a list of strings or a list of phrases (lists of "
            f"tokens), not {type(pattern).__name__}")
    if not items:
        raise ValueError("the pattern is empty: give a term, a list of terms or a phrase")
    out: list[str | list[str]] = []
    for item in items:
        phrase = [item] if isinstance(item, str) else item
        if not isinstance(phrase, Sequence) or not all(isinstance(t, str) for t in phrase):
            raise ValueError(f"pattern entry {item!r} is neither a string nor a list of strings")
        if not phrase or any(not t.strip() for t in phrase):
            raise ValueError(
                f"pattern entry {item!r} is empty: give each term at least one character")
        out.append(item if isinstance(item, str) else list(item))
    return out


class Kwic(pd.DataFrame):
    """Keywords in context: a ``pandas.DataFrame`` with columns ``doc_id, section, start,
    end, pre, keyword, post, pattern``, that Jupyter shows aligned on the keyword."""

    @property
    def _constructor(self) -> type[Kwic]:
        return Kwic

    def _repr_html_(self) -> str | None:
        if not {"pre", "keyword", "post"} <= set(self.columns):
            return super()._repr_html_()
        limit = pd.get_option("display.max_rows") or len(self)
        shown = self.head(limit)
        other = [c for c in shown.columns if c not in ("pre", "keyword", "post")]
        cell = "padding:0 .4em;white-space:nowrap"
        align = {"pre": "text-align:right", "keyword": "text-align:center;font-weight:bold",
                 "post": "text-align:left"}
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in other)
        head += "<th style='text-align:right'>pre</th><th>keyword</th>"
        head += "<th style='text-align:left'>post</th>"
        rows = []
        for _, r in shown.iterrows():
            cells = "".join(f"<td style='{cell}'>{html.escape(_text(r[c]))}</td>" for c in other)
            for c in ("pre", "keyword", "post"):
                cells += f"<td style='{cell};{align[c]}'>{html.escape(_text(r[c]))}</td>"
            rows.append(f"<tr>{cells}</tr>")
        more = "" if len(shown) == len(self) else f"<p>{len(self)} rows, {len(shown)} shown</p>"
        return (f"<table class='dataframe wenmai-kwic'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>{more}")


def _text(v: Any) -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA else str(v)


def kwic(corpus: CorpusLike, pattern: Any, window: int = 5, unit: str = "sentence",
         regex: bool = False, case_insensitive: bool = True,
         analyzer: Analyzer | None = None) -> Kwic:
    """See ``Corpus.kwic``."""
    patterns = normalize_pattern(pattern)
    window = check_int("window", window, 1)
    if not isinstance(regex, bool):
        raise ValueError(f"regex must be True or False, not {regex!r}")
    cols = corpus_kwic(corpus._core, patterns, int(window), unit, regex, case_insensitive,
                       analyzer)
    ids = np.asarray(corpus.ids, dtype=object)
    labels = np.asarray(cols["labels"], dtype=object)
    doc = cols["document"].astype(np.intp)

    def strings(values: list[str]) -> np.ndarray:
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out

    return Kwic({
        "doc_id": ids[doc] if len(doc) else np.empty(0, dtype=object),
        "section": pd.array(cols["section"], dtype="Int64"),
        "start": cols["start"].astype(np.int64),
        "end": cols["end"].astype(np.int64),
        "pre": strings(cols["pre"]),
        "keyword": strings(cols["keyword"]),
        "post": strings(cols["post"]),
        "pattern": labels[cols["pattern"].astype(np.intp)] if len(doc) else strings([]),
    }, columns=COLUMNS)
