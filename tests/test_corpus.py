"""wenmai.Corpus: reading, docvars, matrices, frequencies, keywords."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
import wenmai


@pytest.fixture(scope="module")
def gov(sample_or_corpus) -> wenmai.Corpus:
    """The 56 government work reports, or without the corpus the sample's four."""
    return wenmai.Corpus.from_dir(sample_or_corpus / "gov_reports")


def test_from_dir(gov, gov_reports) -> None:
    assert len(gov) == len(gov_reports)
    assert gov.ids[0] == gov_reports[0].stem and gov.errors == []
    dv = gov.docvars
    assert isinstance(dv, pd.DataFrame) and len(dv) == len(gov)
    for col in ("doc_id", "path", "title", "published", "year", "source", "author"):
        assert col in dv.columns
    assert dv.loc[dv.doc_id == "2017", "year"].item() == 2017
    assert dv.loc[dv.doc_id == "2017", "published"].item() == dt.date(2017, 3, 5)
    # 2018 and 2019 open with `各位代表：`, no date: the year is the file name's.
    for year in (2018, 2019):
        assert dv.loc[dv.doc_id == str(year), "year"].item() == year
        assert gov[str(year)].meta.published is None and gov[str(year)].meta.year == year
    path = next(p for p in gov_reports if p.stem == "2017")
    assert gov["2017"].meta.title == wenmai.read(path).meta.title
    assert sum(1 for _ in gov) == len(gov)
    assert "Corpus" in repr(gov)
    with pytest.raises(KeyError):
        gov["1066"]


def test_progress_bar(sample_or_corpus, capsys) -> None:
    c = wenmai.Corpus.from_dir(sample_or_corpus / "npc_resolutions", progress=True)
    err = capsys.readouterr().err
    assert f"{len(c)}/{len(c)}" in err
    for method in ("tfidf", "textrank"):
        k = c.keywords(top_k=5, method=method, progress=True)
        assert f"{len(c)}/{len(c)}" in capsys.readouterr().err
        assert k.equals(c.keywords(top_k=5, method=method))  # chunking changes nothing


def test_from_texts_with_docvars() -> None:
    texts = ["发展经济。改革开放。", "发展科技，科技强国。", "保护环境。"]
    c = wenmai.Corpus.from_texts(texts, ids=["a", "b", "c"], docvars={"year": [2020, 2021, 2021]})
    assert c.ids == ["a", "b", "c"]
    assert list(c.docvars["year"]) == [2020, 2021, 2021]
    f = c.frequency(by="year")
    assert set(f.columns) == {"year", "term", "count", "doc_count"}
    row = f[(f.year == 2021) & (f.term == "科技")]
    assert row["count"].item() == 2 and row["doc_count"].item() == 1
    with pytest.raises(ValueError):
        wenmai.Corpus.from_texts(texts, docvars={"year": [1]})
    with pytest.raises(ValueError):
        wenmai.Corpus.from_texts(texts, ids=["a", "a", "b"])
    c.set_docvar("group", ["x", "y", "x"])
    assert list(c.frequency(by="group").group.unique()) == ["x", "y"]


def test_dtm_units_and_tfidf(gov) -> None:
    m = gov.dtm(min_df=2)
    x = m.to_scipy()
    assert isinstance(x, sp.csr_matrix) and x.shape == (len(gov), len(m.terms))
    assert m.terms == sorted(m.terms)
    np.testing.assert_array_equal(x.indptr, m.indptr)
    assert (np.asarray((x > 0).sum(axis=0)).ravel() >= 2).all()
    u = m.units
    assert list(u.doc_id) == gov.ids and set(u.unit) == {"document"}
    w = m.tfidf()
    norms = np.sqrt(np.asarray(w.to_scipy().multiply(w.to_scipy()).sum(axis=1)).ravel())
    np.testing.assert_allclose(norms, 1.0, atol=1e-12)
    assert w.idf is not None and len(w.idf) == len(m.terms)
    s = gov.dtm(unit="section", max_features=1000)
    assert len(s.units) > len(gov) and s.shape[1] == 1000
    p = gov.dtm(unit="paragraph")
    sent = gov.dtm(unit="sentence")
    assert sent.shape[0] > p.shape[0] > s.shape[0]
    # counts do not depend on the unit: the column sums agree
    cols = dict(zip(p.terms, p.column_sums(), strict=False))
    assert all(cols[t] == v for t, v in zip(sent.terms, sent.column_sums(), strict=False))


def test_matrix_equals_sklearn_on_analyzer_tokens(gov) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    an = wenmai.Analyzer()
    docs = an.analyze_many([d.text for d in gov])
    ours = gov.dtm(analyzer=an, min_df=2, max_df=0.9).tfidf(sublinear_tf=True)
    sk = TfidfVectorizer(analyzer=lambda d: d, min_df=2, max_df=0.9, sublinear_tf=True)
    y = sk.fit_transform(docs)
    assert ours.terms == list(sk.get_feature_names_out())
    assert abs(ours.to_scipy() - y).max() <= 1e-12


