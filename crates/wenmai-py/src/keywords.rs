//! jieba's keyword extraction for Python: `KeywordExtractor` (what `wenmai.jieba.analyse`
//! is made of) and `wenmai.keywords`.

use std::sync::{LazyLock, RwLock};

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use wenmai_analyze::keywords::{Ranking, TEXTRANK_POS};
use wenmai_analyze::{IdfTable, KeywordExtractor};

use crate::convert::{Int, Wrap};
use crate::document::PyDocument;
use crate::errors::{WenmaiError, analyze_error, count, count_or_none, run};
use crate::segmenter::{PySegmenter, dictionary_bytes};
use crate::text::extract_text;

/// jieba's keyword extraction (`extract_tags`, `textrank`) with its own idf table and stop
/// words: what `wenmai.jieba.analyse` is made of.
#[derive(Debug)]
#[pyclass(frozen, name = "KeywordExtractor", module = "wenmai")]
pub struct PyKeywordExtractor {
    inner: RwLock<KeywordExtractor>,
    /// What the extractor was made from, for pickling.
    source: RwLock<ExtractorSource>,
}

/// A keyword extractor's segmenter, idf table and stop words as they were given.
#[derive(Debug, Clone, Default)]
struct ExtractorSource {
    segmenter: Option<wenmai_segment::Segmenter>,
    hmm: bool,
    idf_file: Option<Vec<u8>>,
    idf_pairs: Option<(Vec<(String, f64)>, f64)>,
    stop_words: Vec<Vec<u8>>,
}

type KeywordRow = (String, f64, Option<String>);

impl PyKeywordExtractor {
    fn with<T>(&self, f: impl FnOnce(&KeywordExtractor) -> T) -> PyResult<T> {
        let g = self
            .inner
            .read()
            .map_err(|_| WenmaiError::new_err("keyword extractor lock poisoned"))?;
        Ok(f(&g))
    }
    fn source_mut<T>(&self, f: impl FnOnce(&mut ExtractorSource) -> T) -> PyResult<T> {
        let mut g = self
            .source
            .write()
            .map_err(|_| WenmaiError::new_err("keyword extractor lock poisoned"))?;
        Ok(f(&mut g))
    }
    fn with_mut<T>(&self, f: impl FnOnce(&mut KeywordExtractor) -> T) -> PyResult<T> {
        let mut g = self
            .inner
            .write()
            .map_err(|_| WenmaiError::new_err("keyword extractor lock poisoned"))?;
        Ok(f(&mut g))
    }
}

fn keyword_rows(k: Vec<wenmai_analyze::Keyword>) -> Vec<KeywordRow> {
    k.into_iter().map(|k| (k.word, k.weight, k.flag)).collect()
}

#[pymethods]
impl PyKeywordExtractor {
    #[new]
    #[pyo3(signature = (segmenter=None, hmm=true))]
    fn new(segmenter: Option<PyRef<'_, PySegmenter>>, hmm: bool) -> Self {
        let seg = segmenter.map(|s| s.inner.clone());
        let mut inner = match &seg {
            Some(s) => KeywordExtractor::with_segmenter(s.clone()),
            None => KeywordExtractor::default(),
        };
        inner.set_hmm(hmm);
        PyKeywordExtractor {
            inner: RwLock::new(inner),
            source: RwLock::new(ExtractorSource {
                segmenter: seg,
                hmm,
                ..ExtractorSource::default()
            }),
        }
    }

