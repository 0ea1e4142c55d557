//! Collocations: the contiguous n-grams of 2 to 5 tokens that occur at least `min_count`
//! times within sentences, scored by NLTK's association measures (`pmi`, `likelihood_ratio`,
//! `chi_sq`, `student_t`, from the marginals NLTK's collocation finders count) and by
//! quanteda's `textstat_collocations` (`lambda` and its Wald `z`, Blaheta and Johnson 2001).
//!
//! Counting is level-wise (apriori): a k-gram is counted only where the (k-1)-grams starting
//! at its first and second token both reach `min_count`, and each frequent k-gram gets a
//! dense id, so that a (k+1)-gram is one `u64` key (prefix id, last term) whatever `k`.
//! Marginals that are not themselves frequent n-grams (gapped patterns, quanteda's
//! window-aligned sub-tuples) are counted for the candidates' projections only.

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Tokens;
use crate::error::{Error, Result};
use measures::{bigram_table, generic_table, lambda_z, pmi, student_t};

mod measures;

/// No frequent n-gram starts here.
const NONE: u32 = u32::MAX;

/// An association measure of [`Collocations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// Pointwise mutual information (NLTK `pmi`, base 2).
    Pmi,
    /// Log-likelihood ratio G² (NLTK `likelihood_ratio`).
    Llr,
    /// Pearson's chi-square (NLTK `chi_sq`).
    Chi2,
    /// Student's t (NLTK `student_t`).
    T,
    /// quanteda's `lambda`, with its Wald `z` (`lambda / sigma`) as a second column.
    Lambda,
}

impl Measure {
    /// The names [`Measure::parse`] accepts, in the default order.
    pub const NAMES: [&'static str; 5] = ["pmi", "llr", "chi2", "t", "lambda"];

    /// All measures, in the default order.
    pub const ALL: [Measure; 5] = [
        Measure::Pmi,
        Measure::Llr,
        Measure::Chi2,
        Measure::T,
        Measure::Lambda,
    ];

    /// The measure called `name` (one of [`Measure::NAMES`]).
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::stats::Measure;
    /// assert_eq!(Measure::parse("llr").unwrap(), Measure::Llr);
    /// assert!(Measure::parse("dice").unwrap_err().to_string().contains("pmi"));
    /// ```
    pub fn parse(name: &str) -> Result<Measure> {
        Measure::NAMES
            .iter()
            .position(|&n| n == name)
            .map(|i| Measure::ALL[i])
            .ok_or_else(|| {
                Error::InvalidParameter(format!(
                    "unknown collocation measure {name:?}; choose from {}",
                    Measure::NAMES.join(", ")
                ))
            })
    }

    /// The measure's name.
    pub fn name(self) -> &'static str {
        Measure::NAMES[self as usize]
    }

    /// The columns the measure adds to [`Collocations::columns`].
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Measure::Pmi => &["pmi"],
            Measure::Llr => &["llr"],
            Measure::Chi2 => &["chi2"],
            Measure::T => &["t"],
            Measure::Lambda => &["lambda", "z"],
        }
    }
}

/// What [`Collocations::of`] counts and scores.
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::{CollocationOptions, Measure};
/// let o = CollocationOptions { size: 3, measures: vec![Measure::Lambda], ..Default::default() };
/// assert_eq!((o.min_count, o.smoothing), (2, 0.5));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CollocationOptions {
    /// Tokens per collocation, 2 to 5.
    pub size: usize,
    /// Fewest occurrences of a collocation (at least 1).
    pub min_count: u64,
    /// The measures, in column order; the first sorts the rows (`Lambda` by `z`).
    pub measures: Vec<Measure>,
    /// quanteda's `smoothing`, added to every cell of `lambda`'s table.
    pub smoothing: f64,
}

impl Default for CollocationOptions {
    fn default() -> Self {
        CollocationOptions {
            size: 2,
            min_count: 2,
            measures: Measure::ALL.to_vec(),
            smoothing: 0.5,
        }
    }
}

