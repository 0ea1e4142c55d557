"""Every public name of jieba 0.42.1 a script reaches, compared with jieba on the same input.

jieba's dictionary is loaded once per session (``pj``); tests that change a dictionary use
private tokenizers so that the shared ones stay as loaded.
"""

from __future__ import annotations

import io
import logging
import random
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import wenmai
import wenmai.jieba as wj
import wenmai.jieba.analyse as wa
import wenmai.jieba.posseg as wp

TEXTS = [
    "我来到北京清华大学",
    "他来到了网易杭研大厦，小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
    "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
    "永和服装饰品有限公司 2011-2020年 v1.2.3 的确实在",
]
ARTICLE = (
    "今天纽约的天气真好啊，京华大酒店的张尧经理吃了一只北京烤鸭。后天纽约的天气不好，"
    "昨天纽约的天气也不好，北京烤鸭真好吃。此外，公司拟对全资子公司吉林欧亚置业有限公司增资"
    "4.3亿元，增资后，吉林欧亚置业注册资本由7000万元增加到5亿元。吉林欧亚置业主要经营范围为"
    "房地产开发及百货零售等业务。目前在建吉林欧亚城市商业综合体项目。"
)
SMALL_DICT = "北京 10 ns\n北京大学 5 nt\n大学 8 n\n清华 6 nt\n清华大学 7 nt\n来到 9 v\n我 20 r\n"


@pytest.fixture(scope="session")
def pj() -> Any:
    """jieba 0.42.1, its default dictionary loaded once."""
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(logging.ERROR)
    jieba.initialize()
    import jieba.analyse
    import jieba.posseg

    return jieba


@pytest.fixture()
def small_dict(tmp_path: Path) -> Path:
    p = tmp_path / "small.txt"
    p.write_text(SMALL_DICT, encoding="utf-8")
    return p


def test_public_names_exist(pj: Any) -> None:
    skip = {"absolute_import", "unicode_literals", "finalseg", "PY2", "default_encoding",
            "iteritems", "iterkeys", "itervalues", "string_types", "text_type", "xrange",
            "get_module_res", "resolve_filename", "pkg_resources", "marshal", "md5", "os",
            "re", "sys", "tempfile", "threading", "time", "logging", "log", "_compat",
            "_replace_file"}
    missing = [n for n in dir(pj) if not n.startswith("__") and n not in skip
               and not hasattr(wj, n)]
    assert missing == []
    skip_pos = skip | {"CHAR_STATE_TAB_P", "PROB_EMIT_P", "PROB_START_P", "PROB_TRANS_P",
                       "char_state_tab", "char_state_tab_P", "emit_P", "start_P", "trans_P",
                       "prob_emit", "prob_start", "prob_trans", "load_model", "viterbi",
                       "pickle", "jieba", "enable_paddle", "check_paddle_install"}
    assert [n for n in dir(pj.posseg) if not n.startswith("__") and n not in skip_pos
            and not hasattr(wp, n)] == []
    assert [n for n in dir(pj.analyse) if not n.startswith("_") and n not in skip
            and n != "analyzer" and not hasattr(wa, n)] == []
    tok_skip = {"lock"}  # an RLock: it would make tokenizers unpicklable
    assert [n for n in dir(pj.dt) if not n.startswith("__") and n not in tok_skip
            and not n.startswith("_Tokenizer") and not hasattr(wj.dt, n)] == []
    assert [n for n in dir(pj.posseg.dt) if not n.startswith("__")
            and not n.startswith("_POSTokenizer") and not hasattr(wp.dt, n)] == []


def test_dt_and_module_functions(pj: Any) -> None:
    assert isinstance(wj.dt, wj.Tokenizer)
    for t in TEXTS:
        assert wj.dt.lcut(t) == pj.dt.lcut(t) == wj.lcut(t)
        assert wj._lcut_all(t) == pj._lcut_all(t)
        assert wj._lcut_for_search_no_hmm(t) == pj._lcut_for_search_no_hmm(t)


