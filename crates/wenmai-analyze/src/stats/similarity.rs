//! Similarities and distances between the rows (units) or the columns (terms) of a
//! [`DocTermMatrix`], as quanteda's `textstat_simil` / `textstat_dist` name them: the whole
//! matrix ([`similarity_matrix`]) or each item's `k` nearest neighbours ([`nearest`]) without
//! building it.
//!
//! Every pair is a sparse dot product accumulated term by term in ascending term order (as
//! scipy's sparse product sums, so cosine equals scikit-learn's `cosine_similarity`), one item
//! at a time in parallel: each item's values depend on nothing else, so the result is the
//! same for any number of threads.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::matrix::DocTermMatrix;

/// The most items [`similarity_matrix`] returns a dense matrix for (`n x n` values).
pub const MAX_DENSE_ITEMS: usize = 20_000;

/// What to compute between two items.
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::SimilarityMethod;
/// assert!(SimilarityMethod::Euclidean.is_distance() && !SimilarityMethod::Cosine.is_distance());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimilarityMethod {
    /// `a.b / (|a| |b|)`; 0 when either is all zeros (as scikit-learn's `cosine_similarity`).
    Cosine,
    /// `|A n B| / |A u B|` over the terms present (non-zero), whatever their counts, as
    /// quanteda (proxyC binarises for `jaccard`); 0 when neither has any term.
    Jaccard,
    /// Pearson's correlation over every column, `1 -` scipy's correlation distance; NaN when
    /// either item is constant (as quanteda and scipy).
    Correlation,
    /// The Euclidean distance (a distance: nearest is smallest).
    Euclidean,
}

impl SimilarityMethod {
    /// Whether smaller values are nearer (a distance).
    pub fn is_distance(self) -> bool {
        self == SimilarityMethod::Euclidean
    }
}

/// Which items to compare: the rows or the columns of the matrix.
///
/// # Examples
/// ```
/// assert_eq!(wenmai_analyze::stats::Margin::default(), wenmai_analyze::stats::Margin::Units);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Margin {
    /// Rows: units (quanteda's `margin = "documents"`).
    #[default]
    Units,
    /// Columns: terms (quanteda's `margin = "features"`).
    Terms,
}

/// A borrowed CSR matrix: rows `indptr[i]..indptr[i + 1]` of `indices` / `data`, `n_cols`
/// columns. A weighted [`DocTermMatrix`] may keep its values apart from its indices, so the
/// statistics take the three arrays.
#[derive(Debug, Clone, Copy)]
pub struct CsrView<'a> {
    /// Row pointers, one more than rows.
    pub indptr: &'a [i64],
    /// Column indices, ascending within each row.
    pub indices: &'a [i32],
    /// Values.
    pub data: &'a [f64],
    /// Number of columns.
    pub n_cols: usize,
}

impl<'a> CsrView<'a> {
    /// The view of a whole matrix.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::stats::CsrView;
    /// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a", "b"]], &Default::default()).unwrap();
    /// assert_eq!(CsrView::of(&m).n_cols, 2);
    /// ```
    pub fn of(m: &'a DocTermMatrix) -> Self {
        CsrView {
            indptr: &m.indptr,
            indices: &m.indices,
            data: &m.data,
            n_cols: m.n_terms(),
        }
    }

    fn n_rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }
}

/// The `k` nearest neighbours of every item as a CSR matrix (`n x n`): row `i` holds
/// `min(k, n - 1)` entries, the item itself left out (as scikit-learn's
/// `NearestNeighbors.kneighbors_graph()`), in ascending column order.
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::{CsrView, Margin, SimilarityMethod, nearest};
/// let m = wenmai_analyze::DocTermMatrix::from_tokens(&[vec!["a"], vec!["a", "b"]], &Default::default()).unwrap();
/// let nn = nearest(&CsrView::of(&m), SimilarityMethod::Euclidean, Margin::Units, 5).unwrap();
/// assert_eq!((nn.n, nn.indices, nn.data), (2, vec![1, 0], vec![1.0, 1.0]));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Neighbours {
    /// Row pointers (`n + 1`).
    pub indptr: Vec<i64>,
    /// The neighbours of each row, in ascending index order.
    pub indices: Vec<i32>,
    /// Their similarities (or distances).
    pub data: Vec<f64>,
    /// Number of items.
    pub n: usize,
}

