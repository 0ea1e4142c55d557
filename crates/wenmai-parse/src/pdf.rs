//! `.pdf` to text: the text layer of each page with `pdf-extract` (on `lopdf`), then the
//! page furniture removed (running headers and footers, page numbers) and the lines a
//! typesetter wrapped joined back into paragraphs, hyphenated words mended.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use unicode_normalization::UnicodeNormalization;

use crate::outline::marker_at;
use crate::points::starts_with_point;

/// Why a PDF gives no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// Not a PDF file, or one the reader cannot parse.
    #[error("not a valid PDF file ({0})")]
    Invalid(String),
    /// Encrypted with a password.
    #[error(
        "the PDF is encrypted with a password: decrypt it first (for example \
         `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`)"
    )]
    Encrypted,
    /// No page has a text layer: a scan.
    #[error(
        "the PDF has no text layer (a scanned document?): run OCR on it first (for example \
         `ocrmypdf in.pdf out.pdf`), or give the text as .txt"
    )]
    NoText,
}

/// A line of a page as drawn: its text, where it starts and ends (x, in points), its
/// baseline (y, up) and its font size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
}

/// Collects the characters `pdf-extract` draws into lines with their geometry (its own
/// plain-text output keeps no positions, which the joining of wrapped lines needs).
#[derive(Debug, Default)]
struct Collect {
    pages: Vec<Vec<Line>>,
    lines: Vec<Line>,
    /// A new string is shown (`pdf-extract` calls `begin_word` before each).
    word_start: bool,
}

