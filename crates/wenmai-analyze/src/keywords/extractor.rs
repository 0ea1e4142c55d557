//! jieba 0.42.1's keyword extractors over one text: `extract_tags` (tf-idf) and `textrank`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::io::BufRead;
use std::sync::Arc;

use wenmai_segment::Segmenter;

use super::{IdfTable, Ranking};
use crate::error::Result;

/// jieba's `KeywordExtractor.STOP_WORDS`.
pub const JIEBA_STOP_WORDS: [&str; 31] = [
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on",
    "with", "can", "if", "from", "which", "you", "it", "this", "then", "at", "have", "all", "not",
    "one", "has", "or",
];

/// A keyword and its weight; `flag` is its POS tag when asked for (`withFlag`).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// The word.
    pub word: String,
    /// Its weight.
    pub weight: f64,
    /// Its POS tag (only with `with_flag`).
    pub flag: Option<String>,
}

/// jieba's `textrank` default POS filter.
pub const TEXTRANK_POS: [&str; 4] = ["ns", "n", "vn", "v"];

/// Keyword extraction with jieba 0.42.1's `extract_tags` and `textrank` semantics.
///
/// # Examples
/// ```
/// use wenmai_analyze::KeywordExtractor;
/// let kw = KeywordExtractor::default();
/// let text = "今天纽约的天气真好啊，京华大酒店的张尧经理吃了一只北京烤鸭。后天纽约的天气不好，昨天纽约的天气也不好，北京烤鸭真好吃";
/// let tags: Vec<String> = kw.extract_tags(text, Some(3), &[], false).into_iter().map(|k| k.word).collect();
/// assert_eq!(tags, ["北京烤鸭", "纽约", "天气"]);
/// ```
#[derive(Debug, Clone)]
pub struct KeywordExtractor {
    segmenter: Segmenter,
    idf: Arc<IdfTable>,
    stop_words: Arc<HashSet<String>>,
    hmm: bool,
}

impl Default for KeywordExtractor {
    /// The default dictionary, jieba's idf table and stop words, HMM on.
    fn default() -> Self {
        KeywordExtractor {
            segmenter: Segmenter::default(),
            idf: IdfTable::jieba_shared(),
            stop_words: Arc::new(JIEBA_STOP_WORDS.iter().map(|w| (*w).to_owned()).collect()),
            hmm: true,
        }
    }
}

/// Python's `str.strip()` length is at least 2.
#[inline]
fn long_enough(w: &str) -> bool {
    w.trim().chars().nth(1).is_some()
}

impl KeywordExtractor {
    /// The top-`top_k` keywords of `text` by `ranking`: jieba's `extract_tags` with the POS
    /// tags `allow_pos` (none by default: all words), or `textrank` (by default
    /// [`TEXTRANK_POS`]). `top_k == 0` gives none.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::KeywordExtractor;
    /// use wenmai_analyze::keywords::Ranking;
    /// let k = KeywordExtractor::default().keywords("发展经济，发展科技，发展教育。", 1, Ranking::TfIdf, None);
    /// assert_eq!(k[0].word, "发展");
    /// ```
    pub fn keywords(
        &self,
        text: &str,
        top_k: usize,
        ranking: Ranking,
        allow_pos: Option<&[&str]>,
    ) -> Vec<Keyword> {
        if top_k == 0 {
            return Vec::new();
        }
        match ranking {
            Ranking::TfIdf => self.extract_tags(text, Some(top_k), allow_pos.unwrap_or(&[]), false),
            Ranking::TextRank => {
                self.textrank(text, Some(top_k), allow_pos.unwrap_or(&TEXTRANK_POS), false)
            }
        }
    }

    /// An extractor with a segmenter of your own.
    pub fn with_segmenter(segmenter: Segmenter) -> Self {
        KeywordExtractor {
            segmenter,
            ..Default::default()
        }
    }

    /// Use another idf table (jieba's `set_idf_path`).
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{IdfTable, KeywordExtractor};
    /// let mut kw = KeywordExtractor::default();
    /// kw.set_idf(IdfTable::load("经济 1.0\n科技 9.0\n".as_bytes()).unwrap());
    /// assert_eq!(kw.extract_tags("经济科技", None, &[], false)[0].word, "科技");
    /// ```
    pub fn set_idf(&mut self, idf: IdfTable) {
        self.idf = Arc::new(idf);
    }

    /// The idf table in use.
    pub fn idf(&self) -> &IdfTable {
        &self.idf
    }

