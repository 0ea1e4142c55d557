//! Tokens to terms: normalisation, filters, word and character n-grams.
//!
//! An [`Analyzer`] turns the text of a sentence into terms. Segmentation is the
//! [`Segmenter`]'s (jieba); normalisation (NFKC width folding, ASCII lowercase) and filters
//! (stopwords, POS, length, punctuation, numbers) happen on tokens, never on the text, so
//! spans stay true. Word n-grams are joined with a space (scikit-learn's convention) and never
//! cross a sentence.

mod normalize;
pub(crate) mod word_terms;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use wenmai_parse::Conversion;
use wenmai_segment::{CutMode, Dictionary, Segmenter};

use crate::error::{Error, Result};
pub(crate) use normalize::is_foldable;
pub use normalize::{chinese_stopwords, normalize_term};
use normalize::{ends_sentence, fold_width, has_foldable, is_number, is_punct_or_space};
pub(crate) use word_terms::WordTerms;

/// How an [`Analyzer`] makes terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// Word n-grams with `n` in `min..=max` (1, 1 = words).
    Words {
        /// Smallest n.
        min: usize,
        /// Largest n.
        max: usize,
    },
    /// Character n-grams of the kept words' characters within each sentence, never across a
    /// punctuation mark or a dropped token.
    Chars {
        /// Smallest n.
        min: usize,
        /// Largest n.
        max: usize,
    },
}

/// Turns text into terms. Cheap to clone; `Send + Sync`.
///
/// # Examples
/// ```
/// use wenmai_analyze::Analyzer;
/// let an = Analyzer::default();
/// assert_eq!(an.analyze("我们要大力发展经济。"), ["大力发展", "经济"]);
/// let an = Analyzer::builder().stopwords(false).ngram_range(1, 2).build().unwrap();
/// assert_eq!(an.analyze("发展经济。改革"), ["发展", "经济", "发展 经济", "改革"]);
/// ```
#[derive(Debug, Clone)]
pub struct Analyzer {
    segmenter: Segmenter,
    stopwords: Arc<HashSet<String>>,
    pos_allow: Option<Arc<HashSet<String>>>,
    pos_deny: Arc<HashSet<String>>,
    min_len: usize,
    kind: TermKind,
    normalize: bool,
    drop_punct: bool,
    drop_numbers: bool,
    hmm: bool,
    mode: CutMode,
    convert: Option<Conversion>,
    /// What this analyzer makes of each word of the default dictionary, learnt as counting
    /// meets them and kept across calls (the settings above never change).
    word_terms: Arc<std::sync::OnceLock<WordTerms>>,
}

impl Default for Analyzer {
    /// Default dictionary, HMM on, precise mode, Chinese stopwords, normalised, punctuation and
    /// whitespace dropped, numbers kept, words only, `min_len` 1.
    fn default() -> Self {
        AnalyzerBuilder::default().build_infallible()
    }
}

/// Builds an [`Analyzer`].
///
/// # Examples
/// ```
/// use wenmai_analyze::Analyzer;
/// let an = Analyzer::builder()
///     .pos_allow(["n", "vn"])
///     .min_len(2)
///     .add_stopwords(["经济"])
///     .build()
///     .unwrap();
/// assert_eq!(an.analyze("我们要大力发展经济和科技。"), ["科技"]);
/// ```
#[derive(Debug, Clone)]
pub struct AnalyzerBuilder {
    segmenter: Option<Segmenter>,
    builtin_stopwords: bool,
    extra_stopwords: HashSet<String>,
    pos_allow: Option<HashSet<String>>,
    pos_deny: HashSet<String>,
    min_len: usize,
    kind: TermKind,
    normalize: bool,
    drop_punct: bool,
    drop_numbers: bool,
    hmm: bool,
    mode: CutMode,
    convert: Option<Conversion>,
}

impl Default for AnalyzerBuilder {
    fn default() -> Self {
        AnalyzerBuilder {
            segmenter: None,
            builtin_stopwords: true,
            extra_stopwords: HashSet::new(),
            pos_allow: None,
            pos_deny: HashSet::new(),
            min_len: 1,
            kind: TermKind::Words { min: 1, max: 1 },
            normalize: true,
            drop_punct: true,
            drop_numbers: false,
            hmm: true,
            mode: CutMode::Precise,
            convert: None,
        }
    }
}

