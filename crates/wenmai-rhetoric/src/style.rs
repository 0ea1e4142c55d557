//! Style: one row of measures per document or group of documents.
//!
//! - `chars`: characters of the text that are not whitespace; every rate "per 1,000" is per
//!   1,000 of these.
//! - Sentence and clause length: letters and digits (Han characters included; punctuation
//!   and spaces not) of the parser's sentences, and of their clauses (split at `，,、；;：:`
//!   and the sentence ends); empty clauses are not counted. Mean and median (the mean of
//!   the two middle values for an even count), pooled over a group's documents.
//! - `four_char_share`: four-Han-character tokens over tokens with a Han character; idioms:
//!   four-character expressions of the list ([`crate::fourchar`]) as they occur.
//! - Enumeration density: the parser's points (`一是`, `首先`, `第一，`…) per 1,000.
//! - Directive words: jieba tokens in the shipped list (`data/directive_words.txt`, see
//!   [`directive_words`]) per 1,000.
//! - Numbers: runs of digits (ASCII or full-width, with `.`/`．` between digits) per 1,000.
//! - `readability1`–`3`: cntext 1.9.2's `readability(text)` on the document text, computed
//!   as cntext does (its sentence split, the characters each of its sentences has, and jieba
//!   tokens in its adverb and conjunction list); for a group, the means pooled over the
//!   sentences of its documents.
//! - `parallel_per_1k` and `parallel_share`: the groups of [`crate::parallelism::parallelisms`]
//!   (three members or more) per 1,000 characters, and the characters inside them (not
//!   whitespace) over the characters; [`style_rows_with`] takes another count.

use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use wenmai_parse::Document;
use wenmai_segment::{CutMode, Segmenter};

use crate::fourchar::{DocFourChar, windows_of};

include_flate::flate!(static DIRECTIVES_TXT: str from "data/directive_words.txt" with zstd);
include_flate::flate!(static ADV_CONJ_TXT: str from "data/adv_conj.txt" with zstd);

fn word_lines(text: &'static str) -> FxHashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

static DIRECTIVES: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| word_lines(&DIRECTIVES_TXT));
static ADV_CONJ: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| word_lines(&ADV_CONJ_TXT));
static NUMBER_IN_CNTEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+\.\d+|\.\d+").expect("a valid pattern"));

/// The shipped directive words, in the order of their file.
///
/// # Examples
/// ```
/// let w = wenmai_rhetoric::style::directive_words();
/// assert!(w.contains(&"必须") && w.contains(&"确保"));
/// ```
pub fn directive_words() -> Vec<&'static str> {
    DIRECTIVES_TXT
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Python's `str.isspace` (what `re`'s `\s` matches in a `str` pattern): Unicode White_Space
/// and the four information separators U+001C–U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1C}'..='\u{1F}')
}

/// cntext's `cn_seg_sent` after its number substitution, done as its `re.sub` calls do (each
/// terminator and the character after it become the marker, left to right, no overlap).
pub fn cntext_sentences(text: &str) -> Vec<String> {
    const END: &str = "[[end]]";
    let text = NUMBER_IN_CNTEXT.replace_all(text, "num");
    let c: Vec<char> = text.chars().collect();
    let mut one = Vec::with_capacity(c.len());
    let mut i = 0;
    while i < c.len() {
        if matches!(c[i], '。' | '！' | '；' | '？' | ';' | '?')
            && i + 1 < c.len()
            && !matches!(c[i + 1], '”' | '’')
        {
            one.extend(END.chars());
            i += 2;
        } else {
            one.push(c[i]);
            i += 1;
        }
    }
    let mut two = String::with_capacity(one.len() * 3);
    let mut i = 0;
    while i < one.len() {
        if matches!(one[i], '。' | '！' | '？' | '?')
            && i + 2 < one.len()
            && matches!(one[i + 1], '”' | '’')
            && !matches!(one[i + 2], '，' | '。' | '！' | '？' | '?')
        {
            two.push_str(END);
            i += 3;
        } else {
            two.push(one[i]);
            i += 1;
        }
    }
    let spaced: String = two.chars().filter(|&c| !py_space(c)).collect();
    spaced.split(END).map(str::to_string).collect()
}

