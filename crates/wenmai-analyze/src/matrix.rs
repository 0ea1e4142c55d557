//! Vocabularies, CSR document-term matrices and weights, as scikit-learn defines them.
//!
//! - [`Vocabulary`]: terms in sorted order (Python's string order = Rust's `str` order).
//! - [`DocTermMatrix`]: CSR arrays `indptr`, `indices`, `data` over units x terms, built with
//!   `min_df` / `max_df` / `max_features` exactly as `CountVectorizer` applies them.
//! - Weights: counts, binary, tf-idf with `smooth_idf`, `sublinear_tf` and `norm` as
//!   `TfidfTransformer` computes them.

use std::collections::HashMap;

use ndarray::{Array1, Array2};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::corpus::UnitRef;
use crate::error::{Error, Result};
use crate::keywords::IdfTable;

/// A document-frequency bound: an integer is a number of units, a float a proportion of them
/// (scikit-learn's `min_df` / `max_df`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum DfBound {
    /// A number of units.
    Count(usize),
    /// A proportion of the units, in `[0, 1]`.
    Proportion(f64),
}

impl DfBound {
    fn resolve(self, n_units: usize) -> f64 {
        match self {
            DfBound::Count(c) => c as f64,
            DfBound::Proportion(p) => p * n_units as f64,
        }
    }

    fn check(self, name: &str) -> Result<()> {
        if let DfBound::Proportion(p) = self
            && !(0.0..=1.0).contains(&p)
        {
            return Err(Error::InvalidParameter(format!(
                "{name} = {p}: a proportion must be in [0, 1]"
            )));
        }
        Ok(())
    }
}

/// How to build a [`DocTermMatrix`] (scikit-learn's `CountVectorizer` parameters).
///
/// # Examples
/// ```
/// use wenmai_analyze::{DfBound, DtmOptions};
/// let o = DtmOptions { min_df: DfBound::Count(2), max_features: Some(1000), ..DtmOptions::default() };
/// assert_eq!(o.max_df, DfBound::Proportion(1.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DtmOptions {
    /// Drop terms in fewer units than this (default `Count(1)`).
    pub min_df: DfBound,
    /// Drop terms in more units than this (default `Proportion(1.0)`).
    pub max_df: DfBound,
    /// Keep only this many terms, the most frequent over the corpus (ties: term order).
    pub max_features: Option<usize>,
    /// Counts become 1 (before `max_features` ranks terms, as in scikit-learn).
    pub binary: bool,
}

impl Default for DtmOptions {
    fn default() -> Self {
        DtmOptions {
            min_df: DfBound::Count(1),
            max_df: DfBound::Proportion(1.0),
            max_features: None,
            binary: false,
        }
    }
}

/// Row normalisation of weighted matrices (scikit-learn's `norm`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Norm {
    /// Rows scaled to unit Euclidean length (the default).
    #[default]
    L2,
    /// Rows scaled to unit sum of absolute values.
    L1,
    /// No normalisation.
    None,
}

/// tf-idf parameters (scikit-learn's `TfidfTransformer`).
///
/// # Examples
/// ```
/// let o = wenmai_analyze::TfidfOptions::default();
/// assert!(o.smooth_idf && !o.sublinear_tf && o.use_idf);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TfidfOptions {
    /// Row normalisation.
    pub norm: Norm,
    /// Multiply by idf at all.
    pub use_idf: bool,
    /// Add one to document frequencies and to the number of units.
    pub smooth_idf: bool,
    /// Replace tf with `1 + ln(tf)`.
    pub sublinear_tf: bool,
}

impl Default for TfidfOptions {
    fn default() -> Self {
        TfidfOptions {
            norm: Norm::L2,
            use_idf: true,
            smooth_idf: true,
            sublinear_tf: false,
        }
    }
}

/// Terms in sorted order and their column indices.
///
/// # Examples
/// ```
/// let v = wenmai_analyze::Vocabulary::new(["经济", "发展", "经济"]);
/// assert_eq!(v.terms(), ["发展", "经济"]);
/// assert_eq!(v.get("经济"), Some(1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocabulary {
    terms: Vec<String>,
    #[serde(skip)]
    index: HashMap<String, u32>,
}

impl Vocabulary {
    /// A vocabulary of the distinct `terms`, sorted.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(terms: I) -> Self {
        let mut terms: Vec<String> = terms.into_iter().map(Into::into).collect();
        terms.sort_unstable();
        terms.dedup();
        Self::from_sorted(terms)
    }

    fn from_sorted(terms: Vec<String>) -> Self {
        let index = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        Vocabulary { terms, index }
    }

    /// The terms, sorted.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The column of `term`.
    pub fn get(&self, term: &str) -> Option<usize> {
        if self.index.len() != self.terms.len() {
            return self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok();
        }
        self.index.get(term).map(|&i| i as usize)
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A units x terms matrix in CSR form (scipy's `csr_matrix((data, indices, indptr))`).
///
/// Row `i` has columns `indices[indptr[i]..indptr[i+1]]` (ascending) with values `data[…]`.
///
/// # Examples
/// ```
/// use wenmai_analyze::{DocTermMatrix, DtmOptions};
/// let docs = [vec!["经济", "发展", "经济"], vec!["改革"]];
/// let m = DocTermMatrix::from_tokens(&docs, &DtmOptions::default()).unwrap();
/// assert_eq!(m.terms, ["发展", "改革", "经济"]);
/// assert_eq!(m.indptr, [0, 2, 3]);
/// assert_eq!(m.indices, [0, 2, 1]);
/// assert_eq!(m.data, [1.0, 2.0, 1.0]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocTermMatrix {
    /// Column labels, sorted.
    pub terms: Vec<String>,
    /// Row pointers, `n_units + 1` of them.
    pub indptr: Vec<i64>,
    /// Column indices, ascending within each row.
    pub indices: Vec<i32>,
    /// Values (counts, or weights after [`DocTermMatrix::tfidf`]).
    pub data: Vec<f64>,
    /// What each row is (empty when built from bare token lists).
    pub units: Vec<UnitRef>,
}

/// Rows of `(term id, count)` over a term list: the raw material of a matrix.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawCounts {
    /// Terms, any order, distinct.
    pub(crate) terms: Vec<String>,
    /// Per row: (term id, count), any order, ids distinct within a row.
    pub(crate) rows: Vec<Vec<(u32, u32)>>,
}

impl RawCounts {
    /// Count bare token lists, in parallel (the interner per chunk is merged by sorting).
    pub(crate) fn from_token_lists<D, S>(docs: &[D]) -> RawCounts
    where
        D: AsRef<[S]> + Sync,
        S: AsRef<str> + Sync,
    {
        let parts: Vec<RawCounts> = docs
            .par_chunks(256)
            .map(|chunk| {
                let mut interner = Interner::default();
                let rows = chunk
                    .iter()
                    .map(|d| {
                        let mut row = RowCounter::default();
                        for t in d.as_ref() {
                            row.add(interner.id(t.as_ref()));
                        }
                        row.finish()
                    })
                    .collect();
                RawCounts {
                    terms: interner.into_terms(),
                    rows,
                }
            })
            .collect();
        RawCounts::concat(parts)
    }

    /// Concatenate row blocks with their own term lists into one, term ids sorted by term.
    ///
    /// Each block sorts its own terms (in parallel), the sorted lists are merged, and each
    /// block's rows are mapped to the merged ids (in parallel). Both orders are term order, so
    /// the map is increasing and mapped rows stay sorted.
    pub(crate) fn concat(mut parts: Vec<RawCounts>) -> RawCounts {
        parts.par_iter_mut().for_each(RawCounts::sort_terms);
        if parts.len() == 1 {
            return parts.pop().unwrap_or_default();
        }
        let (firsts, maps) = {
            let views: Vec<Vec<&str>> = parts
                .iter()
                .map(|p| p.terms.iter().map(String::as_str).collect())
                .collect();
            let lists: Vec<&[&str]> = views.iter().map(Vec::as_slice).collect();
            merge_sorted(&lists)
        };
        let terms: Vec<String> = firsts
            .iter()
            .map(|&(p, i)| std::mem::take(&mut parts[p].terms[i]))
            .collect();
        let blocks: Vec<Vec<Vec<(u32, u32)>>> = parts
            .into_par_iter()
            .zip(maps)
            .map(|(p, map)| {
                p.rows
                    .into_iter()
                    .map(|mut r| {
                        for e in &mut r {
                            e.0 = map[e.0 as usize];
                        }
                        r
                    })
                    .collect()
            })
            .collect();
        RawCounts {
            terms,
            rows: blocks.into_iter().flatten().collect(),
        }
    }

