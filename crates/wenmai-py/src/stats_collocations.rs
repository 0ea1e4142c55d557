//! Collocations of a corpus (`Corpus.collocations`): conversion of the arguments, and of the
//! result to Python strings and numpy arrays.

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use wenmai_analyze::stats::{CollocationOptions, Collocations, Measure, Tokens, join_terms_into};
use wenmai_analyze::{Result, Unit};

use crate::analyze::PyAnalyzer;
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, run};

/// A numpy array of Python objects.
type Objects<'py> = Bound<'py, PyArray1<Py<PyAny>>>;

/// The columns of `Corpus.collocations`: joined collocations, their tokens as tuples (both
/// object arrays, so that pandas takes them without a pass over a list), the counts, and
/// `(name, scores)` per measure column.
type Columns<'py> = (
    Objects<'py>,
    Objects<'py>,
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
    let (joined, tuples) = with_gc_paused(py, || strings(py, &t, &k))?;
    let counts: Vec<i64> = k.counts.iter().map(|&c| c as i64).collect();
    let columns = k
        .columns
        .into_iter()
        .map(|(name, v)| (name, v.into_pyarray(py)))
        .collect();
    Ok((joined, tuples, counts.into_pyarray(py), columns))
}

/// The joined string and the tuple of tokens of every collocation, as object arrays.
fn strings<'py>(
    py: Python<'py>,
    t: &Tokens,
    k: &Collocations,
) -> PyResult<(Objects<'py>, Objects<'py>)> {
    // One Python string per distinct term, shared by every tuple that holds it.
    let mut terms: Vec<Option<Bound<'py, PyString>>> = vec![None; t.terms.len()];
    let mut joined: Vec<Py<PyAny>> = Vec::with_capacity(k.len());
    let mut tuples: Vec<Py<PyAny>> = Vec::with_capacity(k.len());
    let mut buf = String::new();
    for i in 0..k.len() {
        let row = k.ngram(i).iter().map(|&id| {
            terms[id as usize]
                .get_or_insert_with(|| PyString::new(py, &t.terms[id as usize]))
                .clone()
        });
        tuples.push(PyTuple::new(py, row)?.into_any().unbind());
        let words = k.ngram(i).iter().map(|&id| t.terms[id as usize].as_str());
        join_terms_into(&mut buf, words);
        joined.push(PyString::new(py, &buf).into_any().unbind());
    }
    Ok((joined.into_pyarray(py), tuples.into_pyarray(py)))
}

/// `f` with Python's cycle collector paused: hundreds of thousands of new tuples of strings,
/// which cannot form a cycle, would otherwise set off a collection every 700 of them.
fn with_gc_paused<'py, T>(py: Python<'py>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    /// Turns the collector back on when dropped, even if `f` unwinds.
    struct Resume<'py>(Option<Bound<'py, PyModule>>);
    impl Drop for Resume<'_> {
        fn drop(&mut self) {
            if let Some(gc) = self.0.take() {
                // Nothing to report to: enabling the collector does not fail.
                let _ = gc.call_method0("enable");
            }
        }
    }
    let gc = py.import("gc")?;
    let was = gc.call_method0("isenabled")?.is_truthy()?;
    if was {
        gc.call_method0("disable")?;
    }
    let _resume = Resume(was.then_some(gc));
    f()
}
