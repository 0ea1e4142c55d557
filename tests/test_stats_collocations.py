"""``Corpus.collocations``: every collocation of the government work reports and of the news
dev split against NLTK's collocation finders (sizes 2 to 4) and against direct Python
implementations of the same formulas (size 5, and quanteda's lambda / z)."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import wenmai
from nltk.collocations import (
    BigramCollocationFinder,
    QuadgramCollocationFinder,
    TrigramCollocationFinder,
)
from nltk.metrics.association import (
    BigramAssocMeasures,
    NgramAssocMeasures,
    QuadgramAssocMeasures,
    TrigramAssocMeasures,
)

NLTK_NAMES = {"pmi": "pmi", "llr": "likelihood_ratio", "chi2": "chi_sq", "t": "student_t"}
FINDERS: dict[int, tuple[Any, Any]] = {
    2: (BigramCollocationFinder, BigramAssocMeasures),
    3: (TrigramCollocationFinder, TrigramAssocMeasures),
    4: (QuadgramCollocationFinder, QuadgramAssocMeasures),
}
TOL = 1e-9


def _close(label: str, got: dict[tuple[str, ...], list[float]],
           want: dict[tuple[str, ...], list[float]], names: list[str]) -> None:
    """Every n-gram in both, every score within TOL (relative above 1); prints the worst."""
    assert set(got) == set(want), f"{label}: {len(set(got) ^ set(want))} n-grams differ"
    assert got, label
    for j, name in enumerate(names):
        worst_abs = worst_rel = 0.0
        for ng, w in want.items():
            a, b = got[ng][j], w[j]
            if math.isnan(b):
                assert math.isnan(a), (label, name, ng)
                continue
            d = abs(a - b)
            worst_abs = max(worst_abs, d)
            worst_rel = max(worst_rel, d / max(1.0, abs(b)))
            assert d <= TOL * max(1.0, abs(b)), (label, name, ng, a, b)
        print(f"{label} {name}: {len(want)} n-grams, worst |diff| {worst_abs:.3g}, "
              f"relative {worst_rel:.3g}")


def _ours(df: pd.DataFrame, names: list[str]) -> dict[tuple[str, ...], list[float]]:
    return {tuple(t): [float(c), *map(float, v)] for t, c, *v in
            zip(df["tokens"], df["count"], *(df[n] for n in names), strict=True)}


def _nltk(sentences: list[list[str]], n: int, min_count: int
          ) -> dict[tuple[str, ...], list[float]]:
    cls, m = FINDERS[n]
    f = cls.from_documents(sentences)
    f.apply_freq_filter(min_count)
    fns = [getattr(m, NLTK_NAMES[k]) for k in NLTK_NAMES]
    return {ng: [float(c), *(f.score_ngram(fn, *ng) for fn in fns)]
            for ng, c in f.ngram_fd.items()}


def _check_nltk(corpus: wenmai.Corpus, label: str, n: int) -> None:
    names = list(NLTK_NAMES)
    df = corpus.collocations(size=n, min_count=2, measures=names)
    _close(f"{label} size {n} vs NLTK", _ours(df, names),
           _nltk(corpus.tokens(unit="sentence"), n, 2), ["count", *names])


@pytest.mark.parametrize("n", [2, 3])
def test_reports_equal_nltk(reports: wenmai.Corpus, n: int) -> None:
    _check_nltk(reports, "reports", n)


@pytest.mark.slow
def test_reports_size_4_equal_nltk(reports: wenmai.Corpus) -> None:
    _check_nltk(reports, "reports", 4)


@pytest.mark.parametrize("n", [2, 3])
def test_news_equal_nltk(news: wenmai.Corpus, n: int) -> None:
    _check_nltk(news, "news dev", n)


@pytest.mark.slow
def test_news_size_4_equal_nltk(news: wenmai.Corpus) -> None:
    _check_nltk(news, "news dev", 4)


# --- size 5: NLTK's general formulas, with marginals counted here ------------------------


class QuintgramAssocMeasures(NgramAssocMeasures):
    """NLTK's ``NgramAssocMeasures`` for five tokens: the marginals are
    ``(count, {mask: count of the sub-pattern}, (f_1..f_5), N)`` and the contingency table
    is their Möbius inversion, cell ``x`` having bit ``j`` set where token ``j`` is absent,
    as NLTK orders the cells of its bigram, trigram and quadgram tables."""

    _n = 5

    @staticmethod
    def _contingency(count: int, marg: dict[int, int], uni: tuple[int, ...], total: int
                     ) -> tuple[int, ...]:
        full = 31
        m = {0: total, full: count, **marg, **{1 << j: f for j, f in enumerate(uni)}}
        cells = []
        for x in range(32):
            inside = ~x & full
            cells.append(sum((-1) ** bin(t ^ inside).count("1") * m[t]
                             for t in range(32) if t & inside == inside))
        return tuple(cells)


def _patterns(sentences: list[list[str]], offsets: tuple[int, ...]) -> Counter[tuple[str, ...]]:
    """Every occurrence of the tokens at ``offsets`` where the span fits in a sentence."""
    span = offsets[-1] + 1
    return Counter(tuple(s[i + o] for o in offsets)
                   for s in sentences for i in range(len(s) - span + 1))


def _direct_size5(sentences: list[list[str]], min_count: int
                  ) -> dict[tuple[str, ...], list[float]]:
    grams = _patterns(sentences, (0, 1, 2, 3, 4))
    uni = Counter(t for s in sentences for t in s)
    total = sum(uni.values())
    shapes: dict[tuple[int, ...], Counter[tuple[str, ...]]] = {}
    out = {}
    m = QuintgramAssocMeasures
    for ng, c in grams.items():
        if c < min_count:
            continue
        marg = {}
        for mask in range(1, 31):
            bits = [j for j in range(5) if mask >> j & 1]
            if len(bits) < 2:
                continue
            shape = tuple(j - bits[0] for j in bits)
            if shape not in shapes:
                shapes[shape] = _patterns(sentences, shape)
            marg[mask] = shapes[shape][tuple(ng[j] for j in bits)]
        args = (c, marg, tuple(uni[t] for t in ng), total)
        out[ng] = [float(c), *(getattr(m, NLTK_NAMES[k])(*args) for k in NLTK_NAMES)]
    return out


@pytest.mark.slow
@pytest.mark.parametrize("which", ["reports"])  # the news adds time, not a new case
def test_size_5_equals_the_general_formulas(which: str, request: pytest.FixtureRequest
                                            ) -> None:
    corpus = request.getfixturevalue(which)
    names = list(NLTK_NAMES)
    df = corpus.collocations(size=5, min_count=2, measures=names)
    _close(f"{which} size 5 vs NgramAssocMeasures", _ours(df, names),
           _direct_size5(corpus.tokens(unit="sentence"), 2), ["count", *names])


def test_size_5_general_formulas_reduce_to_nltk_quadgrams() -> None:
    """The Möbius contingency of the size-5 reference gives NLTK's own table for n = 4."""
    marg = (1, (2, 553, 3, 1), (7804, 6, 3132, 1378, 49, 2), (38970, 17660, 100, 38970), 440540)
    want = QuadgramAssocMeasures._contingency(*marg)
    names = [(0, 1, 2), (0, 1, 3), (0, 2, 3), (1, 2, 3),
             (0, 1), (0, 2), (0, 3), (1, 3), (2, 3), (1, 2)]
    values = [*marg[1], *marg[2]]
    m = {sum(1 << j for j in b): v for b, v in zip(names, values, strict=True)}
    m.update({0: marg[4], 15: marg[0], **{1 << j: f for j, f in enumerate(marg[3])}})
    got = []
    for x in range(16):
        inside = ~x & 15
        got.append(sum((-1) ** bin(t ^ inside).count("1") * m[t]
                       for t in range(16) if t & inside == inside))
    assert tuple(got) == want


