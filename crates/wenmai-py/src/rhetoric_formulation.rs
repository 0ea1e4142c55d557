//! Formulations and new words (`Corpus.formulations`, `Corpus.new_words`): the options
//! handed to Rust, the results handed back as columns.

use numpy::IntoPyArray;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wenmai_rhetoric::formulation::{DiscoverOptions, count_phrases, discover};
use wenmai_rhetoric::newwords::{NewWordOptions, new_words};

use crate::analyze::PyAnalyzer;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::run;

fn texts(core: &PyCorpusCore) -> Vec<&str> {
    core.corpus()
        .documents()
        .iter()
        .map(|d| d.text.as_str())
        .collect()
}

/// Counts of `phrases` (or of the discovered formulations when `None`) in each document:
/// `phrase` (list), `counts` (documents x phrases, flat, document-major), `chars` (each
/// document's chars) and, when discovered, `occurrences` and `documents` per phrase.
#[pyfunction]
#[pyo3(signature = (core, phrases=None, min_docs=3, min_len=4, max_len=16, analyzer=None))]
pub fn corpus_formulations<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    phrases: Option<Vec<String>>,
    min_docs: usize,
    min_len: usize,
    max_len: usize,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<Bound<'py, PyDict>> {
    let an = analyzer_of(analyzer);
    let texts = texts(&core);
    let opts = DiscoverOptions {
        min_docs,
        min_len,
        max_len,
        hmm: an.hmm(),
    };
    let (phrases, found, counts) = run(py, || {
        let found = match &phrases {
            Some(_) => None,
            None => {
                let stop = an.stopwords();
                Some(discover(
                    &texts,
                    an.segmenter(),
                    |w| stop.contains(w),
                    &opts,
                )?)
            }
        };
        let phrases: Vec<String> = match (&phrases, &found) {
            (Some(p), _) => p.clone(),
            (None, Some(f)) => f.iter().map(|f| f.phrase.clone()).collect(),
            (None, None) => Vec::new(),
        };
        let counts = count_phrases(&texts, &phrases)?;
        Ok::<_, wenmai_rhetoric::suffix::ParamError>((phrases, found, counts))
    })?
    .map_err(|e| PyValueError::new_err(e.0))?;
    let out = PyDict::new(py);
    let chars: Vec<u64> = texts.iter().map(|t| t.chars().count() as u64).collect();
    out.set_item("phrase", phrases)?;
    out.set_item("counts", counts.into_pyarray(py))?;
    out.set_item("chars", chars.into_pyarray(py))?;
    if let Some(f) = found {
        let occ: Vec<u64> = f.iter().map(|f| f.occurrences as u64).collect();
        let docs: Vec<u64> = f.iter().map(|f| f.documents as u64).collect();
        out.set_item("occurrences", occ.into_pyarray(py))?;
        out.set_item("documents", docs.into_pyarray(py))?;
    }
    Ok(out)
}

/// New words of the corpus as columns: `word`, `count`, `left_entropy`, `right_entropy`,
/// `aggregation`, `in_dictionary` (in the analyzer's jieba dictionary), and `chars`.
#[pyfunction]
#[pyo3(signature = (core, max_len=6, min_count=5, min_entropy=1.0, min_aggregation=None, analyzer=None))]
pub fn corpus_new_words<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    max_len: usize,
    min_count: usize,
    min_entropy: f64,
    min_aggregation: Option<f64>,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<Bound<'py, PyDict>> {
    let an = analyzer_of(analyzer);
    let texts = texts(&core);
    let opts = NewWordOptions {
        max_len,
        min_count,
        min_entropy,
        min_aggregation,
    };
    let (w, known) = run(py, || {
        let w = new_words(&texts, &opts)?;
        let seg = an.segmenter();
        let known: Vec<bool> = w
            .word
            .iter()
            .map(|x| seg.contains(x).unwrap_or(false))
            .collect();
        Ok::<_, wenmai_rhetoric::suffix::ParamError>((w, known))
    })?
    .map_err(|e| PyValueError::new_err(e.0))?;
    let out = PyDict::new(py);
    out.set_item("word", w.word)?;
    out.set_item("count", w.count.into_pyarray(py))?;
    out.set_item("left_entropy", w.left_entropy.into_pyarray(py))?;
    out.set_item("right_entropy", w.right_entropy.into_pyarray(py))?;
    out.set_item("aggregation", w.aggregation.into_pyarray(py))?;
    out.set_item("in_dictionary", known)?;
    out.set_item("chars", w.chars)?;
    Ok(out)
}
