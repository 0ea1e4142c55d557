//! `wenmai.Document` and its parts: read-only views of a parsed `wenmai_parse::Document`.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use wenmai_parse::{DateValue, Document};

use crate::convert::Int;
use crate::errors::{InternalError, count_or_none, run};

/// A date as Python sees it: `datetime.datetime` with a time of day, else `datetime.date`.
pub fn date_to_py<'py>(py: Python<'py>, d: &DateValue) -> PyResult<Bound<'py, PyAny>> {
    match d {
        DateValue::DateTime(dt) => Ok(dt.into_pyobject(py)?.into_any()),
        DateValue::Date(date) => Ok(date.into_pyobject(py)?.into_any()),
    }
}

/// Header and footer metadata of a document.
#[derive(Debug)]
#[pyclass(frozen, name = "Meta", module = "wenmai")]
pub struct PyMeta {
    doc: Arc<Document>,
}

#[pymethods]
impl PyMeta {
    /// The title (lines of a title over two lines joined), or None.
    #[getter]
    fn title(&self) -> Option<String> {
        self.doc.meta.title.clone()
    }
    /// The subtitle (`——在…上的报告`), or None.
    #[getter]
    fn subtitle(&self) -> Option<String> {
        self.doc.meta.subtitle.clone()
    }
    /// The publication date: `datetime.datetime` when a time is given, `datetime.date`
    /// otherwise, or None.
    #[getter]
    fn published<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.doc
            .meta
            .published
            .as_ref()
            .map(|d| date_to_py(py, d))
            .transpose()
    }
    /// The year: of `published`, or without a date the year the file name gives
    /// (`2019.txt`, `2025/上海市.txt`), or None.
    #[getter]
    fn year(&self) -> Option<i32> {
        self.doc.meta.year
    }
    /// Every labelled date (`通过`, `公布`, `施行` …) as `(label, date)` pairs, in order.
    #[getter]
    fn dates<'py>(&self, py: Python<'py>) -> PyResult<Vec<(String, Bound<'py, PyAny>)>> {
        self.doc
            .meta
            .dates
            .iter()
            .map(|d| Ok((d.label.clone(), date_to_py(py, &d.date)?)))
            .collect()
    }
    /// The source, without `《》`, or None.
    #[getter]
    fn source(&self) -> Option<String> {
        self.doc.meta.source.clone()
    }
    /// The author or speaker, or None.
    #[getter]
    fn author(&self) -> Option<String> {
        self.doc.meta.author.clone()
    }
    /// The author note at the end (`作者系…`, without brackets), or None.
    #[getter]
    fn author_note(&self) -> Option<String> {
        self.doc.meta.author_note.clone()
    }
    /// The document number (`余府发〔2012〕3号`), or None.
    #[getter]
    fn doc_number(&self) -> Option<String> {
        self.doc.meta.doc_number.clone()
    }
    /// The issuing organ, or None.
    #[getter]
    fn issuer(&self) -> Option<String> {
        self.doc.meta.issuer.clone()
    }
    /// The visit count (`访问次数`), or None when absent or empty.
    #[getter]
    fn visits(&self) -> Option<u64> {
        self.doc.meta.visits
    }
    /// All other `key:value` header pairs, in document order.
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in &self.doc.meta.extra {
            d.set_item(k, v)?;
        }
        Ok(d)
    }
    /// All other header pairs as `(key, value)` tuples, in document order, a repeated key
    /// as often as it occurs (`extra` keeps its last value).
    #[getter]
    fn extra_pairs(&self) -> Vec<(String, String)> {
        self.doc.meta.extra.clone()
    }
    /// The addressees of a notice or reply (`各县（市、区）人民政府`), in order.
    #[getter]
    fn recipients(&self) -> Vec<String> {
        self.doc.meta.recipients.clone()
    }
    /// The attachments listed at the end of the body (`附件：1.…`), without their numbers.
    #[getter]
    fn attachments(&self) -> Vec<String> {
        self.doc.meta.attachments.clone()
    }
    fn __repr__(&self) -> String {
        format!(
            "Meta(title={}, published={}, source={}, author={})",
            py_opt(self.doc.meta.title.as_deref()),
            py_opt(
                self.doc
                    .meta
                    .published
                    .map(|d| match d {
                        DateValue::DateTime(t) => t.to_string(),
                        DateValue::Date(t) => t.to_string(),
                    })
                    .as_deref()
            ),
            py_opt(self.doc.meta.source.as_deref()),
            py_opt(self.doc.meta.author.as_deref())
        )
    }
}

