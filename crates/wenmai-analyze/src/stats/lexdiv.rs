//! Lexical diversity of every unit, with quanteda's `textstat_lexdiv` definitions.
//!
//! `N` is a unit's number of tokens, `V` its number of types, `V(i)` the number of types
//! occurring `i` times, `log` the logarithm to the chosen base (quanteda's `log.base`,
//! default 10):
//!
//! - TTR `V / N`; C `log V / log N`; R `V / sqrt(N)`; CTTR `V / sqrt(2N)`;
//!   U `(log N)^2 / (log N - log V)`; S `log(log V) / log(log N)`;
//! - K `10^4 (sum_i V(i) (i / N)^2 - 1 / N)`; I `V^2 / (M2 - V)` with `M2 = sum_i i^2 V(i)`
//!   (0 when `M2 = V`); D `sum_i V(i) (i / N) ((i - 1) / (N - 1))`;
//!   Vm `sqrt(sum_i V(i) (i / N)^2 - 1 / V)`;
//! - Maas `sqrt((log N - log V) / (log N)^2)`, lgV0 `log10 V / sqrt(1 - (log10 V / log10 N)^2)`,
//!   lgeV0 the same with natural logarithms;
//! - MATTR: the mean TTR of every window of `window` consecutive tokens (Covington and McFall
//!   2010); MSTTR: the mean TTR of the consecutive segments of `segment` tokens, a shorter
//!   remainder left out. As quanteda, when a unit has fewer tokens than the window (segment),
//!   the window (segment) becomes the fewest tokens of any non-empty unit.
//!
//! A unit's tokens are one sequence here: the window of MATTR runs over the whole unit, across
//! its sentences, as the measure is defined on a text.

use rayon::prelude::*;

use super::Tokens;
use crate::error::{Error, Result};

/// One lexical diversity measure (quanteda's names).
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::LexdivMeasure;
/// assert_eq!(LexdivMeasure::ALL.len(), 15);
/// assert_eq!(LexdivMeasure::from_name("TTR"), Some(LexdivMeasure::TTR));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(clippy::upper_case_acronyms)]
pub enum LexdivMeasure {
    /// Type-token ratio.
    TTR,
    /// Herdan's C.
    C,
    /// Guiraud's root TTR.
    R,
    /// Carroll's corrected TTR.
    CTTR,
    /// Dugast's Uber index.
    U,
    /// Summer's index.
    S,
    /// Yule's K.
    K,
    /// Yule's I.
    I,
    /// Simpson's D.
    D,
    /// Herdan's Vm.
    Vm,
    /// Maas' a.
    Maas,
    /// Maas' log V0 (base 10).
    LgV0,
    /// Maas' log V0 (natural logarithms).
    LgeV0,
    /// Moving-average TTR.
    MATTR,
    /// Mean segmental TTR.
    MSTTR,
}

impl LexdivMeasure {
    /// Every measure, in quanteda's order.
    pub const ALL: [LexdivMeasure; 15] = [
        Self::TTR,
        Self::C,
        Self::R,
        Self::CTTR,
        Self::U,
        Self::S,
        Self::K,
        Self::I,
        Self::D,
        Self::Vm,
        Self::Maas,
        Self::LgV0,
        Self::LgeV0,
        Self::MATTR,
        Self::MSTTR,
    ];

    /// quanteda's name of the measure.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::stats::LexdivMeasure;
    /// assert_eq!(LexdivMeasure::from_name("lgV0").map(LexdivMeasure::name), Some("lgV0"));
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Self::TTR => "TTR",
            Self::C => "C",
            Self::R => "R",
            Self::CTTR => "CTTR",
            Self::U => "U",
            Self::S => "S",
            Self::K => "K",
            Self::I => "I",
            Self::D => "D",
            Self::Vm => "Vm",
            Self::Maas => "Maas",
            Self::LgV0 => "lgV0",
            Self::LgeV0 => "lgeV0",
            Self::MATTR => "MATTR",
            Self::MSTTR => "MSTTR",
        }
    }

    /// The measure of a name, as [`name`](Self::name) spells it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// The measures of every unit: `values[m][u]` is measure `measures[m]` of unit `u`, and the
/// window and segment used (smaller than asked when a unit is shorter, as quanteda).
///
/// # Examples
/// ```
/// let d = wenmai_analyze::stats::Lexdiv::default();
/// assert!(d.values.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexdiv {
    /// One column per measure asked, one value per unit (NaN for an empty unit).
    pub values: Vec<Vec<f64>>,
    /// The MATTR window used.
    pub window: usize,
    /// The MSTTR segment used.
    pub segment: usize,
}

/// The counts one unit's measures need.
struct UnitCounts {
    n: f64,
    v: f64,
    /// `(i, V(i))`, ascending `i`.
    spectrum: Vec<(u64, u64)>,
    /// Sum of the window type counts over every MATTR window, and the number of windows.
    mattr: (u64, u64),
    /// The MATTR window.
    window: usize,
    /// The TTR of each MSTTR segment, summed, and the number of segments.
    msttr: (f64, u64),
}

