//! # wenmai-parse
//!
//! Bytes in, a [`Document`] out: the metadata, outline, paragraphs and sentences of a
//! Chinese article, report, law or notice, every part with a [`Span`] into the text.
//!
//! ```
//! let doc = wenmai_parse::parse("把握服务内涵 提高服务水平\n正文第一句。第二句！\n");
//! assert!(!doc.paragraphs.is_empty());
//! ```
#![deny(missing_docs)]

pub mod document;

pub use document::{
    DateValue, Document, LabeledDate, MarkerFamily, Meta, Paragraph, Point, Section, Sentence,
    Span,
};

/// Parse decoded text into a [`Document`].
///
/// Skeleton: paragraphs are non-empty lines, sentences are whole paragraphs. The full parser
/// (metadata, outline, points, sentence splitting) replaces this.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("一\n\n二");
/// assert_eq!(doc.paragraphs.len(), 2);
/// ```
pub fn parse(text: &str) -> Document {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut byte = 0usize;
    let mut chars = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        if !body.trim().is_empty() {
            let span = Span {
                start: byte,
                end: byte + body.len(),
                char_start: chars,
                char_end: chars + body.chars().count(),
            };
            sentences.push(Sentence {
                span,
                paragraph: paragraphs.len(),
                section: None,
            });
            paragraphs.push(Paragraph {
                span,
                section: None,
            });
        }
        byte += line.len();
        chars += line.chars().count();
    }
    Document {
        text,
        paragraphs,
        sentences,
        ..Document::default()
    }
}
