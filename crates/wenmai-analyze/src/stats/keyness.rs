//! Keyness (quanteda's `textstat_keyness`): how much more, or less, a term is used in a
//! target group of documents than in the reference (every other document).
//!
//! Each term gets the 2x2 table of its count in the target (`a`) and in the reference (`b`),
//! as `dtm()` counts them, against the other tokens of each (`c = n_target - a`, `d = n_reference - b`), and one
//! association measure of that table:
//!
//! * `chi2`: Pearson's chi-square, `N (|ad - bc| - N/2·δ)² / ((a+b)(c+d)(a+c)(b+d))`, where
//!   δ = 1 applies Yates' continuity correction. `Default` applies it as quanteda does, when
//!   `|ad - bc| >= N/2` and some expected cell is under 5; `Yates` always, clipped as
//!   `scipy.stats.chi2_contingency(correction=True)` clips it (the statistic is then 0 when
//!   `|ad - bc| < N/2`); `None` never. (quanteda's `yates` is its default rule again, and
//!   its `williams` multiplies chi2 by Williams' q; that one is refused here.)
//! * `lr`: the likelihood ratio `G2 = 2 Σ O ln(O/E)` over the four cells (0 ln 0 = 0).
//!   `Default` and `Williams` divide it by Williams' `q = 1 + (N/(a+b) + N/(c+d) - 1)
//!   (N/(a+c) + N/(b+d) - 1) / 6N` (1 when a cell is 0, as quanteda), as quanteda's
//!   documentation says of its default; `Yates` moves each cell `min(0.5, |O - E|)` toward
//!   its expectation first, as `chi2_contingency(correction=True, lambda_="log-likelihood")`;
//!   `None` is the plain G2. (quanteda's C++ adds 1e-9 inside each logarithm and, for its
//!   `default`, applies the conditional Yates adjustment to the cells instead of Williams';
//!   neither is done here.)
//! * `pmi`: `ln(a / E(a) + 1e-9)` with `E(a) = (a+b)(a+c)/N`, exactly quanteda's (the 1e-9
//!   keeps a term absent from the target finite).
//! * `exact`: Fisher's exact test: the statistic is the conditional maximum likelihood
//!   estimate of the odds ratio (R's `fisher.test`, which quanteda reports; not the sample
//!   odds ratio `ad/bc` of `scipy.stats.fisher_exact`), the p-value two-sided, summing every
//!   table no more probable than the observed one (within a relative 1e-7, as R).
//!
//! `chi2`, `lr` are signed: negative when the term is rarer in the target than expected
//! (`ad < bc`), as quanteda signs them; `pmi` is signed by itself and `exact` is an odds
//! ratio (below 1 for those terms). The p-value of `chi2`, `lr` and `pmi` is the upper tail
//! of the chi-square distribution with one degree of freedom at `|stat|`, as quanteda's
//! `1 - pchisq(abs(stat), 1)` (computed as `erfc(sqrt(|stat|/2))`, accurate in the far tail).

use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::matrix::DocTermMatrix;

/// The association measure of [`keyness`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeynessMeasure {
    /// Pearson's chi-square (signed).
    Chi2,
    /// The likelihood ratio G2 (signed).
    Lr,
    /// Pointwise mutual information of the term and the target.
    Pmi,
    /// Fisher's exact test; the statistic is the conditional MLE of the odds ratio.
    Exact,
}

/// The correction of [`keyness`]; which apply depends on the measure (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KeynessCorrection {
    /// quanteda's default: conditional Yates for `chi2`, Williams for `lr`, none otherwise.
    #[default]
    Default,
    /// Yates' continuity correction (`chi2`, `lr`).
    Yates,
    /// Williams' correction (`lr`).
    Williams,
    /// No correction.
    None,
}

const MEASURES: &str = "chi2, lr, pmi, exact";
const CORRECTIONS: &str = "default, yates, williams, none";

