//! The statistics of `wenmai.dask` past the count blocks: a partition's co-occurrence counts
//! and its style parts per group, shipped as postcard bytes, merged and finished in Rust.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use wenmai_analyze::{CooccurrenceBlock, CooccurrenceOptions, TermSelection, Unit};
use wenmai_rhetoric::style::{StyleParts, style_of_parts, style_parts_by};

use crate::analyze::PyAnalyzer;
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, run};
use crate::rhetoric_style::style_columns;
use crate::stats_cooccurrence::{CsrParts, context_of, count_of, csr_parts};

/// The co-occurrence counts of a range of partitions (see `CooccurrenceBlock`).
#[derive(Debug)]
#[pyclass(frozen, name = "CooccurrenceBlock", module = "wenmai._wenmai")]
pub struct PyCooccurrenceBlock {
    inner: CooccurrenceBlock,
}

/// The options of a count (the terms and the triangle are the finish's).
fn options(
    window: usize,
    context: &str,
    count: &str,
    ordered: bool,
) -> PyResult<CooccurrenceOptions> {
    Ok(CooccurrenceOptions {
        window,
        context: context_of(context)?,
        count: count_of(count)?,
        terms: TermSelection::All,
        ordered,
        tri: false,
    })
}

/// Count the co-occurrences of a corpus core that is one partition of a larger corpus.
#[pyfunction]
#[pyo3(signature = (core, analyzer=None, unit=Wrap(Unit::Document), window=5, context="window", count="frequency", ordered=false))]
#[allow(clippy::too_many_arguments)]
pub fn cooccurrence_block(
    py: Python<'_>,
    core: PyRef<'_, PyCorpusCore>,
    analyzer: Option<PyRef<'_, PyAnalyzer>>,
    unit: Wrap<Unit>,
    window: usize,
    context: &str,
    count: &str,
    ordered: bool,
) -> PyResult<PyCooccurrenceBlock> {
    let opts = options(window, context, count, ordered)?;
    let an = analyzer_of(analyzer);
    let cached = &core.core;
    let inner = run(py, || {
        CooccurrenceBlock::count(&cached.tokens(&an, unit.0), &opts)
    })?
    .map_err(analyze_error)?;
    Ok(PyCooccurrenceBlock { inner })
}

#[pymethods]
impl PyCooccurrenceBlock {
    /// A block from its bytes.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyCooccurrenceBlock> {
        let inner = run(py, || CooccurrenceBlock::from_bytes(data))?.map_err(analyze_error)?;
        Ok(PyCooccurrenceBlock { inner })
    }

    /// The block in postcard's compact encoding.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = run(py, || self.inner.to_bytes())?;
        Ok(PyBytes::new(py, &bytes))
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let make = slf.get_type().getattr("from_bytes")?;
        Ok((make, (slf.get().to_bytes(slf.py())?,)))
    }

    /// Blocks of adjacent partitions, in partition order, as one.
    #[staticmethod]
    fn merge_all(
        py: Python<'_>,
        blocks: Vec<PyRef<'_, PyCooccurrenceBlock>>,
    ) -> PyResult<PyCooccurrenceBlock> {
        let owned: Vec<CooccurrenceBlock> = blocks.iter().map(|b| b.inner.clone()).collect();
        let inner = run(py, || CooccurrenceBlock::merge_all(owned))?.map_err(analyze_error)?;
        Ok(PyCooccurrenceBlock { inner })
    }

    /// Number of distinct terms.
    #[getter]
    fn n_terms(&self) -> usize {
        self.inner.n_terms()
    }

    /// The matrix as `(terms, indptr, indices, data)`, as `corpus_cooccurrence` gives it:
    /// `terms` a list, or `top` the most frequent, or neither for every term.
    #[pyo3(signature = (window=5, context="window", count="frequency", terms=None, top=None, ordered=false, tri=true))]
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        py: Python<'_>,
        window: usize,
        context: &str,
        count: &str,
        terms: Option<Vec<String>>,
        top: Option<usize>,
        ordered: bool,
        tri: bool,
    ) -> PyResult<CsrParts> {
        let mut opts = options(window, context, count, ordered)?;
        opts.tri = tri;
        opts.terms = match (terms, top) {
            (Some(list), _) => TermSelection::List(list),
            (None, Some(n)) => TermSelection::Top(n),
            (None, None) => TermSelection::All,
        };
        let m = run(py, || self.inner.clone().finish(&opts))?.map_err(analyze_error)?;
        Ok(csr_parts(py, m))
    }
}

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