impl AnalyzerBuilder {
    /// The segmenter (and so the dictionary) to use; default: [`Segmenter::default`].
    ///
    /// # Examples
    /// ```
    /// let seg = wenmai_analyze::Segmenter::with_user_dict("文脉分析 10 n\n".as_bytes()).unwrap();
    /// let an = wenmai_analyze::Analyzer::builder().segmenter(seg).build().unwrap();
    /// assert_eq!(an.analyze("文脉分析"), ["文脉分析"]);
    /// ```
    pub fn segmenter(mut self, segmenter: Segmenter) -> Self {
        self.segmenter = Some(segmenter);
        self
    }

    /// Use the built-in Chinese stopword list (default: yes).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().stopwords(false).build().unwrap();
    /// assert_eq!(an.analyze("我的"), ["我", "的"]);
    /// ```
    pub fn stopwords(mut self, builtin: bool) -> Self {
        self.builtin_stopwords = builtin;
        self
    }

    /// Add stopwords of your own (normalised like terms).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().add_stopwords(["发展"]).build().unwrap();
    /// assert_eq!(an.analyze("发展经济"), ["经济"]);
    /// ```
    pub fn add_stopwords<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, words: I) -> Self {
        self.extra_stopwords.extend(
            words
                .into_iter()
                .map(|w| normalize_term(w.as_ref()).into_owned()),
        );
        self
    }

    /// Keep only tokens with these POS tags (jieba's tags; tagging is then on).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().pos_allow(["ns"]).build().unwrap();
    /// assert_eq!(an.analyze("我爱北京天安门"), ["北京", "天安门"]);
    /// ```
    pub fn pos_allow<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.pos_allow = Some(tags.into_iter().map(Into::into).collect());
        self
    }

    /// Drop tokens with these POS tags.
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().stopwords(false).pos_deny(["r", "v"]).build().unwrap();
    /// assert_eq!(an.analyze("我爱北京"), ["北京"]);
    /// ```
    pub fn pos_deny<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.pos_deny = tags.into_iter().map(Into::into).collect();
        self
    }

    /// Minimum term length in chars (default 1).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().stopwords(false).min_len(2).build().unwrap();
    /// assert_eq!(an.analyze("我爱北京"), ["北京"]);
    /// ```
    pub fn min_len(mut self, chars: usize) -> Self {
        self.min_len = chars;
        self
    }

    /// Word n-grams with `n` in `min..=max` (scikit-learn's `ngram_range`); default (1, 1).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().ngram_range(2, 2).build().unwrap();
    /// assert_eq!(an.analyze("发展经济。科技强国"), ["发展 经济", "科技 强国"]);
    /// ```
    pub fn ngram_range(mut self, min: usize, max: usize) -> Self {
        self.kind = TermKind::Words { min, max };
        self
    }

    /// Character n-grams instead of words.
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().char_ngrams(2, 2).build().unwrap();
    /// assert_eq!(an.analyze("发展经济"), ["发展", "展经", "经济"]);
    /// ```
    pub fn char_ngrams(mut self, min: usize, max: usize) -> Self {
        self.kind = TermKind::Chars { min, max };
        self
    }

    /// NFKC width folding and ASCII lowercase (default: on).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().normalize(false).build().unwrap();
    /// assert_eq!(an.analyze("GDP"), ["GDP"]);
    /// // jieba cuts full-width letters one by one; normalisation folds them first.
    /// assert_eq!(an.analyze("ＧＤＰ"), ["Ｇ", "Ｄ", "Ｐ"]);
    /// ```
    pub fn normalize(mut self, yes: bool) -> Self {
        self.normalize = yes;
        self
    }

    /// Convert the text through OpenCC's tables before cutting it (`T2s`: Traditional
    /// Chinese is cut and counted as Simplified, by jieba's Simplified dictionary). The
    /// conversion keeps one char for one, so token offsets hold in the original text.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, Conversion};
    /// let an = Analyzer::builder().convert(Some(Conversion::T2s)).build().unwrap();
    /// assert_eq!(an.analyze("我們要大力發展經濟。"), ["大力发展", "经济"]);
    /// ```
    pub fn convert(mut self, conversion: Option<Conversion>) -> Self {
        self.convert = conversion;
        self
    }

    /// Drop punctuation and whitespace tokens (default: on).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().stopwords(false).drop_punct(false).build().unwrap();
    /// assert_eq!(an.analyze("经济，"), ["经济", ","]); // NFKC-folded
    /// ```
    pub fn drop_punct(mut self, yes: bool) -> Self {
        self.drop_punct = yes;
        self
    }

    /// Drop pure numbers such as `2024` or `３．５` (default: off).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().stopwords(false).drop_numbers(true).build().unwrap();
    /// assert_eq!(an.analyze("２０２４年增长5.2%"), ["年", "增长"]);
    /// ```
    pub fn drop_numbers(mut self, yes: bool) -> Self {
        self.drop_numbers = yes;
        self
    }

    /// Use jieba's HMM for unknown words (default: on).
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().hmm(false).build().unwrap();
    /// assert_eq!(an.analyze("他来到了网易杭研大厦"), ["来到", "网易", "杭", "研", "大厦"]);
    /// ```
    pub fn hmm(mut self, yes: bool) -> Self {
        self.hmm = yes;
        self
    }

    /// jieba's cut mode (default: precise).
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, CutMode};
    /// let an = Analyzer::builder().cut_mode(CutMode::Search).build().unwrap();
    /// assert_eq!(an.analyze("清华大学"), ["清华", "华大", "大学", "清华大学"]);
    /// ```
    pub fn cut_mode(mut self, mode: CutMode) -> Self {
        self.mode = mode;
        self
    }

    /// Build the analyzer.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an empty or zero n-gram range.
    ///
    /// # Examples
    /// ```
    /// assert!(wenmai_analyze::Analyzer::builder().ngram_range(2, 1).build().is_err());
    /// ```
    pub fn build(self) -> Result<Analyzer> {
        let (TermKind::Words { min, max } | TermKind::Chars { min, max }) = self.kind;
        if min == 0 || max < min {
            return Err(Error::InvalidParameter(format!(
                "n-gram range ({min}, {max}): need 1 <= min <= max"
            )));
        }
        Ok(self.build_infallible())
    }

    fn build_infallible(self) -> Analyzer {
        let mut stopwords = if self.builtin_stopwords {
            chinese_stopwords().clone()
        } else {
            HashSet::new()
        };
        stopwords.extend(self.extra_stopwords);
        Analyzer {
            segmenter: self.segmenter.unwrap_or_default(),
            stopwords: Arc::new(stopwords),
            pos_allow: self.pos_allow.map(Arc::new),
            pos_deny: Arc::new(self.pos_deny),
            min_len: self.min_len,
            kind: self.kind,
            normalize: self.normalize,
            drop_punct: self.drop_punct,
            drop_numbers: self.drop_numbers,
            hmm: self.hmm,
            mode: self.mode,
            convert: self.convert,
            word_terms: Arc::default(),
        }
    }
}