impl KeynessMeasure {
    /// The name used by quanteda and the Python API.
    pub fn name(self) -> &'static str {
        match self {
            KeynessMeasure::Chi2 => "chi2",
            KeynessMeasure::Lr => "lr",
            KeynessMeasure::Pmi => "pmi",
            KeynessMeasure::Exact => "exact",
        }
    }

    /// The corrections that mean something for this measure.
    pub fn corrections(self) -> &'static [KeynessCorrection] {
        use KeynessCorrection as C;
        match self {
            KeynessMeasure::Chi2 => &[C::Default, C::Yates, C::None],
            KeynessMeasure::Lr => &[C::Default, C::Yates, C::Williams, C::None],
            KeynessMeasure::Pmi | KeynessMeasure::Exact => &[C::Default, C::None],
        }
    }
}

impl KeynessCorrection {
    /// The name used by quanteda and the Python API.
    pub fn name(self) -> &'static str {
        match self {
            KeynessCorrection::Default => "default",
            KeynessCorrection::Yates => "yates",
            KeynessCorrection::Williams => "williams",
            KeynessCorrection::None => "none",
        }
    }
}

impl fmt::Display for KeynessMeasure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for KeynessCorrection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for KeynessMeasure {
    type Err = Error;

    /// # Examples
    /// ```
    /// use wenmai_analyze::KeynessMeasure;
    /// assert_eq!("lr".parse::<KeynessMeasure>().unwrap(), KeynessMeasure::Lr);
    /// assert!("g2".parse::<KeynessMeasure>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "chi2" => KeynessMeasure::Chi2,
            "lr" => KeynessMeasure::Lr,
            "pmi" => KeynessMeasure::Pmi,
            "exact" => KeynessMeasure::Exact,
            _ => {
                return Err(Error::InvalidParameter(format!(
                    "unknown keyness measure {s:?}: choose one of {MEASURES}"
                )));
            }
        })
    }
}

impl FromStr for KeynessCorrection {
    type Err = Error;

    /// # Examples
    /// ```
    /// use wenmai_analyze::KeynessCorrection;
    /// assert_eq!("none".parse::<KeynessCorrection>().unwrap(), KeynessCorrection::None);
    /// assert!("bonferroni".parse::<KeynessCorrection>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "default" => KeynessCorrection::Default,
            "yates" => KeynessCorrection::Yates,
            "williams" => KeynessCorrection::Williams,
            "none" => KeynessCorrection::None,
            _ => {
                return Err(Error::InvalidParameter(format!(
                    "unknown keyness correction {s:?}: choose one of {CORRECTIONS}"
                )));
            }
        })
    }
}

/// Keyness of every term, sorted as `textstat_keyness`: by statistic, descending, ties in
/// term order.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Keyness, KeynessCorrection, KeynessMeasure};
/// let k = Keyness::from_counts(
///     vec!["a".into(), "b".into()],
///     &[3, 7],
///     &[7, 2],
///     KeynessMeasure::Chi2,
///     KeynessCorrection::None,
/// )
/// .unwrap();
/// assert_eq!(k.terms, ["b", "a"]);
/// assert!(k.stat[0] > 0.0 && k.stat[1] < 0.0);
/// assert_eq!(k.stat[0], -k.stat[1]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Keyness {
    /// The terms, in the order of the statistic.
    pub terms: Vec<String>,
    /// The statistic of each term.
    pub stat: Vec<f64>,
    /// Its p-value.
    pub p: Vec<f64>,
    /// The term's count in the target.
    pub n_target: Vec<u64>,
    /// The term's count in the reference.
    pub n_reference: Vec<u64>,
}

/// One term's 2x2 table: `a` (term, target), `b` (term, reference), `c` (other tokens,
/// target), `d` (other tokens, reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Table {
    a: u64,
    b: u64,
    c: u64,
    d: u64,
}

impl Table {
    fn n(&self) -> u64 {
        self.a + self.b + self.c + self.d
    }

    /// `ad - bc`, exactly.
    fn det(&self) -> i128 {
        i128::from(self.a) * i128::from(self.d) - i128::from(self.b) * i128::from(self.c)
    }

    /// A margin is 0: no association can be measured (only one term, or an empty side).
    fn degenerate(&self) -> bool {
        self.a + self.b == 0 || self.c + self.d == 0 || self.a + self.c == 0 || self.b + self.d == 0
    }

    fn f(&self) -> [f64; 4] {
        [self.a as f64, self.b as f64, self.c as f64, self.d as f64]
    }

