//! The native core of `wenmai.Corpus`: parallel read, decode and parse of many files, and the
//! corpus-level analyses. The pandas-facing class is `wenmai.Corpus` in Python.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use numpy::{IntoPyArray, PyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rayon::prelude::*;
use wenmai_analyze::keywords::TEXTRANK_POS;
use wenmai_analyze::{Corpus, DocTermMatrix, DtmOptions, IdfTable, KeywordExtractor, Unit};
use wenmai_parse::{DateValue, Document};

use crate::analyze::{DEFAULT_ANALYZER, PyAnalyzer, PyDocTermMatrix, dtm_options, unit};
use crate::document::{PyDocument, date_to_py};
use crate::errors::{analyze_error, parse_error, run};
use crate::read_options;
use crate::text::extract_texts;

/// How many documents are read or parsed between two progress updates.
const CHUNK: usize = 64;

/// A file that could not be read: `(path, exception type name, message)`.
type FileError = (String, String, String);

/// The documents of a corpus, their ids and paths, and the analyses over them.
#[derive(Debug)]
#[pyclass(frozen, name = "CorpusCore", module = "wenmai")]
pub struct PyCorpusCore {
    corpus: Arc<Corpus>,
    ids: Arc<Vec<String>>,
    paths: Vec<Option<String>>,
    /// The last analyzer's unpruned document x term counts: `dtm(unit="document")`,
    /// `frequency` and `keywords` then segment the corpus once between them.
    doc_counts: Mutex<Option<DocumentCounts>>,
}

impl Drop for PyCorpusCore {
    /// Freeing a large corpus (its texts and spans, and counts over a vocabulary of 10^5 or
    /// more strings) takes tens of milliseconds on one thread: it is done on rayon's pool, so
    /// that `del corpus` (or the end of a function) returns at once. The analyzer object, a
    /// Python reference, is released here.
    fn drop(&mut self) {
        let corpus = std::mem::take(&mut self.corpus);
        let counts = self
            .doc_counts
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .map(|c| c.counts);
        if corpus.len() >= 256 {
            rayon::spawn(move || drop((corpus, counts)));
        }
    }
}

/// Unpruned document-level counts and what they were computed with.
#[derive(Debug)]
struct DocumentCounts {
    /// The analyzer object (`None`: the default analyzer); compared by identity, and held so
    /// that its address cannot be reused by another analyzer.
    analyzer: Option<Py<PyAnalyzer>>,
    /// The analyzer's dictionary generation: a dictionary change invalidates the counts.
    generation: u64,
    counts: Arc<DocTermMatrix>,
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

/// [`KeywordColumns`] of rows of `(key, weight)`, `name` giving each key's term; equal keys
/// are one distinct keyword.
fn keyword_columns<'a, K: Copy + Eq + std::hash::Hash>(
    py: Python<'_>,
    rows: &[Vec<(K, f64)>],
    name: impl Fn(K) -> &'a str,
) -> PyResult<KeywordColumns> {
    let sizes: Vec<i64> = rows.iter().map(|r| r.len() as i64).collect();
    let weights: Vec<f64> = rows.iter().flatten().map(|(_, w)| *w).collect();
    let mut code_of: rustc_hash::FxHashMap<K, i64> = Default::default();
    let mut distinct: Vec<&str> = Vec::new();
    let codes: Vec<i64> = rows
        .iter()
        .flatten()
        .map(|&(k, _)| {
            *code_of.entry(k).or_insert_with(|| {
                distinct.push(name(k));
                distinct.len() as i64 - 1
            })
        })
        .collect();
    let names = if distinct.iter().any(|t| t.contains('\n')) {
        distinct.into_pyobject(py)?.into_any().unbind()
    } else {
        PyString::new(py, &distinct.join("\n")).into_any().unbind()
    };
    Ok((
        sizes.into_pyarray(py).unbind(),
        codes.into_pyarray(py).unbind(),
        names,
        weights.into_pyarray(py).unbind(),
    ))
}