impl pdf_extract::OutputDev for Collect {
    fn begin_page(
        &mut self,
        _: u32,
        _: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.lines.clear();
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.lines.retain(|l| !l.text.trim().is_empty());
        self.pages.push(std::mem::take(&mut self.lines));
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let (x, y) = (trm.m31, trm.m32);
        let end = x + width * size;
        let same_line = self.lines.last().is_some_and(|l| {
            let em = l.size.max(size);
            (y - l.y).abs() <= em * 0.5 && x >= l.x1 - em * 0.5
        });
        match self.lines.last_mut() {
            Some(l) if same_line => {
                // A gap of a fifth of an em between strings is a space the PDF did not draw.
                if self.word_start && x > l.x1 + size * 0.2 && !l.text.ends_with(' ') {
                    l.text.push(' ');
                }
                push_unified(&mut l.text, ch);
                l.x1 = l.x1.max(end);
                l.size = l.size.max(size);
            }
            _ => self.lines.push(Line {
                text: {
                    let mut t = String::new();
                    push_unified(&mut t, ch);
                    t
                },
                x0: x,
                x1: end,
                y,
                size,
            }),
        }
        self.word_start = false;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.word_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// Push `ch` onto `text`, with the Kangxi radicals (`⼀` U+2F00), CJK radicals and
/// compatibility ideographs that some fonts' `ToUnicode` maps give for common characters
/// as the unified ideographs they stand for (`一`), as NFKC maps them.
fn push_unified(text: &mut String, ch: &str) {
    for c in ch.chars() {
        let code = c as u32;
        let odd = (0x2E80..=0x2FDF).contains(&code)
            || (0xF900..=0xFAFF).contains(&code)
            || (0x2F800..=0x2FA1F).contains(&code);
        if odd {
            text.extend(c.nfkc());
        } else {
            text.push(c);
        }
    }
}

/// The lines of each page, as drawn.
fn page_lines(bytes: &[u8]) -> Result<Vec<Vec<Line>>, PdfError> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| PdfError::Invalid(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let mut collect = Collect::default();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut first_error = None;
    for &n in &pages {
        // A page the reader cannot lay out is left out, as a viewer shows it blank.
        if let Err(e) = pdf_extract::output_doc_page(&doc, &mut collect, n) {
            first_error.get_or_insert_with(|| format!("page {n}: {e}"));
            collect.lines.clear();
            collect.pages.push(Vec::new());
        }
    }
    // Not a scan: a file whose pages the reader cannot lay out at all.
    if let Some(e) = first_error
        && collect.pages.iter().all(Vec::is_empty)
    {
        return Err(PdfError::Invalid(format!("no page could be read; {e}")));
    }
    Ok(collect.pages)
}

/// A line with its digits as `#`: running headers and footers that differ by a page number
/// compare equal.
fn furniture_key(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether a line is only a page number: `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 10 页`,
/// `3 / 10`, `Page 3`, `Page 3 of 10`.
fn is_page_number(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'));
    let s = s
        .strip_prefix("Page")
        .or_else(|| s.strip_prefix("page"))
        .unwrap_or(s);
    let digits = |t: &str| !t.is_empty() && t.len() <= 5 && t.bytes().all(|b| b.is_ascii_digit());
    if digits(s) {
        return true;
    }
    if let Some((a, b)) = s.split_once('/').or_else(|| s.split_once("of")) {
        return digits(a) && digits(b);
    }
    if let Some(rest) = s.strip_prefix('第') {
        let (num, tail) = rest.split_once('页').unwrap_or((rest, "\u{0}"));
        let total = tail.is_empty()
            || tail
                .strip_prefix('共')
                .and_then(|t| t.strip_suffix('页'))
                .is_some_and(digits);
        return digits(num) && total;
    }
    false
}

/// How many lines at the top and at the bottom of a page may be furniture.
const EDGE: usize = 2;

/// The body lines of every page, from the top down: page numbers at a page's top or bottom
/// and lines repeated there on most pages (digits aside) are dropped.
fn body_lines(pages: &[Vec<Line>]) -> Vec<Vec<&Line>> {
    let sorted: Vec<Vec<&Line>> = pages
        .iter()
        .map(|p| {
            let mut ls: Vec<&Line> = p.iter().collect();
            // Stable: lines at one height keep the order they were drawn in.
            ls.sort_by(|a, b| b.y.total_cmp(&a.y));
            ls
        })
        .collect();
    let edges = |n: usize| -> Vec<(usize, bool)> {
        let top = (0..n.min(EDGE)).map(|i| (i, true));
        let bottom = (n.saturating_sub(EDGE).max(n.min(EDGE))..n).map(|i| (i, false));
        top.chain(bottom).collect()
    };
    // On how many pages each edge line occurs (at the top, at the bottom), digits aside.
    let mut seen: HashMap<(String, bool), usize> = HashMap::new();
    for ls in &sorted {
        let mut keys: Vec<(String, bool)> = edges(ls.len())
            .into_iter()
            .map(|(i, top)| (furniture_key(&ls[i].text), top))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let with_text = sorted.iter().filter(|l| !l.is_empty()).count();
    // "Most pages": at least two, and more than half of those with text.
    let repeated = |k: &(String, bool)| {
        let n = seen.get(k).copied().unwrap_or(0);
        n >= 2 && n * 2 > with_text
    };
    sorted
        .iter()
        .map(|ls| {
            let mut drop = vec![false; ls.len()];
            for (i, top) in edges(ls.len()) {
                let text = ls[i].text.trim();
                drop[i] = is_page_number(text) || repeated(&(furniture_key(text), top));
            }
            ls.iter()
                .zip(drop)
                .filter(|(_, d)| !d)
                .map(|(l, _)| *l)
                .collect()
        })
        .collect()
}

/// The value below which a share `q` of `values` lie (0 for none).
fn quantile(values: impl Iterator<Item = f64>, q: f64) -> f64 {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    let i = ((v.len().saturating_sub(1)) as f64 * q).round() as usize;
    v.get(i).copied().unwrap_or(0.0)
}

/// Join the lines a typesetter wrapped: a line that reaches the right edge of the text block
/// runs on into the next unless the next is indented, or the line ends a sentence and the
/// next opens a heading or a point (`一是`, `首先`). A word hyphenated at the line end is
/// mended; Latin words are joined with a space, CJK without.
fn join_wrapped(pages: &[Vec<&Line>]) -> String {
    let lines: Vec<&Line> = pages.iter().flatten().copied().collect();
    // The text block: most lines start at its left edge, and those that wrap end at its right.
    let left = quantile(lines.iter().map(|l| l.x0), 0.2);
    let right = quantile(lines.iter().map(|l| l.x1), 0.8);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let text = line.text.trim();
        out.push_str(text);
        let Some(next) = lines.get(i + 1) else { break };
        let next_text = next.text.trim();
        let em = line.size.max(1.0);
        let runs_on = line.x1 >= right - 1.5 * em && next.x0 <= left + 0.8 * em;
        let ends_sentence = text.ends_with(['。', '！', '？', '；', '：', '”', '.', '!', '?']);
        let opens = marker_at(next_text).is_some() || starts_with_point(next_text);
        if !runs_on || (ends_sentence && opens) {
            out.push('\n');
            continue;
        }
        let last = text.chars().next_back().unwrap_or(' ');
        let before = text.chars().rev().nth(1).unwrap_or(' ');
        let first = next_text.chars().next().unwrap_or(' ');
        if last == '-' && before.is_ascii_alphabetic() && first.is_ascii_lowercase() {
            out.pop();
        } else if (last.is_ascii_alphanumeric() || last.is_ascii_punctuation())
            && first.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
    }
    out
}

/// The text of pages as a document: furniture dropped, wrapped lines joined.
pub(crate) fn clean_pages(pages: &[Vec<Line>]) -> String {
    join_wrapped(&body_lines(pages))
}

/// The text of a PDF's text layer: every page's lines in order, running headers and footers
/// (a line repeated at the top or bottom of most pages, page numbers aside) and page
/// numbers (`3`, `- 3 -`, `第3页`) removed, lines wrapped by the typesetter joined into
/// paragraphs and words hyphenated at a line end mended.
///
/// # Errors
/// [`PdfError::Invalid`] when the bytes are not a PDF the reader can parse,
/// [`PdfError::Encrypted`] when it needs a password, [`PdfError::NoText`] when no page
/// has text (a scan, to be OCR'd first).
///
/// # Examples
/// ```
/// let err = wenmai_parse::pdf_to_text(b"plain text").unwrap_err();
/// assert!(err.to_string().starts_with("not a valid PDF file"));
/// ```
pub fn pdf_to_text(bytes: &[u8]) -> Result<String, PdfError> {
    // `pdf-extract` unwraps on some malformed files: a panic is a file it cannot read.
    let pages = catch_unwind(AssertUnwindSafe(|| page_lines(bytes))).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PdfError::Invalid(format!("the PDF reader failed: {what}"))
    })??;
    if pages.iter().all(Vec::is_empty) {
        return Err(PdfError::NoText);
    }
    Ok(clean_pages(&pages))
}

#[cfg(test)]
mod tests {
    use super::{Line, clean_pages, is_page_number, push_unified};