    /// The expected counts of a, b, c, d under independence.
    fn expected(&self) -> [f64; 4] {
        let [a, b, c, d] = self.f();
        let n = a + b + c + d;
        [
            (a + b) * (a + c) / n,
            (a + b) * (b + d) / n,
            (c + d) * (a + c) / n,
            (c + d) * (b + d) / n,
        ]
    }

    /// quanteda's condition for Yates' correction: `|ad - bc| >= N/2` and an expected cell
    /// under 5, tested in exact integer arithmetic.
    fn quanteda_yates(&self) -> bool {
        let n = u128::from(self.n());
        let (a, b, c, d) = (
            u128::from(self.a),
            u128::from(self.b),
            u128::from(self.c),
            u128::from(self.d),
        );
        let small = |r: u128, s: u128| r * s < 5 * n;
        2 * self.det().unsigned_abs() >= n
            && (small(a + b, a + c)
                || small(a + b, b + d)
                || small(c + d, a + c)
                || small(c + d, b + d))
    }

    /// Williams' q as quanteda computes it (1 when a cell is 0).
    fn williams(&self) -> f64 {
        if self.a == 0 || self.b == 0 || self.c == 0 || self.d == 0 {
            return 1.0;
        }
        let [a, b, c, d] = self.f();
        let n = a + b + c + d;
        1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n)
    }

    fn sign(&self) -> f64 {
        if self.det() > 0 { 1.0 } else { -1.0 }
    }

    fn chi2(&self, yates: bool) -> f64 {
        let [a, b, c, d] = self.f();
        let n = a + b + c + d;
        let mut dev = self.det().unsigned_abs() as f64;
        if yates {
            dev = (dev - n / 2.0).max(0.0);
        }
        // Divided pairwise: the products reach 1e30 on a large corpus.
        n * (dev / ((a + b) * (c + d))) * (dev / ((a + c) * (b + d)))
    }

    fn g2(&self, yates: bool) -> f64 {
        let mut o = self.f();
        let e = self.expected();
        if yates {
            // Every cell is off its expectation by |ad - bc| / N, a and d one way, b and c
            // the other.
            let dev = self.det().unsigned_abs() as f64 / self.n() as f64;
            if dev <= 0.5 {
                // Moved onto its expectation: G2 is 0, not the rounding noise of the sum.
                return 0.0;
            }
            let m = 0.5 * self.sign();
            o = [o[0] - m, o[1] + m, o[2] + m, o[3] - m];
        }
        2.0 * o
            .iter()
            .zip(e)
            .map(|(&o, e)| if o == 0.0 { 0.0 } else { o * (o / e).ln() })
            .sum::<f64>()
    }

    fn pmi(&self) -> f64 {
        let e = self.expected()[0];
        (self.a as f64 / e + 1e-9).ln()
    }
}

/// The upper tail of the chi-square distribution with one degree of freedom at `x`.
fn chi2_sf1(x: f64) -> f64 {
    libm::erfc((x / 2.0).sqrt())
}

/// R's tolerance for "no more probable than the observed table" in `fisher.test`.
const FISHER_REL_ERR: f64 = 1.0 + 1e-7;

/// The hypergeometric distribution of `a` given the margins, in log space relative to its
/// mode: `lo` is the first value of the support, `lw[k]` the log-weight of `lo + k`.
struct Hypergeom {
    lo: u64,
    lw: Vec<f64>,
}

impl Hypergeom {
    fn of(t: &Table) -> Hypergeom {
        let n_target = t.a + t.c;
        let n_reference = t.b + t.d;
        let k = t.a + t.b;
        let lo = k.saturating_sub(n_reference);
        let hi = k.min(n_target);
        let len = (hi - lo + 1) as usize;
        // The mode, from which log-weights are accumulated outward so that rounding grows
        // least where the mass is.
        let mode = (((k + 1) as f64) * ((n_target + 1) as f64)
            / ((n_target + n_reference + 2) as f64))
            .floor() as u64;
        let mode = mode.clamp(lo, hi);
        // ln(f(x + 1) / f(x)).
        let step = |x: u64| -> f64 {
            let (x, k, t, r) = (x as f64, k as f64, n_target as f64, n_reference as f64);
            ((t - x) * (k - x) / ((x + 1.0) * (r - k + x + 1.0))).ln()
        };
        let mut lw = vec![0.0; len];
        let m = (mode - lo) as usize;
        for i in m + 1..len {
            lw[i] = lw[i - 1] + step(lo + i as u64 - 1);
        }
        for i in (0..m).rev() {
            lw[i] = lw[i + 1] - step(lo + i as u64);
        }
        Hypergeom { lo, lw }
    }

