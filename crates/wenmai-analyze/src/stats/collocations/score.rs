//! Scoring collocations: the marginals each measure needs (gapped sub-patterns counted for
//! the candidates' projections only) and the scores of one candidate.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Measure;
use super::count::{Counter, Level};
use super::measures::{bigram_table, generic_table, lambda_z, pmi, student_t};

/// Up to four term ids as one key.
fn pack(ids: impl Iterator<Item = u32>) -> u128 {
    ids.fold(0u128, |k, id| (k << 32) | u128::from(id))
}

/// A sub-pattern counted by scanning: the tokens at `offsets` of every window of `window`
/// tokens within a sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Pattern {
    offsets: Vec<usize>,
    window: usize,
}

/// Positions of the bits of `mask`.
fn bits(mask: usize, n: usize) -> impl Iterator<Item = usize> + Clone {
    (0..n).filter(move |&j| mask >> j & 1 == 1)
}

/// NLTK's marginal of positions `mask`: the pattern wherever it fits.
fn nltk_pattern(mask: usize, n: usize) -> Pattern {
    let b: Vec<usize> = bits(mask, n).collect();
    let lo = b[0];
    Pattern {
        window: b[b.len() - 1] - lo + 1,
        offsets: b.iter().map(|&j| j - lo).collect(),
    }
}

/// quanteda's marginal of positions `mask`: within the n-gram windows.
fn window_pattern(mask: usize, n: usize) -> Pattern {
    Pattern {
        offsets: bits(mask, n).collect(),
        window: n,
    }
}

fn is_contiguous(mask: usize) -> bool {
    let m = mask >> mask.trailing_zeros();
    m & (m + 1) == 0
}

/// Counts of the patterns' keys that candidates project onto.
struct PatternCounts {
    slots: FxHashMap<u128, u32>,
    counts: Vec<u64>,
}

impl PatternCounts {
    fn get(&self, key: u128) -> u64 {
        self.slots.get(&key).map_or(0, |&s| self.counts[s as usize])
    }
}

/// Everything the scores of one candidate need.
pub(super) struct Scorer<'a> {
    counter: &'a Counter<'a>,
    levels: &'a [Level],
    measures: Vec<Measure>,
    smoothing: f64,
    /// Marginals: per mask, the pattern index (NLTK's, then quanteda's), if scanned.
    nltk_of: Vec<Option<usize>>,
    window_of: Vec<Option<usize>>,
    patterns: Vec<(Pattern, PatternCounts)>,
    /// quanteda: occurrences of each term at each position of the n-gram windows.
    at: Vec<Vec<u64>>,
    /// quanteda: number of n-gram windows.
    windows: u64,
}

