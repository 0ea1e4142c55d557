//! Keywords in context (quanteda's `kwic`): every match of a [`Pattern`] with the tokens
//! around it.

use rayon::prelude::*;
use wenmai_parse::Document;

use crate::error::{Error, Result};
use crate::stats::Tokens;
use crate::stats::pattern::{Match, Matcher, Pattern};

/// Every match of a pattern, in columns (one entry per match), sorted by document, then
/// position, then the pattern's alternative.
///
/// A match lies within one sentence. Its window is up to `window` kept tokens before and
/// after it, within its unit: within its sentence for `Unit::Sentence`, across the sentences
/// of its paragraph, section or document otherwise (as quanteda's window runs to the ends of
/// each document it is given). The context is the document's text as written: `pre` runs from
/// the start of the window's first token to the start of the match, `post` from the end of
/// the match to the end of the window's last token, stop words and punctuation between them
/// included (quanteda joins the tokens instead, which for Chinese drops what the analyzer
/// filtered and reads badly). The keyword is the matched tokens joined.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Corpus, Unit};
/// use wenmai_analyze::stats::Pattern;
/// let c = Corpus::from_texts(["坚持改革开放。推动改革。"]);
/// let p = Pattern::new(&["改革*".into()], false, true).unwrap();
/// let k = c.kwic(&Analyzer::default(), Unit::Sentence, &p, 5).unwrap();
/// assert_eq!(k.keyword, ["改革开放", "改革"]);
/// assert_eq!((k.pre[0].as_str(), k.pre[1].as_str()), ("坚持", "推动"));
/// let k = c.kwic(&Analyzer::default(), Unit::Document, &p, 5).unwrap();
/// assert_eq!((k.pre[1].as_str(), k.post[0].as_str()), ("坚持改革开放。推动", "。推动改革"));
/// assert_eq!((k.start[1], k.end[1]), (9, 11));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kwic {
    /// Index of the document of each match.
    pub document: Vec<usize>,
    /// The innermost section (index in [`Document::sections`]) of the match's sentence.
    pub section: Vec<Option<usize>>,
    /// First char of the match in its document's text.
    pub start: Vec<u32>,
    /// End (exclusive) char of the match in its document's text.
    pub end: Vec<u32>,
    /// The text from the first of up to `window` tokens before the match to the match.
    pub pre: Vec<String>,
    /// The matched tokens, joined.
    pub keyword: Vec<String>,
    /// The text from the match to the last of up to `window` tokens after it.
    pub post: Vec<String>,
    /// Which alternative of the pattern matched (an index into `labels`).
    pub pattern: Vec<u32>,
    /// The pattern's alternatives as given.
    pub labels: Vec<String>,
}

/// One row before the columns are laid out.
struct Row {
    document: usize,
    section: Option<usize>,
    m: Match,
    lo: usize,
    hi: usize,
}

/// The innermost section of the sentence holding char `at` of `doc`.
fn section_at(doc: &Document, at: u32) -> Option<usize> {
    let k = doc
        .sentences
        .partition_point(|s| s.span.char_start <= at as usize);
    k.checked_sub(1).and_then(|k| doc.sentences[k].section)
}

/// The byte of char `at` of `doc`'s text, counted from the start of the sentence holding it.
fn byte_at(doc: &Document, at: u32) -> usize {
    let at = at as usize;
    let k = doc.sentences.partition_point(|s| s.span.char_start <= at);
    let (byte, char) = k.checked_sub(1).map_or((0, 0), |k| {
        (
            doc.sentences[k].span.start,
            doc.sentences[k].span.char_start,
        )
    });
    let rest = doc.text.get(byte..).unwrap_or("");
    byte + rest
        .char_indices()
        .nth(at - char)
        .map_or(rest.len(), |(b, _)| b)
}

/// The text of `doc` from char `a` to char `b` (empty unless `a < b`).
fn text_between(doc: &Document, a: u32, b: u32) -> String {
    if a >= b {
        return String::new();
    }
    let (x, y) = (byte_at(doc, a), byte_at(doc, b));
    doc.text.get(x..y).unwrap_or("").to_owned()
}