/// What a style row is made from: counts and the lengths to take medians of, summed over
/// the documents of a group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StyleParts {
    /// Documents.
    pub documents: usize,
    /// Non-whitespace characters.
    pub chars: usize,
    /// Length of each sentence.
    pub sentence_lens: Vec<usize>,
    /// Length of each clause.
    pub clause_lens: Vec<usize>,
    /// Tokens with a Han character.
    pub words: usize,
    /// Four-character tokens.
    pub four_char_words: usize,
    /// Idiom occurrences.
    pub idioms: usize,
    /// Points of enumerations.
    pub points: usize,
    /// Directive word tokens.
    pub directives: usize,
    /// Numbers.
    pub numbers: usize,
    /// cntext's sentences.
    pub cntext_sentences: usize,
    /// Their characters.
    pub cntext_chars: usize,
    /// Their adverbs and conjunctions.
    pub cntext_adv_conj: usize,
    /// Parallel groups and the characters inside them, when a detector was given.
    pub parallel: Option<(usize, usize)>,
}

impl StyleParts {
    /// The parts of both (a group's documents and another's, as one group).
    pub fn add(&mut self, o: StyleParts) {
        self.documents += o.documents;
        self.chars += o.chars;
        self.sentence_lens.extend(o.sentence_lens);
        self.clause_lens.extend(o.clause_lens);
        self.words += o.words;
        self.four_char_words += o.four_char_words;
        self.idioms += o.idioms;
        self.points += o.points;
        self.directives += o.directives;
        self.numbers += o.numbers;
        self.cntext_sentences += o.cntext_sentences;
        self.cntext_chars += o.cntext_chars;
        self.cntext_adv_conj += o.cntext_adv_conj;
        self.parallel = match (self.parallel, o.parallel) {
            (Some((g, c)), Some((h, d))) => Some((g + h, c + d)),
            (a, b) => a.or(b),
        };
    }

    /// The parts in postcard's compact encoding (what `wenmai.dask` ships between workers).
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// Parts from [`to_bytes`](Self::to_bytes).
    ///
    /// # Errors
    /// A message when the bytes are not style parts.
    pub fn from_bytes(bytes: &[u8]) -> Result<StyleParts, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("not style parts: {e}"))
    }
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '０'..='９')
}

/// Runs of digits, a `.`/`．` between two digits joining them.
fn numbers(text: &str) -> usize {
    let c: Vec<char> = text.chars().collect();
    let mut n = 0;
    for i in 0..c.len() {
        if !is_digit(c[i]) {
            continue;
        }
        let joined = i >= 2 && matches!(c[i - 1], '.' | '．') && is_digit(c[i - 2]);
        let continues = i > 0 && is_digit(c[i - 1]);
        if !continues && !joined {
            n += 1;
        }
    }
    n
}

/// The counts of one document.
pub fn style_parts(doc: &Document, seg: &Segmenter) -> StyleParts {
    let mut p = StyleParts {
        documents: 1,
        chars: doc.text.chars().filter(|&c| !c.is_whitespace()).count(),
        points: doc.points.len(),
        numbers: numbers(&doc.text),
        ..StyleParts::default()
    };
    let mut four = DocFourChar::default();
    for s in &doc.sentences {
        let text = doc.slice(s.span);
        let n = letters(text);
        if n > 0 {
            p.sentence_lens.push(n);
        }
        for clause in text.split([
            '，', ',', '、', '；', ';', '：', ':', '。', '！', '？', '!', '?', '…',
        ]) {
            let n = letters(clause);
            if n > 0 {
                p.clause_lens.push(n);
            }
        }
        let tokens = seg.cut(text, CutMode::Precise, true);
        p.directives += tokens.iter().filter(|t| DIRECTIVES.contains(*t)).count();
        windows_of(&tokens, &mut four);
    }
    p.words = four.words;
    p.four_char_words = four.four_char_words;
    p.idioms = four.idioms;
    for s in cntext_sentences(&doc.text) {
        p.cntext_sentences += 1;
        p.cntext_chars += s.chars().count();
        let tokens = seg.cut(&s, CutMode::Precise, true);
        p.cntext_adv_conj += tokens.iter().filter(|t| ADV_CONJ.contains(*t)).count();
    }
    p
}

