//! The count blocks of `wenmai.dask` and `Corpus.stream`: one partition of a corpus counted
//! without the GIL, shipped between processes as postcard bytes (pickle calls `__reduce__`),
//! and merged two at a time.

use std::sync::Arc;

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wenmai_analyze::{
    CorpusStats, CountBlock, IdfSource, IdfTable, KeynessCorrection, KeynessMeasure, Unit, UnitRef,
};

use crate::analyze::{PyAnalyzer, PyDocTermMatrix};
use crate::convert::{Int, Wrap, dtm_options};
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, count, run};
use crate::stats_keyness::{KeynessColumns, keyness_columns};

type UnitColumns<'py> = (
    Bound<'py, PyArray1<i64>>,
    Bound<'py, PyArray1<i64>>,
    Bound<'py, PyArray1<i64>>,
    Bound<'py, PyArray1<i64>>,
    Bound<'py, PyArray1<i64>>,
    Bound<'py, PyArray1<i64>>,
);

/// The units as the int64 columns of [`PyCountBlock::unit_columns`].
fn unit_columns<'py>(py: Python<'py>, units: &[UnitRef]) -> UnitColumns<'py> {
    let col = |f: &dyn Fn(&UnitRef) -> i64| units.iter().map(f).collect::<Vec<_>>();
    let missing = |v: Option<usize>| v.map_or(-1, |x| x as i64);
    (
        col(&|u| u.document as i64).into_pyarray(py),
        col(&|u| u.kind as i64).into_pyarray(py),
        col(&|u| missing(u.section)).into_pyarray(py),
        col(&|u| missing(u.index)).into_pyarray(py),
        col(&|u| u.span.char_start as i64).into_pyarray(py),
        col(&|u| u.span.char_end as i64).into_pyarray(py),
    )
}

type RowsOver<'py> = (
    Bound<'py, PyArray1<u64>>,
    Bound<'py, PyArray1<u32>>,
    Bound<'py, PyArray1<u32>>,
);

/// The counts of a range of partitions: their units' rows over one sorted vocabulary.
#[derive(Debug)]
#[pyclass(frozen, name = "CountBlock", module = "wenmai._wenmai")]
pub struct PyCountBlock {
    inner: CountBlock,
}

/// Corpus statistics: units, and per term its document and collection frequency.
#[derive(Debug)]
#[pyclass(frozen, name = "CorpusStats", module = "wenmai._wenmai")]
pub struct PyCorpusStats {
    inner: CorpusStats,
}

/// Count the units of a corpus core that is partition `index` of a larger corpus.
#[pyfunction]
#[pyo3(signature = (core, analyzer=None, unit=Wrap(Unit::Document), index=0))]
pub fn count_block(
    py: Python<'_>,
    core: &PyCorpusCore,
    analyzer: Option<PyRef<'_, PyAnalyzer>>,
    unit: Wrap<Unit>,
    index: u64,
) -> PyResult<PyCountBlock> {
    let an = analyzer_of(analyzer);
    let inner = run(py, || CountBlock::count(core.corpus(), &an, unit.0, index))?;
    Ok(PyCountBlock { inner })
}

#[pymethods]
impl PyCountBlock {
    /// A block from its bytes.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyCountBlock> {
        let inner = run(py, || CountBlock::from_bytes(data))?.map_err(analyze_error)?;
        Ok(PyCountBlock { inner })
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

    /// Adjacent blocks (any order) as one, in one k-way merge (the blocks are read, not
    /// copied).
    #[staticmethod]
    fn merge_all(py: Python<'_>, blocks: Vec<PyRef<'_, PyCountBlock>>) -> PyResult<PyCountBlock> {
        let refs: Vec<&CountBlock> = blocks.iter().map(|b| &b.inner).collect();
        let inner = run(py, || CountBlock::merge_refs(&refs))?.map_err(analyze_error)?;
        Ok(PyCountBlock { inner })
    }

    /// The counts of this block and an adjacent one, in partition order.
    fn merge(&self, py: Python<'_>, other: &PyCountBlock) -> PyResult<PyCountBlock> {
        let inner = run(py, || CountBlock::merge_refs(&[&self.inner, &other.inner]))?
            .map_err(analyze_error)?;
        Ok(PyCountBlock { inner })
    }

    /// The first and one past the last partition covered.
    #[getter]
    fn partitions(&self) -> (u64, u64) {
        let r = self.inner.partitions();
        (r.start, r.end)
    }

    /// Number of documents counted.
    #[getter]
    fn n_documents(&self) -> u64 {
        self.inner.n_documents()
    }

    /// Number of units (rows).
    #[getter]
    fn n_units(&self) -> usize {
        self.inner.n_units()
    }

    /// Number of distinct terms.
    #[getter]
    fn n_terms(&self) -> usize {
        self.inner.terms().len()
    }