def test_freq_total_get_freq(pj: Any) -> None:
    assert wj.dt.total == pj.dt.total
    assert len(wj.dt.FREQ) == len(pj.dt.FREQ)
    keys = random.Random(1).sample(sorted(pj.dt.FREQ), 3000)
    assert {k: wj.dt.FREQ[k] for k in keys} == {k: pj.dt.FREQ[k] for k in keys}
    for k in ["北京大", "北京", "不是词吧", "B超", ""]:
        assert wj.get_FREQ(k) == pj.get_FREQ(k)
        assert wj.get_FREQ(k, -1) == pj.get_FREQ(k, -1)
        assert (k in wj.dt.FREQ) == (k in pj.dt.FREQ)
    with pytest.raises(KeyError):
        wj.dt.FREQ["不是词吧"]
    assert list(wj.dt.FREQ)[:50] == list(pj.dt.FREQ)[:50]


def test_get_dag_and_calc(pj: Any) -> None:
    for t in TEXTS + [ARTICLE]:
        dag = wj.get_DAG(t)
        assert dag == pj.get_DAG(t)
        r1: dict = {}
        r2: dict = {}
        pj.calc(t, pj.get_DAG(t), r1)
        wj.calc(t, dag, r2)
        assert r2 == r1
    with pytest.raises(ValueError, match="DAG"):
        wj.calc("北京", {0: [5], 1: [1]}, {})


def test_tokenizer_own_dictionary_initialize_set_dictionary(pj: Any, small_dict: Path) -> None:
    a, b = pj.Tokenizer(dictionary=str(small_dict)), wj.Tokenizer(dictionary=str(small_dict))
    for t in TEXTS[:2]:
        assert b.lcut(t) == a.lcut(t)
        assert b.get_DAG(t) == a.get_DAG(t)
    assert b.total == a.total and dict(b.FREQ.items()) == a.FREQ
    # initialize(dictionary) and set_dictionary on tokenizers of jieba's default dictionary
    c, d = pj.Tokenizer(), wj.Tokenizer()
    d.initialize(str(small_dict))
    c.initialize(str(small_dict))
    assert d.lcut(TEXTS[0]) == c.lcut(TEXTS[0]) and d.total == c.total
    e, f = pj.Tokenizer(), wj.Tokenizer()
    e.set_dictionary(str(small_dict))
    f.set_dictionary(str(small_dict))
    assert f.lcut(TEXTS[0]) == e.lcut(TEXTS[0])
    with pytest.raises(Exception, match="jieba: file does not exist: .*nope.txt"):
        f.set_dictionary("nope.txt")
    with pytest.raises(Exception, match="jieba: file does not exist: .*nope.txt"):
        e.set_dictionary("nope.txt")


def test_get_dict_file_and_gen_pfdict(pj: Any, small_dict: Path) -> None:
    with pj.get_dict_file() as f:
        assert wj.get_dict_file().read() == f.read()  # jieba's dict.txt, byte for byte
    own = wj.Tokenizer(str(small_dict))
    assert own.gen_pfdict(own.get_dict_file()) == pj.Tokenizer.gen_pfdict(small_dict.open("rb"))
    with pytest.raises(ValueError, match="invalid dictionary entry"):
        wj.Tokenizer.gen_pfdict(io.BytesIO("北京\n".encode()))


def test_add_word_del_word_change_freq_like_jieba(pj: Any, small_dict: Path) -> None:
    a, b = pj.Tokenizer(str(small_dict)), wj.Tokenizer(str(small_dict))
    for tok in (a, b):
        tok.add_word("文脉分析器", 30, "nz")
        tok.add_word("北京", 3)
        tok.del_word("大学")
        tok.load_userdict(io.BytesIO("云计算 5\n".encode()))
    assert b.total == a.total
    assert dict(b.FREQ.items()) == a.FREQ
    assert b.get_DAG("文脉分析器在北京大学") == a.get_DAG("文脉分析器在北京大学")
    assert b.user_word_tag_tab == a.user_word_tag_tab


def test_enable_disable_parallel(pj: Any) -> None:
    text = "\n".join(TEXTS) + "\r\n" + ARTICLE
    want = list(pj.dt.cut(text))
    wj.enable_parallel(2)
    try:
        assert wj.cut is wj._pcut
        assert list(wj.cut(text)) == want
        assert list(wj.cut(text, cut_all=True)) == list(pj.dt.cut(text, cut_all=True))
        assert list(wj.cut(text, HMM=False)) == list(pj.dt.cut(text, HMM=False))
        assert list(wj.cut_for_search(text)) == list(pj.dt.cut_for_search(text))
    finally:
        wj.disable_parallel()
    assert wj.cut == wj.dt.cut and list(wj.cut(text)) == want
    with pytest.raises(ValueError):
        wj.enable_parallel(0)
    wj.disable_parallel()


