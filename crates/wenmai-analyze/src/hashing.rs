//! Feature hashing as scikit-learn's `FeatureHasher` (behind `HashingVectorizer`) does it:
//! each token's signed MurmurHash3 (x86, 32-bit, seed 0, on its UTF-8 bytes) picks the column
//! `|h| % n_features`, and with `alternate_sign` the value is `+1` for `h >= 0`, else `-1`.
//! Rows are summed per column in column order, zeros from cancelling signs kept, so the CSR
//! arrays are the ones scikit-learn's `sum_duplicates` leaves.

use rayon::prelude::*;

/// scikit-learn's `murmurhash3_32(token, seed=0)` (signed).
pub fn murmur3_signed(token: &str) -> i32 {
    let mut bytes = token.as_bytes();
    // Reading from a byte slice never fails, so the error arm cannot be taken.
    let h = murmur3::murmur3_32(&mut bytes, 0).unwrap_or_default();
    h as i32
}

/// The column of a hash: `abs(h) % n_features`, with `abs(i32::MIN)` taken as 2^31 (what
/// scikit-learn special-cases to avoid the overflow).
pub fn column(h: i32, n_features: u32) -> u32 {
    h.unsigned_abs() % n_features
}

/// A CSR matrix of hashed counts (`n_rows x n_features`), scipy's layout.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HashedRows {
    /// Row starts into `indices` / `data`, `n_rows + 1` entries.
    pub indptr: Vec<i64>,
    /// Column of each stored value, sorted within a row.
    pub indices: Vec<i32>,
    /// Summed signed counts.
    pub data: Vec<f64>,
}

/// Hash the token lists of many documents, in parallel; `n_features` must be at least 1.
pub fn hash_rows<S: AsRef<str> + Sync>(
    docs: &[Vec<S>],
    n_features: u32,
    alternate_sign: bool,
) -> HashedRows {
    let n = n_features.max(1);
    let rows: Vec<Vec<(u32, f64)>> = docs
        .par_iter()
        .map(|tokens| hash_row(tokens, n, alternate_sign))
        .collect();
    let mut out = HashedRows {
        indptr: Vec::with_capacity(rows.len() + 1),
        ..HashedRows::default()
    };
    out.indptr.push(0);
    for row in rows {
        for (col, v) in row {
            // n_features fits in i32 (scikit-learn caps it at 2^31 - 1), so every column does.
            out.indices.push(col as i32);
            out.data.push(v);
        }
        out.indptr.push(out.indices.len() as i64);
    }
    out
}

fn hash_row<S: AsRef<str>>(tokens: &[S], n_features: u32, alternate_sign: bool) -> Vec<(u32, f64)> {
    let mut cells: Vec<(u32, f64)> = tokens
        .iter()
        .map(|t| {
            let h = murmur3_signed(t.as_ref());
            let v = if alternate_sign && h < 0 { -1.0 } else { 1.0 };
            (column(h, n_features), v)
        })
        .collect();
    cells.sort_unstable_by_key(|&(c, _)| c);
    let mut row: Vec<(u32, f64)> = Vec::with_capacity(cells.len());
    for (c, v) in cells {
        match row.last_mut() {
            Some(last) if last.0 == c => last.1 += v,
            _ => row.push((c, v)),
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn murmur3_matches_reference_values() {
        // Values of scikit-learn's murmurhash3_32(key, seed=0) (signed).
        assert_eq!(murmur3_signed(""), 0);
        assert_eq!(murmur3_signed("bar"), 1_158_584_717);
        assert_eq!(murmur3_signed("发展"), -721_779_381);
        assert_eq!(murmur3_signed("foo"), -156_908_512);
        assert_eq!(murmur3_signed("Hello World!"), -603_376_259);
    }

    #[test]
    fn column_of_min_hash_does_not_overflow() {
        assert_eq!(column(i32::MIN, 7), (1u64 << 31) as u32 % 7);
        assert_eq!(column(-5, 3), 2);
    }

    #[test]
    fn rows_sum_per_column_and_keep_cancelled_zeros() {
        let docs = vec![vec!["foo", "foo", "bar"], vec![], vec!["foo"]];
        let m = hash_rows(&docs, 1, true);
        assert_eq!(m.indptr, vec![0, 1, 1, 2]);
        assert_eq!(m.indices, vec![0, 0]);
        let foo = if murmur3_signed("foo") < 0 { -1.0 } else { 1.0 };
        let bar = if murmur3_signed("bar") < 0 { -1.0 } else { 1.0 };
        assert_eq!(m.data, vec![2.0 * foo + bar, foo]);
        let unsigned = hash_rows(&docs, 1 << 20, false);
        assert!(unsigned.data.iter().all(|&v| v > 0.0));
        assert_eq!(unsigned.indptr[1], 2);
    }
}
