"""wenmai.jieba.analyse against jieba.analyse 0.42.1 on the 56 government work reports.

Measured: extract_tags top-20 identical sets on 56/56 reports (identical order too, weights
equal); textrank top-20 identical sets and order on 56/56 (it builds its graph from posseg
words and tags; before wenmai-analyze ported jieba's posseg HMM: sets 42/56, order 4/56).
Without the corpus: the sample's four reports (tests/data).
"""

from __future__ import annotations

import jieba.analyse as jieba_analyse
import pytest
import wenmai
import wenmai.jieba as wj
from wenmai.jieba import analyse
from wenmai.jieba.posseg import pair

PINNED_EXTRACT_TAGS_SETS = 1.0
PINNED_EXTRACT_TAGS_ORDER = 1.0
PINNED_TEXTRANK_SETS = 1.0
PINNED_TEXTRANK_ORDER = 1.0


@pytest.fixture(scope="module")
def reports(report_files) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in report_files]


def test_extract_tags_top20(reports) -> None:
    ours = [analyse.extract_tags(t, topK=20, withWeight=True) for t in reports]
    theirs = [jieba_analyse.extract_tags(t, topK=20, withWeight=True) for t in reports]
    sets = sum({w for w, _ in a} == {w for w, _ in b} for a, b in zip(ours, theirs, strict=False))
    order = sum([w for w, _ in a] == [w for w, _ in b] for a, b in zip(ours, theirs, strict=False))
    assert sets / len(reports) >= PINNED_EXTRACT_TAGS_SETS
    assert order / len(reports) >= PINNED_EXTRACT_TAGS_ORDER
    for a, b in zip(ours, theirs, strict=False):
        for (wa, xa), (wb, xb) in zip(a, b, strict=False):
            if wa == wb:
                assert abs(xa - xb) <= 1e-12 * max(1.0, abs(xb))


def test_textrank_top20(reports) -> None:
    ours = [analyse.textrank(t, topK=20) for t in reports]
    theirs = [jieba_analyse.textrank(t, topK=20) for t in reports]
    sets = sum(set(a) == set(b) for a, b in zip(ours, theirs, strict=False)) / len(reports)
    assert sets >= PINNED_TEXTRANK_SETS
    order = sum(a == b for a, b in zip(ours, theirs, strict=True)) / len(reports)
    assert order >= PINNED_TEXTRANK_ORDER
    common = sum(len(set(a) & set(b)) for a, b in zip(ours, theirs, strict=True))
    overlap = common / (20 * len(reports))
    assert overlap >= 0.98


def test_return_shapes_match_jieba() -> None:
    text = ("今天纽约的天气真好啊，京华大酒店的张尧经理吃了一只北京烤鸭。"
            "后天纽约的天气不好，北京烤鸭真好吃")
    a = analyse.extract_tags(text, topK=3)
    assert a == jieba_analyse.extract_tags(text, topK=3)
    assert all(isinstance(w, str) for w in a)
    b = analyse.extract_tags(text, topK=3, withWeight=True)
    assert all(isinstance(x, tuple) and len(x) == 2 for x in b)
    c = analyse.extract_tags(text, topK=5, allowPOS=("ns", "n"), withFlag=True)
    d = jieba_analyse.extract_tags(text, topK=5, allowPOS=("ns", "n"), withFlag=True)
    assert all(isinstance(p, pair) for p in c)
    assert [tuple(p) for p in c] == [tuple(p) for p in d]
    e = analyse.extract_tags(text, topK=None)
    assert sorted(e) == sorted(jieba_analyse.extract_tags(text, topK=None))
    f = analyse.textrank(text, withWeight=True, withFlag=True)
    assert all(isinstance(p, pair) and isinstance(w, float) for p, w in f)
    assert max(w for _, w in f) == 1.0
    assert analyse.tfidf is analyse.extract_tags or analyse.tfidf == analyse.extract_tags


def test_set_stop_words_and_idf_path(tmp_path) -> None:
    text = "纽约的天气很好，北京烤鸭很好吃，纽约北京"
    stop = tmp_path / "stop.txt"
    stop.write_text("纽约\n", encoding="utf-8")
    tf = analyse.TFIDF()
    assert "纽约" in tf.extract_tags(text)
    tf.set_stop_words(str(stop))
    assert "纽约" not in tf.extract_tags(text)
    idf = tmp_path / "idf.txt"
    idf.write_text("天气 100.0\n烤鸭 1.0\n", encoding="utf-8")
    tf2 = analyse.TFIDF(idf_path=str(idf))
    ours = tf2.extract_tags(text, withWeight=True)
    theirs = jieba_analyse.TFIDF(idf_path=str(idf)).extract_tags(text, withWeight=True)
    assert ours == theirs
    assert ours[1] == ("天气", pytest.approx(100.0 / 6))  # known idf; unknown: the median
    bad = tmp_path / "bad_idf.txt"
    bad.write_text("只有一列\n", encoding="utf-8")
    with pytest.raises(wenmai.DictionaryError):
        analyse.TFIDF(idf_path=str(bad))
    with pytest.raises(FileNotFoundError):
        tf.set_idf_path(str(tmp_path / "missing.txt"))


def test_wenmai_keywords_function(reports) -> None:
    doc = wenmai.parse(reports[-1])
    a = wenmai.keywords(doc, top_k=20)
    assert [w for w, _ in a] == jieba_analyse.extract_tags(reports[-1], topK=20)
    b = wenmai.keywords(reports[-1], top_k=5, method="textrank")
    assert len(b) == 5 and b[0][1] == 1.0
    assert wenmai.keywords("", top_k=5) == []
    with pytest.raises(ValueError):
        wenmai.keywords("文本", method="bm25")


def test_user_words_reach_keywords() -> None:
    text = "文脉分析工具很好用，文脉分析工具速度快。"
    tok = wj.Tokenizer()
    tok.add_word("文脉分析工具")
    assert "文脉分析工具" in tok.lcut(text)
    assert "文脉分析工具" not in wj.lcut(text)  # a private Tokenizer leaves the module's alone
