"""wenmai.jieba against jieba 0.42.1 on the same lines: the share of lines with identical
tokens is pinned as a lower bound at the measured value.

Measured (this suite, 2026-11): precise mode, HMM on and off, on every non-blank line of the
56 government work reports (5,954 lines), SIGHAN 2005 PKU test (1,944) and MSR test (3,985):
100% identical. Full mode, search mode and tokenize(mode="search") on the last 20 reports:
100%. posseg, HMM off and on, identical (word, tag) lines: 100% on all three sets (HMM on was
0.560 / 0.544 / 0.695 before wenmai-analyze ported jieba's posseg HMM, `posseg.rs`).
Without the corpus the "gov" lines are the sample's four reports (tests/data) and the SIGHAN
sets skip.
"""

from __future__ import annotations

from pathlib import Path

import jieba
import jieba.posseg as jieba_posseg
import pytest
import wenmai.jieba as wj
import wenmai.jieba.posseg as wj_posseg
from conftest import corpus_root

# Lower bounds for the identical-line rates (measured: all 1.0).
PINNED_PRECISE = {"gov": 1.0, "pku": 1.0, "msr": 1.0}
# posseg with the HMM on (jieba's joint (position, POS) Viterbi over unknown runs): identical
# (word, tag) lines measured 1.0 on gov (5,954 lines), PKU (1,944) and MSR (3,985).
PINNED_POSSEG_HMM = {"gov": 1.0, "pku": 1.0, "msr": 1.0}


