//! The token stream of a corpus (`Corpus.tokens`): conversion to lists of Python strings.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use wenmai_analyze::Unit;

use crate::analyze::PyAnalyzer;
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::run;

/// The kept tokens of every unit, as `dtm()` counts them: one list of strings per unit.
#[pyfunction]
#[pyo3(signature = (core, analyzer=None, unit=Wrap(Unit::Sentence)))]
pub fn corpus_tokens<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
    unit: Wrap<Unit>,
) -> PyResult<Bound<'py, PyList>> {
    let an = analyzer_of(analyzer);
    // The corpus keeps the tokens of the last analyzer (see `CachedCorpus::tokens`).
    let cached = &core.core;
    let t = run(py, || cached.tokens(&an, unit.0))?;
    // One Python string per distinct term, shared by every list that holds it.
    let terms: Vec<Bound<'py, PyString>> = t.terms.iter().map(|s| PyString::new(py, s)).collect();
    let out = PyList::empty(py);
    for u in 0..t.len() {
        let row = PyList::new(py, t.unit_range(u).map(|i| &terms[t.ids[i] as usize]))?;
        out.append(row)?;
    }
    Ok(out)
}