    /// Two-sided p-value of `x`: the mass of every value no more probable than it.
    fn p_two_sided(&self, x: u64) -> f64 {
        let cut = self.lw[(x - self.lo) as usize] + FISHER_REL_ERR.ln();
        let max = self.lw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (mut tail, mut total) = (0.0, 0.0);
        for &l in &self.lw {
            let w = (l - max).exp();
            total += w;
            if l <= cut {
                tail += w;
            }
        }
        (tail / total).min(1.0)
    }

    /// The mean and variance of `x` under Fisher's noncentral hypergeometric distribution
    /// with log odds ratio `theta`.
    fn moments(&self, theta: f64) -> (f64, f64) {
        let g = |k: usize| self.lw[k] + theta * k as f64;
        let max = (0..self.lw.len()).map(g).fold(f64::NEG_INFINITY, f64::max);
        let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
        for k in 0..self.lw.len() {
            let w = (g(k) - max).exp();
            let x = k as f64;
            s0 += w;
            s1 += w * x;
            s2 += w * x * x;
        }
        let mean = s1 / s0;
        ((mean + self.lo as f64), (s2 / s0 - mean * mean).max(0.0))
    }

    /// The conditional maximum likelihood estimate of the odds ratio given `x`: the odds
    /// ratio whose noncentral hypergeometric mean is `x` (0 and infinity at the ends of the
    /// support), by Newton's method on its logarithm kept inside a shrinking bracket.
    fn conditional_odds_ratio(&self, x: u64, start: f64) -> f64 {
        let hi = self.lo + self.lw.len() as u64 - 1;
        if x == self.lo {
            return 0.0;
        }
        if x == hi {
            return f64::INFINITY;
        }
        let target = x as f64;
        let (mut lo_t, mut hi_t) = (f64::NEG_INFINITY, f64::INFINITY);
        let mut theta = if start.is_finite() { start } else { 0.0 };
        for _ in 0..200 {
            let (mean, var) = self.moments(theta);
            let f = mean - target;
            if f == 0.0 {
                break;
            }
            if f > 0.0 {
                hi_t = theta;
            } else {
                lo_t = theta;
            }
            let mut next = theta - f / var;
            if !(next > lo_t && next < hi_t && next.is_finite()) {
                next = match (lo_t.is_finite(), hi_t.is_finite()) {
                    (true, true) => 0.5 * (lo_t + hi_t),
                    (true, false) => lo_t + 1.0_f64.max(lo_t.abs()),
                    (false, true) => hi_t - 1.0_f64.max(hi_t.abs()),
                    (false, false) => theta,
                };
            }
            if (next - theta).abs() <= 1e-15 * theta.abs().max(1.0) {
                theta = next;
                break;
            }
            theta = next;
        }
        theta.exp()
    }
}

/// Fisher's exact test of a table: (conditional MLE odds ratio, two-sided p).
fn fisher(t: &Table) -> (f64, f64) {
    let h = Hypergeom::of(t);
    let [a, b, c, d] = t.f();
    let start = ((a * d) / (b * c)).ln();
    (h.conditional_odds_ratio(t.a, start), h.p_two_sided(t.a))
}