    /// [`concat`](Self::concat) for blocks counted by a [`UnitCounter`]: their rows also hold
    /// [`WORD_BIT`] keys, dictionary words that are their own term (`WORD_BIT | word id`, the
    /// block's [`WordSet`] the second item), which no block interned. The words are one more
    /// sorted list in the merge; a row that counted a term both ways (a word and an equal
    /// interned term) gets one entry with the sum. Rows come out in no particular order
    /// ([`into_matrix`](Self::into_matrix) sorts them).
    pub(crate) fn concat_keyed(parts: Vec<(RawCounts, WordSet)>) -> RawCounts {
        let (parts, sets): (Vec<RawCounts>, Vec<WordSet>) = parts.into_iter().unzip();
        // The words counted anywhere, in string order: the set of their ranks, each word's
        // place in `word_list` a popcount over it.
        let trie = wenmai_segment::Lexicon::default_words();
        let part_ranks: Vec<Vec<u32>> = sets
            .par_iter()
            .map(|w| w.ids.iter().map(|&id| trie.rank(id)).collect())
            .collect();
        let mut ranks = WordSet::default();
        for &r in part_ranks.iter().flatten() {
            ranks.insert(r);
        }
        let ranks = ranks.complete();
        let word_list: Vec<&str> = ranks.ids.iter().map(|&r| trie.word_at_rank(r)).collect();
        let place = |r: u32| ranks.place(r);
        // Each block's own terms, sorted, the sorted position of each of its term ids, and
        // its rows.
        type Block = (Vec<String>, Vec<u32>, Vec<Vec<(u32, u32)>>);
        let mut sorted: Vec<Block> = parts
            .into_par_iter()
            .map(|p| {
                let (terms, position) = sorted_terms(p.terms);
                (terms, position, p.rows)
            })
            .collect();
        let (firsts, maps) = {
            let locals: Vec<Vec<&str>> = sorted
                .iter()
                .map(|s| s.0.iter().map(String::as_str).collect())
                .collect();
            let lists: Vec<&[&str]> = std::iter::once(word_list.as_slice())
                .chain(locals.iter().map(Vec::as_slice))
                .collect();
            merge_sorted(&lists)
        };
        // The words' strings allocated in parallel; the blocks' own strings moved, not copied.
        let mut terms: Vec<String> = firsts
            .par_iter()
            .map(|&(l, i)| {
                if l == 0 {
                    word_list[i].to_owned()
                } else {
                    String::new()
                }
            })
            .collect();
        for (t, &(l, i)) in terms.iter_mut().zip(&firsts) {
            if l > 0 {
                *t = std::mem::take(&mut sorted[l - 1].0[i]);
            }
        }
        let mut maps = maps.into_iter();
        let word_map = maps.next().unwrap_or_default();
        // Per block: the merged id of each of its words (by its place in the block's list).
        let word_finals: Vec<Vec<u32>> = part_ranks
            .par_iter()
            .map(|rs| rs.iter().map(|&r| word_map[place(r)]).collect())
            .collect();
        let maps: Vec<Vec<u32>> = maps.collect();
        let blocks: Vec<Vec<Vec<(u32, u32)>>> = sorted
            .into_par_iter()
            .zip(maps)
            .zip(word_finals)
            .zip(sets)
            .map(|((((_, position, rows), map), word_final), words)| {
                // One table from a row's key to its merged id: the block's interned ids, then
                // its words in id order (`WORD_BIT | id` is the word's place among them).
                let n_local = position.len();
                let to_merged: Vec<u32> = position
                    .iter()
                    .map(|&p| map[p as usize])
                    .chain(word_final.iter().copied())
                    .collect();
                let index = |key: u32| {
                    if key & WORD_BIT == 0 {
                        key as usize
                    } else {
                        n_local + words.place(key & !WORD_BIT)
                    }
                };
                // Rows in parallel too: a block's rows are most of one thread's share.
                rows.into_par_iter()
                    .with_min_len(16)
                    .map(|mut r| {
                        // By term id, as a matrix row is: a sort of the row as packed integers.
                        let mut packed: Vec<u64> = r
                            .iter()
                            .map(|&(k, c)| (u64::from(to_merged[index(k)]) << 32) | u64::from(c))
                            .collect();
                        packed.sort_unstable();
                        // A term counted both as a word and as an interned term (rare: a word
                        // whose term is another word, or a word met in a width-folded
                        // sentence) has adjacent entries now: one entry with the sum.
                        r.clear();
                        for p in packed {
                            let (t, c) = ((p >> 32) as u32, p as u32);
                            match r.last_mut() {
                                Some(last) if last.0 == t => last.1 += c,
                                _ => r.push((t, c)),
                            }
                        }
                        r
                    })
                    .collect()
            })
            .collect();
        RawCounts {
            terms,
            rows: blocks.into_iter().flatten().collect(),
        }
    }

    fn sort_terms(&mut self) {
        let (terms, new_id) = sorted_terms(std::mem::take(&mut self.terms));
        self.terms = terms;
        for r in &mut self.rows {
            for e in r.iter_mut() {
                e.0 = new_id[e.0 as usize];
            }
            // Ids are distinct within a row.
            r.sort_unstable_by_key(|e| e.0);
        }
    }

    /// Apply scikit-learn's `min_df` / `max_df` / `max_features` and build the CSR matrix.
    /// Terms must be sorted and rows sorted by term id.
    pub(crate) fn into_matrix(
        self,
        opts: &DtmOptions,
        units: Vec<UnitRef>,
    ) -> Result<DocTermMatrix> {
        self.into_matrix_df(opts, units).map(|(m, _)| m)
    }

    /// [`into_matrix`](Self::into_matrix), and the document frequency of each kept term (as
    /// [`DocTermMatrix::document_frequency`] would count it again: counts are at least 1, and
    /// pruning drops whole columns).
    pub(crate) fn into_matrix_df(
        self,
        opts: &DtmOptions,
        units: Vec<UnitRef>,
    ) -> Result<(DocTermMatrix, Vec<u64>)> {
        opts.min_df.check("min_df")?;
        opts.max_df.check("max_df")?;
        let n = self.rows.len();
        let high = opts.max_df.resolve(n);
        let low = opts.min_df.resolve(n);
        if high < low {
            return Err(Error::InvalidParameter(
                "max_df corresponds to < documents than min_df".into(),
            ));
        }
        let n_terms = self.terms.len();
        let df = column_counts(&self.rows, n_terms, 256, |r, out| {
            r.iter().for_each(|&(id, _)| out[id as usize] += 1);
        });
        let mut mask: Vec<bool> = df
            .iter()
            .map(|&d| (d as f64) <= high && (d as f64) >= low)
            .collect();
        if let Some(limit) = opts.max_features {
            let kept: Vec<usize> = (0..n_terms).filter(|&i| mask[i]).collect();
            if kept.len() > limit {
                let cf = column_counts(&self.rows, n_terms, 256, |r, out| {
                    for &(id, c) in r {
                        out[id as usize] += if opts.binary { 1 } else { u64::from(c) };
                    }
                });
                // np.argsort(-tfs[mask], kind="mergesort")[:limit]: stable, so ties keep term order.
                let mut order = kept.clone();
                order.sort_by(|&a, &b| cf[b].cmp(&cf[a]));
                mask = vec![false; n_terms];
                for &i in order.iter().take(limit) {
                    mask[i] = true;
                }
            }
        }
        // Every term kept (the usual case): ids stay as they are.
        let (terms, new_index, df) = if mask.iter().all(|&m| m) {
            (self.terms, None, df)
        } else {
            let mut new_index = vec![u32::MAX; n_terms];
            let mut terms = Vec::new();
            let mut kept_df = Vec::new();
            for (i, t) in self.terms.into_iter().enumerate() {
                if mask[i] {
                    new_index[i] = terms.len() as u32;
                    terms.push(t);
                    kept_df.push(df[i]);
                }
            }
            (terms, Some(new_index), kept_df)
        };
        if terms.is_empty() && n_terms > 0 {
            return Err(Error::InvalidParameter(
                "After pruning, no terms remain. Try a lower min_df or a higher max_df.".into(),
            ));
        }
        let new_id = |id: u32| new_index.as_ref().map_or(id, |m| m[id as usize]);
        // Each row's kept entries, then the rows filled in parallel, each in its own slice.
        let lens: Vec<usize> = self
            .rows
            .par_iter()
            .map(|r| match &new_index {
                None => r.len(),
                Some(m) => r.iter().filter(|e| m[e.0 as usize] != u32::MAX).count(),
            })
            .collect();
        let mut indptr = Vec::with_capacity(n + 1);
        indptr.push(0i64);
        let mut nnz = 0usize;
        for &l in &lens {
            nnz += l;
            indptr.push(nnz as i64);
        }
        let mut indices = vec![0i32; nnz];
        let mut data = vec![0f64; nnz];
        let mut slots = Vec::with_capacity(n);
        let (mut ind, mut dat) = (&mut indices[..], &mut data[..]);
        for &l in &lens {
            let (a, rest_i) = std::mem::take(&mut ind).split_at_mut(l);
            let (b, rest_d) = std::mem::take(&mut dat).split_at_mut(l);
            slots.push((a, b));
            (ind, dat) = (rest_i, rest_d);
        }
        slots
            .into_par_iter()
            .zip(&self.rows)
            .with_min_len(64)
            .for_each(|((ind, dat), r)| {
                let kept = r
                    .iter()
                    .map(|&(id, c)| (new_id(id), c))
                    .filter(|e| e.0 != u32::MAX);
                for ((i, d), (j, c)) in ind.iter_mut().zip(dat.iter_mut()).zip(kept) {
                    *i = j as i32;
                    *d = if opts.binary { 1.0 } else { f64::from(c) };
                }
            });
        let m = DocTermMatrix {
            terms,
            indptr,
            indices,
            data,
            units,
        };
        Ok((m, df))
    }
}

