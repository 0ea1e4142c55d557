//! `Corpus.lexdiv`: the measures' names in, one numpy column per measure and the units out.

use numpy::{IntoPyArray, PyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use wenmai_analyze::Unit;
use wenmai_analyze::stats::{LexdivMeasure, lexdiv};

use crate::analyze::PyAnalyzer;
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, run};

/// One column per measure, the window and segment used, and for each unit its document,
/// section and index (as `DocTermMatrix.units`).
type LexdivColumns<'py> = (
    Vec<Bound<'py, PyArray1<f64>>>,
    usize,
    usize,
    Vec<usize>,
    Vec<Option<usize>>,
    Vec<Option<usize>>,
);

/// The lexical diversity `measures` (quanteda's names) of every unit.
#[pyfunction]
#[pyo3(signature = (core, measures, analyzer=None, unit=Wrap(Unit::Document), window=100, segment=100, log_base=10.0))]
#[allow(clippy::too_many_arguments)]
pub fn corpus_lexdiv<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    measures: Vec<String>,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
    unit: Wrap<Unit>,
    window: usize,
    segment: usize,
    log_base: f64,
) -> PyResult<LexdivColumns<'py>> {
    let measures = measures
        .iter()
        .map(|m| {
            LexdivMeasure::from_name(m)
                .ok_or_else(|| PyValueError::new_err(format!("unknown lexdiv measure {m:?}")))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let an = analyzer_of(analyzer);
    // The corpus keeps the tokens of the last analyzer (see `CachedCorpus::tokens`).
    let cached = &core.core;
    let (d, units) = run(py, || {
        let t = cached.tokens(&an, unit.0);
        lexdiv(&t, &measures, window, segment, log_base).map(|d| (d, t.units.clone()))
    })?
    .map_err(analyze_error)?;
    let columns = d.values.into_iter().map(|c| c.into_pyarray(py)).collect();
    Ok((
        columns,
        d.window,
        d.segment,
        units.iter().map(|u| u.document).collect(),
        units.iter().map(|u| u.section).collect(),
        units.iter().map(|u| u.index).collect(),
    ))
}