impl<'a> Scorer<'a> {
    pub(super) fn new(
        counter: &'a Counter<'a>,
        levels: &'a [Level],
        rows: &[u32],
        measures: &[Measure],
        smoothing: f64,
    ) -> Scorer<'a> {
        let n = counter.n;
        let full = (1usize << n) - 1;
        let table = measures
            .iter()
            .any(|m| matches!(m, Measure::Llr | Measure::Chi2));
        let lambda = measures.contains(&Measure::Lambda);
        let mut index: BTreeMap<Pattern, usize> = BTreeMap::new();
        let mut nltk_of = vec![None; full + 1];
        let mut window_of = vec![None; full + 1];
        for mask in 1..full {
            if mask.count_ones() < 2 {
                continue;
            }
            if table && n > 2 && !is_contiguous(mask) {
                let next = index.len();
                nltk_of[mask] = Some(*index.entry(nltk_pattern(mask, n)).or_insert(next));
            }
            if lambda {
                let next = index.len();
                window_of[mask] = Some(*index.entry(window_pattern(mask, n)).or_insert(next));
            }
        }
        let mut wanted: Vec<Vec<usize>> = vec![Vec::new(); index.len()];
        for mask in 1..full {
            for p in [nltk_of[mask], window_of[mask]].into_iter().flatten() {
                if !wanted[p].contains(&mask) {
                    wanted[p].push(mask);
                }
            }
        }
        let pats: Vec<Pattern> = {
            let mut v: Vec<(usize, Pattern)> = index.into_iter().map(|(p, i)| (i, p)).collect();
            v.sort();
            v.into_iter().map(|(_, p)| p).collect()
        };
        let patterns = pats
            .into_par_iter()
            .zip(wanted.into_par_iter())
            .map(|(p, masks)| {
                let counts = count_pattern(counter, &p, &masks, rows);
                (p, counts)
            })
            .collect();
        let (at, windows) = if lambda {
            counter.window_positions()
        } else {
            (Vec::new(), 0)
        };
        Scorer {
            counter,
            levels,
            measures: measures.to_vec(),
            smoothing,
            nltk_of,
            window_of,
            patterns,
            at,
            windows,
        }
    }

    /// The score columns of n-gram `x` seen `count` times, into `out` (one per column).
    pub(super) fn score(&self, x: &[u32], count: u64, out: &mut [f64]) {
        let n = x.len();
        let full = (1usize << n) - 1;
        let total = self.counter.t.ids.len() as u64;
        // Arrays sized for the largest n-gram (5 tokens, 32 masks): no allocation here.
        let mut uni = [0u64; 5];
        for (u, &id) in uni.iter_mut().zip(x) {
            *u = self.counter.unigrams[id as usize];
        }
        let uni = &uni[..n];
        let key = |mask: usize| pack(bits(mask, n).map(|j| x[j]));
        let margins = |f: &dyn Fn(usize) -> u64| {
            let mut marg = [0i64; 32];
            for (mask, m) in marg.iter_mut().enumerate().take(full + 1) {
                *m = f(mask) as i64;
            }
            marg
        };
        let mut nltk = None;
        let mut at = 0;
        for &m in &self.measures {
            match m {
                Measure::Pmi | Measure::T => {
                    out[at] = if m == Measure::Pmi {
                        pmi(count, uni, total)
                    } else {
                        student_t(count, uni, total)
                    };
                    at += 1;
                }
                Measure::Llr | Measure::Chi2 => {
                    let (chi2, llr) = *nltk.get_or_insert_with(|| {
                        if n == 2 {
                            return bigram_table(count, uni[0], uni[1], total);
                        }
                        let marg = margins(&|mask| {
                            if mask == 0 {
                                total
                            } else if mask == full {
                                count
                            } else if mask.count_ones() == 1 {
                                uni[mask.trailing_zeros() as usize]
                            } else if let Some(p) = self.nltk_of[mask] {
                                self.patterns[p].1.get(key(mask))
                            } else {
                                let lo = mask.trailing_zeros() as usize;
                                let hi = (usize::BITS - 1 - mask.leading_zeros()) as usize;
                                self.counter.count_of(self.levels, &x[lo..=hi])
                            }
                        });
                        generic_table(n, &marg[..=full], uni, total)
                    });
                    out[at] = if m == Measure::Chi2 { chi2 } else { llr };
                    at += 1;
                }
                Measure::Lambda => {
                    let marg = margins(&|mask| {
                        if mask == 0 {
                            self.windows
                        } else if mask == full {
                            count
                        } else if mask.count_ones() == 1 {
                            let k = mask.trailing_zeros() as usize;
                            self.at[k][x[k] as usize]
                        } else {
                            let p = self.window_of[mask].expect("lambda pattern counted");
                            self.patterns[p].1.get(key(mask))
                        }
                    });
                    let (l, z) = lambda_z(n, &marg[..=full], self.smoothing);
                    out[at] = l;
                    out[at + 1] = z;
                    at += 2;
                }
            }
        }
    }
}

/// Counts, over the whole stream, of the keys that `rows` (the candidates) project onto
/// with `masks`, at `pattern`.
fn count_pattern(
    c: &Counter<'_>,
    pattern: &Pattern,
    masks: &[usize],
    rows: &[u32],
) -> PatternCounts {
    let n = c.n;
    let mut slots: FxHashMap<u128, u32> = FxHashMap::default();
    // The terms each offset can hold: most windows are rejected before hashing.
    let words = c.t.terms.len().div_ceil(64);
    let mut allowed = vec![vec![0u64; words]; pattern.offsets.len()];
    for x in rows.chunks_exact(n) {
        for &mask in masks {
            for (set, j) in allowed.iter_mut().zip(bits(mask, n)) {
                set[x[j] as usize / 64] |= 1 << (x[j] % 64);
            }
            let k = pack(bits(mask, n).map(|j| x[j]));
            let next = slots.len() as u32;
            slots.entry(k).or_insert(next);
        }
    }
    let ids = &c.t.ids;
    let fits = |p: usize| {
        pattern.offsets.iter().zip(&allowed).all(|(&o, set)| {
            let id = ids[p + o] as usize;
            set[id / 64] >> (id % 64) & 1 == 1
        })
    };
    // A few groups of chunks, each one count vector: the sums do not depend on the split.
    let per = c
        .chunks
        .len()
        .div_ceil(2 * rayon::current_num_threads())
        .max(1);
    let counts = c
        .chunks
        .par_chunks(per)
        .map(|group| {
            let mut local = vec![0u64; slots.len()];
            for s in group.iter().flat_map(Clone::clone) {
                for p in c.windows(s, pattern.window) {
                    if !fits(p) {
                        continue;
                    }
                    let k = pack(pattern.offsets.iter().map(|&o| ids[p + o]));
                    if let Some(&slot) = slots.get(&k) {
                        local[slot as usize] += 1;
                    }
                }
            }
            local
        })
        .reduce(
            || vec![0u64; slots.len()],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                a
            },
        );
    PatternCounts { slots, counts }
}