fn progress_update(progress: Option<&Bound<'_, PyAny>>, n: usize) -> PyResult<()> {
    if let Some(p) = progress {
        p.call1((n,))?;
    }
    Ok(())
}

fn analyzer_of(analyzer: Option<PyRef<'_, PyAnalyzer>>) -> wenmai_analyze::Analyzer {
    analyzer.map_or_else(|| DEFAULT_ANALYZER.clone(), |a| a.inner.clone())
}

impl PyCorpusCore {
    /// The cached counts for `analyzer`, if they are still valid.
    fn cached_counts(
        &self,
        analyzer: Option<&PyRef<'_, PyAnalyzer>>,
        generation: u64,
    ) -> Option<Arc<DocTermMatrix>> {
        let cache = self.doc_counts.lock().unwrap_or_else(|e| e.into_inner());
        let c = cache.as_ref()?;
        let same = match (&c.analyzer, analyzer) {
            (None, None) => true,
            (Some(a), Some(b)) => a.as_ptr() == b.as_ptr(),
            _ => false,
        };
        (same && c.generation == generation).then(|| Arc::clone(&c.counts))
    }

    /// Unpruned document x term counts for `analyzer`, computed once (the GIL released) and
    /// cached until another analyzer is used or its dictionary changes.
    fn document_counts(
        &self,
        py: Python<'_>,
        analyzer: Option<&PyRef<'_, PyAnalyzer>>,
    ) -> PyResult<Arc<DocTermMatrix>> {
        let an = analyzer.map_or_else(|| DEFAULT_ANALYZER.clone(), |a| a.inner.clone());
        let generation = an.segmenter().generation();
        if let Some(counts) = self.cached_counts(analyzer, generation) {
            return Ok(counts);
        }
        // The lock is not held while the GIL is released (another thread may wait on it).
        let corpus = Arc::clone(&self.corpus);
        let counts = run(py, move || {
            corpus.dtm(&an, Unit::Document, &DtmOptions::default())
        })?
        .map_err(analyze_error)?;
        let counts = Arc::new(counts);
        *self.doc_counts.lock().unwrap_or_else(|e| e.into_inner()) = Some(DocumentCounts {
            analyzer: analyzer
                .map(|a| a.into_pyobject(py).map(|b| b.to_owned().unbind()))
                .transpose()?,
            generation,
            counts: Arc::clone(&counts),
        });
        Ok(counts)
    }
}

