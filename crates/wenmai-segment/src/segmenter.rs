//! Word segmentation with jieba's dictionary and jieba 0.42.1's rules.
//!
//! [`Segmenter`] wraps one [`jieba_rs::Jieba`] shared by every thread and every clone. While
//! the dictionary is jieba's default, unchanged, precise and search mode find the route with
//! wenmai's own trie of jieba's `dict.txt` (the crate's `trie` module: the same tokens, found
//! faster); an edited dictionary's route, the HMM, full mode and POS tags are jieba-rs's. What
//! jieba-rs does differently from jieba 0.42.1 around them is done here the way jieba does it:
//!
//! - blocks are split with jieba's character classes (`re_han_default` for `cut`,
//!   `re_han_internal` for `posseg`): CJK means `U+4E00..=U+9FD5` only;
//! - runs of ASCII cut by the HMM are split with jieba's `finalseg.re_skip`
//!   (`[a-zA-Z0-9]+(?:\.\d+)?%?`), so `2011-2020` is `2011`, `-`, `2020` as in jieba;
//! - full mode and search mode follow `__cut_all` and `cut_for_search` literally;
//! - user dictionaries are read with jieba's `re_userdict`, and words without a frequency get
//!   one from [`Segmenter::suggest_freq`];
//! - deleted words (frequency 0) are never dictionary words and are force-split after the HMM.

use std::io::BufRead;
use std::sync::{Arc, LazyLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use jieba_rs::Jieba;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::cut::CutMode;
use crate::dictionary::{Dictionary, read_userdict};
use crate::error::{Error, Result};

/// A word and where it is in the text it was cut from.
///
/// # Examples
/// ```
/// use wenmai_segment::{CutMode, Segmenter};
/// let seg = Segmenter::default();
/// let tokens = seg.tokenize("永和服装饰品", CutMode::Precise, true);
/// assert_eq!(tokens[0].word, "永和");
/// assert_eq!((tokens[0].start, tokens[0].end), (0, 2));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Token<'a> {
    /// The word, a slice of the input.
    pub word: &'a str,
    /// Char offset of the first char (as `jieba.tokenize`).
    pub start: usize,
    /// Char offset one past the last char.
    pub end: usize,
    /// Byte offset of the first byte.
    pub byte_start: usize,
    /// Byte offset one past the last byte.
    pub byte_end: usize,
}

/// Word lists as their distinct words and, per list, indices into them
/// ([`Segmenter::cut_many_interned`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InternedCuts<'a> {
    /// Each distinct word once, in order of first appearance.
    pub words: Vec<&'a str>,
    /// Per text, the index in `words` of each of its words.
    pub rows: Vec<Vec<u32>>,
}

/// Tagged words as their distinct `(word, tag)` pairs and, per token, the index of its pair
/// ([`Segmenter::tag_interned`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InternedTags<'a> {
    /// Each distinct `(word, tag)` once, in order of first appearance.
    pub pairs: Vec<(&'a str, String)>,
    /// The index in `pairs` of each token, in text order.
    pub ids: Vec<u32>,
}

static DEFAULT_DICTIONARY: LazyLock<Arc<RwLock<Dictionary>>> =
    LazyLock::new(|| Arc::new(RwLock::new(Dictionary::default_dict())));

/// A jieba segmenter: cheap to clone, `Send + Sync`, one dictionary shared by all clones.
///
/// Changes to the dictionary ([`add_word`](Segmenter::add_word),
/// [`load_userdict`](Segmenter::load_userdict) …) are seen by every clone, as jieba's changes
/// are seen by every caller of the `jieba` module. [`Segmenter::default`] shares the process-wide
/// default dictionary (loaded once, on first use); [`Segmenter::new`] makes a private copy.
///
/// # Examples
/// ```
/// use wenmai_segment::{CutMode, Segmenter};
/// let seg = Segmenter::default();
/// assert_eq!(seg.cut("我来到北京清华大学", CutMode::Precise, true), ["我", "来到", "北京", "清华大学"]);
/// assert_eq!(
///     seg.cut("我来到北京清华大学", CutMode::Full, true),
///     ["我", "来到", "北京", "清华", "清华大学", "华大", "大学"]
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Segmenter {
    dict: Arc<RwLock<Dictionary>>,
}

