//! Keywords in context (`Corpus.kwic`): the pattern and options handed to Rust, the matches
//! handed back as columns.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wenmai_analyze::Unit;
use wenmai_analyze::stats::{Pattern, PatternItem};

use crate::analyze::PyAnalyzer;
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, run};

/// A pattern's alternatives: a `str` is text, a list of `str` a phrase's tokens.
pub(crate) fn pattern_items(patterns: &[Bound<'_, PyAny>]) -> PyResult<Vec<PatternItem>> {
    patterns
        .iter()
        .map(|p| match p.extract::<String>() {
            Ok(s) => Ok(PatternItem::Text(s)),
            Err(_) => p.extract::<Vec<String>>().map(PatternItem::Tokens),
        })
        .collect()
}

/// Every match of `patterns` (each a `str`, or a list of a phrase's tokens) as
/// columns: `document`, `section`, `start`, `end` (numpy or lists), `pre`, `keyword`,
/// `post` (lists of str), `pattern` (codes into `labels`).
#[pyfunction]
#[pyo3(signature = (core, patterns, window=5, unit=Wrap(Unit::Sentence), regex=false, case_insensitive=true, analyzer=None))]
#[allow(clippy::too_many_arguments)]
pub fn corpus_kwic<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    patterns: Vec<Bound<'py, PyAny>>,
    window: usize,
    unit: Wrap<Unit>,
    regex: bool,
    case_insensitive: bool,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<Bound<'py, PyDict>> {
    let an = analyzer_of(analyzer);
    // The corpus keeps the tokens of the last analyzer (see `CachedCorpus::tokens`).
    let cached = &core.core;
    let patterns = pattern_items(&patterns)?;
    let k = run(py, || {
        let p = Pattern::new(&patterns, regex, case_insensitive)?;
        cached.kwic(&an, unit.0, &p, window)
    })?
    .map_err(analyze_error)?;
    let out = PyDict::new(py);
    let document: Vec<u64> = k.document.iter().map(|&d| d as u64).collect();
    out.set_item("document", document.into_pyarray(py))?;
    out.set_item("section", k.section)?;
    out.set_item("start", k.start.into_pyarray(py))?;
    out.set_item("end", k.end.into_pyarray(py))?;
    out.set_item("pre", k.pre)?;
    out.set_item("keyword", k.keyword)?;
    out.set_item("post", k.post)?;
    out.set_item("pattern", k.pattern.into_pyarray(py))?;
    out.set_item("labels", k.labels)?;
    Ok(out)
}