def test_posseg_postokenizer(pj: Any, small_dict: Path) -> None:
    for t in TEXTS:
        assert [tuple(p) for p in wp.lcut(t)] == [tuple(p) for p in pj.posseg.lcut(t)]
        assert [tuple(p) for p in wp.dt._lcut_internal_no_hmm(t)] == [
            tuple(p) for p in pj.posseg.dt._lcut_internal_no_hmm(t)]
    a = pj.posseg.POSTokenizer(pj.Tokenizer(str(small_dict)))
    b = wp.POSTokenizer(wj.Tokenizer(str(small_dict)))
    assert [tuple(p) for p in b.cut(TEXTS[0])] == [tuple(p) for p in a.cut(TEXTS[0])]
    assert b.word_tag_tab == a.word_tag_tab
    for tok in (a, b):
        with pytest.raises(NotImplementedError):
            tok.tokenize  # noqa: B018
    assert b.get_DAG("北京大学") == a.get_DAG("北京大学")  # other names go to the tokenizer
    keys = random.Random(2).sample(sorted(pj.posseg.dt.word_tag_tab), 2000)
    assert {k: wp.dt.word_tag_tab[k] for k in keys} == {
        k: pj.posseg.dt.word_tag_tab[k] for k in keys}
    b.tokenizer.add_word("文脉", 5, "nz")
    b.makesure_userdict_loaded()
    assert b.word_tag_tab["文脉"] == "nz" and b.tokenizer.user_word_tag_tab == {}
    b.load_word_tag(io.BytesIO("北京 3 ns\n".encode()))
    assert b.word_tag_tab == {"北京": "ns"}


def test_tokenize_with_pos_in_one_call(pj: Any) -> None:
    seg = wenmai.Segmenter()
    for t in TEXTS:
        for hmm in (True, False):
            rows = seg.tokenize(t, hmm=hmm, pos=True)
            assert [(w, f) for w, _, _, f in rows] == [
                tuple(p) for p in pj.posseg.lcut(t, HMM=hmm)]
            assert all(t[s:e] == w for w, s, e, _ in rows)
            assert [s for _, s, _, _ in rows] == [0] + [e for _, _, e, _ in rows][:-1]
    with pytest.raises(ValueError, match="precise"):
        seg.tokenize(TEXTS[0], mode="search", pos=True)


def test_tfidf_attributes(pj: Any, tmp_path: Path) -> None:
    a, b = pj.analyse.default_tfidf, wa.default_tfidf
    assert b.median_idf == a.median_idf
    assert len(b.idf_freq) == len(a.idf_freq)
    keys = random.Random(3).sample(sorted(a.idf_freq), 2000)
    assert {k: b.idf_freq[k] for k in keys} == {k: a.idf_freq[k] for k in keys}
    assert b.idf_loader.median_idf == a.idf_loader.median_idf
    x, y = pj.analyse.TFIDF(), wa.TFIDF()
    for tf in (x, y):
        tf.idf_freq["天气"] = 100.0  # changed in place: takes effect
    assert y.extract_tags(ARTICLE, withWeight=True) == x.extract_tags(ARTICLE, withWeight=True)
    x.median_idf = y.median_idf = 50.0
    assert y.extract_tags(ARTICLE, withWeight=True) == x.extract_tags(ARTICLE, withWeight=True)
    idf = tmp_path / "idf.txt"
    idf.write_text("纽约 3.0\n天气 1.5\n北京烤鸭 9.0\n", encoding="utf-8")
    x.set_idf_path(str(idf))
    y.set_idf_path(str(idf))
    assert y.idf_freq == x.idf_freq and y.median_idf == x.median_idf
    assert y.extract_tags(ARTICLE, withWeight=True) == x.extract_tags(ARTICLE, withWeight=True)
    with pytest.raises(Exception, match="jieba: file does not exist"):
        y.set_idf_path("nope.txt")


def test_stop_words_and_missing_file(pj: Any, tmp_path: Path) -> None:
    x, y = pj.analyse.TextRank(), wa.TextRank()
    stop = tmp_path / "stop.txt"
    stop.write_text("纽约\n天气\n", encoding="utf-8")
    for e in (x, y):
        e.set_stop_words(str(stop))
        e.stop_words.add("北京烤鸭")
    assert y.stop_words == x.stop_words
    assert y.textrank(ARTICLE, withWeight=True) == x.textrank(ARTICLE, withWeight=True)
    for mod in (pj.analyse, wa):
        with pytest.raises(Exception, match=r"^jieba: file does not exist: .*nope\.txt$"):
            mod.set_stop_words("nope.txt")


