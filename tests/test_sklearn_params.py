"""Every parameter of scikit-learn's text vectorizers, against scikit-learn itself on the same
input and the same tokenizer: vocabulary, every value of the matrix, warnings and errors;
HashingVectorizer's columns; TfidfTransformer; pickling, clone, GridSearchCV(n_jobs=2); and
the scikit-learn estimator checks that apply to text vectorizers."""

from __future__ import annotations

import copy
import pickle
import warnings
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
import wenmai
import wenmai.jieba as wj
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.feature_extraction import text as sk

DATA = Path(__file__).parent / "data" / "gov_reports"
MIXED = [
    "我们要大力发展经济。The Economy is GROWING fast, café naïve résumé!",
    "发展科技，科技强国。Science and technology: the Engine of growth.",
    "经济和科技 economy <b>science</b> 2024年 ÉCOLE",
    "人民群众的获得感、幸福感、安全感更加充实。",
    "",
    "Ｆｕｌｌｗｉｄｔｈ 全角 ＡＢＣ and more more more",
]


@pytest.fixture(scope="module")
def reports() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]


def lcut_no_space(text: str) -> list[str]:
    return [t for t in wj.lcut(text) if t.strip()]


def identity(doc):
    return doc


def same_matrix(x, y, tol: float = 1e-12) -> None:
    """Same shape, dtype, stored cells and values (within ``tol``)."""
    assert sp.issparse(x) and sp.issparse(y)
    assert x.shape == y.shape and x.dtype == y.dtype
    x, y = sp.csr_matrix(x), sp.csr_matrix(y)
    x.sort_indices()
    y.sort_indices()
    assert_array_equal(x.indptr, y.indptr)
    assert_array_equal(x.indices, y.indices)
    assert_allclose(x.data, y.data, rtol=0, atol=tol)


def same_fit(ours, theirs, docs, tol: float = 1e-12, method: str = "fit_transform"):
    x = getattr(ours, method)(docs)
    y = getattr(theirs, method)(docs)
    assert ours.vocabulary_ == theirs.vocabulary_
    assert_array_equal(ours.get_feature_names_out(), theirs.get_feature_names_out())
    same_matrix(x, y, tol)
    return x, y


def untied(make_sk, params: dict, docs) -> dict:
    """scikit-learn's max_features keeps arbitrary terms among those tied at the cut (an
    unstable argsort; wenmai keeps the first in term order, test_sklearn_parity checks that):
    lower the limit to the nearest one without a tie."""
    limit = params.get("max_features")
    if limit is None:
        return params
    full = quiet(make_sk({**params, "max_features": None}).fit_transform, docs)
    counts = np.sort(np.asarray(full.sum(axis=0)).ravel())[::-1]
    while 0 < limit < len(counts) and counts[limit - 1] == counts[limit]:
        limit -= 1
    assert limit > 0
    return {**params, "max_features": limit}


