"""Round trips through pickle and copy.deepcopy (what joblib, multiprocessing and Dask do)
for Document, Corpus, Segmenter, Analyzer, DocTermMatrix and the keyword extractors."""

from __future__ import annotations

import copy
import io
import multiprocessing
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import wenmai
import wenmai.jieba as wj
import wenmai.jieba.analyse as wa

TEXTS = [
    "关于加强经济发展的通知\n\n一、总体要求\n\n发展经济，建设国家。文脉分析很好。\n\n二、主要任务\n\n"
    "推进科技创新，北京烤鸭真好吃。",
    "政府工作报告\n\n2023年3月5日\n\n各位代表：过去一年，经济社会发展取得新成就。",
    "李小福是创新办主任也是云计算方面的专家。",
]


def roundtrips(obj: Any) -> list[Any]:
    return [pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj)]


def test_document() -> None:
    doc = wenmai.parse(TEXTS[0])
    for d in roundtrips(doc):
        assert d.to_json() == doc.to_json()
        assert [s.heading for s in d.sections] == [s.heading for s in doc.sections]


def test_corpus_with_docvars() -> None:
    c = wenmai.Corpus.from_texts(TEXTS, ids=["a", "b", "c"], docvars={"party": ["x", "y", "x"]})
    for c2 in roundtrips(c):
        assert c2.ids == c.ids
        assert c2.docvars.equals(c.docvars)
        assert [d.to_json() for d in c2] == [d.to_json() for d in c]
        assert (c2.dtm().to_scipy() != c.dtm().to_scipy()).nnz == 0


def test_segmenter_with_user_words(tmp_path: Path) -> None:
    seg = wenmai.Segmenter(private=True, hmm=False)
    seg.add_word("文脉分析", None, "nz")
    seg.load_userdict(io.BytesIO("创新办 3 i\n云计算 5\n".encode()))
    seg.del_word("北京烤鸭")
    seg.suggest_freq(("经济", "发展"), True)
    for s in roundtrips(seg):
        assert not s.shares_dictionary_with(wenmai.Segmenter())
        assert s.hmm is False
        assert s.edits() == seg.edits()
        for t in TEXTS:
            assert s.cut(t) == seg.cut(t)
            assert s.tag(t) == seg.tag(t)
        assert s.total == seg.total
    assert "文脉分析" not in wenmai.Segmenter()
    # the shared default stays shared; a custom main dictionary travels with it
    assert pickle.loads(pickle.dumps(wenmai.Segmenter())).shares_dictionary_with(
        wenmai.Segmenter())
    own = wenmai.Segmenter(dictionary=io.BytesIO("文脉 5 n\n分析 5 vn\n".encode()))
    own.add_word("文脉分析", 10)
    back = pickle.loads(pickle.dumps(own))
    assert back.cut("文脉分析我们") == own.cut("文脉分析我们")
    assert "我们" not in back and back.dictionary_text() == own.dictionary_text()


def test_segmenter_through_multiprocessing_and_joblib() -> None:
    # A small main dictionary of its own, so the children rebuild it fast.
    seg = wenmai.Segmenter(dictionary=io.BytesIO("经济 5 n\n发展 5 vn\n".encode()))
    seg.add_word("文脉分析", 1000)
    want = [seg.cut(t) for t in TEXTS]
    assert "文脉分析" in want[0]
    # spawn: the segmenter reaches a fresh interpreter only through pickle; the unbound
    # method pickles by name, so the child needs nothing from this file
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        assert pool.starmap(wenmai.Segmenter.cut, [(seg, t) for t in TEXTS]) == want
    joblib = pytest.importorskip("joblib")
    got = joblib.Parallel(n_jobs=2)(joblib.delayed(seg.cut)(t) for t in TEXTS)
    assert got == want


def test_analyzer(tmp_path: Path) -> None:
    user = tmp_path / "user.txt"
    user.write_text("文脉分析 10 n\n", encoding="utf-8")
    an = wenmai.Analyzer(stopwords=iter(["经济", "建设"]), pos=["n", "v", "vn"], user_dict=user,
                         ngram_range=(1, 2), drop_numbers=True, mode="search")
    for a in roundtrips(an):
        for t in TEXTS:
            assert a.analyze(t) == an.analyze(t)
    default = wenmai.Analyzer()
    assert pickle.loads(pickle.dumps(default)).analyze(TEXTS[1]) == default.analyze(TEXTS[1])


def test_doc_term_matrix() -> None:
    c = wenmai.Corpus.from_texts(TEXTS, docvars={"party": ["x", "y", "x"]})
    m = c.dtm()
    w = m.tfidf()
    for orig in (m, w):
        for m2 in roundtrips(orig):
            assert m2.terms == orig.terms
            assert (m2.to_scipy() != orig.to_scipy()).nnz == 0
            assert repr(m2) == repr(orig)
    g = pickle.loads(pickle.dumps(m)).group("party")
    assert np.array_equal(g.to_scipy().toarray(), m.group("party").to_scipy().toarray())
    grouped = m.group("party")
    assert (pickle.loads(pickle.dumps(grouped)).to_scipy() != grouped.to_scipy()).nnz == 0


def test_keyword_extractors(tmp_path: Path) -> None:
    idf = tmp_path / "idf.txt"
    idf.write_text("经济 3.0\n发展 1.5\n创新办 9.0\n", encoding="utf-8")
    stop = tmp_path / "stop.txt"
    stop.write_text("国家\n", encoding="utf-8")
    seg = wenmai.Segmenter(dictionary=io.BytesIO("经济 5 n\n发展 5 vn\n国家 5 n\n".encode()))
    seg.add_word("创新办", 10, "n")
    k = wenmai.KeywordExtractor(seg)
    k.set_idf_path(idf)
    k.set_stop_words(stop)
    for k2 in roundtrips(k):
        for t in TEXTS:
            assert k2.extract_tags(t, None) == k.extract_tags(t, None)
            assert k2.textrank(t, None) == k.textrank(t, None)
    t = wa.TFIDF()
    t.set_idf_path(str(idf))
    t.stop_words.add("发展")
    tr = wa.TextRank()
    tr.span = 3
    for t2 in roundtrips(t):
        assert t2.extract_tags(TEXTS[0], withWeight=True) == t.extract_tags(TEXTS[0],
                                                                          withWeight=True)
    for tr2 in roundtrips(tr):
        assert tr2.span == 3
        assert tr2.textrank(TEXTS[0], withWeight=True) == tr.textrank(TEXTS[0], withWeight=True)


def test_jieba_tokenizer() -> None:
    tok = wj.Tokenizer()
    tok.add_word("文脉分析", 10, "nz")
    for t in roundtrips(tok):
        assert t.lcut(TEXTS[0]) == tok.lcut(TEXTS[0])
        assert t.user_word_tag_tab == {"文脉分析": "nz"}


def test_jieba_functions_and_sklearn_clone() -> None:
    # sklearn's clone deep-copies a vectorizer's tokenizer (the bound method wenmai.jieba.lcut)
    for f in roundtrips(wj.lcut):
        assert f(TEXTS[2]) == wj.lcut(TEXTS[2])
    assert pickle.loads(pickle.dumps(wa.extract_tags))(TEXTS[0]) == wa.extract_tags(TEXTS[0])
    text = pytest.importorskip("sklearn.feature_extraction.text")
    from sklearn.base import clone

    v = clone(text.CountVectorizer(tokenizer=wj.lcut, token_pattern=None, lowercase=False))
    assert v.fit(TEXTS).get_feature_names_out().tolist() == sorted(
        {w for t in TEXTS for w in wj.lcut(t)})