/// Collocations and their scores, sorted by `z` when `lambda` is among the measures (as
/// quanteda sorts), else by the first measure, highest first (NaN last), ties in term order
/// (the n-gram's term ids compared left to right); by count when no measure is asked for.
///
/// With `c` the n-gram's count, `f_j` the frequency of its `j`-th token, `N` the number of
/// tokens and `n` the size, the NLTK measures are those of `NgramAssocMeasures`:
/// `pmi = log2(c N^(n-1)) - log2(prod f_j)`, `t = (c - prod f_j / N^(n-1)) / sqrt(c)`, and
/// `chi2`, `llr` from the 2^n contingency table NLTK derives from the marginal counts its
/// finders keep (every sub-pattern of the n-gram, gaps kept, counted wherever it fits in a
/// sentence), with bigrams' `chi2` as `N phi²`, NLTK's operations in NLTK's order.
///
/// `lambda` (quanteda): let `n_b` be the number of n-gram windows (all of them, in every
/// sentence) that agree with the collocation exactly at the positions in `b` (bit `k` of `b`
/// is position `k`), plus `smoothing`. Then `lambda = sum_b (-1)^(n - |b|) ln n_b`,
/// `sigma = sqrt(sum_b 1 / n_b)`, `z = lambda / sigma`.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Corpus, Unit};
/// use wenmai_analyze::stats::{CollocationOptions, Collocations};
/// let c = Corpus::from_texts(["经济发展。经济发展很快。科技发展。"]);
/// let t = c.tokens(&Analyzer::default(), Unit::Sentence);
/// let k = Collocations::of(&t, &CollocationOptions::default()).unwrap();
/// assert_eq!(k.len(), 1);
/// assert_eq!(k.terms(&t, 0), ["经济", "发展"]);
/// assert_eq!(k.counts[0], 2);
/// assert_eq!(k.column("pmi").unwrap()[0], (2.0f64 * 7.0).log2() - (2.0f64 * 3.0).log2());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Collocations {
    /// Tokens per collocation.
    pub size: usize,
    /// The collocations' term ids (into [`Tokens::terms`]), `size` per row.
    pub ids: Vec<u32>,
    /// Occurrences of each collocation.
    pub counts: Vec<u64>,
    /// One column per score (`pmi`, `llr`, `chi2`, `t`, `lambda`, `z`), in measure order.
    pub columns: Vec<(&'static str, Vec<f64>)>,
}

impl Collocations {
    /// The collocations of `tokens` (never across a sentence), counted and scored as
    /// `options` says, in parallel and the same for any number of threads.
    pub fn of(tokens: &Tokens, options: &CollocationOptions) -> Result<Collocations> {
        let n = options.size;
        if !(2..=5).contains(&n) {
            return Err(Error::InvalidParameter(format!(
                "collocation size must be 2 to 5, got {n}"
            )));
        }
        if options.min_count < 1 {
            return Err(Error::InvalidParameter(
                "min_count must be at least 1, got 0".to_string(),
            ));
        }
        if !(options.smoothing.is_finite() && options.smoothing >= 0.0) {
            return Err(Error::InvalidParameter(format!(
                "smoothing must be a finite number >= 0, got {}",
                options.smoothing
            )));
        }
        let mut measures: Vec<Measure> = Vec::new();
        for &m in &options.measures {
            if !measures.contains(&m) {
                measures.push(m);
            }
        }
        let counter = Counter::new(tokens, n, options.min_count);
        let found = counter.frequent();
        let last = found.last().map_or(&[][..], Vec::as_slice);
        let rows: Vec<u32> = (0..last.len() as u32)
            .into_par_iter()
            .flat_map_iter(|i| counter.expand(&found, n, i))
            .collect();
        let counts: Vec<u64> = last.iter().map(|&(_, c)| c).collect();
        let scorer = Scorer::new(&counter, &found, &rows, &measures, options.smoothing);
        let names: Vec<&'static str> = measures.iter().flat_map(|m| m.columns()).copied().collect();
        // One row of `width` scores per collocation, in one buffer.
        let width = names.len().max(1);
        let mut scores = vec![0.0f64; counts.len() * width];
        scores
            .par_chunks_mut(width)
            .enumerate()
            .for_each(|(i, row)| scorer.score(&rows[i * n..(i + 1) * n], counts[i], row));
        // quanteda's order (by z) whenever lambda is asked for; else the first measure's.
        let sort_by = measures
            .iter()
            .find(|m| matches!(m, Measure::Lambda))
            .or(measures.first());
        let sort_col = sort_by.map(|m| match m {
            Measure::Lambda => names.iter().position(|&c| c == "z").unwrap_or(0),
            other => names.iter().position(|&c| c == other.name()).unwrap_or(0),
        });
        // Sorted as (key, index) pairs: the column read once, not at random per comparison.
        let order: Vec<usize> = match sort_col {
            Some(col) => {
                let mut keyed: Vec<(u64, u32)> = (0..counts.len())
                    .into_par_iter()
                    .map(|i| (descending_key(scores[i * width + col]), i as u32))
                    .collect();
                keyed.par_sort_unstable();
                keyed.into_iter().map(|(_, i)| i as usize).collect()
            }
            None => {
                let mut keyed: Vec<(std::cmp::Reverse<u64>, u32)> = (0..counts.len())
                    .map(|i| (std::cmp::Reverse(counts[i]), i as u32))
                    .collect();
                keyed.par_sort_unstable();
                keyed.into_iter().map(|(_, i)| i as usize).collect()
            }
        };
        Ok(Collocations {
            size: n,
            ids: order
                .iter()
                .flat_map(|&i| rows[i * n..(i + 1) * n].iter().copied())
                .collect(),
            counts: order.iter().map(|&i| counts[i]).collect(),
            columns: names
                .iter()
                .enumerate()
                .map(|(j, &name)| (name, order.iter().map(|&i| scores[i * width + j]).collect()))
                .collect(),
        })
    }

