"""Random text and random parameters into the public API (hypothesis): nothing panics
(no ``PanicException``, no ``wenmai.InternalError``), nothing crashes, and the only errors
are the documented ones: ``ValueError`` (a lone surrogate is a ``UnicodeEncodeError``, one),
``TypeError`` and ``wenmai.WenmaiError``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import wenmai
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces that steer the parser, the segmenter and the rhetoric into their branches.
PIECES = ["第一条", "一、", "（一）", "1.", "。", "，", "；", "\n", "\r\n", "\r", "\n\n",
          "发展经济", "全面从严治党", "一是", "二是", "三是", "坚持", "改革开放", "实事求是",
          "<div>", "</p>", "&amp;", "2024年1月2日", "iPhone 12", "\x00", "\x1b", "\t",
          "😀", "👨‍👩‍👧", "\u200b", "\ufeff", "\ud800", "\udfff", "ｱ", "Ω"]

texts = st.lists(
    st.one_of(st.sampled_from(PIECES),
              st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=8),
              st.text(max_size=6)),
    max_size=12,
).map("".join)

ints = st.one_of(st.integers(-3, 8), st.sampled_from([-(2**40), 2**40]))
maybe_ints = st.one_of(st.none(), ints)
params = st.one_of(ints, st.none(), st.sampled_from(["", "x", "para", "2"]), st.floats(-1, 2))
units = st.one_of(st.sampled_from(["document", "section", "paragraph", "sentence"]), params)


def allowed(call: Callable[[], Any]) -> Any:
    """The result of ``call()``, or None after a documented error; anything else fails."""
    try:
        return call()
    except wenmai.InternalError:
        raise
    except (ValueError, TypeError, wenmai.WenmaiError):
        return None


@pytest.fixture(scope="module")
def private() -> wenmai.Segmenter:
    return wenmai.Segmenter(private=True)


@SETTINGS
@given(text=texts, convert=st.sampled_from([None, "t2s", "nope"]))
def test_parse(text: str, convert: str | None) -> None:
    for call in (lambda: wenmai.parse(text, convert=convert), lambda: wenmai.parse_html(text)):
        doc = allowed(call)
        if doc is not None:
            assert all(0 <= s.start <= s.end <= len(doc.text) for s in doc.sentences)
            allowed(lambda d=doc: d.to_json(indent=convert and -1))


@pytest.mark.filterwarnings("ignore:.*too little text")  # the decoder's documented warning
@SETTINGS
@given(data=st.binary(max_size=64), encoding=st.sampled_from(
    [None, "utf-8", "gbk", "big5", "utf-16-le", "utf-16", "nope", ""]),
    errors=st.sampled_from(["strict", "replace", "ignore"]))
def test_decode_and_read(tmp_path_factory: Any, data: bytes, encoding: str | None,
                         errors: str) -> None:
    allowed(lambda: wenmai.decode(data, encoding=encoding, errors=errors))
    path: Path = tmp_path_factory.mktemp("read") / "doc.txt"
    path.write_bytes(data)
    allowed(lambda: wenmai.read(path, encoding=encoding, errors=errors))


@SETTINGS
@given(text=texts, mode=st.one_of(st.sampled_from(["precise", "full", "search"]), params),
       hmm=st.one_of(st.booleans(), st.none()), threads=maybe_ints, freq=maybe_ints)
def test_segmenter(private: wenmai.Segmenter, text: str, mode: Any, hmm: Any, threads: Any,
                   freq: Any) -> None:
    words = allowed(lambda: private.cut(text, mode=mode, hmm=hmm))
    if words is not None and mode in (None, "precise"):
        assert "".join(words) == text
    allowed(lambda: private.tag(text, hmm=hmm))
    allowed(lambda: private.tokenize(text, mode=mode, hmm=hmm, pos=bool(freq)))
    allowed(lambda: private.cut_many([text, text[::-1]], mode=mode, threads=threads))
    if text:
        allowed(lambda: private.add_word(text[:4], freq=freq))


@SETTINGS
@given(text=texts, min_len=ints, lo=ints, hi=ints, char=st.booleans(),
       mode=st.sampled_from(["precise", "search", "nope"]))
def test_analyzer(text: str, min_len: int, lo: int, hi: int, char: bool, mode: str) -> None:
    kw: dict[str, Any] = {"char_ngrams": (lo, hi)} if char else {"ngram_range": (lo, hi)}
    an = allowed(lambda: wenmai.Analyzer(min_len=min_len, mode=mode, **kw))
    if an is not None:
        assert allowed(lambda: an.analyze(text)) == allowed(lambda: an.analyze_many([text]))[0]


@SETTINGS
@given(text=texts, top_k=maybe_ints, span=ints,
       method=st.one_of(st.sampled_from(["tfidf", "textrank"]), params))
def test_keywords(text: str, top_k: Any, span: int, method: Any) -> None:
    allowed(lambda: wenmai.keywords(text, top_k=top_k, method=method))
    ex = wenmai.KeywordExtractor()
    allowed(lambda: ex.extract_tags(text, top_k=top_k))
    allowed(lambda: ex.textrank(text, top_k=top_k, span=span))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(docs=st.lists(texts, max_size=4), unit=units, a=params, b=params, n=maybe_ints,
       method=st.sampled_from(["tfidf", "textrank", "nope"]))
def test_corpus(docs: list[str], unit: Any, a: Any, b: Any, n: Any, method: str) -> None:
    c = allowed(lambda: wenmai.Corpus.from_texts(docs))
    if c is None:
        return
    allowed(lambda: c.dtm(unit=unit, min_df=a if a is not None else 1,
                          max_df=b if b is not None else 1.0, max_features=n))
    allowed(lambda: c.frequency(top=n))
    allowed(lambda: c.keywords(top_k=n, method=method))
    allowed(lambda: c.tokens(unit=unit))
    allowed(lambda: c.kwic("发展", window=a, unit=unit))
    allowed(lambda: c.collocations(size=a, min_count=b))
    allowed(lambda: c.cooccurrence(window=a, terms=n))
    allowed(lambda: c.parallelisms(min_members=a))
    allowed(lambda: c.four_char(min_count=a))
    allowed(lambda: c.style())
    if len(c):
        allowed(lambda: wenmai.parallelisms(c[0], min_members=a))
        allowed(lambda: wenmai.style(c[0]))
