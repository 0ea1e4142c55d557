"""wenmai.CountVectorizer / TfidfVectorizer against scikit-learn's, given the same tokens:
same vocabulary, values within 1e-12, for several parameter sets (on the 56 government work
reports, or without the corpus the sample's four in tests/data)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
import wenmai
import wenmai.jieba as wj
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer as SkCount
from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidf
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline


@pytest.fixture(scope="module")
def token_docs(report_files) -> list[list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in report_files]
    seg = wenmai.Segmenter()
    return [[t for t in toks if t.strip()] for toks in seg.cut_many(texts)]


def identity(doc):
    return doc


PARAMS = [
    {},
    {"min_df": 2},
    {"min_df": 0.1, "max_df": 0.9},
    {"min_df": 3, "max_df": 40},
    {"max_features": 500},
    {"max_features": 300, "min_df": 2, "max_df": 0.95},
    {"binary": True},
    {"max_df": 1, "min_df": 1},
]
TFIDF = [
    {},
    {"norm": "l1"},
    {"norm": None},
    {"smooth_idf": False},
    {"sublinear_tf": True},
    {"norm": None, "smooth_idf": False, "sublinear_tf": True},
    {"use_idf": False},
    {"binary": True, "norm": "l1"},
]


def untied(docs, params, **how) -> dict:
    """scikit-learn ranks max_features with an unstable argsort, so which of several terms
    tied at the cut it keeps is arbitrary (wenmai keeps the first in term order, see
    test_max_features_ties). Lower the limit to the nearest one without a tie at the cut.
    ``how``: how the documents become tokens (default: they are token lists already)."""
    limit = params.get("max_features")
    if limit is None:
        return params
    counting = {k: v for k, v in params.items() if k in SkCount().get_params()}
    full = SkCount(**(how or {"analyzer": identity}), **{**counting, "max_features": None})
    x = full.fit_transform(docs)
    counts = np.sort(np.asarray(x.sum(axis=0)).ravel())[::-1]
    while 0 < limit < len(counts) and counts[limit - 1] == counts[limit]:
        limit -= 1
    assert limit > 0
    return {**params, "max_features": limit}


def assert_same(ours, theirs, x, y) -> None:
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert ours.vocabulary_ == theirs.vocabulary_
    assert sp.issparse(x) and x.shape == y.shape
    diff = abs(x - y)
    assert (diff.max() if diff.nnz else 0.0) <= 1e-12


@pytest.mark.parametrize("params", PARAMS)
def test_count_vectorizer_parity(token_docs, params) -> None:
    params = untied(token_docs, params)
    ours = wenmai.CountVectorizer(analyzer=identity, **params)
    theirs = SkCount(analyzer=identity, **params)
    x, y = ours.fit_transform(token_docs), theirs.fit_transform(token_docs)
    assert_same(ours, theirs, x, y)
    assert x.dtype == y.dtype
    # transform on unseen documents uses the fitted vocabulary
    new = [["发展", "没有这个词", "发展"], []]
    assert (ours.transform(new) != theirs.transform(new)).nnz == 0


@pytest.mark.parametrize("params", PARAMS[:4] + TFIDF)
def test_tfidf_vectorizer_parity(token_docs, params) -> None:
    params = untied(token_docs, params)
    ours = wenmai.TfidfVectorizer(analyzer=identity, **params)
    theirs = SkTfidf(analyzer=identity, **params)
    x, y = ours.fit_transform(token_docs), theirs.fit_transform(token_docs)
    assert_same(ours, theirs, x, y)
    if params.get("use_idf", True):
        np.testing.assert_allclose(ours.idf_, theirs.idf_, rtol=0, atol=1e-12)
    half = token_docs[::2]
    d = abs(ours.transform(half) - theirs.transform(half))
    assert (d.max() if d.nnz else 0.0) <= 1e-12


@pytest.mark.parametrize("params", [
    {},
    {"ngram_range": (1, 2), "min_df": 2},
    {"stop_words": ["的", "和", "在"], "max_features": 200},
    {"ngram_range": (2, 3), "max_df": 0.5, "sublinear_tf": True},
])
def test_tokenizer_callable_parity(report_files, params) -> None:
    # scikit-learn users pass tokenizer=jieba.lcut; the same tokens give the same matrix.
    texts = [p.read_text(encoding="utf-8") for p in report_files[-12:]]
    params = untied(texts, params, tokenizer=wj.lcut, token_pattern=None)
    ours = wenmai.TfidfVectorizer(tokenizer=wj.lcut, **params)
    theirs = SkTfidf(tokenizer=wj.lcut, token_pattern=None, **params)
    assert_same(ours, theirs, ours.fit_transform(texts), theirs.fit_transform(texts))


def test_max_features_ties(token_docs) -> None:
    # At a tie, the terms strictly above the cut are scikit-learn's; the rest are the first
    # tied terms in term order (deterministic), where scikit-learn's choice is arbitrary.
    ours = wenmai.CountVectorizer(analyzer=identity, max_features=300).fit(token_docs)
    full = SkCount(analyzer=identity).fit(token_docs)
    totals = dict(zip(full.get_feature_names_out(),
                      np.asarray(full.transform(token_docs).sum(axis=0)).ravel(), strict=False))
    kept = list(ours.get_feature_names_out())
    assert len(kept) == 300
    cut = min(totals[t] for t in kept)
    above = {t for t, c in totals.items() if c > cut}
    assert above <= set(kept)
    tied = sorted(t for t, c in totals.items() if c == cut)
    assert sorted(set(kept) - above) == tied[: 300 - len(above)]


def test_fixed_vocabulary_parity(token_docs) -> None:
    vocab = ["经济", "发展", "改革", "人民", "不存在的词"]
    ours = wenmai.CountVectorizer(analyzer=identity, vocabulary=vocab)
    theirs = SkCount(analyzer=identity, vocabulary=vocab)
    x, y = ours.fit_transform(token_docs), theirs.fit_transform(token_docs)
    assert_same(ours, theirs, x, y)
    ours = wenmai.CountVectorizer(analyzer=identity, vocabulary=vocab)
    assert (ours.transform(token_docs) != y).nnz == 0  # usable without fit, as in sklearn


def test_errors_match_sklearn(token_docs) -> None:
    for est in (wenmai.CountVectorizer(), wenmai.TfidfVectorizer()):
        with pytest.raises(ValueError, match="string object received"):
            est.fit("一个字符串不是文档列表")
        with pytest.raises(ValueError):
            est.fit_transform("一个字符串")
    with pytest.raises(ValueError):
        wenmai.CountVectorizer(analyzer=identity, min_df=50, max_df=2).fit(token_docs)
    with pytest.raises(ValueError):
        wenmai.CountVectorizer(analyzer=identity, min_df=1.5).fit(token_docs)
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        wenmai.TfidfVectorizer().transform(["文本"])


def test_native_analysis_default() -> None:
    texts = ["我们要大力发展经济。", "发展科技，科技强国。", "经济和科技"]
    v = wenmai.CountVectorizer()
    x = v.fit_transform(texts)
    assert list(v.get_feature_names_out()) == sorted(v.vocabulary_)
    assert x[1, v.vocabulary_["科技"]] == 2
    assert "，" not in v.vocabulary_ and "。" not in v.vocabulary_
    v = wenmai.TfidfVectorizer(stop_words="zh")
    v.fit(texts)
    assert "我们" not in v.vocabulary_ and "和" not in v.vocabulary_
    an = wenmai.Analyzer(stopwords=None, ngram_range=(1, 2))
    v = wenmai.CountVectorizer(analyzer=an).fit(texts)
    assert "发展 科技" in v.vocabulary_ and "发展" in v.vocabulary_


def test_get_set_params_clone_pipeline() -> None:
    v = wenmai.TfidfVectorizer(min_df=2, norm="l1", ngram_range=(1, 2))
    params = v.get_params()
    assert params["min_df"] == 2 and params["norm"] == "l1" and params["ngram_range"] == (1, 2)
    assert v.set_params(min_df=1) is v and v.min_df == 1
    with pytest.raises(ValueError):
        v.set_params(no_such_param=1)
    c = clone(v)
    assert c is not v and c.get_params() == v.get_params()
    texts = ["我爱北京天安门", "经济发展很快", "北京经济发展", "天安门广场很大"]
    pipe = Pipeline([("tfidf", wenmai.TfidfVectorizer()), ("clf", LogisticRegression())])
    pipe.fit(texts, [0, 1, 1, 0])
    assert list(pipe.predict(texts)) == [0, 1, 1, 0]
    pipe.set_params(tfidf__sublinear_tf=True)
    assert pipe.named_steps["tfidf"].sublinear_tf is True
    assert clone(pipe).get_params()["tfidf__sublinear_tf"] is True


def test_input_filename_and_file(tmp_path) -> None:
    texts = ["发展经济，改革开放。", "发展科技，科技强国。"]
    paths = []
    for i, t in enumerate(texts):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(t.encode("gbk" if i else "utf-8"))
        paths.append(str(p))
    ref = wenmai.TfidfVectorizer().fit_transform(texts)
    # encoding="auto": wenmai's detection (the second file is GBK); the default is
    # scikit-learn's "utf-8", which fails on it as scikit-learn does (test_sklearn_params)
    x = wenmai.TfidfVectorizer(input="filename", encoding="auto").fit_transform(paths)
    assert (abs(x - ref) > 1e-12).nnz == 0
    files = [open(p, "rb") for p in paths]
    try:
        y = wenmai.TfidfVectorizer(input="file", encoding="auto").fit_transform(files)
    finally:
        for f in files:
            f.close()
    assert (abs(y - ref) > 1e-12).nnz == 0
    with pytest.raises(FileNotFoundError):
        wenmai.CountVectorizer(input="filename").fit([str(tmp_path / "missing.txt")])