# --- quanteda's lambda and z ------------------------------------------------------------


def _direct_lambda(sentences: list[list[str]], n: int, grams: list[tuple[str, ...]],
                   smoothing: float = 0.5) -> dict[tuple[str, ...], list[float]]:
    """quanteda's formula, literally: for collocation x, n_b counts the n-gram windows z of
    every sentence whose agreement with x, c(x, z) (bit k: token k equal), is b; plus
    ``smoothing``. lambda = sum_b (-1)^(n - |b|) log n_b, z = lambda / sqrt(sum_b 1/n_b).
    Windows that agree nowhere (b = 0) are counted by subtraction, the rest one by one:
    found through each position they agree at, so weighed 1 / |b|."""
    vocab = {t: i for i, t in enumerate(sorted({t for s in sentences for t in s}))}
    wins = np.array([[vocab[t] for t in s[i:i + n]] for s in sentences
                     for i in range(len(s) - n + 1)], dtype=np.int64).reshape(-1, n)
    total = len(wins)
    order = [np.argsort(wins[:, k], kind="stable") for k in range(n)]
    keys = [wins[order[k], k] for k in range(n)]
    weight = 1 << np.arange(n)
    popcount = np.array([max(1, bin(b).count("1")) for b in range(1 << n)], dtype=np.float64)
    sign = np.array([(-1.0) ** (n - bin(b).count("1")) for b in range(1 << n)])
    out = {}
    for g in grams:
        x = np.array([vocab[t] for t in g])
        parts = []
        for k in range(n):
            lo, hi = np.searchsorted(keys[k], [x[k], x[k] + 1])
            parts.append(order[k][lo:hi])
        idx = np.concatenate(parts)
        bits = ((wins[idx] == x) * weight).sum(axis=1)
        cells = np.bincount(bits, weights=1.0 / popcount[bits], minlength=1 << n)
        cells = np.rint(cells)
        cells[0] = total - cells[1:].sum()
        cells += smoothing
        lam = float(np.sum(sign * np.log(cells)))
        out[g] = [lam, lam / math.sqrt(float(np.sum(1.0 / cells)))]
    return out