/// Reusable buffers for [`Analyzer::sentence_terms`].
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    kept: Vec<String>,
    gram: String,
}

impl Analyzer {
    /// A builder with the defaults of [`Analyzer::default`].
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::builder().build().unwrap();
    /// assert!(an.stopwords().contains("的"));
    /// ```
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// Whether `other` is this analyzer or a clone of it (the same settings, and what it has
    /// learnt of the dictionary's words), so that a cache of counts can be kept per analyzer.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::Analyzer;
    /// let an = Analyzer::default();
    /// assert!(an.same_as(&an.clone()));
    /// assert!(!an.same_as(&Analyzer::default()));
    /// ```
    pub fn same_as(&self, other: &Analyzer) -> bool {
        Arc::ptr_eq(&self.word_terms, &other.word_terms)
    }

    /// The conversion the text goes through before it is cut, if any.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(wenmai_analyze::Analyzer::default().conversion(), None);
    /// ```
    pub fn conversion(&self) -> Option<Conversion> {
        self.convert
    }

    /// The segmenter.
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::default();
    /// assert!(an.segmenter().shares_dictionary_with(&wenmai_analyze::Segmenter::default()));
    /// ```
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The stopwords in force (normalised).
    ///
    /// # Examples
    /// ```
    /// assert!(wenmai_analyze::Analyzer::default().stopwords().contains("我们"));
    /// ```
    pub fn stopwords(&self) -> &HashSet<String> {
        &self.stopwords
    }

    /// Whether HMM is on.
    ///
    /// # Examples
    /// ```
    /// assert!(wenmai_analyze::Analyzer::default().hmm());
    /// ```
    pub fn hmm(&self) -> bool {
        self.hmm
    }

    /// How terms are made.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, analyzer::TermKind};
    /// assert_eq!(Analyzer::default().term_kind(), TermKind::Words { min: 1, max: 1 });
    /// ```
    pub fn term_kind(&self) -> TermKind {
        self.kind
    }