/// Owned CSR rows with explicit zeros dropped.
struct Rows {
    indptr: Vec<usize>,
    indices: Vec<u32>,
    data: Vec<f64>,
    n_cols: usize,
}

impl Rows {
    fn n(&self) -> usize {
        self.indptr.len() - 1
    }

    fn row(&self, i: usize) -> (&[u32], &[f64]) {
        let r = self.indptr[i]..self.indptr[i + 1];
        (&self.indices[r.clone()], &self.data[r])
    }

    fn from_view(v: &CsrView<'_>) -> Rows {
        let mut out = Rows {
            indptr: Vec::with_capacity(v.indptr.len()),
            indices: Vec::with_capacity(v.indices.len()),
            data: Vec::with_capacity(v.data.len()),
            n_cols: v.n_cols,
        };
        out.indptr.push(0);
        for i in 0..v.n_rows() {
            let r = v.indptr[i] as usize..v.indptr[i + 1] as usize;
            for (&j, &x) in v.indices[r.clone()].iter().zip(&v.data[r]) {
                if x != 0.0 {
                    out.indices.push(j as u32);
                    out.data.push(x);
                }
            }
            out.indptr.push(out.indices.len());
        }
        out
    }

    /// The transpose (columns become rows, each in ascending order): a counting sort.
    fn transpose(&self) -> Rows {
        let mut counts = vec![0usize; self.n_cols + 1];
        for &j in &self.indices {
            counts[j as usize + 1] += 1;
        }
        for c in 1..counts.len() {
            counts[c] += counts[c - 1];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.indices.len()];
        let mut data = vec![0f64; self.data.len()];
        for i in 0..self.n() {
            let (ind, dat) = self.row(i);
            for (&j, &x) in ind.iter().zip(dat) {
                let slot = &mut next[j as usize];
                indices[*slot] = i as u32;
                data[*slot] = x;
                *slot += 1;
            }
        }
        Rows {
            indptr,
            indices,
            data,
            n_cols: self.n(),
        }
    }
}

/// The items to compare (rows of `x`), prepared for `method`, and their transpose.
struct Prepared {
    x: Rows,
    xt: Rows,
    method: SimilarityMethod,
    /// Per item: sum of values.
    sum: Vec<f64>,
    /// Per item: sum of squares.
    sumsq: Vec<f64>,
    /// Per item: number of non-zero values.
    nnz: Vec<f64>,
}

impl Prepared {
    fn new(m: &CsrView<'_>, method: SimilarityMethod, margin: Margin) -> Result<Prepared> {
        if m.indptr.is_empty() || m.indices.len() != m.data.len() {
            return Err(Error::InvalidParameter(
                "the matrix needs indptr (n + 1 values) and as many indices as values".into(),
            ));
        }
        let rows = Rows::from_view(m);
        let mut x = match margin {
            Margin::Units => rows,
            Margin::Terms => rows.transpose(),
        };
        match method {
            // scikit-learn's `normalize`: each row divided by the root of its sum of squares.
            SimilarityMethod::Cosine => {
                for i in 0..x.n() {
                    let r = x.indptr[i]..x.indptr[i + 1];
                    let s = x.data[r.clone()].iter().fold(0.0, |s, v| s + v * v);
                    if s != 0.0 {
                        let s = s.sqrt();
                        x.data[r].iter_mut().for_each(|v| *v /= s);
                    }
                }
            }
            SimilarityMethod::Jaccard => x.data.iter_mut().for_each(|v| *v = 1.0),
            SimilarityMethod::Correlation | SimilarityMethod::Euclidean => {}
        }
        let n = x.n();
        let (mut sum, mut sumsq, mut nnz) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
        for i in 0..n {
            let (_, d) = x.row(i);
            sum[i] = d.iter().sum();
            sumsq[i] = d.iter().fold(0.0, |s, v| s + v * v);
            nnz[i] = d.len() as f64;
        }
        let xt = x.transpose();
        Ok(Prepared {
            x,
            xt,
            method,
            sum,
            sumsq,
            nnz,
        })
    }