#[pymethods]
impl PyCorpusCore {
    /// Read, decode and parse files in parallel, in chunks (calling `progress(n)` after each).
    /// With `skip`, unreadable files are left out and returned as `(path, kind, message)`;
    /// without, the first bad file (in the given order) raises.
    #[staticmethod]
    #[pyo3(signature = (paths, ids, encoding=None, errors="strict", skip=false, progress=None))]
    fn from_paths(
        py: Python<'_>,
        paths: Vec<PathBuf>,
        ids: Vec<String>,
        encoding: Option<String>,
        errors: &str,
        skip: bool,
        progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<(PyCorpusCore, Vec<FileError>)> {
        if paths.len() != ids.len() {
            return Err(PyValueError::new_err("paths and ids differ in length"));
        }
        let opts = read_options(encoding, errors, None)?;
        let mut docs = Vec::with_capacity(paths.len());
        let mut kept_ids = Vec::with_capacity(paths.len());
        let mut kept_paths = Vec::with_capacity(paths.len());
        let mut bad = Vec::new();
        // Chunks only to report progress: one parallel pass balances the work best.
        let size = if progress.is_some() {
            CHUNK
        } else {
            paths.len().max(1)
        };
        for (chunk, chunk_ids) in paths.chunks(size).zip(ids.chunks(size)) {
            let results: Vec<Result<Document, wenmai_parse::Error>> = run(py, || {
                chunk
                    .par_iter()
                    .map(|p| wenmai_parse::read_with(p, &opts))
                    .collect()
            })?;
            for ((r, p), id) in results.into_iter().zip(chunk).zip(chunk_ids) {
                match r {
                    Ok(d) => {
                        docs.push(d);
                        kept_ids.push(id.clone());
                        kept_paths.push(Some(p.display().to_string()));
                    }
                    Err(e) if skip => {
                        let err = parse_error(py, e);
                        let kind = err.get_type(py).name()?.to_string();
                        bad.push((p.display().to_string(), kind, err.value(py).to_string()));
                    }
                    Err(e) => return Err(parse_error(py, e)),
                }
            }
            progress_update(progress.as_ref(), chunk.len())?;
        }
        let corpus = Corpus::with_ids(docs, kept_ids.clone()).map_err(analyze_error)?;
        Ok((
            PyCorpusCore {
                corpus: Arc::new(corpus),
                ids: Arc::new(kept_ids),
                paths: kept_paths,
                doc_counts: Mutex::new(None),
            },
            bad,
        ))
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
        if texts.len() != ids.len() {
            return Err(PyValueError::new_err(format!(
                "{} texts but {} ids",
                texts.len(),
                ids.len()
            )));
        }
        let mut docs = Vec::with_capacity(texts.len());
        let size = if progress.is_some() {
            CHUNK
        } else {
            texts.len().max(1)
        };
        for chunk in texts.chunks(size) {
            let parsed: Vec<Document> = run(py, || {
                chunk.par_iter().map(|t| wenmai_parse::parse(t)).collect()
            })?;
            docs.extend(parsed);
            progress_update(progress.as_ref(), chunk.len())?;
        }
        let n = docs.len();
        let corpus = Corpus::with_ids(docs, ids.clone()).map_err(analyze_error)?;
        Ok(PyCorpusCore {
            corpus: Arc::new(corpus),
            ids: Arc::new(ids),
            paths: vec![None; n],
            doc_counts: Mutex::new(None),
        })
    }

    fn __len__(&self) -> usize {
        self.corpus.len()
    }

    /// The document ids.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.ids.to_vec()
    }

    /// The `i`-th document.
    fn document(&self, i: usize) -> PyResult<PyDocument> {
        self.corpus
            .documents()
            .get(i)
            .map(|d| PyDocument::new(d.clone()))
            .ok_or_else(|| pyo3::exceptions::PyIndexError::new_err("document index out of range"))
    }

    /// The metadata of every document as columns (for a DataFrame).
    fn meta_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let docs = self.corpus.documents();
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
        let year: Vec<Option<i32>> = docs
            .iter()
            .map(|d| {
                d.meta.published.map(|p| match p {
                    DateValue::DateTime(t) => chrono::Datelike::year(&t),
                    DateValue::Date(t) => chrono::Datelike::year(&t),
                })
            })
            .collect();
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
    #[pyo3(signature = (analyzer=None, unit="document", min_df=None, max_df=None, max_features=None, binary=false))]
    #[allow(clippy::too_many_arguments)]
    fn dtm(
        &self,
        py: Python<'_>,
        analyzer: Option<PyRef<'_, PyAnalyzer>>,
        unit: &str,
        min_df: Option<Bound<'_, PyAny>>,
        max_df: Option<Bound<'_, PyAny>>,
        max_features: Option<usize>,
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
        let unit = self::unit(unit)?;
        let m = if unit == Unit::Document {
            // The cached counts themselves when nothing is pruned (a copy costs as much as a
            // tenth of counting).
            let counts = self.document_counts(py, analyzer.as_ref())?;
            run(py, move || counts.prune_shared(&opts))?.map_err(analyze_error)?
        } else {
            let an = analyzer_of(analyzer);
            let corpus = Arc::clone(&self.corpus);
            Arc::new(run(py, move || corpus.dtm(&an, unit, &opts))?.map_err(analyze_error)?)
        };
        Ok(PyDocTermMatrix::shared(m, Arc::clone(&self.ids)))
    }

