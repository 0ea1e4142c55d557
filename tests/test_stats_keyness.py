"""``Corpus.keyness`` against scipy on the same tokens: every term of the government work
reports (target: ``year >= 2013``) and of the news dev split (target: its first half).

Each term's 2x2 table is built here from ``corpus.tokens(unit="document")``; the scipy
peer (``chi2_contingency`` with and without Yates, ``lambda_="log-likelihood"``,
``fisher_exact`` and ``contingency.odds_ratio(kind="conditional")``) is called once per
distinct table (terms with the same target and reference counts share one), and every term
is compared. Williams' G2 and pmi are checked against quanteda's formulas written out here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import wenmai

REL = 1e-9
# Below this a float is subnormal and has fewer significant digits than REL asks for.
TINY = 1e-300


@dataclass
class Case:
    name: str
    corpus: wenmai.Corpus
    mask: np.ndarray
    a: dict[str, int]
    b: dict[str, int]
    n_target: int
    n_reference: int

    def table(self, a: int, b: int) -> np.ndarray:
        return np.array([[a, b], [self.n_target - a, self.n_reference - b]])


def _case(name: str, corpus: wenmai.Corpus, mask: np.ndarray) -> Case:
    a: Counter[str] = Counter()
    b: Counter[str] = Counter()
    for chosen, tokens in zip(mask, corpus.tokens(unit="document"), strict=True):
        (a if chosen else b).update(tokens)
    return Case(name, corpus, mask, dict(a), dict(b), sum(a.values()), sum(b.values()))


@pytest.fixture(scope="module")
def reports(report_files: list[Path]) -> Case:
    corpus = wenmai.Corpus.from_files(report_files)
    mask = (corpus.docvars["year"] >= 2013).fillna(False).to_numpy(dtype=bool)
    return _case("reports", corpus, mask)


@pytest.fixture(scope="module")
def news(news_texts: list[str]) -> Case:
    corpus = wenmai.Corpus.from_texts(news_texts)
    mask = np.arange(len(corpus)) < len(corpus) // 2
    return _case("news", corpus, mask)


@pytest.fixture(scope="module", params=["reports", "news"])
def case(request: pytest.FixtureRequest) -> Case:
    return request.getfixturevalue(request.param)


def _worst(what: str, case: Case, k: pd.DataFrame, ours: np.ndarray, peer: np.ndarray,
           tiny: float = 0.0, rel: float = REL) -> None:
    """Print and bound the worst relative difference of ``ours`` from ``peer`` (values both
    at most ``tiny`` in size count as equal)."""
    ours, peer = np.asarray(ours, dtype=float), np.asarray(peer, dtype=float)
    both_tiny = (np.abs(ours) <= tiny) & (np.abs(peer) <= tiny)
    with np.errstate(invalid="ignore"):
        diff = np.where((ours == peer) | both_tiny, 0.0,
                        np.abs(ours - peer) / np.maximum(np.abs(peer), max(tiny, 1e-300)))
    i = int(np.argmax(diff))
    where = (f"{k['term'].iloc[i]}: ours {ours[i]!r}, peer {peer[i]!r}" if diff[i] > 0
             else "all equal")
    print(f"\n[{case.name}] {what}: worst relative difference {diff[i]:.3g} ({where})")
    assert diff[i] <= rel, f"{what}: {where}"


_RESULTS: dict[tuple[str, str, str], pd.DataFrame] = {}


def _keyness(case: Case, measure: str, correction: str = "default") -> pd.DataFrame:
    """``case.corpus.keyness`` of the case's target, computed once per module."""
    key = (case.name, measure, correction)
    if key not in _RESULTS:
        k = case.corpus.keyness(case.mask, measure=measure, correction=correction)
        assert len(k) == len(case.a.keys() | case.b.keys())
        _RESULTS[key] = k
    return _RESULTS[key]


def test_counts_are_the_tokens_column_sums(case: Case) -> None:
    k = _keyness(case, "chi2")
    assert [case.a.get(t, 0) for t in k["term"]] == k["n_target"].tolist()
    assert [case.b.get(t, 0) for t in k["term"]] == k["n_reference"].tolist()


