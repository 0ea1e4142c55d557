//! Rows summed per group (quanteda's `dfm_group`): documents to years, sentences to their
//! documents or sections.

use rayon::prelude::*;

use super::DocTermMatrix;
use crate::error::{Error, Result};

/// CSR arrays `(indptr, indices, data)`.
pub type CsrParts = (Vec<i64>, Vec<i32>, Vec<f64>);

/// The group of a row left out of every group (a missing label).
pub const DROPPED: u32 = u32::MAX;

/// Sum the rows of the CSR matrix `(indptr, indices, data)` with `n_cols` columns into
/// `n_groups` rows: `groups[i]` is the group of row `i` ([`DROPPED`]: none). Each group's rows are added in row
/// order, groups in parallel, so the sums are the same for any number of threads; a column
/// whose sum is 0 in a group is not stored.
///
/// # Errors
/// [`Error::InvalidParameter`] when `groups` does not have one entry per row or names a
/// group `>= n_groups`.
///
/// # Examples
/// ```
/// use wenmai_analyze::matrix::group_rows;
/// let (indptr, indices, data) = group_rows(&[0, 1, 3, 4], &[0, 0, 1, 1], &[1.0, 2.0, 3.0, 4.0], 2, &[1, 0, 1], 2).unwrap();
/// assert_eq!((indptr, indices, data), (vec![0, 2, 4], vec![0, 1, 0, 1], vec![2.0, 3.0, 1.0, 4.0]));
/// ```
pub fn group_rows(
    indptr: &[i64],
    indices: &[i32],
    data: &[f64],
    n_cols: usize,
    groups: &[u32],
    n_groups: usize,
) -> Result<CsrParts> {
    let n_rows = indptr.len().saturating_sub(1);
    if groups.len() != n_rows {
        return Err(Error::InvalidParameter(format!(
            "{} group labels for {n_rows} rows: give one label per row",
            groups.len()
        )));
    }
    if let Some(&g) = groups
        .iter()
        .find(|&&g| g as usize >= n_groups && g != DROPPED)
    {
        return Err(Error::InvalidParameter(format!(
            "group {g} is not below the number of groups ({n_groups})"
        )));
    }
    // The rows of each group in row order: a counting sort.
    let mut start = vec![0usize; n_groups + 1];
    for &g in groups.iter().filter(|&&g| g != DROPPED) {
        start[g as usize + 1] += 1;
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    let mut next = start.clone();
    let mut members = vec![0usize; start[n_groups]];
    for (i, &g) in groups.iter().enumerate().filter(|e| *e.1 != DROPPED) {
        members[next[g as usize]] = i;
        next[g as usize] += 1;
    }
    // At least 64 groups a task: each task zeroes its own buffers of n_cols.
    let rows: Vec<Vec<(i32, f64)>> = (0..n_groups)
        .into_par_iter()
        .with_min_len(64)
        .map_init(
            || (vec![0f64; n_cols], vec![false; n_cols], Vec::<i32>::new()),
            |(acc, seen, touched), g| {
                for &i in &members[start[g]..start[g + 1]] {
                    let r = indptr[i] as usize..indptr[i + 1] as usize;
                    for (&j, &v) in indices[r.clone()].iter().zip(&data[r]) {
                        acc[j as usize] += v;
                        if !seen[j as usize] {
                            seen[j as usize] = true;
                            touched.push(j);
                        }
                    }
                }
                touched.sort_unstable();
                let row = touched
                    .iter()
                    .map(|&j| (j, acc[j as usize]))
                    .filter(|e| e.1 != 0.0)
                    .collect();
                for &j in touched.iter() {
                    acc[j as usize] = 0.0;
                    seen[j as usize] = false;
                }
                touched.clear();
                row
            },
        )
        .collect();
    let mut out_ptr = Vec::with_capacity(n_groups + 1);
    out_ptr.push(0i64);
    let nnz = rows.iter().map(Vec::len).sum();
    let (mut out_ind, mut out_dat) = (Vec::with_capacity(nnz), Vec::with_capacity(nnz));
    for r in rows {
        for (j, v) in r {
            out_ind.push(j);
            out_dat.push(v);
        }
        out_ptr.push(out_ind.len() as i64);
    }
    Ok((out_ptr, out_ind, out_dat))
}

impl DocTermMatrix {
    /// The rows summed per group ([`group_rows`]), over the same terms; the units of the
    /// result are left empty (a group is not a unit of a document).
    ///
    /// # Errors
    /// As [`group_rows`].
    ///
    /// # Examples
    /// ```
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a"], vec!["b"], vec!["a"]], &Default::default()).unwrap();
    /// let g = m.group(&[0, 1, 0], 2).unwrap();
    /// assert_eq!((g.indptr, g.data), (vec![0, 1, 2], vec![2.0, 1.0]));
    /// ```
    pub fn group(&self, groups: &[u32], n_groups: usize) -> Result<DocTermMatrix> {
        let (indptr, indices, data) = group_rows(
            &self.indptr,
            &self.indices,
            &self.data,
            self.n_terms(),
            groups,
            n_groups,
        )?;
        Ok(DocTermMatrix {
            terms: self.terms.clone(),
            indptr,
            indices,
            data,
            units: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equals_dense_group_sum_for_any_thread_count() {
        let docs = [
            vec!["a", "b"],
            vec!["b", "c", "c"],
            vec![],
            vec!["a", "a"],
            vec!["d"],
        ];
        let m = DocTermMatrix::from_tokens(&docs, &Default::default()).unwrap();
        let groups = [2u32, 0, 2, 2, 0];
        let want = m.group_sum(&[2, 0, 2, 2, 0], 4).unwrap();
        let run = |t: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
                .install(|| m.group(&groups, 4).unwrap())
        };
        let g = run(1);
        assert_eq!(g.to_dense(), want);
        assert_eq!(g.indptr[2], g.indptr[1], "an empty group is an empty row");
        assert_eq!(run(2), g);
        assert_eq!(run(8), g);
        assert!(m.group(&[0, 1], 2).is_err());
        let some = m.group(&[DROPPED, 0, DROPPED, DROPPED, 0], 1).unwrap();
        assert_eq!(some.to_dense().row(0), want.row(0));
        assert!(m.group(&[0, 1, 2, 3, 4], 4).is_err());
    }
}