    /// Top-`k` keywords of every document: `[[(term, weight)], …]`. `method="tfidf"` weighs
    /// the analyzer's terms by tf x idf, the idf learnt from this corpus (`idf="corpus"`) or
    /// jieba's table (`idf="jieba"`); `method="textrank"` is jieba's TextRank per document.
    /// With `progress`, documents are processed in chunks and `progress(n)` is called after
    /// each (the result is the same).
    #[pyo3(signature = (analyzer=None, top_k=20, method="tfidf", idf="corpus", allow_pos=None, progress=None))]
    #[allow(clippy::too_many_arguments)]
    fn keywords(
        &self,
        py: Python<'_>,
        analyzer: Option<PyRef<'_, PyAnalyzer>>,
        top_k: usize,
        method: &str,
        idf: &str,
        allow_pos: Option<Vec<String>>,
        progress: Option<Bound<'_, PyAny>>,
    ) -> PyResult<KeywordColumns> {
        if method == "tfidf" && (idf == "corpus" || idf == "jieba") {
            let generation = analyzer.as_ref().map_or_else(
                || DEFAULT_ANALYZER.segmenter().generation(),
                |a| a.inner.segmenter().generation(),
            );
            // One segmentation pass (shared with `dtm`), unless a progress bar asks for chunks
            // and the counts are not there yet.
            if progress.is_none() || self.cached_counts(analyzer.as_ref(), generation).is_some() {
                let counts = self.document_counts(py, analyzer.as_ref())?;
                let corpus_idf = idf == "corpus";
                let table = Arc::clone(&counts);
                let rows = run(py, move || {
                    table.keyword_columns(top_k, (!corpus_idf).then(IdfTable::jieba))
                })?;
                progress_update(progress.as_ref(), rows.len())?;
                return keyword_columns(py, &rows, |j| counts.terms[j].as_str());
            }
        }
        let an = analyzer_of(analyzer);
        let docs = self.corpus.documents();
        let chunk = if progress.is_some() {
            CHUNK
        } else {
            docs.len().max(1)
        };
        let mut out = Vec::with_capacity(docs.len());
        match method {
            "tfidf" => {
                let table = match idf {
                    "corpus" => {
                        let corpus = Arc::clone(&self.corpus);
                        let a = an.clone();
                        Arc::new(run(py, move || {
                            corpus.stats(&a, wenmai_analyze::Unit::Document).idf_table()
                        })?)
                    }
                    "jieba" => Arc::new(IdfTable::jieba().clone()),
                    other => {
                        return Err(PyValueError::new_err(format!(
                            "idf must be 'corpus' or 'jieba', not {other:?}"
                        )));
                    }
                };
                if progress.is_none() {
                    let corpus = Arc::clone(&self.corpus);
                    out = run(py, move || corpus.keywords(&an, top_k, &table))?;
                } else {
                    for part in docs.chunks(chunk) {
                        let rows = run(py, || {
                            Corpus::new(part.to_vec()).keywords(&an, top_k, &table)
                        })?;
                        out.extend(rows);
                        progress_update(progress.as_ref(), part.len())?;
                    }
                }
            }
            "textrank" => {
                let pos: Vec<String> = allow_pos
                    .unwrap_or_else(|| TEXTRANK_POS.iter().map(|s| s.to_string()).collect());
                let pos: Vec<&str> = pos.iter().map(String::as_str).collect();
                let ex = KeywordExtractor::with_segmenter(an.segmenter().clone());
                for part in docs.chunks(chunk) {
                    let rows: Vec<Vec<(String, f64)>> = run(py, || {
                        part.par_iter()
                            .map(|d| {
                                ex.textrank(&d.text, Some(top_k), &pos, false)
                                    .into_iter()
                                    .map(|k| (k.word, k.weight))
                                    .collect()
                            })
                            .collect()
                    })?;
                    out.extend(rows);
                    progress_update(progress.as_ref(), part.len())?;
                }
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "method must be 'tfidf' or 'textrank', not {other:?}"
                )));
            }
        }
        let keyed: Vec<Vec<(&str, f64)>> = out
            .iter()
            .map(|r| r.iter().map(|(t, w)| (t.as_str(), *w)).collect())
            .collect();
        keyword_columns(py, &keyed, |t| t)
    }
}