@pytest.mark.parametrize("measure", ["chi2", "lr"])
def test_chi2_and_g2_against_scipy(case: Case, measure: str) -> None:
    """chi2_contingency(correction=False / True) of every term's table, with
    ``lambda_="log-likelihood"`` for lr; ``correction="default"`` is quanteda's rule for chi2
    (Yates when |ad - bc| >= N/2 and an expected cell is under 5) and Williams' for lr."""
    from scipy.stats import chi2, chi2_contingency

    lam = "pearson" if measure == "chi2" else "log-likelihood"
    peer: dict[tuple[int, int, bool], tuple[float, float]] = {}
    base = _keyness(case, measure, "none")
    for nt, nr in set(zip(base["n_target"].tolist(), base["n_reference"].tolist(),
                          strict=True)):
        for yates in (False, True):
            r = chi2_contingency(case.table(nt, nr), correction=yates, lambda_=lam)
            peer[nt, nr, yates] = (float(r.statistic), float(r.pvalue))
    for correction in ("none", "yates", "default"):
        k = _keyness(case, measure, correction)
        a, b, c, d = _cells(case, k)
        n = a + b + c + d
        if correction == "default" and measure == "chi2":
            expected = np.minimum.reduce([(a + b) * (a + c), (a + b) * (b + d),
                                          (c + d) * (a + c), (c + d) * (b + d)]) / n
            yates = (np.abs(a * d - b * c) >= n / 2) & (expected < 5)
        else:
            yates = np.full(len(k), correction == "yates")
        keys = zip(k["n_target"].tolist(), k["n_reference"].tolist(), yates.tolist(),
                   strict=True)
        ps, pp = np.array([peer[key] for key in keys]).T
        if correction == "default" and measure == "lr":
            ps = ps / _williams(a, b, c, d)
            pp = chi2.sf(ps, 1)
        stat = k["stat"].to_numpy()
        sign = np.where(k["n_target"].to_numpy() * d > k["n_reference"].to_numpy() * c,
                        1.0, -1.0)
        # A table Yates moves onto its expectation has G2 = 0: ours is exactly 0, scipy's the
        # rounding noise of its sum (about 1e-15, either sign).
        noise = 1e-12
        assert np.all((np.abs(stat) <= noise) | (np.sign(stat) == sign))
        _worst(f"{measure} {correction} stat", case, k, np.abs(stat), np.abs(ps), noise)
        _worst(f"{measure} {correction} p", case, k, k["p"].to_numpy(), pp, TINY)