def quiet(f, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f(*args)


# --- CountVectorizer: one row per parameter (with the tokenizer given to both sides) -------
COUNT_PARAMS = [
    pytest.param({}, id="defaults"),
    pytest.param({"lowercase": False}, id="lowercase"),
    pytest.param({"strip_accents": "ascii"}, id="strip_accents-ascii"),
    pytest.param({"strip_accents": "unicode"}, id="strip_accents-unicode"),
    pytest.param({"strip_accents": sk.strip_accents_unicode}, id="strip_accents-callable"),
    pytest.param({"preprocessor": sk.strip_tags}, id="preprocessor"),
    pytest.param({"stop_words": "english"}, id="stop_words-english"),
    pytest.param({"stop_words": ["的", "和", "the", "and"]}, id="stop_words-list"),
    pytest.param({"ngram_range": (1, 2)}, id="ngram_range-12"),
    pytest.param({"ngram_range": (2, 3), "stop_words": "english"}, id="ngram_range-23"),
    pytest.param({"max_df": 0.5}, id="max_df-float"),
    pytest.param({"max_df": 2}, id="max_df-int"),
    pytest.param({"min_df": 2}, id="min_df-int"),
    pytest.param({"min_df": 0.3}, id="min_df-float"),
    pytest.param({"max_features": 7}, id="max_features"),
    pytest.param({"vocabulary": ["科技", "发展", "economy", "没有"]}, id="vocabulary-list"),
    pytest.param({"vocabulary": {"科技": 1, "发展": 0, "growth": 2}}, id="vocabulary-dict"),
    pytest.param({"vocabulary": {"科技", "发展", "the"}}, id="vocabulary-set"),
    pytest.param({"binary": True}, id="binary"),
    pytest.param({"dtype": np.float32}, id="dtype-float32"),
    pytest.param({"dtype": np.int32, "binary": True}, id="dtype-int32"),
]


@pytest.mark.parametrize("params", COUNT_PARAMS)
def test_count_params_tokenizer(params) -> None:
    # The scikit-learn idiom: tokenizer=jieba.lcut, token_pattern=None.
    params = untied(lambda p: sk.CountVectorizer(tokenizer=lcut_no_space, token_pattern=None,
                                                 **p), params, MIXED)
    ours = wenmai.CountVectorizer(tokenizer=lcut_no_space, **params)
    theirs = sk.CountVectorizer(tokenizer=lcut_no_space, token_pattern=None, **params)
    quiet(same_fit, ours, theirs, MIXED)
    same_matrix(quiet(ours.transform, MIXED[::-1]), quiet(theirs.transform, MIXED[::-1]))
    if "vocabulary" in params:
        assert ours.fixed_vocabulary_ is theirs.fixed_vocabulary_ is True
    else:
        assert ours.fixed_vocabulary_ is theirs.fixed_vocabulary_ is False


@pytest.mark.parametrize("params", COUNT_PARAMS)
def test_count_params_regex(params) -> None:
    # token_pattern: scikit-learn's own regex tokenization, given explicitly.
    params = untied(lambda p: sk.CountVectorizer(**p), params, MIXED)
    ours = wenmai.CountVectorizer(token_pattern=r"(?u)\b\w\w+\b", **params)
    quiet(same_fit, ours, sk.CountVectorizer(**params), MIXED)
    pattern = r"(?u)\b(\w)\w*\b"
    params = untied(lambda p: sk.CountVectorizer(token_pattern=pattern, **p), params, MIXED)
    ours = wenmai.CountVectorizer(token_pattern=pattern, **params)
    quiet(same_fit, ours, sk.CountVectorizer(token_pattern=pattern, **params), MIXED)


@pytest.mark.parametrize("params", [
    {}, {"ngram_range": (1, 2)}, {"ngram_range": (2, 4)}, {"lowercase": False},
    {"strip_accents": "unicode", "max_features": 20}, {"binary": True, "min_df": 2},
])
@pytest.mark.parametrize("analyzer", ["char", "char_wb"])
def test_char_analyzers(analyzer, params) -> None:
    params = untied(lambda p: sk.CountVectorizer(analyzer=analyzer, **p), params, MIXED)
    ours = wenmai.CountVectorizer(analyzer=analyzer, **params)
    same_fit(ours, sk.CountVectorizer(analyzer=analyzer, **params), MIXED)
    tf = wenmai.TfidfVectorizer(analyzer=analyzer, **params)
    same_fit(tf, sk.TfidfVectorizer(analyzer=analyzer, **params), MIXED)


def test_callable_analyzer_and_native_default(reports) -> None:
    ours = wenmai.CountVectorizer(analyzer=lcut_no_space, min_df=2)
    same_fit(ours, sk.CountVectorizer(analyzer=lcut_no_space, min_df=2), reports)
    # The default (jieba in Rust, token_pattern=None): scikit-learn counting the same terms.
    for params in ({}, {"stop_words": "english", "ngram_range": (1, 2)},
                   {"stop_words": "zh", "max_features": 300, "binary": True},
                   {"strip_accents": "unicode", "lowercase": False},
                   {"preprocessor": sk.strip_tags, "max_df": 0.8}):
        ours = wenmai.CountVectorizer(**params)
        analyze = ours.build_analyzer()
        counting = {k: v for k, v in params.items() if k in ("max_features", "binary", "max_df")}
        counting = untied(lambda p, a=analyze: sk.CountVectorizer(analyzer=a, **p), counting,
                          reports + MIXED)
        ours.set_params(**counting)
        x, _ = same_fit(ours, sk.CountVectorizer(analyzer=analyze, **counting),
                        reports + MIXED)
        assert x.nnz > 30
    # lowercase is str.lower, as in scikit-learn, beyond ASCII too
    vocab = wenmai.CountVectorizer().fit(MIXED).vocabulary_
    assert "é" in vocab and "É" not in vocab and "economy" in vocab
    v = wenmai.CountVectorizer(stop_words="english").fit(MIXED)
    assert "the" not in v.vocabulary_ and "economy" in v.vocabulary_
    assert "发展" in v.vocabulary_


def test_input_encoding_decode_error(tmp_path) -> None:
    texts = ["发展经济，改革开放。", "发展科技，科技强国 café。"]
    paths = []
    for i, t in enumerate(texts):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(t.encode("gbk" if i else "utf-8"))
        paths.append(str(p))
    for params in ({"decode_error": "ignore"}, {"decode_error": "replace"},
                   {"encoding": "latin-1"}, {"encoding": "gbk", "decode_error": "replace"}):
        kw = dict(tokenizer=lcut_no_space, **params)
        ours = wenmai.CountVectorizer(input="filename", **kw)
        same_fit(ours, sk.CountVectorizer(input="filename", token_pattern=None, **kw), paths)
        assert ours.decode(paths[1]) == sk.CountVectorizer(input="filename", **kw).decode(
            paths[1])
        ours = wenmai.CountVectorizer(input="file", **kw)
        theirs = sk.CountVectorizer(input="file", token_pattern=None, **kw)
        files = [[open(p, "rb") for p in paths] for _ in range(3)]
        try:
            x = ours.fit_transform(files[0])
            same_matrix(x, theirs.fit_transform(files[1]))
            assert ours.vocabulary_ == theirs.vocabulary_
            # bytes given as content are decoded the same way
            same_matrix(wenmai.CountVectorizer(**kw).fit_transform([f.read() for f in files[2]]),
                        x)
        finally:
            for f in sum(files, []):
                f.close()
    with pytest.raises(UnicodeDecodeError):
        wenmai.CountVectorizer(input="filename").fit(paths)
    with pytest.raises(UnicodeDecodeError):
        sk.CountVectorizer(input="filename").fit(paths)
    # encoding="auto": wenmai's detection (GBK here), on the Rust path
    auto = wenmai.CountVectorizer(input="filename", encoding="auto").fit(paths)
    assert "科技" in auto.vocabulary_
    with pytest.raises(ValueError, match="np.nan is an invalid document"):
        wenmai.CountVectorizer().fit(["文本", np.nan])


# --- TfidfVectorizer / TfidfTransformer --------------------------------------------------
TFIDF_PARAMS = [
    pytest.param({}, id="defaults"),
    pytest.param({"norm": "l1"}, id="norm-l1"),
    pytest.param({"norm": None}, id="norm-None"),
    pytest.param({"use_idf": False}, id="use_idf"),
    pytest.param({"smooth_idf": False}, id="smooth_idf"),
    pytest.param({"sublinear_tf": True}, id="sublinear_tf"),
    pytest.param({"binary": True, "norm": "l1", "sublinear_tf": True}, id="binary"),
    pytest.param({"dtype": np.float32}, id="dtype-float32"),
    pytest.param({"ngram_range": (1, 2), "min_df": 2, "max_features": 40}, id="pruned"),
    pytest.param({"vocabulary": ["科技", "发展", "economy"]}, id="vocabulary"),
]


@pytest.mark.parametrize("params", TFIDF_PARAMS)
def test_tfidf_params(reports, params) -> None:
    docs = reports + MIXED
    tol = 1e-6 if params.get("dtype") == np.float32 else 1e-12
    params = untied(lambda p: sk.CountVectorizer(tokenizer=lcut_no_space, token_pattern=None,
                                                 **{k: v for k, v in p.items()
                                                    if k in ("ngram_range", "min_df")}),
                    params, docs)
    ours = wenmai.TfidfVectorizer(tokenizer=lcut_no_space, **params)
    theirs = sk.TfidfVectorizer(tokenizer=lcut_no_space, token_pattern=None, **params)
    same_fit(ours, theirs, docs, tol)
    if params.get("use_idf", True):
        assert ours.idf_.dtype == theirs.idf_.dtype
        assert_allclose(ours.idf_, theirs.idf_, rtol=0, atol=tol)
    same_matrix(ours.transform(MIXED), theirs.transform(MIXED), tol)
    # the default Rust path, against scikit-learn on the same terms
    native = wenmai.TfidfVectorizer(**params)
    counting = {k: v for k, v in params.items() if k != "ngram_range"}  # the analyzer's job
    same_fit(native, sk.TfidfVectorizer(analyzer=native.build_analyzer(), **counting), docs,
             tol)


def test_tfidf_transformer() -> None:
    rng = np.random.default_rng(0)
    counts = sp.random(30, 12, density=0.3, format="csr", random_state=1, dtype=np.float64)
    counts.data = np.ceil(counts.data * 5)
    for params in ({}, {"norm": "l1"}, {"norm": None, "sublinear_tf": True},
                   {"smooth_idf": False}, {"use_idf": False}):
        ours, theirs = wenmai.TfidfTransformer(**params), sk.TfidfTransformer(**params)
        same_matrix(ours.fit_transform(counts), theirs.fit_transform(counts))
        dense = rng.integers(0, 4, size=(5, 12))
        same_matrix(ours.transform(dense), theirs.transform(dense))
        if params.get("use_idf", True):
            assert_allclose(ours.idf_, theirs.idf_, rtol=0, atol=1e-12)
        f32 = counts.astype(np.float32)
        same_matrix(ours.fit_transform(f32), theirs.fit_transform(f32), 1e-6)
    with pytest.raises(ValueError, match="X has 3 features, but TfidfTransformer is expecting"):
        wenmai.TfidfTransformer().fit(counts).transform(np.ones((2, 3)))
    assert_array_equal(wenmai.TfidfTransformer().fit(counts).get_feature_names_out(),
                       sk.TfidfTransformer().fit(counts).get_feature_names_out())


def test_idf_setter() -> None:
    a = wenmai.TfidfVectorizer(tokenizer=lcut_no_space).fit(MIXED)
    b = wenmai.TfidfVectorizer(tokenizer=lcut_no_space, vocabulary=a.vocabulary_)
    b.idf_ = a.idf_
    same_matrix(a.transform(MIXED), b.transform(MIXED))
    with pytest.raises(ValueError, match="idf length"):
        b.idf_ = a.idf_[:3]
    with pytest.raises(ValueError, match="cannot be set"):
        wenmai.TfidfVectorizer(use_idf=False).idf_ = a.idf_


# --- HashingVectorizer -------------------------------------------------------------------
@pytest.mark.parametrize("params", [
    {}, {"n_features": 16}, {"n_features": 3}, {"alternate_sign": False},
    {"norm": None}, {"norm": "l1", "n_features": 8}, {"binary": True, "n_features": 5},
    {"ngram_range": (1, 2), "stop_words": "english"}, {"dtype": np.float32},
    {"analyzer": "char", "ngram_range": (1, 3), "n_features": 64},
    {"analyzer": "char_wb", "ngram_range": (2, 3)},
])
def test_hashing_columns(reports, params) -> None:
    docs = [reports[0][:3000]] + MIXED
    tol = 1e-6 if params.get("dtype") == np.float32 else 1e-12
    # tokenizer given to both, the regex path, and the Rust path (its terms given to sklearn)
    a = wenmai.HashingVectorizer(tokenizer=lcut_no_space, **params)
    b = sk.HashingVectorizer(tokenizer=lcut_no_space, token_pattern=None, **params)
    same_matrix(quiet(a.fit_transform, docs), quiet(b.fit_transform, docs), tol)
    a = wenmai.HashingVectorizer(token_pattern=r"(?u)\b\w\w+\b", **params)
    same_matrix(quiet(a.transform, docs), sk.HashingVectorizer(**params).transform(docs), tol)
    native = wenmai.HashingVectorizer(**params)
    theirs = sk.HashingVectorizer(analyzer=native.build_analyzer(),
                                  **{k: v for k, v in params.items()
                                     if k not in ("analyzer", "ngram_range", "stop_words")})
    same_matrix(native.transform(docs), theirs.transform(docs), tol)


def test_hashing_stateless_and_errors() -> None:
    v = wenmai.HashingVectorizer(n_features=2**10)
    x = v.transform(MIXED)  # no fit needed
    assert x.shape == (len(MIXED), 2**10)
    assert v.partial_fit(MIXED) is v and v.fit(MIXED) is v
    for bad in (0, -1, 2**31, 1.5):
        with pytest.raises(ValueError, match="n_features"):
            wenmai.HashingVectorizer(n_features=bad).transform(MIXED)
    with pytest.raises(ValueError, match="string object received"):
        v.transform("一个字符串")


# --- warnings and errors as scikit-learn gives them ---------------------------------------
def warns_like(make, docs=MIXED) -> list[str]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        make().fit(docs)
    return sorted({str(m.message) for m in w if issubclass(m.category, UserWarning)})


@pytest.mark.parametrize("params", [
    {"tokenizer": lcut_no_space, "token_pattern": r"\w+"},
    {"analyzer": "char", "stop_words": "english"},
    {"analyzer": "char_wb", "tokenizer": lcut_no_space, "token_pattern": None},
    {"analyzer": "char", "token_pattern": r"\w+"},
    {"analyzer": lcut_no_space, "preprocessor": str.upper, "ngram_range": (1, 2)},
    {"vocabulary": ["Economy", "发展"]},
    {"stop_words": ["don't"], "token_pattern": r"(?u)\b\w\w+\b"},
    {"dtype": np.int64},
])
def test_warnings_match_sklearn(params) -> None:
    ours = warns_like(lambda: wenmai.TfidfVectorizer(**params))
    theirs = warns_like(lambda: sk.TfidfVectorizer(**params))
    assert ours == theirs and ours


def test_stop_words_consistency_on_jieba_path() -> None:
    with pytest.warns(UserWarning, match=r"inconsistent with your preprocessing.*'经济'"):
        wenmai.CountVectorizer(stop_words=["发展经济", "发展"]).fit(MIXED)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wenmai.CountVectorizer(stop_words="english").fit(MIXED)
        wenmai.CountVectorizer(stop_words=["发展", "经济"]).fit(MIXED)


def test_token_pattern_warning_idiom() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wenmai.TfidfVectorizer(tokenizer=wj.lcut, token_pattern=None).fit(MIXED)
    with pytest.warns(UserWarning, match="'token_pattern' will not be used"):
        wenmai.TfidfVectorizer(tokenizer=wj.lcut, token_pattern=r"\w+").fit(MIXED)


@pytest.mark.parametrize("params", [
    {"analyzer": "words"}, {"input": "path"}, {"decode_error": "skip"},
    {"strip_accents": "latin"}, {"min_df": 1.5}, {"max_df": -1}, {"max_features": 0},
    {"ngram_range": [1, 2]}, {"stop_words": "french"}, {"norm": "l3"}, {"lowercase": "yes"},
    {"preprocessor": "lower"}, {"tokenizer": 3}, {"token_pattern": 5}, {"binary": 1},
])
def test_invalid_params_match_sklearn(params) -> None:
    with pytest.raises(ValueError) as theirs:
        sk.TfidfVectorizer(**params).fit(MIXED)
    with pytest.raises(ValueError) as ours:
        wenmai.TfidfVectorizer(**params).fit(MIXED)
    assert isinstance(ours.value, TypeError) and isinstance(theirs.value, TypeError)
    name = next(iter(params))
    assert f"The '{name}' parameter of TfidfVectorizer must be" in str(ours.value)


@pytest.mark.parametrize("params,docs", [
    ({"ngram_range": (2, 1)}, MIXED),
    ({"min_df": 5, "max_df": 2}, MIXED),
    ({"min_df": 6}, MIXED),
    ({"vocabulary": ["a", "a"]}, MIXED),
    ({"vocabulary": {"a": 0, "b": 0}}, MIXED),
    ({"vocabulary": {"a": 0, "b": 2}}, MIXED),
    ({"vocabulary": []}, MIXED),
    ({"token_pattern": r"(a)(b)"}, MIXED),
    ({"stop_words": "english"}, ["the and of"]),
    ({}, "一个字符串"),
])
def test_errors_match_sklearn(params, docs) -> None:
    kw = dict(params)
    if "token_pattern" not in kw:
        kw["token_pattern"] = r"(?u)\b\w\w+\b"
    with pytest.raises(ValueError) as theirs:
        sk.CountVectorizer(**kw).fit(docs)
    with pytest.raises(ValueError) as ours:
        wenmai.CountVectorizer(**kw).fit(docs)
    assert str(ours.value) == str(theirs.value)


def test_not_fitted() -> None:
    from sklearn.exceptions import NotFittedError

    for cls in (wenmai.CountVectorizer, wenmai.TfidfVectorizer):
        with pytest.raises(NotFittedError):
            cls().transform(["文本"])
        with pytest.raises(NotFittedError):
            cls().get_feature_names_out()
    with pytest.raises(NotFittedError):
        wenmai.TfidfTransformer().transform(np.ones((2, 2)))
    # a given vocabulary needs no fit, as in scikit-learn
    v = wenmai.CountVectorizer(vocabulary=["发展"])
    assert v.transform(["发展发展"]).toarray().tolist() == [[2]]


# --- attributes and methods --------------------------------------------------------------
def test_attributes_and_methods() -> None:
    kw = dict(tokenizer=lcut_no_space, max_df=0.5, min_df=1, max_features=5,
              strip_accents="unicode", stop_words=["的"])
    kw = untied(lambda p: sk.CountVectorizer(token_pattern=None, **p), kw, MIXED)
    ours = wenmai.CountVectorizer(**kw)
    theirs = sk.CountVectorizer(token_pattern=None, **kw)
    x, y = same_fit(ours, theirs, MIXED)
    # stop_words_: what max_df / min_df / max_features pruned (scikit-learn < 1.4's attribute)
    everything = set(wenmai.CountVectorizer(tokenizer=lcut_no_space, strip_accents="unicode",
                                            stop_words=["的"]).fit(MIXED).vocabulary_)
    assert ours.stop_words_ == everything - set(ours.vocabulary_) and ours.stop_words_
    assert ours.get_stop_words() == theirs.get_stop_words()
    assert wenmai.CountVectorizer(stop_words="english").get_stop_words() == \
        sk.ENGLISH_STOP_WORDS
    assert wenmai.vectorizers.ENGLISH_STOP_WORDS == sk.ENGLISH_STOP_WORDS
    for doc in MIXED:
        assert ours.build_analyzer()(doc) == theirs.build_analyzer()(doc)
        assert ours.build_preprocessor()(doc) == theirs.build_preprocessor()(doc)
        assert ours.build_tokenizer()(doc) == theirs.build_tokenizer()(doc)
        assert ours.decode(doc.encode()) == theirs.decode(doc.encode())
    for a, b in zip(ours.inverse_transform(x), theirs.inverse_transform(y), strict=True):
        assert_array_equal(a, b)
    for a, b in zip(ours.inverse_transform(x.toarray()), theirs.inverse_transform(y.toarray()),
                    strict=True):
        assert_array_equal(a, b)
    regex = wenmai.CountVectorizer(token_pattern=r"(?u)\b\w\w+\b")
    assert regex.build_tokenizer()(MIXED[0]) == sk.CountVectorizer().build_tokenizer()(MIXED[0])
    # the default tokenizer is jieba's segmentation
    assert wenmai.CountVectorizer().build_tokenizer()("我们要发展经济") == ["我们", "要", "发展",
                                                                           "经济"]
    for name in ("strip_accents_ascii", "strip_accents_unicode", "strip_tags"):
        for doc in MIXED:
            assert getattr(wenmai.vectorizers, name)(doc) == getattr(sk, name)(doc)


def test_set_output_pandas() -> None:
    import pandas as pd

    v = wenmai.TfidfVectorizer(tokenizer=lcut_no_space).set_output(transform="pandas")
    df = v.fit_transform(MIXED)
    assert isinstance(df, pd.DataFrame) and list(df.columns) == list(v.get_feature_names_out())
    ref = wenmai.TfidfVectorizer(tokenizer=lcut_no_space).fit_transform(MIXED)
    assert_allclose(df.sparse.to_dense().to_numpy(), ref.toarray(), atol=1e-12)
    assert isinstance(v.transform(MIXED[:2]), pd.DataFrame)
    assert sp.issparse(v.set_output(transform="default").transform(MIXED))
    t = wenmai.TfidfTransformer().set_output(transform="pandas")
    assert isinstance(t.fit_transform(ref), pd.DataFrame)
    with pytest.raises(ValueError):
        wenmai.HashingVectorizer().set_output(transform="pandas")


# --- pickling, clone, deepcopy, GridSearchCV(n_jobs=2) ------------------------------------
def _fitted():
    return [
        wenmai.CountVectorizer().fit(MIXED),
        wenmai.TfidfVectorizer(tokenizer=wj.lcut, ngram_range=(1, 2)).fit(MIXED),
        wenmai.TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)).fit(MIXED),
        wenmai.CountVectorizer(vocabulary={"发展": 1, "科技": 0}),
        wenmai.HashingVectorizer(tokenizer=wj.lcut, n_features=64),
        wenmai.TfidfTransformer().fit(np.eye(3)),
    ]