/// The statistic and p-value of one table.
fn score(t: &Table, measure: KeynessMeasure, correction: KeynessCorrection) -> (f64, f64) {
    use KeynessCorrection as C;
    if t.degenerate() {
        return match measure {
            KeynessMeasure::Exact => (f64::NAN, 1.0),
            _ => (0.0, 1.0),
        };
    }
    let signed = |s: f64| {
        // No -0.0 for a term used exactly as expected.
        let s = if s == 0.0 { 0.0 } else { s * t.sign() };
        (s, chi2_sf1(s.abs()))
    };
    match measure {
        KeynessMeasure::Chi2 => signed(t.chi2(match correction {
            C::Default => t.quanteda_yates(),
            C::Yates => true,
            _ => false,
        })),
        KeynessMeasure::Lr => {
            let g2 = t.g2(correction == C::Yates);
            signed(match correction {
                C::Default | C::Williams => g2 / t.williams(),
                _ => g2,
            })
        }
        KeynessMeasure::Pmi => {
            let s = t.pmi();
            (s, chi2_sf1(s.abs()))
        }
        KeynessMeasure::Exact => fisher(t),
    }
}

pub(crate) fn check(measure: KeynessMeasure, correction: KeynessCorrection) -> Result<()> {
    let ok = measure.corrections();
    if ok.contains(&correction) {
        return Ok(());
    }
    let names: Vec<&str> = ok.iter().map(|c| c.name()).collect();
    Err(Error::InvalidParameter(format!(
        "correction {:?} does not apply to measure {:?}: choose one of {}",
        correction.name(),
        measure.name(),
        names.join(", ")
    )))
}