    #[test]
    fn kangxi_radicals_become_the_ideographs() {
        let mut s = String::new();
        for ch in ["\u{2F00}", "\u{2F45}", "面", "\u{F9B4}", "a"] {
            push_unified(&mut s, ch);
        }
        assert_eq!(s, "一方面領a");
    }

    #[test]
    fn page_numbers() {
        for s in [
            "3",
            "- 3 -",
            "— 12 —",
            "第3页",
            "第 3 页 共 10 页",
            "3/10",
            "Page 3 of 10",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["一、总则", "2024年", "第三条", "3.5", "第3章"] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    /// A page of lines at 12 pt, 16 pt apart from the top, each `(indent in ems, text)`;
    /// a CJK character is 1 em wide, any other half.
    fn page(lines: &[(f64, &str)]) -> Vec<Line> {
        lines
            .iter()
            .enumerate()
            .map(|(i, &(indent, text))| {
                let ems: f64 = text
                    .chars()
                    .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
                    .sum();
                let x0 = 72.0 + indent * 12.0;
                Line {
                    text: text.to_string(),
                    x0,
                    x1: x0 + ems * 12.0,
                    y: 800.0 - 16.0 * i as f64,
                    size: 12.0,
                }
            })
            .collect()
    }

    /// 27 characters: the width of the text block.
    const FULL: &str = "这是一段很长的正文它在排版时被折成了好几行而这里是一行";

    #[test]
    fn furniture_dropped_and_wrapped_lines_joined() {
        let first = "首行缩进两个字的段落它的第一行比别的行短两个字就到";
        assert_eq!(first.chars().count() + 2, FULL.chars().count());
        let pages = vec![
            page(&[
                (0.0, "某某日报 理论版"),
                (0.0, "标题"),
                (0.0, FULL),
                (0.0, "接着写完。"),
                (12.0, "- 1 -"),
            ]),
            page(&[
                (0.0, "某某日报 理论版"),
                (0.0, "一、第二节"),
                (2.0, first),
                (0.0, FULL),
                (0.0, FULL),
                (12.0, "- 2 -"),
            ]),
            page(&[
                (0.0, "某某日报 理论版"),
                (0.0, FULL),
                (0.0, "再一行。"),
                (12.0, "第3页"),
            ]),
        ];
        assert_eq!(
            clean_pages(&pages),
            format!("标题\n{FULL}接着写完。\n一、第二节\n{first}{FULL}{FULL}{FULL}再一行。")
        );
    }

    #[test]
    fn an_indented_line_after_a_full_one_starts_a_paragraph() {
        let pages = vec![page(&[
            (0.0, FULL),
            (0.0, FULL),
            (2.0, "新的一段。"),
            (0.0, FULL),
            (0.0, "完。"),
        ])];
        assert_eq!(
            clean_pages(&pages),
            format!("{FULL}{FULL}\n新的一段。\n{FULL}完。")
        );
    }

    #[test]
    fn a_full_line_ending_a_sentence_before_a_heading_ends_the_paragraph() {
        let ends = "这一段正好在行尾结束了它的最后一句话而且一个字都不多。";
        assert_eq!(ends.chars().count(), FULL.chars().count());
        let pages = vec![page(&[
            (0.0, FULL),
            (0.0, ends),
            (0.0, "二、下一节"),
            (0.0, FULL),
            (0.0, ends),
            (0.0, "一是要接着写。"),
        ])];
        assert_eq!(
            clean_pages(&pages),
            format!("{FULL}{ends}\n二、下一节\n{FULL}{ends}\n一是要接着写。")
        );
    }

    #[test]
    fn hyphenated_words_mended() {
        let long = "The quick brown fox jumps over the lazy dog and keeps on run-";
        let lines = [
            (0.0, long),
            (0.0, "ning far away."),
            (0.0, long),
            (0.0, "ning."),
        ];
        let text = clean_pages(&[page(&lines)]);
        let mended = format!("{}ning far away.", &long[..long.len() - 1]);
        assert!(text.starts_with(&mended), "{text}");
    }
}