def _check_lambda(corpus: wenmai.Corpus, label: str, n: int, smoothing: float = 0.5) -> None:
    df = corpus.collocations(size=n, min_count=2, measures=["lambda"], smoothing=smoothing)
    got = {tuple(t): [float(a), float(b)]
           for t, a, b in zip(df["tokens"], df["lambda"], df["z"], strict=True)}
    want = _direct_lambda(corpus.tokens(unit="sentence"), n, list(got), smoothing)
    _close(f"{label} size {n} lambda vs quanteda's formula", got, want, ["lambda", "z"])
    # quanteda's order: z decreasing, ties in term order.
    z = df["z"].to_numpy()
    assert np.all(z[:-1] >= z[1:])


def test_news_lambda_equals_quanteda_formula(news: wenmai.Corpus) -> None:
    _check_lambda(news, "news dev", 2)


def test_lambda_takes_the_smoothing(news: wenmai.Corpus) -> None:
    _check_lambda(news, "news dev", 3, smoothing=1.0)


@pytest.mark.slow
@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_reports_lambda_equals_quanteda_formula(reports: wenmai.Corpus, n: int) -> None:
    _check_lambda(reports, "reports", n)


def test_lambda_on_quanteda_example() -> None:
    """quanteda's example ``tokens("a b c a b d e b d a b")``, counted by hand."""
    c = wenmai.Corpus.from_texts(["a b c a b d e b d a b"])
    toks = c.tokens(unit="sentence")
    assert toks == [list("abcabdebdab")]
    df = c.collocations(size=2, min_count=2, measures=["lambda"])
    assert list(df["collocation"]) == ["a b", "b d"]
    ab = df.iloc[0]
    assert ab["count"] == 3
    # 10 windows: 3 agree on both tokens, none on the first only, 1 (eb) on the second
    # only, 6 on neither; each cell smoothed by 0.5.
    cells = {3: 3.5, 1: 0.5, 2: 1.5, 0: 6.5}
    lam = math.log(cells[3]) - math.log(cells[1]) - math.log(cells[2]) + math.log(cells[0])
    z = lam / math.sqrt(sum(1 / v for v in cells.values()))
    assert ab["lambda"] == pytest.approx(lam, rel=1e-12)
    assert ab["z"] == pytest.approx(z, rel=1e-12)
    want = _direct_lambda(toks, 2, [("a", "b")])
    assert want[("a", "b")] == pytest.approx([lam, z], rel=1e-12)


# --- the frame, order, errors, threads -------------------------------------------------


