//! Collocations: the contiguous n-grams of 2 to 5 tokens that occur at least `min_count`
//! times within sentences, scored by NLTK's association measures (`pmi`, `likelihood_ratio`,
//! `chi_sq`, `student_t`, from the marginals NLTK's collocation finders count) and by
//! quanteda's `textstat_collocations` (`lambda` and its Wald `z`, Blaheta and Johnson 2001).
//!
//! Counting is level-wise (apriori): a k-gram is counted only where the (k-1)-grams starting
//! at its first and second token both reach `min_count`, and each frequent k-gram gets a
//! dense id, so that a (k+1)-gram is one `u64` key (prefix id, last term) whatever `k`.
//! Bigrams, the level most asked for, are bucketed by first term instead ([`count`]).
//! Marginals that are not themselves frequent n-grams (gapped patterns, quanteda's
//! window-aligned sub-tuples) are counted for the candidates' projections only ([`score`]).

use rayon::prelude::*;

use super::Tokens;
use crate::error::{Error, Result};
use count::Counter;
use score::Scorer;

mod count;
mod measures;
mod score;

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
        let mut rows = vec![0u32; last.len() * n];
        rows.par_chunks_mut(n)
            .enumerate()
            .for_each(|(i, row)| counter.expand_into(&found, i as u32, row));
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

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