/// One row of style measures (see the module documentation).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Style {
    /// Documents in the row.
    pub documents: usize,
    /// Non-whitespace characters.
    pub chars: usize,
    /// Sentences.
    pub sentences: usize,
    /// Mean sentence length.
    pub sentence_len_mean: f64,
    /// Median sentence length.
    pub sentence_len_median: f64,
    /// Clauses.
    pub clauses: usize,
    /// Mean clause length.
    pub clause_len_mean: f64,
    /// Median clause length.
    pub clause_len_median: f64,
    /// Share of four-character words among words.
    pub four_char_share: f64,
    /// Idioms per 1,000 characters.
    pub idioms_per_1k: f64,
    /// Points of enumerations per 1,000 characters.
    pub enumeration_density: f64,
    /// Directive words per 1,000 characters.
    pub directives_per_1k: f64,
    /// Numbers per 1,000 characters.
    pub numbers_per_1k: f64,
    /// cntext's readability1: mean characters per sentence.
    pub readability1: f64,
    /// cntext's readability2: mean adverbs and conjunctions per sentence.
    pub readability2: f64,
    /// cntext's readability3: (readability1 + readability2) × 0.5.
    pub readability3: f64,
    /// Parallel groups per 1,000 characters (filled in by the parallelism detector).
    pub parallel_per_1k: Option<f64>,
    /// Share of the text inside parallel groups (likewise).
    pub parallel_share: Option<f64>,
}

fn mean(v: &[usize]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.iter().sum::<usize>() as f64 / v.len() as f64
}

fn median(v: &[usize]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut v = v.to_vec();
    v.sort_unstable();
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m] as f64
    } else {
        (v[m - 1] + v[m]) as f64 / 2.0
    }
}

fn ratio(a: usize, b: usize, scale: f64) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 * scale / b as f64
    }
}

impl From<&StyleParts> for Style {
    fn from(p: &StyleParts) -> Self {
        let r1 = ratio(p.cntext_chars, p.cntext_sentences, 1.0);
        let r2 = ratio(p.cntext_adv_conj, p.cntext_sentences, 1.0);
        Style {
            documents: p.documents,
            chars: p.chars,
            sentences: p.sentence_lens.len(),
            sentence_len_mean: mean(&p.sentence_lens),
            sentence_len_median: median(&p.sentence_lens),
            clauses: p.clause_lens.len(),
            clause_len_mean: mean(&p.clause_lens),
            clause_len_median: median(&p.clause_lens),
            four_char_share: ratio(p.four_char_words, p.words, 1.0),
            idioms_per_1k: ratio(p.idioms, p.chars, 1000.0),
            enumeration_density: ratio(p.points, p.chars, 1000.0),
            directives_per_1k: ratio(p.directives, p.chars, 1000.0),
            numbers_per_1k: ratio(p.numbers, p.chars, 1000.0),
            readability1: r1,
            readability2: r2,
            readability3: (r1 + r2) * 0.5,
            parallel_per_1k: p.parallel.map(|(g, _)| ratio(g, p.chars, 1000.0)),
            parallel_share: p.parallel.map(|(_, c)| ratio(c, p.chars, 1.0)),
        }
    }
}

/// The style of one document.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n我们必须实事求是。要坚持创新，确保落实。");
/// let s = wenmai_rhetoric::style::style(&doc, &wenmai_segment::Segmenter::default());
/// assert_eq!((s.documents, s.sentences), (1, 3));
/// assert!(s.directives_per_1k > 0.0 && s.idioms_per_1k > 0.0);
/// ```
pub fn style(doc: &Document, seg: &Segmenter) -> Style {
    let mut p = style_parts(doc, seg);
    p.parallel = Some(parallel_count(doc, seg));
    Style::from(&p)
}

/// A document's parallel groups of three members or more and the characters (not
/// whitespace) inside one of them at least: what the parallel columns of [`style`] and [`style_rows`] count.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n我们要说老实话、办老实事、做老实人。");
/// let seg = wenmai_segment::Segmenter::default();
/// assert_eq!(wenmai_rhetoric::style::parallel_count(&doc, &seg), (1, 14));
/// ```
pub fn parallel_count(doc: &Document, seg: &Segmenter) -> (usize, usize) {
    let groups = crate::parallelism::parallelisms(doc, seg, 3);
    // Groups nest (a group of clauses whose members hold groups of phrases): count the union.
    let mut extents: Vec<(usize, usize)> = groups
        .iter()
        .filter_map(|g| Some((g.members.first()?.start, g.members.last()?.end)))
        .collect();
    extents.sort_unstable();
    let (mut inside, mut covered) = (0, 0);
    for (a, b) in extents {
        let a = a.max(covered);
        if a < b {
            let part = doc.text.get(a..b).unwrap_or("");
            inside += part.chars().filter(|c| !c.is_whitespace()).count();
            covered = b;
        }
    }
    (groups.len(), inside)
}

