"""The exception tree, and hostile input on every entry point: a clear error or a result,
never a Rust panic (which would surface as pyo3's PanicException, a BaseException that
the helpers below do not catch)."""

from __future__ import annotations

import os
import random

import pytest
import wenmai
import wenmai.jieba as wj
import wenmai.jieba.posseg as wj_posseg
from wenmai.jieba import analyse

LONG_LINE = "中华人民共和国经济社会发展" * 20_000  # 260k chars, no punctuation, no line break
JUNK = bytes(random.Random(7).randrange(256) for _ in range(20_000))
HOSTILE_STR = [
    "",
    " ",
    "\n\n\n",
    "\x00\x01\x02",
    "a\ud800b\udfff",          # lone surrogates
    "\ud83d",                  # half of an emoji
    "😀👍🏽" * 100,
    JUNK.decode("latin-1"),
    LONG_LINE,
    "。" * 10_000,
    "一、" * 5_000,
    "（" * 5_000 + "）" * 5_000,
    "\u200b\ufeff\u3000" * 1_000,
    "第" + "一" * 10_000 + "条",
]


def survives(f, *args, allowed=(wenmai.WenmaiError, ValueError, TypeError, OSError), **kw):
    """Call f: a result, or one of the allowed exceptions (never InternalError)."""
    try:
        return f(*args, **kw)
    except wenmai.InternalError:  # a caught Rust panic: a bug
        raise
    except allowed as e:
        return e


def test_exception_tree() -> None:
    assert issubclass(wenmai.DecodeError, wenmai.WenmaiError)
    assert issubclass(wenmai.DecodeError, UnicodeError)
    assert issubclass(wenmai.ParseError, wenmai.WenmaiError)
    assert issubclass(wenmai.DictionaryError, wenmai.WenmaiError)
    assert issubclass(wenmai.InternalError, wenmai.WenmaiError)
    assert issubclass(wenmai.WenmaiError, Exception)
    assert wenmai.DecodeError.__module__ == "wenmai"
    assert wenmai.WenmaiError.__module__ == "wenmai"


def test_io_errors(tmp_path) -> None:
    with pytest.raises(FileNotFoundError) as e:
        wenmai.read(tmp_path / "missing.txt")
    assert e.value.filename == str(tmp_path / "missing.txt")
    with pytest.raises(OSError):
        wenmai.read(tmp_path)  # a directory
    with pytest.raises(FileNotFoundError):
        wenmai.Corpus.from_dir(tmp_path / "nope")
    with pytest.raises(FileNotFoundError):
        wenmai.Segmenter(user_dict=tmp_path / "missing.dict")
    if os.geteuid() != 0:  # root reads everything
        p = tmp_path / "secret.txt"
        p.write_text("x")
        p.chmod(0)
        with pytest.raises(PermissionError):
            wenmai.read(p)


