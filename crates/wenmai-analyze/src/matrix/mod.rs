//! Vocabularies, CSR document-term matrices and weights, as scikit-learn defines them.
//!
//! - [`Vocabulary`]: terms in sorted order (Python's string order = Rust's `str` order).
//! - [`DocTermMatrix`]: CSR arrays `indptr`, `indices`, `data` over units x terms, built with
//!   `min_df` / `max_df` / `max_features` exactly as `CountVectorizer` applies them.
//! - Weights: counts, binary, tf-idf with `smooth_idf`, `sublinear_tf` and `norm` as
//!   `TfidfTransformer` computes them.

mod group;
mod weights;

use std::collections::HashMap;

use ndarray::{Array1, Array2};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::unit::UnitRef;
pub use group::{CsrParts, DROPPED, group_rows};
pub(crate) use weights::column_counts;
use weights::{idf_of, normalize_row, rows_mut, weigh_rows};

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

impl DocTermMatrix {
    /// Apply scikit-learn's `min_df` / `max_df` / `max_features` to rows of `(term id, count)`
    /// over sorted `terms` (each row sorted by term id) and build the CSR matrix; also the
    /// document frequency of each kept term (as [`DocTermMatrix::document_frequency`] would
    /// count it again: counts are at least 1, and pruning drops whole columns).
    pub(crate) fn from_counts(
        terms: Vec<String>,
        rows: &[Vec<(u32, u32)>],
        opts: &DtmOptions,
        units: Vec<UnitRef>,
    ) -> Result<(DocTermMatrix, Vec<u64>)> {
        opts.min_df.check("min_df")?;
        opts.max_df.check("max_df")?;
        let n = rows.len();
        let high = opts.max_df.resolve(n);
        let low = opts.min_df.resolve(n);
        if high < low {
            return Err(Error::InvalidParameter(
                "max_df corresponds to < documents than min_df".into(),
            ));
        }
        let n_terms = terms.len();
        let df = column_counts(rows, n_terms, 256, |r, out| {
            r.iter().for_each(|&(id, _)| out[id as usize] += 1);
        });
        let mut mask: Vec<bool> = df
            .iter()
            .map(|&d| (d as f64) <= high && (d as f64) >= low)
            .collect();
        if let Some(limit) = opts.max_features {
            let kept: Vec<usize> = (0..n_terms).filter(|&i| mask[i]).collect();
            if kept.len() > limit {
                let cf = column_counts(rows, n_terms, 256, |r, out| {
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
            (terms, None, df)
        } else {
            let mut new_index = vec![u32::MAX; n_terms];
            let mut kept = Vec::new();
            let mut kept_df = Vec::new();
            for (i, t) in terms.into_iter().enumerate() {
                if mask[i] {
                    new_index[i] = kept.len() as u32;
                    kept.push(t);
                    kept_df.push(df[i]);
                }
            }
            (kept, Some(new_index), kept_df)
        };
        if terms.is_empty() && n_terms > 0 {
            return Err(Error::InvalidParameter(
                "After pruning, no terms remain. Try a lower min_df or a higher max_df.".into(),
            ));
        }
        let new_id = |id: u32| new_index.as_ref().map_or(id, |m| m[id as usize]);
        // Each row's kept entries, then the rows filled in parallel, each in its own slice.
        let lens: Vec<usize> = rows
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
            .zip(rows)
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
    /// as `Corpus::dtm` would have with `opts`: one segmentation pass can serve several
    /// pruned matrices.
    ///
    /// # Errors
    /// As `Corpus::dtm`: bad bounds, or pruning leaves no term.
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
        let rows: Vec<Vec<(u32, u32)>> = (0..self.n_rows())
            .map(|i| {
                let (cols, vals) = self.row(i);
                // Counts are whole numbers well inside u32 (a term occurs < 2^32 times per unit).
                cols.iter()
                    .zip(vals)
                    .map(|(&j, &x)| (j as u32, x as u32))
                    .collect()
            })
            .collect();
        DocTermMatrix::from_counts(self.terms.clone(), &rows, opts, self.units.clone())
            .map(|(m, _)| m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(docs: &[Vec<&str>], o: DtmOptions) -> DocTermMatrix {
        DocTermMatrix::from_tokens(docs, &o).unwrap()
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