    /// Number of collocations.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The term ids of collocation `i`.
    pub fn ngram(&self, i: usize) -> &[u32] {
        &self.ids[i * self.size..(i + 1) * self.size]
    }

    /// The terms of collocation `i`, `tokens` being what it was computed from.
    pub fn terms<'a>(&self, tokens: &'a Tokens, i: usize) -> Vec<&'a str> {
        self.ngram(i)
            .iter()
            .map(|&id| tokens.terms[id as usize].as_str())
            .collect()
    }

    /// Collocation `i` as one string: its terms joined without a space, as Chinese is
    /// written, except for one space between two terms that meet at ASCII letters or
    /// digits (`new york`, `iphone 12`), as mixed text is written ([`join_terms`]).
    pub fn joined(&self, tokens: &Tokens, i: usize) -> String {
        join_terms(self.terms(tokens, i))
    }

    /// The score column called `name`, if it was asked for.
    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.columns
            .iter()
            .find(|(c, _)| *c == name)
            .map(|(_, v)| v.as_slice())
    }
}

/// Terms joined as [`Collocations::joined`] joins them.
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::join_terms;
/// assert_eq!(join_terms(["经济", "发展"]), "经济发展");
/// assert_eq!(join_terms(["iphone", "12", "发布"]), "iphone 12发布");
/// ```
pub fn join_terms<'a>(terms: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    join_terms_into(&mut out, terms);
    out
}

/// [`join_terms`] into `out` (cleared first), so that a loop over many reuses one buffer.
pub fn join_terms_into<'a>(out: &mut String, terms: impl IntoIterator<Item = &'a str>) {
    out.clear();
    for t in terms {
        let meet = out
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if meet {
            out.push(' ');
        }
        out.push_str(t);
    }
}

/// A key whose ascending order is `x`'s descending order, NaN last and `-0.0` equal to `0.0`.
fn descending_key(x: f64) -> u64 {
    if x.is_nan() {
        return u64::MAX;
    }
    let bits = if x == 0.0 { 0.0f64 } else { x }.to_bits();
    // Ascending order of the bits as unsigned: negatives flipped, positives above them.
    let ascending = if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    };
    !ascending
}

/// Frequent n-grams of one level: `(prefix id << 32 | last term id, count)`, sorted by key,
/// which is term order since prefix ids are given in term order.
type Level = Vec<(u64, u64)>;

/// The token stream cut into chunks of whole sentences, and the counts every measure needs.
struct Counter<'a> {
    t: &'a Tokens,
    n: usize,
    min_count: u64,
    /// Sentence ranges, each a task.
    chunks: Vec<Range<usize>>,
    /// Occurrences of each term.
    unigrams: Vec<u64>,
}