impl Kwic {
    /// The matches of `pattern` in `tokens` (of `documents`) with `window` tokens of context.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `window` is 0.
    pub fn of(
        documents: &[Document],
        tokens: &Tokens,
        pattern: &Pattern,
        window: usize,
    ) -> Result<Kwic> {
        if window == 0 {
            return Err(Error::InvalidParameter(
                "window = 0: give the number of tokens of context on each side, at least 1".into(),
            ));
        }
        let matcher = Matcher::new(pattern, tokens);
        let chunk = 256;
        let n = tokens.len();
        let mut rows: Vec<Row> = (0..n.div_ceil(chunk))
            .into_par_iter()
            .flat_map_iter(|c| {
                let mut out = Vec::new();
                let mut found = Vec::new();
                for u in c * chunk..((c + 1) * chunk).min(n) {
                    found.clear();
                    matcher.find_in_sentences(tokens.unit_sentence_range(u), &mut found);
                    let span = tokens.unit_range(u);
                    let document = tokens.units[u].document;
                    let doc = &documents[document];
                    for &m in &found {
                        let section = section_at(doc, tokens.starts[m.start]);
                        // quanteda's window runs to the ends of the unit it is given.
                        out.push(Row {
                            document,
                            section,
                            m,
                            lo: m.start.saturating_sub(window).max(span.start),
                            hi: m.end.saturating_add(window).min(span.end),
                        });
                    }
                }
                out
            })
            .collect();
        // Units are in document order already; sections may not be, so sort by position.
        rows.par_sort_by_key(|r| (r.document, tokens.starts[r.m.start], r.m.end, r.m.alt));
        let join = |a: usize, b: usize| -> String { (a..b).map(|i| tokens.term(i)).collect() };
        let mut k = Kwic {
            labels: pattern.labels().to_vec(),
            ..Kwic::default()
        };
        let texts: Vec<(String, String, String)> = rows
            .par_iter()
            .map(|r| {
                let doc = &documents[r.document];
                let (first, last) = (tokens.starts[r.m.start], tokens.ends[r.m.end - 1]);
                let pre = match r.lo < r.m.start {
                    true => text_between(doc, tokens.starts[r.lo], first),
                    false => String::new(),
                };
                let post = match r.hi > r.m.end {
                    true => text_between(doc, last, tokens.ends[r.hi - 1]),
                    false => String::new(),
                };
                (pre, join(r.m.start, r.m.end), post)
            })
            .collect();
        for (r, (pre, kw, post)) in rows.iter().zip(texts) {
            k.document.push(r.document);
            k.section.push(r.section);
            k.start.push(tokens.starts[r.m.start]);
            k.end.push(tokens.ends[r.m.end - 1]);
            k.pre.push(pre);
            k.keyword.push(kw);
            k.post.push(post);
            k.pattern.push(r.m.alt);
        }
        Ok(k)
    }

    /// Number of matches.
    pub fn len(&self) -> usize {
        self.document.len()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.document.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::Analyzer;
    use crate::corpus::Corpus;
    use crate::unit::Unit;

    fn pat(s: &str) -> Pattern {
        Pattern::new(&[s.into()], false, true).unwrap()
    }

    #[test]
    fn the_window_stays_in_the_unit() {
        let c = Corpus::from_texts(["发展经济。改革开放，推动改革。"]);
        let an = Analyzer::default();
        let s = c.kwic(&an, Unit::Sentence, &pat("改革"), 2).unwrap();
        assert_eq!(s.keyword, ["改革"]);
        // The context is the text as written, punctuation included.
        assert_eq!(s.pre, ["改革开放，推动"]);
        let d = c.kwic(&an, Unit::Document, &pat("改革开放"), 5).unwrap();
        assert_eq!(
            (d.pre[0].as_str(), d.post[0].as_str()),
            ("发展经济。", "，推动改革")
        );
    }

    #[test]
    fn window_zero_is_an_invalid_parameter() {
        let c = Corpus::from_texts(["发展经济。"]);
        let e = c
            .kwic(&Analyzer::default(), Unit::Sentence, &pat("经济"), 0)
            .unwrap_err();
        assert!(e.to_string().contains("window"), "{e}");
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "标题\n\n一、总体要求\n坚持全面从严治党。";
        let c = Corpus::from_texts([text]);
        let k = c
            .kwic(
                &Analyzer::default(),
                Unit::Document,
                &pat("全面从严治党"),
                5,
            )
            .unwrap();
        assert_eq!(k.len(), 1);
        let chars: Vec<char> = text.chars().collect();
        let got: String = chars[k.start[0] as usize..k.end[0] as usize]
            .iter()
            .collect();
        assert_eq!(got, "全面从严治党");
        assert_eq!(k.section[0], Some(0));
    }
}
