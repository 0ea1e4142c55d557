//! Collocations of a corpus (`Corpus.collocations`): conversion of the arguments, and of the
//! result to Python strings and numpy arrays.

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use wenmai_analyze::stats::{CollocationOptions, Collocations, Measure, join_terms_into};
use wenmai_analyze::{Result, Unit};

use crate::analyze::PyAnalyzer;
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, run};

/// The columns of `Corpus.collocations`: joined collocations, their tokens as tuples, the
/// counts, and `(name, scores)` per measure column.
type Columns<'py> = (
    Bound<'py, PyList>,
    Bound<'py, PyList>,
    Bound<'py, PyArray1<i64>>,
    Vec<(&'static str, Bound<'py, PyArray1<f64>>)>,
);

/// The n-grams of `size` tokens seen at least `min_count` times within sentences, scored.
#[pyfunction]
#[pyo3(signature = (core, size=2, min_count=2, measures=None, smoothing=0.5, analyzer=None,
                    unit=Wrap(Unit::Sentence)))]
#[allow(clippy::too_many_arguments)]
pub fn corpus_collocations<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    size: usize,
    min_count: u64,
    measures: Option<Vec<String>>,
    smoothing: f64,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
    unit: Wrap<Unit>,
) -> PyResult<Columns<'py>> {
    let an = analyzer_of(analyzer);
    // The corpus keeps the tokens of the last analyzer (see `CachedCorpus::tokens`).
    let cached = &core.core;
    let names = measures.unwrap_or_else(|| Measure::NAMES.map(str::to_string).to_vec());
    let (t, k) = run(py, || -> Result<_> {
        let measures = names
            .iter()
            .map(|m| Measure::parse(m))
            .collect::<Result<Vec<_>>>()?;
        let options = CollocationOptions {
            size,
            min_count,
            measures,
            smoothing,
        };
        let t = cached.tokens(&an, unit.0);
        let k = Collocations::of(&t, &options)?;
        Ok((t, k))
    })?
    .map_err(analyze_error)?;
    // One Python string per distinct term, shared by every tuple that holds it.
    let mut terms: Vec<Option<Bound<'py, PyString>>> = vec![None; t.terms.len()];
    let joined = PyList::empty(py);
    let tuples = PyList::empty(py);
    let mut buf = String::new();
    for i in 0..k.len() {
        let row: Vec<Bound<'py, PyString>> = k
            .ngram(i)
            .iter()
            .map(|&id| {
                terms[id as usize]
                    .get_or_insert_with(|| PyString::new(py, &t.terms[id as usize]))
                    .clone()
            })
            .collect();
        let words = k.ngram(i).iter().map(|&id| t.terms[id as usize].as_str());
        join_terms_into(&mut buf, words);
        joined.append(PyString::new(py, &buf))?;
        tuples.append(PyTuple::new(py, row)?)?;
    }
    let counts: Vec<i64> = k.counts.iter().map(|&c| c as i64).collect();
    let columns = k
        .columns
        .into_iter()
        .map(|(name, v)| (name, v.into_pyarray(py)))
        .collect();
    Ok((joined, tuples, counts.into_pyarray(py), columns))
}