impl Keyness {
    /// Keyness from each term's count in the target and in the reference (one entry per
    /// term, in `terms` order, which also breaks ties).
    pub fn from_counts(
        terms: Vec<String>,
        n_target: &[u64],
        n_reference: &[u64],
        measure: KeynessMeasure,
        correction: KeynessCorrection,
    ) -> Result<Keyness> {
        check(measure, correction)?;
        if n_target.len() != terms.len() || n_reference.len() != terms.len() {
            return Err(Error::InvalidParameter(format!(
                "{} terms but {} target and {} reference counts: give one count per term",
                terms.len(),
                n_target.len(),
                n_reference.len()
            )));
        }
        let total_t: u64 = n_target.iter().sum();
        let total_r: u64 = n_reference.iter().sum();
        if total_t == 0 || total_r == 0 {
            let side = if total_t == 0 { "target" } else { "reference" };
            return Err(Error::InvalidParameter(format!(
                "the {side} documents have no tokens: choose a target whose documents, and \
                 whose complement's, have tokens"
            )));
        }
        let scored: Vec<(f64, f64)> = n_target
            .par_iter()
            .zip(n_reference.par_iter())
            .map(|(&a, &b)| {
                let t = Table {
                    a,
                    b,
                    c: total_t - a,
                    d: total_r - b,
                };
                score(&t, measure, correction)
            })
            .collect();
        let mut order: Vec<usize> = (0..terms.len()).collect();
        // Descending statistic, NaN last, ties in term order: a total order, so any
        // thread count sorts alike.
        order.par_sort_by(|&i, &j| {
            let (x, y) = (scored[i].0, scored[j].0);
            match (x.is_nan(), y.is_nan()) {
                (false, false) => y.total_cmp(&x),
                (a, b) => a.cmp(&b),
            }
            .then(i.cmp(&j))
        });
        let mut terms: Vec<Option<String>> = terms.into_iter().map(Some).collect();
        Ok(Keyness {
            terms: order
                .iter()
                .map(|&i| terms[i].take().unwrap_or_default())
                .collect(),
            stat: order.iter().map(|&i| scored[i].0).collect(),
            p: order.iter().map(|&i| scored[i].1).collect(),
            n_target: order.iter().map(|&i| n_target[i]).collect(),
            n_reference: order.iter().map(|&i| n_reference[i]).collect(),
        })
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there is no term.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Each term's count in the rows of target documents and in the others.
fn column_sums(m: &DocTermMatrix, target: &[bool]) -> (Vec<u64>, Vec<u64>) {
    let n = m.terms.len();
    let rows = m.indptr.len().saturating_sub(1);
    // Rows in blocks, each block's sums added in block order: integers, so any split and
    // any thread count give the same sums.
    (0..rows.div_ceil(256))
        .into_par_iter()
        .fold(
            || (vec![0u64; n], vec![0u64; n]),
            |(mut t, mut r), block| {
                for i in block * 256..((block + 1) * 256).min(rows) {
                    let doc = m.units.get(i).map_or(i, |u| u.document);
                    let side = if target[doc] { &mut t } else { &mut r };
                    let (cols, vals) = m.row(i);
                    for (&j, &v) in cols.iter().zip(vals) {
                        side[j as usize] += v as u64;
                    }
                }
                (t, r)
            },
        )
        .reduce(
            || (vec![0u64; n], vec![0u64; n]),
            |(mut t, mut r), (t2, r2)| {
                t.iter_mut().zip(t2).for_each(|(x, y)| *x += y);
                r.iter_mut().zip(r2).for_each(|(x, y)| *x += y);
                (t, r)
            },
        )
}

/// The target must pick some documents but not all, from a mask of one entry per document.
pub(crate) fn check_target(target: &[bool], n_documents: usize) -> Result<()> {
    if target.len() != n_documents {
        return Err(Error::InvalidParameter(format!(
            "the target mask has {} entries for {n_documents} documents: give one per document",
            target.len()
        )));
    }
    let chosen = target.iter().filter(|&&t| t).count();
    if chosen == 0 || chosen == target.len() {
        let what = if chosen == 0 { "no" } else { "every" };
        return Err(Error::InvalidParameter(format!(
            "the target selects {what} document: keyness compares the target with the other \
             documents, so choose some but not all"
        )));
    }
    Ok(())
}

impl Keyness {
    /// Keyness of the target documents (`target[i]` for document `i`) against the others,
    /// from a count matrix whose rows are units of those documents (each row's document is
    /// its [`UnitRef`](crate::UnitRef); a matrix without units has one row per document).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for a weighted matrix (a value that is no count), a
    /// target that selects no document or every one, or a correction the measure lacks.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DocTermMatrix, Keyness, KeynessCorrection, KeynessMeasure};
    /// let m = DocTermMatrix::from_tokens(&[vec!["a", "a", "b"], vec!["b", "c"]], &Default::default())
    ///     .unwrap();
    /// let k = Keyness::from_matrix(&m, &[true, false], KeynessMeasure::Lr, KeynessCorrection::None)
    ///     .unwrap();
    /// assert_eq!(k.terms, ["a", "b", "c"]);
    /// assert_eq!((k.n_target, k.n_reference), (vec![2, 1, 0], vec![0, 1, 1]));
    /// ```
    pub fn from_matrix(
        m: &DocTermMatrix,
        target: &[bool],
        measure: KeynessMeasure,
        correction: KeynessCorrection,
    ) -> Result<Keyness> {
        check(measure, correction)?;
        let n_documents = match m.units.iter().map(|u| u.document).max() {
            Some(last) => (last + 1).max(target.len()),
            None => m.indptr.len().saturating_sub(1),
        };
        check_target(target, n_documents)?;
        if let Some(v) = m.data.iter().find(|&&v| !(v >= 0.0 && v.fract() == 0.0)) {
            return Err(Error::InvalidParameter(format!(
                "keyness needs counts, and the matrix holds {v}: give the unweighted dtm()"
            )));
        }
        let (t, r) = column_sums(m, target);
        Keyness::from_counts(m.terms.clone(), &t, &r, measure, correction)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::DtmOptions;

    fn table(a: u64, b: u64, c: u64, d: u64) -> Table {
        Table { a, b, c, d }
    }

    fn close(x: f64, y: f64, rel: f64) -> bool {
        (x - y).abs() <= rel * y.abs().max(f64::MIN_POSITIVE)
    }

    #[test]
    fn chi2_matches_quanteda_test_table() {
        // quanteda's test: d1 "b"x7 "a"x3, d2 "a"x7 "b"x2; chisq.test(correct = TRUE).
        let t = table(3, 7, 7, 2);
        let n = 19.0_f64;
        let det = (3.0 * 2.0 - 7.0 * 7.0_f64).abs();
        let plain = n * det * det / (10.0 * 9.0 * 10.0 * 9.0);
        assert!(close(t.chi2(false), plain, 1e-15));
        let yates = n * (det - n / 2.0).powi(2) / (10.0 * 9.0 * 10.0 * 9.0);
        assert!(t.quanteda_yates());
        assert!(close(t.chi2(true), yates, 1e-15));
        let (s, _) = score(&t, KeynessMeasure::Chi2, KeynessCorrection::Default);
        assert!(close(s, -yates, 1e-15));
    }

    #[test]
    fn yates_clips_to_zero_like_scipy() {
        // |ad - bc| = 1 < N/2: scipy's correction moves each cell onto its expectation.
        let t = table(1, 1, 1, 2);
        assert_eq!(t.chi2(true), 0.0);
        assert!(!t.quanteda_yates());
    }

    #[test]
    fn g2_and_williams() {
        let t = table(3, 7, 7, 2);
        let e = t.expected();
        let o = t.f();
        let g2: f64 = 2.0 * (0..4).map(|i| o[i] * (o[i] / e[i]).ln()).sum::<f64>();
        assert!(close(t.g2(false), g2, 1e-14));
        let q = 1.0 + (19.0 / 10.0 + 19.0 / 9.0 - 1.0) * (19.0 / 10.0 + 19.0 / 9.0 - 1.0) / 114.0;
        let (s, p) = score(&t, KeynessMeasure::Lr, KeynessCorrection::Williams);
        assert!(close(s, -g2 / q, 1e-14));
        assert!(close(p, chi2_sf1(g2 / q), 1e-15));
    }

    #[test]
    fn chi2_sf_known_values() {
        // 3.841458820694124 is the 95% quantile of chi-square(1).
        assert!(close(chi2_sf1(3.841458820694124), 0.05, 1e-12));
        assert_eq!(chi2_sf1(0.0), 1.0);
        assert!(chi2_sf1(1400.0) > 0.0);
    }

    #[test]
    fn fisher_small_table() {
        // scipy.stats.fisher_exact([[8, 2], [1, 5]]).pvalue; odds_ratio(kind="conditional").
        let t = table(8, 2, 1, 5);
        let (or, p) = fisher(&t);
        assert!(close(p, 0.034_965_034_965_034_975, 1e-12), "{p}");
        assert!(close(or, 15.465_819_716_921_013, 1e-9), "{or}");
        let (or0, _) = fisher(&table(0, 5, 10, 5));
        assert_eq!(or0, 0.0);
    }

    #[test]
    fn same_for_any_thread_count() {
        let n_t: Vec<u64> = (0..5000).map(|i| (i * 7919 % 13) as u64).collect();
        let n_r: Vec<u64> = (0..5000).map(|i| (i * 104_729 % 11 + 1) as u64).collect();
        let terms: Vec<String> = (0..5000).map(|i| format!("t{i:05}")).collect();
        let run = |threads: usize, m: KeynessMeasure| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    Keyness::from_counts(terms.clone(), &n_t, &n_r, m, KeynessCorrection::Default)
                        .unwrap()
                })
        };
        for m in [
            KeynessMeasure::Chi2,
            KeynessMeasure::Lr,
            KeynessMeasure::Exact,
        ] {
            let one = run(1, m);
            assert_eq!(one, run(2, m));
            assert_eq!(one, run(8, m));
        }
    }

    #[test]
    fn from_matrix_refuses_weights_and_bad_targets() {
        let docs = [vec!["a", "a", "b"], vec!["b", "c"]];
        let m = DocTermMatrix::from_tokens(&docs, &DtmOptions::default()).unwrap();
        let (lr, none) = (KeynessMeasure::Lr, KeynessCorrection::None);
        let (w, _) = m.tfidf(&Default::default());
        let e = Keyness::from_matrix(&w, &[true, false], lr, none).unwrap_err();
        assert!(e.to_string().contains("needs counts"), "{e}");
        let e = Keyness::from_matrix(&m, &[true], lr, none).unwrap_err();
        assert!(e.to_string().contains("1 entries for 2 documents"), "{e}");
        let e = Keyness::from_matrix(&m, &[false, false], lr, none).unwrap_err();
        assert!(e.to_string().contains("selects no document"), "{e}");
    }

    #[test]
    fn bad_corrections_name_the_choices() {
        let e = check(KeynessMeasure::Chi2, KeynessCorrection::Williams).unwrap_err();
        assert!(e.to_string().contains("default, yates, none"), "{e}");
    }
}