impl<'a> Counter<'a> {
    fn new(t: &'a Tokens, n: usize, min_count: u64) -> Counter<'a> {
        let mut unigrams = vec![0u64; t.terms.len()];
        for &id in &t.ids {
            unigrams[id as usize] += 1;
        }
        // About 64 chunks per thread-count-independent split: results are integer sums.
        let target = (t.ids.len() / 256).max(4096);
        let mut chunks = Vec::new();
        let mut start = 0;
        for s in 0..t.sentence_count() {
            if t.sentences[s + 1] - t.sentences[start] >= target {
                chunks.push(start..s + 1);
                start = s + 1;
            }
        }
        if start < t.sentence_count() {
            chunks.push(start..t.sentence_count());
        }
        Counter {
            t,
            n,
            min_count,
            chunks,
            unigrams,
        }
    }

    /// Start positions of the windows of `w` tokens in sentence `s`.
    fn windows(&self, s: usize, w: usize) -> Range<usize> {
        let (a, b) = (self.t.sentences[s], self.t.sentences[s + 1]);
        if b >= a + w { a..b + 1 - w } else { a..a }
    }

    /// The frequent k-grams of every level k = 2..=n.
    fn frequent(&self) -> Vec<Level> {
        let m = self.min_count;
        let ids = &self.t.ids;
        let mut prev: Vec<u32> = ids
            .par_iter()
            .map(|&id| {
                if self.unigrams[id as usize] >= m {
                    id
                } else {
                    NONE
                }
            })
            .collect();
        let mut levels = Vec::with_capacity(self.n - 1);
        for k in 2..=self.n {
            let prev_ref = &prev;
            // The k-gram at `p`, where its (k-1)-grams at `p` and `p + 1` are both frequent.
            let key = move |p: usize| {
                let (a, b) = (prev_ref[p], prev_ref[p + 1]);
                (a != NONE && b != NONE).then(|| (u64::from(a) << 32) | u64::from(ids[p + k - 1]))
            };
            let at = |c: &Range<usize>| {
                c.clone().flat_map(move |s| {
                    self.windows(s, k)
                        .filter_map(move |p| key(p).map(|x| (x, p)))
                })
            };
            let mut level: Level = Vec::new();
            if k == self.n {
                // The last level needs no positions: sorting keys alone is faster.
                let mut keys: Vec<u64> = self
                    .chunks
                    .par_iter()
                    .flat_map_iter(|c| at(c).map(|(x, _)| x))
                    .collect();
                keys.par_sort_unstable();
                for run in keys.chunk_by(|a, b| a == b) {
                    if run.len() as u64 >= m {
                        level.push((run[0], run.len() as u64));
                    }
                }
                levels.push(level);
                break;
            }
            let mut pairs: Vec<(u64, u32)> = self
                .chunks
                .par_iter()
                .flat_map_iter(|c| at(c).map(|(x, p)| (x, p as u32)))
                .collect();
            // Keys and positions together are unique: the sorted order is the same for any
            // thread count.
            pairs.par_sort_unstable();
            let mut cur = vec![NONE; ids.len()];
            for run in pairs.chunk_by(|a, b| a.0 == b.0) {
                if run.len() as u64 >= m {
                    let id = level.len() as u32;
                    level.push((run[0].0, run.len() as u64));
                    for &(_, p) in run {
                        cur[p as usize] = id;
                    }
                }
            }
            levels.push(level);
            prev = cur;
        }
        levels
    }

    /// The term ids of frequent k-gram `id`.
    fn expand(&self, levels: &[Level], k: usize, id: u32) -> Vec<u32> {
        let mut out = vec![0u32; k];
        let mut id = id;
        for j in (1..k).rev() {
            let key = levels[j - 1][id as usize].0;
            out[j] = key as u32;
            id = (key >> 32) as u32;
        }
        out[0] = id;
        out
    }

    /// The count of a contiguous frequent n-gram (every part of a frequent n-gram is one).
    fn count_of(&self, levels: &[Level], gram: &[u32]) -> u64 {
        if gram.len() == 1 {
            return self.unigrams[gram[0] as usize];
        }
        let mut id = gram[0];
        let mut count = 0;
        for (j, &last) in gram.iter().enumerate().skip(1) {
            let key = (u64::from(id) << 32) | u64::from(last);
            let level = &levels[j - 1];
            match level.binary_search_by_key(&key, |e| e.0) {
                Ok(i) => {
                    id = i as u32;
                    count = level[i].1;
                }
                Err(_) => return 0,
            }
        }
        count
    }
}

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
fn bits(mask: usize, n: usize) -> Vec<usize> {
    (0..n).filter(|&j| mask >> j & 1 == 1).collect()
}

/// NLTK's marginal of positions `mask`: the pattern wherever it fits.
fn nltk_pattern(mask: usize, n: usize) -> Pattern {
    let b = bits(mask, n);
    let lo = b[0];
    Pattern {
        window: b[b.len() - 1] - lo + 1,
        offsets: b.iter().map(|&j| j - lo).collect(),
    }
}

/// quanteda's marginal of positions `mask`: within the n-gram windows.
fn window_pattern(mask: usize, n: usize) -> Pattern {
    Pattern {
        offsets: bits(mask, n),
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
struct Scorer<'a> {
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
    fn new(
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
        let mut at = Vec::new();
        let mut windows = 0;
        if lambda {
            at = vec![vec![0u64; counter.t.terms.len()]; n];
            for s in 0..counter.t.sentence_count() {
                let w = counter.windows(s, n);
                windows += w.len() as u64;
                for p in w {
                    for (k, col) in at.iter_mut().enumerate() {
                        col[counter.t.ids[p + k] as usize] += 1;
                    }
                }
            }
        }
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
    fn score(&self, x: &[u32], count: u64, out: &mut [f64]) {
        let n = x.len();
        let full = (1usize << n) - 1;
        let total = self.counter.t.ids.len() as u64;
        // Arrays sized for the largest n-gram (5 tokens, 32 masks): no allocation here.
        let mut uni = [0u64; 5];
        for (u, &id) in uni.iter_mut().zip(x) {
            *u = self.counter.unigrams[id as usize];
        }
        let uni = &uni[..n];
        let key = |mask: usize| pack(bits(mask, n).into_iter().map(|j| x[j]));
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
                                let b = bits(mask, n);
                                self.counter
                                    .count_of(self.levels, &x[b[0]..=b[b.len() - 1]])
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
            let b = bits(mask, n);
            for (set, &j) in allowed.iter_mut().zip(&b) {
                set[x[j] as usize / 64] |= 1 << (x[j] % 64);
            }
            let k = pack(b.iter().map(|&j| x[j]));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Corpus, Unit};

    fn tokens(texts: &[&str]) -> Tokens {
        Corpus::from_texts(texts.iter().copied()).tokens(&Analyzer::default(), Unit::Sentence)
    }

    fn options(size: usize, min_count: u64) -> CollocationOptions {
        CollocationOptions {
            size,
            min_count,
            ..CollocationOptions::default()
        }
    }

    #[test]
    fn bad_parameters_say_what_to_change() {
        let t = tokens(&["经济发展。"]);
        for (o, want) in [
            (options(1, 2), "2 to 5"),
            (options(6, 2), "2 to 5"),
            (options(2, 0), "min_count"),
        ] {
            let e = Collocations::of(&t, &o).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
        }
    }

    #[test]
    fn never_across_a_sentence() {
        let t = tokens(&["经济发展。科技进步。经济发展。科技进步。"]);
        let k = Collocations::of(&t, &options(2, 1)).unwrap();
        let got: Vec<&[u32]> = (0..k.len()).map(|i| k.ngram(i)).collect();
        let (s0, s1) = (t.sentence_range(0), t.sentence_range(1));
        let across = [t.ids[s0.end - 1], t.ids[s1.start]];
        assert!(got.contains(&&t.ids[s0.start..s0.start + 2]));
        assert!(!got.contains(&&across[..]));
    }

    #[test]
    fn counts_match_a_plain_count_for_every_size() {
        let t = tokens(&[
            "我们坚持改革开放，推动经济发展。我们坚持改革开放，推动经济发展和社会进步。",
            "推动经济发展和社会进步。坚持改革开放推动经济发展。",
        ]);
        for n in 2..=5 {
            let mut plain: BTreeMap<Vec<u32>, u64> = BTreeMap::new();
            for s in t.sentence_ids() {
                for w in s.windows(n) {
                    *plain.entry(w.to_vec()).or_insert(0) += 1;
                }
            }
            plain.retain(|_, c| *c >= 2);
            let k = Collocations::of(&t, &options(n, 2)).unwrap();
            let got: BTreeMap<Vec<u32>, u64> = (0..k.len())
                .map(|i| (k.ngram(i).to_vec(), k.counts[i]))
                .collect();
            assert_eq!(got, plain, "size {n}");
        }
    }

    #[test]
    fn the_same_for_any_thread_count() {
        let texts: Vec<String> = (0..40)
            .map(|i| format!("第{i}次推动经济发展。坚持改革开放推动经济发展和社会进步。"))
            .collect();
        let t = Corpus::from_texts(texts.iter().map(String::as_str))
            .tokens(&Analyzer::default(), Unit::Sentence);
        let run = |threads: usize, n: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| Collocations::of(&t, &options(n, 2)).unwrap())
        };
        for n in 2..=5 {
            let one = run(1, n);
            assert!(!one.is_empty());
            assert_eq!(one, run(2, n));
            assert_eq!(one, run(8, n));
        }
    }
}