/// Per column, what `add` adds up for each item into an array of `n_cols` counts: in parallel
/// over contiguous parts of `items` (at least `min_part` items each), each into its own array,
/// the arrays summed at the end (integers: the same sums for any split).
fn column_counts<T: Sync>(
    items: &[T],
    n_cols: usize,
    min_part: usize,
    add: impl Fn(&T, &mut [u64]) + Sync,
) -> Vec<u64> {
    let count = |part: &[T]| {
        let mut out = vec![0u64; n_cols];
        for item in part {
            add(item, &mut out);
        }
        out
    };
    let parts = rayon::current_num_threads()
        .min(items.len() / min_part.max(1))
        .max(1);
    if parts == 1 {
        return count(items);
    }
    let size = items.len().div_ceil(parts);
    let mut sums: Vec<Vec<u64>> = items.par_chunks(size).map(count).collect();
    let mut total = sums.swap_remove(0);
    total
        .par_chunks_mut(4096)
        .enumerate()
        .for_each(|(c, chunk)| {
            for s in &sums {
                for (t, v) in chunk.iter_mut().zip(&s[c * 4096..]) {
                    *t += v;
                }
            }
        });
    total
}

/// sublinear tf, idf and `norm` applied to the values of a CSR matrix, row by row in parallel:
/// each value goes through the same operations in the same order whatever the thread count.
fn weigh_rows(
    indptr: &[i64],
    indices: &[i32],
    data: &mut [f64],
    idf: Option<&Array1<f64>>,
    opts: &TfidfOptions,
) {
    rows_mut(indptr, indices, data)
        .into_par_iter()
        .for_each(|(row, cols)| {
            if opts.sublinear_tf {
                row.iter_mut().for_each(|v| *v = v.ln() + 1.0);
            }
            if let Some(idf) = idf {
                for (v, &j) in row.iter_mut().zip(cols) {
                    *v *= idf[j as usize];
                }
            }
            normalize_row(row, opts.norm);
        });
}

/// Each row's values (to change in place) and column indices. Row lengths are clamped to the
/// arrays: a matrix assembled by hand with inconsistent arrays is not a panic.
fn rows_mut<'a>(
    indptr: &[i64],
    indices: &'a [i32],
    data: &'a mut [f64],
) -> Vec<(&'a mut [f64], &'a [i32])> {
    let mut rows = Vec::with_capacity(indptr.len().saturating_sub(1));
    let (mut data, mut indices) = (data, indices);
    for w in indptr.windows(2) {
        let len = usize::try_from(w[1] - w[0])
            .unwrap_or(0)
            .min(data.len())
            .min(indices.len());
        let (row, rest) = std::mem::take(&mut data).split_at_mut(len);
        let (cols, more) = indices.split_at(len);
        rows.push((row, cols));
        (data, indices) = (rest, more);
    }
    rows
}

/// scikit-learn's idf of each term: `ln((n + s) / (df + s)) + 1`, `s = 1` with `smooth_idf`.
fn idf_of(n_rows: usize, df: &[u64], smooth_idf: bool) -> Array1<f64> {
    let s = f64::from(u8::from(smooth_idf));
    let n = n_rows as f64 + s;
    df.iter()
        .map(|&d| (n / (d as f64 + s)).ln() + 1.0)
        .collect()
}

/// Normalise one row's values in place (all zeros stay zeros).
fn normalize_row(row: &mut [f64], norm: Norm) {
    let mut s = 0.0f64;
    match norm {
        Norm::L2 => row.iter().for_each(|v| s += v * v),
        Norm::L1 => row.iter().for_each(|v| s += v.abs()),
        Norm::None => return,
    }
    if s == 0.0 {
        return;
    }
    if norm == Norm::L2 {
        s = s.sqrt();
    }
    row.iter_mut().for_each(|v| *v /= s);
}

/// `terms` (distinct) in string order, and the place in it of each term of the input.
fn sorted_terms(terms: Vec<String>) -> (Vec<String>, Vec<u32>) {
    let mut order: Vec<(u64, u32)> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (prefix_key(t), i as u32))
        .collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| terms[a.1 as usize].cmp(&terms[b.1 as usize]))
    });
    let mut position = vec![0u32; order.len()];
    for (new, &(_, old)) in order.iter().enumerate() {
        position[old as usize] = new as u32;
    }
    let mut old_terms = terms;
    let sorted = order
        .iter()
        .map(|&(_, old)| std::mem::take(&mut old_terms[old as usize]))
        .collect();
    (sorted, position)
}

/// The first eight bytes of `t`, big-endian and zero-padded: comparing these first and the
/// strings only when they are equal is string order, with few string comparisons.
#[inline]
pub(crate) fn prefix_key(t: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = t.len().min(8);
    b[..n].copy_from_slice(&t.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// Merge sorted, duplicate-free term lists: the (list, index) of each merged term's first
/// occurrence, in term order, and per list the merged id of each of its terms.
///
/// The term space is cut into ranges at quantiles of the largest list, and the ranges are
/// merged in parallel (each a k-way merge).
#[allow(clippy::type_complexity)]
fn merge_sorted(lists: &[&[&str]]) -> (Vec<(usize, usize)>, Vec<Vec<u32>>) {
    let largest = lists.iter().copied().max_by_key(|l| l.len()).unwrap_or(&[]);
    let buckets = (rayon::current_num_threads() * 4).clamp(1, largest.len().max(1));
    let mut bounds: Vec<&str> = (1..buckets)
        .map(|b| largest[b * largest.len() / buckets])
        .collect();
    bounds.dedup();
    // cuts[p][b]: where range b starts in list p (with the list's end appended).
    let cuts: Vec<Vec<usize>> = lists
        .iter()
        .map(|l| {
            std::iter::once(0)
                .chain(bounds.iter().map(|b| l.partition_point(|t| t < b)))
                .chain(std::iter::once(l.len()))
                .collect()
        })
        .collect();
    // Per range: the (list, index) of each merged term's first occurrence, and per list the
    // range-local merged id of each of its terms in the range. The lists are few: the next
    // term is the least of their heads, found by a scan.
    type Merged = (Vec<(usize, usize)>, Vec<Vec<u32>>);
    let merged: Vec<Merged> = (0..=bounds.len())
        .into_par_iter()
        .map(|b| {
            let end = |p: usize| cuts[p][b + 1];
            let mut heads: Vec<usize> = (0..lists.len()).map(|p| cuts[p][b]).collect();
            // Each head's prefix key (`u64::MAX` once the list's range is done): most
            // comparisons are of these, not of the strings.
            let key = |p: usize, i: usize| {
                if i < end(p) {
                    prefix_key(lists[p][i])
                } else {
                    u64::MAX
                }
            };
            let mut keys: Vec<u64> = heads.iter().enumerate().map(|(p, &i)| key(p, i)).collect();
            let mut local: Vec<Vec<u32>> = (0..lists.len())
                .map(|p| Vec::with_capacity(end(p) - cuts[p][b]))
                .collect();
            let mut firsts: Vec<(usize, usize)> = Vec::new();
            loop {
                let mut least: Option<usize> = None;
                for p in 0..lists.len() {
                    if heads[p] >= end(p) {
                        continue;
                    }
                    least = match least {
                        Some(q)
                            if keys[q] < keys[p]
                                || (keys[q] == keys[p]
                                    && lists[q][heads[q]] <= lists[p][heads[p]]) =>
                        {
                            Some(q)
                        }
                        _ => Some(p),
                    };
                }
                let Some(first) = least else { break };
                let (k, t) = (keys[first], lists[first][heads[first]]);
                firsts.push((first, heads[first]));
                let id = (firsts.len() - 1) as u32;
                local[first].push(id);
                heads[first] += 1;
                keys[first] = key(first, heads[first]);
                // The same term in the later lists (the earlier ones are past it).
                for p in first + 1..lists.len() {
                    if heads[p] < end(p) && keys[p] == k && lists[p][heads[p]] == t {
                        local[p].push(id);
                        heads[p] += 1;
                        keys[p] = key(p, heads[p]);
                    }
                }
            }
            (firsts, local)
        })
        .collect();
    let mut maps: Vec<Vec<u32>> = lists.iter().map(|l| Vec::with_capacity(l.len())).collect();
    let mut firsts: Vec<(usize, usize)> = Vec::new();
    for (range_firsts, local) in merged {
        let offset = firsts.len() as u32;
        for (map, ids) in maps.iter_mut().zip(local) {
            map.extend(ids.into_iter().map(|id| id + offset));
        }
        firsts.extend(range_firsts);
    }
    (firsts, maps)
}

/// Term ids for one chunk of work: the terms back to back in one string, no allocation per
/// term or per token.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: hashbrown::HashTable<u32>,
    text: String,
    /// End of each term in `text` (it starts where the previous one ends).
    ends: Vec<usize>,
}

#[inline]
fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

impl Interner {
    fn with_capacity(terms: usize) -> Self {
        Interner {
            ids: hashbrown::HashTable::with_capacity(terms),
            text: String::with_capacity(terms * 6),
            ends: Vec::with_capacity(terms),
        }
    }

    #[inline]
    fn term_at<'s>(text: &'s str, ends: &[usize], id: u32) -> &'s str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { ends[i - 1] };
        &text[start..ends[i]]
    }

    #[inline]
    pub(crate) fn id(&mut self, term: &str) -> u32 {
        let Interner { ids, text, ends } = self;
        let h = hash_str(term);
        if let Some(&id) = ids.find(h, |&id| Self::term_at(text, ends, id) == term) {
            return id;
        }
        let id = ends.len() as u32;
        text.push_str(term);
        ends.push(text.len());
        ids.insert_unique(h, id, |&id| hash_str(Self::term_at(text, ends, id)));
        id
    }

    pub(crate) fn into_terms(self) -> Vec<String> {
        (0..self.ends.len() as u32)
            .map(|id| Self::term_at(&self.text, &self.ends, id).to_owned())
            .collect()
    }
}