def _williams(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Williams' q as quanteda's keyness.cpp computes it (1 when a cell is 0)."""
    n = a + b + c + d
    with np.errstate(divide="ignore", invalid="ignore"):
        q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
    return np.where(a * b * c * d == 0, 1.0, q)


def _cells(case: Case, k: pd.DataFrame) -> tuple[np.ndarray, ...]:
    a = k["n_target"].to_numpy(dtype=float)
    b = k["n_reference"].to_numpy(dtype=float)
    return a, b, case.n_target - a, case.n_reference - b


def _quanteda_lr(case: Case, k: pd.DataFrame, epsilon: float) -> np.ndarray:
    """quanteda's lr_lambda with ``correct = "williams"``: 2 sum O log(O/E + epsilon),
    signed by a > E(a), divided by Williams' q (1 when a cell is 0)."""
    a, b, c, d = _cells(case, k)
    n = a + b + c + d
    g2 = np.zeros_like(a)
    for o, e in ((a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n),
                 (c, (a + c) * (c + d) / n), (d, (b + d) * (c + d) / n)):
        with np.errstate(divide="ignore", invalid="ignore"):
            g2 += np.where(o > 0, o * np.log(o / e + epsilon), 0.0)
    g2 = 2 * g2 * np.where(a > (a + b) * (a + c) / n, 1.0, -1.0)
    return g2 / _williams(a, b, c, d)


def test_williams_g2_is_quantedas_formula(case: Case) -> None:
    """``lr`` with ``correction="williams"`` (and ``"default"``, quanteda's documented default)
    is quanteda's G2 / q, without the 1e-9 quanteda's C++ adds inside each logarithm: that
    term moves G2 by at most 2e-9 N (pinned below), which near G2 = 0 is no rounding."""
    from scipy.stats import chi2

    k = _keyness(case, "lr", "williams")
    pd.testing.assert_frame_equal(k, _keyness(case, "lr", "default"))
    want = _quanteda_lr(case, k, 0.0)
    _worst("lr williams vs quanteda's formula", case, k, k["stat"].to_numpy(), want)
    _worst("lr williams p", case, k, k["p"].to_numpy(), chi2.sf(np.abs(want), 1), TINY)
    n = case.n_target + case.n_reference
    assert np.all(np.abs(k["stat"].to_numpy() - _quanteda_lr(case, k, 1e-9)) <= 2e-9 * n)


def test_pmi_is_quantedas_formula(case: Case) -> None:
    """pmi = log(a / E(a) + 1e-9) (quanteda's pmi_lambda), p = 1 - pchisq(|pmi|, 1)."""
    from scipy.stats import chi2

    k = _keyness(case, "pmi")
    a, b, c, d = _cells(case, k)
    want = np.log(a / ((a + b) * (a + c) / (a + b + c + d)) + 1e-9)
    _worst("pmi", case, k, k["stat"].to_numpy(), want)
    _worst("pmi p", case, k, k["p"].to_numpy(), chi2.sf(np.abs(want), 1), TINY)


def test_pmi_ignores_its_correction(reports: Case) -> None:
    pd.testing.assert_frame_equal(_keyness(reports, "pmi"), _keyness(reports, "pmi", "none"))


def _exact_fisher(a: int, b: int, c: int, d: int, omegas: list[float]) -> tuple[float, list[float]]:
    """Fisher's test of one table in exact rational arithmetic: the two-sided p-value (R's
    rule: every table no more probable than the observed one, within 1e-7), and for each
    candidate odds ratio how far it is from the conditional MLE, as |mean - a| / variance of
    the noncentral hypergeometric (the error of its logarithm, to first order)."""
    n_t, n_r, k = a + c, b + d, a + b
    lo, hi = max(0, k - n_r), min(k, n_t)
    w = [Fraction(1)]
    for x in range(lo, hi):
        w.append(w[-1] * Fraction((n_t - x) * (k - x), (x + 1) * (n_r - k + x + 1)))
    obs = w[a - lo]
    p = sum((v for v in w if v <= obs * Fraction(10**7 + 1, 10**7)), Fraction(0)) / sum(w)
    errors = []
    for omega in omegas:
        om = Fraction(omega)
        ws = [v * om**i for i, v in enumerate(w)]
        s0 = sum(ws)
        m1 = sum(i * v for i, v in enumerate(ws)) / s0
        m2 = sum(i * i * v for i, v in enumerate(ws)) / s0
        errors.append(float(abs(m1 + lo - a) / (m2 - m1 * m1)))
    return float(p), errors


def test_exact_against_scipy(case: Case) -> None:
    """The statistic is the conditional MLE of the odds ratio (R's ``fisher.test``, which
    quanteda reports; scipy's ``odds_ratio(kind="conditional")``), the p-value
    ``fisher_exact``'s two-sided one, on every term. scipy's odds ratio solves for the
    noncentral hypergeometric mean with ``brentq(xtol=1e-13)`` and its p-value sums
    hypergeometric tails, each good to about 1e-9 relative here; the tables where we differ
    most are then solved in exact rational arithmetic, where ours is within 1e-12 (scipy's
    error is printed), so the 5e-9 bound on the difference is scipy's."""
    from scipy.stats import fisher_exact
    from scipy.stats.contingency import odds_ratio

    k = _keyness(case, "exact")
    peer = {}
    for nt, nr in set(zip(k["n_target"].tolist(), k["n_reference"].tolist(), strict=True)):
        t = case.table(nt, nr)
        peer[nt, nr] = (float(odds_ratio(t, kind="conditional").statistic),
                        float(fisher_exact(t).pvalue))
    keys = list(zip(k["n_target"].tolist(), k["n_reference"].tolist(), strict=True))
    ps, pp = np.array([peer[key] for key in keys]).T
    stat, p = k["stat"].to_numpy(), k["p"].to_numpy()
    _worst("exact odds ratio vs scipy", case, k, stat, ps, 1e-13, rel=5e-9)
    _worst("exact p vs scipy", case, k, p, pp, TINY, rel=5e-9)
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.nan_to_num(np.abs(stat - ps) / ps) + np.abs(p - pp) / np.maximum(pp, TINY)
    small = (k["n_target"] + k["n_reference"]).to_numpy() <= 300
    worst_ours, worst_scipy = 0.0, 0.0
    for i in [i for i in np.argsort(-gap) if small[i]][:6]:
        nt, nr = keys[i]
        exact_p, (err_ours, err_scipy) = _exact_fisher(
            nt, nr, case.n_target - nt, case.n_reference - nr, [stat[i], ps[i]])
        worst_ours = max(worst_ours, err_ours, abs(p[i] - exact_p) / exact_p)
        worst_scipy = max(worst_scipy, err_scipy, abs(pp[i] - exact_p) / exact_p)
    print(f"[{case.name}] exact, in rational arithmetic on the 6 most different tables: "
          f"ours within {worst_ours:.3g}, scipy within {worst_scipy:.3g}")
    assert worst_ours <= 1e-12


def test_sorted_as_textstat_keyness(case: Case) -> None:
    """By stat descending, ties in term (code point) order, as quanteda's radix order."""
    for measure in ("chi2", "lr", "pmi", "exact"):
        k = _keyness(case, measure)
        want = sorted(zip(k["stat"], k["term"], strict=True), key=lambda r: (-r[0], r[1]))
        assert list(k["term"]) == [t for _, t in want], measure
    k = _keyness(case, "chi2")
    assert (k["stat"] > 0).any() and (k["stat"] < 0).any()


def test_the_three_target_forms_agree(reports: Case) -> None:
    c = reports.corpus
    by_query = c.keyness("year >= 2013")
    ids = [d for d, m in zip(c.ids, reports.mask, strict=True) if m]
    pd.testing.assert_frame_equal(by_query, c.keyness(reports.mask))
    pd.testing.assert_frame_equal(by_query, c.keyness(ids))
    pd.testing.assert_frame_equal(by_query, c.keyness(list(np.flatnonzero(reports.mask))))
    pd.testing.assert_frame_equal(by_query, c.keyness(pd.Series(reports.mask)))


def test_unit_does_not_change_the_counts(reports: Case) -> None:
    pd.testing.assert_frame_equal(reports.corpus.keyness(reports.mask, unit="sentence"),
                                  reports.corpus.keyness(reports.mask))


def test_small_table_by_hand() -> None:
    """quanteda's own test table: chisq.test(correct = TRUE) of b x7 a x3 / a x7 b x2."""
    from scipy.stats import chi2_contingency

    texts = ["乙 乙 乙 乙 乙 乙 乙 甲 甲 甲", "甲 甲 甲 甲 甲 甲 甲 乙 乙"]
    corpus = wenmai.Corpus.from_texts(texts)
    k = corpus.keyness(["0"]).set_index("term")
    want = chi2_contingency([[7, 2], [3, 7]], correction=True).statistic
    assert k.loc["乙", "stat"] == pytest.approx(want, rel=1e-12)
    assert k.loc["甲", "stat"] == pytest.approx(-want, rel=1e-12)


@pytest.fixture(scope="module")
def small() -> wenmai.Corpus:
    return wenmai.Corpus.from_texts(["改革开放，改革发展。", "经济发展，经济增长。", "科技创新。"],
                                    ids=["a", "b", "c"], docvars={"year": [2000, 2014, 2020]})


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"target": "year > 2100"}, "selects no document"),
    ({"target": "year > 1900"}, "selects every document"),
    ({"target": []}, "selects no document"),
    ({"target": ["a", "b", "c"]}, "selects every document"),
    ({"target": [True, False]}, "2 entries for 3 documents"),
    ({"target": ["a", "x", "y"]}, "unknown doc ids in target: 'x', 'y'"),
    ({"target": [5]}, "outside 0..2"),
    ({"target": "decade >= 2010"}, "use its columns: doc_id"),
    ({"target": "year + 1"}, "True or False per document"),
    ({"target": 3}, "not int"),
    ({"target": ["a"], "measure": "g2"}, "choose one of chi2, lr, pmi, exact"),
    ({"target": ["a"], "correction": "bonferroni"}, "choose one of default, yates, none"),
    ({"target": ["a"], "measure": "chi2", "correction": "williams"},
     "does not apply to measure 'chi2': choose one of default, yates, none"),
    ({"target": ["a"], "measure": "exact", "correction": "yates"},
     "choose one of default, none"),
    ({"target": ["a"], "unit": "page"}, "choose one of document"),
])
def test_bad_input_says_what_to_change(small: wenmai.Corpus, kwargs: dict[str, object],
                                       message: str) -> None:
    with pytest.raises(ValueError, match=message):
        small.keyness(**kwargs)  # type: ignore[arg-type]


