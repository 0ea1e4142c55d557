"""Counts that go straight to the native layer (issue 23): a Python int past the ``i64`` range
(``2**63``, ``2**64``, ``-2**64``) is a ``ValueError`` that names the parameter and echoes the
value as typed, in the words ``wenmai._params.check_int`` gives the Python-level parameters
(``top_k must be <= 9223372036854775807, got 18446744073709551616``), never PyO3's
``OverflowError``; an in-range bad value keeps its message (``top_k must be >= 0, got -1``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import wenmai
import wenmai.jieba
from wenmai import (
    Analyzer,
    Corpus,
    CountVectorizer,
    HashingVectorizer,
    KeywordExtractor,
    Segmenter,
    TfidfVectorizer,
)
from wenmai.cli import main
from wenmai.jieba import analyse

I64_MAX = 2**63 - 1
TOO_BIG = (2**63, 2**64)
TOO_SMALL = (-(2**64), -1)
TEXT = "发展经济，建设国家，发展教育，建设城市。"

Call = Callable[[Any, int], Any]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("native")
    path = folder / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    corpus = Corpus.from_texts(["发展经济，建设国家。", "改革开放，发展科技。"])
    idf = folder / "idf.txt"
    corpus.save_idf(idf)
    return {"dir": folder, "path": path, "corpus": corpus, "dtm": corpus.dtm(), "idf": idf,
            "doc": wenmai.parse(TEXT)}


def above(name: str) -> str:
    return f"{name} must be <= {I64_MAX}, got {{v}}"


def at_least(name: str, low: int) -> str:
    return f"{name} must be >= {low}, got {{v}}"


def or_none(name: str, what: str) -> str:
    return f"{name} must be {what} or None, got {{v}}"


THREADS = "threads must be in [1, 1024], got {v}"
MAX_BYTES_BIG = f"max_bytes must be <= {I64_MAX} (or None for no limit), got {{v}}"
MAX_BYTES_SMALL = "max_bytes must be >= 0 (or None for no limit), got {v}"


def pair(name: str, shape: str, big: bool) -> str:
    what = f"in [1, {I64_MAX}]" if big else ">= 1"
    return f"{name} must be a pair of ints {what}, got {shape}"


# (id, call, message for a value past i64::MAX, message for a negative one); None: not checked
CASES: list[tuple[str, Call, str, str | None]] = [
    ("keywords(top_k)", lambda e, v: wenmai.keywords(TEXT, top_k=v),
     above("top_k"), at_least("top_k", 0)),
    ("keywords(top_k, method=textrank)",
     lambda e, v: wenmai.keywords(TEXT, top_k=v, method="textrank"),
     above("top_k"), at_least("top_k", 0)),
    ("keywords(top_k, idf=)", lambda e, v: wenmai.keywords(TEXT, top_k=v, idf=e["idf"]),
     above("top_k"), at_least("top_k", 0)),
    ("KeywordExtractor.extract_tags(top_k)",
     lambda e, v: KeywordExtractor().extract_tags(TEXT, top_k=v),
     above("top_k"), or_none("top_k", "an int >= 0")),
    ("KeywordExtractor.textrank(top_k)", lambda e, v: KeywordExtractor().textrank(TEXT, top_k=v),
     above("top_k"), or_none("top_k", "an int >= 0")),
    ("KeywordExtractor.textrank(span)", lambda e, v: KeywordExtractor().textrank(TEXT, span=v),
     above("span"), at_least("span", 1)),
    ("Segmenter.cut_many(threads)", lambda e, v: Segmenter().cut_many([TEXT], threads=v),
     THREADS, THREADS),
    ("Segmenter.add_word(freq)", lambda e, v: Segmenter(private=True).add_word("文脉", freq=v),
     above("add_word: freq"), at_least("add_word: freq", 0)),
    ("Analyzer(min_len)", lambda e, v: Analyzer(min_len=v),
     above("min_len"), at_least("min_len", 0)),
    ("Analyzer(ngram_range=(1, v))", lambda e, v: Analyzer(ngram_range=(1, v)),
     pair("ngram_range", "(1, {v})", True), pair("ngram_range", "(1, {v})", False)),
    ("Analyzer(ngram_range=(v, 2))", lambda e, v: Analyzer(ngram_range=(v, 2)),
     pair("ngram_range", "({v}, 2)", True), pair("ngram_range", "({v}, 2)", False)),
    ("Analyzer(char_ngrams=(1, v))", lambda e, v: Analyzer(char_ngrams=(1, v)),
     pair("char_ngrams", "(1, {v})", True), pair("char_ngrams", "(1, {v})", False)),
    ("Corpus.dtm(max_features)", lambda e, v: e["corpus"].dtm(max_features=v),
     above("max_features"), or_none("max_features", "a positive int")),
    ("Corpus.dtm(min_df)", lambda e, v: e["corpus"].dtm(min_df=v),
     above("min_df"), at_least("min_df", 0)),
    ("Corpus.dtm(max_df)", lambda e, v: e["corpus"].dtm(max_df=v),
     above("max_df"), at_least("max_df", 0)),
    ("DocTermMatrix.top_terms(k)", lambda e, v: e["dtm"].top_terms(v),
     above("k"), at_least("k", 0)),
    ("Corpus.keywords(top_k)", lambda e, v: e["corpus"].keywords(top_k=v),
     above("top_k"), at_least("top_k", 0)),
    ("read(max_bytes)", lambda e, v: wenmai.read(e["path"], max_bytes=v),
     MAX_BYTES_BIG, MAX_BYTES_SMALL),
    ("Corpus.from_files(max_bytes)", lambda e, v: Corpus.from_files([e["path"]], max_bytes=v),
     MAX_BYTES_BIG, MAX_BYTES_SMALL),
    ("Corpus.from_dir(max_bytes)", lambda e, v: Corpus.from_dir(e["dir"], max_bytes=v),
     MAX_BYTES_BIG, MAX_BYTES_SMALL),
    ("Corpus.stream(max_bytes)",
     lambda e, v: Corpus.stream([e["path"]], max_bytes=v).frequency(),
     MAX_BYTES_BIG, MAX_BYTES_SMALL),
    ("Document.to_json(indent)", lambda e, v: e["doc"].to_json(indent=v),
     above("indent"), or_none("indent", "an int >= 0")),
    ("parallelisms(min_members)", lambda e, v: wenmai.parallelisms(e["doc"], min_members=v),
     above("min_members"), at_least("min_members", 2)),
    ("jieba.add_word(freq)", lambda e, v: wenmai.jieba.add_word("文脉", freq=v),
     above("add_word: freq"), at_least("add_word: freq", 0)),
    ("jieba.Tokenizer.add_word(freq)",
     lambda e, v: wenmai.jieba.Tokenizer().add_word("文脉", freq=v),
     above("add_word: freq"), at_least("add_word: freq", 0)),
    # the vectorizers check the rest of their parameters in scikit-learn's words; these two
    # reach the native Analyzer
    ("CountVectorizer(ngram_range=(1, v))",
     lambda e, v: CountVectorizer(ngram_range=(1, v)).fit([TEXT]),
     pair("ngram_range", "(1, {v})", True), None),
    ("CountVectorizer(min_len)", lambda e, v: CountVectorizer(min_len=v).fit([TEXT]),
     above("min_len"), at_least("min_len", 0)),
    ("TfidfVectorizer(min_len)", lambda e, v: TfidfVectorizer(min_len=v).fit([TEXT]),
     above("min_len"), at_least("min_len", 0)),
    ("HashingVectorizer(min_len)", lambda e, v: HashingVectorizer(min_len=v).transform([TEXT]),
     above("min_len"), at_least("min_len", 0)),
]

PARAMS = [
    pytest.param(call, value, big if value > 0 else small, id=f"{name}={value}")
    for name, call, big, small in CASES
    for value in (*TOO_BIG, *TOO_SMALL)
    if (big if value > 0 else small) is not None
]


@pytest.mark.parametrize(("call", "value", "message"), PARAMS)
def test_out_of_range_count_is_a_value_error(env: dict[str, Any], call: Call, value: int,
                                             message: str) -> None:
    with pytest.raises(ValueError) as info:
        call(env, value)
    assert not isinstance(info.value, OverflowError)
    assert str(info.value) == message.format(v=value)


def test_the_largest_count_still_passes(env: dict[str, Any]) -> None:
    assert wenmai.keywords(TEXT, top_k=I64_MAX) == wenmai.keywords(TEXT, top_k=100)
    assert len(env["dtm"].top_terms(I64_MAX)) == len(env["dtm"].units)
    assert wenmai.read(env["path"], max_bytes=I64_MAX).text == TEXT
    assert repr(Analyzer(min_len=I64_MAX)).count(str(I64_MAX)) == 1


@pytest.mark.parametrize("value", [1.5, "3", None, 2.0 + 0j])
def test_not_an_int_is_still_a_type_error(value: Any) -> None:
    for call in (lambda: wenmai.keywords(TEXT, top_k=value),
                 lambda: Analyzer(min_len=value),
                 lambda: Analyzer(ngram_range=(1, value))):
        with pytest.raises(TypeError, match="cannot be interpreted as an integer"):
            call()


def test_numpy_ints_and_bools_are_taken_as_before(env: dict[str, Any]) -> None:
    np = pytest.importorskip("numpy")
    assert wenmai.keywords(TEXT, top_k=np.int64(2)) == wenmai.keywords(TEXT, top_k=2)
    assert wenmai.keywords(TEXT, top_k=True) == wenmai.keywords(TEXT, top_k=1)
    big = np.uint64(2**64 - 1)
    with pytest.raises(ValueError, match=f"^top_k must be <= {I64_MAX}, got {2**64 - 1}$"):
        wenmai.keywords(TEXT, top_k=big)
    with pytest.raises(ValueError, match=f"^min_df must be <= {I64_MAX}, got {2**64 - 1}$"):
        env["corpus"].dtm(min_df=big)


def test_jieba_shim_slices_and_spans_as_jieba() -> None:
    # jieba slices `tags[:topK]` and loops `range(i + 1, i + span)`: a huge topK or span is
    # all of them, a huge negative topK none, and none of it reaches the native layer raw
    tags = analyse.extract_tags(TEXT, topK=None)
    assert analyse.extract_tags(TEXT, topK=2**64) == tags
    assert analyse.extract_tags(TEXT, topK=-(2**64)) == []
    assert analyse.textrank(TEXT, topK=2**64) == analyse.textrank(TEXT, topK=None)
    tr = analyse.TextRank()
    tr.span = 10**6
    wide = tr.textrank(TEXT)
    for span in (2**63, 2**64):
        tr.span = span
        assert tr.textrank(TEXT) == wide
    tr.span = -(2**64)
    assert tr.textrank(TEXT) == []


@pytest.mark.parametrize(("args", "message"), [
    (["keywords", "{path}", "--top", str(2**64)], f"top_k must be <= {I64_MAX}, got {2**64}"),
    (["keywords", "{path}", "--max-bytes", str(2**64)],
     f"max_bytes must be <= {I64_MAX} (or None for no limit), got {2**64}"),
])
def test_cli_says_it_in_one_line(env: dict[str, Any], capsys: pytest.CaptureFixture[str],
                                 args: list[str], message: str) -> None:
    path = str(Path(env["path"]))
    assert main([a.format(path=path) for a in args]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"wenmai: error: {message}" in err
