"""DocTermMatrix.similarity, DocTermMatrix.group and Corpus.lexdiv: every pair, every group
and every unit compared with scikit-learn, scipy, pandas or the formulas written out in
plain Python, on the government work reports and the news dev split."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import wenmai
from scipy.spatial.distance import cdist
from wenmai._wenmai import dtm_from_tokens


@pytest.fixture(scope="module")
def reports(report_files: list[Path]) -> wenmai.Corpus:
    return wenmai.Corpus.from_files(report_files)


@pytest.fixture(scope="module")
def news(news_texts: list[str]) -> wenmai.Corpus:
    return wenmai.Corpus.from_texts(news_texts)


def worst(a: np.ndarray, b: np.ndarray) -> float:
    """The largest absolute difference; NaN must meet NaN."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape
    assert np.array_equal(np.isnan(a), np.isnan(b))
    ok = ~np.isnan(a)
    return float(np.max(np.abs(a[ok] - b[ok]), initial=0.0))


def peer(x: np.ndarray, method: str) -> np.ndarray:
    """What scikit-learn / scipy give for the rows of the dense matrix ``x``."""
    if method == "cosine":
        from sklearn.metrics.pairwise import cosine_similarity

        return cosine_similarity(x)
    if method == "jaccard":
        with np.errstate(invalid="ignore", divide="ignore"):
            s = 1.0 - cdist(x != 0, x != 0, "jaccard")
        empty = ~(x != 0).any(axis=1)
        s[np.ix_(empty, empty)] = 0.0  # quanteda: no shared term, similarity 0 (scipy: 1)
        return s
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "correlation":
            return 1.0 - cdist(x, x, "correlation")
        return cdist(x, x, "euclidean")


METHODS = ("cosine", "jaccard", "correlation", "euclidean")


def check_dense(m: wenmai.DocTermMatrix, label: str, margin: str = "units") -> None:
    x = m.to_numpy() if margin == "units" else m.to_numpy().T
    for method in METHODS:
        got = m.similarity(method, margin=margin)
        assert got.shape == (x.shape[0], x.shape[0])
        w = worst(got, peer(x, method))
        print(f"{label} {margin} {method}: worst difference {w:.3g}")
        tol = 1e-12 if method != "euclidean" else 1e-12 * max(1.0, float(np.abs(x).max()))
        assert w <= tol, (label, method, w)


def test_reports_every_pair_against_sklearn_and_scipy(reports: wenmai.Corpus) -> None:
    counts = reports.dtm()
    check_dense(counts, "reports counts")
    check_dense(counts.tfidf(), "reports tf-idf")
    # terms: every pair of the 800 most frequent terms over the reports
    top = reports.dtm(max_features=800)
    check_dense(top, "reports counts", margin="terms")
    check_dense(top.tfidf(), "reports tf-idf", margin="terms")


@pytest.mark.slow
def test_news_every_pair_against_sklearn_and_scipy(news: wenmai.Corpus) -> None:
    from sklearn.metrics.pairwise import cosine_similarity

    for label, m in (("counts", news.dtm()), ("tf-idf", news.dtm().tfidf())):
        w = worst(m.similarity("cosine"), cosine_similarity(m.to_scipy()))
        print(f"news {label} cosine (every term): worst difference {w:.3g}")
        assert w <= 1e-12
    # scipy needs dense rows: every pair of articles over their 1,000 most frequent terms
    check_dense(news.dtm(max_features=1000).tfidf(), "news tf-idf, 1,000 terms")


def sorted_neighbours(s: np.ndarray, k: int, distance: bool) -> list[list[int]]:
    """Each row's k nearest others by value (NaN last, itself left out), ties by index."""
    n = len(s)
    out = []
    for i, row in enumerate(s):
        last = np.isnan(row).astype(int)
        last[i] = 2
        order = np.lexsort((np.arange(n), row if distance else -row, last))
        out.append(sorted(order[:k].tolist()))
    return out