def test_textrank_span_and_pos_filt(pj: Any) -> None:
    x, y = pj.analyse.TextRank(), wa.TextRank()
    for span in (2, 3, 8):
        x.span = y.span = span
        assert y.textrank(ARTICLE, withWeight=True) == x.textrank(ARTICLE, withWeight=True)
    x.span = y.span = 5
    got = y.textrank(ARTICLE, allowPOS=("ns", "n"), withWeight=True, withFlag=True)
    want = x.textrank(ARTICLE, allowPOS=("ns", "n"), withWeight=True, withFlag=True)
    assert [(tuple(p), w) for p, w in got] == [(tuple(p), w) for p, w in want]
    assert y.pos_filt == x.pos_filt == frozenset(("ns", "n"))
    words = pj.posseg.lcut(ARTICLE)
    assert [y.pairfilter(p) for p in words] == [x.pairfilter(p) for p in words]


def test_topk_minus_one_and_none(pj: Any) -> None:
    for k in (-1, None, 0, 3):
        assert wa.extract_tags(ARTICLE, topK=k) == pj.analyse.extract_tags(ARTICLE, topK=k)
        assert wa.textrank(ARTICLE, topK=k) == pj.analyse.textrank(ARTICLE, topK=k)


def test_chinese_analyzer_whoosh(pj: Any, tmp_path: Path) -> None:
    pytest.importorskip("whoosh")
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in
    from whoosh.qparser import QueryParser

    text = "我的好朋友是李明;我爱北京天安门;IBM和Microsoft; I have a dream. this is intetesting"
    want = [(t.text, t.startchar, t.endchar) for t in pj.analyse.ChineseAnalyzer()(text)]
    got = [(t.text, t.startchar, t.endchar) for t in wa.ChineseAnalyzer()(text)]
    assert got == want
    schema = Schema(path=ID(stored=True), content=TEXT(stored=True, analyzer=wa.ChineseAnalyzer()))
    ix = create_in(str(tmp_path), schema)
    w = ix.writer()
    w.add_document(path="/a", content="我爱北京天安门，天安门上太阳升")
    w.add_document(path="/b", content="工信处女干事每月经过下属科室")
    w.commit()
    with ix.searcher() as s:
        hits = s.search(QueryParser("content", schema=ix.schema).parse("天安门"))
        assert [h["path"] for h in hits] == ["/a"]


@pytest.mark.parametrize("flags", [[], ["-d", "|"], ["-d"], ["-p"], ["-p", "/"], ["-a"],
                                   ["-n"], ["-q", "-a", "-n"]])
def test_cli_flags(pj: Any, flags: list[str], tmp_path: Path, capsys: Any,
                   monkeypatch: Any) -> None:
    src = tmp_path / "in.txt"
    src.write_text("\n".join(TEXTS) + "\n", encoding="utf-8")
    # A flag with an optional value would take the file name as its value.
    args = [*flags, "--", str(src)] if flags[-1:] in (["-d"], ["-p"]) else [*flags, str(src)]
    monkeypatch.setattr(sys, "argv", ["jieba", *args])
    runpy.run_module("jieba", run_name="__main__")
    want = capsys.readouterr().out
    from wenmai.jieba.__main__ import main

    assert main(args) == 0
    assert capsys.readouterr().out == want


def test_cli_dictionary_and_version(small_dict: Path, tmp_path: Path) -> None:
    # -D changes the process's dictionary: run both in child processes.
    src = tmp_path / "in.txt"
    src.write_text("我来到北京清华大学\n", encoding="utf-8")
    user = tmp_path / "user.txt"
    user.write_text("华大 100 n\n", encoding="utf-8")
    args = ["-D", str(small_dict), "-u", str(user), "-q", str(src)]
    outs = [subprocess.run([sys.executable, "-m", m, *args], capture_output=True, text=True,
                           timeout=60, check=True).stdout for m in ("jieba", "wenmai.jieba")]
    assert outs[1] == outs[0] and outs[0].strip()
    v = [subprocess.run([sys.executable, "-m", m, "-V"], capture_output=True, text=True,
                        timeout=60).stdout for m in ("jieba", "wenmai.jieba")]
    assert v[1] == v[0] == "Jieba 0.42.1\n"