/// A heading of the outline and the part of the document it governs.
#[derive(Debug)]
#[pyclass(frozen, get_all, name = "Section", module = "wenmai")]
pub struct PySection {
    /// Depth in the outline, 1 for top level.
    level: u8,
    /// The marker family (`chinese` for `一、`, `paren_chinese` for `（一）`, `article` …).
    family: &'static str,
    /// The marker as written (`一、`, `（二）`, `第三条`).
    marker: String,
    /// The ordinal value of the marker (`三` -> 3), 0 when unnumbered.
    number: u32,
    /// The heading text without the marker.
    heading: String,
    /// Index of the parent section in `Document.sections`, or None.
    parent: Option<usize>,
    /// Char offset where the section starts in `Document.text`.
    start: usize,
    /// Char offset one past its end.
    end: usize,
    /// Char offset where the heading starts.
    heading_start: usize,
    /// Char offset one past the heading's end.
    heading_end: usize,
    /// How sure the parser is that this is a heading, 0–100.
    confidence: u8,
    /// The whole section's text.
    text: String,
}

#[pymethods]
impl PySection {
    fn __repr__(&self) -> String {
        format!(
            "Section(level={}, marker={:?}, heading={:?}, start={}, end={})",
            self.level, self.marker, self.heading, self.start, self.end
        )
    }
}

/// An inline enumeration leading a clause or paragraph (`一是…`, `首先…`, `第一，…`).
#[derive(Debug)]
#[pyclass(frozen, get_all, name = "Point", module = "wenmai")]
pub struct PyPoint {
    /// The marker as written (`一是`, `其次`).
    marker: String,
    /// Its ordinal value, from 1.
    number: u32,
    /// The text from the marker to the end of the point.
    text: String,
    /// Char offset of the start in `Document.text`.
    start: usize,
    /// Char offset one past the end.
    end: usize,
    /// Index of the innermost section containing it, or None.
    section: Option<usize>,
    /// Index of the paragraph containing it.
    paragraph: usize,
}

#[pymethods]
impl PyPoint {
    fn __repr__(&self) -> String {
        format!(
            "Point(marker={:?}, number={}, section={:?}, text={:?})",
            self.marker,
            self.number,
            self.section,
            short(&self.text)
        )
    }
}

/// A paragraph or a sentence: its text and where it is.
#[derive(Debug)]
#[pyclass(frozen, get_all, name = "Span", module = "wenmai")]
pub struct PySpan {
    /// The text.
    text: String,
    /// Char offset of the start in `Document.text`.
    start: usize,
    /// Char offset one past the end.
    end: usize,
    /// Index of the innermost section containing it, or None.
    section: Option<usize>,
    /// For a sentence, the index of its paragraph; None for a paragraph.
    paragraph: Option<usize>,
}

impl PySpan {
    /// A span of `doc` (byte offsets for the text, char offsets shown to Python).
    pub(crate) fn of(
        doc: &Document,
        span: wenmai_parse::Span,
        section: Option<usize>,
        paragraph: Option<usize>,
    ) -> Self {
        PySpan {
            text: doc.slice(span).to_string(),
            start: span.char_start,
            end: span.char_end,
            section,
            paragraph,
        }
    }
}

#[pymethods]
impl PySpan {
    fn __repr__(&self) -> String {
        format!(
            "Span(start={}, end={}, section={:?}, text={:?})",
            self.start,
            self.end,
            self.section,
            short(&self.text)
        )
    }
    fn __str__(&self) -> String {
        self.text.clone()
    }
}

/// `'text'` or `None`, as Python's repr shows an optional str.
fn py_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), |s| format!("'{s}'"))
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(20).collect();
    if s.chars().nth(20).is_some() {
        out.push('…');
    }
    out
}

/// A parsed document: metadata, outline, points, paragraphs and sentences, every part with
/// char offsets into `text`. Make one with `wenmai.parse(text)` or `wenmai.read(path)`.
#[derive(Debug)]
#[pyclass(frozen, name = "Document", module = "wenmai")]
pub struct PyDocument {
    pub(crate) doc: Arc<Document>,
}

impl PyDocument {
    /// Wrap a parsed document.
    pub fn new(doc: Document) -> Self {
        Self { doc: Arc::new(doc) }
    }
}

