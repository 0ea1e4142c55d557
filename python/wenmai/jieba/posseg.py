"""jieba 0.42.1's ``jieba.posseg``: words with part-of-speech tags.

``import wenmai.jieba.posseg as pseg``; ``pseg.lcut(s)`` is a list of ``pair`` objects with
``.word`` and ``.flag`` that also unpack as ``word, flag``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

import wenmai.jieba as _jieba
from wenmai.jieba import default_logger, log_console, setLogLevel, strdecode  # noqa: F401

# jieba.posseg's character classes (the Rust tagger applies the same ones).
re_han_detail = re.compile(r"([\u4E00-\u9FD5]+)")
re_skip_detail = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
re_han_internal = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._]+)")
re_skip_internal = re.compile(r"(\r\n|\s)")
re_eng = re.compile(r"[a-zA-Z0-9]+")
re_num = re.compile(r"[\.0-9]+")
re_eng1 = re.compile(r"^[a-zA-Z0-9]$", re.U)


class pair:  # noqa: N801 (jieba's name)
    """A word and its part-of-speech flag; iterates as ``(word, flag)``."""

    __slots__ = ("word", "flag")

    def __init__(self, word: str, flag: str) -> None:
        self.word = word
        self.flag = flag

    def __unicode__(self) -> str:
        return f"{self.word}/{self.flag}"

    def __str__(self) -> str:
        return f"{self.word}/{self.flag}"

    def __repr__(self) -> str:
        return f"pair({self.word!r}, {self.flag!r})"

    def __iter__(self) -> Iterator[str]:
        return iter((self.word, self.flag))

    def __lt__(self, other: pair) -> bool:
        return self.word < other.word

    def __eq__(self, other: object) -> bool:
        return isinstance(other, pair) and self.word == other.word and self.flag == other.flag

    def __hash__(self) -> int:
        return hash(self.word)

    def encode(self, arg: str) -> bytes:
        """``str(self).encode(arg)``."""
        return str(self).encode(arg)


class POSTokenizer:
    """jieba's ``POSTokenizer`` over a ``wenmai.jieba.Tokenizer``: ``cut`` / ``lcut`` give
    ``pair(word, flag)``; other attributes are the tokenizer's (``cut_for_search``,
    ``lcut_for_search`` and ``tokenize`` raise ``NotImplementedError``, as in jieba)."""

    def __init__(self, tokenizer: _jieba.Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or _jieba.Tokenizer()
        self._word_tag_tab: dict[str, str] | None = None

    def __repr__(self) -> str:
        return f"<POSTokenizer tokenizer={self.tokenizer!r}>"

    def __getattr__(self, name: str) -> Any:
        if name in ("cut_for_search", "lcut_for_search", "tokenize"):
            # may be implemented in the future
            raise NotImplementedError
        if name.startswith("__") or name in ("tokenizer", "_word_tag_tab"):
            raise AttributeError(name)
        return getattr(self.tokenizer, name)

    @property
    def word_tag_tab(self) -> dict[str, str]:
        """Word -> POS tag of the main dictionary plus the user words (read on first use)."""
        if self._word_tag_tab is None:
            self.load_word_tag(self.tokenizer.get_dict_file())
        self.makesure_userdict_loaded()
        assert self._word_tag_tab is not None
        return self._word_tag_tab

    @word_tag_tab.setter
    def word_tag_tab(self, value: dict[str, str]) -> None:
        self._word_tag_tab = value

    def initialize(self, dictionary: Any = None) -> None:
        """Load the dictionary now."""
        self.tokenizer.initialize(dictionary)
        self._word_tag_tab = None

    def load_word_tag(self, f: Any) -> None:
        """Read ``word freq tag`` lines from a binary file object into ``word_tag_tab``."""
        self._word_tag_tab = {}
        f_name = getattr(f, "name", "<file>")
        for lineno, line in enumerate(f, 1):
            try:
                line = line.strip().decode("utf-8")
                if not line:
                    continue
                word, _, tag = line.split(" ")
                self._word_tag_tab[word] = tag
            except Exception:
                raise ValueError(
                    f"invalid POS dictionary entry in {f_name} at Line {lineno}: {line}"
                ) from None
        f.close()

    def makesure_userdict_loaded(self) -> None:
        """Move the tokenizer's user word tags into ``word_tag_tab``."""
        if self.tokenizer.user_word_tag_tab and self._word_tag_tab is not None:
            self._word_tag_tab.update(self.tokenizer.user_word_tag_tab)
            self.tokenizer.user_word_tag_tab = {}

    def cut(self, sentence: Any, HMM: bool = True) -> Iterator[pair]:
        """A generator of ``pair(word, flag)``."""
        seg = self.tokenizer.segmenter
        for w, f in seg.tag(_jieba.strdecode(sentence), hmm=HMM):
            yield pair(w, f)

    def lcut(self, *args: Any, **kwargs: Any) -> list[pair]:
        """``list(cut(...))``."""
        return list(self.cut(*args, **kwargs))

    def _lcut_internal(self, sentence: Any) -> list[pair]:
        return self.lcut(sentence)

    def _lcut_internal_no_hmm(self, sentence: Any) -> list[pair]:
        return self.lcut(sentence, False)


dt = POSTokenizer(_jieba.dt)
initialize = dt.initialize


def _lcut_internal(s: Any) -> list[pair]:
    return dt._lcut_internal(s)


def _lcut_internal_no_hmm(s: Any) -> list[pair]:
    return dt._lcut_internal_no_hmm(s)


def cut(sentence: Any, HMM: bool = True, use_paddle: bool = False) -> Iterator[pair]:
    """Words with flags: a generator of ``pair`` (jieba's ``posseg.cut``)."""
    if use_paddle:
        warnings.warn("wenmai.jieba has no paddle mode", RuntimeWarning, stacklevel=2)
    yield from dt.cut(sentence, HMM=HMM)


def lcut(sentence: Any, HMM: bool = True, use_paddle: bool = False) -> list[pair]:
    """Words with flags: a list of ``pair`` (jieba's ``posseg.lcut``)."""
    return list(cut(sentence, HMM, use_paddle))


__all__ = ["POSTokenizer", "cut", "dt", "initialize", "lcut", "pair"]