def test_a_target_without_tokens_is_refused() -> None:
    corpus = wenmai.Corpus.from_texts(["。", "经济发展。"])
    with pytest.raises(ValueError, match="the target documents have no tokens"):
        corpus.keyness(["0"])


def test_one_term_type_has_no_association() -> None:
    """A table with an empty margin (the corpus has one term type) measures nothing: stat 0
    and p 1 (an odds ratio of NaN for exact), where scipy's chi2_contingency refuses it."""
    corpus = wenmai.Corpus.from_texts(["经济", "经济 经济"])
    for measure in ("chi2", "lr", "pmi"):
        k = corpus.keyness(["0"], measure=measure)
        assert (k["stat"].tolist(), k["p"].tolist()) == ([0.0], [1.0]), measure
    k = corpus.keyness(["0"], measure="exact")
    assert np.isnan(k["stat"][0]) and k["p"][0] == 1.0


def test_native_errors_are_value_errors(small: wenmai.Corpus) -> None:
    from wenmai._wenmai import corpus_keyness

    with pytest.raises(ValueError, match="2 entries for 3 documents"):
        corpus_keyness(small._core, [True, False])
    with pytest.raises(ValueError, match="selects every document"):
        corpus_keyness(small._core, [True, True, True])
    with pytest.raises(ValueError, match="choose one of chi2, lr, pmi, exact"):
        corpus_keyness(small._core, [True, False, False], "g2")