    /// The terms of a plain text; sentences end at `。！？!?；…` and line breaks.
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::default();
    /// assert_eq!(an.analyze("２０２４年ＧＤＰ增长"), ["2024", "gdp", "增长"]); // 年 is a stopword
    /// ```
    pub fn analyze(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.each_term(text, &mut |t| out.push(t.to_owned()));
        out
    }

    /// The terms of a plain text as [`Analyzer::analyze`] gives them, each handed to `emit`
    /// (in a buffer it reuses: counting holds the distinct terms, not every n-gram).
    pub fn each_term(&self, text: &str, emit: &mut impl FnMut(&str)) {
        let mut scratch = Scratch::default();
        self.segmenter.with_dictionary(|d| {
            let mut start = 0;
            let mut ends = Vec::new();
            d.each(text, CutMode::Precise, self.hmm, |w, b| {
                if ends_sentence(w) {
                    ends.push(b + w.len());
                }
            });
            ends.push(text.len());
            for end in ends {
                if end > start {
                    self.sentence_terms(d, &text[start..end], &mut scratch, emit);
                }
                start = end;
            }
        });
    }

    /// Terms of many sentences lists in parallel: for each text the terms of its sentences.
    ///
    /// # Examples
    /// ```
    /// let an = wenmai_analyze::Analyzer::default();
    /// assert_eq!(an.analyze_many(&["发展经济", "改革"]), [vec!["发展", "经济"], vec!["改革"]]);
    /// ```
    pub fn analyze_many<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Vec<String>> {
        use rayon::prelude::*;
        texts.par_iter().map(|t| self.analyze(t.as_ref())).collect()
    }