@pytest.mark.parametrize("i", range(6))
def test_pickle_clone_deepcopy(i) -> None:
    est = _fitted()[i]
    docs = np.eye(3) if isinstance(est, wenmai.TfidfTransformer) else MIXED
    for other in (pickle.loads(pickle.dumps(est)), copy.deepcopy(est)):
        assert repr(other) == repr(est)
        assert (abs(other.transform(docs) - est.transform(docs)) > 0).nnz == 0
    c = clone(est)
    assert c.get_params().keys() == est.get_params().keys()
    assert not hasattr(c, "vocabulary_") and not hasattr(c, "idf_")


def test_clone_with_jieba_lcut() -> None:
    v = wenmai.TfidfVectorizer(tokenizer=wj.lcut, token_pattern=None)
    c = clone(v)
    assert c.tokenizer.__self__ is wj.dt  # the shared tokenizer, by reference
    assert pickle.loads(pickle.dumps(wj.lcut))("发展经济") == ["发展", "经济"]
    # jieba's own lcut is bound to a Tokenizer holding an RLock: clone shares it
    import jieba

    c = clone(wenmai.CountVectorizer(tokenizer=jieba.lcut).set_output(transform="pandas"))
    assert c.tokenizer == jieba.lcut and c._output_transform == "pandas"
    with pytest.raises(TypeError):
        clone(sk.CountVectorizer(tokenizer=jieba.lcut))  # where scikit-learn's own fails


