"""jieba 0.42.1's ``jieba.analyse``: keywords by tf-idf (``extract_tags``) and TextRank.

Same signatures and return values: a list of words, or of ``(word, weight)`` with
``withWeight=True``; with ``withFlag=True`` and a POS filter the words are
``wenmai.jieba.posseg.pair`` objects. The work is done in Rust (``wenmai.KeywordExtractor``)
with the dictionary of ``wenmai.jieba.dt``. jieba's attributes are here and take effect:
``TFIDF.idf_freq`` and ``median_idf`` (assigned or changed in place), ``stop_words`` (words
added to the set; removing one of jieba's built-in stop words is not supported),
``TextRank.span`` and ``pos_filt``. ``ChineseAnalyzer`` (for whoosh) is here when whoosh is
installed.
"""

from __future__ import annotations

import io
import os
from typing import Any

from wenmai._params import INT_MAX
from wenmai._wenmai import KeywordExtractor as _KeywordExtractor
from wenmai.jieba import _get_abs_path, strdecode
from wenmai.jieba.posseg import pair

DEFAULT_IDF = None


def _missing(path: str) -> FileNotFoundError:
    # jieba raises a bare Exception with this message; a FileNotFoundError is one too.
    return FileNotFoundError("jieba: file does not exist: " + path)


def _shape(rows: list, withWeight: bool, withFlag: bool, allowPOS: Any, topK: Any) -> list:
    flagged = bool(withFlag and allowPOS)
    out: list = []
    for word, weight, flag in rows:
        key = pair(word, flag or "") if flagged else word
        out.append((key, weight) if withWeight else key)
    # jieba: `if topK: return tags[:topK]` (so -1 drops the last one, 0 and None keep all).
    return out[:topK] if topK else out


class _IdfDict(dict):
    """``idf_freq``: a dict that notes changes so that they reach the Rust table."""

    dirty = False

    def _touch(self) -> None:
        self.dirty = True

    def __setitem__(self, k: Any, v: Any) -> None:
        super().__setitem__(k, v)
        self._touch()

    def __delitem__(self, k: Any) -> None:
        super().__delitem__(k)
        self._touch()

    def update(self, *a: Any, **kw: Any) -> None:
        """``dict.update`` (noted)."""
        super().update(*a, **kw)
        self._touch()

    def pop(self, *a: Any) -> Any:
        """``dict.pop`` (noted)."""
        self._touch()
        return super().pop(*a)

    def popitem(self) -> Any:
        """``dict.popitem`` (noted)."""
        self._touch()
        return super().popitem()

    def setdefault(self, k: Any, d: Any = None) -> Any:
        """``dict.setdefault`` (noted)."""
        self._touch()
        return super().setdefault(k, d)

    def clear(self) -> None:
        """``dict.clear`` (noted)."""
        super().clear()
        self._touch()


