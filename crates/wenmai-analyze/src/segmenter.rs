//! Word segmentation with jieba's dictionary and jieba 0.42.1's rules.
//!
//! [`Segmenter`] wraps one [`jieba_rs::Jieba`] shared by every thread and every clone. While
//! the dictionary is jieba's default, unchanged, precise and search mode find the route with
//! wenmai's own trie of jieba's `dict.txt` (the crate's `dat` module: the same tokens, found
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

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::sync::{Arc, LazyLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

use jieba_rs::Jieba;
use rayon::prelude::*;
use regex::Regex;

use crate::dat::NO_WORD;
use crate::error::{Error, Result};

/// How to segment, as jieba's `cut(cut_all=…)` and `cut_for_search`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CutMode {
    /// The most likely segmentation (`jieba.cut`), the default.
    #[default]
    Precise,
    /// Every dictionary word (`jieba.cut(cut_all=True)`).
    Full,
    /// Precise, plus the 2- and 3-character dictionary words inside longer words
    /// (`jieba.cut_for_search`, `jieba.tokenize(mode="search")`).
    Search,
}

/// A word and where it is in the text it was cut from.
///
/// # Examples
/// ```
/// use wenmai_analyze::{CutMode, Segmenter};
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

/// The dictionary behind a [`Segmenter`]: jieba-rs's plus the words deleted from it.
#[derive(Debug, Clone)]
pub(crate) struct Dictionary {
    pub(crate) jieba: Jieba,
    /// Words whose frequency is 0 (`del_word`): not words for the DAG, force-split after the HMM.
    deleted: HashSet<String>,
    /// Tags given to words already in jieba-rs's dictionary (`add_word(w, tag=t)`), which
    /// jieba-rs keeps at their first value; jieba's `user_word_tag_tab` replaces them.
    retagged: HashMap<String, String>,
    /// Bumped on every write access, so cached analyses can tell that the dictionary changed.
    generation: u64,
    /// Whether this is jieba's default dictionary, unchanged: precise and search modes then
    /// segment with [`crate::dat`]'s trie (the same tokens, found faster).
    pristine: bool,
}

impl Dictionary {
    fn new(jieba: Jieba) -> Self {
        Dictionary {
            jieba,
            deleted: HashSet::new(),
            retagged: HashMap::new(),
            generation: 0,
            pristine: false,
        }
    }

    /// jieba's default dictionary.
    fn default_dict() -> Self {
        Dictionary {
            pristine: true,
            ..Dictionary::new(default_jieba())
        }
    }

    /// The tag of dictionary word `word`, given the tag jieba-rs has for it.
    #[inline]
    pub(crate) fn tag_of<'s>(&'s self, word: &str, tag: &'s str) -> &'s str {
        if self.retagged.is_empty() {
            return tag;
        }
        self.retagged.get(word).map_or(tag, String::as_str)
    }

    /// `FREQ.get(word)` is truthy.
    #[inline]
    pub(crate) fn is_word(&self, word: &str) -> bool {
        self.jieba.has_word(word) && (self.deleted.is_empty() || !self.deleted.contains(word))
    }
}

static DEFAULT_DICTIONARY: LazyLock<Arc<RwLock<Dictionary>>> =
    LazyLock::new(|| Arc::new(RwLock::new(Dictionary::default_dict())));

/// jieba-rs's embedded dictionary, with `B超` added should it ever lack it. (jieba 0.42.1's
/// `dict.txt` lists `B超 3 n` twice and counts both in its total, 60,101,967; jieba-rs's lists
/// it once, so an edited dictionary's total is 3 lower than jieba's. The default dictionary's
/// trie reads jieba's file and has jieba's total.)
fn default_jieba() -> Jieba {
    let mut jieba = Jieba::new();
    if !jieba.has_word("B超") {
        jieba.add_word("B超", Some(3), Some("n"));
    }
    jieba
}

/// A jieba segmenter: cheap to clone, `Send + Sync`, one dictionary shared by all clones.
///
/// Changes to the dictionary ([`add_word`](Segmenter::add_word),
/// [`load_userdict`](Segmenter::load_userdict) …) are seen by every clone, as jieba's changes
/// are seen by every caller of the `jieba` module. [`Segmenter::default`] shares the process-wide
/// default dictionary (loaded once, on first use); [`Segmenter::new`] makes a private copy.
///
/// # Examples
/// ```
/// use wenmai_analyze::{CutMode, Segmenter};
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

