"""``Corpus.keyness`` against scipy on the same tokens: every term of the government work
reports (target: ``year >= 2013``) and of the news dev split (target: its first half).

Each term's 2x2 table is built here from ``corpus.tokens(unit="document")``; the scipy
peer (``chi2_contingency`` with and without Yates, ``lambda_="log-likelihood"``,
``fisher_exact`` and ``contingency.odds_ratio(kind="conditional")``) is called once per
distinct table (terms with the same target and reference counts share one), and every term
is compared. Williams' G2 and pmi are checked against quanteda's formulas written out here.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
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


class Worst:
    """The largest relative difference seen, and where."""

    def __init__(self, what: str) -> None:
        self.what, self.rel, self.where = what, 0.0, ""

    def add(self, ours: float, peer: float, where: str, tiny: float = 0.0) -> None:
        if ours == peer or (abs(ours) <= tiny and abs(peer) <= tiny):
            return
        rel = abs(ours - peer) / max(abs(peer), tiny, 1e-300)
        if rel > self.rel:
            self.rel, self.where = rel, f"{where}: ours {ours!r}, peer {peer!r}"

    def check(self, case: Case, rel: float = REL) -> None:
        print(f"\n[{case.name}] {self.what}: worst relative difference {self.rel:.3g}"
              f" ({self.where or 'all equal'})")
        assert self.rel <= rel, f"{self.what}: {self.where}"


def _keyness(case: Case, measure: str, correction: str = "default") -> pd.DataFrame:
    k = case.corpus.keyness(case.mask, measure=measure, correction=correction)
    terms = set(case.a) | set(case.b)
    assert len(k) == len(terms) and set(k["term"]) == terms
    return k


def _rows(k: pd.DataFrame):  # type: ignore[no-untyped-def]
    return zip(k["term"], k["stat"].to_numpy(), k["p"].to_numpy(),
               k["n_target"].to_numpy(), k["n_reference"].to_numpy(), strict=True)


def _quanteda_yates(t: np.ndarray) -> bool:
    """quanteda's rule for Yates' correction (keyness.cpp): |ad - bc| >= N/2 and an
    expected cell under 5."""
    (a, b), (c, d) = t.tolist()
    n = a + b + c + d
    expected = [(a + b) * (a + c) / n, (a + b) * (b + d) / n,
                (a + c) * (c + d) / n, (c + d) * (b + d) / n]
    return abs(a * d - b * c) >= n / 2 and min(expected) < 5


def _sign(t: np.ndarray) -> float:
    (a, b), (c, d) = t.tolist()
    return 1.0 if a * d - b * c > 0 else -1.0


def test_counts_are_the_tokens_column_sums(case: Case) -> None:
    k = _keyness(case, "chi2")
    for term, _, _, nt, nr in _rows(k):
        assert (nt, nr) == (case.a.get(term, 0), case.b.get(term, 0)), term


@pytest.mark.parametrize("measure", ["chi2", "lr"])
def test_chi2_and_g2_against_scipy(case: Case, measure: str) -> None:
    from scipy.stats import chi2_contingency

    lam = "pearson" if measure == "chi2" else "log-likelihood"
    ours = {c: _keyness(case, measure, c) for c in ("none", "yates", "default")}
    peer: dict[tuple[int, int, bool], tuple[float, float]] = {}
    for nt, nr in set(zip(ours["none"]["n_target"], ours["none"]["n_reference"],
                          strict=True)):
        for yates in (False, True):
            r = chi2_contingency(case.table(nt, nr), correction=yates, lambda_=lam)
            peer[nt, nr, yates] = (float(r.statistic), float(r.pvalue))
    for correction, k in ours.items():
        stat, p = Worst(f"{measure} {correction} stat"), Worst(f"{measure} {correction} p")
        for term, s, pv, nt, nr in _rows(k):
            t = case.table(nt, nr)
            if correction == "default" and measure == "chi2":
                yates = _quanteda_yates(t)
            else:
                yates = correction == "yates"
            ps, pp = peer[nt, nr, yates]
            if correction == "default" and measure == "lr":
                ps = ps / _williams(t)
                pp = _chi2_sf(ps)
            if s != 0:
                assert math.copysign(1.0, s) == _sign(t), term
            stat.add(abs(s), ps, term)
            p.add(pv, pp, term, tiny=TINY)
        stat.check(case)
        p.check(case)


def _chi2_sf(x: float) -> float:
    from scipy.stats import chi2

    return float(chi2.sf(abs(x), 1))


def _williams(t: np.ndarray) -> float:
    """Williams' q as quanteda's keyness.cpp computes it (1 when a cell is 0)."""
    a, b, c, d = float(t[0, 0]), float(t[0, 1]), float(t[1, 0]), float(t[1, 1])
    if a * b * c * d == 0:
        return 1.0
    n = a + b + c + d
    return 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)


def _quanteda_g2(t: np.ndarray, epsilon: float) -> float:
    """quanteda's lr_lambda without a correction: 2 sum O log(O/E + epsilon), signed."""
    a, b, c, d = (float(x) for x in t.ravel())
    n = a + b + c + d
    cells = [(a, (a + b) * (a + c) / n), (b, (a + b) * (b + d) / n),
             (c, (a + c) * (c + d) / n), (d, (b + d) * (c + d) / n)]
    g2 = 2 * sum(o * math.log(o / e + epsilon) if o else 0.0 for o, e in cells)
    return g2 * (1.0 if a > cells[0][1] else -1.0)