/// Counts of the term ids of one row.
#[derive(Debug, Default)]
pub(crate) struct RowCounter {
    counts: FxHashMap<u32, u32>,
}

impl RowCounter {
    #[inline]
    pub(crate) fn add(&mut self, id: u32) {
        *self.counts.entry(id).or_insert(0) += 1;
    }

    pub(crate) fn finish(self) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> = self.counts.into_iter().collect();
        v.sort_unstable();
        v
    }
}

/// Counts of dense term ids (an interner's), reused row after row: one array increment per
/// token, no hashing.
#[derive(Debug, Default)]
pub(crate) struct DenseCounter {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl DenseCounter {
    #[inline]
    pub(crate) fn add(&mut self, id: u32) {
        self.add_n(id, 1);
    }

    /// Add `n` (> 0) occurrences of `id`.
    #[inline]
    pub(crate) fn add_n(&mut self, id: u32, n: u32) {
        let i = id as usize;
        if i >= self.counts.len() {
            self.counts.resize((i + 1).max(self.counts.len() * 2), 0);
        }
        if self.counts[i] == 0 {
            self.touched.push(id);
        }
        self.counts[i] += n;
    }

    /// The row's (id, count) pairs in the order the ids were first added (unsorted:
    /// [`RawCounts::concat`] sorts every row by its final term id); the counter is empty again
    /// afterwards.
    pub(crate) fn take_row(&mut self) -> Vec<(u32, u32)> {
        let mut row = Vec::with_capacity(self.touched.len());
        self.drain_into(&mut row);
        row
    }

    /// [`DenseCounter::take_row`] appended to `row`.
    fn drain_into(&mut self, row: &mut Vec<(u32, u32)>) {
        row.extend(
            self.touched
                .iter()
                .map(|&id| (id, std::mem::take(&mut self.counts[id as usize]))),
        );
        self.touched.clear();
    }
}

/// Raw token -> term id (or dropped), so that normalisation and filters run once per distinct
/// token of a chunk, and a token shorter than 16 bytes is looked up by value with no string
/// comparison.
#[derive(Debug)]
pub(crate) struct TermCache {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    /// Term ids of the dictionary words whose term is another string ([`WordTerms`]).
    words: FxHashMap<u32, u32>,
    /// A dictionary word read back from the trie.
    word: String,
    pub(crate) interner: Interner,
}

/// What an analyzer makes of each word of the default dictionary (`wenmai_segment::Lexicon`), by word id:
/// not known yet, the word itself, dropped, or another string. Filled in as counting meets the
/// words, by any thread (a word's entry is always the same value, so relaxed order is
/// enough), and kept by the analyzer: a second count of similar text computes no terms of
/// dictionary words at all. Two bits a word, 32 words to an atomic word: 87 KB for the default
/// dictionary, read once per distinct word of every unit counted (a byte a word, 349 KB, made
/// that read the slowest step of counting a unit).
pub(crate) struct WordTerms {
    status: Box<[std::sync::atomic::AtomicU64]>,
    n_ids: usize,
}

impl std::fmt::Debug for WordTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordTerms")
            .field("words", &self.n_ids)
            .finish()
    }
}

const UNKNOWN: u8 = 0;
const ITSELF: u8 = 1;
const DROPS: u8 = 2;
const OTHER: u8 = 3;

impl WordTerms {
    pub(crate) fn new(n_ids: usize) -> Self {
        WordTerms {
            status: (0..n_ids.div_ceil(32))
                .map(|_| std::sync::atomic::AtomicU64::new(0))
                .collect(),
            n_ids,
        }
    }

    #[inline]
    fn get(&self, id: u32) -> u8 {
        let bits = self.status[id as usize / 32].load(std::sync::atomic::Ordering::Relaxed);
        ((bits >> (id % 32 * 2)) & 3) as u8
    }

    /// Record `status` (not [`UNKNOWN`]) of word `id`, whose status is unknown or the same:
    /// an OR, so that threads setting the other words of the same atomic word lose nothing.
    fn set(&self, id: u32, status: u8) {
        debug_assert!({
            let old = self.get(id);
            old == UNKNOWN || old == status
        });
        self.status[id as usize / 32].fetch_or(
            u64::from(status & 3) << (id % 32 * 2),
            std::sync::atomic::Ordering::Relaxed,
        );
    }
}

impl Default for TermCache {
    fn default() -> Self {
        // A document's vocabulary is a few thousand words: start big enough not to rehash.
        const CAPACITY: usize = 1 << 13;
        TermCache {
            short: FxHashMap::with_capacity_and_hasher(CAPACITY, Default::default()),
            long: FxHashMap::default(),
            words: FxHashMap::default(),
            word: String::new(),
            interner: Interner::with_capacity(CAPACITY),
        }
    }
}

/// A raw token's term (`None`: dropped), as `Analyzer::token_term`.
pub(crate) type TermFn<'a> = dyn Fn(&str) -> Option<std::borrow::Cow<'_, str>> + Sync + 'a;

/// Marks a token the filters drop.
const DROPPED: u32 = u32::MAX;
/// Marks a row key that is a dictionary word id (`wenmai_segment::Lexicon`) rather than a chunk's term id:
/// words that are their own term are counted by id, with no interning, and share one id space
/// across chunks.
pub(crate) const WORD_BIT: u32 = 1 << 31;

#[inline]
fn pack(w: &str) -> u128 {
    let mut b = [0u8; 16];
    b[..w.len()].copy_from_slice(w.as_bytes());
    b[15] = w.len() as u8;
    u128::from_le_bytes(b)
}

impl TermCache {
    /// The term id of raw token `w`, computing its term with `term` the first time.
    #[inline]
    pub(crate) fn term<'w>(
        &mut self,
        w: &'w str,
        term: impl FnOnce(&'w str) -> Option<std::borrow::Cow<'w, str>>,
    ) -> Option<u32> {
        let id = if w.len() < 16 {
            let key = pack(w);
            match self.short.get(&key) {
                Some(&id) => id,
                None => {
                    let id = term(w).map_or(DROPPED, |t| self.interner.id(&t));
                    self.short.insert(key, id);
                    id
                }
            }
        } else {
            match self.long.get(w) {
                Some(&id) => id,
                None => {
                    let id = term(w).map_or(DROPPED, |t| self.interner.id(&t));
                    self.long.insert(w.into(), id);
                    id
                }
            }
        };
        (id != DROPPED).then_some(id)
    }

    /// The row key of dictionary word `id`: `WORD_BIT | id` when the word is its own term,
    /// else its term id (`None`: dropped), computing its term with `term` the first time the
    /// analyzer's `known` meets it.
    #[inline]
    fn key_of_word(&mut self, id: u32, term: &TermFn<'_>, known: &WordTerms) -> Option<u32> {
        match known.get(id) {
            ITSELF => Some(WORD_BIT | id),
            DROPS => None,
            status => {
                if status == OTHER
                    && let Some(&t) = self.words.get(&id)
                {
                    return Some(t);
                }
                wenmai_segment::Lexicon::default_words().word_into(id, &mut self.word);
                let (status, key) = match term(&self.word) {
                    None => (DROPS, None),
                    Some(t) if *t == *self.word => (ITSELF, Some(WORD_BIT | id)),
                    Some(t) => {
                        let t = self.interner.id(&t);
                        self.words.insert(id, t);
                        (OTHER, Some(t))
                    }
                };
                known.set(id, status);
                key
            }
        }
    }

