//! The feature co-occurrence matrix (`Corpus.cooccurrence`): options in, CSR arrays out.

use numpy::{IntoPyArray, PyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use wenmai_analyze::{CoCount, Context, Cooccurrence, CooccurrenceOptions, TermSelection, Unit};

use crate::analyze::PyAnalyzer;
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, run};

/// The matrix as `(terms, indptr, indices, data)`.
pub(crate) type CsrParts = (
    Vec<String>,
    Py<PyArray1<i64>>,
    Py<PyArray1<i32>>,
    Py<PyArray1<f64>>,
);

pub(crate) fn context_of(name: &str) -> PyResult<Context> {
    match name {
        "window" => Ok(Context::Window),
        "sentence" => Ok(Context::Sentence),
        "document" => Ok(Context::Document),
        _ => Err(PyValueError::new_err(format!(
            "unknown context {name:?}: choose 'window', 'sentence' or 'document'"
        ))),
    }
}

pub(crate) fn count_of(name: &str) -> PyResult<CoCount> {
    match name {
        "frequency" => Ok(CoCount::Frequency),
        "boolean" => Ok(CoCount::Boolean),
        "weighted" => Ok(CoCount::Weighted),
        _ => Err(PyValueError::new_err(format!(
            "unknown count {name:?}: choose 'frequency', 'boolean' or 'weighted'"
        ))),
    }
}

/// The co-occurrence matrix of the corpus's tokens (see `Tokens::cooccurrence`): `terms` a
/// list of terms, or `top` the number of most frequent terms, or neither for every term.
#[pyfunction]
#[pyo3(signature = (core, analyzer=None, unit=Wrap(Unit::Document), window=5, context="window", count="frequency", terms=None, top=None, ordered=false, tri=true))]
#[allow(clippy::too_many_arguments)]
pub fn corpus_cooccurrence<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
    unit: Wrap<Unit>,
    window: usize,
    context: &str,
    count: &str,
    terms: Option<Vec<String>>,
    top: Option<usize>,
    ordered: bool,
    tri: bool,
) -> PyResult<CsrParts> {
    let terms = match (terms, top) {
        (Some(list), _) => TermSelection::List(list),
        (None, Some(n)) => TermSelection::Top(n),
        (None, None) => TermSelection::All,
    };
    let opts = CooccurrenceOptions {
        window,
        context: context_of(context)?,
        count: count_of(count)?,
        terms,
        ordered,
        tri,
    };
    let an = analyzer_of(analyzer);
    // The corpus keeps the tokens of the last analyzer (see `CachedCorpus::tokens`).
    let cached = &core.core;
    let m = run(py, || cached.tokens(&an, unit.0).cooccurrence(&opts))?.map_err(analyze_error)?;
    Ok(csr_parts(py, m))
}

/// The matrix as its CSR arrays.
pub(crate) fn csr_parts(py: Python<'_>, m: Cooccurrence) -> CsrParts {
    let indptr: Vec<i64> = m.indptr.iter().map(|&p| p as i64).collect();
    let indices: Vec<i32> = m.indices.iter().map(|&c| c as i32).collect();
    (
        m.terms,
        indptr.into_pyarray(py).unbind(),
        indices.into_pyarray(py).unbind(),
        m.data.into_pyarray(py).unbind(),
    )
}
