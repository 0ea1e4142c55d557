"""Bad parameters give a ValueError in scikit-learn's words, naming the parameter and the
value, from the native classes and the Python layer alike (never PyO3's OverflowError)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
import wenmai
from wenmai import Analyzer, Corpus, KeywordExtractor, Segmenter
from wenmai.jieba import analyse


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.from_texts(["发展经济，建设国家。", "改革开放，发展科技。"])


CASES: list[tuple[Callable[[Corpus], Any], str]] = [
    (lambda c: wenmai.keywords("发展经济", top_k=-1), "top_k must be >= 0, got -1"),
    (lambda c: c.keywords(top_k=-1), "top_k must be >= 0, got -1"),
    (lambda c: c.dtm(max_features=-1), "max_features must be a positive int or None, got -1"),
    (lambda c: c.dtm(min_df=-1), "min_df must be >= 0, got -1"),
    (lambda c: c.dtm(unit="para"),
     "unit must be one of 'document', 'section', 'paragraph', 'sentence', got 'para'"),
    (lambda c: c.tokens(unit=3), "unit must be one of 'document', .*, got 3"),
    (lambda c: c.frequency(top=-1), "top must be an int >= 0 or None, got -1"),
    (lambda c: c.kwic("发展", window=0), "window must be >= 1, got 0"),
    (lambda c: c.collocations(size=7), r"size must be an int in \[2, 5\], got 7"),
    (lambda c: c.parallelisms(min_members=1), "min_members must be >= 2, got 1"),
    (lambda c: c.keywords(method="rake"),
     "method must be one of 'tfidf', 'textrank', got 'rake'"),
    (lambda c: Segmenter().cut_many(["发展"], threads=-1),
     r"threads must be in \[1, 1024\], got -1"),
    (lambda c: Segmenter().cut("发展", mode="fast"), "mode must be one of 'precise', 'full'"),
    (lambda c: Segmenter(private=True).add_word("文脉", freq=-5),
     "add_word: freq must be >= 0, got -5"),
    (lambda c: Analyzer(min_len=-1), "min_len must be >= 0, got -1"),
    (lambda c: Analyzer(ngram_range=(0, 2)),
     r"ngram_range must be a pair of ints >= 1, got \(0, 2\)"),
    (lambda c: KeywordExtractor().textrank("发展", span=0), "span must be >= 1, got 0"),
    (lambda c: KeywordExtractor().extract_tags("发展", top_k=-1),
     "top_k must be an int >= 0 or None, got -1"),
    (lambda c: wenmai.parse("发展").to_json(indent=-2),
     "indent must be an int >= 0 or None, got -2"),
    (lambda c: c.kwic("发展", window=2**64),
     "window must be <= 9223372036854775807, got 18446744073709551616"),
    (lambda c: c.collocations(min_count=2**64), "min_count must be <= 9223372036854775807"),
    (lambda c: c.cooccurrence(terms=2**64), "terms must be <= 9223372036854775807"),
    (lambda c: c.dtm().similarity(top_k=2**64), "top_k must be <= 9223372036854775807"),
    (lambda c: c.lexdiv(measures=("MATTR",), window=2**64),
     "window must be <= 9223372036854775807"),
    (lambda c: Corpus.from_texts([]).dtm(), "the corpus is empty"),
    (lambda c: Corpus.from_texts([]).frequency(), "the corpus is empty"),
    (lambda c: Corpus.from_texts([]).keywords(), "the corpus is empty"),
]


@pytest.mark.parametrize(("call", "message"), CASES)
def test_bad_parameter_says_what_to_change(corpus: Corpus, call: Callable[[Corpus], Any],
                                           message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        call(corpus)
    assert not isinstance(info.value, OverflowError)
    assert re.search(message, str(info.value))


def test_jieba_shim_keeps_jiebas_behaviour() -> None:
    text = "发展经济，建设国家，发展教育，建设城市。"
    tags = analyse.extract_tags(text)
    assert analyse.extract_tags(text, topK=-1) == tags[:-1]  # jieba: `tags[:topK]`
    tr = analyse.TextRank()
    tr.span = 0  # jieba links no words for any span below 2
    assert tr.textrank(text) == []
