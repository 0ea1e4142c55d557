//! The arithmetic of weights, row by row in parallel and the same for any thread count:
//! column sums, scikit-learn's idf, sublinear tf and row norms.

use ndarray::Array1;
use rayon::prelude::*;

use super::{Norm, TfidfOptions};

/// Per column, what `add` adds up for each item into an array of `n_cols` counts: in parallel
/// over contiguous parts of `items` (at least `min_part` items each), each into its own array,
/// the arrays summed at the end (integers: the same sums for any split).
pub(crate) fn column_counts<T: Sync>(
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
pub(super) fn weigh_rows(
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
pub(super) fn rows_mut<'a>(
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
pub(super) fn idf_of(n_rows: usize, df: &[u64], smooth_idf: bool) -> Array1<f64> {
    let s = f64::from(u8::from(smooth_idf));
    let n = n_rows as f64 + s;
    df.iter()
        .map(|&d| (n / (d as f64 + s)).ln() + 1.0)
        .collect()
}

/// Normalise one row's values in place (all zeros stay zeros).
pub(super) fn normalize_row(row: &mut [f64], norm: Norm) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