def test_top_k_is_the_nearest_of_the_dense_rows(news: wenmai.Corpus) -> None:
    from sklearn.neighbors import NearestNeighbors

    m = news.dtm().tfidf()
    x = m.to_scipy()
    for method in METHODS:
        dense = m.similarity(method)
        g = m.similarity(method, top_k=7)
        assert g.shape == dense.shape and g.format == "csr"
        assert np.all(np.diff(g.indptr) == 7)
        want = sorted_neighbours(dense, 7, method == "euclidean")
        assert [list(g.indices[g.indptr[i]:g.indptr[i + 1]]) for i in range(g.shape[0])] == want
        rows = np.repeat(np.arange(g.shape[0]), 7)
        assert np.array_equal(g.data, dense[rows, g.indices], equal_nan=True)
    # scikit-learn's neighbours (itself left out) at the same distances
    for method, metric in (("euclidean", "euclidean"), ("cosine", "cosine")):
        dist, _ = NearestNeighbors(n_neighbors=5, metric=metric, algorithm="brute").fit(
            x).kneighbors()
        g = m.similarity(method, top_k=5)
        ours = np.array([np.sort(g.data[g.indptr[i]:g.indptr[i + 1]]) for i in range(g.shape[0])])
        theirs = np.sort(dist if method == "euclidean" else 1.0 - dist, axis=1)
        w = worst(ours, theirs)
        print(f"news tf-idf top 5 {method} vs NearestNeighbors: worst difference {w:.3g}")
        assert w <= 1e-9


def test_dense_limit_and_bad_arguments(news: wenmai.Corpus) -> None:
    big = dtm_from_tokens([[str(i), str(i % 7)] for i in range(20_001)], 1, 1.0)
    with pytest.raises(ValueError, match="top_k"):
        big.similarity()
    g = big.similarity("jaccard", top_k=3)  # without the dense 20,001 x 20,001
    assert g.shape == (20_001, 20_001) and g.nnz == 3 * 20_001
    row = slice(g.indptr[8], g.indptr[9])  # {"8", "1"}: {"1"} first, then {"15", "1"}, …
    assert g.indices[row].tolist() == [1, 15, 22]
    assert g.data[row].tolist() == [1 / 2, 1 / 3, 1 / 3]
    # 100,000 units: each one's neighbours share its term t(i % 1000)
    huge = dtm_from_tokens([[f"u{i}", f"t{i % 1000}"] for i in range(100_000)], 1, 1.0)
    g = huge.similarity("cosine", top_k=2)
    assert g.shape == (100_000, 100_000) and g.nnz == 200_000
    assert g.indices[g.indptr[1008]:g.indptr[1009]].tolist() == [8, 2008]
    assert np.allclose(g.data, 0.5, rtol=1e-15)
    m = news.dtm()
    with pytest.raises(ValueError, match="top_k"):
        m.similarity(margin="terms")
    with pytest.raises(ValueError, match="'cosine', 'jaccard', 'correlation', 'euclidean'"):
        m.similarity("manhattan")
    with pytest.raises(ValueError, match="margin"):
        m.similarity(margin="documents")
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ValueError, match="top_k"):
            m.similarity(top_k=bad)