    /// The kept, normalised token for `w`, or `None` if a filter drops it.
    #[inline]
    fn keep<'t>(&self, w: &'t str, tag: Option<&str>) -> Option<Cow<'t, str>> {
        if w.is_empty() || (self.drop_punct && is_punct_or_space(w)) {
            return None;
        }
        if let Some(tag) = tag {
            if let Some(allow) = &self.pos_allow
                && !allow.contains(tag)
            {
                return None;
            }
            if self.pos_deny.contains(tag) {
                return None;
            }
        }
        let t = if self.normalize {
            normalize_term(w)
        } else {
            Cow::Borrowed(w)
        };
        if self.min_len > 1 && t.chars().take(self.min_len).count() < self.min_len {
            return None;
        }
        if self.drop_numbers && is_number(&t) {
            return None;
        }
        if !self.stopwords.is_empty() && self.stopwords.contains(t.as_ref()) {
            return None;
        }
        Some(t)
    }

    /// Whether segmenting two adjacent pieces of text apart gives the tokens of segmenting them
    /// joined, when the first ends in a character outside jieba's `re_han_default` other than
    /// `\r` and other than a full-width form that folding turns into one inside it: true in
    /// precise mode, which splits blocks at every such character (`\r\n` is one token, hence
    /// the exception).
    pub(crate) fn joins_at_non_han(&self) -> bool {
        self.mode == CutMode::Precise
    }

    /// Whether terms are single tokens decided by the token alone (no n-grams, no POS), so
    /// that the decision can be cached per distinct token.
    pub(crate) fn is_per_token(&self) -> bool {
        matches!(self.kind, TermKind::Words { min: 1, max: 1 }) && !self.uses_tags()
    }

    /// The cache of what this analyzer makes of the default dictionary's words.
    pub(crate) fn word_terms(&self) -> &WordTerms {
        self.word_terms
            .get_or_init(|| WordTerms::new(wenmai_segment::Lexicon::default_words().len()))
    }

    /// The term of one raw token (normalised), or `None` when a filter drops it.
    #[inline]
    pub(crate) fn token_term<'t>(&self, w: &'t str) -> Option<Cow<'t, str>> {
        self.keep(w, None)
    }

    /// Hand the raw tokens of one sentence (width-folded when normalising) to `emit`.
    #[cfg(test)]
    pub(crate) fn sentence_tokens(
        &self,
        d: &Dictionary,
        sentence: &str,
        emit: &mut impl FnMut(&str),
    ) {
        self.sentence_tokens_with_ids(d, sentence, &mut |w, _| emit(w));
    }

    /// [`sentence_tokens`](Self::sentence_tokens), each token with its dictionary id as in
    /// [`sentence_tokens_borrowed`](Self::sentence_tokens_borrowed).
    pub(crate) fn sentence_tokens_with_ids(
        &self,
        d: &Dictionary,
        sentence: &str,
        emit: &mut impl FnMut(&str, u32),
    ) {
        let text = self.prepared(sentence);
        d.each_with_ids(&text, self.mode, self.hmm, emit);
    }

    /// [`sentence_tokens`](Self::sentence_tokens) for a sentence that needs no width folding:
    /// the tokens borrow from it. Returns `false` (and emits nothing) when it needs folding.
    ///
    /// Each token comes with its dictionary id where the segmenter has one (see
    /// `Dictionary::each_with_ids`): a token's term depends on its text only, so equal ids mean
    /// equal terms.
    pub(crate) fn sentence_tokens_borrowed<'t>(
        &self,
        d: &Dictionary,
        sentence: &'t str,
        emit: &mut impl FnMut(&'t str, u32),
    ) -> bool {
        if (self.normalize && has_foldable(sentence)) || self.convert.is_some() {
            return false;
        }
        d.each_with_ids(sentence, self.mode, self.hmm, emit);
        true
    }

    /// Hand every raw token of one sentence to `emit` with its char range in the sentence
    /// (width folding keeps one char for one, so the range holds in the original text) and
    /// its dictionary id as in [`sentence_tokens_borrowed`](Self::sentence_tokens_borrowed).
    pub(crate) fn sentence_tokens_at(
        &self,
        d: &Dictionary,
        sentence: &str,
        emit: &mut impl FnMut(&str, u32, u32, u32),
    ) {
        let prepared = self.prepared(sentence);
        let text: &str = &prepared;
        let base = text.as_ptr() as usize;
        // The previous token's end in bytes and chars: tokens come in order in precise mode
        // (nothing to count between them); search and full mode step back.
        let (mut end_byte, mut end_char) = (0usize, 0u32);
        d.each_with_ids(text, self.mode, self.hmm, |w, id| {
            let b = w.as_ptr() as usize - base;
            if b < end_byte {
                (end_byte, end_char) = (0, 0);
            }
            let start = end_char + count_chars(text.get(end_byte..b).unwrap_or(""));
            let end = start + count_chars(w);
            (end_byte, end_char) = (b + w.len(), end);
            emit(w, start, end, id)
        });
    }

    /// The sentence as the segmenter sees it: width-folded (with normalisation) and
    /// converted (with a conversion); both keep one char for one.
    fn prepared<'a>(&self, sentence: &'a str) -> Cow<'a, str> {
        let folded = if self.normalize && has_foldable(sentence) {
            Cow::Owned(fold_width(sentence))
        } else {
            Cow::Borrowed(sentence)
        };
        if let Some(c) = self.convert
            && let Cow::Owned(converted) = c.convert(&folded)
        {
            return Cow::Owned(converted);
        }
        folded
    }

    fn uses_tags(&self) -> bool {
        self.pos_allow.is_some() || !self.pos_deny.is_empty()
    }

    /// Hand every term of one sentence to `emit`.
    ///
    /// With normalisation, full-width ASCII forms (`２０２４`, `ＧＤＰ`) are folded before
    /// segmentation, so that jieba sees (and keeps together) `2024` as it would in ASCII: jieba
    /// cuts full-width letters and digits one by one.
    pub(crate) fn sentence_terms(
        &self,
        d: &Dictionary,
        sentence: &str,
        scratch: &mut Scratch,
        emit: &mut impl FnMut(&str),
    ) {
        let text = self.prepared(sentence);
        self.sentence_terms_folded(d, &text, scratch, emit)
    }

    /// Every token of one (folded) sentence with its byte offset and raw text, as the
    /// analyzer's filters keep (and normalise) it or drop it (`None`): the one walk that
    /// terms, n-grams and the token stream ([`crate::stats::Tokens`]) all take.
    fn each_kept<'a>(
        &self,
        d: &Dictionary,
        sentence: &'a str,
        emit: &mut impl FnMut(Option<Cow<'a, str>>, usize, &'a str),
    ) {
        if self.uses_tags() {
            d.each_tagged(sentence, self.hmm, |w, b, tag| {
                emit(self.keep(w, Some(tag)), b, w)
            });
        } else {
            d.each(sentence, self.mode, self.hmm, |w, b| {
                emit(self.keep(w, None), b, w)
            });
        }
    }

    /// Hand every kept token of one sentence to `emit` with its char range in the sentence
    /// (width folding keeps one char for one, so the range holds in the original text).
    pub(crate) fn sentence_kept_tokens(
        &self,
        d: &Dictionary,
        sentence: &str,
        emit: &mut impl FnMut(&str, usize, usize),
    ) {
        let prepared = self.prepared(sentence);
        let text: &str = &prepared;
        // Offsets come in order in precise mode; search and full mode step back.
        let (mut byte, mut chars) = (0usize, 0usize);
        self.each_kept(d, text, &mut |t, b, w| {
            if b < byte {
                (byte, chars) = (0, 0);
            }
            chars += text.get(byte..b).map_or(0, |s| s.chars().count());
            byte = b;
            if let Some(t) = t {
                emit(&t, chars, chars + w.chars().count());
            }
        });
    }

    fn sentence_terms_folded(
        &self,
        d: &Dictionary,
        sentence: &str,
        scratch: &mut Scratch,
        emit: &mut impl FnMut(&str),
    ) {
        let simple = matches!(self.kind, TermKind::Words { min: 1, max: 1 });
        if simple {
            self.each_kept(d, sentence, &mut |t, _, _| {
                if let Some(t) = t {
                    emit(&t);
                }
            });
            return;
        }
        // Collect the kept tokens of the sentence; `None` marks a dropped token (a break for
        // character n-grams).
        let kept = &mut scratch.kept;
        kept.clear();
        let mut breaks: Vec<usize> = Vec::new();
        let mut push = |t: Option<Cow<'_, str>>| match t {
            Some(t) => kept.push(t.into_owned()),
            None => breaks.push(kept.len()),
        };
        self.each_kept(d, sentence, &mut |t, _, _| push(t));
        let gram = &mut scratch.gram;
        match self.kind {
            TermKind::Words { min, max } => {
                // capped as scikit-learn caps it: `ngram_range=(1, 2**40)` must not loop 2**40 times
                for n in min..=max.min(kept.len()) {
                    for win in kept.windows(n) {
                        gram.clear();
                        for (i, w) in win.iter().enumerate() {
                            if i > 0 {
                                gram.push(' ');
                            }
                            gram.push_str(w);
                        }
                        emit(gram);
                    }
                }
            }
            TermKind::Chars { min, max } => {
                breaks.push(kept.len());
                let mut from = 0;
                for &to in &breaks {
                    if to > from {
                        let chars: Vec<char> =
                            kept[from..to].iter().flat_map(|w| w.chars()).collect();
                        for n in min..=max.min(chars.len()) {
                            for win in chars.windows(n) {
                                gram.clear();
                                gram.extend(win);
                                emit(gram);
                            }
                        }
                    }
                    from = to;
                }
            }
        }
    }
}