def test_weighted_matrix_is_a_whole_matrix(gov) -> None:
    # The weights of the (cached) document counts keep their own values; everything else
    # that reads values reads the weights, not the counts.
    from sklearn.feature_extraction.text import TfidfTransformer

    m = gov.dtm()
    w = m.tfidf(sublinear_tf=True)
    x, y = m.to_scipy(), w.to_scipy()
    assert w.terms == m.terms and w.shape == m.shape and len(w) == len(m)
    np.testing.assert_array_equal(w.indptr, m.indptr)
    np.testing.assert_array_equal(w.indices, m.indices)
    sk = TfidfTransformer(sublinear_tf=True).fit_transform(x)
    assert abs(y - sk).max() <= 1e-12
    assert (m.data == x.data).all() and m.data.max() > 1  # the counts are untouched
    np.testing.assert_allclose(w.column_sums(), np.asarray(y.sum(axis=0)).ravel(), rtol=1e-12)
    np.testing.assert_array_equal(w.document_frequency(), m.document_frequency())
    again = w.tfidf(norm=None, smooth_idf=False)
    sk2 = TfidfTransformer(norm=None, smooth_idf=False).fit_transform(y)
    assert abs(again.to_scipy() - sk2).max() <= 1e-12
    top = w.top_terms(3)[0]
    row = y.getrow(0).toarray().ravel()
    assert [t for t, _ in top] == [w.terms[j] for j in np.argsort(-row, kind="stable")[:3]]
    assert "tf-idf" in repr(w) and "tf-idf" not in repr(m)
    scaled = m.apply_idf(np.full(len(m.terms), 2.0), norm=None)
    np.testing.assert_allclose(scaled.data, 2 * x.data)


def test_keywords_and_frequency(gov) -> None:
    k = gov.keywords(top_k=20)
    assert list(k.columns) == ["doc_id", "rank", "term", "weight"]
    assert len(k) == 20 * len(gov)
    assert (k.groupby("doc_id").weight.apply(lambda w: w.is_monotonic_decreasing)).all()
    kj = gov.keywords(top_k=5, idf="jieba")
    assert len(kj) == 5 * len(gov)
    kt = gov.keywords(top_k=5, method="textrank")
    assert kt.groupby("doc_id").weight.max().eq(1.0).all()
    f = gov.frequency(top=10)
    assert list(f.columns) == ["term", "count", "doc_count"] and len(f) == 10
    assert f["count"].is_monotonic_decreasing and f.term.iloc[0] == "发展"


def test_deterministic(gov) -> None:
    a = gov.dtm(unit="sentence")
    b = gov.dtm(unit="sentence")
    assert a.terms == b.terms and (a.to_scipy() != b.to_scipy()).nnz == 0
    assert gov.keywords(top_k=10).equals(gov.keywords(top_k=10))


@pytest.mark.slow
def test_same_results_for_any_thread_count(sample_or_corpus) -> None:
    import hashlib
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, sys, wenmai\n"
        "c = wenmai.Corpus.from_dir(sys.argv[1])\n"
        "m = c.dtm(unit='sentence', min_df=2).tfidf()\n"
        "h = hashlib.sha256()\n"
        "h.update('\\n'.join(m.terms).encode())\n"
        "for a in (m.indptr, m.indices, m.data): h.update(a.tobytes())\n"
        "h.update(c.keywords(top_k=20).to_csv().encode())\n"
        "h.update(repr(wenmai.Segmenter().cut_many([d.text for d in c])).encode())\n"
        "print(h.hexdigest())\n"
    )
    digests = set()
    for n in ("1", "2", "8"):
        env = {**os.environ, "RAYON_NUM_THREADS": n}
        folder = str(sample_or_corpus / "npc_resolutions")
        out = subprocess.run([sys.executable, "-c", code, folder],
                             env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
    assert hashlib.sha256(b"").hexdigest() not in digests


def test_document_counts_are_shared_and_follow_dictionary_changes() -> None:
    """dtm(), frequency() and keywords() share one segmentation pass per analyzer; a change of
    that analyzer's dictionary, or another analyzer, gives fresh counts."""
    import wenmai

    texts = ["坚持服务至上理念，服务至上是根本。", "服务群众，改进作风。"]
    corpus = wenmai.Corpus.from_texts(texts)
    seg = wenmai.Segmenter(private=True)
    an = wenmai.Analyzer(segmenter=seg)
    before = corpus.dtm(analyzer=an)
    assert "服务至上" not in before.terms
    kw_before = corpus.keywords(analyzer=an, top_k=3)
    seg.add_word("服务至上")
    after = corpus.dtm(analyzer=an)
    assert "服务至上" in after.terms
    kw_after = corpus.keywords(analyzer=an, top_k=3)
    assert "服务至上" in set(kw_after["term"]) and "服务至上" not in set(kw_before["term"])
    # The default analyzer never saw the private word.
    assert "服务至上" not in corpus.dtm().terms
    # A pruned matrix from the shared counts equals one counted afresh.
    fresh = wenmai.Corpus.from_texts(texts).dtm(analyzer=an, max_df=0.5, max_features=4)
    again = corpus.dtm(analyzer=an, max_df=0.5, max_features=4)
    assert fresh.terms == again.terms
    assert (fresh.to_scipy() != again.to_scipy()).nnz == 0
