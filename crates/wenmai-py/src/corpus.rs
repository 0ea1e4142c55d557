//! The native core of `wenmai.Corpus`: parallel read, decode and parse of many files, and the
//! corpus-level analyses. The pandas-facing class is `wenmai.Corpus` in Python.

use std::path::PathBuf;
use std::sync::Arc;

use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use wenmai_analyze::keywords::{Ranking, TEXTRANK_POS};
use wenmai_analyze::{
    CachedCorpus, Corpus, IdfSource, KeywordMethod, KeywordTable, Progress, Unit,
};
use wenmai_parse::{Conversion, Document, Errors};

use crate::analyze::{DEFAULT_ANALYZER, PyAnalyzer, PyDocTermMatrix};
use crate::convert::{Int, Wrap, dtm_options, max_bytes_of, read_options};
use crate::document::{PyDocument, date_to_py};
use crate::errors::{analyze_error, count, parse_error, run};
use crate::text::extract_texts;

/// A file that could not be read: `(path, exception type name, message)`.
type FileError = (String, String, String);

/// The documents of a corpus, their ids and paths, and the analyses over them (the last
/// analyzer's document counts kept by [`CachedCorpus`]).
#[derive(Debug)]
#[pyclass(frozen, name = "CorpusCore", module = "wenmai")]
pub struct PyCorpusCore {
    pub(crate) core: CachedCorpus,
    ids: Arc<Vec<String>>,
    paths: Vec<Option<String>>,
}

/// Keywords of every document as columns: how many each document has, the code of each
/// keyword (its place among the distinct keywords), the distinct keywords, and every weight,
/// in document order. The distinct keywords come as one string joined by `\n` when no keyword
/// holds a `\n` (Python splits it into strings much faster than it makes them one by one from
/// UTF-8), else as a list.
type KeywordColumns = (
    Py<PyArray1<i64>>,
    Py<PyArray1<i64>>,
    Py<PyAny>,
    Py<PyArray1<f64>>,
);

fn keyword_columns(py: Python<'_>, table: &KeywordTable) -> PyResult<KeywordColumns> {
    let sizes: Vec<i64> = table.sizes.iter().map(|&n| n as i64).collect();
    let codes: Vec<i64> = table.codes.iter().map(|&c| i64::from(c)).collect();
    let terms = table.terms();
    let names = if terms.iter().any(|t| t.contains('\n')) {
        terms.into_pyobject(py)?.into_any().unbind()
    } else {
        PyString::new(py, &terms.join("\n")).into_any().unbind()
    };
    Ok((
        sizes.into_pyarray(py).unbind(),
        codes.into_pyarray(py).unbind(),
        names,
        table.weights.clone().into_pyarray(py).unbind(),
    ))
}