    /// The document-term matrix, pruned as `Corpus.dtm` prunes; `ids` are the documents' ids.
    #[pyo3(signature = (ids, min_df=None, max_df=None, max_features=None, binary=false))]
    fn matrix(
        &self,
        py: Python<'_>,
        ids: Vec<String>,
        min_df: Option<Bound<'_, PyAny>>,
        max_df: Option<Bound<'_, PyAny>>,
        max_features: Option<Int>,
        binary: bool,
    ) -> PyResult<PyDocTermMatrix> {
        let one = pyo3::types::PyInt::new(py, 1).into_any();
        let all = pyo3::types::PyFloat::new(py, 1.0).into_any();
        let opts = dtm_options(
            min_df.as_ref().unwrap_or(&one),
            max_df.as_ref().unwrap_or(&all),
            max_features,
            binary,
        )?;
        let m = run(py, || self.inner.to_matrix(&opts))?.map_err(analyze_error)?;
        Ok(PyDocTermMatrix::new(m, Arc::new(ids)))
    }

    /// `(row_lengths, columns, counts)`: the block's rows over `terms` (sorted, distinct; the
    /// kept terms of the whole corpus), entries of other terms dropped (`Corpus.stream`).
    fn rows_over<'py>(&self, py: Python<'py>, terms: Vec<String>) -> PyResult<RowsOver<'py>> {
        let (lens, cols, counts) =
            run(py, || self.inner.rows_over(&terms))?.map_err(analyze_error)?;
        Ok((
            lens.into_pyarray(py),
            cols.into_pyarray(py),
            counts.into_pyarray(py),
        ))
    }

    /// `(document, unit, section, index, start, end)` of each row, as int64 arrays: `unit`
    /// a code (0 document, 1 section, 2 paragraph, 3 sentence), -1 for a missing section or
    /// index (`Corpus.stream` keeps them compact until the table is asked for).
    fn unit_columns<'py>(&self, py: Python<'py>) -> UnitColumns<'py> {
        unit_columns(py, self.inner.units())
    }

    /// Keyness of the documents where `target` is true against the others, over the
    /// block's units (as `corpus_keyness` in memory).
    #[pyo3(signature = (target, measure="chi2", correction="default"))]
    fn keyness<'py>(
        &self,
        py: Python<'py>,
        target: Vec<bool>,
        measure: &str,
        correction: &str,
    ) -> PyResult<KeynessColumns<'py>> {
        let measure: KeynessMeasure = measure.parse().map_err(analyze_error)?;
        let correction: KeynessCorrection = correction.parse().map_err(analyze_error)?;
        let k =
            run(py, || self.inner.keyness(&target, measure, correction))?.map_err(analyze_error)?;
        Ok(keyness_columns(py, k))
    }

    /// The statistics of the block's units.
    fn stats(&self, py: Python<'_>) -> PyResult<PyCorpusStats> {
        let inner = run(py, || self.inner.stats())?;
        Ok(PyCorpusStats { inner })
    }

    /// The statistics of each group of documents (`groups[d]` the group of document `d`).
    fn stats_by(
        &self,
        py: Python<'_>,
        groups: Vec<u32>,
        n_groups: usize,
    ) -> PyResult<Vec<PyCorpusStats>> {
        let stats = run(py, || self.inner.stats_by(&groups, n_groups))?.map_err(analyze_error)?;
        Ok(stats
            .into_iter()
            .map(|inner| PyCorpusStats { inner })
            .collect())
    }

    /// The top-`k` keywords of each document (a block of document units), the idf learnt
    /// from the whole corpus's `stats` (`idf="corpus"`) or jieba's table (`idf="jieba"`).
    #[pyo3(signature = (stats, top_k=Int::Fits(20), idf=Wrap(IdfSource::Corpus)),
        text_signature = "($self, stats, top_k=20, idf=...)")]
    fn keywords(
        &self,
        py: Python<'_>,
        stats: &PyCorpusStats,
        top_k: Int,
        idf: Wrap<IdfSource>,
    ) -> PyResult<Vec<Vec<(String, f64)>>> {
        let top_k = count("top_k", top_k, 0)?;
        let table = (idf.0 == IdfSource::Jieba).then(IdfTable::jieba);
        run(py, || self.inner.keywords(top_k, table, &stats.inner))
    }
}

#[pymethods]
impl PyCorpusStats {
    /// Statistics from their bytes.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyCorpusStats> {
        let inner = run(py, || CorpusStats::from_bytes(data))?.map_err(analyze_error)?;
        Ok(PyCorpusStats { inner })
    }

    /// The statistics in postcard's compact encoding.
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

    /// The statistics of both (associative and commutative).
    fn merge(&self, py: Python<'_>, other: &PyCorpusStats) -> PyResult<PyCorpusStats> {
        let inner = run(py, || self.inner.clone().merge(other.inner.clone()))?;
        Ok(PyCorpusStats { inner })
    }

    /// Number of units counted.
    #[getter]
    fn n_units(&self) -> u64 {
        self.inner.n_units
    }

    /// `(terms, count, doc_count)`: every term in order, its collection and document frequency.
    fn frequency(&self) -> (Vec<String>, Vec<u64>, Vec<u64>) {
        let terms: Vec<String> = self.inner.cf.keys().cloned().collect();
        let cf = self.inner.cf.values().copied().collect();
        let df = terms
            .iter()
            .map(|t| self.inner.df.get(t).copied().unwrap_or(0))
            .collect();
        (terms, cf, df)
    }

    fn __eq__(&self, other: &PyCorpusStats) -> bool {
        self.inner == other.inner
    }
}