    /// Add stop words from a file's lines (jieba's `set_stop_words` adds to the set; lines are
    /// taken as they are).
    ///
    /// # Examples
    /// ```
    /// let mut kw = wenmai_analyze::KeywordExtractor::default();
    /// kw.set_stop_words("纽约\n".as_bytes()).unwrap();
    /// assert!(kw.extract_tags("纽约天气", None, &[], false).iter().all(|k| k.word != "纽约"));
    /// ```
    pub fn set_stop_words<R: BufRead>(&mut self, reader: R) -> Result<()> {
        let mut set = (*self.stop_words).clone();
        for line in reader.lines() {
            let line = line?;
            set.insert(
                line.trim_end_matches('\r')
                    .trim_start_matches('\u{feff}')
                    .to_owned(),
            );
        }
        self.stop_words = Arc::new(set);
        Ok(())
    }

    /// Turn the HMM on or off for segmentation (jieba always uses it: default on).
    pub fn set_hmm(&mut self, hmm: bool) {
        self.hmm = hmm;
    }

    fn is_stop(&self, w: &str) -> bool {
        if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
            self.stop_words.contains(w)
        } else {
            self.stop_words.contains(&w.to_lowercase())
        }
    }

    /// jieba's `extract_tags(text, topK, withWeight=True, allowPOS, withFlag)`; `top_k` `None`
    /// (or `Some(0)`) returns every word.
    pub fn extract_tags(
        &self,
        text: &str,
        top_k: Option<usize>,
        allow_pos: &[&str],
        with_flag: bool,
    ) -> Vec<Keyword> {
        // Keys in first-occurrence order (Python dict order), with counts.
        let mut index: HashMap<(&str, &str), usize> = HashMap::new();
        let mut keys: Vec<((&str, String), f64)> = Vec::new();
        self.segmenter.with_dictionary(|d| {
            if allow_pos.is_empty() {
                d.each(text, wenmai_segment::CutMode::Precise, self.hmm, |w, _| {
                    if !long_enough(w) || self.is_stop(w) {
                        return;
                    }
                    match index.get(&(w, "")) {
                        Some(&i) => keys[i].1 += 1.0,
                        None => {
                            index.insert((w, ""), keys.len());
                            keys.push(((w, String::new()), 1.0));
                        }
                    }
                });
            } else {
                let mut tagged: HashMap<(&str, String), usize> = HashMap::new();
                d.each_tagged(text, self.hmm, |w, _, tag| {
                    if !allow_pos.contains(&tag) || !long_enough(w) || self.is_stop(w) {
                        return;
                    }
                    let key = (
                        w,
                        if with_flag {
                            tag.to_owned()
                        } else {
                            String::new()
                        },
                    );
                    match tagged.get(&key) {
                        Some(&i) => keys[i].1 += 1.0,
                        None => {
                            tagged.insert(key.clone(), keys.len());
                            keys.push((key, 1.0));
                        }
                    }
                });
            }
        });
        let total: f64 = keys.iter().map(|k| k.1).sum();
        let mut weighted: Vec<(usize, f64)> = keys
            .iter()
            .enumerate()
            .map(|(i, ((w, _), c))| (i, c * (self.idf.get(w) / total)))
            .collect();
        // Python's stable sort, reverse=True: ties keep first-occurrence order.
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1));
        let n = match top_k {
            Some(k) if k > 0 => k.min(weighted.len()),
            _ => weighted.len(),
        };
        weighted
            .into_iter()
            .take(n)
            .map(|(i, weight)| {
                let ((w, f), _) = &keys[i];
                Keyword {
                    word: (*w).to_owned(),
                    weight,
                    flag: if with_flag && !allow_pos.is_empty() {
                        Some(f.clone())
                    } else {
                        None
                    },
                }
            })
            .collect()
    }

    /// jieba's `textrank(text, topK, withWeight=True, allowPOS, withFlag)`; jieba's default
    /// `allowPOS` is [`TEXTRANK_POS`]; an empty `allow_pos` keeps no word (as jieba's empty
    /// `frozenset`).
    pub fn textrank(
        &self,
        text: &str,
        top_k: Option<usize>,
        allow_pos: &[&str],
        with_flag: bool,
    ) -> Vec<Keyword> {
        self.textrank_span(text, top_k, allow_pos, with_flag, 5)
    }

    /// [`textrank`](Self::textrank) with jieba's `TextRank.span` (the co-occurrence window: a
    /// word is linked to the `span - 1` words after it; 5 in jieba).
    ///
    /// # Examples
    /// ```
    /// let kw = wenmai_analyze::KeywordExtractor::default();
    /// let text = "发展经济，建设国家，发展教育，建设城市";
    /// assert!(kw.textrank_span(text, None, &["v", "vn", "n"], false, 1).is_empty());
    /// assert!(!kw.textrank_span(text, None, &["v", "vn", "n"], false, 5).is_empty());
    /// ```
    pub fn textrank_span(
        &self,
        text: &str,
        top_k: Option<usize>,
        allow_pos: &[&str],
        with_flag: bool,
        span: usize,
    ) -> Vec<Keyword> {
        // Tokens are taken as the tagger makes them, with the kept ones of the last `span - 1`
        // positions in a window: memory follows the graph, not the text. Node keys are the
        // word and its flag (an index into `flags`; 0, no flag, without `with_flag`).
        type Node<'n> = (&'n str, u32);
        // A pair's count and the (i, j) of jieba's loop that first meets it.
        type Pair<'n> = ((Node<'n>, Node<'n>), u64, (usize, usize));
        let mut flags: Vec<String> = vec![String::new()];
        let mut window: VecDeque<(usize, Node)> = VecDeque::with_capacity(span.min(64));
        // cm: pair -> count, and where jieba's loop (i, then j) first meets it.
        let mut cm_index: HashMap<(Node, Node), usize> = HashMap::new();
        let mut cm: Vec<Pair> = Vec::new();
        let mut pos = 0usize;
        self.segmenter.with_dictionary(|d| {
            d.each_tagged(text, self.hmm, |w, _, t| {
                let j = pos;
                pos += 1;
                if !(allow_pos.contains(&t) && long_enough(w) && !self.is_stop(w)) {
                    return;
                }
                let flag = if with_flag {
                    flags.iter().position(|f| f == t).unwrap_or_else(|| {
                        flags.push(t.to_owned());
                        flags.len() - 1
                    }) as u32
                } else {
                    0
                };
                while window.front().is_some_and(|&(i, _)| i + span <= j) {
                    window.pop_front();
                }
                let kj = (w, flag);
                for &(i, ki) in &window {
                    let key = (ki, kj);
                    match cm_index.get(&key) {
                        Some(&k) => {
                            let e = &mut cm[k];
                            e.1 += 1;
                            e.2 = e.2.min((i, j));
                        }
                        None => {
                            cm_index.insert(key, cm.len());
                            cm.push((key, 1, (i, j)));
                        }
                    }
                }
                if span > 1 {
                    window.push_back((j, kj));
                }
            })
        });
        // jieba's `cm` in its insertion order: by where its loop first met each pair.
        cm.sort_unstable_by_key(|e| e.2);
        // The graph: node -> list of (neighbour, weight), nodes in first-appearance order.
        let mut node_id: HashMap<(&str, &str), usize> = HashMap::new();
        let mut nodes: Vec<(&str, &str)> = Vec::new();
        let mut edges: Vec<Vec<(usize, f64)>> = Vec::new();
        for &((a, b), w, _) in &cm {
            let mut ids = [0usize; 2];
            for (slot, key) in ids.iter_mut().zip([
                (a.0, flags[a.1 as usize].as_str()),
                (b.0, flags[b.1 as usize].as_str()),
            ]) {
                *slot = *node_id.entry(key).or_insert_with(|| {
                    nodes.push(key);
                    edges.push(Vec::new());
                    nodes.len() - 1
                });
            }
            let [ia, ib] = ids;
            edges[ia].push((ib, w as f64));
            edges[ib].push((ia, w as f64));
        }
        let n = nodes.len();
        let wsdef = 1.0 / if n == 0 { 1.0 } else { n as f64 };
        let mut ws = vec![wsdef; n];
        let out_sum: Vec<f64> = edges
            .iter()
            .map(|e| e.iter().fold(0.0, |s, &(_, w)| s + w))
            .collect();
        let mut sorted: Vec<usize> = (0..n).collect();
        // pair.__lt__ compares words only; the sort is stable.
        sorted.sort_by(|&a, &b| nodes[a].0.cmp(nodes[b].0));
        const D: f64 = 0.85;
        for _ in 0..10 {
            for &v in &sorted {
                let mut s = 0.0;
                for &(u, w) in &edges[v] {
                    s += w / out_sum[u] * ws[u];
                }
                ws[v] = (1.0 - D) + D * s;
            }
        }
        let (mut min_rank, mut max_rank) = (f64::MAX, f64::MIN_POSITIVE);
        for &w in &ws {
            if w < min_rank {
                min_rank = w;
            }
            if w > max_rank {
                max_rank = w;
            }
        }
        for w in &mut ws {
            *w = (*w - min_rank / 10.0) / (max_rank - min_rank / 10.0);
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| ws[b].total_cmp(&ws[a]));
        let k = match top_k {
            Some(k) if k > 0 => k.min(n),
            _ => n,
        };
        order
            .into_iter()
            .take(k)
            .map(|i| Keyword {
                word: nodes[i].0.to_owned(),
                weight: ws[i],
                flag: if with_flag {
                    Some(nodes[i].1.to_owned())
                } else {
                    None
                },
            })
            .collect()
    }
}