impl Default for Segmenter {
    /// The process-wide default dictionary (jieba's `dict.txt`), shared.
    fn default() -> Self {
        Segmenter {
            dict: Arc::clone(&DEFAULT_DICTIONARY),
        }
    }
}
impl Segmenter {
    /// A segmenter with its own copy of jieba's default dictionary (not shared with
    /// [`Segmenter::default`]).
    ///
    /// # Examples
    /// ```
    /// let seg = wenmai_segment::Segmenter::new();
    /// seg.add_word("文脉分析", None, None).unwrap();
    /// assert!(seg.contains("文脉分析").unwrap());
    /// assert!(!wenmai_segment::Segmenter::default().contains("文脉分析").unwrap());
    /// ```
    pub fn new() -> Self {
        Segmenter {
            dict: Arc::new(RwLock::new(Dictionary::default_dict())),
        }
    }

    /// A private copy of the default dictionary with a user dictionary (jieba's format) added.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let seg = Segmenter::with_user_dict("文脉分析 10 n\n".as_bytes()).unwrap();
    /// assert_eq!(seg.cut("文脉分析很好", CutMode::Precise, true)[0], "文脉分析");
    /// ```
    pub fn with_user_dict<R: BufRead>(reader: R) -> Result<Self> {
        let seg = Segmenter::new();
        seg.load_userdict(reader)?;
        Ok(seg)
    }