def test_williams_g2_is_quantedas_formula(case: Case) -> None:
    """``lr`` with ``correction="williams"`` (and ``"default"``, quanteda's documented default)
    is quanteda's G2 / q, without the 1e-9 quanteda's C++ adds inside each logarithm: that
    term moves G2 by at most 2e-9 N (pinned below), which near G2 = 0 is no rounding."""
    k = _keyness(case, "lr", "williams")
    pd.testing.assert_frame_equal(k, _keyness(case, "lr", "default"))
    stat, p = Worst("lr williams vs quanteda's formula"), Worst("lr williams p")
    n = case.n_target + case.n_reference
    for term, s, pv, nt, nr in _rows(k):
        t = case.table(nt, nr)
        q = _williams(t)
        stat.add(s, _quanteda_g2(t, 0.0) / q, term)
        p.add(pv, _chi2_sf(_quanteda_g2(t, 0.0) / q), term, tiny=TINY)
        assert abs(s - _quanteda_g2(t, 1e-9) / q) <= 2e-9 * n, term
    stat.check(case)
    p.check(case)


def test_pmi_is_quantedas_formula(case: Case) -> None:
    """pmi = log(a / E(a) + 1e-9) (quanteda's pmi_lambda), p = 1 - pchisq(|pmi|, 1)."""
    k = _keyness(case, "pmi")
    pd.testing.assert_frame_equal(k, _keyness(case, "pmi", "none"))
    stat, p = Worst("pmi"), Worst("pmi p")
    n = case.n_target + case.n_reference
    for term, s, pv, nt, nr in _rows(k):
        expected = (nt + nr) * case.n_target / n
        want = math.log(nt / expected + 1e-9)
        stat.add(s, want, term)
        p.add(pv, _chi2_sf(want), term, tiny=TINY)
    stat.check(case)
    p.check(case)


def test_exact_against_scipy(case: Case) -> None:
    """The statistic is the conditional MLE of the odds ratio (R's ``fisher.test``, which
    quanteda reports), scipy's ``odds_ratio(kind="conditional")``; the p-value is
    ``fisher_exact``'s two-sided one. scipy finds the odds ratio with ``brentq(xtol=1e-13)``
    and both sum the tail of a hypergeometric distribution, so their agreement is bounded by
    that tolerance, not by ours (the bound asserted is printed)."""
    from scipy.stats import fisher_exact
    from scipy.stats.contingency import odds_ratio

    k = _keyness(case, "exact")
    peer = {}
    for nt, nr in set(zip(k["n_target"], k["n_reference"], strict=True)):
        t = case.table(nt, nr)
        peer[nt, nr] = (float(odds_ratio(t, kind="conditional").statistic),
                        float(fisher_exact(t).pvalue))
    stat, p = Worst("exact odds ratio"), Worst("exact p")
    for term, s, pv, nt, nr in _rows(k):
        ps, pp = peer[nt, nr]
        stat.add(s, ps, term, tiny=1e-13)
        p.add(pv, pp, term, tiny=TINY)
    stat.check(case)
    p.check(case)


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


def test_same_for_any_thread_count(report_files: list[Path]) -> None:
    code = (
        "import hashlib, sys, wenmai\n"
        "c = wenmai.Corpus.from_files(sys.argv[1:])\n"
        "h = hashlib.sha256()\n"
        "for m in ('chi2', 'lr', 'pmi', 'exact'):\n"
        "    k = c.keyness('year >= 2013', measure=m)\n"
        "    h.update(k.to_csv(float_format='%.17g').encode())\n"
        "print(h.hexdigest())\n"
    )
    digests = set()
    for n in ("1", "2", "8"):
        env = {**os.environ, "RAYON_NUM_THREADS": n}
        out = subprocess.run([sys.executable, "-c", code, *map(str, report_files)],
                             env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


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


def test_native_errors_are_value_errors(small: wenmai.Corpus) -> None:
    from wenmai._wenmai import corpus_keyness

    with pytest.raises(ValueError, match="2 entries for 3 documents"):
        corpus_keyness(small._core, [True, False])
    with pytest.raises(ValueError, match="selects every document"):
        corpus_keyness(small._core, [True, True, True])
    with pytest.raises(ValueError, match="choose one of chi2, lr, pmi, exact"):
        corpus_keyness(small._core, [True, False, False], "g2")