/// The style of groups of documents: `groups[i]` is the group of `docs[i]` (below
/// `n_groups`; `None` leaves the document out), one row per group in group order. Without
/// `groups`, one row per document. Documents are measured in parallel and summed in document
/// order, so the rows are the same for any thread count.
pub fn style_rows(
    docs: &[Document],
    seg: &Segmenter,
    groups: Option<(&[Option<usize>], usize)>,
) -> Vec<Style> {
    style_rows_with(
        docs,
        seg,
        groups,
        Some(&|d: &Document| parallel_count(d, seg)),
    )
}

/// A function of a document giving its parallel groups and the characters inside them.
pub type ParallelCount<'a> = &'a (dyn Fn(&Document) -> (usize, usize) + Sync);

/// [`style_rows`] with the parallel columns from `parallel` (a document's parallel groups
/// and the characters inside them, their extents not overlapping).
///
/// # Examples
/// ```
/// use wenmai_rhetoric::style::style_rows_with;
/// let docs = [wenmai_parse::parse("标题\n\n说老实话、办老实事、做老实人。")];
/// let count = |_: &wenmai_parse::Document| (1, 14);
/// let rows = style_rows_with(&docs, &wenmai_segment::Segmenter::default(), None, Some(&count));
/// assert_eq!(rows[0].parallel_share, Some(14.0 / rows[0].chars as f64));
/// ```
pub fn style_rows_with(
    docs: &[Document],
    seg: &Segmenter,
    groups: Option<(&[Option<usize>], usize)>,
    parallel: Option<ParallelCount<'_>>,
) -> Vec<Style> {
    let parts = document_parts(docs, seg, parallel);
    let Some((codes, n)) = groups else {
        return parts.iter().map(Style::from).collect();
    };
    sum_by(parts, codes, n).iter().map(Style::from).collect()
}

/// What the rows of [`style_rows`] with `groups` are made from, one per group: parts that
/// [`StyleParts::add`] merges (a partition's groups with another's) before
/// [`style_of_parts`] finishes them.
pub fn style_parts_by(
    docs: &[Document],
    seg: &Segmenter,
    groups: &[Option<usize>],
    n_groups: usize,
) -> Vec<StyleParts> {
    let count = |d: &Document| parallel_count(d, seg);
    sum_by(document_parts(docs, seg, Some(&count)), groups, n_groups)
}

/// The row of summed parts, as [`style_rows`] finishes a group's.
pub fn style_of_parts(parts: &StyleParts) -> Style {
    Style::from(parts)
}

/// Each document's parts, measured in parallel.
fn document_parts(
    docs: &[Document],
    seg: &Segmenter,
    parallel: Option<ParallelCount<'_>>,
) -> Vec<StyleParts> {
    docs.par_iter()
        .map(|d| {
            let mut p = style_parts(d, seg);
            p.parallel = parallel.map(|f| f(d));
            p
        })
        .collect()
}

/// Documents' parts summed per group, in document order.
fn sum_by(parts: Vec<StyleParts>, codes: &[Option<usize>], n: usize) -> Vec<StyleParts> {
    let mut acc = vec![StyleParts::default(); n];
    for (p, g) in parts.into_iter().zip(codes) {
        if let Some(g) = g.filter(|&g| g < n) {
            acc[g].add(p);
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cntext_split_eats_the_next_char() {
        // cntext replaces the terminator *and* the character after it.
        assert_eq!(cntext_sentences("甲乙。丙丁。"), ["甲乙", "丁。"]);
        assert_eq!(
            cntext_sentences("他说：“好。”然后 走"),
            ["他说：“好", "后走"]
        );
        assert_eq!(cntext_sentences("增长3.5%。"), ["增长num%。"]);
        assert_eq!(cntext_sentences(""), [""]);
    }

    #[test]
    fn numbers_join_decimals() {
        assert_eq!(numbers("增长3.5%，共１２个，2024年"), 3);
    }

    #[test]
    fn odd_text_does_not_panic() {
        let seg = Segmenter::default();
        for t in ["", "\u{1C}", "。", "？”", "1.", ".5", "\n\n\n"] {
            let s = style(&wenmai_parse::parse(t), &seg);
            assert!(s.chars <= t.chars().count());
        }
    }
}
