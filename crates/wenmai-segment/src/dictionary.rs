//! The dictionary a [`crate::Segmenter`] cuts with: jieba-rs's words, frequencies and tags,
//! plus what jieba 0.42.1 keeps beside them (deleted words, retagged words), and how a user
//! dictionary and `add_word` / `suggest_freq` change it.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::sync::{Arc, LazyLock, OnceLock};

use jieba_rs::Jieba;
use regex::Regex;

use crate::chars::strip_ascii_ws;
use crate::error::{Error, Result};
use crate::freq::FreqTable;

/// The dictionary behind a [`crate::Segmenter`]: jieba-rs's plus the words deleted from it.
///
/// Reached through [`crate::Segmenter::with_dictionary`], which holds it read-locked for a
/// whole batch of texts; its `each*` methods are the segmenter's cuts without allocation.
///
/// # Examples
/// ```
/// use wenmai_segment::{CutMode, Segmenter};
/// let mut words = Vec::new();
/// Segmenter::default().with_dictionary(|d| {
///     d.each("我来到北京", CutMode::Precise, true, |w, _| words.push(w))
/// });
/// assert_eq!(words, ["我", "来到", "北京"]);
/// ```
#[derive(Debug, Clone)]
pub struct Dictionary {
    /// jieba-rs's dictionary; the default one is built on first use (precise and search cuts
    /// of the unchanged default dictionary go through the trie and never need it).
    jieba: OnceLock<Jieba>,
    /// Words whose frequency is 0 (`del_word`): not words for the DAG, force-split after the HMM.
    pub(crate) deleted: HashSet<String>,
    /// Tags given to words already in jieba-rs's dictionary (`add_word(w, tag=t)`), which
    /// jieba-rs keeps at their first value; jieba's `user_word_tag_tab` replaces them.
    pub(crate) retagged: HashMap<String, String>,
    /// Bumped on every write access, so cached analyses can tell that the dictionary changed.
    pub(crate) generation: u64,
    /// Whether this is jieba's default dictionary, unchanged: precise and search modes then
    /// segment with [`crate::trie`]'s trie (the same tokens, found faster).
    pub(crate) pristine: bool,
    /// The main dictionary's text when it is not jieba's default (`Tokenizer(dictionary=…)`),
    /// kept for `FREQ` and for pickling.
    pub(crate) source: Option<Arc<str>>,
    /// Every change since the main dictionary was read, in order, with the frequency it set:
    /// replaying them rebuilds this dictionary (pickling, `FREQ`).
    pub(crate) edits: Vec<UserWord>,
    /// jieba's `FREQ` and `total`, built on first use.
    pub(crate) freq: OnceLock<FreqTable>,
}

impl Dictionary {
    pub(crate) fn new(jieba: Jieba) -> Self {
        Dictionary::with(OnceLock::from(jieba))
    }

    fn with(jieba: OnceLock<Jieba>) -> Self {
        Dictionary {
            jieba,
            deleted: HashSet::new(),
            retagged: HashMap::new(),
            generation: 0,
            pristine: false,
            source: None,
            edits: Vec::new(),
            freq: OnceLock::new(),
        }
    }

    /// jieba's `FREQ` and `total` for this dictionary (built on first use).
    pub(crate) fn freq_table(&self) -> &FreqTable {
        self.freq.get_or_init(|| {
            let mut t = match &self.source {
                Some(text) => FreqTable::from_dict(text),
                None => FreqTable::from_dict(&crate::trie::DICT_TXT),
            };
            for (word, freq, _) in &self.edits {
                t.add_word(word, freq.unwrap_or(0));
            }
            t
        })
    }

    /// jieba's default dictionary.
    pub(crate) fn default_dict() -> Self {
        Dictionary {
            pristine: true,
            ..Dictionary::with(OnceLock::new())
        }
    }