    /// The term id of the raw token packed in `key` (by [`pack`]), computing its term with
    /// `term` the first time.
    #[inline]
    fn term_packed(&mut self, key: u128, term: &TermFn<'_>) -> Option<u32> {
        let id = match self.short.get(&key) {
            Some(&id) => id,
            None => {
                let bytes = key.to_le_bytes();
                let len = usize::from(bytes[15]).min(15);
                let id = std::str::from_utf8(&bytes[..len])
                    .ok()
                    .and_then(term)
                    .map_or(DROPPED, |t| self.interner.id(&t));
                self.short.insert(key, id);
                id
            }
        };
        (id != DROPPED).then_some(id)
    }
}

/// Counts of the raw tokens of one unit. Dictionary words are collected by word id and counted
/// in a small table when the unit ends, so that what the analyzer makes of each word (itself,
/// dropped, or another term; see [`WordTerms`]) is looked up once per distinct word of a unit,
/// not once per token. A word that is its own term enters the row as `WORD_BIT | word id`, and
/// joins the counter's [`WordSet`]. Other tokens are counted by value, in a small
/// open-addressing table that stays in cache, so that the chunk's [`TermCache`] (large, so each
/// lookup is a cache miss) is consulted once per distinct token of a unit rather than once per
/// token. Tokens of 16 bytes or more (rare) go straight to the [`TermCache`].
#[derive(Debug, Default)]
pub(crate) struct UnitCounter {
    /// Packed tokens and their counts.
    tokens: SlotCounts<u128>,
    /// Ids of long tokens (looked up directly).
    long: DenseCounter,
    /// The dictionary word ids of the unit's tokens.
    ids: Vec<u32>,
    /// The unit's words and their counts (sorting the ids instead cost more than half of
    /// counting a unit).
    id_counts: SlotCounts<u32>,
    /// The row entries of the unit's words.
    word_entries: Vec<(u32, u32)>,
    /// The words counted as their own terms so far.
    words: WordSet,
    /// Term ids of the unit being flushed.
    counter: DenseCounter,
}

/// A set of numbers below the dictionary's size (`wenmai_segment::Lexicon`): the words a block counted as
/// their own terms (row keys `WORD_BIT | word id`), or the ranks of the words a whole count
/// met. A bitset, and once complete the members in order with the number of them before each
/// 64, so that a member's place among them is a popcount. (The counter used to give each
/// word its place as it met it, from an array of one slot per dictionary word: 1.4 MB read at
/// random once per distinct word of every unit, where a third of `take_row`'s samples fell in
/// `perf`. The bitset is 44 KB.)
#[derive(Debug, Default)]
pub(crate) struct WordSet {
    seen: Vec<u64>,
    before: Vec<u32>,
    ids: Vec<u32>,
}

impl WordSet {
    #[inline]
    fn insert(&mut self, id: u32) {
        if self.seen.is_empty() {
            self.seen = vec![0; wenmai_segment::Lexicon::default_words().len().div_ceil(64)];
        }
        self.seen[id as usize / 64] |= 1 << (id % 64);
    }