def groupby_sum(x: np.ndarray, labels: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(x).groupby(labels, sort=True).sum()


def test_group_by_docvar_equals_pandas_groupby_sum(reports: wenmai.Corpus) -> None:
    m = reports.dtm()
    dv = reports.docvars
    for by in ("year", "author"):  # a few reports have neither: left out, as by pandas
        g = m.group(by)
        want = groupby_sum(m.to_numpy(), dv[by].to_numpy())
        assert g.terms == m.terms
        assert list(g.units[by]) == list(want.index)
        w = worst(g.to_numpy(), want.to_numpy())
        print(f"reports group({by!r}): {g.shape[0]} groups, worst difference {w:.3g}")
        assert w == 0.0 and g.shape[0] > 10
        assert g.units["n_units"].tolist() == dv[by].value_counts().sort_index().tolist()
    t = m.tfidf()
    decade = (dv["year"] // 10 * 10).to_numpy()
    w = worst(t.group(decade).to_numpy(), groupby_sum(t.to_numpy(), decade).to_numpy())
    print(f"reports tf-idf group(decades): worst difference {w:.3g}")
    assert w <= 1e-12
    # a docvar set later is seen; a missing label leaves the row out
    reports.set_docvar("half", ["a" if i % 2 else None for i in range(len(reports))])
    half = m.group("half")
    assert half.units["half"].tolist() == ["a"] and half.units["n_units"].tolist() == [
        len(reports) // 2]
    assert np.array_equal(half.to_numpy()[0], m.to_numpy()[1::2].sum(axis=0))


def test_group_units_into_documents_and_sections(news: wenmai.Corpus,
                                                 reports: wenmai.Corpus) -> None:
    sentences = news.dtm(unit="sentence")
    docs = sentences.group("document")
    counts = news.dtm()
    # the sentences' counts of each article add up to the article's counts
    assert docs.terms == counts.terms
    assert np.array_equal(docs.indptr, counts.indptr)
    assert np.array_equal(docs.data, counts.data)
    assert docs.units["doc_id"].tolist() == news.ids
    assert docs.units["n_units"].sum() == sentences.shape[0]
    # grouped documents still know the docvars
    assert np.array_equal(docs.group("year").to_numpy(), counts.group("year").to_numpy())
    sec = reports.dtm(unit="sentence").group("section")
    want = reports.dtm(unit="section")
    u = want.units
    assert sec.units["doc_id"].tolist() == u["doc_id"].tolist()
    assert sec.units["section"].fillna(-1).tolist() == u["section"].fillna(-1).tolist()
    assert np.array_equal(sec.to_numpy(), want.to_numpy())
    print(f"reports sentences -> {sec.shape[0]} sections: equal to dtm(unit='section')")


def test_group_bad_input(reports: wenmai.Corpus) -> None:
    m = reports.dtm()
    with pytest.raises(ValueError, match="no document variable 'nope'"):
        m.group("nope")
    with pytest.raises(ValueError, match="one label per row"):
        m.group([1, 2, 3])
    bare = dtm_from_tokens([["a"], ["b"]], 1, 1.0)
    with pytest.raises(ValueError, match="one label per row"):
        bare.group("year")
    with pytest.raises(ValueError, match="one label per row"):
        bare.group("document")
    g = bare.group(["y", "x"])
    assert g.units["group"].tolist() == ["x", "y"] and g.to_numpy().tolist() == [[0, 1], [1, 0]]


MEASURES = ("TTR", "C", "R", "CTTR", "U", "S", "K", "I", "D", "Vm", "Maas", "MATTR", "MSTTR")


def plain_lexdiv(tokens: list[list[str]], window: int, segment: int) -> dict[str, list[float]]:
    """quanteda's textstat_lexdiv formulas, written out (log base 10)."""
    shortest = min((len(t) for t in tokens if t), default=window)
    window, segment = min(window, shortest), min(segment, shortest)
    out: dict[str, list[float]] = {k: [] for k in (*MEASURES, "lgV0", "lgeV0")}
    nan = float("nan")
    for toks in tokens:
        n, v = len(toks), len(set(toks))
        if n == 0:
            for k in out:
                out[k].append(nan)
            continue
        spectrum = Counter(Counter(toks).values())
        lg = math.log10

        def div(a: float, b: float) -> float:
            return a / b if b else (nan if a == 0 else math.copysign(math.inf, a))

        out["TTR"].append(v / n)
        out["C"].append(div(lg(v), lg(n)))
        out["R"].append(v / math.sqrt(n))
        out["CTTR"].append(v / math.sqrt(2 * n))
        out["U"].append(div(lg(n) ** 2, lg(n) - lg(v)))
        out["S"].append(div(lg(lg(v)), lg(lg(n))) if v > 1 else nan)
        s2 = sum(vi * (i / n) ** 2 for i, vi in spectrum.items())
        out["K"].append(1e4 * (-1 / n + s2))
        m2 = sum(vi * i * i for i, vi in spectrum.items())
        out["I"].append(v * v / (m2 - v) if m2 != v else 0.0)
        out["D"].append(sum(vi * (i / n) * div(i - 1, n - 1) for i, vi in spectrum.items())
                        if n > 1 else nan)
        out["Vm"].append(math.sqrt(s2 - 1 / v) if s2 >= 1 / v else nan)
        out["Maas"].append(math.sqrt(div(lg(n) - lg(v), lg(n) ** 2)) if n > 1 else nan)
        out["lgV0"].append(div(lg(v), math.sqrt(1 - div(lg(v), lg(n)) ** 2)) if n > 1 else nan)
        ln = math.log
        out["lgeV0"].append(div(ln(v), math.sqrt(1 - div(ln(v), ln(n)) ** 2)) if n > 1 else nan)
        # the TTR of every window toks[i:i + window], the window's counts slid along
        counts = Counter(toks[:window])
        windows = [len(counts) / window]
        for i in range(window, n):
            counts[toks[i]] += 1
            old = toks[i - window]
            counts[old] -= 1
            if not counts[old]:
                del counts[old]
            windows.append(len(counts) / window)
        out["MATTR"].append(sum(windows) / len(windows))
        chunks = [len(set(toks[i:i + segment])) / segment
                  for i in range(0, n - segment + 1, segment)]
        out["MSTTR"].append(sum(chunks) / len(chunks))
    return out


def check_lexdiv(corpus: wenmai.Corpus, label: str, unit: str = "document") -> None:
    tokens = corpus.tokens(unit=unit)
    shortest = min((len(t) for t in tokens if t), default=100)
    if shortest < 100:
        with pytest.warns(UserWarning, match=f"reset to {shortest}"):
            got = corpus.lexdiv("all", unit=unit)
    else:
        got = corpus.lexdiv("all", unit=unit)
    want = plain_lexdiv(tokens, 100, 100)
    assert list(got.columns[-15:]) == [*MEASURES[:11], "lgV0", "lgeV0", "MATTR", "MSTTR"]
    for name, values in want.items():
        a, b = got[name].to_numpy(dtype=float), np.asarray(values, dtype=float)
        finite = np.isfinite(b)
        assert np.array_equal(np.isnan(a), np.isnan(b)), name
        assert np.array_equal(a[~finite & ~np.isnan(b)], b[~finite & ~np.isnan(b)]), name
        rel = np.abs(a[finite] - b[finite]) / np.maximum(1.0, np.abs(b[finite]))
        w = float(rel.max(initial=0.0))
        print(f"{label} lexdiv {name}: worst relative difference {w:.3g}")
        assert w <= 1e-12, (name, w)


def test_lexdiv_reports_and_news_against_plain_python(reports: wenmai.Corpus,
                                                      news: wenmai.Corpus) -> None:
    check_lexdiv(reports, "reports")
    check_lexdiv(news, "news")
    d = reports.lexdiv()
    assert list(d.columns) == ["doc_id", "TTR", "CTTR", "MATTR", "MSTTR", "Maas", "lgV0",
                               "lgeV0", "K"]
    assert d["doc_id"].tolist() == reports.ids


def test_lexdiv_units_and_windows(reports: wenmai.Corpus) -> None:
    first = wenmai.Corpus.from_texts([reports[0].text])
    tokens = first.tokens(unit="paragraph")
    with pytest.warns(UserWarning, match="reset"):
        d = first.lexdiv(["MATTR", "TTR"], unit="paragraph", window=30)
    assert list(d.columns) == ["doc_id", "section", "index", "MATTR", "TTR"]
    assert len(d) == len(tokens)
    want = plain_lexdiv(tokens, 30, 100)
    assert np.allclose(d["MATTR"], want["MATTR"], rtol=1e-12, equal_nan=True)
    # window and segment apart from the shortest unit
    long = reports.lexdiv(["MATTR", "MSTTR"], window=7, segment=50)
    want = plain_lexdiv(reports.tokens(unit="document"), 7, 50)
    assert np.allclose(long["MATTR"], want["MATTR"], rtol=1e-12)
    assert np.allclose(long["MSTTR"], want["MSTTR"], rtol=1e-12)


def test_lexdiv_bad_input(reports: wenmai.Corpus) -> None:
    with pytest.raises(ValueError, match="TTR, C, R, CTTR, U, S, K, I, D, Vm, Maas, MATTR"):
        reports.lexdiv(["TTR", "HDD"])
    for bad in (0, -5, 2.5):
        with pytest.raises(ValueError, match="window"):
            reports.lexdiv(window=bad)
        with pytest.raises(ValueError, match="segment"):
            reports.lexdiv(segment=bad)
    with pytest.raises(ValueError, match="log_base"):
        reports.lexdiv(log_base=1)
    with pytest.raises(ValueError, match="unit"):
        reports.lexdiv(unit="page")


DIGEST = """
import hashlib, sys, numpy as np, wenmai
c = wenmai.Corpus.from_files(sys.argv[1:])
m = c.dtm(unit="paragraph")
h = hashlib.sha256()
for method in ("cosine", "jaccard", "correlation", "euclidean"):
    h.update(m.tfidf().similarity(method, margin="units").tobytes())
    g = m.similarity(method, top_k=5)
    h.update(g.data.tobytes() + g.indices.tobytes())
h.update(m.group("document").data.tobytes())
h.update(m.group("year").data.tobytes())
h.update(c.lexdiv("all", unit="section").to_csv().encode())
print(h.hexdigest())
"""

