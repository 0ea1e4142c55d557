"""wenmai.Segmenter and the wenmai.jieba drop-in's API surface."""

from __future__ import annotations

import io
import threading
import types

import jieba
import jieba.analyse  # noqa: F401  (jieba's submodules exist once imported)
import jieba.posseg  # noqa: F401
import pytest
import wenmai
import wenmai.jieba as wj
import wenmai.jieba.posseg as pseg
from wenmai.jieba import analyse

TEXT = "我来到北京清华大学，李小福是创新办主任也是云计算方面的专家。"


def test_segmenter_methods() -> None:
    seg = wenmai.Segmenter()
    assert seg.cut(TEXT) == jieba.lcut(TEXT)
    assert seg.cut(TEXT, hmm=False) == jieba.lcut(TEXT, HMM=False)
    assert seg.cut(TEXT, mode="full") == jieba.lcut(TEXT, cut_all=True)
    assert seg.cut(TEXT, mode="search") == jieba.lcut_for_search(TEXT)
    assert seg.tokenize(TEXT) == list(jieba.tokenize(TEXT))
    assert [w for w, _ in seg.tag(TEXT)] == seg.cut(TEXT) or seg.tag(TEXT)
    assert seg.cut_many([TEXT, "", "天安门"]) == [seg.cut(TEXT), [], seg.cut("天安门")]
    assert wenmai.Segmenter(hmm=False).cut(TEXT) == jieba.lcut(TEXT, HMM=False)
    assert "北京" in seg and "不是一个词语啊" not in seg and 3 not in seg


def test_cut_many_is_deterministic_across_threads(report_files) -> None:
    texts = [p.read_text(encoding="utf-8") for p in report_files[-8:]]
    seg = wenmai.Segmenter()
    expected = [seg.cut(t) for t in texts]
    results: list = [None] * 4

    def work(i: int) -> None:
        results[i] = seg.cut_many(texts)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_user_dictionary_as_jieba_reads_it(tmp_path) -> None:
    d = tmp_path / "user.dict"
    d.write_text("云计算 5\n创新办 3 i\n凱特琳 nz\n台中\n", encoding="utf-8")
    seg = wenmai.Segmenter(user_dict=d)
    assert "创新办" in seg.cut(TEXT) and "云计算" in seg.cut(TEXT)
    assert not seg.shares_dictionary_with(wenmai.Segmenter())
    tok = jieba.Tokenizer()
    tok.load_userdict(str(d))
    ours = wj.Tokenizer()
    ours.load_userdict(str(d))
    assert ours.lcut(TEXT) == tok.lcut(TEXT)
    ours2 = wj.Tokenizer()
    ours2.load_userdict(io.BytesIO(d.read_bytes()))  # a file object, as jieba accepts
    assert ours2.lcut(TEXT) == tok.lcut(TEXT)
    assert ours2.suggest_freq("台中") == tok.suggest_freq("台中")


def test_add_del_suggest_like_jieba() -> None:
    ours, theirs = wj.Tokenizer(), jieba.Tokenizer()
    s = "如果放到post中将出错。"
    assert ours.lcut(s, HMM=False) == theirs.lcut(s, HMM=False)
    assert ours.suggest_freq(("中", "将"), True) == theirs.suggest_freq(("中", "将"), True)
    assert ours.lcut(s, HMM=False) == theirs.lcut(s, HMM=False)
    for t in (ours, theirs):
        t.add_word("石墨烯")
        t.add_word("凱特琳", freq=100, tag="nz")
        t.del_word("自定义词")
    s2 = "石墨烯是凱特琳的自定义词"
    assert ours.lcut(s2) == theirs.lcut(s2)


