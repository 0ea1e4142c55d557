//! Units of analysis: what a row of a matrix is (a document, section, paragraph or sentence)
//! and which sentences of a document make each unit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wenmai_parse::{Document, Span};

/// What a row of a matrix is: a whole document, a section, a paragraph or a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// One row per document.
    #[default]
    Document,
    /// One row per section: the sentences whose innermost section it is (text before the first
    /// heading is a unit of its own, with no section).
    Section,
    /// One row per paragraph.
    Paragraph,
    /// One row per sentence.
    Sentence,
}

/// One unit of a corpus: which document, which section, where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnitRef {
    /// The kind of unit.
    pub kind: Unit,
    /// Index of the document in the corpus.
    pub document: usize,
    /// Index of the innermost section in [`Document::sections`] (`None`: before any heading or
    /// a whole document).
    pub section: Option<usize>,
    /// Index of the paragraph or sentence (in [`Document::paragraphs`] / [`Document::sentences`]);
    /// the section index for sections; `None` for documents and the text before the first heading.
    pub index: Option<usize>,
    /// Where the unit is in the document text (for a section: from its first to its last
    /// sentence).
    pub span: Span,
}

/// The units of one document with the sentences each consists of.
pub(crate) fn doc_units(i: usize, d: &Document, unit: Unit) -> Vec<(UnitRef, Vec<Span>)> {
    let whole = Span {
        start: 0,
        end: d.text.len(),
        char_start: 0,
        char_end: d.text.chars().count(),
    };
    // A document without sentences (empty, or not parsed) is one sentence of its whole text.
    let sentences: Vec<(Span, usize, Option<usize>)> =
        if d.sentences.is_empty() && !d.text.is_empty() {
            vec![(whole, 0, None)]
        } else {
            d.sentences
                .iter()
                .map(|s| (s.span, s.paragraph, s.section))
                .collect()
        };
    let join = |spans: &[Span]| match (spans.first(), spans.last()) {
        (Some(a), Some(b)) => Span {
            start: a.start,
            end: b.end,
            char_start: a.char_start,
            char_end: b.char_end,
        },
        _ => Span::default(),
    };
    match unit {
        Unit::Document => {
            let spans: Vec<Span> = sentences.iter().map(|s| s.0).collect();
            vec![(
                UnitRef {
                    kind: unit,
                    document: i,
                    section: None,
                    index: None,
                    span: whole,
                },
                spans,
            )]
        }
        Unit::Sentence => sentences
            .iter()
            .enumerate()
            .map(|(k, &(span, _, section))| {
                (
                    UnitRef {
                        kind: unit,
                        document: i,
                        section,
                        index: Some(k),
                        span,
                    },
                    vec![span],
                )
            })
            .collect(),
        Unit::Paragraph => {
            let mut groups: BTreeMap<usize, (Option<usize>, Vec<Span>)> = BTreeMap::new();
            for &(span, p, section) in &sentences {
                groups
                    .entry(p)
                    .or_insert((section, Vec::new()))
                    .1
                    .push(span);
            }
            groups
                .into_iter()
                .map(|(p, (section, spans))| {
                    let span = d
                        .paragraphs
                        .get(p)
                        .map_or_else(|| join(&spans), |pp| pp.span);
                    (
                        UnitRef {
                            kind: unit,
                            document: i,
                            section,
                            index: Some(p),
                            span,
                        },
                        spans,
                    )
                })
                .collect()
        }
        Unit::Section => {
            // Keyed so that the text before the first heading (None) comes first.
            let mut groups: BTreeMap<Option<usize>, Vec<Span>> = BTreeMap::new();
            for &(span, _, section) in &sentences {
                groups.entry(section).or_default().push(span);
            }
            groups
                .into_iter()
                .map(|(section, spans)| {
                    (
                        UnitRef {
                            kind: unit,
                            document: i,
                            section,
                            index: section,
                            span: join(&spans),
                        },
                        spans,
                    )
                })
                .collect()
        }
    }
}
