"""jieba 0.42.1's ``jieba.posseg``: words with part-of-speech tags.

``import wenmai.jieba.posseg as pseg``; ``pseg.lcut(s)`` is a list of ``pair`` objects with
``.word`` and ``.flag`` that also unpack as ``word, flag``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import wenmai.jieba as _jieba


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
    """jieba's ``POSTokenizer`` over a ``wenmai.jieba.Tokenizer``."""

    def __init__(self, tokenizer: _jieba.Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or _jieba.Tokenizer()

    def __repr__(self) -> str:
        return f"<POSTokenizer tokenizer={self.tokenizer!r}>"

    def initialize(self, dictionary: Any = None) -> None:
        """Load the dictionary now."""
        self.tokenizer.initialize(dictionary)

    def cut(self, sentence: Any, HMM: bool = True) -> Iterator[pair]:
        """A generator of ``pair(word, flag)``."""
        seg = self.tokenizer.segmenter
        for w, f in seg.tag(_jieba.strdecode(sentence), hmm=HMM):
            yield pair(w, f)

    def lcut(self, *args: Any, **kwargs: Any) -> list[pair]:
        """``list(cut(...))``."""
        return list(self.cut(*args, **kwargs))


dt = POSTokenizer(_jieba.dt)
initialize = dt.initialize


def cut(sentence: Any, HMM: bool = True, use_paddle: bool = False) -> Iterator[pair]:
    """Words with flags: a generator of ``pair`` (jieba's ``posseg.cut``)."""
    if use_paddle:
        warnings.warn("wenmai.jieba has no paddle mode", RuntimeWarning, stacklevel=2)
    yield from dt.cut(sentence, HMM=HMM)


def lcut(sentence: Any, HMM: bool = True, use_paddle: bool = False) -> list[pair]:
    """Words with flags: a list of ``pair`` (jieba's ``posseg.lcut``)."""
    return list(cut(sentence, HMM, use_paddle))


__all__ = ["POSTokenizer", "cut", "dt", "initialize", "lcut", "pair"]