def test_frame_and_order(reports: wenmai.Corpus) -> None:
    df = reports.collocations()
    assert list(df.columns) == ["collocation", "count", "pmi", "llr", "chi2", "t", "lambda",
                                "z", "tokens"]
    assert df["count"].dtype == np.int64 and (df["count"] >= 2).all()
    assert all(c == _join(t) for c, t in zip(df["collocation"], df["tokens"], strict=True))
    mixed = wenmai.Corpus.from_texts(["发布iPhone 12手机。发布iPhone 12手机。"])
    assert "iphone 12手机" in set(mixed.collocations(size=3)["collocation"])
    # quanteda's order whenever lambda is computed: z decreasing.
    z = df["z"].to_numpy()
    assert np.all(z[:-1] >= z[1:])
    # Ties keep term order.
    for _, group in df.groupby("z", sort=False):
        assert list(group["tokens"]) == sorted(group["tokens"])
    pmi = reports.collocations(measures=("pmi", "t"))["pmi"].to_numpy()
    assert np.all(pmi[:-1] >= pmi[1:])
    by_llr = reports.collocations(measures=("llr", "pmi"))
    assert list(by_llr.columns) == ["collocation", "count", "llr", "pmi", "tokens"]
    assert by_llr["llr"].is_monotonic_decreasing
    assert set(by_llr["collocation"]) == set(df["collocation"])
    assert "发展" in "".join(by_llr["collocation"].head(50))
    only = reports.collocations(measures=[], min_count=50)
    assert list(only.columns) == ["collocation", "count", "tokens"]
    assert only["count"].is_monotonic_decreasing


def _join(tokens: tuple[str, ...]) -> str:
    out = ""
    for t in tokens:
        if out and out[-1].isascii() and out[-1].isalnum() and t[0].isascii() and t[0].isalnum():
            out += " "
        out += t
    return out


def test_nothing_crosses_a_sentence() -> None:
    c = wenmai.Corpus.from_texts(["经济发展。科技进步。经济发展。科技进步。"])
    toks = c.tokens(unit="sentence")
    df = c.collocations(size=2, min_count=1)
    across = (toks[0][-1], toks[1][0])
    assert across not in set(df["tokens"])
    assert tuple(toks[0][:2]) in set(df["tokens"])
    empty = c.collocations(size=5)
    assert empty.empty and "pmi" in empty.columns


def test_the_cycle_collector_is_left_as_it_was() -> None:
    import gc

    c = wenmai.Corpus.from_texts(["经济发展。经济发展很快。科技发展。"])
    assert gc.isenabled()
    df = c.collocations(size=2, min_count=1)
    assert gc.isenabled() and len(df) > 0
    assert df["tokens"].map(type).eq(tuple).all()
    assert df["collocation"].dtype == object and df["tokens"].dtype == object
    gc.disable()
    try:
        c.collocations(size=2, min_count=1)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"size": 1}, r"size must be an int in \[2, 5\], got 1"),
    ({"size": 6}, r"size must be an int in \[2, 5\], got 6"),
    ({"size": 2.5}, r"size must be an int in \[2, 5\], got 2.5"),
    ({"min_count": 0}, "min_count must be >= 1, got 0"),
    ({"measures": ["pmi", "dice"]}, "choose from pmi, llr, chi2, t, lambda"),
    ({"measures": "mi"}, "unknown collocation measure 'mi'"),
    ({"unit": "chapter"}, "unit"),
    ({"smoothing": -1}, "smoothing"),
])
def test_bad_arguments_say_what_to_change(kwargs: dict[str, Any], match: str) -> None:
    c = wenmai.Corpus.from_texts(["经济发展。"])
    with pytest.raises(ValueError, match=match):
        c.collocations(**kwargs)


def test_the_native_call_checks_too() -> None:
    from wenmai._wenmai import corpus_collocations

    c = wenmai.Corpus.from_texts(["经济发展。"])
    with pytest.raises(ValueError, match="2 to 5"):
        corpus_collocations(c._core, 7)
    with pytest.raises(ValueError, match="choose from"):
        corpus_collocations(c._core, 2, 2, ["dice"])


def test_every_unit_gives_the_same_table(report_files: list[Path]) -> None:
    c = wenmai.Corpus.from_files(report_files[-3:])
    want = c.collocations(size=3)
    assert len(want) > 100
    for unit in ("document", "section", "paragraph"):
        pd.testing.assert_frame_equal(c.collocations(size=3, unit=unit), want)


def test_plain_counts(reports: wenmai.Corpus) -> None:
    """Counts of size 3 against a plain Counter of windows (min_count 3)."""
    toks = reports.tokens(unit="sentence")
    want = Counter(tuple(s[i:i + 3]) for s in toks for i in range(len(s) - 2))
    want = Counter({g: c for g, c in want.items() if c >= 3})
    df = reports.collocations(size=3, min_count=3, measures=[])
    assert dict(zip(map(tuple, df["tokens"]), df["count"], strict=True)) == want