def test_jieba_module_surface() -> None:
    names = ["cut", "lcut", "cut_for_search", "lcut_for_search", "tokenize", "load_userdict",
             "add_word", "del_word", "suggest_freq", "initialize", "Tokenizer", "dt",
             "set_dictionary", "get_dict_file", "enable_parallel", "disable_parallel",
             "setLogLevel", "posseg", "analyse"]
    for n in names:
        assert hasattr(wj, n), n
        assert hasattr(jieba, n), n
    assert isinstance(wj.cut(TEXT), types.GeneratorType)
    assert isinstance(wj.cut_for_search(TEXT), types.GeneratorType)
    assert isinstance(wj.tokenize(TEXT), types.GeneratorType)
    assert isinstance(pseg.cut(TEXT), types.GeneratorType)
    assert isinstance(wj.lcut(TEXT), list)
    with pytest.raises(ValueError):
        list(wj.tokenize(b"bytes"))
    p = pseg.lcut(TEXT)[0]
    word, flag = p
    assert (word, flag) == (p.word, p.flag) and str(p) == f"{p.word}/{p.flag}"
    assert wj.lcut(TEXT.encode("utf-8")) == wj.lcut(TEXT)
    assert wj.lcut(TEXT.encode("gbk")) == wj.lcut(TEXT)
    wj.initialize()
    assert isinstance(wj.dt, wj.Tokenizer)
    assert callable(analyse.extract_tags) and callable(analyse.textrank)
    assert callable(analyse.set_idf_path) and callable(analyse.set_stop_words)


def test_script_runs_unchanged_with_the_swap() -> None:
    # The classic jieba README demo, with `import wenmai.jieba as jieba`.
    import wenmai.jieba as jieba2
    import wenmai.jieba.posseg as pseg2
    from wenmai.jieba import analyse as an2

    out = []
    out.append("/".join(jieba2.cut("我来到北京清华大学", cut_all=True)))
    out.append("/".join(jieba2.cut("我来到北京清华大学", cut_all=False)))
    s = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造"
    out.append(", ".join(jieba2.cut_for_search(s)))
    out.append(" ".join(f"{w}/{f}" for w, f in pseg2.cut("我爱北京天安门")))
    out.append(" ".join(an2.extract_tags("我爱北京天安门，北京是首都", topK=2)))
    assert out == [
        "我/来到/北京/清华/清华大学/华大/大学",
        "我/来到/北京/清华大学",
        "小明, 硕士, 毕业, 于, 中国, 科学, 学院, 科学院, 中国科学院, 计算, 计算所, ，, 后, 在, "
        "日本, 京都, 大学, 日本京都大学, 深造",
        "我/r 爱/v 北京/ns 天安门/ns",
        "北京 天安门",
    ]


def test_tokenizer_with_own_main_dictionary(tmp_path) -> None:
    d = tmp_path / "small.dict"
    d.write_text("北京 100 ns\n大学 50 n\n清华 30 nz\n清华大学 80 nt\n来到 40 v\n",
                 encoding="utf-8")
    s = "我来到北京清华大学读书"
    ours, theirs = wj.Tokenizer(str(d)), jieba.Tokenizer(str(d))
    for hmm in (True, False):
        assert ours.lcut(s, HMM=hmm) == theirs.lcut(s, HMM=hmm)
    t = wj.Tokenizer()
    t.set_dictionary(str(d))
    assert t.lcut(s, HMM=False) == theirs.lcut(s, HMM=False)
    assert wj.lcut("读书", HMM=False) == ["读书"]  # the module's dictionary is untouched
    with pytest.raises(Exception, match="does not exist"):
        t.set_dictionary(str(tmp_path / "missing.dict"))


def test_gil_is_released_during_cut_many(report_files) -> None:
    # Not a speed test, and no clock: a Python thread must run while cut_many works. The
    # switch interval is raised so far that the ticker thread can only take the GIL when
    # the main thread gives it up; the main thread does not block between the two reads of
    # the count, so the ticker counts during the call only if cut_many releases the GIL.
    # (How long a Python thread pauses meanwhile, and the two-thread speed-up, are measured
    # by benchmarks/gil_release.py.)
    import sys
    import time

    # Four passes over the reports: a call long enough for the ticker to be scheduled.
    lines = [line for p in report_files for line in p.read_text(encoding="utf-8").splitlines()]
    texts = lines * 4
    seg = wenmai.Segmenter()
    seg.cut_many(texts[:10])
    done = threading.Event()
    started = threading.Event()
    ticks = [0]

    def ticker() -> None:
        started.set()
        while not done.is_set():
            ticks[0] += 1
            time.sleep(0.0005)  # blocks, so hands the GIL back at every tick

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        t = threading.Thread(target=ticker)
        t.start()
        started.wait()
        before = ticks[0]
        seg.cut_many(texts, threads=1)
        during = ticks[0] - before
        done.set()
        t.join()
    finally:
        sys.setswitchinterval(interval)
    assert during > 0, "no Python thread ran during cut_many: the GIL was held"
