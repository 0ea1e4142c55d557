"""``Corpus.cooccurrence`` (quanteda's ``fcm``) against plain Python counts over the same
``corpus.tokens()``, every cell, on the government work reports and the news dev split.

The window context is compared with a pair loop written here, over every term. The sentence
(every term) and document (the 2,000 most frequent terms) contexts are compared with the
product of a unit x term count matrix counted here from the tokens (``C.T @ C``, quanteda's
``crossprod``): a pair loop over whole documents in Python would take minutes.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp
import wenmai


@pytest.fixture(scope="module")
def corpora(report_files: list[Path], news_texts: list[str]) -> dict[str, wenmai.Corpus]:
    return {"reports": wenmai.Corpus.from_files(report_files),
            "news": wenmai.Corpus.from_texts(news_texts)}


CORPORA = ["reports", "news"]


@functools.cache
def vocabulary(c: wenmai.Corpus) -> list[str]:
    return sorted({t for s in c.tokens(unit="sentence") for t in s})


@functools.cache
def _units(c: wenmai.Corpus, unit: str) -> list[list[list[int]]]:
    """The sentences of every unit as term indexes: the sentence tokens cut where the unit
    tokens say."""
    index = {t: k for k, t in enumerate(vocabulary(c))}
    sentences = [[index[t] for t in s] for s in c.tokens(unit="sentence")]
    out, k = [], 0
    for u in c.tokens(unit=unit):
        group: list[list[int]] = []
        n = 0
        while n < len(u):
            group.append(sentences[k])
            n += len(sentences[k])
            k += 1
        assert [t for s in group for t in s] == [index[t] for t in u]
        out.append(group)
    assert not any(sentences[k:])
    return out


@functools.cache
def py_window(c: wenmai.Corpus, window: int, ordered: bool,
              unit: str = "document") -> dict[str, Any]:
    """quanteda's window fcm counted here, the full (not triangular) matrix for each count:
    ``Counter``s of the pairs ``(s[i], s[i + d])`` of every sentence for each distance
    ``d <= window``, both ways unless ``ordered`` (so an equal pair twice on the diagonal),
    weighted by ``1 / d``; boolean: the units holding the pair (twice on the diagonal)."""
    v = len(vocabulary(c))
    units = _units(c, unit)
    rows: list[Any] = []
    cols: list[Any] = []
    counts: list[Any] = []
    weights: list[Any] = []
    for d in range(1, window + 1):
        n: Counter[tuple[int, int]] = Counter()
        for sentences in units:
            for s in sentences:
                n.update(zip(s, s[d:], strict=False))
        ab = np.array(list(n.keys()), dtype=np.int64).reshape(-1, 2)
        k = np.fromiter(n.values(), dtype=np.float64, count=len(n))
        for a, b in [(0, 1)] if ordered else [(0, 1), (1, 0)]:
            rows.append(ab[:, a])
            cols.append(ab[:, b])
            counts.append(k)
            weights.append(k / d)
    seen: Counter[tuple[int, int]] = Counter()
    for sentences in units:
        pairs: set[tuple[int, int]] = set()
        for s in sentences:
            for d in range(1, window + 1):
                pairs.update(zip(s, s[d:], strict=False))
        if not ordered:
            pairs |= {(b, a) for a, b in pairs}
        seen.update(pairs)
    ab = np.array(list(seen.keys()), dtype=np.int64).reshape(-1, 2)
    once = np.fromiter(seen.values(), dtype=np.float64, count=len(seen))
    if not ordered:
        once[ab[:, 0] == ab[:, 1]] *= 2

    def matrix(r: Any, c: Any, x: Any) -> Any:
        return sp.coo_matrix((x, (r, c)), shape=(v, v)).tocsr()

    cat = np.concatenate
    return {"frequency": matrix(cat(rows), cat(cols), cat(counts)),
            "weighted": matrix(cat(rows), cat(cols), cat(weights)),
            "boolean": matrix(ab[:, 0], ab[:, 1], once)}


def top_terms(c: wenmai.Corpus, n: int) -> list[str]:
    counts = Counter(t for s in c.tokens(unit="sentence") for t in s)
    return [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def py_context(c: wenmai.Corpus, unit: str, count: str, terms: list[str]) -> Any:
    """Sentence or document context: the unit x term count matrix C counted here from the
    tokens, ``C.T @ C`` off the diagonal (quanteda's crossprod; 1 per unit holding both
    when boolean) and the sum over units of choose(n, 2) (or n > 1) on it."""
    index = {t: k for k, t in enumerate(terms)}
    rows, cols, vals = [], [], []
    units = c.tokens(unit=unit)
    for u, toks in enumerate(units):
        for t, n in Counter(t for t in toks if t in index).items():
            rows.append(u)
            cols.append(index[t])
            vals.append(n)
    m = sp.csr_matrix((np.array(vals, dtype=np.int64), (rows, cols)),
                      shape=(len(units), len(terms)))
    if count == "boolean":
        diag = np.asarray((m > 1).sum(axis=0)).ravel()
        m = (m > 0).astype(np.int64)
    else:
        diag = np.asarray(m.multiply(m - m.sign()).sum(axis=0)).ravel() // 2
    x = (m.T @ m).tolil()
    x.setdiag(diag)
    return x.tocsr()


def compare(got: Any, want: Any, what: str, exact: bool = True) -> None:
    """Same stored cells, and equal values (exactly, or within 1e-12 relative)."""
    got, want = sp.csr_matrix(got, dtype=np.float64), sp.csr_matrix(want, dtype=np.float64)
    got.eliminate_zeros()
    want.eliminate_zeros()
    got.sort_indices()
    want.sort_indices()
    assert got.shape == want.shape, what
    assert np.array_equal(got.indptr, want.indptr), what
    assert np.array_equal(got.indices, want.indices), what
    diff = np.abs(got.data - want.data) / np.abs(want.data)
    worst = float(diff.max(initial=0.0))
    print(f"\n{what}: {want.nnz:,} cells, worst relative difference {worst:.3g}")
    if exact:
        assert np.array_equal(got.data, want.data), what
    else:
        assert worst <= 1e-12, what


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
@pytest.mark.parametrize("count", ["frequency", "boolean", "weighted"])
def test_window_equals_python(corpora: dict[str, wenmai.Corpus], name: str, count: str) -> None:
    c = corpora[name]
    m = c.cooccurrence(window=5, count=count, tri=False)
    assert m.terms == vocabulary(c)
    compare(m.to_scipy(), py_window(c, 5, False)[count],
            f"{name} window {count}", exact=count != "weighted")
    assert m.to_scipy().dtype == (np.float64 if count == "weighted" else np.int64)
    # the upper triangle, diagonal included, of the same matrix
    tri = c.cooccurrence(window=5, count=count)
    assert (tri.to_scipy() != sp.triu(m.to_scipy())).nnz == 0


@pytest.mark.slow
@pytest.mark.parametrize("count", ["frequency", "boolean", "weighted"])
def test_window_ordered_equals_python(corpora: dict[str, wenmai.Corpus], count: str) -> None:
    c = corpora["reports"]
    m = c.cooccurrence(window=3, count=count, ordered=True)
    assert not m.tri, "ordered ignores tri, as quanteda"
    compare(m.to_scipy(), py_window(c, 3, True)[count],
            f"reports ordered window {count}", exact=count != "weighted")


@pytest.mark.parametrize("count", ["frequency", "boolean", "weighted"])
def test_window_by_paragraph(corpora: dict[str, wenmai.Corpus], count: str) -> None:
    """Boolean counts once per unit, here per paragraph (the fast tier's full comparison)."""
    c = corpora["reports"]
    m = c.cooccurrence(window=2, count=count, tri=False, unit="paragraph")
    compare(m.to_scipy(), py_window(c, 2, False, "paragraph")[count],
            f"reports window 2 {count} by paragraph", exact=count != "weighted")


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
@pytest.mark.parametrize("count", ["frequency", "boolean"])
def test_sentence_context_equals_crossprod(corpora: dict[str, wenmai.Corpus], name: str,
                                           count: str) -> None:
    c = corpora[name]
    m = c.cooccurrence(context="sentence", count=count, tri=False)
    compare(m.to_scipy(), py_context(c, "sentence", count, vocabulary(c)),
            f"{name} sentence {count}")


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
@pytest.mark.parametrize("count", ["frequency", "boolean"])
def test_document_context_equals_crossprod(corpora: dict[str, wenmai.Corpus], name: str,
                                           count: str) -> None:
    c = corpora[name]
    terms = top_terms(c, 2000)
    m = c.cooccurrence(context="document", count=count, terms=2000, tri=False)
    assert m.terms == terms
    compare(m.to_scipy(), py_context(c, "document", count, terms),
            f"{name} document {count} (top 2,000)")


@pytest.mark.slow
def test_terms_keep_their_place_in_the_window(corpora: dict[str, wenmai.Corpus]) -> None:
    """Restricting terms selects rows and columns of the full matrix (quanteda's
    ``fcm_select``): the other tokens still sit between."""
    c = corpora["news"]
    keep = top_terms(c, 2000)
    m = c.cooccurrence(window=5, terms=2000, tri=False)
    assert m.terms == keep and m.shape == (2000, 2000)
    full = py_window(c, 5, False)["frequency"]
    index = {t: k for k, t in enumerate(vocabulary(c))}
    rows = [index[t] for t in keep]
    compare(m.to_scipy(), full[rows][:, rows], "news window frequency, top 2,000")
    # tri is the upper triangle in the order of `terms` (most frequent first)
    tri = c.cooccurrence(window=5, terms=2000)
    assert (tri.to_scipy() != sp.triu(m.to_scipy())).nnz == 0


def test_term_list_order_and_unknown_terms(corpora: dict[str, wenmai.Corpus]) -> None:
    c = corpora["reports"]
    m = c.cooccurrence(terms=["改革", "没有这个词汇", "发展", "改革"], tri=False)
    assert m.terms == ["改革", "发展"], "absent terms and repeats are dropped, order kept"
    want = np.zeros((2, 2), dtype=np.int64)
    pos = {"改革": 0, "发展": 1}
    for s in c.tokens(unit="sentence"):
        for i, a in enumerate(s):
            for b in s[i + 1 : i + 6]:
                if a in pos and b in pos:
                    want[pos[a], pos[b]] += 1
                    want[pos[b], pos[a]] += 1
    assert (m.to_numpy() == want).all()
    assert c.cooccurrence(terms="发展").terms == ["发展"]
    assert c.cooccurrence(terms=["没有这个词汇"]).shape == (0, 0)


def test_quanteda_example() -> None:
    """quanteda's own example (``fcm(txt1, context = "window", window = 2)``), counted by
    hand: a at 0, 2, 5, 10 and e at 4, 8, 12."""
    c = wenmai.Corpus.from_texts(["A D A C E A D F E B A C E D"])
    m = c.cooccurrence(window=2).to_pandas()
    assert m.loc["a", "a"] == 2  # one pair (0, 2), counted twice on the diagonal
    assert m.loc["a", "e"] == 4  # (2, 4), (5, 4), (10, 8), (10, 12)
    assert m.loc["e", "a"] == 0  # lower triangle dropped
    w = c.cooccurrence(window=3, count="weighted").to_pandas()
    assert w.loc["a", "e"] == pytest.approx(1 / 2 + 1 + 1 / 3 + 1 / 2 + 1 / 2)
    d = c.cooccurrence(context="document").to_pandas()
    assert (d.loc["a", "a"], d.loc["a", "d"]) == (6, 12)  # choose(4, 2); 4 * 3


def test_object(corpora: dict[str, wenmai.Corpus]) -> None:
    m = corpora["reports"].cooccurrence(terms=50)
    assert m.shape == (50, 50) and len(m) == 50
    df = m.to_pandas()
    assert list(df.index) == m.terms == list(df.columns)
    assert (df.to_numpy() == m.to_numpy()).all()
    assert (m.to_scipy().toarray() == m.to_numpy()).all()
    assert "50 x 50" in repr(m) and "window=5" in repr(m)


def test_sentences_are_never_crossed() -> None:
    c = wenmai.Corpus.from_texts(["经济发展。科技创新。"])
    m = c.cooccurrence(window=5, tri=False).to_pandas()
    assert m.loc["发展", "科技"] == 0 and m.loc["经济", "发展"] == 1


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"window": 0}, "window must be >= 1, got 0"),
    ({"window": -3}, "window must be >= 1, got -3"),
    ({"context": "paragraph"}, "context must be one of 'window', 'sentence', 'document'"),
    ({"count": "tfidf"}, "count must be one of 'frequency', 'boolean', 'weighted'"),
    ({"terms": 0}, "terms must be >= 1, got 0"),
    ({"terms": -5}, "terms must be >= 1, got -5"),
    ({"terms": True}, "not a bool"),
    ({"context": "sentence", "count": "weighted"}, "needs context='window'"),
    ({"context": "document", "ordered": True}, "needs context='window'"),
    ({"unit": "chapter"}, "unit"),
])
def test_bad_arguments(kwargs: dict[str, Any], match: str) -> None:
    c = wenmai.Corpus.from_texts(["经济发展。"])
    with pytest.raises(ValueError, match=match):
        c.cooccurrence(**kwargs)


CHILD = """
import hashlib, json, sys
sys.path.insert(0, {tests!r})
import wenmai
from conftest import news_documents
c = wenmai.Corpus.from_texts(news_documents("dev"))
out = {{}}
for kw in [dict(count="weighted", terms=3000), dict(count="boolean", window=3),
           dict(context="sentence", terms=3000), dict(context="document", terms=500)]:
    x = c.cooccurrence(**kw).to_scipy()
    h = hashlib.sha256()
    for a in (x.indptr, x.indices, x.data):
        h.update(a.tobytes())
    out[json.dumps(kw)] = h.hexdigest()
print(json.dumps(out))
"""