    fn n(&self) -> usize {
        self.x.n()
    }

    /// Add item `i`'s dot product with every item sharing a term into `acc`; `seen` marks
    /// (and `touched` lists) the items reached, when given.
    fn dots(&self, i: usize, acc: &mut [f64], mut touched: Option<(&mut Vec<u32>, &mut [bool])>) {
        let (ind, dat) = self.x.row(i);
        for (&k, &a) in ind.iter().zip(dat) {
            let (rows, vals) = self.xt.row(k as usize);
            for (&j, &b) in rows.iter().zip(vals) {
                acc[j as usize] += a * b;
                if let Some((list, seen)) = touched.as_mut()
                    && !seen[j as usize]
                {
                    seen[j as usize] = true;
                    list.push(j);
                }
            }
        }
    }

    /// The value of the pair `(i, j)` given their dot product.
    /// Item `i`'s dot products with the items `j >= i` (the upper triangle), into `acc`
    /// (the whole row, indexed by `j`).
    fn upper_dots(&self, i: usize, acc: &mut [f64]) {
        let (ind, dat) = self.x.row(i);
        for (&k, &a) in ind.iter().zip(dat) {
            let (rows, vals) = self.xt.row(k as usize);
            let from = rows.partition_point(|&j| (j as usize) < i);
            for (&j, &b) in rows[from..].iter().zip(&vals[from..]) {
                acc[j as usize] += a * b;
            }
        }
    }

    fn value(&self, i: usize, j: usize, dot: f64) -> f64 {
        match self.method {
            SimilarityMethod::Cosine => dot,
            SimilarityMethod::Jaccard => {
                if dot == 0.0 {
                    0.0
                } else {
                    dot / (self.nnz[i] + self.nnz[j] - dot)
                }
            }
            SimilarityMethod::Correlation => {
                let m = self.x.n_cols as f64;
                let va = self.sumsq[i] - self.sum[i] * self.sum[i] / m;
                let vb = self.sumsq[j] - self.sum[j] * self.sum[j] / m;
                if va <= 0.0 || vb <= 0.0 || m == 0.0 {
                    return f64::NAN;
                }
                let cov = dot - self.sum[i] * self.sum[j] / m;
                (cov / (va * vb).sqrt()).clamp(-1.0, 1.0)
            }
            SimilarityMethod::Euclidean => {
                if i == j {
                    return 0.0;
                }
                let norms = self.sumsq[i] + self.sumsq[j];
                let d2 = norms - 2.0 * dot;
                // Near-identical items lose their difference to cancellation: sum it exactly.
                if d2 <= 1e-8 * norms {
                    return self.exact_distance(i, j);
                }
                d2.sqrt()
            }
        }
    }

    /// `sqrt(sum (a - b)^2)` by walking both sparse items.
    fn exact_distance(&self, i: usize, j: usize) -> f64 {
        let (ia, da) = self.x.row(i);
        let (ib, db) = self.x.row(j);
        let (mut p, mut q, mut s) = (0, 0, 0.0);
        while p < ia.len() || q < ib.len() {
            let d = match (ia.get(p), ib.get(q)) {
                (Some(a), Some(b)) if a == b => {
                    p += 1;
                    q += 1;
                    da[p - 1] - db[q - 1]
                }
                (Some(a), Some(b)) if a < b => {
                    p += 1;
                    da[p - 1]
                }
                (Some(_), None) => {
                    p += 1;
                    da[p - 1]
                }
                _ => {
                    q += 1;
                    -db[q - 1]
                }
            };
            s += d * d;
        }
        s.sqrt()
    }