class IDFLoader:
    """jieba's ``IDFLoader``: reads an ``idf.txt`` (``word idf`` per line) into ``idf_freq``
    and its ``median_idf``."""

    def __init__(self, idf_path: Any = None) -> None:
        self.path = ""
        self.idf_freq: dict[str, float] = {}
        self.median_idf = 0.0
        if idf_path:
            self.set_new_path(idf_path)

    def set_new_path(self, new_idf_path: Any) -> None:
        """Read another table (unless it is the one already read)."""
        if self.path != new_idf_path:
            self.path = new_idf_path
            with open(new_idf_path, "rb") as f:
                content = f.read().decode("utf-8")
            self.idf_freq = {}
            for line in content.splitlines():
                word, freq = line.strip().split(" ")
                self.idf_freq[word] = float(freq)
            self.median_idf = sorted(self.idf_freq.values())[len(self.idf_freq) // 2]

    def get_idf(self) -> tuple[dict[str, float], float]:
        """``(idf_freq, median_idf)``."""
        return self.idf_freq, self.median_idf


class KeywordExtractor:
    """The base of ``TFIDF`` and ``TextRank``: the tokenizers and the stop words."""

    STOP_WORDS = frozenset((
        "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are",
        "by", "be", "as", "on", "with", "can", "if", "from", "which", "you", "it",
        "this", "then", "at", "have", "all", "not", "one", "has", "or", "that",
    ))

    def __init__(self) -> None:
        import wenmai.jieba as _jieba
        import wenmai.jieba.posseg as _posseg

        self.tokenizer = _jieba.dt
        self.postokenizer = _posseg.dt
        self.stop_words = set(self.STOP_WORDS)
        self._extractor: _KeywordExtractor | None = None
        self._made_with: Any = None
        self._pushed: set[str] = set(self.STOP_WORDS)
        self._idf_path: str | None = None
        self._idf_pairs: tuple[list, float] | None = None

    def _fresh(self) -> _KeywordExtractor:
        seg = self.tokenizer.segmenter
        k = _KeywordExtractor(seg)
        if self._idf_path is not None:
            k.set_idf_path(self._idf_path)
        if self._idf_pairs is not None:
            k._set_idf_pairs(*self._idf_pairs)
        self._made_with = seg
        self._pushed = set(self.STOP_WORDS)
        return k

    @property
    def _native(self) -> _KeywordExtractor:
        # Made on first use (it loads jieba's idf table), again if the tokenizer's
        # dictionary was replaced (set_dictionary); stop words added since are passed on.
        if self._extractor is None or self._made_with is not self.tokenizer.segmenter:
            self._extractor = self._fresh()
        if self.stop_words != self._pushed:
            if not self._pushed <= self.stop_words:
                self._extractor = self._fresh()
            new = self.stop_words - self._pushed
            if new:
                data = "\n".join(sorted(new)).encode("utf-8")
                self._extractor.set_stop_words(io.BytesIO(data))
            self._pushed = set(self.stop_words)
        return self._extractor

    def set_stop_words(self, stop_words_path: Any) -> None:
        """Add the stop words in a file (one per line); a missing file raises as in jieba."""
        abs_path = _get_abs_path(stop_words_path)
        if not os.path.isfile(abs_path):
            raise _missing(abs_path)
        with open(abs_path, "rb") as f:
            content = f.read().decode("utf-8")
        for line in content.splitlines():
            self.stop_words.add(line)

    def extract_tags(self, *args: Any, **kwargs: Any) -> list:  # pragma: no cover - abstract
        """Implemented by ``TFIDF`` and ``TextRank``."""
        raise NotImplementedError


class TFIDF(KeywordExtractor):
    """jieba's ``TFIDF``: term frequency times jieba's idf (median idf for unknown words)."""

    def __init__(self, idf_path: Any = None) -> None:
        super().__init__()
        self._idf_freq: _IdfDict | None = None
        if idf_path is not None:
            self.set_idf_path(idf_path)

    def set_idf_path(self, idf_path: Any) -> None:
        """Use an idf table in jieba's ``idf.txt`` format (``word idf`` per line)."""
        new_abs_path = _get_abs_path(idf_path)
        if not os.path.isfile(new_abs_path):
            raise _missing(new_abs_path)
        if self._extractor is None:
            self._extractor = self._fresh()
        self._extractor.set_idf_path(new_abs_path)  # read now: a bad file raises here
        self._idf_path, self._idf_pairs, self._idf_freq = new_abs_path, None, None

    @property
    def idf_freq(self) -> dict[str, float]:
        """word -> idf of the table in use (read on first use; changes take effect)."""
        if self._idf_freq is None:
            self._idf_freq = _IdfDict(self._native.idf_items())
        return self._idf_freq

    @idf_freq.setter
    def idf_freq(self, table: dict[str, float]) -> None:
        self._idf_freq = _IdfDict(table)
        self._idf_freq.dirty = True

    @property
    def median_idf(self) -> float:
        """The idf given to words not in ``idf_freq``."""
        if self._idf_pairs is not None:
            return self._idf_pairs[1]
        return self._native.median_idf()

    @median_idf.setter
    def median_idf(self, value: float) -> None:
        self._set_pairs(list(self.idf_freq.items()), float(value))

    @property
    def idf_loader(self) -> IDFLoader:
        """jieba's ``idf_loader``: the table in use as an ``IDFLoader``."""
        loader = IDFLoader()
        loader.path = self._idf_path or ""
        loader.idf_freq, loader.median_idf = self.idf_freq, self.median_idf
        return loader

    def _set_pairs(self, pairs: list, median: float) -> None:
        self._idf_pairs, self._idf_path = (pairs, median), None
        self._native._set_idf_pairs(pairs, median)
        if self._idf_freq is not None:
            self._idf_freq.dirty = False

    def _sync_idf(self) -> None:
        if self._idf_freq is not None and self._idf_freq.dirty:
            self._set_pairs(list(self._idf_freq.items()), self.median_idf)

    def extract_tags(
        self,
        sentence: Any,
        topK: int | None = 20,
        withWeight: bool = False,
        allowPOS: Any = (),
        withFlag: bool = False,
    ) -> list:
        """The ``topK`` keywords of ``sentence`` (all of them when ``topK`` is None or 0)."""
        self._sync_idf()
        rows = self._native.extract_tags(strdecode(sentence), None, list(allowPOS), bool(withFlag))
        return _shape(rows, withWeight, withFlag, allowPOS, topK)


class TextRank(KeywordExtractor):
    """jieba's ``TextRank``: a word graph over a window of ``span`` words, ten iterations,
    weights scaled to the maximum. As in jieba, ``textrank`` sets ``pos_filt`` from
    ``allowPOS``."""

    def __init__(self) -> None:
        super().__init__()
        self.tokenizer = self.postokenizer
        self.pos_filt = frozenset(("ns", "n", "vn", "v"))
        self.span = 5

    def pairfilter(self, wp: pair) -> bool:
        """Whether a ``pair`` is a candidate (its flag in ``pos_filt``, two chars or more,
        not a stop word)."""
        return (wp.flag in self.pos_filt and len(wp.word.strip()) >= 2
                and wp.word.lower() not in self.stop_words)

    def textrank(
        self,
        sentence: Any,
        topK: int | None = 20,
        withWeight: bool = False,
        allowPOS: Any = ("ns", "n", "vn", "v"),
        withFlag: bool = False,
    ) -> list:
        """The ``topK`` TextRank keywords of ``sentence`` among words with ``allowPOS``."""
        self.pos_filt = frozenset(allowPOS)
        rows = self._native.textrank(
            strdecode(sentence), None, sorted(self.pos_filt), bool(withFlag),
            # jieba links no words for any span below 2, and any span past the text is all of
            # it: clamped to what the native layer takes (an i64)
            min(max(int(self.span), 1), INT_MAX),
        )
        return _shape(rows, withWeight, withFlag, allowPOS, topK)

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


def __getattr__(name: str) -> Any:
    # Imported on first use: whoosh is optional and slow to import.
    if name in ("ChineseAnalyzer", "ChineseTokenizer"):
        try:
            from wenmai.jieba import _whoosh
        except ImportError as e:
            raise AttributeError(f"{name} needs whoosh (pip install whoosh): {e}") from None
        return getattr(_whoosh, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "IDFLoader",
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
