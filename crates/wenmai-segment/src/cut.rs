//! The cuts of jieba 0.42.1: precise (`__cut_DAG`, `__cut_DAG_NO_HMM`), full (`__cut_all`)
//! and search (`cut_for_search`), with what jieba does around jieba-rs's route that jieba-rs
//! does not (block splitting by `re_han_default`, `finalseg.re_skip` on the HMM's ASCII runs,
//! deleted words split after the HMM). The default dictionary, unchanged, takes the route of
//! [`crate::trie`] instead (the same tokens, found faster).

use crate::chars::{emit_chars, is_extra_han, is_han_default, runs, split_finalseg_skip};
use crate::dictionary::Dictionary;
use crate::trie::{DEFAULT, NO_WORD, WordId};

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

impl Dictionary {
    /// The words of `text` in `mode`, each with its byte offset, as
    /// [`Segmenter::cut`](crate::Segmenter::cut) gives them.
    pub fn each<'a>(
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

    /// [`each`](Self::each), each word with its id in the default dictionary's
    /// [`Lexicon`](crate::Lexicon) where the cut knows it to be one of its words, [`NO_WORD`]
    /// where it does not (then the text tells). Equal ids are equal words, so a caller can
    /// keep what it makes of a word by its id.
    ///
    /// # Examples
    /// ```
    /// use wenmai_segment::{CutMode, Lexicon, NO_WORD, Segmenter};
    /// let mut ids = Vec::new();
    /// Segmenter::default().with_dictionary(|d| {
    ///     d.each_with_ids("北京，北京", CutMode::Precise, true, |w, id| ids.push((w, id)))
    /// });
    /// assert_eq!(ids[0].1, ids[2].1);
    /// assert_ne!(ids[0].1, NO_WORD);
    /// let mut word = String::new();
    /// Lexicon::default_words().word_into(ids[0].1, &mut word);
    /// assert_eq!(word, "北京");
    /// ```
    pub fn each_with_ids<'a>(
        &self,
        text: &'a str,
        mode: CutMode,
        hmm: bool,
        mut emit: impl FnMut(&'a str, WordId),
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
        emit: &mut impl FnMut(&'a str, usize, WordId),
    ) {
        DEFAULT.cut_text(text, hmm, &mut |w, b, id| {
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
        for t in self.jieba().cut(block, hmm) {
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
            if self.has_word(w) {
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
}