/// jieba's `re_han_default`: `[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]`.
#[inline]
pub(crate) fn is_han_default(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FD5}')
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// jieba's `posseg.re_han_internal`: `[\u4E00-\u9FD5a-zA-Z0-9+#&\._]`.
#[inline]
fn is_han_internal(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FD5}')
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_')
}

/// Characters jieba-rs keeps in a block that jieba does not (so the whole text cannot be
/// handed to jieba-rs in one piece).
#[inline]
fn is_extra_han(c: char) -> bool {
    !is_han_default(c) && c as u32 >= 0x3400 && {
        matches!(c,
            '\u{9FD6}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}')
    }
}

/// Python's `bytes.strip()` whitespace.
fn strip_ascii_ws(b: &[u8]) -> &[u8] {
    let is_ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = b.iter().position(|c| !is_ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !is_ws(c)).map_or(start, |e| e + 1);
    &b[start..end]
}

/// Split an ASCII run the HMM produced as `finalseg.re_skip.split` does, keeping non-empty parts.
pub(crate) fn split_finalseg_skip<'a>(s: &'a str, mut emit: impl FnMut(&'a str, usize)) {
    let b = s.as_bytes();
    let mut pos = 0;
    while pos < b.len() {
        let Some(off) = b[pos..].iter().position(u8::is_ascii_alphanumeric) else {
            emit(&s[pos..], pos);
            return;
        };
        let m = pos + off;
        if m > pos {
            emit(&s[pos..m], pos);
        }
        let mut e = m;
        while e < b.len() && b[e].is_ascii_alphanumeric() {
            e += 1;
        }
        if e + 1 < b.len() && b[e] == b'.' && b[e + 1].is_ascii_digit() {
            e += 1;
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
        }
        if e < b.len() && b[e] == b'%' {
            e += 1;
        }
        emit(&s[m..e], m);
        pos = e;
    }
}

/// Emit `block` char by char (`\r\n` as one), as jieba does outside `re_han` blocks.
fn emit_chars<'a>(block: &'a str, base: usize, emit: &mut impl FnMut(&'a str, usize)) {
    let mut it = block.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\r' && matches!(it.peek(), Some((_, '\n'))) {
            it.next();
            emit(&block[i..i + 2], base + i);
        } else {
            emit(&block[i..i + c.len_utf8()], base + i);
        }
    }
}

/// Maximal runs of `class` and of its complement: `(run, byte offset, in_class)`.
fn runs(text: &str, class: impl Fn(char) -> bool) -> impl Iterator<Item = (&str, usize, bool)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let first = rest.chars().next()?;
        let inside = class(first);
        let len = rest
            .find(|c: char| class(c) != inside)
            .unwrap_or(rest.len());
        let start = pos;
        pos += len;
        Some((&text[start..start + len], start, inside))
    })
}

impl Segmenter {
    /// A segmenter with its own copy of jieba's default dictionary (not shared with
    /// [`Segmenter::default`]).
    ///
    /// # Examples
    /// ```
    /// let seg = wenmai_analyze::Segmenter::new();
    /// seg.add_word("文脉分析", None, None).unwrap();
    /// assert!(seg.contains("文脉分析").unwrap());
    /// assert!(!wenmai_analyze::Segmenter::default().contains("文脉分析").unwrap());
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
    /// use wenmai_analyze::{CutMode, Segmenter};
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
    /// let seg = wenmai_analyze::Segmenter::with_dict("文脉 5 n\n分析 5 vn\n".as_bytes()).unwrap();
    /// assert!(seg.contains("文脉").unwrap());
    /// assert!(!seg.contains("我们").unwrap());
    /// ```
    pub fn with_dict<R: BufRead>(mut reader: R) -> Result<Self> {
        let jieba = Jieba::with_dict(&mut reader).map_err(|e| Error::UserDict {
            line: 0,
            message: e.to_string(),
        })?;
        Ok(Segmenter {
            dict: Arc::new(RwLock::new(Dictionary::new(jieba))),
        })
    }