/// The chars of `s`: its bytes that do not continue a char.
#[inline]
fn count_chars(s: &str) -> u32 {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foldable_detection() {
        assert!(has_foldable("年增长１１．２％"));
        assert!(has_foldable("ＧＤＰ"));
        assert!(!has_foldable("经济，发展。（一）"));
        assert!(!has_foldable(""));
    }

    #[test]
    fn numbers_and_punct() {
        assert!(is_number("2024"));
        assert!(is_number("５．２%"));
        assert!(!is_number("2024年"));
        assert!(is_punct_or_space("，。"));
        assert!(is_punct_or_space(" "));
        assert!(!is_punct_or_space("a,"));
    }

    #[test]
    fn huge_ngram_ranges_stop_at_the_sentence_length() {
        // Found by tests/test_property.py: (1, 2**40) looped 2**40 times per sentence.
        let text = "发展经济，科技强国。";
        for (huge, small) in [
            (
                Analyzer::builder().ngram_range(1, 1 << 40),
                Analyzer::builder().ngram_range(1, 9),
            ),
            (
                Analyzer::builder().char_ngrams(2, 1 << 40),
                Analyzer::builder().char_ngrams(2, 20),
            ),
        ] {
            let (huge, small) = (huge.build().unwrap(), small.build().unwrap());
            assert_eq!(huge.analyze(text), small.analyze(text));
        }
    }

    #[test]
    fn ngrams_never_cross_sentences() {
        let an = Analyzer::builder()
            .stopwords(false)
            .ngram_range(2, 2)
            .build()
            .unwrap();
        let terms = an.analyze("发展经济。改革开放");
        assert!(!terms.iter().any(|t| t == "经济 改革"));
    }
}
