//! Counting the frequent n-grams of a token stream, level by level, and the per-position
//! term counts of its n-gram windows.

use std::ops::Range;

use rayon::prelude::*;

use super::super::Tokens;

/// No frequent n-gram starts here.
const NONE: u32 = u32::MAX;

/// Frequent n-grams of one level: `(prefix id << 32 | last term id, count)`, sorted by key,
/// which is term order since prefix ids are given in term order.
pub(super) type Level = Vec<(u64, u64)>;

/// The token stream cut into chunks of whole sentences, and the counts every measure needs.
pub(super) struct Counter<'a> {
    pub(super) t: &'a Tokens,
    pub(super) n: usize,
    min_count: u64,
    /// Sentence ranges, each a task.
    pub(super) chunks: Vec<Range<usize>>,
    /// Occurrences of each term.
    pub(super) unigrams: Vec<u64>,
}

impl<'a> Counter<'a> {
    pub(super) fn new(t: &'a Tokens, n: usize, min_count: u64) -> Counter<'a> {
        let mut unigrams = vec![0u64; t.terms.len()];
        for &id in &t.ids {
            unigrams[id as usize] += 1;
        }
        // About 64 chunks per thread-count-independent split: results are integer sums.
        let target = (t.ids.len() / 256).max(4096);
        let mut chunks = Vec::new();
        let mut start = 0;
        for s in 0..t.sentence_count() {
            if t.sentences[s + 1] - t.sentences[start] >= target {
                chunks.push(start..s + 1);
                start = s + 1;
            }
        }
        if start < t.sentence_count() {
            chunks.push(start..t.sentence_count());
        }
        Counter {
            t,
            n,
            min_count,
            chunks,
            unigrams,
        }
    }

    /// Start positions of the windows of `w` tokens in sentence `s`.
    #[inline]
    pub(super) fn windows(&self, s: usize, w: usize) -> Range<usize> {
        let (a, b) = (self.t.sentences[s], self.t.sentences[s + 1]);
        if b >= a + w { a..b + 1 - w } else { a..a }
    }

    /// The frequent k-grams of every level k = 2..=n.
    pub(super) fn frequent(&self) -> Vec<Level> {
        if self.n == 2 {
            return vec![self.bigrams()];
        }
        let m = self.min_count;
        let ids = &self.t.ids;
        let mut prev: Vec<u32> = ids
            .par_iter()
            .map(|&id| {
                if self.unigrams[id as usize] >= m {
                    id
                } else {
                    NONE
                }
            })
            .collect();
        let mut levels = Vec::with_capacity(self.n - 1);
        for k in 2..=self.n {
            let prev_ref = &prev;
            // The k-gram at `p`, where its (k-1)-grams at `p` and `p + 1` are both frequent.
            let key = move |p: usize| {
                let (a, b) = (prev_ref[p], prev_ref[p + 1]);
                (a != NONE && b != NONE).then(|| (u64::from(a) << 32) | u64::from(ids[p + k - 1]))
            };
            let at = |c: &Range<usize>| {
                c.clone().flat_map(move |s| {
                    self.windows(s, k)
                        .filter_map(move |p| key(p).map(|x| (x, p)))
                })
            };
            let mut level: Level = Vec::new();
            if k == self.n {
                // The last level needs no positions: sorting keys alone is faster.
                let mut keys: Vec<u64> = self
                    .chunks
                    .par_iter()
                    .flat_map_iter(|c| at(c).map(|(x, _)| x))
                    .collect();
                keys.par_sort_unstable();
                for run in keys.chunk_by(|a, b| a == b) {
                    if run.len() as u64 >= m {
                        level.push((run[0], run.len() as u64));
                    }
                }
                levels.push(level);
                break;
            }
            let mut pairs: Vec<(u64, u32)> = self
                .chunks
                .par_iter()
                .flat_map_iter(|c| at(c).map(|(x, p)| (x, p as u32)))
                .collect();
            // Keys and positions together are unique: the sorted order is the same for any
            // thread count.
            pairs.par_sort_unstable();
            let mut cur = vec![NONE; ids.len()];
            for run in pairs.chunk_by(|a, b| a.0 == b.0) {
                if run.len() as u64 >= m {
                    let id = level.len() as u32;
                    level.push((run[0].0, run.len() as u64));
                    for &(_, p) in run {
                        cur[p as usize] = id;
                    }
                }
            }
            levels.push(level);
            prev = cur;
        }
        levels
    }

    /// The frequent bigrams, without a key per window to sort: each task buckets its windows'
    /// second terms by first term (a counting sort), then each first term's buckets are
    /// gathered, sorted and counted. Buckets are summed, so no split changes the result.
    fn bigrams(&self) -> Level {
        let m = self.min_count;
        let (f, ids) = (&self.unigrams, &self.t.ids);
        let v = f.len();
        let kept = |p: usize| f[ids[p] as usize] >= m && f[ids[p + 1] as usize] >= m;
        let per = self
            .chunks
            .len()
            .div_ceil(rayon::current_num_threads())
            .max(1);
        // Per task: where each first term's bucket starts (`v + 1` entries), and the buckets.
        let parts: Vec<(Vec<usize>, Vec<u32>)> = self
            .chunks
            .par_chunks(per)
            .map(|group| {
                let positions = || {
                    group
                        .iter()
                        .flat_map(|c| c.clone())
                        .flat_map(|s| self.windows(s, 2))
                        .filter(|&p| kept(p))
                };
                let mut start = vec![0usize; v + 1];
                for p in positions() {
                    start[ids[p] as usize + 1] += 1;
                }
                for a in 0..v {
                    start[a + 1] += start[a];
                }
                let mut second = vec![0u32; start[v]];
                let mut next = start.clone();
                for p in positions() {
                    let a = ids[p] as usize;
                    second[next[a]] = ids[p + 1];
                    next[a] += 1;
                }
                (start, second)
            })
            .collect();
        let size = |a: usize| -> usize { parts.iter().map(|(s, _)| s[a + 1] - s[a]).sum() };
        // First terms in ranges of about equal work, each range a task.
        let total: usize = parts.iter().map(|(_, b)| b.len()).sum();
        let target = (total / 64).max(1 << 16);
        let mut ranges = Vec::new();
        let (mut lo, mut acc) = (0, 0);
        for a in 0..v {
            acc += size(a);
            if acc >= target {
                ranges.push(lo..a + 1);
                (lo, acc) = (a + 1, 0);
            }
        }
        if lo < v {
            ranges.push(lo..v);
        }
        ranges
            .par_iter()
            .flat_map_iter(|r| {
                let mut level: Level = Vec::new();
                let mut bucket: Vec<u32> = Vec::new();
                for a in r.clone() {
                    // No bigram of a first term seen fewer than `m` times reaches `m`.
                    if (size(a) as u64) < m {
                        continue;
                    }
                    bucket.clear();
                    for (s, b) in &parts {
                        bucket.extend_from_slice(&b[s[a]..s[a + 1]]);
                    }
                    bucket.sort_unstable();
                    for run in bucket.chunk_by(|x, y| x == y) {
                        if run.len() as u64 >= m {
                            level.push(((a as u64) << 32 | u64::from(run[0]), run.len() as u64));
                        }
                    }
                }
                level
            })
            .collect()
    }

    /// The term ids of frequent k-gram `id`, into `out` (`k` long).
    pub(super) fn expand_into(&self, levels: &[Level], id: u32, out: &mut [u32]) {
        let mut id = id;
        for j in (1..out.len()).rev() {
            let key = levels[j - 1][id as usize].0;
            out[j] = key as u32;
            id = (key >> 32) as u32;
        }
        out[0] = id;
    }

    /// The count of a contiguous frequent n-gram (every part of a frequent n-gram is one).
    pub(super) fn count_of(&self, levels: &[Level], gram: &[u32]) -> u64 {
        if gram.len() == 1 {
            return self.unigrams[gram[0] as usize];
        }
        let mut id = gram[0];
        let mut count = 0;
        for (j, &last) in gram.iter().enumerate().skip(1) {
            let key = (u64::from(id) << 32) | u64::from(last);
            let level = &levels[j - 1];
            match level.binary_search_by_key(&key, |e| e.0) {
                Ok(i) => {
                    id = i as u32;
                    count = level[i].1;
                }
                Err(_) => return 0,
            }
        }
        count
    }

    /// quanteda's window margins: per position `k` of the n-gram windows, the occurrences of
    /// each term there, and the number of windows. Each term's count less the tokens no
    /// window puts at `k` (the first `k` and last `n - 1 - k` of a sentence, or all of one
    /// shorter than `n`): a few tokens per sentence read, not `n` per token.
    pub(super) fn window_positions(&self) -> (Vec<Vec<u64>>, u64) {
        let n = self.n;
        let ids = &self.t.ids;
        let mut at = vec![self.unigrams.clone(); n];
        let mut windows = 0u64;
        for s in 0..self.t.sentence_count() {
            let (a, b) = (self.t.sentences[s], self.t.sentences[s + 1]);
            let len = b - a;
            if len < n {
                for col in at.iter_mut() {
                    for &id in &ids[a..b] {
                        col[id as usize] -= 1;
                    }
                }
                continue;
            }
            windows += (len + 1 - n) as u64;
            for (k, col) in at.iter_mut().enumerate() {
                for &id in ids[a..a + k].iter().chain(&ids[b + 1 + k - n..b]) {
                    col[id as usize] -= 1;
                }
            }
        }
        (at, windows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Corpus, Unit};

    fn tokens() -> Tokens {
        Corpus::from_texts([
            "我们坚持改革开放，推动经济发展。推动经济发展和社会进步。",
            "经济发展。发展。坚持改革开放推动经济发展和社会进步。",
        ])
        .tokens(&Analyzer::default(), Unit::Sentence)
    }

    #[test]
    fn window_positions_match_a_count_of_every_window() {
        let t = tokens();
        for n in 2..=5 {
            let c = Counter::new(&t, n, 1);
            let mut want = vec![vec![0u64; t.terms.len()]; n];
            let mut windows = 0;
            for s in t.sentence_ids() {
                for w in s.windows(n) {
                    windows += 1;
                    for (k, &id) in w.iter().enumerate() {
                        want[k][id as usize] += 1;
                    }
                }
            }
            assert_eq!(c.window_positions(), (want, windows), "size {n}");
        }
    }

    #[test]
    fn bigrams_match_the_level_wise_count() {
        let t = tokens();
        for m in 1..=3 {
            let c = Counter::new(&t, 2, m);
            let mut want: Level = Vec::new();
            let mut keys: Vec<u64> = t
                .sentence_ids()
                .flat_map(|s| s.windows(2))
                .map(|w| (u64::from(w[0]) << 32) | u64::from(w[1]))
                .collect();
            keys.sort_unstable();
            for run in keys.chunk_by(|a, b| a == b) {
                if run.len() as u64 >= m {
                    want.push((run[0], run.len() as u64));
                }
            }
            assert!(!want.is_empty());
            assert_eq!(c.bigrams(), want, "min_count {m}");
        }
    }
}