def test_grid_search_n_jobs(reports) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import Pipeline

    paragraphs = [p for r in reports for p in r.split("\n") if len(p) > 40][:40]
    labels = [i % 2 for i in range(len(paragraphs))]
    pipe = Pipeline([("vec", wenmai.TfidfVectorizer(tokenizer=wj.lcut)),
                     ("clf", LogisticRegression())])
    gs = GridSearchCV(pipe, {"vec__ngram_range": [(1, 1), (1, 2)]}, cv=2, n_jobs=2)
    gs.fit(paragraphs, labels)  # the pipeline goes to two worker processes by pickle
    assert len(gs.cv_results_["params"]) == 2 and gs.best_params_
    assert gs.best_estimator_.named_steps["vec"].tokenizer.__self__ is wj.dt


# --- scikit-learn's estimator checks that apply to text vectorizers ----------------------
# Run: check_no_attributes_set_in_init, check_parameters_default_constructible,
# check_get_params_invariance, check_set_params, check_estimator_repr,
# check_estimator_cloneable, check_do_not_raise_errors_in_init_or_set_params,
# check_valid_tag_types, check_estimator_tags_renamed (construction, params, clone, tags:
# independent of the input) and, on TfidfTransformer (numeric input), also
# check_transformer_general, check_transformers_unfitted, check_fit_idempotent,
# check_dont_overwrite_parameters, check_estimators_pickle, check_fit2d_1sample,
# check_transformer_data_not_an_array, check_n_features_in, check_dtype_object.
# Not run on the text vectorizers: the checks that feed numeric arrays (check_fit2d_*,
# check_transformer_general, check_estimators_dtypes, check_n_features_in, check_pipeline_*,
# check_dict_unchanged, check_methods_*), which scikit-learn itself skips for its own
# CountVectorizer / TfidfVectorizer (string input tag; TfidfVectorizer sets _skip_test).
GENERIC_CHECKS = [
    "check_no_attributes_set_in_init", "check_parameters_default_constructible",
    "check_get_params_invariance", "check_set_params", "check_estimator_repr",
    "check_estimator_cloneable", "check_do_not_raise_errors_in_init_or_set_params",
    "check_valid_tag_types", "check_estimator_tags_renamed",
]
NUMERIC_CHECKS = [
    "check_transformer_general", "check_transformers_unfitted", "check_fit_idempotent",
    "check_dont_overwrite_parameters", "check_estimators_pickle", "check_fit2d_1sample",
    "check_transformer_data_not_an_array", "check_n_features_in", "check_dtype_object",
]


@pytest.mark.parametrize("check", GENERIC_CHECKS)
@pytest.mark.parametrize("cls", ["CountVectorizer", "TfidfVectorizer", "HashingVectorizer",
                                 "TfidfTransformer"])
def test_sklearn_estimator_checks(cls, check) -> None:
    from sklearn.utils import estimator_checks

    est = getattr(wenmai, cls)()
    getattr(estimator_checks, check)(cls, est)


@pytest.mark.parametrize("check", NUMERIC_CHECKS)
def test_sklearn_checks_tfidf_transformer(check) -> None:
    from sklearn.utils import estimator_checks

    getattr(estimator_checks, check)("TfidfTransformer", wenmai.TfidfTransformer())


def test_check_estimator_tfidf_transformer() -> None:
    # TfidfTransformer takes numbers, so scikit-learn's whole check_estimator applies.
    from sklearn.utils.estimator_checks import check_estimator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(wenmai.TfidfTransformer(), on_fail=None)
    failed = [r["check_name"] for r in results if r["status"] == "failed"]
    assert not failed and len(results) > 40