fn log_to(base: f64) -> impl Fn(f64) -> f64 {
    move |x: f64| {
        if base == 10.0 {
            x.log10()
        } else if base == 2.0 {
            x.log2()
        } else if base == std::f64::consts::E {
            x.ln()
        } else {
            x.ln() / base.ln()
        }
    }
}

fn value(m: LexdivMeasure, c: &UnitCounts, log: &dyn Fn(f64) -> f64) -> f64 {
    let (n, v) = (c.n, c.v);
    if n == 0.0 {
        return f64::NAN;
    }
    let spectrum_sum = |f: &dyn Fn(f64) -> f64| -> f64 {
        c.spectrum
            .iter()
            .map(|&(i, vi)| vi as f64 * f(i as f64))
            .sum()
    };
    match m {
        LexdivMeasure::TTR => v / n,
        LexdivMeasure::C => log(v) / log(n),
        LexdivMeasure::R => v / n.sqrt(),
        LexdivMeasure::CTTR => v / (2.0 * n).sqrt(),
        LexdivMeasure::U => log(n).powi(2) / (log(n) - log(v)),
        LexdivMeasure::S => log(log(v)) / log(log(n)),
        LexdivMeasure::K => 1e4 * (-1.0 / n + spectrum_sum(&|i| (i / n).powi(2))),
        LexdivMeasure::I => {
            let m2: u64 = c.spectrum.iter().map(|&(i, vi)| vi * i * i).sum();
            let i = v * v / (m2 as f64 - v);
            if i.is_infinite() { 0.0 } else { i }
        }
        LexdivMeasure::D => spectrum_sum(&|i| (i / n) * ((i - 1.0) / (n - 1.0))),
        LexdivMeasure::Vm => (spectrum_sum(&|i| (i / n).powi(2)) - 1.0 / v).sqrt(),
        LexdivMeasure::Maas => ((log(n) - log(v)) / log(n).powi(2)).sqrt(),
        LexdivMeasure::LgV0 => v.log10() / (1.0 - (v.log10() / n.log10()).powi(2)).sqrt(),
        LexdivMeasure::LgeV0 => v.ln() / (1.0 - (v.ln() / n.ln()).powi(2)).sqrt(),
        LexdivMeasure::MATTR => c.mattr.0 as f64 / c.window as f64 / c.mattr.1 as f64,
        LexdivMeasure::MSTTR => c.msttr.0 / c.msttr.1 as f64,
    }
}

/// Counts of one unit's token ids; `count` is all zeros on entry and on return.
fn unit_counts(ids: &[u32], window: usize, segment: usize, count: &mut [u32]) -> UnitCounts {
    let mut freqs = Vec::new();
    for &t in ids {
        if count[t as usize] == 0 {
            freqs.push(t);
        }
        count[t as usize] += 1;
    }
    let mut f: Vec<u64> = freqs
        .iter()
        .map(|&t| u64::from(count[t as usize]))
        .collect();
    for &t in &freqs {
        count[t as usize] = 0;
    }
    f.sort_unstable();
    let mut spectrum: Vec<(u64, u64)> = Vec::new();
    for i in f {
        match spectrum.last_mut() {
            Some(last) if last.0 == i => last.1 += 1,
            _ => spectrum.push((i, 1)),
        }
    }
    // MATTR: slide the window, counting the types in it.
    let mut mattr = (0u64, 0u64);
    if window > 0 && ids.len() >= window {
        let mut types = 0u64;
        for (k, &t) in ids.iter().enumerate() {
            if count[t as usize] == 0 {
                types += 1;
            }
            count[t as usize] += 1;
            if k >= window {
                let old = ids[k - window] as usize;
                count[old] -= 1;
                if count[old] == 0 {
                    types -= 1;
                }
            }
            if k + 1 >= window {
                mattr.0 += types;
                mattr.1 += 1;
            }
        }
        let tail = ids.len() - window;
        for &t in &ids[tail..] {
            count[t as usize] = 0;
        }
    }
    let mut msttr = (0f64, 0u64);
    if segment > 0 {
        for chunk in ids.chunks_exact(segment) {
            let mut types = 0u64;
            for &t in chunk {
                if count[t as usize] == 0 {
                    types += 1;
                }
                count[t as usize] += 1;
            }
            for &t in chunk {
                count[t as usize] = 0;
            }
            msttr.0 += types as f64 / segment as f64;
            msttr.1 += 1;
        }
    }
    UnitCounts {
        n: ids.len() as f64,
        v: spectrum.iter().map(|e| e.1).sum::<u64>() as f64,
        spectrum,
        mattr,
        window,
        msttr,
    }
}