    /// A segmenter over a main dictionary of your own (jieba's `dict.txt` format:
    /// `word freq [tag]` per line), like `jieba.Tokenizer(dictionary=…)`.
    ///
    /// # Examples
    /// ```
    /// let seg = wenmai_segment::Segmenter::with_dict("文脉 5 n\n分析 5 vn\n".as_bytes()).unwrap();
    /// assert!(seg.contains("文脉").unwrap());
    /// assert!(!seg.contains("我们").unwrap());
    /// ```
    pub fn with_dict<R: BufRead>(mut reader: R) -> Result<Self> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        let text = String::from_utf8(bytes).map_err(|e| Error::UserDict {
            line: 0,
            message: format!("dictionary file must be utf-8: {e}"),
        })?;
        let jieba = Jieba::with_dict(&mut text.as_bytes()).map_err(|e| Error::UserDict {
            line: 0,
            message: e.to_string(),
        })?;
        let mut dict = Dictionary::new(jieba);
        dict.source = Some(text.into());
        Ok(Segmenter {
            dict: Arc::new(RwLock::new(dict)),
        })
    }

    fn read(&self) -> Result<RwLockReadGuard<'_, Dictionary>> {
        self.dict.read().map_err(|_| Error::Poisoned)
    }

    fn write(&self) -> Result<RwLockWriteGuard<'_, Dictionary>> {
        let mut guard = self.dict.write().map_err(|_| Error::Poisoned)?;
        guard.generation += 1;
        Ok(guard)
    }

    /// A number that changes whenever the dictionary changes (`add_word`, `del_word`,
    /// `suggest_freq`, `load_userdict`), for callers that cache segmentation results.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::Segmenter;
    /// let seg = Segmenter::new();
    /// let before = seg.generation();
    /// seg.add_word("服务至上", None, None).unwrap();
    /// assert_ne!(seg.generation(), before);
    /// ```
    pub fn generation(&self) -> u64 {
        self.with_dictionary(|d| d.generation)
    }

    /// Whether two segmenters share one dictionary.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::Segmenter;
    /// assert!(Segmenter::default().shares_dictionary_with(&Segmenter::default()));
    /// assert!(!Segmenter::new().shares_dictionary_with(&Segmenter::default()));
    /// ```
    pub fn shares_dictionary_with(&self, other: &Segmenter) -> bool {
        Arc::ptr_eq(&self.dict, &other.dict)
    }

    /// Whether `word` is a dictionary word with a frequency above 0.
    ///
    /// # Examples
    /// ```
    /// assert!(wenmai_segment::Segmenter::default().contains("北京").unwrap());
    /// ```
    pub fn contains(&self, word: &str) -> Result<bool> {
        Ok(self.read()?.is_word(word))
    }

    /// Segment `text`: the words in order, slices of `text` (jieba's `lcut`).
    ///
    /// Bad input cannot make this fail; a poisoned dictionary lock (a panic elsewhere while
    /// changing the dictionary) is recovered from, as the dictionary is never left half-changed.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let seg = Segmenter::default();
    /// assert_eq!(seg.cut("2011-2020年", CutMode::Precise, true), ["2011", "-", "2020", "年"]);
    /// assert_eq!(
    ///     seg.cut("中国科学院计算所", CutMode::Search, true),
    ///     ["中国", "科学", "学院", "科学院", "中国科学院", "计算", "计算所"]
    /// );
    /// ```
    pub fn cut<'a>(&self, text: &'a str, mode: CutMode, hmm: bool) -> Vec<&'a str> {
        let mut out = Vec::with_capacity(text.len() / 4);
        self.with_dictionary(|d| d.each(text, mode, hmm, |w, _| out.push(w)));
        out
    }

    /// Run `f` with the dictionary read-locked, recovering from poisoning: a caller that cuts
    /// many texts takes the lock once for all of them.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let n = Segmenter::default().with_dictionary(|d| {
    ///     let mut n = 0;
    ///     for text in ["我爱北京", "天安门"] {
    ///         d.each(text, CutMode::Precise, true, |_, _| n += 1);
    ///     }
    ///     n
    /// });
    /// assert_eq!(n, 4);
    /// ```
    pub fn with_dictionary<T>(&self, f: impl FnOnce(&Dictionary) -> T) -> T {
        let guard = self.dict.read().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }

    /// Segment `text` with char and byte offsets (jieba's `tokenize`; `CutMode::Search` is
    /// `tokenize(mode="search")`, `CutMode::Full` gives the full-mode words with their offsets).
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let t = Segmenter::default().tokenize("永和服装饰品有限公司", CutMode::Search, true);
    /// let t: Vec<_> = t.iter().map(|t| (t.word, t.start, t.end)).collect();
    /// assert_eq!(t[..3], [("永和", 0, 2), ("服装", 2, 4), ("饰品", 4, 6)]);
    /// assert_eq!(t[3..], [("有限", 6, 8), ("公司", 8, 10), ("有限公司", 6, 10)]);
    /// ```
    pub fn tokenize<'a>(&self, text: &'a str, mode: CutMode, hmm: bool) -> Vec<Token<'a>> {
        let mut out = Vec::with_capacity(text.len() / 4);
        // Char offsets are counted incrementally over the byte offsets, which only ever grow
        // for precise mode and may step back for search and full modes.
        let mut last_byte = 0usize;
        let mut last_char = 0usize;
        self.with_dictionary(|d| {
            d.each(text, mode, hmm, |w, b| {
                let start = if b >= last_byte {
                    last_char + text[last_byte..b].chars().count()
                } else {
                    last_char - text[b..last_byte].chars().count()
                };
                last_byte = b;
                last_char = start;
                let n = w.chars().count();
                out.push(Token {
                    word: w,
                    start,
                    end: start + n,
                    byte_start: b,
                    byte_end: b + w.len(),
                });
            })
        });
        out
    }

    /// Words with their part-of-speech tags, as `jieba.posseg.lcut`.
    ///
    /// # Examples
    /// ```
    /// let tags = wenmai_segment::Segmenter::default().tag("我爱北京天安门", true);
    /// let tags: Vec<(&str, &str)> = tags.iter().map(|(w, t)| (*w, t.as_str())).collect();
    /// assert_eq!(tags, [("我", "r"), ("爱", "v"), ("北京", "ns"), ("天安门", "ns")]);
    /// ```
    pub fn tag<'a>(&self, text: &'a str, hmm: bool) -> Vec<(&'a str, String)> {
        let mut out = Vec::with_capacity(text.len() / 4);
        self.with_dictionary(|d| d.each_tagged(text, hmm, |w, _, t| out.push((w, t.to_string()))));
        out
    }

    /// [`tag`](Segmenter::tag) as distinct pairs and one index per token: a repeated word
    /// costs four bytes, not a copy of its tag.
    ///
    /// # Examples
    /// ```
    /// let t = wenmai_segment::Segmenter::default().tag_interned("的的。的的", true);
    /// assert_eq!(t.pairs, [("的的", "u".to_string()), ("。", "x".to_string())]);
    /// assert_eq!(t.ids, [0, 1, 0]);
    /// ```
    pub fn tag_interned<'a>(&self, text: &'a str, hmm: bool) -> InternedTags<'a> {
        let mut out = InternedTags::default();
        // Per word, the indices of its pairs so far (a word nearly always has one tag).
        let mut seen: FxHashMap<&'a str, Vec<u32>> = FxHashMap::default();
        self.with_dictionary(|d| {
            d.each_tagged(text, hmm, |w, _, t| {
                let ids = seen.entry(w).or_default();
                let pairs = &mut out.pairs;
                let id = match ids.iter().find(|&&i| pairs[i as usize].1 == t) {
                    Some(&i) => i,
                    None => {
                        let i = u32::try_from(pairs.len()).expect("fewer than 2^32 distinct pairs");
                        pairs.push((w, t.to_owned()));
                        ids.push(i);
                        i
                    }
                };
                out.ids.push(id);
            })
        });
        out
    }

    /// Words with their tags and offsets in one pass (`posseg.cut` with `tokenize`'s offsets).
    ///
    /// # Examples
    /// ```
    /// let t = wenmai_segment::Segmenter::default().tokenize_tagged("我爱北京", true);
    /// assert_eq!((t[2].0.word, t[2].0.start, t[2].0.end, t[2].1.as_str()), ("北京", 2, 4, "ns"));
    /// ```
    pub fn tokenize_tagged<'a>(&self, text: &'a str, hmm: bool) -> Vec<(Token<'a>, String)> {
        let mut out = Vec::with_capacity(text.len() / 4);
        // Tagged words come in text order, so char offsets are counted forward.
        let (mut last_byte, mut last_char) = (0usize, 0usize);
        self.with_dictionary(|d| {
            d.each_tagged(text, hmm, |w, b, t| {
                let start = last_char + text[last_byte..b].chars().count();
                last_byte = b;
                last_char = start;
                let token = Token {
                    word: w,
                    start,
                    end: start + w.chars().count(),
                    byte_start: b,
                    byte_end: b + w.len(),
                };
                out.push((token, t.to_string()));
            })
        });
        out
    }

    /// jieba's `FREQ.get(word)`: the frequency of a word, 0 for a prefix of a word, `None`
    /// for anything else (the table is built on first use).
    ///
    /// # Examples
    /// ```
    /// let seg = wenmai_segment::Segmenter::default();
    /// assert!(seg.freq("北京").unwrap() > 0);
    /// assert_eq!(seg.freq("北京大"), Some(0));
    /// assert_eq!(seg.freq("北京x"), None);
    /// ```
    pub fn freq(&self, word: &str) -> Option<usize> {
        self.with_dictionary(|d| d.freq_table().get(word))
    }

    /// jieba's `total`: the sum of the frequencies read and added.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(wenmai_segment::Segmenter::new().total(), 60_101_967);
    /// ```
    pub fn total(&self) -> usize {
        self.with_dictionary(|d| d.freq_table().total)
    }

    /// jieba's `FREQ` as `(word, freq)` pairs in jieba's order (words and their prefixes).
    pub fn freq_items(&self) -> Vec<(String, usize)> {
        self.with_dictionary(|d| {
            let t = d.freq_table();
            let mut out = Vec::with_capacity(t.len());
            out.extend(t.items().map(|(w, f)| (w.to_owned(), f)));
            out
        })
    }

    /// The number of entries of jieba's `FREQ`.
    pub fn freq_len(&self) -> usize {
        self.with_dictionary(|d| d.freq_table().len())
    }

    /// jieba's `get_DAG`: for each char of `text`, the char indices where a word starting
    /// there ends.
    ///
    /// # Examples
    /// ```
    /// let dag = wenmai_segment::Segmenter::default().dag("北京大学");
    /// assert_eq!(dag[0], [0, 1, 3]);
    /// ```
    pub fn dag(&self, text: &str) -> Vec<Vec<usize>> {
        self.with_dictionary(|d| d.freq_table().dag(text))
    }

    /// jieba's `calc`: per char, the log probability of the best route from it and where its
    /// first word ends; the last entry is `(0.0, 0)`. `None` when `dag` does not fit `text`.
    ///
    /// # Examples
    /// ```
    /// let seg = wenmai_segment::Segmenter::default();
    /// let route = seg.calc("北京大学", &seg.dag("北京大学")).unwrap();
    /// assert_eq!(route[0].1, 3);
    /// ```
    pub fn calc(&self, text: &str, dag: &[Vec<usize>]) -> Option<Vec<(f64, usize)>> {
        self.with_dictionary(|d| d.freq_table().calc(text, dag))
    }

    /// Every change made to the dictionary since its main dictionary was read, in order:
    /// `(word, frequency set, tag)` (see [`replay`](Self::replay)).
    pub fn edits(&self) -> Vec<(String, usize, Option<String>)> {
        self.with_dictionary(|d| {
            d.edits
                .iter()
                .map(|(w, f, t)| (w.clone(), f.unwrap_or(0), t.clone()))
                .collect()
        })
    }

    /// The main dictionary's text when it is not jieba's default ([`with_dict`](Self::with_dict)).
    pub fn dictionary_text(&self) -> Option<Arc<str>> {
        self.with_dictionary(|d| d.source.clone())
    }

    /// The main dictionary's text: [`dictionary_text`](Self::dictionary_text), else jieba's
    /// `dict.txt`.
    ///
    /// # Examples
    /// ```
    /// let text = wenmai_segment::Segmenter::default().main_dictionary_text();
    /// assert!(text.lines().any(|l| l.starts_with("北京 ")));
    /// ```
    pub fn main_dictionary_text(&self) -> Arc<str> {
        static DEFAULT_TEXT: LazyLock<Arc<str>> =
            LazyLock::new(|| Arc::from(&**crate::trie::DICT_TXT));
        self.dictionary_text()
            .unwrap_or_else(|| Arc::clone(&DEFAULT_TEXT))
    }

    /// Apply changes listed by [`edits`](Self::edits): a copy of a segmenter is its main
    /// dictionary plus its edits replayed. Changes this dictionary already has as its first
    /// edits are skipped, so replaying into the shared default dictionary twice is harmless.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::Segmenter;
    /// let a = Segmenter::new();
    /// a.add_word("文脉分析", None, Some("n")).unwrap();
    /// let b = Segmenter::new();
    /// b.replay(&a.edits()).unwrap();
    /// assert!(b.contains("文脉分析").unwrap());
    /// assert_eq!(b.edits(), a.edits());
    /// ```
    pub fn replay(&self, edits: &[(String, usize, Option<String>)]) -> Result<()> {
        let mut d = self.write()?;
        let done = d
            .edits
            .iter()
            .zip(edits)
            .take_while(|((w, f, t), (w2, f2, t2))| w == w2 && f.unwrap_or(0) == *f2 && t == t2)
            .count();
        for (word, freq, tag) in &edits[done..] {
            d.add_word(word, Some(*freq), tag.as_deref());
        }
        Ok(())
    }

    /// Segment many texts in parallel (rayon); the result is in input order and does not depend
    /// on the number of threads.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let out = Segmenter::default().cut_many(&["我爱北京", "天安门"], CutMode::Precise, true);
    /// assert_eq!(out, [vec!["我", "爱", "北京"], vec!["天安门"]]);
    /// ```
    pub fn cut_many<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        mode: CutMode,
        hmm: bool,
    ) -> Vec<Vec<String>> {
        texts
            .par_iter()
            .map(|t| {
                self.cut(t.as_ref(), mode, hmm)
                    .into_iter()
                    .map(str::to_owned)
                    .collect()
            })
            .collect()
    }

    /// [`cut_many`](Self::cut_many) with each distinct word once: the words of all texts as
    /// indices into [`InternedCuts::words`], so that a caller makes one string per distinct
    /// word. Each chunk of texts interns in a table of its own, merged once at the end.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let cuts = Segmenter::default().cut_many_interned(&["我爱北京", "北京"], CutMode::Precise, true);
    /// assert_eq!(cuts.words, ["我", "爱", "北京"]);
    /// assert_eq!(cuts.rows, [vec![0, 1, 2], vec![2]]);
    /// ```
    pub fn cut_many_interned<'a, S: AsRef<str> + Sync>(
        &self,
        texts: &'a [S],
        mode: CutMode,
        hmm: bool,
    ) -> InternedCuts<'a> {
        type Chunk<'a> = (Vec<&'a str>, Vec<Vec<u32>>);
        // Eight chunks per thread: enough to balance texts of unequal length, few enough that
        // merging the chunk tables stays cheap.
        let size = texts
            .len()
            .div_ceil(rayon::current_num_threads() * 8)
            .max(1);
        let chunks: Vec<Chunk<'a>> = texts
            .par_chunks(size)
            .map(|chunk| {
                let mut index: FxHashMap<&'a str, u32> = FxHashMap::default();
                let mut words: Vec<&'a str> = Vec::new();
                let rows = chunk
                    .iter()
                    .map(|t| {
                        self.cut(t.as_ref(), mode, hmm)
                            .into_iter()
                            .map(|w| {
                                *index.entry(w).or_insert_with(|| {
                                    words.push(w);
                                    (words.len() - 1) as u32
                                })
                            })
                            .collect()
                    })
                    .collect();
                (words, rows)
            })
            .collect();
        let mut index: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut words: Vec<&'a str> = Vec::new();
        let maps: Vec<Vec<u32>> = chunks
            .iter()
            .map(|(chunk_words, _)| {
                chunk_words
                    .iter()
                    .map(|&w| {
                        *index.entry(w).or_insert_with(|| {
                            words.push(w);
                            (words.len() - 1) as u32
                        })
                    })
                    .collect()
            })
            .collect();
        let rows = chunks
            .into_par_iter()
            .zip(maps)
            .flat_map_iter(|((_, rows), map)| {
                rows.into_iter().map(move |mut r| {
                    for id in &mut r {
                        *id = map[*id as usize];
                    }
                    r
                })
            })
            .collect();
        InternedCuts { words, rows }
    }

    /// Add a word (jieba's `add_word`): without `freq`, jieba's [`suggest_freq`](Self::suggest_freq)
    /// picks one that keeps the word whole; `freq == Some(0)` deletes it. Returns the frequency.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let seg = Segmenter::new();
    /// seg.add_word("文脉分析", None, Some("n")).unwrap();
    /// assert_eq!(seg.cut("文脉分析", CutMode::Precise, false), ["文脉分析"]);
    /// ```
    pub fn add_word(&self, word: &str, freq: Option<usize>, tag: Option<&str>) -> Result<usize> {
        let mut d = self.write()?;
        Ok(d.add_word(word, freq, tag))
    }

    /// Delete a word (jieba's `del_word`, i.e. `add_word(word, 0)`).
    ///
    /// # Examples
    /// ```
    /// let seg = wenmai_segment::Segmenter::new();
    /// seg.del_word("北京").unwrap();
    /// assert!(!seg.contains("北京").unwrap());
    /// ```
    pub fn del_word(&self, word: &str) -> Result<()> {
        self.write()?.add_word(word, Some(0), None);
        Ok(())
    }

    /// jieba's `suggest_freq(segment, tune)`: one string asks for a frequency that keeps it
    /// whole; several segments ask for one that splits their concatenation into them. With
    /// `tune` the word's frequency is set to it.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let seg = Segmenter::new();
    /// assert_eq!(seg.cut("如果放到post中将出错。", CutMode::Precise, false)[3], "中将");
    /// seg.suggest_freq(&["中", "将"], true).unwrap();
    /// assert_eq!(seg.cut("如果放到post中将出错。", CutMode::Precise, false)[3], "中");
    /// ```
    pub fn suggest_freq<S: AsRef<str>>(&self, segments: &[S], tune: bool) -> Result<usize> {
        let mut d = self.write()?;
        Ok(d.suggest_freq(segments, tune))
    }

    /// Load a user dictionary exactly as jieba 0.42.1's `load_userdict` reads it: UTF-8 lines
    /// `word [freq] [tag]` (`^(.+?)( [0-9]+)?( [a-z]+)?$`; a word may contain spaces), blank
    /// lines skipped, a BOM stripped, a missing frequency computed with
    /// [`suggest_freq`](Self::suggest_freq). Returns the number of entries added.
    ///
    /// # Errors
    /// [`Error::UserDict`] naming the line when a line is not UTF-8 or the frequency overflows;
    /// [`Error::Io`] when reading fails.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Segmenter};
    /// let seg = Segmenter::new();
    /// let n = seg.load_userdict("\u{feff}云计算 5\n创新办 3 i\n凱特琳 nz\n台中\n".as_bytes()).unwrap();
    /// assert_eq!(n, 4);
    /// assert_eq!(seg.cut("李小福是创新办主任也是云计算方面的专家", CutMode::Precise, true)[2], "创新办");
    /// ```
    pub fn load_userdict<R: BufRead>(&self, reader: R) -> Result<usize> {
        let entries = read_userdict(reader)?;
        let mut d = self.write()?;
        for (word, freq, tag) in &entries {
            d.add_word(word, *freq, tag.as_deref());
        }
        Ok(entries.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_runs_like_jieba() {
        let seg = Segmenter::default();
        assert_eq!(
            seg.cut(
                "我来到北京清华大学，abc 2011-2020年 v1.2.3",
                CutMode::Precise,
                true
            ),
            [
                "我",
                "来到",
                "北京",
                "清华大学",
                "，",
                "abc",
                " ",
                "2011",
                "-",
                "2020",
                "年",
                " ",
                "v1.2",
                ".",
                "3"
            ]
        );
        assert_eq!(
            seg.cut(
                "我来到北京清华大学，abc 2011-2020年 v1.2.3",
                CutMode::Full,
                true
            ),
            [
                "我",
                "来到",
                "北京",
                "清华",
                "清华大学",
                "华大",
                "大学",
                "，",
                "abc",
                "",
                " ",
                "",
                "2011",
                "-",
                "2020",
                "年",
                "",
                " ",
                "",
                "v1",
                ".",
                "2",
                ".",
                "3"
            ]
        );
    }

    #[test]
    fn add_word_retags_existing_words() {
        let seg = Segmenter::new();
        seg.add_word("北京", None, Some("nz")).unwrap();
        for hmm in [true, false] {
            let tags = seg.tag("我爱北京", hmm);
            assert_eq!(tags[2], ("北京", "nz".to_string()));
        }
        assert_eq!(Segmenter::default().tag("北京", true)[0].1, "ns");
    }

    #[test]
    fn userdict_formats() {
        let seg = Segmenter::new();
        seg.load_userdict("New York 10 ns\n".as_bytes()).unwrap();
        assert!(seg.contains("New York").unwrap());
        let err = seg.load_userdict(&b"\xff\xfe\n"[..]).unwrap_err();
        assert!(matches!(err, Error::UserDict { line: 1, .. }));
    }
}