    /// For an item `j` sharing no term with the query (dot product 0), a key its value is
    /// monotone in (smaller keys nearer, but see `nearest` for correlation); `None` for an
    /// item whose values are NaN (it comes last).
    fn untouched_key(&self, j: usize) -> Option<f64> {
        match self.method {
            SimilarityMethod::Cosine | SimilarityMethod::Jaccard => Some(0.0),
            SimilarityMethod::Euclidean => Some(self.sumsq[j]),
            SimilarityMethod::Correlation => {
                let m = self.x.n_cols as f64;
                let v = self.sumsq[j] - self.sum[j] * self.sum[j] / m;
                (v > 0.0).then(|| self.sum[j] / v.sqrt())
            }
        }
    }
}

/// Whether `(a, ia)` is nearer than `(b, ib)`: larger similarity (smaller distance), NaN
/// last, ties by index.
fn nearer(distance: bool, (a, ia): (f64, u32), (b, ib): (f64, u32)) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let by_value = match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ if distance => a.total_cmp(&b),
        _ => b.total_cmp(&a),
    };
    by_value.then(ia.cmp(&ib))
}

/// Add `c` to `best`, the `k` nearest so far in order (a total order, so the same whatever
/// order the candidates come in).
fn keep_nearest(best: &mut Vec<(f64, u32)>, k: usize, distance: bool, c: (f64, u32)) {
    use std::cmp::Ordering::Less;
    // Many neighbours: gather them all, then select (see `select_nearest`).
    if k > 64 {
        best.push(c);
        return;
    }
    if best.len() == k && best.last().is_none_or(|&w| nearer(distance, c, w) != Less) {
        return;
    }
    let at = best.partition_point(|&b| nearer(distance, b, c) == Less);
    best.insert(at, c);
    best.truncate(k);
}

/// Keep the `k` nearest of `best` (what [`keep_nearest`] left), in order.
fn select_nearest(best: &mut Vec<(f64, u32)>, k: usize, distance: bool) {
    if best.len() > k {
        best.select_nth_unstable_by(k, |&a, &b| nearer(distance, a, b));
        best.truncate(k);
    }
    best.sort_by(|&a, &b| nearer(distance, a, b));
}

/// Copy the upper triangle of the row-major `n x n` matrix onto the lower one, in blocks
/// that stay in cache.
fn mirror_upper(out: &mut [f64], n: usize) {
    const B: usize = 64;
    for bi in (0..n).step_by(B) {
        for bj in (0..=bi).step_by(B) {
            for i in bi..(bi + B).min(n) {
                for j in bj..(bj + B).min(i) {
                    out[i * n + j] = out[j * n + i];
                }
            }
        }
    }
}

/// Every pairwise similarity (or distance) of the items, row-major `n x n`, and `n`.
///
/// # Errors
/// [`Error::InvalidParameter`] with more than [`MAX_DENSE_ITEMS`] items (ask for
/// [`nearest`] neighbours instead) or malformed arrays.
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::{CsrView, Margin, SimilarityMethod, similarity_matrix};
/// let m = wenmai_analyze::DocTermMatrix::from_tokens(
///     &[vec!["a", "b"], vec!["a", "c"], vec!["d"]], &Default::default()).unwrap();
/// let (s, n) = similarity_matrix(&CsrView::of(&m), SimilarityMethod::Jaccard, Margin::Units).unwrap();
/// assert_eq!(n, 3);
/// assert_eq!(&s[..3], [1.0, 1.0 / 3.0, 0.0]);
/// ```
pub fn similarity_matrix(
    m: &CsrView<'_>,
    method: SimilarityMethod,
    margin: Margin,
) -> Result<(Vec<f64>, usize)> {
    let n = match margin {
        Margin::Units => m.n_rows(),
        Margin::Terms => m.n_cols,
    };
    if n > MAX_DENSE_ITEMS {
        return Err(Error::InvalidParameter(format!(
            "{n} items make a dense {n} x {n} matrix; pass top_k (e.g. top_k=10) for each \
             item's nearest neighbours as a sparse matrix, or compare at most {MAX_DENSE_ITEMS}"
        )));
    }
    let p = Prepared::new(m, method, margin)?;
    let mut out = vec![0f64; n * n];
    if n == 0 {
        return Ok((out, 0));
    }
    // The upper triangle, then its mirror: every value is symmetric in its pair, bit for bit
    // (the products and sums are the same, in the same order).
    out.par_chunks_mut(n).enumerate().for_each(|(i, row)| {
        p.upper_dots(i, row);
        if method != SimilarityMethod::Cosine {
            for (j, v) in row.iter_mut().enumerate().skip(i) {
                *v = p.value(i, j, *v);
            }
        }
    });
    mirror_upper(&mut out, n);
    Ok((out, n))
}