    /// Pickle as the segmenter, HMM flag, idf table and stop-word files it was given.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let src = self
            .source
            .read()
            .map_err(|_| WenmaiError::new_err("keyword extractor lock poisoned"))?
            .clone();
        let seg = match src.segmenter {
            Some(s) => Some(Py::new(py, PySegmenter::wrap(s, src.hmm))?),
            None => None,
        };
        let idf_file = src.idf_file.map(|b| PyBytes::new(py, &b));
        let stops: Vec<Bound<'py, PyBytes>> =
            src.stop_words.iter().map(|b| PyBytes::new(py, b)).collect();
        let f = py.import("wenmai._pickle")?.getattr("keyword_extractor")?;
        let args = (seg, src.hmm, idf_file, src.idf_pairs, stops).into_pyobject(py)?;
        Ok((f, args.into_any()))
    }

    /// jieba's `extract_tags`: `[(word, weight, flag)]` best first; `flag` is set only with
    /// `with_flag` and a POS filter. `top_k=None` (or 0) returns every word.
    #[pyo3(signature = (text, top_k=Some(Int::Fits(20)), allow_pos=Vec::new(), with_flag=false))]
    fn extract_tags(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        top_k: Option<Int>,
        allow_pos: Vec<String>,
        with_flag: bool,
    ) -> PyResult<Vec<KeywordRow>> {
        let top_k = count_or_none("top_k", top_k, 0)?;
        let text = extract_text(text, "sentence")?;
        let pos: Vec<&str> = allow_pos.iter().map(String::as_str).collect();
        run(py, || {
            self.with(|k| keyword_rows(k.extract_tags(&text, top_k, &pos, with_flag)))
        })?
    }

    /// jieba's `textrank` (window 5, default POS `ns, n, vn, v`, weights scaled to the
    /// maximum): `[(word, weight, flag)]` best first.
    /// `span`: jieba's `TextRank.span`, the co-occurrence window.
    #[pyo3(signature = (text, top_k=Some(Int::Fits(20)), allow_pos=None, with_flag=false, span=Int::Fits(5)),
        text_signature = "($self, text, top_k=..., allow_pos=None, with_flag=False, span=5)")]
    fn textrank(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        top_k: Option<Int>,
        allow_pos: Option<Vec<String>>,
        with_flag: bool,
        span: Int,
    ) -> PyResult<Vec<KeywordRow>> {
        let top_k = count_or_none("top_k", top_k, 0)?;
        let span = count("span", span, 1)?;
        let text = extract_text(text, "sentence")?;
        let allow: Vec<String> =
            allow_pos.unwrap_or_else(|| TEXTRANK_POS.iter().map(|s| s.to_string()).collect());
        let pos: Vec<&str> = allow.iter().map(String::as_str).collect();
        run(py, || {
            self.with(|k| keyword_rows(k.textrank_span(&text, top_k, &pos, with_flag, span)))
        })?
    }

    /// Use an idf table in jieba's `idf.txt` format (a path or a file object).
    fn set_idf_path(&self, py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<()> {
        let bytes = dictionary_bytes(py, path)?;
        let table = run(py, || IdfTable::load(bytes.as_slice()))?.map_err(analyze_error)?;
        self.source_mut(|s| {
            s.idf_file = Some(bytes);
            s.idf_pairs = None;
        })?;
        self.with_mut(|k| k.set_idf(table))
    }

    /// Use the idf table `pairs` (`(word, idf)`) with `median` for unknown words (jieba's
    /// `idf_freq` and `median_idf` set by a script).
    fn _set_idf_pairs(&self, pairs: Vec<(String, f64)>, median: f64) -> PyResult<()> {
        let table = IdfTable::from_pairs(pairs.clone()).with_median(median);
        self.source_mut(|s| {
            s.idf_file = None;
            s.idf_pairs = Some((pairs, median));
        })?;
        self.with_mut(|k| k.set_idf(table))
    }

    /// The idf table in use as `(word, idf)` pairs, in the order read (jieba's `idf_freq`).
    fn idf_items(&self) -> PyResult<Vec<(String, f64)>> {
        self.with(|k| k.idf().iter().map(|(w, v)| (w.to_owned(), v)).collect())
    }

    /// Add stop words, one per line (a path or a file object), as jieba's `set_stop_words`.
    fn set_stop_words(&self, py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<()> {
        let bytes = dictionary_bytes(py, path)?;
        self.with_mut(|k| k.set_stop_words(bytes.as_slice()))?
            .map_err(analyze_error)?;
        self.source_mut(|s| s.stop_words.push(bytes))
    }

    /// The idf of `word` in the table in use (the median for unknown words).
    fn idf(&self, word: &str) -> PyResult<f64> {
        self.with(|k| k.idf().get(word))
    }

    /// The median idf of the table in use (jieba's `idf_freq` default).
    fn median_idf(&self) -> PyResult<f64> {
        self.with(|k| k.idf().median())
    }
}

static DEFAULT_EXTRACTOR: LazyLock<KeywordExtractor> = LazyLock::new(KeywordExtractor::default);

/// Keywords of a text or a Document: `[(term, weight)]`, best first. `method`: "tfidf"
/// (jieba's `extract_tags`, with jieba's idf table) or "textrank". `allow_pos`: POS tags to
/// keep (default: none for tf-idf, `ns n vn v` for TextRank).
#[pyfunction]
#[pyo3(signature = (text_or_doc, top_k=Int::Fits(20), method=Wrap(Ranking::TfIdf), allow_pos=None),
    text_signature = "(text_or_doc, top_k=20, method=..., allow_pos=None)")]
pub fn keywords(
    py: Python<'_>,
    text_or_doc: &Bound<'_, PyAny>,
    top_k: Int,
    method: Wrap<Ranking>,
    allow_pos: Option<Vec<String>>,
) -> PyResult<Vec<(String, f64)>> {
    let top_k = count("top_k", top_k, 0)?;
    let text = match text_or_doc.cast::<PyDocument>() {
        Ok(d) => d.get().doc.text.clone(),
        Err(_) => extract_text(text_or_doc, "text_or_doc")?,
    };
    let pos: Option<Vec<&str>> = allow_pos
        .as_ref()
        .map(|p| p.iter().map(String::as_str).collect());
    let rows = run(py, || {
        DEFAULT_EXTRACTOR.keywords(&text, top_k, method.0, pos.as_deref())
    })?;
    Ok(rows.into_iter().map(|k| (k.word, k.weight)).collect())
}