    /// jieba-rs's dictionary (an unset one is the default, built now).
    #[inline]
    pub(crate) fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(default_jieba)
    }

    /// Whether `word` is in the dictionary (jieba-rs's `has_word`): the trie answers while the
    /// dictionary is unchanged.
    #[inline]
    pub(crate) fn has_word(&self, word: &str) -> bool {
        if self.pristine {
            crate::trie::DEFAULT.contains(word)
        } else {
            self.jieba().has_word(word)
        }
    }

    /// jieba's route without the HMM over a `re_han_internal` block, with each word's tag in
    /// the dictionary (as jieba-rs's `tag(block, false)`; a tag is only read for dictionary
    /// words): `emit(word, byte offset in the block, tag)`.
    pub(crate) fn each_routed<'a: 't, 's: 't, 't>(
        &'s self,
        block: &'a str,
        mut emit: impl FnMut(&'a str, usize, &'t str),
    ) {
        if self.pristine {
            crate::trie::DEFAULT.each_routed(block, &mut |w, b, t| emit(w, b, t));
        } else {
            for t in self.jieba().tag(block, false) {
                emit(&block[t.byte_start..t.byte_end], t.byte_start, t.tag);
            }
        }
    }

    fn jieba_mut(&mut self) -> &mut Jieba {
        self.jieba();
        self.jieba.get_mut().expect("initialised just above")
    }

    /// The tag of dictionary word `word`, given the tag jieba-rs has for it.
    #[inline]
    pub(crate) fn tag_of<'s>(&'s self, word: &str, tag: &'s str) -> &'s str {
        if self.retagged.is_empty() {
            return tag;
        }
        self.retagged.get(word).map_or(tag, String::as_str)
    }

    /// Whether `word` is a dictionary word with a frequency above 0 (jieba's `FREQ.get(word)`
    /// is truthy).
    #[inline]
    pub fn is_word(&self, word: &str) -> bool {
        self.has_word(word) && (self.deleted.is_empty() || !self.deleted.contains(word))
    }
}

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

impl Dictionary {
    pub(crate) fn add_word(&mut self, word: &str, freq: Option<usize>, tag: Option<&str>) -> usize {
        if word.is_empty() {
            return 0;
        }
        self.pristine = false;
        let freq = freq.unwrap_or_else(|| self.suggest_one(word));
        self.edits.push((
            word.to_owned(),
            Some(freq),
            tag.filter(|t| !t.is_empty()).map(str::to_owned),
        ));
        if let Some(t) = self.freq.get_mut() {
            t.add_word(word, freq);
        }
        // jieba: `if tag: self.user_word_tag_tab[word] = tag`, for new and old words alike.
        if let Some(tag) = tag.filter(|t| !t.is_empty())
            && self.jieba().has_word(word)
        {
            self.retagged.insert(word.to_owned(), tag.to_owned());
        }
        if freq == 0 {
            // jieba keeps the word with frequency 0: no DAG edge, force-split after the HMM.
            if self.jieba().has_word(word) {
                self.jieba_mut().add_word(word, Some(0), tag);
            }
            self.deleted.insert(word.to_owned());
        } else {
            self.deleted.remove(word);
            self.jieba_mut().add_word(word, Some(freq), tag);
        }
        freq
    }

    /// `suggest_freq(word)` for one string (jieba-rs computes jieba's formula in log space).
    fn suggest_one(&self, word: &str) -> usize {
        self.jieba().suggest_freq(word)
    }

    /// Frequency of a dictionary word as far as jieba-rs lets us see it (`FREQ.get(w, default)`).
    fn freq_of(&self, word: &str, default: usize) -> usize {
        if !self.jieba().has_word(word) {
            return default;
        }
        if self.deleted.contains(word) {
            return 0;
        }
        // jieba-rs's suggest_freq of a word its own cut keeps whole is max(f + 1 or f, f).
        let s = self.jieba().suggest_freq(word);
        let whole = self.jieba().cut(word, false).len() == 1;
        if whole { s.saturating_sub(1).max(1) } else { s }
    }

    pub(crate) fn suggest_freq<S: AsRef<str>>(&mut self, segments: &[S], tune: bool) -> usize {
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
}

/// One user dictionary line: the word, its frequency and its tag where given.
pub(crate) type UserWord = (String, Option<usize>, Option<String>);

/// A user dictionary's entries (`word`, frequency, tag), read as jieba 0.42.1's
/// `load_userdict` reads them (`^(.+?)( [0-9]+)?( [a-z]+)?$`, blank lines skipped, a BOM
/// stripped); an error names the line.
pub(crate) fn read_userdict<R: BufRead>(mut reader: R) -> Result<Vec<UserWord>> {
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
            Some(m) => Some(
                m.as_str()
                    .trim()
                    .parse::<usize>()
                    .map_err(|e| Error::UserDict {
                        line: line_no,
                        message: format!("frequency {}: {e}", m.as_str().trim()),
                    })?,
            ),
            None => None,
        };
        let tag = caps.get(3).map(|m| m.as_str().trim().to_owned());
        entries.push((word, freq, tag));
    }
    Ok(entries)
}