    /// The ids in order, and the count before each 64 of them.
    fn complete(mut self) -> Self {
        self.before.clear();
        self.ids.clear();
        for (i, &bits) in self.seen.iter().enumerate() {
            self.before.push(self.ids.len() as u32);
            let mut bits = bits;
            while bits != 0 {
                self.ids.push((i * 64) as u32 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        self
    }

    /// The place of `id` (a member) among the set's members, once complete.
    #[inline]
    fn place(&self, id: u32) -> usize {
        let (w, b) = (id as usize / 64, id % 64);
        self.before[w] as usize + (self.seen[w] & ((1u64 << b) - 1)).count_ones() as usize
    }
}

/// A key of [`SlotCounts`]: a value no key takes marks an empty slot.
trait SlotKey: Copy + Eq {
    const EMPTY: Self;
    /// The first slot to try in a table of `mask + 1` slots.
    fn slot(self, mask: usize) -> usize;
}

/// A packed token ([`pack`]): never 0, its length byte is at least 1.
impl SlotKey for u128 {
    const EMPTY: u128 = 0;

    #[inline]
    fn slot(self, mask: usize) -> usize {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let (lo, hi) = (self as u64, (self >> 64) as u64);
        let h = (lo.wrapping_mul(K) ^ hi).wrapping_mul(K);
        (h >> 32) as usize & mask
    }
}

/// A dictionary word id: never [`NO_WORD`](wenmai_segment::NO_WORD).
impl SlotKey for u32 {
    const EMPTY: u32 = wenmai_segment::NO_WORD;

    #[inline]
    fn slot(self, mask: usize) -> usize {
        // The high half of the product mixes every bit of the id.
        ((u64::from(self).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> 32) as usize & mask
    }
}

/// Counts of the keys of one unit by open addressing (linear probing, at most half full), in
/// a table small enough to stay in cache; the used slots are listed in first-occurrence order.
#[derive(Debug)]
struct SlotCounts<K> {
    slots: Vec<(K, u32)>,
    used: Vec<u32>,
}

impl<K: SlotKey> Default for SlotCounts<K> {
    fn default() -> Self {
        SlotCounts {
            slots: vec![(K::EMPTY, 0); 1 << 10],
            used: Vec::new(),
        }
    }
}

impl<K: SlotKey> SlotCounts<K> {
    #[inline]
    fn add(&mut self, key: K) {
        let mask = self.slots.len() - 1;
        let mut i = key.slot(mask);
        loop {
            let slot = &mut self.slots[i];
            if slot.0 == key {
                slot.1 += 1;
                return;
            }
            if slot.0 == K::EMPTY {
                *slot = (key, 1);
                self.used.push(i as u32);
                if self.used.len() * 2 > self.slots.len() {
                    self.grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let doubled = vec![(K::EMPTY, 0); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for u in &mut self.used {
            let entry = old[*u as usize];
            let mut i = entry.0.slot(mask);
            while self.slots[i].0 != K::EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = entry;
            *u = i as u32;
        }
    }

    fn is_empty(&self) -> bool {
        self.used.is_empty()
    }

    /// Hand every (key, count) to `f` in first-occurrence order; the table is empty again
    /// afterwards (and small again, after a unit with a huge vocabulary).
    fn drain(&mut self, mut f: impl FnMut(K, u32)) {
        for &u in &self.used {
            let (key, n) = std::mem::replace(&mut self.slots[u as usize], (K::EMPTY, 0));
            f(key, n);
        }
        self.used.clear();
        if self.slots.len() > 1 << 16 {
            *self = Self::default();
        }
    }
}

impl UnitCounter {
    /// Count one raw token of the unit.
    #[inline]
    pub(crate) fn add<'w>(
        &mut self,
        w: &'w str,
        cache: &mut TermCache,
        term: impl FnOnce(&'w str) -> Option<std::borrow::Cow<'w, str>>,
    ) {
        if w.len() >= 16 || w.is_empty() {
            if let Some(id) = cache.term(w, term) {
                self.long.add(id);
            }
            return;
        }
        self.tokens.add(pack(w));
    }

    /// The words counted as their own terms (keys `WORD_BIT | word id` in the rows); the
    /// counter forgets them.
    pub(crate) fn take_words(&mut self) -> WordSet {
        std::mem::take(&mut self.words).complete()
    }

    /// Count one token that is dictionary word `id` (`wenmai_segment::Lexicon`).
    #[inline]
    pub(crate) fn add_word(&mut self, id: u32) {
        self.ids.push(id);
    }

    /// The unit's (term id, count) pairs (unsorted, see [`DenseCounter::take_row`]), terms
    /// computed with `term` for tokens the cache has not seen and with the analyzer's `known`
    /// for words; the counter is empty again afterwards.
    pub(crate) fn take_row(
        &mut self,
        cache: &mut TermCache,
        term: &TermFn<'_>,
        known: &WordTerms,
    ) -> Vec<(u32, u32)> {
        // The words, one count per distinct word: those that are their own term become row
        // entries keyed by their word id.
        for &id in &self.ids {
            self.id_counts.add(id);
        }
        self.ids.clear();
        let word_entries = &mut self.word_entries;
        if !self.id_counts.is_empty() {
            word_entries.reserve(self.id_counts.used.len());
            let (counter, words) = (&mut self.counter, &mut self.words);
            self.id_counts
                .drain(|id, n| match cache.key_of_word(id, term, known) {
                    // Its own term: `WORD_BIT | id` in the row, and one of the block's words.
                    Some(k) if k & WORD_BIT != 0 => {
                        words.insert(id);
                        word_entries.push((k, n));
                    }
                    Some(t) => counter.add_n(t, n),
                    None => {}
                });
        }
        let counter = &mut self.counter;
        self.tokens.drain(|key, n| {
            if let Some(id) = cache.term_packed(key, term) {
                counter.add_n(id, n);
            }
        });
        for (id, n) in self.long.take_row() {
            counter.add_n(id, n);
        }
        // One allocation of the row's final size (appending the words to the counter's row
        // reallocated and copied it, for most rows).
        let mut row = Vec::with_capacity(counter.touched.len() + self.word_entries.len());
        counter.drain_into(&mut row);
        row.append(&mut self.word_entries);
        row
    }
}

impl DocTermMatrix {
    /// Fit a vocabulary on already tokenised documents and count them (scikit-learn's
    /// `CountVectorizer(analyzer=lambda d: d).fit_transform(docs)`).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for bounds out of range, `max_df` below `min_df`, or when no
    /// term survives the pruning.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DfBound, DocTermMatrix, DtmOptions};
    /// let docs = [vec!["a", "b"], vec!["a"], vec!["a", "c"]];
    /// let o = DtmOptions { min_df: DfBound::Count(2), ..DtmOptions::default() };
    /// assert_eq!(DocTermMatrix::from_tokens(&docs, &o).unwrap().terms, ["a"]);
    /// ```
    pub fn from_tokens<D, S>(docs: &[D], opts: &DtmOptions) -> Result<DocTermMatrix>
    where
        D: AsRef<[S]> + Sync,
        S: AsRef<str> + Sync,
    {
        RawCounts::from_token_lists(docs).into_matrix(opts, Vec::new())
    }

    /// Count already tokenised documents over a fixed vocabulary (scikit-learn's `transform`):
    /// unknown tokens are ignored.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DocTermMatrix, Vocabulary};
    /// let v = Vocabulary::new(["a", "b"]);
    /// let m = DocTermMatrix::transform_tokens(&[vec!["b", "z", "b"]], &v, false);
    /// assert_eq!((m.indices, m.data), (vec![1], vec![2.0]));
    /// ```
    pub fn transform_tokens<D, S>(
        docs: &[D],
        vocabulary: &Vocabulary,
        binary: bool,
    ) -> DocTermMatrix
    where
        D: AsRef<[S]> + Sync,
        S: AsRef<str> + Sync,
    {
        let rows: Vec<Vec<(u32, u32)>> = docs
            .par_iter()
            .map(|d| {
                let mut row = RowCounter::default();
                for t in d.as_ref() {
                    if let Some(j) = vocabulary.get(t.as_ref()) {
                        row.add(j as u32);
                    }
                }
                row.finish()
            })
            .collect();
        let mut m = DocTermMatrix {
            terms: vocabulary.terms().to_vec(),
            indptr: vec![0],
            ..Default::default()
        };
        for r in rows {
            for (j, c) in r {
                m.indices.push(j as i32);
                m.data.push(if binary { 1.0 } else { f64::from(c) });
            }
            m.indptr.push(m.indices.len() as i64);
        }
        m
    }

    /// [`prune`](Self::prune) of a shared matrix: the matrix itself, not a copy, when `opts`
    /// prune nothing.
    ///
    /// # Errors
    /// As [`prune`](Self::prune).
    ///
    /// # Examples
    /// ```
    /// use std::sync::Arc;
    /// use wenmai_analyze::{DocTermMatrix, DtmOptions};
    /// let all = Arc::new(DocTermMatrix::from_tokens(&[vec!["a", "b"]], &DtmOptions::default()).unwrap());
    /// assert!(Arc::ptr_eq(&all, &all.prune_shared(&DtmOptions::default()).unwrap()));
    /// ```
    pub fn prune_shared(
        self: &std::sync::Arc<Self>,
        opts: &DtmOptions,
    ) -> Result<std::sync::Arc<Self>> {
        if self.prunes_nothing(opts)? {
            return Ok(std::sync::Arc::clone(self));
        }
        self.prune(opts).map(std::sync::Arc::new)
    }

    /// Whether `opts` keep every term and count as they are (every term of a matrix occurs in
    /// at least one row); errors for bad bounds.
    fn prunes_nothing(&self, opts: &DtmOptions) -> Result<bool> {
        opts.min_df.check("min_df")?;
        opts.max_df.check("max_df")?;
        let n = self.n_rows();
        let (low, high) = (opts.min_df.resolve(n), opts.max_df.resolve(n));
        Ok(
            !opts.binary
                && opts.max_features.is_none()
                && low <= 1.0
                && high >= (n as f64).max(low),
        )
    }

    /// Number of rows (units).
    pub fn n_rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    /// Number of columns (terms).
    pub fn n_terms(&self) -> usize {
        self.terms.len()
    }

    /// The vocabulary of the columns.
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["b", "a"]], &Default::default()).unwrap();
    /// assert_eq!(m.vocabulary().get("b"), Some(1));
    /// ```
    pub fn vocabulary(&self) -> Vocabulary {
        Vocabulary::from_sorted(self.terms.clone())
    }

    /// Row `i` as (column, value) slices.
    pub fn row(&self, i: usize) -> (&[i32], &[f64]) {
        let (a, b) = (self.indptr[i] as usize, self.indptr[i + 1] as usize);
        (&self.indices[a..b], &self.data[a..b])
    }

    /// Document frequency per term (units with a non-zero value).
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a", "a"], vec!["a", "b"]], &Default::default()).unwrap();
    /// assert_eq!(m.document_frequency().to_vec(), [2, 1]);
    /// ```
    pub fn document_frequency(&self) -> Array1<u64> {
        Array1::from(self.df_counts())
    }

    /// [`document_frequency`](Self::document_frequency) as a `Vec`: ranges of 4,096 entries
    /// counted in parallel.
    fn df_counts(&self) -> Vec<u64> {
        let n = self.indices.len().min(self.data.len());
        let ranges: Vec<(usize, usize)> = (0..n.div_ceil(4096))
            .map(|c| (c * 4096, ((c + 1) * 4096).min(n)))
            .collect();
        column_counts(&ranges, self.n_terms(), 16, |&(a, b), out| {
            for (&j, &v) in self.indices[a..b].iter().zip(&self.data[a..b]) {
                if v != 0.0 {
                    out[j as usize] += 1;
                }
            }
        })
    }

    /// Column sums (collection frequency for a count matrix).
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a", "a"], vec!["a", "b"]], &Default::default()).unwrap();
    /// assert_eq!(m.column_sums().to_vec(), [3.0, 1.0]);
    /// ```
    pub fn column_sums(&self) -> Array1<f64> {
        let mut s = Array1::zeros(self.n_terms());
        for (&j, &v) in self.indices.iter().zip(&self.data) {
            s[j as usize] += v;
        }
        s
    }

    /// The idf vector of this (count) matrix as scikit-learn computes it:
    /// `ln((n + s) / (df + s)) + 1` with `s = 1` when `smooth_idf`.
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a"], vec!["a", "b"]], &Default::default()).unwrap();
    /// let idf = m.idf(true);
    /// assert_eq!(idf[0], 1.0);
    /// assert!((idf[1] - ((3.0f64 / 2.0).ln() + 1.0)).abs() < 1e-15);
    /// ```
    pub fn idf(&self, smooth_idf: bool) -> Array1<f64> {
        idf_of(self.n_rows(), &self.df_counts(), smooth_idf)
    }

    /// Binary weights: every stored value becomes 1.
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a", "a"]], &Default::default()).unwrap();
    /// assert_eq!(m.binary().data, [1.0]);
    /// ```
    pub fn binary(&self) -> DocTermMatrix {
        let mut m = self.clone();
        m.data
            .iter_mut()
            .for_each(|v| *v = if *v != 0.0 { 1.0 } else { 0.0 });
        m
    }

    /// tf-idf of this count matrix with the idf learnt from it (scikit-learn's
    /// `TfidfTransformer().fit_transform`). Returns the weighted matrix and the idf vector.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DocTermMatrix, Norm, TfidfOptions};
    /// let m = DocTermMatrix::from_tokens(&[vec!["a", "b"], vec!["a"]], &Default::default()).unwrap();
    /// let (w, idf) = m.tfidf(&TfidfOptions { norm: Norm::None, ..Default::default() });
    /// assert_eq!(w.data[0], 1.0);
    /// assert_eq!(w.data[1], idf[1]);
    /// ```
    pub fn tfidf(&self, opts: &TfidfOptions) -> (DocTermMatrix, Array1<f64>) {
        let idf = self.idf(opts.smooth_idf);
        let w = self.apply_idf(if opts.use_idf { Some(&idf) } else { None }, opts);
        (w, idf)
    }

    /// Weight this count matrix with a given (fitted) idf vector: `sublinear_tf`, idf, `norm`
    /// in scikit-learn's order (`TfidfTransformer.transform`).
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DocTermMatrix, Norm, TfidfOptions};
    /// let m = DocTermMatrix::from_tokens(&[vec!["a", "a", "b"]], &Default::default()).unwrap();
    /// let idf = ndarray::arr1(&[1.0, 2.0]);
    /// let w = m.apply_idf(Some(&idf), &TfidfOptions { norm: Norm::L1, ..Default::default() });
    /// assert_eq!(w.data, [0.5, 0.5]);
    /// ```
    pub fn apply_idf(&self, idf: Option<&Array1<f64>>, opts: &TfidfOptions) -> DocTermMatrix {
        self.clone().weigh(idf, opts)
    }

    /// The values [`apply_idf`](Self::apply_idf) gives, without copying the terms, indices
    /// and units: for a caller that keeps this matrix and needs only the weights (they go
    /// with this matrix's `indices` and `indptr`).
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DocTermMatrix, Norm, TfidfOptions};
    /// let m = DocTermMatrix::from_tokens(&[vec!["a", "a", "b"]], &Default::default()).unwrap();
    /// let idf = ndarray::arr1(&[1.0, 2.0]);
    /// let opts = TfidfOptions { norm: Norm::L1, ..Default::default() };
    /// assert_eq!(m.weighted_values(Some(&idf), &opts), m.apply_idf(Some(&idf), &opts).data);
    /// ```
    pub fn weighted_values(&self, idf: Option<&Array1<f64>>, opts: &TfidfOptions) -> Vec<f64> {
        let mut data = self.data.clone();
        weigh_rows(&self.indptr, &self.indices, &mut data, idf, opts);
        data
    }

    /// [`tfidf`](Self::tfidf) of a matrix that is not needed afterwards (no copy is made),
    /// with its document frequencies already counted.
    pub(crate) fn into_tfidf_df(
        self,
        df: &[u64],
        opts: &TfidfOptions,
    ) -> (DocTermMatrix, Array1<f64>) {
        let idf = idf_of(self.n_rows(), df, opts.smooth_idf);
        let w = self.weigh(if opts.use_idf { Some(&idf) } else { None }, opts);
        (w, idf)
    }

    fn weigh(mut self, idf: Option<&Array1<f64>>, opts: &TfidfOptions) -> DocTermMatrix {
        weigh_rows(&self.indptr, &self.indices, &mut self.data, idf, opts);
        self
    }

    /// Normalise rows in place (scikit-learn's `normalize`; all-zero rows stay zero).
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DocTermMatrix, Norm};
    /// let mut m = DocTermMatrix::from_tokens(&[vec!["a", "a", "a", "b", "b", "b", "b"]], &Default::default()).unwrap();
    /// m.normalize(Norm::L2);
    /// assert_eq!(m.data, [0.6, 0.8]);
    /// ```
    pub fn normalize(&mut self, norm: Norm) {
        if norm == Norm::None {
            return;
        }
        rows_mut(&self.indptr, &self.indices, &mut self.data)
            .into_par_iter()
            .for_each(|(row, _)| normalize_row(row, norm));
    }

    /// The dense matrix.
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["b"], vec!["a"]], &Default::default()).unwrap();
    /// assert_eq!(m.to_dense(), ndarray::arr2(&[[0.0, 1.0], [1.0, 0.0]]));
    /// ```
    pub fn to_dense(&self) -> Array2<f64> {
        let mut a = Array2::zeros((self.n_rows(), self.n_terms()));
        for i in 0..self.n_rows() {
            let (cols, vals) = self.row(i);
            for (&j, &v) in cols.iter().zip(vals) {
                a[[i, j as usize]] = v;
            }
        }
        a
    }

    /// Sum rows into groups: `groups[i]` is the group of row `i` (e.g. its section), the result
    /// has `n_groups` rows (a section x term table).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `groups` has the wrong length or a group is out of range.
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a"], vec!["a", "b"], vec!["b"]], &Default::default()).unwrap();
    /// let t = m.group_sum(&[0, 0, 1], 2).unwrap();
    /// assert_eq!(t, ndarray::arr2(&[[2.0, 1.0], [0.0, 1.0]]));
    /// ```
    pub fn group_sum(&self, groups: &[usize], n_groups: usize) -> Result<Array2<f64>> {
        if groups.len() != self.n_rows() {
            return Err(Error::InvalidParameter(format!(
                "{} groups for {} rows",
                groups.len(),
                self.n_rows()
            )));
        }
        let mut a = Array2::zeros((n_groups, self.n_terms()));
        for (i, &g) in groups.iter().enumerate() {
            if g >= n_groups {
                return Err(Error::InvalidParameter(format!(
                    "group {g} >= n_groups {n_groups}"
                )));
            }
            let (cols, vals) = self.row(i);
            for (&j, &v) in cols.iter().zip(vals) {
                a[[g, j as usize]] += v;
            }
        }
        Ok(a)
    }

    /// Apply `min_df` / `max_df` / `max_features` / `binary` to an unpruned count matrix, exactly
    /// as [`crate::Corpus::dtm`] would have with `opts`: one segmentation pass can serve several
    /// pruned matrices.
    ///
    /// # Errors
    /// As [`crate::Corpus::dtm`]: bad bounds, or pruning leaves no term.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DfBound, DocTermMatrix, DtmOptions};
    /// let docs = [vec!["a", "b"], vec!["a", "c"]];
    /// let all = DocTermMatrix::from_tokens(&docs, &DtmOptions::default()).unwrap();
    /// let opts = DtmOptions { min_df: DfBound::Count(2), ..Default::default() };
    /// assert_eq!(all.prune(&opts).unwrap(), DocTermMatrix::from_tokens(&docs, &opts).unwrap());
    /// ```
    pub fn prune(&self, opts: &DtmOptions) -> Result<DocTermMatrix> {
        if self.prunes_nothing(opts)? {
            return Ok(self.clone());
        }
        let rows = (0..self.n_rows())
            .map(|i| {
                let (cols, vals) = self.row(i);
                // Counts are whole numbers well inside u32 (a term occurs < 2^32 times per unit).
                cols.iter()
                    .zip(vals)
                    .map(|(&j, &x)| (j as u32, x as u32))
                    .collect()
            })
            .collect();
        RawCounts {
            terms: self.terms.clone(),
            rows,
        }
        .into_matrix(opts, self.units.clone())
    }

    /// An idf table learnt from the rows of this (count) matrix, in jieba's sense:
    /// `ln(n_rows / df)`, as [`crate::CorpusStats::idf_table`].
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a"], vec!["a", "b"]], &Default::default()).unwrap();
    /// assert_eq!(m.idf_table().get("b"), 2f64.ln());
    /// ```
    pub fn idf_table(&self) -> IdfTable {
        IdfTable::from_pairs(self.terms.iter().cloned().zip(self.own_idf()))
    }

    /// `ln(n_rows / df)` of every column (jieba's idf, learnt from these rows).
    fn own_idf(&self) -> Vec<f64> {
        let n = self.n_rows() as f64;
        self.document_frequency()
            .iter()
            .map(|&df| (n / df as f64).ln())
            .collect()
    }

    /// Top-`k` keywords of every row of this (count) matrix, weighed as jieba's `extract_tags`
    /// weighs them (`count / row total * idf`); ties broken by term order. In parallel.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DocTermMatrix, IdfTable};
    /// let m = DocTermMatrix::from_tokens(&[vec!["发展", "发展", "经济"]], &Default::default()).unwrap();
    /// assert_eq!(m.keywords(1, IdfTable::jieba())[0][0].0, "发展");
    /// ```
    pub fn keywords(&self, k: usize, idf: &IdfTable) -> Vec<Vec<(String, f64)>> {
        self.named(self.keyword_columns(k, Some(idf)))
    }

    /// [`keywords`](Self::keywords) with the idf learnt from the rows of this matrix
    /// (as [`idf_table`](Self::idf_table) gives it), without building the table.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::DocTermMatrix;
    /// let m = DocTermMatrix::from_tokens(&[vec!["a", "b"], vec!["a"]], &Default::default()).unwrap();
    /// assert_eq!(m.keywords_own_idf(1), m.keywords(1, &m.idf_table()));
    /// assert_eq!(m.keywords_own_idf(1)[0][0].0, "b");
    /// ```
    pub fn keywords_own_idf(&self, k: usize) -> Vec<Vec<(String, f64)>> {
        self.named(self.keyword_columns(k, None))
    }

    /// [`keywords`](Self::keywords) (with `idf`) or [`keywords_own_idf`](Self::keywords_own_idf)
    /// (without) as column indices, for callers that map columns to terms themselves.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::DocTermMatrix;
    /// let m = DocTermMatrix::from_tokens(&[vec!["a", "b"], vec!["a"]], &Default::default()).unwrap();
    /// assert_eq!(m.keyword_columns(1, None), [vec![(1, 2f64.ln() / 2.0)], vec![(0, 0.0)]]);
    /// ```
    pub fn keyword_columns(&self, k: usize, idf: Option<&IdfTable>) -> Vec<Vec<(usize, f64)>> {
        let by_column: Vec<f64> = match idf {
            Some(idf) => self.terms.par_iter().map(|t| idf.get(t)).collect(),
            None => self.own_idf(),
        };
        (0..self.n_rows())
            .into_par_iter()
            // The row's weights go to a buffer reused along the rows; only the top k are
            // allocated for the result.
            .map_init(Vec::new, |v: &mut Vec<(usize, f64)>, i| {
                let (cols, vals) = self.row(i);
                let total: f64 = vals.iter().sum();
                v.clear();
                v.extend(
                    cols.iter()
                        .zip(vals)
                        .map(|(&j, &c)| (j as usize, c * (by_column[j as usize] / total))),
                );
                top_entries(v, k)
            })
            .collect()
    }

    fn named(&self, rows: Vec<Vec<(usize, f64)>>) -> Vec<Vec<(String, f64)>> {
        rows.into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|(j, w)| (self.terms[j].clone(), w))
                    .collect()
            })
            .collect()
    }

    /// The `k` largest values of each row as (column, value), ties broken by column (term) order;
    /// computed in parallel.
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a", "b", "b", "c"]], &Default::default()).unwrap();
    /// assert_eq!(m.top_k(2), [vec![(1, 2.0), (0, 1.0)]]);
    /// ```
    pub fn top_k(&self, k: usize) -> Vec<Vec<(usize, f64)>> {
        (0..self.n_rows())
            .into_par_iter()
            // The row's entries go to a buffer reused along the rows; only the top k are
            // allocated for the result.
            .map_init(Vec::new, |v: &mut Vec<(usize, f64)>, i| {
                let (cols, vals) = self.row(i);
                v.clear();
                v.extend(cols.iter().zip(vals).map(|(&j, &x)| (j as usize, x)));
                top_entries(v, k)
            })
            .collect()
    }
}