/// The lexical diversity `measures` of every unit of `tokens` (see the module docs for each
/// formula), units in parallel: the same for any number of threads.
///
/// # Errors
/// [`Error::InvalidParameter`] when `window` or `segment` is 0 or `log_base` is not a
/// positive number other than 1.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Corpus, Unit};
/// use wenmai_analyze::stats::{LexdivMeasure, lexdiv};
/// let t = Corpus::from_texts(["发展经济，发展科技。"]).tokens(&Analyzer::default(), Unit::Document);
/// let d = lexdiv(&t, &[LexdivMeasure::TTR, LexdivMeasure::MATTR], 100, 100, 10.0).unwrap();
/// assert_eq!(d.values[0], [0.75]);
/// assert_eq!(d.window, 4);
/// ```
pub fn lexdiv(
    tokens: &Tokens,
    measures: &[LexdivMeasure],
    window: usize,
    segment: usize,
    log_base: f64,
) -> Result<Lexdiv> {
    if window == 0 || segment == 0 {
        return Err(Error::InvalidParameter(format!(
            "window ({window}) and segment ({segment}) must be at least 1"
        )));
    }
    if !(log_base > 0.0 && log_base != 1.0 && log_base.is_finite()) {
        return Err(Error::InvalidParameter(format!(
            "log_base must be a positive number other than 1, not {log_base}"
        )));
    }
    let lens: Vec<usize> = (0..tokens.len())
        .map(|u| tokens.unit_range(u).len())
        .collect();
    let shortest = lens.iter().copied().filter(|&l| l > 0).min();
    let window = shortest.map_or(window, |s| window.min(s));
    let segment = shortest.map_or(segment, |s| segment.min(s));
    let log = log_to(log_base);
    // At least 64 units a task: each task zeroes its own counts of every term.
    let rows: Vec<Vec<f64>> = (0..tokens.len())
        .into_par_iter()
        .with_min_len(64)
        .map_init(
            || vec![0u32; tokens.terms.len()],
            |count, u| {
                let c = unit_counts(&tokens.ids[tokens.unit_range(u)], window, segment, count);
                measures.iter().map(|&m| value(m, &c, &log)).collect()
            },
        )
        .collect();
    let values = (0..measures.len())
        .map(|m| rows.iter().map(|r| r[m]).collect())
        .collect();
    Ok(Lexdiv {
        values,
        window,
        segment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Corpus, Unit};

    #[test]
    fn hand_checked_and_same_for_any_thread_count() {
        // "a b a c b a": N 6, V 3, spectrum 1:1, 2:1, 3:1.
        let t = Tokens {
            terms: vec!["a".into(), "b".into(), "c".into()],
            ids: vec![0, 1, 0, 2, 1, 0, 2, 2],
            starts: vec![0; 8],
            ends: vec![0; 8],
            sentences: vec![0, 6, 8],
            unit_sentences: vec![0, 1, 2, 2],
            units: vec![Default::default(); 3],
        };
        let all = LexdivMeasure::ALL;
        let d = lexdiv(&t, &all, 3, 4, 10.0).unwrap();
        let col = |m: LexdivMeasure| &d.values[all.iter().position(|&x| x == m).unwrap()];
        // the shortest non-empty unit has 2 tokens: window and segment become 2
        assert_eq!((d.window, d.segment), (2, 2));
        assert_eq!(col(LexdivMeasure::TTR)[0], 0.5);
        let k = 1e4 * (-1.0 / 6.0 + (1.0 + 4.0 + 9.0) / 36.0);
        assert!((col(LexdivMeasure::K)[0] - k).abs() < 1e-9);
        assert_eq!(col(LexdivMeasure::I)[0], 9.0 / (14.0 - 3.0));
        // windows ab ba ac cb ba: all 2 types; segments ab ac ba
        assert_eq!(col(LexdivMeasure::MATTR)[0], 1.0);
        assert_eq!(col(LexdivMeasure::MSTTR)[0], 1.0);
        // "c c": one window of one type
        assert_eq!(col(LexdivMeasure::MATTR)[1], 0.5);
        assert_eq!(col(LexdivMeasure::I)[1], 1.0 / 3.0);
        assert!(d.values.iter().all(|c| c[2].is_nan()), "an empty unit");
        assert!(lexdiv(&t, &all, 0, 1, 10.0).is_err());
        assert!(lexdiv(&t, &all, 1, 1, 1.0).is_err());

        let c = Corpus::from_texts(["发展经济，发展科技。改革开放，科技强国。", "经济发展。"]);
        let t = c.tokens(&Analyzer::default(), Unit::Sentence);
        let run = |n: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
                .install(|| lexdiv(&t, &all, 100, 100, 10.0).unwrap())
        };
        let one = run(1);
        let bits = |d: &Lexdiv| {
            d.values
                .iter()
                .flatten()
                .map(|v| v.to_bits())
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(&one), bits(&run(2)));
        assert_eq!(bits(&one), bits(&run(8)));
    }
}
