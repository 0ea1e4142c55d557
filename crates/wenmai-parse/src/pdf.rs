//! `.pdf` to text: the text layer of each page with `pdf-extract` (on `lopdf`), then the
//! page furniture removed (running headers and footers, page numbers) and the lines a
//! typesetter wrapped joined back into paragraphs, hyphenated words mended.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

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

/// The text of each page, as `pdf-extract` lays it out.
fn page_texts(bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| PdfError::Invalid(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut out = Vec::with_capacity(pages.len());
    for n in pages {
        let mut text = String::new();
        let mut output = pdf_extract::PlainTextOutput::new(&mut text);
        // A page the reader cannot lay out is left out, as a viewer shows it blank.
        if pdf_extract::output_doc_page(&doc, &mut output, n).is_ok() {
            out.push(text);
        } else {
            out.push(String::new());
        }
    }
    Ok(out)
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

/// The body lines of every page: page numbers at a page's edges and lines repeated at the
/// edges of most pages (digits aside) are dropped.
fn body_lines(pages: &[String]) -> Vec<&str> {
    let lines: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
        .collect();
    let edges = |ls: &[&str]| -> Vec<(usize, bool)> {
        let n = ls.len();
        let top = (0..n.min(EDGE)).map(|i| (i, true));
        let bottom = (n.saturating_sub(EDGE).max(n.min(EDGE))..n).map(|i| (i, false));
        top.chain(bottom).collect()
    };
    // On how many pages each edge line occurs (at the top, at the bottom), digits aside.
    let mut seen: HashMap<(String, bool), usize> = HashMap::new();
    for ls in &lines {
        let mut keys: Vec<(String, bool)> = edges(ls)
            .into_iter()
            .map(|(i, top)| (furniture_key(ls[i]), top))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let with_text = lines.iter().filter(|l| !l.is_empty()).count();
    // "Most pages": at least two, and more than half of those with text.
    let repeated = |k: &(String, bool)| {
        let n = seen.get(k).copied().unwrap_or(0);
        n >= 2 && n * 2 > with_text
    };
    let mut out = Vec::new();
    for ls in &lines {
        let mut drop = vec![false; ls.len()];
        for (i, top) in edges(ls) {
            drop[i] = is_page_number(ls[i]) || repeated(&(furniture_key(ls[i]), top));
        }
        out.extend(ls.iter().zip(drop).filter(|(_, d)| !d).map(|(l, _)| *l));
    }
    out
}

/// A line's width in half-em units: CJK and other wide characters 2, the rest 1.
fn width(line: &str) -> usize {
    line.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

/// Join the lines a typesetter wrapped: a line as wide as the text block (within a wide
/// character) runs on into the next, unless it ends a sentence and the next starts with a
/// heading marker or a point (`一是`, `首先`). A word hyphenated at the line end is mended; Latin words are joined with
/// a space, CJK without.
fn join_wrapped(lines: &[&str]) -> String {
    let mut widths: Vec<usize> = lines.iter().map(|l| width(l)).collect();
    widths.sort_unstable();
    // The text block's width: most lines of a paragraph fill it; the widest few may be
    // tables or URLs that overflow, so the 90th percentile.
    let full = widths.get(widths.len() * 9 / 10).copied().unwrap_or(0);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let Some(next) = lines.get(i + 1) else { break };
        let w = width(line);
        let runs_on = full >= 20 && w + 3 >= full && w * 10 >= full * 9;
        let ends_sentence = line.ends_with(['。', '！', '？', '；', '：', '”', '.', '!', '?']);
        let opens = marker_at(next).is_some() || starts_with_point(next);
        if !runs_on || (ends_sentence && opens) {
            out.push('\n');
            continue;
        }
        let last = line.chars().next_back().unwrap_or(' ');
        let before = line.chars().rev().nth(1).unwrap_or(' ');
        let first = next.chars().next().unwrap_or(' ');
        if last == '-' && before.is_ascii_alphabetic() && first.is_ascii_lowercase() {
            out.pop();
        } else if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric()
            || last.is_ascii_punctuation() && first.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
    }
    out
}

/// The text of pages as a document: furniture dropped, wrapped lines joined.
pub(crate) fn clean_pages(pages: &[String]) -> String {
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
    let pages = catch_unwind(AssertUnwindSafe(|| page_texts(bytes))).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PdfError::Invalid(format!("the PDF reader failed: {what}"))
    })??;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(PdfError::NoText);
    }
    Ok(clean_pages(&pages))
}

#[cfg(test)]
mod tests {
    use super::{clean_pages, is_page_number};

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

    #[test]
    fn furniture_dropped_and_wrapped_lines_joined() {
        let body = "这是一段很长的正文它在排版时被折成了好几行而这里是第一行的结尾";
        let pages = vec![
            format!("某某日报 理论版\n标题\n{body}\n接着写完。\n- 1 -"),
            format!("某某日报 理论版\n一、第二节\n{body}\n跨页的\n- 2 -"),
            format!("某某日报 理论版\n{body}\n再一行。\n第3页"),
        ];
        let text = clean_pages(&pages);
        assert_eq!(
            text,
            format!("标题\n{body}接着写完。\n一、第二节\n{body}跨页的\n{body}再一行。")
        );
    }

    #[test]
    fn hyphenated_words_mended() {
        let long = "The quick brown fox jumps over the lazy dog and keeps on run-";
        let pages = vec![format!("{long}\nning far away.\n{long}\nning.")];
        let text = clean_pages(&pages);
        assert!(text.starts_with(&format!("{}ning far away.", &long[..long.len() - 1])));
    }
}
