//! Parallel clauses (`wenmai.parallelisms`, `Corpus.parallelisms`): the groups found in Rust
//! handed over as `Parallelism` objects or as columns.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wenmai_rhetoric::parallelism::{self, Parallelism};
use wenmai_segment::Segmenter;

use crate::convert::Int;
use crate::corpus::PyCorpusCore;
use crate::document::{PyDocument, PySpan};
use crate::errors::{count, run};
use crate::segmenter::PySegmenter;

/// A group of three or more adjacent parallel clauses or phrases (排比): `start`, `end`
/// (char offsets into `doc.text`), `text`, `members` (a `Span` each), `frame` (the shared
/// part, the varying slots shown as `…`), `kind` (`head`, `tail`, `head_tail` or `shape`),
/// `section` and `paragraph`.
#[derive(Debug)]
#[pyclass(frozen, get_all, name = "Parallelism", module = "wenmai")]
pub struct PyParallelism {
    /// Char offset of the first member's start.
    start: usize,
    /// Char offset one past the last member's end.
    end: usize,
    /// The text from the first member's start to the last member's end.
    text: String,
    /// The members, in order.
    members: Vec<Py<PySpan>>,
    /// The shared part, varying slots as `…`.
    frame: String,
    /// What the members share: `head`, `tail`, `head_tail` or `shape`.
    kind: &'static str,
    /// Index of the innermost section containing the group, or None.
    section: Option<usize>,
    /// Index of the paragraph containing the group.
    paragraph: usize,
}

#[pymethods]
impl PyParallelism {
    fn __repr__(&self) -> String {
        format!(
            "Parallelism(kind={:?}, frame={:?}, members={}, start={}, end={}, text={:?})",
            self.kind,
            self.frame,
            self.members.len(),
            self.start,
            self.end,
            self.text
        )
    }
    fn __str__(&self) -> String {
        self.text.clone()
    }
    fn __len__(&self) -> usize {
        self.members.len()
    }
}

fn check_min(min_members: Int) -> PyResult<usize> {
    // a parallel group (排比) has at least 2 members; 3 is the usual
    count("min_members", min_members, 2)
}

fn segmenter_of(segmenter: Option<PyRef<'_, PySegmenter>>) -> Segmenter {
    segmenter.map_or_else(Segmenter::default, |s| s.inner.clone())
}

fn to_py(py: Python<'_>, doc: &wenmai_parse::Document, g: &Parallelism) -> PyResult<PyParallelism> {
    let members = g
        .members
        .iter()
        .map(|&m| Py::new(py, PySpan::of(doc, m, g.section, Some(g.paragraph))))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyParallelism {
        start: g.start,
        end: g.end,
        text: g.text(doc).to_string(),
        members,
        frame: g.frame.clone(),
        kind: g.kind.as_str(),
        section: g.section,
        paragraph: g.paragraph,
    })
}

/// The parallel groups of a document, in document order.
#[pyfunction]
#[pyo3(signature = (doc, min_members=Int::Fits(3), segmenter=None),
    text_signature = "(doc, min_members=3, segmenter=None)")]
pub fn parallelisms(
    py: Python<'_>,
    doc: PyRef<'_, PyDocument>,
    min_members: Int,
    segmenter: Option<PyRef<'_, PySegmenter>>,
) -> PyResult<Vec<PyParallelism>> {
    let min = check_min(min_members)?;
    let seg = segmenter_of(segmenter);
    let d = doc.doc.clone();
    let groups = run(py, || parallelism::parallelisms(&d, &seg, min))?;
    groups.iter().map(|g| to_py(py, &d, g)).collect()
}

/// The parallel groups of every document of a corpus as columns: `document`, `start`, `end`
/// (numpy), `text`, `frame`, `kind` (lists of str), `members` (numpy counts), `section`,
/// `paragraph`.
#[pyfunction]
#[pyo3(signature = (core, min_members=Int::Fits(3), segmenter=None),
    text_signature = "(core, min_members=3, segmenter=None)")]
pub fn corpus_parallelisms<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    min_members: Int,
    segmenter: Option<PyRef<'py, PySegmenter>>,
) -> PyResult<Bound<'py, PyDict>> {
    let min = check_min(min_members)?;
    let seg = segmenter_of(segmenter);
    let docs = core.corpus().documents();
    let all = run(py, || parallelism::parallelisms_many(docs, &seg, min))?;
    let n: usize = all.iter().map(Vec::len).sum();
    let (mut document, mut start, mut end, mut members, mut paragraph) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut text, mut frame, mut kind, mut section) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for (i, groups) in all.iter().enumerate() {
        for g in groups {
            document.push(i as u64);
            start.push(g.start as u64);
            end.push(g.end as u64);
            members.push(g.members.len() as u64);
            paragraph.push(g.paragraph as u64);
            text.push(g.text(&docs[i]).to_string());
            frame.push(g.frame.clone());
            kind.push(g.kind.as_str());
            section.push(g.section);
        }
    }
    let out = PyDict::new(py);
    out.set_item("document", document.into_pyarray(py))?;
    out.set_item("start", start.into_pyarray(py))?;
    out.set_item("end", end.into_pyarray(py))?;
    out.set_item("text", text)?;
    out.set_item("frame", frame)?;
    out.set_item("kind", kind)?;
    out.set_item("members", members.into_pyarray(py))?;
    out.set_item("section", section)?;
    out.set_item("paragraph", paragraph.into_pyarray(py))?;
    Ok(out)
}