def test_decode_error_names_file_and_offset(tmp_path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes("正文内容".encode() + b"\xff\xfe\xfa" + "后文".encode() * 100)
    with pytest.raises(wenmai.DecodeError) as e:
        wenmai.read(p, encoding="utf-8")
    assert e.value.path == str(p) and e.value.offset == 12
    assert str(p) in str(e.value)
    assert isinstance(e.value, UnicodeError)
    doc = wenmai.read(p, encoding="utf-8", errors="replace")
    assert "\ufffd" in doc.text
    with pytest.raises(wenmai.DecodeError):
        wenmai.decode(b"ok\xff", encoding="utf-8")
    with pytest.raises(ValueError):
        wenmai.read(p, encoding="no-such-encoding")
    with pytest.raises(ValueError):
        wenmai.read(p, errors="ignore")


def test_lone_surrogates_keep_char_offsets() -> None:
    doc = wenmai.parse("标题\n正文\ud800内容。")
    assert len(doc.text) == len("标题\n正文\ud800内容。")
    assert doc.text[5] == "\ufffd"
    toks = wenmai.Segmenter().tokenize("北京\udc00上海")
    assert [t[1:] for t in toks][-1][1] == 5


@pytest.mark.parametrize("text", HOSTILE_STR, ids=range(len(HOSTILE_STR)))
def test_hostile_strings_everywhere(text: str) -> None:
    seg = wenmai.Segmenter()
    doc = survives(wenmai.parse, text)
    assert isinstance(doc, wenmai.Document)
    assert isinstance(survives(wenmai.parse_html, text), wenmai.Document)
    for mode in ("precise", "full", "search"):
        assert isinstance(survives(seg.cut, text, mode=mode), list)
    assert isinstance(survives(seg.tokenize, text, mode="search"), list)
    assert isinstance(survives(seg.tag, text), list)
    assert isinstance(survives(seg.cut_many, [text, text[:100]]), list)
    assert isinstance(survives(wj.lcut, text), list)
    assert isinstance(survives(wj.lcut, text, cut_all=True), list)
    assert isinstance(survives(wj.lcut_for_search, text), list)
    assert isinstance(survives(lambda t: list(wj.tokenize(t, mode="search")), text), list)
    assert isinstance(survives(wj_posseg.lcut, text), list)
    assert isinstance(survives(analyse.extract_tags, text, withWeight=True), list)
    assert isinstance(survives(analyse.textrank, text), list)
    assert isinstance(survives(wenmai.keywords, text), list)
    assert isinstance(survives(wenmai.keywords, doc, method="textrank"), list)
    assert isinstance(survives(wenmai.Analyzer().analyze, text), list)
    assert isinstance(survives(wenmai.Analyzer(char_ngrams=(1, 3)).analyze, text[:2000]), list)
    assert isinstance(survives(seg.suggest_freq, text[:50]), (int, ValueError))
    c = survives(wenmai.Corpus.from_texts, [text, "发展经济。"])
    assert isinstance(c, wenmai.Corpus)
    for unit in ("document", "section", "paragraph", "sentence"):
        assert isinstance(survives(c.dtm, unit=unit), (wenmai.DocTermMatrix, ValueError))
    assert survives(c.keywords, top_k=5) is not None
    assert survives(c.frequency) is not None
    r = survives(wenmai.TfidfVectorizer().fit_transform, [text, "发展经济"])
    assert not isinstance(r, Exception) or isinstance(r, ValueError)


@pytest.mark.parametrize("data", [b"", JUNK, b"\xff" * 1000, b"\x00" * 1000,
                                  "中文".encode("gbk") * 1000, b"\xef\xbb\xbf",
                                  b"\xff\xfe" + b"\x00\xd8" * 10])
def test_hostile_bytes(tmp_path, data: bytes) -> None:
    p = tmp_path / "f.txt"
    p.write_bytes(data)
    for errors in ("strict", "replace"):
        r = survives(wenmai.read, p, errors=errors)
        assert isinstance(r, (wenmai.Document, wenmai.DecodeError))
        r = survives(wenmai.decode, data, errors=errors)
        assert isinstance(r, (str, wenmai.DecodeError))
    assert isinstance(survives(wj.lcut, data), list)  # jieba decodes bytes (utf-8, else gbk)
    seg = wenmai.Segmenter(private=True)
    r = survives(seg.load_userdict, str(p))
    assert isinstance(r, (int, wenmai.DictionaryError))
    r = survives(wenmai.Segmenter, dictionary=str(p))
    assert isinstance(r, (wenmai.Segmenter, wenmai.DictionaryError))
    r = survives(analyse.TFIDF, idf_path=str(p))
    assert isinstance(r, (analyse.TFIDF, wenmai.DictionaryError))


def test_corpus_errors_raise_and_skip(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("标题\n发展经济。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("标题\n改革开放。".encode("gbk"))
    (tmp_path / "c.txt").write_bytes(b"")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.txt").write_bytes("好的".encode() + b"\xff" * 3 + "中文".encode() * 50)
    with pytest.raises(wenmai.DecodeError) as e:
        wenmai.Corpus.from_dir(tmp_path)
    assert e.value.path.endswith("d.txt")
    c = wenmai.Corpus.from_dir(tmp_path, errors="skip")
    assert c.ids == ["a", "b", "c"]
    assert [(os.path.basename(f.path), f.kind) for f in c.errors] == [("d.txt", "DecodeError")]
    with pytest.raises(ValueError):
        wenmai.Corpus.from_dir(tmp_path, errors="ignore")


def test_bad_parameters_are_value_errors() -> None:
    seg = wenmai.Segmenter()
    with pytest.raises(ValueError):
        seg.cut("文本", mode="fast")
    with pytest.raises(TypeError):
        seg.cut(123)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        seg.cut_many("一个字符串")
    with pytest.raises(ValueError):
        wenmai.Analyzer(ngram_range=(0, 1))
    with pytest.raises(ValueError):
        wenmai.Analyzer(ngram_range=(3, 1))
    with pytest.raises(ValueError):
        wenmai.Analyzer(stopwords="klingon")
    c = wenmai.Corpus.from_texts(["发展经济。", "改革开放。"])
    with pytest.raises(ValueError):
        c.dtm(unit="chapter")
    with pytest.raises(ValueError):
        c.dtm(min_df=5)  # nothing survives
    with pytest.raises(ValueError):
        c.dtm(max_df=-1)
    with pytest.raises(ValueError):
        c.keywords(method="lda")
    with pytest.raises(ValueError):
        c.keywords(idf="tfidf")
    m = c.dtm()
    with pytest.raises(ValueError):
        m.tfidf(norm="l3")
    import numpy as np

    with pytest.raises(ValueError):
        m.apply_idf(np.ones(len(m.terms) + 1))
    with pytest.raises(ValueError):
        wenmai.CountVectorizer().fit(["", "   ", "。"])


def test_binary_file_is_a_decode_error_naming_the_file(tmp_path) -> None:
    p = tmp_path / "prog.bin"
    p.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    with pytest.raises(wenmai.DecodeError) as e:
        wenmai.read(p)
    assert "prog.bin" in str(e.value) and "binary" in str(e.value)
    with pytest.raises(wenmai.DecodeError):
        wenmai.decode(p.read_bytes())
    assert isinstance(wenmai.read(p, errors="replace"), wenmai.Document)
    c = wenmai.Corpus.from_dir(tmp_path, pattern="*.bin", errors="skip")
    assert len(c) == 0 and [f.kind for f in c.errors] == ["DecodeError"]
