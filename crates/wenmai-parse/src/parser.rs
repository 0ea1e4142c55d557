//! Text to [`Document`] (skeleton: paragraphs are lines, the first is the title).

use crate::document::{Document, Paragraph, Sentence, Span};

pub(crate) fn parse_normalized(text: String) -> Document {
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
    let mut doc = Document {
        paragraphs,
        sentences,
        ..Document::default()
    };
    doc.meta.title = doc
        .paragraphs
        .first()
        .map(|p| p.span.slice(&text).to_string());
    doc.text = text;
    doc
}
