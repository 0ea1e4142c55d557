//! Set formulations (提法): counting given phrases wherever their characters occur, and
//! discovering the recurring ones — maximal repeated strings within clauses, on token
//! boundaries, in enough documents — from a suffix array ([`crate::suffix`]).

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use wenmai_segment::{CutMode, Segmenter};

use crate::suffix::{ParamError, SuffixIndex};

/// How often each phrase occurs in each document: `counts[d * phrases + p]`, as Python's
/// `text.count(phrase)` counts (occurrences of one phrase do not overlap; different
/// phrases are counted independently).
///
/// # Errors
/// [`ParamError`] when a phrase is empty.
///
/// # Examples
/// ```
/// use wenmai_rhetoric::formulation::count_phrases;
/// let n = count_phrases(&["哈哈哈，高质量发展", "发展"], &["哈哈", "发展"]).unwrap();
/// assert_eq!(n, [1, 1, 0, 1]);
/// ```
pub fn count_phrases<S: AsRef<str> + Sync, P: AsRef<str>>(
    texts: &[S],
    phrases: &[P],
) -> Result<Vec<u32>, ParamError> {
    if let Some(p) = phrases.iter().position(|p| p.as_ref().is_empty()) {
        return Err(ParamError(format!(
            "phrase {p} is empty: give each phrase at least one character"
        )));
    }
    // Duplicates are searched once and their counts copied.
    let mut distinct: FxHashMap<&str, usize> = FxHashMap::default();
    let mut patterns: Vec<&str> = Vec::new();
    let which: Vec<usize> = phrases
        .iter()
        .map(|p| {
            *distinct.entry(p.as_ref()).or_insert_with(|| {
                patterns.push(p.as_ref());
                patterns.len() - 1
            })
        })
        .collect();
    let n = phrases.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let ac = AhoCorasick::new(&patterns)
        .map_err(|e| ParamError(format!("the phrases cannot be searched for: {e}")))?;
    let per_doc: Vec<Vec<u32>> = texts
        .par_iter()
        .map(|t| {
            let mut count = vec![0u32; patterns.len()];
            let mut end = vec![0usize; patterns.len()];
            // Overlapping search meets one phrase's matches by increasing start; keeping
            // those starting at or after the last kept one's end is `str.count`.
            for m in ac.find_overlapping_iter(t.as_ref()) {
                let p = m.pattern().as_usize();
                if count[p] == 0 || m.start() >= end[p] {
                    count[p] += 1;
                    end[p] = m.end();
                }
            }
            which.iter().map(|&w| count[w]).collect()
        })
        .collect();
    Ok(per_doc.concat())
}

/// What formulation discovery looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscoverOptions {
    /// Fewest documents a formulation occurs in.
    pub min_docs: usize,
    /// Shortest formulation, in chars.
    pub min_len: usize,
    /// Longest formulation, in chars (longer repeats are cut to this length).
    pub max_len: usize,
    /// Whether jieba's HMM finds the token boundaries (jieba's default).
    pub hmm: bool,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            min_docs: 3,
            min_len: 4,
            max_len: 16,
            hmm: true,
        }
    }
}

/// A discovered formulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formulation {
    /// The phrase.
    pub phrase: String,
    /// Its occurrences found by the suffix array (overlapping ones included).
    pub occurrences: usize,
    /// The documents it occurs in.
    pub documents: usize,
}

