//! Text to [`Document`]: paragraphs, metadata, outline, points and sentences.

use std::borrow::Cow;

use crate::decode::normalize_newlines;
use crate::document::{Document, Paragraph, Section, Sentence, Span};
use crate::html::{HtmlError, html_to_text, try_html_to_text};
use crate::text::{CharIndex, trimmed_range};
use crate::{meta, outline, points, sentences};

/// Parse decoded text into a [`Document`]. CRLF and CR become LF; nothing else of the text
/// changes, so every span points into [`Document::text`].
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n一、总则\n正文。第二句。");
/// assert_eq!(doc.meta.title.as_deref(), Some("标题"));
/// assert_eq!(doc.sections[0].heading, "总则");
/// assert_eq!(doc.sentences.len(), 4);
/// ```
pub fn parse(text: &str) -> Document {
    parse_normalized(normalize_newlines(Cow::Borrowed(text)).into_owned())
}

/// Parse an HTML document: its text is extracted with [`html_to_text`] and then parsed as
/// by [`parse`]; spans point into the extracted text.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse_html("<html><head><title>标题</title><style>p{}</style></head><body><p>正文。</p></body></html>");
/// assert_eq!(doc.meta.title.as_deref(), Some("标题"));
/// assert_eq!(doc.text, "标题\n\n正文。");
/// ```
pub fn parse_html(html: &str) -> Document {
    parse(&html_to_text(html))
}

/// As [`parse_html`], but HTML nested deeper than [`crate::MAX_HTML_DEPTH`] is an error
/// (see [`try_html_to_text`]).
///
/// # Errors
/// [`HtmlError`] for a page nested too deep.
///
/// # Examples
/// ```
/// assert!(wenmai_parse::try_parse_html(&"<b>".repeat(5000)).is_err());
/// assert_eq!(wenmai_parse::try_parse_html("<p>正文。</p>").unwrap().text, "正文。");
/// ```
pub fn try_parse_html(html: &str) -> Result<Document, HtmlError> {
    try_html_to_text(html).map(|t| parse(&t))
}

/// Innermost section containing `[start, end)`, walking forward through `sections` with
/// the cursor `next` (paragraphs come in document order).
fn section_of(
    sections: &[Section],
    next: &mut usize,
    cur: &mut Option<usize>,
    start: usize,
    end: usize,
) -> Option<usize> {
    while *next < sections.len() && sections[*next].heading_span.start <= start {
        *cur = Some(*next);
        *next += 1;
    }
    let mut s = *cur;
    while let Some(i) = s {
        if sections[i].span.start <= start && end <= sections[i].span.end {
            return Some(i);
        }
        s = sections[i].parent;
    }
    None
}

pub(crate) fn parse_normalized(text: String) -> Document {
    let idx = CharIndex::new(&text);
    let mut lines = Vec::new();
    let mut pos = 0usize;
    // The line ends by `memchr`'s SIMD search (what `str::split` finds, faster).
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in ends {
        let (a, b) = trimmed_range(&text[pos..end]);
        if b > a {
            lines.push(meta::Line {
                start: pos + a,
                end: pos + b,
            });
        }
        pos = end + 1;
    }
    let header = meta::read(&text, &lines, &idx);
    let body_start = header.body_start.min(lines.len());
    let body_end = header.body_end.clamp(body_start, lines.len());
    let body_start_byte = lines.get(body_start).map_or(text.len(), |l| l.start);
    let body_end_byte = if body_end > body_start {
        lines[body_end - 1].end
    } else {
        body_start_byte
    };

    let body: Vec<outline::ParaRange> = lines[body_start..body_end]
        .iter()
        .map(|l| outline::ParaRange {
            start: l.start,
            end: l.end,
        })
        .collect();
    let sections = outline::sections(&text, &body, body_end_byte, &idx);

    let mut paragraphs = Vec::with_capacity(lines.len());
    let (mut next, mut cur) = (0usize, None);
    for (i, l) in lines.iter().enumerate() {
        let section = if (body_start..body_end).contains(&i) {
            section_of(&sections, &mut next, &mut cur, l.start, l.end)
        } else {
            None
        };
        paragraphs.push(Paragraph {
            span: idx.span(l.start, l.end),
            section,
        });
    }

    let refs: Vec<points::ParaRef> = (body_start..body_end)
        .map(|i| points::ParaRef {
            start: lines[i].start,
            end: lines[i].end,
            index: i,
            section: paragraphs[i].section,
        })
        .collect();
    let points = points::points(&text, &refs, &idx);

    // News prose has a sentence every 100-150 bytes: most documents never grow the Vec.
    let mut sentences_out = Vec::with_capacity(lines.len() * 2 + text.len() / 128);
    let mut ends = sentences::Ends::new(&text);
    for (pi, (l, p)) in lines.iter().zip(&paragraphs).enumerate() {
        // A sentence most often starts where the previous one (or the paragraph) ended:
        // then its char start is known and only its end is looked up.
        let (mut byte, mut char) = (l.start, p.span.char_start);
        sentences::split(&text[l.start..l.end], l.start, &mut ends, |a, b| {
            let (start, end) = (l.start + a, l.start + b);
            let char_start = if start == byte {
                char
            } else {
                idx.char_at(start)
            };
            let char_end = idx.char_at(end);
            (byte, char) = (end, char_end);
            sentences_out.push(Sentence {
                span: Span {
                    start,
                    end,
                    char_start,
                    char_end,
                },
                paragraph: pi,
                section: p.section,
            });
        });
    }

    Document {
        meta: header.meta,
        sections,
        points,
        paragraphs,
        sentences: sentences_out,
        body_start: body_start_byte,
        text,
    }
}
