"""jieba's ``ChineseAnalyzer`` for whoosh, over ``wenmai.jieba.tokenize(mode="search")``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import LowercaseFilter, StemFilter, StopFilter, Token, Tokenizer
from whoosh.lang.porter import stem

import wenmai.jieba as jieba

STOP_WORDS = frozenset(("a", "an", "and", "are", "as", "at", "be", "by", "can",
                        "for", "from", "have", "if", "in", "is", "it", "may",
                        "not", "of", "on", "or", "tbd", "that", "the", "this",
                        "to", "us", "we", "when", "will", "with", "yet",
                        "you", "your", "的", "了", "和"))

accepted_chars = re.compile(r"[\u4E00-\u9FD5]+")


class ChineseTokenizer(Tokenizer):
    """whoosh tokens of jieba's search-mode words (single non-CJK chars left out)."""

    def __call__(self, text: str, **kargs: Any) -> Iterator[Token]:
        words = jieba.tokenize(text, mode="search")
        token = Token()
        for (w, start_pos, stop_pos) in words:
            if not accepted_chars.match(w) and len(w) <= 1:
                continue
            token.original = token.text = w
            token.pos = start_pos
            token.startchar = start_pos
            token.endchar = stop_pos
            yield token


def ChineseAnalyzer(stoplist: Any = STOP_WORDS, minsize: int = 1, stemfn: Any = stem,  # noqa: N802
                    cachesize: int = 50000) -> Any:
    """jieba's whoosh analyzer: search-mode words, lower-cased, stop words out, stemmed."""
    return (ChineseTokenizer() | LowercaseFilter()
            | StopFilter(stoplist=stoplist, minsize=minsize)
            | StemFilter(stemfn=stemfn, ignore=None, cachesize=cachesize))