/// Whether `c` ends a clause for formulations: anything but letters and digits.
pub fn is_clause_break(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The recurring formulations of `texts`: strings of `min_len..=max_len` chars within
/// clauses (no punctuation, whitespace or symbol inside) that occur in at least `min_docs`
/// documents, that start and end on jieba token boundaries at most of their occurrences,
/// whose first and last tokens (at the first occurrence) are not stop words (`is_stop`: a
/// formulation does not begin with 的 or end with 和), and that are not part of a longer
/// such string with as many occurrences (a maximal repeat). Sorted by documents, then occurrences (both descending), then phrase.
///
/// The suffix array's LCP intervals are the right-maximal repeats; each gives the longest
/// prefix of its string that ends on token boundaries, and a candidate inside a longer one
/// with the same number of occurrences (not left-maximal) is dropped.
///
/// # Errors
/// [`ParamError`] when `min_len` is 0 or above `max_len`, `max_len` above 255, or
/// `min_docs` 0.
///
/// # Examples
/// ```
/// use wenmai_rhetoric::formulation::{DiscoverOptions, discover};
/// use wenmai_segment::Segmenter;
/// let texts = ["我们要推动高质量发展。", "必须推动高质量发展！", "推动高质量发展，是主题"];
/// let stop = |w: &str| w == "的";
/// let f = discover(&texts, &Segmenter::default(), stop, &DiscoverOptions::default()).unwrap();
/// assert_eq!(f[0].phrase, "推动高质量发展");
/// assert_eq!((f[0].occurrences, f[0].documents), (3, 3));
/// assert!(f.iter().all(|f| f.phrase != "高质量发展"));
/// ```
pub fn discover<S: AsRef<str> + Sync>(
    texts: &[S],
    segmenter: &Segmenter,
    is_stop: impl Fn(&str) -> bool,
    opts: &DiscoverOptions,
) -> Result<Vec<Formulation>, ParamError> {
    let DiscoverOptions {
        min_docs,
        min_len,
        max_len,
        hmm,
    } = *opts;
    if min_len == 0 || min_len > max_len || max_len > 255 {
        return Err(ParamError(format!(
            "min_len = {min_len}, max_len = {max_len}: give 1 <= min_len <= max_len <= 255"
        )));
    }
    if min_docs == 0 {
        return Err(ParamError(
            "min_docs = 0: give the fewest documents a formulation occurs in, at least 1".into(),
        ));
    }
    let ix = SuffixIndex::new(texts, is_clause_break)?;
    // Token boundaries of each document: `bounds[d][o]` when a token starts at char `o`.
    let bounds: Vec<Vec<bool>> = texts
        .par_iter()
        .map(|t| {
            let t = t.as_ref();
            let mut b = vec![false; t.chars().count() + 1];
            for tok in segmenter.tokenize(t, CutMode::Precise, hmm) {
                b[tok.start] = true;
                b[tok.end] = true;
            }
            b
        })
        .collect();
    let bound = |p: usize, len: usize| -> bool {
        let o = ix.offset[p] as usize + len;
        bounds[ix.doc[p] as usize].get(o).copied().unwrap_or(false)
    };
    let lcp = ix.lcp(max_len);
    let mut found: Vec<(usize, usize, usize, usize)> = Vec::new(); // (pos, len, occ, docs)
    let mut docs_seen: Vec<u32> = Vec::new();
    let mut consider = |l: usize, lb: usize, rb: usize, parent: usize| {
        let occ = &ix.sa[lb..=rb];
        docs_seen.clear();
        docs_seen.extend(occ.iter().map(|&p| ix.doc[p as usize]));
        docs_seen.sort_unstable();
        docs_seen.dedup();
        if docs_seen.len() < min_docs {
            return;
        }
        let most = |f: &dyn Fn(usize) -> bool| {
            2 * occ.iter().filter(|&&p| f(p as usize)).count() > occ.len()
        };
        if !most(&|p| bound(p, 0)) {
            return;
        }
        // The first and last tokens at the first occurrence, for the stop-word check.
        let p0 = occ[0] as usize;
        let first_end = (1..=l).find(|&j| bound(p0, j)).unwrap_or(l);
        if is_stop(&ix.string(p0, first_end)) {
            return;
        }
        let last_ok = |len: usize| {
            let start = (0..len).rev().find(|&j| bound(p0, j)).unwrap_or(0);
            !is_stop(&ix.string(p0 + start, len - start))
        };
        let shortest = (parent + 1).max(min_len);
        if let Some(len) = (shortest..=l)
            .rev()
            .find(|&len| most(&|p| bound(p, len)) && last_ok(len))
        {
            found.push((occ[0] as usize, len, occ.len(), docs_seen.len()));
        }
    };
    // Bottom-up traversal of the LCP intervals (Abouelhoda, Kurtz and Ohlebusch 2004).
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    // A final 0 closes every interval still open.
    for (k, &l) in lcp.iter().chain([&0]).enumerate().skip(1) {
        let l = l as usize;
        let mut lb = k - 1;
        while l < stack.last().map_or(0, |s| s.0) {
            let (tl, tlb) = stack.pop().unwrap_or((0, 0));
            lb = tlb;
            let parent = l.max(stack.last().map_or(0, |s| s.0));
            if tl >= min_len {
                consider(tl, tlb, k - 1, parent);
            }
        }
        if l > stack.last().map_or(0, |s| s.0) {
            stack.push((l, lb));
        }
    }
    // Drop a candidate inside a longer one with as many occurrences.
    let key = |p: usize, len: usize| &ix.text[p..p + len];
    let by_key: FxHashMap<&[u32], usize> = found
        .iter()
        .enumerate()
        .map(|(i, &(p, len, _, _))| (key(p, len), i))
        .collect();
    let mut inside = vec![false; found.len()];
    for &(p, len, occ, _) in &found {
        for a in 0..len {
            for b in a + min_len..=len {
                if b - a == len {
                    continue;
                }
                if let Some(&j) = by_key.get(key(p + a, b - a))
                    && found[j].2 == occ
                {
                    inside[j] = true;
                }
            }
        }
    }
    let mut out: Vec<Formulation> = found
        .iter()
        .zip(&inside)
        .filter(|&(_, &i)| !i)
        .map(|(&(p, len, occ, docs), _)| Formulation {
            phrase: ix.string(p, len),
            occurrences: occ,
            documents: docs,
        })
        .collect();
    out.sort_by(|a, b| {
        (b.documents, b.occurrences)
            .cmp(&(a.documents, a.occurrences))
            .then_with(|| a.phrase.cmp(&b.phrase))
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_str_count() {
        let texts = ["aaaa", "abab aba", ""];
        let phrases = ["aa", "aba", "a", "aa"];
        let n = count_phrases(&texts, &phrases).unwrap();
        let want: Vec<u32> = texts
            .iter()
            .flat_map(|t| phrases.iter().map(|p| t.matches(p).count() as u32))
            .collect();
        assert_eq!(n, want);
        assert!(count_phrases(&texts, &[""]).is_err());
    }

    #[test]
    fn discovery_respects_documents_and_clauses() {
        let seg = Segmenter::default();
        let texts = [
            "全面从严治党，深化改革。",
            "坚持全面从严治党",
            "全面从严，治党",
        ];
        let opts = DiscoverOptions {
            min_docs: 2,
            ..DiscoverOptions::default()
        };
        let f = discover(&texts, &seg, |_| false, &opts).unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].phrase.as_str(), f[0].documents), ("全面从严治党", 2));
        let opts = DiscoverOptions {
            min_docs: 3,
            ..DiscoverOptions::default()
        };
        assert!(discover(&texts, &seg, |_| false, &opts).unwrap().is_empty());
        let bad = DiscoverOptions {
            min_len: 0,
            ..DiscoverOptions::default()
        };
        assert!(discover(&texts, &seg, |_| false, &bad).is_err());
        // A stop word at either end: the phrase is cut to what lies between.
        let texts = ["全面从严治党的", "全面从严治党的", "和全面从严治党的"];
        let stop = |w: &str| w == "的" || w == "和";
        let f = discover(&texts, &seg, stop, &opts).unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].phrase, "全面从严治党");
    }
}