    pub(crate) fn read(&self) -> Result<RwLockReadGuard<'_, Dictionary>> {
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
    /// use wenmai_analyze::Segmenter;
    /// let seg = Segmenter::new();
    /// let before = seg.generation();
    /// seg.add_word("服务至上", None, None).unwrap();
    /// assert_ne!(seg.generation(), before);
    /// ```
    pub fn generation(&self) -> u64 {
        self.with_dict_read(|d| d.generation)
    }

    /// Whether two segmenters share one dictionary.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::Segmenter;
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
    /// assert!(wenmai_analyze::Segmenter::default().contains("北京").unwrap());
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
    /// use wenmai_analyze::{CutMode, Segmenter};
    /// let seg = Segmenter::default();
    /// assert_eq!(seg.cut("2011-2020年", CutMode::Precise, true), ["2011", "-", "2020", "年"]);
    /// assert_eq!(
    ///     seg.cut("中国科学院计算所", CutMode::Search, true),
    ///     ["中国", "科学", "学院", "科学院", "中国科学院", "计算", "计算所"]
    /// );
    /// ```
    pub fn cut<'a>(&self, text: &'a str, mode: CutMode, hmm: bool) -> Vec<&'a str> {
        let mut out = Vec::with_capacity(text.len() / 4);
        self.with_dict_read(|d| d.each(text, mode, hmm, |w, _| out.push(w)));
        out
    }

    /// Run `f` with the dictionary read-locked, recovering from poisoning.
    pub(crate) fn with_dict_read<T>(&self, f: impl FnOnce(&Dictionary) -> T) -> T {
        let guard = self.dict.read().unwrap_or_else(|e| e.into_inner());
        f(&guard)
    }

    /// Segment `text` with char and byte offsets (jieba's `tokenize`; `CutMode::Search` is
    /// `tokenize(mode="search")`, `CutMode::Full` gives the full-mode words with their offsets).
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{CutMode, Segmenter};
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
        self.with_dict_read(|d| {
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
    /// let tags = wenmai_analyze::Segmenter::default().tag("我爱北京天安门", true);
    /// let tags: Vec<(&str, &str)> = tags.iter().map(|(w, t)| (*w, t.as_str())).collect();
    /// assert_eq!(tags, [("我", "r"), ("爱", "v"), ("北京", "ns"), ("天安门", "ns")]);
    /// ```
    pub fn tag<'a>(&self, text: &'a str, hmm: bool) -> Vec<(&'a str, String)> {
        let mut out = Vec::with_capacity(text.len() / 4);
        self.with_dict_read(|d| d.each_tagged(text, hmm, |w, _, t| out.push((w, t.to_string()))));
        out
    }

    /// Segment many texts in parallel (rayon); the result is in input order and does not depend
    /// on the number of threads.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{CutMode, Segmenter};
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

    /// Add a word (jieba's `add_word`): without `freq`, jieba's [`suggest_freq`](Self::suggest_freq)
    /// picks one that keeps the word whole; `freq == Some(0)` deletes it. Returns the frequency.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{CutMode, Segmenter};
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
    /// let seg = wenmai_analyze::Segmenter::new();
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
    /// use wenmai_analyze::{CutMode, Segmenter};
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
    /// use wenmai_analyze::{CutMode, Segmenter};
    /// let seg = Segmenter::new();
    /// let n = seg.load_userdict("\u{feff}云计算 5\n创新办 3 i\n凱特琳 nz\n台中\n".as_bytes()).unwrap();
    /// assert_eq!(n, 4);
    /// assert_eq!(seg.cut("李小福是创新办主任也是云计算方面的专家", CutMode::Precise, true)[2], "创新办");
    /// ```
    pub fn load_userdict<R: BufRead>(&self, mut reader: R) -> Result<usize> {
        static RE_USERDICT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(.+?)( [0-9]+)?( [a-z]+)?$").expect("valid regex"));
        let mut entries = Vec::new();
        let mut buf = Vec::new();
        let mut line_no = 0;
        loop {
            buf.clear();
            if reader.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            line_no += 1;
            let line = std::str::from_utf8(strip_ascii_ws(&buf)).map_err(|e| Error::UserDict {
                line: line_no,
                message: format!("dictionary file must be utf-8: {e}"),
            })?;
            let line = line.trim_start_matches('\u{feff}');
            if line.is_empty() {
                continue;
            }
            let Some(caps) = RE_USERDICT.captures(line) else {
                // `.` does not match a line break inside the line; jieba's `re` fails the same way.
                return Err(Error::UserDict {
                    line: line_no,
                    message: format!("cannot read `{line}`"),
                });
            };
            let word = caps.get(1).map_or("", |m| m.as_str()).to_owned();
            let freq = match caps.get(2) {
                Some(m) => {
                    Some(
                        m.as_str()
                            .trim()
                            .parse::<usize>()
                            .map_err(|e| Error::UserDict {
                                line: line_no,
                                message: format!("frequency {}: {e}", m.as_str().trim()),
                            })?,
                    )
                }
                None => None,
            };
            let tag = caps.get(3).map(|m| m.as_str().trim().to_owned());
            entries.push((word, freq, tag));
        }
        let mut d = self.write()?;
        for (word, freq, tag) in &entries {
            d.add_word(word, *freq, tag.as_deref());
        }
        Ok(entries.len())
    }
}