/// Run `f` without the GIL, handing it a progress callback that calls Python's
/// `progress(n)` with the GIL taken back; an exception it raises stops `f` and is raised.
fn with_progress<T: Send>(
    py: Python<'_>,
    progress: Option<Bound<'_, PyAny>>,
    f: impl FnOnce(Progress<'_>) -> wenmai_analyze::Result<T> + Send,
) -> PyResult<T> {
    let progress = progress.map(Bound::unbind);
    let mut failed: Option<PyErr> = None;
    let mut report = |n: usize| {
        Python::attach(|py| match &progress {
            Some(p) => p.call1(py, (n,)).map_err(|e| failed = Some(e)).is_ok(),
            None => true,
        })
    };
    let callback: Progress<'_> = progress
        .is_some()
        .then_some(&mut report as &mut (dyn FnMut(usize) -> bool + Send));
    let done = run(py, || f(callback))?;
    match failed {
        Some(e) => Err(e),
        None => done.map_err(analyze_error),
    }
}

pub(crate) fn analyzer_of(analyzer: Option<PyRef<'_, PyAnalyzer>>) -> wenmai_analyze::Analyzer {
    analyzer.map_or_else(|| DEFAULT_ANALYZER.clone(), |a| a.inner.clone())
}

impl PyCorpusCore {
    fn new(corpus: Corpus, ids: Vec<String>, paths: Vec<Option<String>>) -> Self {
        PyCorpusCore {
            core: CachedCorpus::new(corpus),
            ids: Arc::new(ids),
            paths,
        }
    }

    pub(crate) fn corpus(&self) -> &Corpus {
        self.core.corpus()
    }
}

#[pymethods]
impl PyCorpusCore {
    /// Read, decode and parse files in parallel, in chunks (calling `progress(n)` after each).
    /// With `skip`, unreadable files are left out and returned as `(path, kind, message)`;
    /// without, the first bad file (in the given order) raises.
    #[staticmethod]
    #[pyo3(signature = (paths, ids, encoding=None, errors=Wrap(Errors::Strict), skip=false, progress=None, convert=None, max_bytes=Some(Int::Fits(wenmai_parse::DEFAULT_MAX_BYTES as i64))))]
    #[allow(clippy::too_many_arguments)]
    fn from_paths(
        py: Python<'_>,
        paths: Vec<PathBuf>,
        ids: Vec<String>,
        encoding: Option<String>,
        errors: Wrap<Errors>,
        skip: bool,
        progress: Option<Bound<'_, PyAny>>,
        convert: Option<Wrap<Conversion>>,
        max_bytes: Option<Int>,
    ) -> PyResult<(PyCorpusCore, Vec<FileError>)> {
        let opts = read_options(encoding, errors, None, convert, max_bytes_of(max_bytes)?);
        let read = with_progress(py, progress, |p| Corpus::read_files(&paths, &ids, &opts, p))?;
        let mut failed = read.failed;
        if !skip && !failed.is_empty() {
            return Err(parse_error(py, failed.swap_remove(0).1));
        }
        let mut bad = Vec::with_capacity(failed.len());
        for (i, e) in failed {
            let err = parse_error(py, e);
            let kind = err.get_type(py).name()?.to_string();
            bad.push((
                paths[i].display().to_string(),
                kind,
                err.value(py).to_string(),
            ));
        }
        let kept_paths = read
            .read
            .iter()
            .map(|&i| Some(paths[i].display().to_string()))
            .collect();
        let kept_ids = read.corpus.ids().to_vec();
        Ok((PyCorpusCore::new(read.corpus, kept_ids, kept_paths), bad))
    }

    /// Parse texts in parallel, in chunks (calling `progress(n)` after each).
    #[staticmethod]
    #[pyo3(signature = (texts, ids, progress=None))]
    fn from_texts(
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        ids: Vec<String>,
        progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<PyCorpusCore> {
        let texts = extract_texts(texts, "texts")?;
        let n = texts.len();
        let corpus = with_progress(py, progress, |p| {
            Corpus::parse_texts(&texts, ids.clone(), p)
        })?;
        Ok(PyCorpusCore::new(corpus, ids, vec![None; n]))
    }

    fn __len__(&self) -> usize {
        self.corpus().len()
    }

    /// Pickle as the documents' JSON, ids and paths (nothing is re-read or re-parsed).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let docs = self.corpus().documents();
        let json = run(py, || serde_json::to_string(docs))?
            .map_err(|e| crate::errors::InternalError::new_err(format!("cannot serialise: {e}")))?;
        let f = py.import("wenmai._pickle")?.getattr("corpus_core")?;
        let args = (json, self.ids.to_vec(), self.paths.clone()).into_pyobject(py)?;
        Ok((f, args.into_any()))
    }

    /// A corpus core from `__reduce__`'s state (how a pickled corpus is rebuilt).
    #[staticmethod]
    fn _from_state(
        py: Python<'_>,
        json: String,
        ids: Vec<String>,
        paths: Vec<Option<String>>,
    ) -> PyResult<PyCorpusCore> {
        let docs: Vec<Document> = run(py, move || serde_json::from_str(&json))?.map_err(|e| {
            pyo3::exceptions::PyValueError::new_err(format!("not a corpus's JSON: {e}"))
        })?;
        let corpus = Corpus::with_ids(docs, ids.clone()).map_err(analyze_error)?;
        Ok(PyCorpusCore::new(corpus, ids, paths))
    }

    /// The document ids.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.ids.to_vec()
    }

    /// The `i`-th document.
    fn document(&self, i: usize) -> PyResult<PyDocument> {
        self.corpus()
            .documents()
            .get(i)
            .map(|d| PyDocument::new(d.clone()))
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("document index out of range"))
    }

    /// The metadata of every document as columns (for a DataFrame).
    fn meta_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let docs = self.corpus().documents();
        let cols = PyDict::new(py);
        let published: Vec<Option<Bound<'py, PyAny>>> = docs
            .iter()
            .map(|d| {
                d.meta
                    .published
                    .as_ref()
                    .map(|p| date_to_py(py, p))
                    .transpose()
            })
            .collect::<PyResult<_>>()?;
        let year: Vec<Option<i32>> = docs.iter().map(|d| d.meta.year).collect();
        let s = |f: fn(&Document) -> Option<String>| docs.iter().map(f).collect::<Vec<_>>();
        cols.set_item("doc_id", self.ids.to_vec())?;
        cols.set_item("path", self.paths.clone())?;
        cols.set_item("title", s(|d| d.meta.title.clone()))?;
        cols.set_item("subtitle", s(|d| d.meta.subtitle.clone()))?;
        cols.set_item("published", published)?;
        cols.set_item("year", year)?;
        cols.set_item("source", s(|d| d.meta.source.clone()))?;
        cols.set_item("author", s(|d| d.meta.author.clone()))?;
        cols.set_item("doc_number", s(|d| d.meta.doc_number.clone()))?;
        cols.set_item("issuer", s(|d| d.meta.issuer.clone()))?;
        cols.set_item(
            "chars",
            docs.iter()
                .map(|d| d.text.chars().count())
                .collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "sections",
            docs.iter().map(|d| d.sections.len()).collect::<Vec<_>>(),
        )?;
        cols.set_item(
            "paragraphs",
            docs.iter().map(|d| d.paragraphs.len()).collect::<Vec<_>>(),
        )?;
        Ok(cols)
    }

    /// The document-term matrix over units of one kind.
    #[pyo3(signature = (analyzer=None, unit=Wrap(Unit::Document), min_df=None, max_df=None, max_features=None, binary=false))]
    #[allow(clippy::too_many_arguments)]
    fn dtm(
        &self,
        py: Python<'_>,
        analyzer: Option<PyRef<'_, PyAnalyzer>>,
        unit: Wrap<Unit>,
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
        let an = analyzer_of(analyzer);
        let m = run(py, || self.core.dtm(&an, unit.0, &opts))?.map_err(analyze_error)?;
        Ok(PyDocTermMatrix::shared(m, Arc::clone(&self.ids)))
    }

    /// Top-`k` keywords of every document as columns ([`KeywordColumns`]). `method="tfidf"`
    /// weighs the analyzer's terms by tf x idf, the idf learnt from this corpus
    /// (`idf="corpus"`) or jieba's table (`idf="jieba"`); `method="textrank"` is jieba's
    /// TextRank per document. With `progress`, documents are processed in chunks and
    /// `progress(n)` is called after each (the result is the same).
    #[pyo3(signature = (analyzer=None, top_k=Int::Fits(20), method=Wrap(Ranking::TfIdf), idf=Wrap(IdfSource::Corpus), allow_pos=None, progress=None),
        text_signature = "($self, analyzer=None, top_k=20, method=..., idf=..., allow_pos=None, progress=None)")]
    #[allow(clippy::too_many_arguments)]
    fn keywords(
        &self,
        py: Python<'_>,
        analyzer: Option<PyRef<'_, PyAnalyzer>>,
        top_k: Int,
        method: Wrap<Ranking>,
        idf: Wrap<IdfSource>,
        allow_pos: Option<Vec<String>>,
        progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<KeywordColumns> {
        let top_k = count("top_k", top_k, 0)?;
        let method = match method.0 {
            Ranking::TfIdf => KeywordMethod::TfIdf(idf.0),
            Ranking::TextRank => KeywordMethod::TextRank {
                allow_pos: allow_pos
                    .unwrap_or_else(|| TEXTRANK_POS.iter().map(|s| s.to_string()).collect()),
            },
        };
        let an = analyzer_of(analyzer);
        let table = with_progress(py, progress, |p| self.core.keywords(&an, top_k, &method, p))?;
        keyword_columns(py, &table)
    }

    /// The idf this corpus learnt, `ln(n_documents / df)` per term as `keywords(idf="corpus")`
    /// weighs, in jieba's `idf.txt` format (`word idf` per line, terms in code point order).
    #[pyo3(signature = (analyzer=None))]
    fn idf_text(
        &self,
        py: Python<'_>,
        analyzer: Option<PyRef<'_, PyAnalyzer>>,
    ) -> PyResult<String> {
        let an = analyzer_of(analyzer);
        let mut out = Vec::new();
        run(py, || {
            let table = self.core.corpus().stats(&an, Unit::Document).idf_table();
            table.save(&mut out)
        })?
        .map_err(analyze_error)?;
        // Terms are str and the format adds ASCII only.
        Ok(String::from_utf8(out).unwrap_or_default())
    }
}