def _lines(paths: list[Path]) -> list[str]:
    return [line for p in paths for line in p.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module")
def line_sets(report_files: list[Path]):
    """`line_sets(name)`: the lines of "gov" (the reports), "pku" or "msr" (SIGHAN 2005, which
    skip without the corpus)."""
    cache: dict[str, list[str]] = {}

    def get(name: str) -> list[str]:
        if name not in cache:
            if name == "gov":
                cache[name] = _lines(report_files)
            else:
                cache[name] = _lines([corpus_root() / "sighan2005" / f"{name}_test.utf8"])
        return cache[name]

    return get


def _rate(a: list, b: list) -> float:
    assert len(a) == len(b) and a
    return sum(x == y for x, y in zip(a, b, strict=False)) / len(a)


@pytest.mark.parametrize("name", ["gov", "pku", "msr"])
@pytest.mark.parametrize("hmm", [True, False])
def test_lcut_identical_line_rate(line_sets, name: str, hmm: bool) -> None:
    lines = line_sets(name)
    ours = [wj.lcut(line, HMM=hmm) for line in lines]
    theirs = [jieba.lcut(line, HMM=hmm) for line in lines]
    rate = _rate(ours, theirs)
    assert rate >= PINNED_PRECISE[name], f"{name} HMM={hmm}: {rate:.5f}"


@pytest.mark.parametrize("hmm", [True, False])
def test_other_modes_identical(report_files, hmm: bool) -> None:
    lines = _lines(report_files[-10:])
    assert _rate([wj.lcut(s, cut_all=True) for s in lines],
                 [jieba.lcut(s, cut_all=True) for s in lines]) == 1.0
    assert _rate([wj.lcut_for_search(s, HMM=hmm) for s in lines],
                 [jieba.lcut_for_search(s, HMM=hmm) for s in lines]) == 1.0
    assert _rate([list(wj.tokenize(s, mode="search", HMM=hmm)) for s in lines],
                 [list(jieba.tokenize(s, mode="search", HMM=hmm)) for s in lines]) == 1.0
    assert _rate([list(wj.tokenize(s, HMM=hmm)) for s in lines],
                 [list(jieba.tokenize(s, HMM=hmm)) for s in lines]) == 1.0


def test_posseg_without_hmm_identical(report_files) -> None:
    lines = _lines(report_files[-5:])
    ours = [[tuple(p) for p in wj_posseg.lcut(s, HMM=False)] for s in lines]
    theirs = [[tuple(p) for p in jieba_posseg.lcut(s, HMM=False)] for s in lines]
    assert _rate(ours, theirs) == 1.0


@pytest.mark.parametrize("name", ["gov", "pku", "msr"])
def test_posseg_hmm_rate(line_sets, name: str) -> None:
    lines = line_sets(name)
    ours = [[tuple(p) for p in wj_posseg.lcut(s)] for s in lines]
    theirs = [[tuple(p) for p in jieba_posseg.lcut(s)] for s in lines]
    rate = _rate(ours, theirs)
    assert rate >= PINNED_POSSEG_HMM[name], f"{name} posseg HMM: {rate:.5f}"


# --- the known kinds of difference from jieba-rs that wenmai reproduces as jieba does ----

@pytest.mark.parametrize(
    "text",
    [
        "2011-2020年发展规划",         # ASCII runs split by jieba's re_skip after the HMM
        "访问http://www.gov.cn/zhengce/获取",  # web addresses
        "ＧＤＰ增长６．５％左右",       # full-width letters and digits
        "B超检查",                      # the one dict.txt entry jieba-rs lacks
        "C++和C#都是语言",             # re_han_default's +#&._%- chars
        "  　 两个空格和全角空格",
        "第一，…第二，……",
    ],
)
@pytest.mark.parametrize("hmm", [True, False])
def test_known_differences_follow_jieba(text: str, hmm: bool) -> None:
    assert wj.lcut(text, HMM=hmm) == jieba.lcut(text, HMM=hmm)
    assert list(wj.tokenize(text, HMM=hmm)) == list(jieba.tokenize(text, HMM=hmm))
    assert wj.lcut(text, cut_all=True) == jieba.lcut(text, cut_all=True)


@pytest.mark.parametrize(
    "text",
    [
        "历史上极不平凡",               # single chars tagged by the (word, tag) HMM
        "他说很好",
        "敢于这样主动迎接挑战的国家大概不多。",  # a dictionary word the route splits (不多)
        "瓦西里斯的船只中有４０％驶向远东",   # names, full-width digits
        "2001年GDP增长7.5%，v1.2.3版本的C++和x&y_z比赛3a4",  # re_skip_detail pieces
        "一九五四年预计产量来同一九四九年产量比较一下\r\n第二行",
    ],
)
def test_posseg_hmm_follows_jieba(text: str) -> None:
    assert [tuple(p) for p in wj_posseg.lcut(text)] == [tuple(p) for p in jieba_posseg.lcut(text)]


def test_posseg_hmm_user_words_follow_jieba() -> None:
    text = "文脉分析对中国人民很有用，我来到北京清华大学读大学"
    tok = jieba.Tokenizer()
    ours = wj.Tokenizer()
    for t in (tok, ours):
        t.add_word("文脉分析", None, "nz")
        t.add_word("中国人民", 5)
        t.del_word("大学")
    expected = [tuple(p) for p in jieba_posseg.POSTokenizer(tok).lcut(text)]
    assert [tuple(p) for p in wj_posseg.POSTokenizer(ours).lcut(text)] == expected


@pytest.mark.parametrize("hmm", [True, False])
def test_add_word_retags_an_existing_word_as_jieba(hmm: bool) -> None:
    # jieba's add_word(word, tag=...) replaces the tag of a word already in the dictionary
    # (user_word_tag_tab); jieba-rs keeps the first tag, so wenmai keeps its own table.
    text = "我爱北京天安门，也爱长城"
    tok = jieba.Tokenizer()
    ours = wj.Tokenizer()
    for t in (tok, ours):
        t.add_word("北京", tag="nz")
        t.add_word("天安门", 5, "xx")
        t.add_word("爱", tag="vv")
        t.add_word("长城")  # no tag: keeps ns
    expected = [tuple(p) for p in jieba_posseg.POSTokenizer(tok).lcut(text, HMM=hmm)]
    got = [tuple(p) for p in wj_posseg.POSTokenizer(ours).lcut(text, HMM=hmm)]
    assert got == expected
    assert ("北京", "nz") in got and ("天安门", "xx") in got and ("长城", "ns") in got