#[pymethods]
impl PyDocument {
    /// The decoded text (LF line ends) that every offset points into.
    #[getter]
    fn text(&self) -> &str {
        &self.doc.text
    }
    /// Header and footer metadata (`Meta`).
    #[getter]
    fn meta(&self) -> PyMeta {
        PyMeta {
            doc: Arc::clone(&self.doc),
        }
    }
    /// The outline: a list of `Section` in pre-order (document order).
    #[getter]
    fn sections(&self) -> Vec<PySection> {
        let d = &self.doc;
        d.sections
            .iter()
            .map(|s| PySection {
                level: s.level,
                family: s.family.name(),
                marker: s.marker.clone(),
                number: s.number,
                heading: s.heading.clone(),
                parent: s.parent,
                start: s.span.char_start,
                end: s.span.char_end,
                heading_start: s.heading_span.char_start,
                heading_end: s.heading_span.char_end,
                confidence: s.confidence,
                text: d.slice(s.span).to_string(),
            })
            .collect()
    }
    /// Inline enumerations (`一是…二是…`, `首先…其次…`): a list of `Point`.
    #[getter]
    fn points(&self) -> Vec<PyPoint> {
        let d = &self.doc;
        d.points
            .iter()
            .map(|p| PyPoint {
                marker: p.marker.clone(),
                number: p.number,
                text: d.slice(p.span).to_string(),
                start: p.span.char_start,
                end: p.span.char_end,
                section: p.section,
                paragraph: p.paragraph,
            })
            .collect()
    }
    /// Paragraphs in document order: a list of `Span` (header lines are paragraphs too).
    #[getter]
    fn paragraphs(&self) -> Vec<PySpan> {
        let d = &self.doc;
        d.paragraphs
            .iter()
            .map(|p| PySpan {
                text: d.slice(p.span).to_string(),
                start: p.span.char_start,
                end: p.span.char_end,
                section: p.section,
                paragraph: None,
            })
            .collect()
    }
    /// Sentences in document order: a list of `Span` whose `paragraph` is set.
    #[getter]
    fn sentences(&self) -> Vec<PySpan> {
        let d = &self.doc;
        d.sentences
            .iter()
            .map(|s| PySpan {
                text: d.slice(s.span).to_string(),
                start: s.span.char_start,
                end: s.span.char_end,
                section: s.section,
                paragraph: Some(s.paragraph),
            })
            .collect()
    }
    /// The outline as text: one heading a line, indented two spaces per level.
    fn outline(&self) -> String {
        self.doc.outline()
    }
    /// The whole structure as JSON (the schema of `wenmai-parse`; spans in bytes and chars).
    ///
    /// `indent`: None for compact output, or the number of spaces per level.
    #[pyo3(signature = (indent=None))]
    fn to_json(&self, py: Python<'_>, indent: Option<Int>) -> PyResult<String> {
        let indent = count_or_none("indent", indent, 0)?;
        let doc = Arc::clone(&self.doc);
        run(py, move || to_json(&doc, indent))?
            .map_err(|e| InternalError::new_err(format!("cannot serialise the document: {e}")))
    }
    /// The whole structure as a JSON-serialisable dict (`json.loads(doc.to_json())`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let json = self.to_json(py, None)?;
        py.import("json")?.call_method1("loads", (json,))
    }
    fn __repr__(&self) -> String {
        format!(
            "Document(title={}, sections={}, paragraphs={}, sentences={}, chars={})",
            py_opt(self.doc.meta.title.as_deref()),
            self.doc.sections.len(),
            self.doc.paragraphs.len(),
            self.doc.sentences.len(),
            self.doc.text.chars().count()
        )
    }
    /// The number of chars of the text.
    fn __len__(&self) -> usize {
        self.doc.text.chars().count()
    }
    /// Equal when every part is: the text, the metadata, the outline, the spans (a document
    /// and its pickled copy, or the same text parsed twice).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyDocument>()
            .is_ok_and(|o| Arc::ptr_eq(&self.doc, &o.get().doc) || *self.doc == *o.get().doc)
    }
    /// The hash of the text (equal documents have equal texts): documents can be set members
    /// and dict keys, as before they compared by value.
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.doc.text.hash(&mut h);
        h.finish()
    }
    /// Pickle as the document's JSON (every part, offsets included; nothing is re-parsed).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let f = py.import("wenmai._pickle")?.getattr("document")?;
        Ok((f, (self.to_json(py, None)?,)))
    }
    /// A document from `to_json()`'s output (how a pickled document is rebuilt).
    #[staticmethod]
    fn _from_json(py: Python<'_>, json: String) -> PyResult<Self> {
        let doc: Document = run(py, move || serde_json::from_str(&json))?.map_err(|e| {
            pyo3::exceptions::PyValueError::new_err(format!("not a document's JSON: {e}"))
        })?;
        Ok(PyDocument::new(doc))
    }
}

fn to_json(doc: &Document, indent: Option<usize>) -> Result<String, serde_json::Error> {
    use serde::Serialize;
    match indent {
        None => serde_json::to_string(doc),
        Some(n) => {
            let pad = vec![b' '; n];
            let mut out = Vec::new();
            let fmt = serde_json::ser::PrettyFormatter::with_indent(&pad);
            let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
            doc.serialize(&mut ser)?;
            Ok(String::from_utf8(out).unwrap_or_default())
        }
    }
}

/// Wrap a list of documents for Python.
pub fn documents_to_list<'py>(
    py: Python<'py>,
    docs: Vec<Document>,
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, docs.into_iter().map(PyDocument::new))
}
