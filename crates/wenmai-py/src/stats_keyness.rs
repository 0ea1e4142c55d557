//! Keyness of a target group of documents (`Corpus.keyness`): conversion of the mask and
//! the names, and of the result to numpy arrays.

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use wenmai_analyze::{Keyness, KeynessCorrection, KeynessMeasure, Unit};

use crate::analyze::PyAnalyzer;
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, run};

/// The columns of a keyness table: terms, statistic, p-value, target and reference counts.
pub(crate) type KeynessColumns<'py> = (
    Vec<String>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u64>>,
);

/// Keyness of the documents where `target` is true against the others, sorted by statistic.
#[pyfunction]
#[pyo3(signature = (core, target, measure="chi2", correction="default", analyzer=None, unit=Wrap(Unit::Document)))]
pub fn corpus_keyness<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    target: Vec<bool>,
    measure: &str,
    correction: &str,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
    unit: Wrap<Unit>,
) -> PyResult<KeynessColumns<'py>> {
    let measure: KeynessMeasure = measure.parse().map_err(analyze_error)?;
    let correction: KeynessCorrection = correction.parse().map_err(analyze_error)?;
    let an = analyzer_of(analyzer);
    let core = &core.core;
    let k = run(py, || {
        core.keyness(&an, unit.0, &target, measure, correction)
    })?
    .map_err(analyze_error)?;
    Ok(keyness_columns(py, k))
}

/// The keyness table as its columns.
pub(crate) fn keyness_columns(py: Python<'_>, k: Keyness) -> KeynessColumns<'_> {
    (
        k.terms,
        k.stat.into_pyarray(py),
        k.p.into_pyarray(py),
        k.n_target.into_pyarray(py),
        k.n_reference.into_pyarray(py),
    )
}