impl Dictionary {
    fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Option<&str>) -> usize {
        if word.is_empty() {
            return 0;
        }
        self.pristine = false;
        let freq = freq.unwrap_or_else(|| self.suggest_one(word));
        // jieba: `if tag: self.user_word_tag_tab[word] = tag`, for new and old words alike.
        if let Some(tag) = tag.filter(|t| !t.is_empty())
            && self.jieba.has_word(word)
        {
            self.retagged.insert(word.to_owned(), tag.to_owned());
        }
        if freq == 0 {
            // jieba keeps the word with frequency 0: no DAG edge, force-split after the HMM.
            if self.jieba.has_word(word) {
                self.jieba.add_word(word, Some(0), tag);
            }
            self.deleted.insert(word.to_owned());
        } else {
            self.deleted.remove(word);
            self.jieba.add_word(word, Some(freq), tag);
        }
        freq
    }

    /// `suggest_freq(word)` for one string (jieba-rs computes jieba's formula in log space).
    fn suggest_one(&self, word: &str) -> usize {
        self.jieba.suggest_freq(word)
    }

    /// Frequency of a dictionary word as far as jieba-rs lets us see it (`FREQ.get(w, default)`).
    fn freq_of(&self, word: &str, default: usize) -> usize {
        if !self.jieba.has_word(word) {
            return default;
        }
        if self.deleted.contains(word) {
            return 0;
        }
        // jieba-rs's suggest_freq of a word its own cut keeps whole is max(f + 1 or f, f).
        let s = self.jieba.suggest_freq(word);
        let whole = self.jieba.cut(word, false).len() == 1;
        if whole { s.saturating_sub(1).max(1) } else { s }
    }

    fn suggest_freq<S: AsRef<str>>(&mut self, segments: &[S], tune: bool) -> usize {
        let (word, freq) = if segments.len() == 1 {
            let w = segments[0].as_ref().to_owned();
            let f = self.suggest_one(&w);
            (w, f)
        } else {
            let word: String = segments.iter().map(|s| s.as_ref()).collect();
            let total = self.total_estimate();
            let mut f = 1.0f64;
            for s in segments {
                f *= self.freq_of(s.as_ref(), 1) as f64 / total;
            }
            let f = ((f * total) as usize).min(self.freq_of(&word, 0));
            (word, f)
        };
        if tune {
            self.add_word(&word, Some(freq), None);
        }
        freq
    }

    /// The dictionary total, recovered from jieba-rs's single-word suggestion of an unknown
    /// character sequence: `suggest_freq(x) = total^(1-k) + 1` is too coarse, so use jieba's
    /// default total when the default dictionary is loaded.
    fn total_estimate(&self) -> f64 {
        // jieba 0.42.1 dict.txt total.
        60_101_967.0
    }

    /// Precise/full/search words with byte offsets, jieba 0.42.1's rules.
    pub(crate) fn each<'a>(
        &self,
        text: &'a str,
        mode: CutMode,
        hmm: bool,
        mut emit: impl FnMut(&'a str, usize),
    ) {
        match mode {
            CutMode::Precise => self.each_precise(text, hmm, &mut emit),
            CutMode::Search => self.each_precise(text, hmm, &mut |w: &'a str, b: usize| {
                if w.len() > 2 {
                    let idx: Vec<usize> =
                        w.char_indices().map(|(i, _)| i).chain([w.len()]).collect();
                    let n = idx.len() - 1;
                    if n > 2 {
                        for i in 0..n - 1 {
                            let g = &w[idx[i]..idx[i + 2]];
                            if self.is_word(g) {
                                emit(g, b + idx[i]);
                            }
                        }
                    }
                    if n > 3 {
                        for i in 0..n - 2 {
                            let g = &w[idx[i]..idx[i + 3]];
                            if self.is_word(g) {
                                emit(g, b + idx[i]);
                            }
                        }
                    }
                }
                emit(w, b);
            }),
            CutMode::Full => self.each_full(text, &mut emit),
        }
    }

    /// [`each`](Self::each) with, for each token, its id in the default dictionary's trie when
    /// the route took it from there ([`NO_WORD`] otherwise; always in full and search mode
    /// and for an edited dictionary).
    pub(crate) fn each_with_ids<'a>(
        &self,
        text: &'a str,
        mode: CutMode,
        hmm: bool,
        mut emit: impl FnMut(&'a str, u32),
    ) {
        if self.pristine && mode == CutMode::Precise {
            self.each_pristine(text, hmm, &mut |w, _, id| emit(w, id));
        } else {
            self.each(text, mode, hmm, |w, _| emit(w, NO_WORD));
        }
    }

    /// Precise mode with the default dictionary's trie.
    fn each_pristine<'a>(
        &self,
        text: &'a str,
        hmm: bool,
        emit: &mut impl FnMut(&'a str, usize, u32),
    ) {
        crate::dat::DEFAULT.cut_text(text, hmm, &mut |w, b, id| {
            if id == NO_WORD {
                self.finish_token(w, b, hmm, &mut |p, o| emit(p, o, NO_WORD));
            } else {
                emit(w, b, id);
            }
        });
    }

    fn each_precise<'a>(&self, text: &'a str, hmm: bool, emit: &mut impl FnMut(&'a str, usize)) {
        if self.pristine {
            return self.each_pristine(text, hmm, &mut |w, b, _| emit(w, b));
        }
        if text.chars().any(is_extra_han) {
            for (block, base, han) in runs(text, is_han_default) {
                if han {
                    self.cut_block(block, base, hmm, emit);
                } else {
                    emit_chars(block, base, emit);
                }
            }
        } else {
            // jieba-rs splits blocks as jieba does when no such character occurs.
            self.cut_block(text, 0, hmm, emit);
        }
    }

    /// jieba-rs's cut of `block`, with the HMM's ASCII runs split as jieba's `finalseg` does.
    #[inline]
    fn cut_block<'a>(
        &self,
        block: &'a str,
        base: usize,
        hmm: bool,
        emit: &mut impl FnMut(&'a str, usize),
    ) {
        for t in self.jieba.cut(block, hmm) {
            self.finish_token(t.word, base + t.byte_start, hmm, emit);
        }
    }

    /// What jieba does to a token of the route or the HMM that jieba-rs does not: ASCII runs
    /// the HMM made are split by `finalseg.re_skip`, deleted words are split into chars.
    #[inline(always)]
    fn finish_token<'a>(
        &self,
        w: &'a str,
        b: usize,
        hmm: bool,
        emit: &mut impl FnMut(&'a str, usize),
    ) {
        if hmm && w.len() > 1 && w.is_ascii() && w.bytes().any(|c| matches!(c, b'.' | b'_' | b'-'))
        {
            if self.jieba.has_word(w) {
                emit(w, b);
            } else {
                split_finalseg_skip(w, |p, o| emit(p, b + o));
            }
        } else if hmm && !self.deleted.is_empty() && self.deleted.contains(w) {
            for (i, c) in w.char_indices() {
                emit(&w[i..i + c.len_utf8()], b + i);
            }
        } else {
            emit(w, b);
        }
    }

    /// jieba 0.42.1's `cut(cut_all=True)`.
    fn each_full<'a>(&self, text: &'a str, emit: &mut impl FnMut(&'a str, usize)) {
        const MAX_WORD_CHARS: usize = 32;
        for (block, base, han) in runs(text, is_han_default) {
            if !han {
                // re_skip.split with a capturing group: pieces, separators, and empty strings.
                let mut start = 0;
                let mut it = block.char_indices().peekable();
                while let Some((i, c)) = it.next() {
                    let sep_len = if c == '\r' && matches!(it.peek(), Some((_, '\n'))) {
                        it.next();
                        2
                    } else if c.is_whitespace() {
                        c.len_utf8()
                    } else {
                        continue;
                    };
                    emit(&block[start..i], base + start);
                    emit(&block[i..i + sep_len], base + i);
                    start = i + sep_len;
                }
                emit(&block[start..], base + start);
                continue;
            }
            let idx: Vec<usize> = block
                .char_indices()
                .map(|(i, _)| i)
                .chain([block.len()])
                .collect();
            let n = idx.len() - 1;
            let dag = |k: usize| -> Vec<usize> {
                let mut l: Vec<usize> = (k..n.min(k + MAX_WORD_CHARS))
                    .filter(|&j| self.is_word(&block[idx[k]..idx[j + 1]]))
                    .collect();
                if l.is_empty() {
                    l.push(k);
                }
                l
            };
            let is_eng = |k: usize| block.as_bytes()[idx[k]].is_ascii_alphanumeric();
            let mut old_j: isize = -1;
            let mut eng_buf: Option<usize> = None; // start char of the buffered English run
            let mut eng_end = 0usize;
            for k in 0..n {
                if let Some(s) = eng_buf
                    && !is_eng(k)
                {
                    emit(&block[idx[s]..idx[eng_end]], base + idx[s]);
                    eng_buf = None;
                }
                let l = dag(k);
                if l.len() == 1 && k as isize > old_j {
                    let j = l[0];
                    // re_eng.match(word) only looks at the word's first char.
                    if is_eng(k) {
                        if eng_buf.is_none() {
                            eng_buf = Some(k);
                        }
                        eng_end = j + 1;
                    }
                    if eng_buf.is_none() {
                        emit(&block[idx[k]..idx[j + 1]], base + idx[k]);
                    }
                    old_j = j as isize;
                } else {
                    for &j in &l {
                        if j > k {
                            emit(&block[idx[k]..idx[j + 1]], base + idx[k]);
                            old_j = j as isize;
                        }
                    }
                }
            }
            if let Some(s) = eng_buf {
                emit(&block[idx[s]..idx[eng_end]], base + idx[s]);
            }
        }
    }

    /// Words and tags as `jieba.posseg.cut`.
    pub(crate) fn each_tagged<'a>(
        &self,
        text: &'a str,
        hmm: bool,
        mut emit: impl FnMut(&'a str, usize, &str),
    ) {
        if hmm {
            // jieba's posseg with its joint (position, POS) HMM: crate::posseg.
            return self.each_tagged_hmm(text, emit);
        }
        for (block, base, han) in runs(text, is_han_internal) {
            if !han {
                emit_chars(block, base, &mut |w, b| emit(w, b, "x"));
                continue;
            }
            for t in self.jieba.tag(block, false) {
                let w: &'a str = &block[t.byte_start..t.byte_end];
                let b = base + t.byte_start;
                let in_dict = self.is_word(w);
                let tag: &str = if t.tag.is_empty() { "x" } else { t.tag };
                let tag = self.tag_of(w, tag);
                if w.bytes().all(|c| c.is_ascii_alphanumeric()) && (w.len() == 1 || !in_dict) {
                    emit(w, b, "eng");
                } else if !in_dict {
                    emit(w, b, "x");
                } else {
                    emit(w, b, tag);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finalseg_skip_split() {
        let mut v = Vec::new();
        split_finalseg_skip("v1.2.3", |p, _| v.push(p));
        assert_eq!(v, ["v1.2", ".", "3"]);
        v.clear();
        split_finalseg_skip("2011-2020", |p, _| v.push(p));
        assert_eq!(v, ["2011", "-", "2020"]);
        v.clear();
        split_finalseg_skip("12.5%", |p, _| v.push(p));
        assert_eq!(v, ["12.5%"]);
    }

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