/// The `k` largest values of a row's (column, value) entries, largest first, ties broken by
/// column; `entries` is reordered.
fn top_entries(entries: &mut [(usize, f64)], k: usize) -> Vec<(usize, f64)> {
    let by = |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if k > 0 && entries.len() > k {
        entries.select_nth_unstable_by(k - 1, by);
    }
    let n = k.min(entries.len());
    let top = &mut entries[..n];
    top.sort_by(by);
    top.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(docs: &[Vec<&str>], o: DtmOptions) -> DocTermMatrix {
        DocTermMatrix::from_tokens(docs, &o).unwrap()
    }

    #[test]
    fn column_counts_same_for_any_split() {
        // Rows of pseudo-random (column, count) pairs, enough for several parts.
        let mut x = 1u64;
        let rows: Vec<Vec<(u32, u32)>> = (0..5000)
            .map(|i| {
                (0..i % 37)
                    .map(|_| {
                        x = x
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        ((x >> 33) as u32 % 1000, (x >> 20) as u32 % 5 + 1)
                    })
                    .collect()
            })
            .collect();
        let mut expected = vec![0u64; 1000];
        for &(j, c) in rows.iter().flatten() {
            expected[j as usize] += u64::from(c);
        }
        for threads in [1, 2, 3, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let got = pool.install(|| {
                column_counts(&rows, 1000, 256, |r, out| {
                    for &(j, c) in r {
                        out[j as usize] += u64::from(c);
                    }
                })
            });
            assert_eq!(got, expected, "{threads} threads");
        }
    }

    #[test]
    fn word_terms_keep_every_status_set_by_any_thread() {
        // Neighbouring words share an atomic word: four threads set interleaved words, and
        // every status must survive the others' writes.
        let n = 1000usize;
        let known = WordTerms::new(n);
        let status = |id: usize| [ITSELF, DROPS, OTHER][id % 3];
        std::thread::scope(|s| {
            for t in 0..4 {
                let known = &known;
                s.spawn(move || {
                    for id in (t..n).step_by(4) {
                        known.set(id as u32, status(id));
                    }
                });
            }
        });
        for id in 0..n {
            assert_eq!(known.get(id as u32), status(id), "word {id}");
        }
        // Setting a word's status again changes nothing.
        known.set(7, status(7));
        assert_eq!(known.get(7), status(7));
        assert_eq!(WordTerms::new(n).get(999), UNKNOWN);
    }

    #[test]
    fn unit_counter_counts_words_as_a_plain_count() {
        // Units of dictionary word ids, from none to more distinct ids than the counting table
        // starts with (it grows, and is reused unit after unit), skewed as text is: half the
        // tokens among a hundred frequent words.
        let n = wenmai_segment::Lexicon::default_words().len() as u32;
        let known = WordTerms::new(n as usize);
        let term: &TermFn<'_> = &|w| Some(std::borrow::Cow::Borrowed(w));
        let mut cache = TermCache::default();
        let mut counter = UnitCounter::default();
        let mut x = 7u64;
        let (mut rows, mut expected) = (Vec::new(), Vec::new());
        for size in [0usize, 1, 50, 5000, 20_000, 3, 700] {
            let mut plain = std::collections::BTreeMap::new();
            for _ in 0..size {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let id = if x >> 63 == 0 {
                    (x >> 40) as u32 % 100
                } else {
                    (x >> 20) as u32 % n
                };
                counter.add_word(id);
                *plain.entry(id).or_insert(0u32) += 1;
            }
            rows.push(counter.take_row(&mut cache, term, &known));
            expected.push(plain);
        }
        // Every word is its own term here: entries are keyed by the word's id, which the
        // counter's set of words has.
        let words = counter.take_words();
        for (row, plain) in rows.iter().zip(&expected) {
            let mut got = std::collections::BTreeMap::new();
            for &(key, count) in row {
                assert_ne!(key & WORD_BIT, 0);
                let id = key & !WORD_BIT;
                assert_eq!(words.ids[words.place(id)], id);
                assert!(got.insert(id, count).is_none(), "word {id} twice in a row");
            }
            assert_eq!(&got, plain);
        }
    }

    #[test]
    fn max_features_ties_keep_term_order() {
        let docs = vec![vec!["c", "b", "a", "a"], vec!["b", "c"]];
        // cf: a 2, b 2, c 2 -> ties: term order
        let o = DtmOptions {
            max_features: Some(2),
            ..Default::default()
        };
        assert_eq!(m(&docs, o).terms, ["a", "b"]);
    }

    #[test]
    fn df_bounds_as_sklearn() {
        let docs = vec![vec!["a", "b"], vec!["a", "c"], vec!["a", "b"], vec!["d"]];
        // max_df 0.5 -> 2.0 units: a (df 3) goes
        let o = DtmOptions {
            max_df: DfBound::Proportion(0.5),
            ..Default::default()
        };
        assert_eq!(m(&docs, o).terms, ["b", "c", "d"]);
        let o = DtmOptions {
            max_df: DfBound::Count(2),
            min_df: DfBound::Count(2),
            ..Default::default()
        };
        assert_eq!(m(&docs, o).terms, ["b"]);
        let o = DtmOptions {
            max_df: DfBound::Count(1),
            min_df: DfBound::Count(2),
            ..Default::default()
        };
        assert!(DocTermMatrix::from_tokens(&docs, &o).is_err());
        let o = DtmOptions {
            min_df: DfBound::Count(5),
            ..Default::default()
        };
        assert!(DocTermMatrix::from_tokens(&docs, &o).is_err());
    }

    #[test]
    fn tfidf_hand_checked() {
        // docs: [a a b], [a]; smooth idf: a ln(3/3)+1 = 1, b ln(3/2)+1
        let docs = vec![vec!["a", "a", "b"], vec!["a"]];
        let c = m(&docs, DtmOptions::default());
        let (w, idf) = c.tfidf(&TfidfOptions::default());
        let ib = (1.5f64).ln() + 1.0;
        assert_eq!(idf.to_vec(), vec![1.0, ib]);
        let n = (4.0 + ib * ib).sqrt();
        assert!((w.data[0] - 2.0 / n).abs() < 1e-15);
        assert!((w.data[1] - ib / n).abs() < 1e-15);
        assert_eq!(w.data[2], 1.0);
        // no smoothing: idf b = ln(2/1)+1; sublinear: a -> 1+ln 2
        let (w, idf) = c.tfidf(&TfidfOptions {
            smooth_idf: false,
            sublinear_tf: true,
            norm: Norm::None,
            use_idf: true,
        });
        assert_eq!(idf[1], 2f64.ln() + 1.0);
        assert_eq!(w.data[0], 2f64.ln() + 1.0);
        assert_eq!(w.data[1], 2f64.ln() + 1.0);
    }

    #[test]
    fn binary_before_max_features() {
        // cf counts: a 3 (1 doc), b 2 (2 docs); binary -> a 1, b 2 -> b wins
        let docs = vec![vec!["a", "a", "a", "b"], vec!["b"]];
        let o = DtmOptions {
            max_features: Some(1),
            binary: true,
            ..Default::default()
        };
        assert_eq!(m(&docs, o).terms, ["b"]);
        let o = DtmOptions {
            max_features: Some(1),
            ..Default::default()
        };
        assert_eq!(m(&docs, o).terms, ["a"]);
    }
}
