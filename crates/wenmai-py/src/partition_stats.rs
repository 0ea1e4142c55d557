//! The statistics of `wenmai.dask` past the count blocks: a partition's style parts per
//! group, shipped as postcard bytes, merged and finished in Rust.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use wenmai_rhetoric::style::{StyleParts, style_of_parts, style_parts_by};

use crate::analyze::PyAnalyzer;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::run;
use crate::rhetoric_style::style_columns;

/// The style parts of each group of a partition's documents (`groups[d]` the group of
/// document `d`, `None` for none), as bytes.
#[pyfunction]
#[pyo3(signature = (core, groups, n_groups, analyzer=None))]
pub fn corpus_style_parts<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    groups: Vec<Option<usize>>,
    n_groups: usize,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<Vec<Bound<'py, PyBytes>>> {
    let an = analyzer_of(analyzer);
    let docs = core.core.corpus().documents();
    let parts = run(py, || {
        style_parts_by(docs, an.segmenter(), &groups, n_groups)
            .iter()
            .map(StyleParts::to_bytes)
            .collect::<Vec<_>>()
    })?;
    Ok(parts.iter().map(|b| PyBytes::new(py, b)).collect())
}

/// Style parts merged: each entry's parts (bytes, in partition order) as one, as bytes.
#[pyfunction]
pub fn merge_style_parts<'py>(
    py: Python<'py>,
    parts: Vec<Vec<Vec<u8>>>,
) -> PyResult<Vec<Bound<'py, PyBytes>>> {
    let merged = run(py, || {
        parts
            .iter()
            .map(|list| merged(list).map(|p| p.to_bytes()))
            .collect::<Result<Vec<_>, String>>()
    })?
    .map_err(PyValueError::new_err)?;
    Ok(merged.iter().map(|b| PyBytes::new(py, b)).collect())
}

/// The style rows of groups from their parts (each a list of bytes, merged in order), as
/// `corpus_style` gives its columns.
#[pyfunction]
pub fn style_from_parts<'py>(
    py: Python<'py>,
    parts: Vec<Vec<Vec<u8>>>,
) -> PyResult<Bound<'py, PyDict>> {
    let rows = run(py, || {
        parts
            .iter()
            .map(|list| merged(list).map(|p| style_of_parts(&p)))
            .collect::<Result<Vec<_>, String>>()
    })?
    .map_err(PyValueError::new_err)?;
    style_columns(py, &rows)
}

fn merged(list: &[Vec<u8>]) -> Result<StyleParts, String> {
    let mut acc = StyleParts::default();
    for bytes in list {
        acc.add(StyleParts::from_bytes(bytes)?);
    }
    Ok(acc)
}
