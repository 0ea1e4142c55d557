//! The association measures of collocations, from their counts: NLTK's
//! (`NgramAssocMeasures`, `BigramAssocMeasures`), operation for operation so that the
//! doubles are the same, and quanteda's `lambda` and `z`.

/// NLTK's `_SMALL`, added where it adds it.
const SMALL: f64 = 1e-20;

/// An exponent the compiler cannot see, so that `powf` calls libm's `pow` as Python's `**`
/// does (folded into `x * x` it can differ by an ulp).
fn libm_exponent(e: f64) -> f64 {
    std::hint::black_box(e)
}

/// `a / b` correctly rounded, as Python's true division of two ints: the quotient to 55 or
/// 56 bits with a sticky bit, then one rounding (to within an ulp where `b` is too wide).
fn ratio(a: u128, b: u128) -> f64 {
    const EXACT: u128 = 1 << 53;
    if a < EXACT && b < EXACT || a == 0 || b == 0 {
        return a as f64 / b as f64;
    }
    let (la, lb) = (
        128 - a.leading_zeros() as i32,
        128 - b.leading_zeros() as i32,
    );
    let shift = la - lb - 55;
    let (q, r) = if shift >= 0 {
        let d = b << shift;
        (a / d, a % d)
    } else if la - shift <= 128 {
        let n = a << -shift;
        (n / b, n % b)
    } else {
        return a as f64 / b as f64;
    };
    (q | u128::from(r != 0)) as f64 * 2f64.powi(shift)
}

/// `prod` of counts as an exact integer where it fits, else as a double (the factors read
/// twice rather than collected: this runs several times per candidate).
fn product(xs: impl Iterator<Item = u64> + Clone) -> Result<u128, f64> {
    xs.clone()
        .try_fold(1u128, |p, x| p.checked_mul(u128::from(x)))
        .ok_or_else(|| xs.map(|x| x as f64).product())
}

fn as_f64(x: Result<u128, f64>) -> f64 {
    match x {
        Ok(v) => v as f64,
        Err(f) => f,
    }
}

/// NLTK `pmi`: `log2(c * N^(n-1)) - log2(prod f_j)`.
pub(super) fn pmi(count: u64, uni: &[u64], total: u64) -> f64 {
    let n = uni.len() as u32;
    let left = if n == 2 {
        // The bigram finder's count is a float (`count / (window_size - 1.0)`).
        (count as f64 * total as f64).log2()
    } else {
        match product(std::iter::once(count).chain(std::iter::repeat_n(total, n as usize - 1))) {
            Ok(v) => (v as f64).log2(),
            Err(_) => (count as f64).log2() + f64::from(n - 1) * (total as f64).log2(),
        }
    };
    let right = match product(uni.iter().copied()) {
        Ok(v) => (v as f64).log2(),
        Err(_) => uni.iter().map(|&f| (f as f64).log2()).sum(),
    };
    left - right
}

/// `prod f_j / N^(n-1)`, NLTK's expected count under independence.
fn expected(uni: &[u64], total: u64) -> f64 {
    let n = uni.len();
    let num = product(uni.iter().copied());
    let den = product(std::iter::repeat_n(total, n - 1));
    match (num, den) {
        (Ok(a), Ok(b)) => ratio(a, b),
        (a, b) => as_f64(a) / as_f64(b),
    }
}

/// NLTK `student_t`: `(c - prod f_j / N^(n-1)) / (c + 1e-20)^0.5`.
pub(super) fn student_t(count: u64, uni: &[u64], total: u64) -> f64 {
    let c = count as f64;
    (c - expected(uni, total)) / (c + SMALL).powf(libm_exponent(0.5))
}

