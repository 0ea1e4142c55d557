//! Metadata: the header lines at the top of a document (title, subtitle, dates, `key:value`
//! fields, speaker) up to the first body paragraph, and the footer lines at its end (author
//! note, source, closing issuer and date).
//!
//! `header` classifies each header line and folds it into a `draft::Draft`; `footer` reads
//! the last lines backwards into the same draft; `lines`, `fields` and `words` know what a
//! single line looks like.

mod draft;
mod fields;
mod footer;
mod header;
mod lawdb;
mod lines;
mod notices;
mod published;
mod words;

use crate::document::Meta;
use crate::text::CharIndex;

use draft::Draft;
pub(crate) use lines::Line;

/// The metadata and where the body lies, as paragraph indices `[body_start, body_end)`.
pub(crate) struct Header {
    pub meta: Meta,
    pub body_start: usize,
    pub body_end: usize,
}

/// The metadata of the paragraphs `lines` of `text`.
pub(crate) fn read(text: &str, lines: &[Line], idx: &CharIndex<'_>) -> Header {
    let mut draft = Draft::new(idx);
    let body_start = header::read(&mut draft, text, lines);
    // Attachments after the signature (`附件2` and a table) are not body, nor is the list.
    let appendix = notices::appendix_start(text, lines, body_start);
    let mut body_end = footer::read(&mut draft, text, &lines[..appendix], body_start);
    if let Some((names, k)) = notices::attachment_list(text, lines, body_start, body_end) {
        draft.meta.attachments = names;
        body_end = k;
    }
    if !draft.meta.dates.iter().any(|d| d.label == "施行") {
        footer::effective_date(&mut draft, text, &lines[body_start..body_end]);
    }
    Header {
        meta: draft.finish(),
        body_start,
        body_end,
    }
}