/// Each item's `k` nearest neighbours (itself left out), computed item by item from sparse
/// dot products, so that it needs memory for the neighbours only, not `n x n` values.
/// Items sharing no term with an item still rank by their value (0 for cosine and jaccard,
/// ties by index), so every row has `min(k, n - 1)` entries.
///
/// # Errors
/// [`Error::InvalidParameter`] when `k` is 0 or the arrays are malformed.
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::{CsrView, Margin, SimilarityMethod, nearest};
/// let m = wenmai_analyze::DocTermMatrix::from_tokens(
///     &[vec!["a", "b"], vec!["a", "c"], vec!["d"]], &Default::default()).unwrap();
/// let nn = nearest(&CsrView::of(&m), SimilarityMethod::Cosine, Margin::Units, 1).unwrap();
/// assert_eq!(nn.indptr, [0, 1, 2, 3]);
/// assert_eq!(nn.indices, [1, 0, 0]);
/// assert_eq!(nn.data[2], 0.0);
/// ```
pub fn nearest(
    m: &CsrView<'_>,
    method: SimilarityMethod,
    margin: Margin,
    k: usize,
) -> Result<Neighbours> {
    if k == 0 {
        return Err(Error::InvalidParameter(
            "top_k must be at least 1 (or None for the whole matrix)".into(),
        ));
    }
    let p = Prepared::new(m, method, margin)?;
    let n = p.n();
    let k = k.min(n.saturating_sub(1));
    // Items sharing no term with a query, nearest first (`asc`: smaller keys nearer), and
    // the reverse order for correlation's queries with a negative sum.
    let keyed: Vec<(Option<f64>, u32)> = (0..n).map(|j| (p.untouched_key(j), j as u32)).collect();
    let order = |smaller_first: bool| {
        let mut o = keyed.clone();
        o.sort_by(|a, b| match (a.0, b.0) {
            (None, None) => a.1.cmp(&b.1),
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(_), None) => std::cmp::Ordering::Less,
            (Some(x), Some(y)) if smaller_first => x.total_cmp(&y).then(a.1.cmp(&b.1)),
            (Some(x), Some(y)) => y.total_cmp(&x).then(a.1.cmp(&b.1)),
        });
        o.into_iter().map(|e| e.1).collect::<Vec<u32>>()
    };
    let asc = order(true);
    let desc = (method == SimilarityMethod::Correlation).then(|| order(false));
    let by_index: Vec<u32> = (0..n as u32).collect();
    let distance = method.is_distance();
    // At least 128 items a task: each task zeroes its own n-long buffers.
    let rows: Vec<Vec<(u32, f64)>> = (0..n)
        .into_par_iter()
        .with_min_len(128)
        .map_init(
            || (vec![0f64; n], vec![false; n], Vec::<u32>::new(), Vec::new()),
            // Buffers reused from item to item: a fresh one per item costs page faults.
            |(acc, seen, touched, cand), i| {
                p.dots(i, acc, Some((touched, seen)));
                cand.clear();
                for &j in touched.iter().filter(|&&j| j as usize != i) {
                    keep_nearest(
                        cand,
                        k,
                        distance,
                        (p.value(i, j as usize, acc[j as usize]), j),
                    );
                }
                // Correlation of a disjoint pair is -(sum_i / sd_i)(sum_j / sd_j) / m: for a
                // query with a negative sum the largest keys are nearest.
                let untouched = match &desc {
                    // A constant query: every value is NaN, so index order.
                    Some(_) if p.untouched_key(i).is_none() => &by_index,
                    Some(d) if p.sum[i] < 0.0 => d,
                    _ => &asc,
                };
                let mut extra = 0;
                for &j in untouched {
                    if extra >= k {
                        break;
                    }
                    if j as usize != i && !seen[j as usize] {
                        keep_nearest(cand, k, distance, (p.value(i, j as usize, 0.0), j));
                        extra += 1;
                    }
                }
                for &j in touched.iter() {
                    acc[j as usize] = 0.0;
                    seen[j as usize] = false;
                }
                touched.clear();
                select_nearest(cand, k, distance);
                let mut row: Vec<(u32, f64)> = cand.iter().map(|&(v, j)| (j, v)).collect();
                row.sort_by_key(|e| e.0);
                row
            },
        )
        .collect();
    let mut out = Neighbours {
        indptr: Vec::with_capacity(n + 1),
        n,
        ..Neighbours::default()
    };
    out.indptr.push(0);
    for r in rows {
        for (j, v) in r {
            out.indices.push(j as i32);
            out.data.push(v);
        }
        out.indptr.push(out.indices.len() as i64);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DtmOptions;

    fn matrix() -> DocTermMatrix {
        let docs = [
            vec!["a", "b", "b", "c"],
            vec!["a", "c", "c"],
            vec!["d"],
            vec![],
            vec!["b", "b", "d", "e"],
            vec!["a", "b", "b", "c"],
        ];
        DocTermMatrix::from_tokens(&docs, &DtmOptions::default()).unwrap()
    }

    fn dense(m: &DocTermMatrix, margin: Margin) -> Vec<Vec<f64>> {
        let x = m.to_dense();
        match margin {
            Margin::Units => x.outer_iter().map(|r| r.to_vec()).collect(),
            Margin::Terms => x.t().outer_iter().map(|r| r.to_vec()).collect(),
        }
    }

    fn direct(method: SimilarityMethod, a: &[f64], b: &[f64]) -> f64 {
        let dot = |x: &[f64], y: &[f64]| x.iter().zip(y).map(|(p, q)| p * q).sum::<f64>();
        match method {
            SimilarityMethod::Cosine => {
                let (na, nb) = (dot(a, a).sqrt(), dot(b, b).sqrt());
                if na == 0.0 || nb == 0.0 {
                    0.0
                } else {
                    dot(a, b) / (na * nb)
                }
            }
            SimilarityMethod::Jaccard => {
                let both = a
                    .iter()
                    .zip(b)
                    .filter(|(p, q)| **p != 0.0 && **q != 0.0)
                    .count();
                let either = a
                    .iter()
                    .zip(b)
                    .filter(|(p, q)| **p != 0.0 || **q != 0.0)
                    .count();
                if both == 0 {
                    0.0
                } else {
                    both as f64 / either as f64
                }
            }
            SimilarityMethod::Correlation => {
                let m = a.len() as f64;
                let (ma, mb) = (a.iter().sum::<f64>() / m, b.iter().sum::<f64>() / m);
                let ca: Vec<f64> = a.iter().map(|v| v - ma).collect();
                let cb: Vec<f64> = b.iter().map(|v| v - mb).collect();
                dot(&ca, &cb) / (dot(&ca, &ca) * dot(&cb, &cb)).sqrt()
            }
            SimilarityMethod::Euclidean => a
                .iter()
                .zip(b)
                .map(|(p, q)| (p - q) * (p - q))
                .sum::<f64>()
                .sqrt(),
        }
    }

    const METHODS: [SimilarityMethod; 4] = [
        SimilarityMethod::Cosine,
        SimilarityMethod::Jaccard,
        SimilarityMethod::Correlation,
        SimilarityMethod::Euclidean,
    ];

    #[test]
    fn dense_equals_direct_formulas() {
        let m = matrix();
        for margin in [Margin::Units, Margin::Terms] {
            let items = dense(&m, margin);
            for method in METHODS {
                let (s, n) = similarity_matrix(&CsrView::of(&m), method, margin).unwrap();
                assert_eq!(n, items.len());
                for i in 0..n {
                    for j in 0..n {
                        let want = direct(method, &items[i], &items[j]);
                        let got = s[i * n + j];
                        assert!(
                            (want.is_nan() && got.is_nan()) || (want - got).abs() < 1e-12,
                            "{method:?} {margin:?} ({i}, {j}): {got} != {want}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn nearest_equals_sorted_dense_rows() {
        let docs: Vec<Vec<String>> = (0..100)
            .map(|i| {
                (0..i % 9)
                    .map(|k| ((i * 7 + k * 13) % 23).to_string())
                    .collect()
            })
            .collect();
        let many = DocTermMatrix::from_tokens(&docs, &DtmOptions::default()).unwrap();
        check_nearest(&matrix(), &[1, 2, 5, 9]);
        check_nearest(&many, &[3, 80]);
    }

    fn check_nearest(m: &DocTermMatrix, ks: &[usize]) {
        for method in METHODS {
            let (s, n) = similarity_matrix(&CsrView::of(m), method, Margin::Units).unwrap();
            for &k in ks {
                let nn = nearest(&CsrView::of(m), method, Margin::Units, k).unwrap();
                for i in 0..n {
                    let mut want: Vec<(f64, u32)> = (0..n)
                        .filter(|&j| j != i)
                        .map(|j| (s[i * n + j], j as u32))
                        .collect();
                    want.sort_by(|&a, &b| nearer(method.is_distance(), a, b));
                    want.truncate(k.min(n - 1));
                    let mut want: Vec<u32> = want.into_iter().map(|e| e.1).collect();
                    want.sort_unstable();
                    let r = nn.indptr[i] as usize..nn.indptr[i + 1] as usize;
                    let got: Vec<u32> = nn.indices[r.clone()].iter().map(|&j| j as u32).collect();
                    assert_eq!(got, want, "{method:?} k={k} row {i}");
                    for (&j, &v) in nn.indices[r.clone()].iter().zip(&nn.data[r]) {
                        let w = s[i * n + j as usize];
                        assert!((v.is_nan() && w.is_nan()) || v == w);
                    }
                }
            }
        }
    }

    #[test]
    fn same_for_any_thread_count() {
        let m = matrix();
        let run = |t: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
                .install(|| {
                    METHODS.map(|me| {
                        let d = similarity_matrix(&CsrView::of(&m), me, Margin::Terms).unwrap();
                        let nn = nearest(&CsrView::of(&m), me, Margin::Units, 2).unwrap();
                        (
                            d.0.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                            nn.indices,
                        )
                    })
                })
        };
        assert_eq!(run(1), run(2));
        assert_eq!(run(1), run(8));
    }

    #[test]
    fn too_many_items_and_zero_k_are_errors() {
        let m = matrix();
        assert!(nearest(&CsrView::of(&m), SimilarityMethod::Cosine, Margin::Units, 0).is_err());
        let docs: Vec<Vec<String>> = (0..MAX_DENSE_ITEMS + 1)
            .map(|i| vec![i.to_string()])
            .collect();
        let big = DocTermMatrix::from_tokens(&docs, &DtmOptions::default()).unwrap();
        let e = similarity_matrix(&CsrView::of(&big), SimilarityMethod::Cosine, Margin::Units);
        assert!(e.unwrap_err().to_string().contains("top_k"));
    }
}