/// NLTK `BigramAssocMeasures.chi_sq` (`N phi²`) and `likelihood_ratio`, operation for
/// operation.
pub(super) fn bigram_table(count: u64, ix: u64, xi: u64, total: u64) -> (f64, f64) {
    let n_ii = count as f64;
    let n_oi = xi as f64 - n_ii;
    let n_io = ix as f64 - n_ii;
    let n_oo = total as f64 - n_ii - n_oi - n_io;
    let cont = [n_ii, n_oi, n_io, n_oo];
    // phi_sq unpacks the table as (n_ii, n_io, n_oi, n_oo): the middle two swapped.
    let (a, b, c, d) = (n_ii, n_oi, n_io, n_oo);
    let phi = (a * d - b * c).powf(libm_exponent(2.0)) / ((a + b) * (a + c) * (b + d) * (c + d));
    let chi2 = total as f64 * phi;
    let n_xx = cont.iter().fold(0.0, |s, &v| s + v);
    let mut sum = 0.0;
    for i in 0..4 {
        let exp = (cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / n_xx;
        sum += cont[i] * (cont[i] / (exp + SMALL) + SMALL).ln();
    }
    (chi2, 2.0 * sum)
}

/// Möbius inversion over supersets: `f(b) = sum_{T ⊇ b} (-1)^|T \ b| marg(T)`, the count of
/// exactly pattern `b` from the counts of at least pattern `T`.
fn exact_cells(n: usize, marg: &[i64]) -> [i64; 32] {
    // At most 2^5 cells: an array, no allocation per candidate.
    let mut f = [0i64; 32];
    let len = marg.len().min(32);
    f[..len].copy_from_slice(&marg[..len]);
    for j in 0..n {
        for t in 0..len {
            if t >> j & 1 == 0 {
                f[t] -= f[t | 1 << j];
            }
        }
    }
    f
}

/// NLTK's generic `chi_sq` and `likelihood_ratio` (`NgramAssocMeasures`) for n >= 3, from
/// the marginals indexed by mask (bit j: token j is the collocation's).
pub(super) fn generic_table(n: usize, marg: &[i64], uni: &[u64], total: u64) -> (f64, f64) {
    let full = (1usize << n) - 1;
    let f = exact_cells(n, marg);
    // NLTK's cell x has bit j set where token j is *not* the collocation's.
    let mut cont = [0i64; 32];
    for (x, c) in cont.iter_mut().enumerate().take(full + 1) {
        *c = f[!x & full];
    }
    let cont = &cont[..=full];
    let den = product(std::iter::repeat_n(total, n - 1));
    let mut chi2 = 0.0;
    let mut llr = 0.0;
    for (i, &obs) in cont.iter().enumerate() {
        let num = product((0..n).map(|j| {
            if i >> j & 1 == 0 {
                uni[j]
            } else {
                total - uni[j]
            }
        }));
        let exp = match (num, den) {
            (Ok(a), Ok(b)) => ratio(a, b),
            (a, b) => as_f64(a) / as_f64(b),
        };
        let o = obs as f64;
        chi2 += (o - exp).powf(libm_exponent(2.0)) / (exp + SMALL);
        llr += o * (o / (exp + SMALL) + SMALL).ln();
    }
    (chi2, 2.0 * llr)
}

/// quanteda's `lambda` and `z` from the window counts indexed by mask (bit k: token k
/// agrees).
pub(super) fn lambda_z(n: usize, marg: &[i64], smoothing: f64) -> (f64, f64) {
    let f = exact_cells(n, marg);
    let mut lambda = 0.0;
    let mut s = 0.0;
    for (b, &cell) in f.iter().enumerate().take(marg.len()) {
        let c = cell as f64 + smoothing;
        let sign = if (n - b.count_ones() as usize) % 2 == 0 {
            1.0
        } else {
            -1.0
        };
        lambda += sign * c.ln();
        s += 1.0 / c;
    }
    (lambda, lambda / s.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_rounds_once() {
        // 10^20 / 3: the double nearest the exact quotient, as Python's int / int gives it.
        assert_eq!(ratio(10u128.pow(20), 3), 33333333333333333333.333f64);
        assert_eq!(ratio(3 << 60, 3 << 58), 4.0);
        // Where dividing the two rounded doubles is an ulp off (Python: 595679299.7587556).
        let (a, b) = (32015600926017737568757u128, 53746371477041u128);
        assert_ne!(a as f64 / b as f64, 595679299.7587556);
        assert_eq!(ratio(a, b), 595679299.7587556);
        assert_eq!(ratio(7, 2), 3.5);
    }

    #[test]
    fn lambda_of_a_two_by_two_table() {
        // Windows: ab ×2, ac, db: cells (both, first only, second only, neither).
        let marg = [4, 3, 3, 2];
        let (l, z) = lambda_z(2, &marg, 0.5);
        let cells = [0.5f64, 1.5, 1.5, 2.5];
        let want = cells[3].ln() - cells[1].ln() - cells[2].ln() + cells[0].ln();
        assert!((l - want).abs() < 1e-12);
        let s: f64 = cells.iter().map(|c| 1.0 / c).sum();
        assert!((z - want / s.sqrt()).abs() < 1e-12);
    }
}
