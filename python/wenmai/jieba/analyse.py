"""jieba 0.42.1's ``jieba.analyse``: keywords by tf-idf (``extract_tags``) and TextRank.

Same signatures and return values: a list of words, or of ``(word, weight)`` with
``withWeight=True``; with ``withFlag=True`` and a POS filter the words are
``wenmai.jieba.posseg.pair`` objects. The work is done in Rust (``wenmai.KeywordExtractor``).
"""

from __future__ import annotations

from typing import Any

from wenmai._wenmai import KeywordExtractor as _KeywordExtractor
from wenmai.jieba import strdecode
from wenmai.jieba.posseg import pair

DEFAULT_IDF = None


def _shape(rows: list, withWeight: bool, withFlag: bool, allowPOS: Any) -> list:
    flagged = bool(withFlag and allowPOS)
    out: list = []
    for word, weight, flag in rows:
        key = pair(word, flag or "") if flagged else word
        out.append((key, weight) if withWeight else key)
    return out


class KeywordExtractor:
    """The base of ``TFIDF`` and ``TextRank``: stop words shared by both."""

    def __init__(self) -> None:
        self._extractor: _KeywordExtractor | None = None

    @property
    def _native(self) -> _KeywordExtractor:
        # Made on first use: it loads jieba's idf table and dictionary.
        if self._extractor is None:
            self._extractor = _KeywordExtractor()
        return self._extractor

    def set_stop_words(self, stop_words_path: Any) -> None:
        """Add the stop words in a file (one per line)."""
        self._native.set_stop_words(stop_words_path)

    def extract_tags(self, *args: Any, **kwargs: Any) -> list:  # pragma: no cover - abstract
        """Implemented by ``TFIDF`` and ``TextRank``."""
        raise NotImplementedError


class TFIDF(KeywordExtractor):
    """jieba's ``TFIDF``: term frequency times jieba's idf (median idf for unknown words)."""

    def __init__(self, idf_path: Any = None) -> None:
        super().__init__()
        if idf_path is not None:
            self.set_idf_path(idf_path)

    def set_idf_path(self, idf_path: Any) -> None:
        """Use an idf table in jieba's ``idf.txt`` format (``word idf`` per line)."""
        self._native.set_idf_path(idf_path)

    def extract_tags(
        self,
        sentence: Any,
        topK: int | None = 20,
        withWeight: bool = False,
        allowPOS: Any = (),
        withFlag: bool = False,
    ) -> list:
        """The ``topK`` keywords of ``sentence`` (all of them when ``topK`` is None)."""
        rows = self._native.extract_tags(
            strdecode(sentence), topK or None, list(allowPOS), bool(withFlag)
        )
        return _shape(rows, withWeight, withFlag, allowPOS)


class TextRank(KeywordExtractor):
    """jieba's ``TextRank`` (window 5, ten iterations, weights scaled to the maximum)."""

    def __init__(self) -> None:
        super().__init__()
        self.pos_filt = frozenset(("ns", "n", "vn", "v"))
        self.span = 5

    def textrank(
        self,
        sentence: Any,
        topK: int | None = 20,
        withWeight: bool = False,
        allowPOS: Any = ("ns", "n", "vn", "v"),
        withFlag: bool = False,
    ) -> list:
        """The ``topK`` TextRank keywords of ``sentence`` among words with ``allowPOS``."""
        rows = self._native.textrank(
            strdecode(sentence), topK or None, list(allowPOS), bool(withFlag)
        )
        return _shape(rows, withWeight, withFlag, allowPOS)

    extract_tags = textrank


default_tfidf = TFIDF()
default_textrank = TextRank()

extract_tags = tfidf = default_tfidf.extract_tags
set_idf_path = default_tfidf.set_idf_path
textrank = default_textrank.extract_tags


def set_stop_words(stop_words_path: Any) -> None:
    """Add the stop words in a file to both extractors (jieba's ``set_stop_words``)."""
    default_tfidf.set_stop_words(stop_words_path)
    default_textrank.set_stop_words(stop_words_path)


__all__ = [
    "KeywordExtractor",
    "TFIDF",
    "TextRank",
    "default_textrank",
    "default_tfidf",
    "extract_tags",
    "set_idf_path",
    "set_stop_words",
    "textrank",
    "tfidf",
]
