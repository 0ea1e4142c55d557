//! jieba's `FREQ` and `total` (its prefix dictionary), `get_DAG` and `calc`, for scripts
//! written against jieba's internals.
//!
//! The segmenter never cuts with this table: it is built on first use from the dictionary's
//! text (jieba's `gen_pfdict`) and then follows every change to the dictionary the way
//! jieba's `add_word` changes `FREQ` and `total`.

use rustc_hash::FxHashMap;

/// jieba's prefix dictionary: every word with its frequency, and every prefix of a word with
/// frequency 0 unless it is a word itself; `total` sums the frequencies as read.
#[derive(Debug, Clone, Default)]
pub(crate) struct FreqTable {
    map: FxHashMap<Box<str>, usize>,
    /// Entries in insertion order (`dict` order in jieba), for iteration.
    order: Vec<Box<str>>,
    pub(crate) total: usize,
}

impl FreqTable {
    /// jieba's `gen_pfdict` over a `dict.txt`: `word freq [tag]` per line.
    pub(crate) fn from_dict(text: &str) -> FreqTable {
        let mut t = FreqTable::default();
        for line in text.lines() {
            let line = line.trim();
            let mut parts = line.split(' ');
            let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Ok(freq) = freq.parse::<usize>() else {
                continue;
            };
            t.set(word, freq);
            t.total += freq;
            t.add_prefixes(word);
        }
        t
    }

    fn set(&mut self, word: &str, freq: usize) {
        match self.map.get_mut(word) {
            Some(f) => *f = freq,
            None => {
                self.map.insert(word.into(), freq);
                self.order.push(word.into());
            }
        }
    }

    fn add_prefixes(&mut self, word: &str) {
        for (i, c) in word.char_indices() {
            let frag = &word[..i + c.len_utf8()];
            if !self.map.contains_key(frag) {
                self.map.insert(frag.into(), 0);
                self.order.push(frag.into());
            }
        }
    }

    /// jieba's `add_word` on `FREQ` and `total` (`total += freq`, as jieba does, even for a
    /// word already there).
    pub(crate) fn add_word(&mut self, word: &str, freq: usize) {
        self.set(word, freq);
        self.total += freq;
        self.add_prefixes(word);
    }

    /// `FREQ.get(word)`.
    pub(crate) fn get(&self, word: &str) -> Option<usize> {
        self.map.get(word).copied()
    }

    /// `FREQ.items()` in jieba's order.
    pub(crate) fn items(&self) -> impl Iterator<Item = (&str, usize)> {
        self.order.iter().map(|w| (&**w, self.map[w]))
    }

    /// Number of entries (words and prefixes).
    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }

    /// jieba's `get_DAG`: for each char, the char indices where a dictionary word starting
    /// there ends (itself if none).
    pub(crate) fn dag(&self, text: &str) -> Vec<Vec<usize>> {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let n = bounds.len() - 1;
        (0..n)
            .map(|k| {
                let mut ends = Vec::new();
                let mut i = k;
                while i < n {
                    match self.map.get(&text[bounds[k]..bounds[i + 1]]) {
                        Some(&f) => {
                            if f > 0 {
                                ends.push(i);
                            }
                        }
                        None => break,
                    }
                    i += 1;
                }
                if ends.is_empty() {
                    ends.push(k);
                }
                ends
            })
            .collect()
    }

    /// jieba's `calc`: the best route from each char, `(log probability, end)`, given a DAG;
    /// `None` when the DAG names a char outside the text.
    pub(crate) fn calc(&self, text: &str, dag: &[Vec<usize>]) -> Option<Vec<(f64, usize)>> {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let n = bounds.len() - 1;
        if dag.len() < n {
            return None;
        }
        let log_total = (self.total as f64).ln();
        let mut route = vec![(0.0f64, 0usize); n + 1];
        for idx in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            for &x in &dag[idx] {
                if x < idx || x >= n {
                    return None;
                }
                let f = self
                    .get(&text[bounds[idx]..bounds[x + 1]])
                    .filter(|&f| f > 0)
                    .unwrap_or(1);
                let p = (f as f64).ln() - log_total + route[x + 1].0;
                // Python's max over (prob, x) tuples: a tie goes to the larger end.
                if best.is_none_or(|(bp, bx)| p > bp || (p == bp && x > bx)) {
                    best = Some((p, x));
                }
            }
            route[idx] = best?;
        }
        Some(route)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_dag_and_route() {
        let mut t = FreqTable::from_dict("北京 10 ns\n北京大学 5 nt\n大学 8 n\n");
        assert_eq!(t.get("北京大"), Some(0));
        assert_eq!(t.total, 23);
        assert_eq!(t.dag("北京大学"), [vec![1, 3], vec![1], vec![3], vec![3]]);
        let route = t.calc("北京大学", &t.dag("北京大学")).unwrap();
        assert_eq!(route[0].1, 3);
        t.add_word("京大", 4);
        assert_eq!(t.total, 27);
        assert_eq!(t.dag("北京大学")[1], [2]);
        assert!(t.calc("北京", &[vec![5], vec![1]]).is_none());
    }
}
