//! # wenmai-parse
//!
//! Bytes in, a [`Document`] out: the metadata, outline, paragraphs and sentences of a
//! Chinese article, report, law or notice, every part with a [`Span`] into the text.
//!
//! ```
//! let doc = wenmai_parse::parse("把握服务内涵 提高服务水平\n正文第一句。第二句！\n");
//! assert_eq!(doc.meta.title.as_deref(), Some("把握服务内涵 提高服务水平"));
//! assert_eq!(doc.sentences.len(), 3);
//! ```
//!
//! ## The pipeline
//!
//! 1. **Decode** ([`decode`], [`read`], [`read_with`]): a BOM decides the encoding, valid
//!    UTF-8 is UTF-8, anything else is detected by `chardetng` (GBK/GB18030 for most older
//!    Chinese files) and decoded by `encoding_rs`. CRLF and CR become LF. Invalid bytes are a
//!    [`DecodeError`] naming the byte offset unless [`Errors::Replace`] is asked for; from
//!    [`read`] it comes as an [`Error::Decode`] that also names the file.
//!    HTML ([`parse_html`], or `.html`/`.htm` files) goes through [`html_to_text`] first,
//!    a `.docx` file through [`docx_to_text`] (its list numbers written out as Word shows them),
//!    a `.pdf` through [`pdf_to_text`] (its text layer, without page furniture).
//! 2. **Paragraphs**: every non-blank line is a paragraph, trimmed of ASCII and ideographic
//!    spaces.
//! 3. **Metadata** ([`Meta`]): the header lines (title, subtitle, date lines, `key:value`
//!    lines, speaker line) and the footer lines (author note, source) are read until the
//!    first body paragraph, which is [`Document::body_start`].
//! 4. **Outline** ([`Section`]): paragraphs that start with a marker (`第X编/章/节/条`,
//!    `一、`, `（一）`, `1.`, `（1）`, `①`) are headings; the `第X` families rank in their
//!    fixed order, the others by first appearance; a heading's parent is the nearest earlier
//!    heading of a higher rank. A short line without punctuation between a paragraph that
//!    ends a sentence and prose (or a marker heading) is an unnumbered heading, at a lower
//!    [`Section::confidence`].
//! 5. **Points** ([`Point`]): runs of `一是…二是…`, `一要…二要…`, `首先…其次…最后…`,
//!    `第一，…第二，…` at clause starts.
//! 6. **Sentences** ([`Sentence`]): a sentence ends at `。！？；…` or `!?;` (and `.` that is
//!    not part of a number), together with the closing quotes and brackets that follow.
//!
//! All of it is linear in the input: no backtracking regexes, char offsets from a block index.
//!
//! [`glob_files`] lists the files under a folder that a `pathlib` glob pattern selects, in
//! pathlib's order and with document ids, for reading a corpus.
//!
//! ## JSON
//!
//! [`Document::to_json`] writes (field order as here; `null` for absent options):
//!
//! ```text
//! {
//!   "text": "…",                         // the decoded text, LF line ends
//!   "meta": {
//!     "title": "…" | null, "subtitle": "…" | null,
//!     "published": "2008-12-09T08:26:00" | "2017-03-05" | null,
//!     "year": 2017 | null,                // of published, else from the file name
//!     "dates": [ {"label": "通过", "date": "2017-03-05", "span": SPAN}, … ],
//!     "source": …, "author": …, "author_note": …, "doc_number": …, "issuer": …,
//!     "visits": 123 | null,
//!     "extra": [ ["key", "value"], … ],   // other header pairs, in order
//!     "recipients": ["…", …], "attachments": ["…", …]
//!   },
//!   "sections": [ {"level": 1, "family": "chinese", "marker": "一、", "number": 1,
//!                  "heading": "…", "parent": null | 0, "heading_span": SPAN, "span": SPAN,
//!                  "confidence": 100}, … ],   // pre-order
//!   "points": [ {"marker": "一是", "number": 1, "span": SPAN, "section": 0 | null,
//!                "paragraph": 4}, … ],
//!   "paragraphs": [ {"span": SPAN, "section": 0 | null}, … ],
//!   "sentences": [ {"span": SPAN, "paragraph": 0, "section": 0 | null}, … ],
//!   "body_start": 123                     // byte offset
//! }
//! SPAN = {"start": byte, "end": byte, "char_start": char, "char_end": char}
//! ```
//!
//! `family` is one of `part`, `chapter`, `subsection`, `article`, `chinese`,
//! `paren_chinese`, `arabic`, `paren_arabic`, `circled`, `unnumbered`.
#![deny(missing_docs)]

mod convert;
mod decode;
pub mod document;
mod docx;
mod error;
mod files;
mod html;
mod meta;
mod numerals;
mod outline;
mod parser;
mod pdf;
mod points;
mod read;
mod sentences;
mod text;

pub use convert::{Conversion, parse_converted};
pub use decode::{DecodeOptions, Decoded, Errors, decode};
pub use document::{
    DateValue, Document, LabeledDate, MarkerFamily, Meta, Paragraph, Point, Section, Sentence, Span,
};
pub use docx::{DocxError, docx_to_text};
pub use error::{DecodeError, Error};
pub use files::{FileList, glob_files};
pub use html::{HtmlError, MAX_HTML_DEPTH, html_to_text, try_html_to_text};
pub use parser::{parse, parse_html, try_parse_html};
pub use pdf::{PdfError, pdf_to_text};
pub use read::{DEFAULT_MAX_BYTES, HtmlMode, ReadOptions, read, read_with};
