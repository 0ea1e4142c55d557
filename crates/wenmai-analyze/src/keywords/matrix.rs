//! Keywords of the rows of a matrix: each row's top terms by weight, with an idf table or
//! with the idf the matrix learns from its own rows.

use rayon::prelude::*;

use super::IdfTable;
use crate::matrix::DocTermMatrix;

impl DocTermMatrix {
    /// An idf table learnt from the rows of this (count) matrix, in jieba's sense:
    /// `ln(n_rows / df)`, as `CorpusStats::idf_table`.
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
