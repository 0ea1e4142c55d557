//! The `wenmai._wenmai` extension module: thin pyo3 wrappers over `wenmai-parse` and
//! `wenmai-analyze`.
//!
//! Every entry point releases the GIL around its work ([`errors::run`], which also turns a
//! Rust panic into `wenmai.InternalError`), takes Python `str` through [`text::text_of`]
//! (lone surrogates become U+FFFD one for one, so char offsets stay true), and maps Rust
//! errors onto the exception tree rooted at `wenmai.WenmaiError` ([`errors`]).

pub mod analyze;
pub mod convert;
pub mod corpus;
pub mod document;
pub mod errors;
pub mod glob;
pub mod hashing;
pub mod int;
pub mod keywords;
pub mod partition;
pub mod partition_stats;
pub mod rhetoric_formulation;
pub mod rhetoric_parallelism;
pub mod rhetoric_style;
pub mod segmenter;
pub mod stats_collocations;
pub mod stats_cooccurrence;
pub mod stats_keyness;
pub mod stats_kwic;
pub mod stats_lexdiv;
pub mod stats_lookup;
pub mod stats_similarity;
pub mod stats_tokens;
pub mod text;

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyString;
use wenmai_parse::{Conversion, Errors};

use convert::{Int, Wrap, max_bytes_of, read_options};
use document::PyDocument;
use errors::{ParseError, decode_bytes_error, parse_error, run};

/// mimalloc for the extension's own allocations: a corpus allocates and frees hundreds of
/// thousands of small strings and vectors (terms, rows, keywords) from several threads, where
/// the system allocator's frees and cross-thread frees cost more. Built with
/// `local_dynamic_tls`, as pydantic-core builds it for its extension: the module is loaded
/// with `dlopen`, where the initial-exec TLS model can fail to find static TLS space.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Parse text into a Document (through an OpenCC conversion with `convert`: the spans point
/// into the original text).
#[pyfunction]
#[pyo3(signature = (text, convert=None))]
fn parse(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    convert: Option<Wrap<Conversion>>,
) -> PyResult<PyDocument> {
    let text = text::text_of(text)?;
    let text: &str = &text;
    run(py, || match convert {
        Some(c) => wenmai_parse::parse_converted(text, c.0),
        None => wenmai_parse::parse(text),
    })
    .map(PyDocument::new)
}

/// `text` converted by OpenCC's tables (`"t2s"`, `"s2t"`, `"tw2s"`, …), one char for one.
#[pyfunction]
#[pyo3(name = "convert")]
fn convert_text(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    conversion: Wrap<Conversion>,
) -> PyResult<String> {
    let text = text::text_of(text)?;
    let text: &str = &text;
    run(py, || conversion.0.convert(text).into_owned())
}

/// Parse an HTML page into a Document (its text extracted first; scripts and styles dropped).
#[pyfunction]
fn parse_html(py: Python<'_>, html: &Bound<'_, PyString>) -> PyResult<PyDocument> {
    let html = text::text_of(html)?;
    let html: &str = &html;
    run(py, || wenmai_parse::try_parse_html(html))?
        .map(PyDocument::new)
        .map_err(|e| ParseError::new_err(e.to_string()))
}

/// Read, decode and parse a file: text (encoding detected), or by its extension HTML, a
/// Word document (`.docx`) or a PDF's text layer (`.pdf`).
#[pyfunction]
#[pyo3(signature = (path, encoding=None, errors=Wrap(Errors::Strict), html=None, convert=None, max_bytes=Some(Int::Fits(wenmai_parse::DEFAULT_MAX_BYTES as i64))))]
fn read(
    py: Python<'_>,
    path: PathBuf,
    encoding: Option<String>,
    errors: Wrap<Errors>,
    html: Option<bool>,
    convert: Option<Wrap<Conversion>>,
    max_bytes: Option<Int>,
) -> PyResult<PyDocument> {
    let opts = read_options(encoding, errors, html, convert, max_bytes_of(max_bytes)?);
    let doc = run(py, || wenmai_parse::read_with(&path, &opts))?.map_err(|e| parse_error(py, e))?;
    if doc
        .meta
        .extra
        .iter()
        .any(|(k, v)| k == "encoding_confidence" && v == "low")
    {
        let msg = format!(
            "{}: too little text to be sure of its encoding; read as {}, check the text or \
             pass encoding= (meta.extra['encoding_confidence'] is 'low')",
            path.display(),
            doc_encoding_hint(&doc)
        );
        PyErr::warn(
            py,
            &py.get_type::<pyo3::exceptions::PyUserWarning>(),
            &std::ffi::CString::new(msg)?,
            1,
        )?;
    }
    Ok(PyDocument::new(doc))
}

/// The start of a document's text, for a warning about its encoding.
fn doc_encoding_hint(doc: &wenmai_parse::Document) -> String {
    let head: String = doc.text.chars().take(12).collect();
    format!("{head:?}")
}

/// Decode bytes into text (BOM, UTF-8, else detected; CRLF/CR become LF).
#[pyfunction]
#[pyo3(signature = (data, encoding=None, errors=Wrap(Errors::Strict)))]
fn decode(
    py: Python<'_>,
    data: &[u8],
    encoding: Option<String>,
    errors: Wrap<Errors>,
) -> PyResult<String> {
    let mut opts = wenmai_parse::DecodeOptions::default().with_errors(errors.0);
    if let Some(e) = encoding {
        opts = opts.with_encoding(e);
    }
    run(py, || wenmai_parse::decode(data, &opts))?
        .map(|d| d.text)
        .map_err(|e| decode_bytes_error(py, e))
}

/// The native module.
#[pymodule]
mod _wenmai {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::analyze::{
        PyAnalyzer, PyDocTermMatrix, builtin_stopwords, dtm_from_texts, dtm_from_tokens,
        dtm_transform_texts, dtm_transform_tokens,
    };
    #[pymodule_export]
    use super::corpus::PyCorpusCore;
    #[pymodule_export]
    use super::document::{PyDocument, PyMeta, PyPoint, PySection, PySpan};
    #[pymodule_export]
    use super::glob::glob_files;
    #[pymodule_export]
    use super::hashing::{hash_texts, hash_tokens};
    #[pymodule_export]
    use super::keywords::{PyKeywordExtractor, keywords};
    #[pymodule_export]
    use super::partition::{PyCorpusStats, PyCountBlock, count_block};
    #[pymodule_export]
    use super::partition_stats::{
        PyCooccurrenceBlock, cooccurrence_block, corpus_style_parts, merge_style_parts,
        style_from_parts,
    };
    #[pymodule_export]
    use super::rhetoric_formulation::{corpus_formulations, corpus_new_words};
    #[pymodule_export]
    use super::rhetoric_parallelism::{PyParallelism, corpus_parallelisms, parallelisms};
    #[pymodule_export]
    use super::rhetoric_style::{
        corpus_enumerations, corpus_four_char, corpus_style, document_style, rhetoric_word_lists,
    };
    #[pymodule_export]
    use super::segmenter::PySegmenter;
    #[pymodule_export]
    use super::stats_collocations::corpus_collocations;
    #[pymodule_export]
    use super::stats_cooccurrence::corpus_cooccurrence;
    #[pymodule_export]
    use super::stats_keyness::corpus_keyness;
    #[pymodule_export]
    use super::stats_kwic::corpus_kwic;
    #[pymodule_export]
    use super::stats_lexdiv::corpus_lexdiv;
    #[pymodule_export]
    use super::stats_lookup::corpus_lookup;
    #[pymodule_export]
    use super::stats_similarity::{matrix_group, matrix_similarity};
    #[pymodule_export]
    use super::stats_tokens::corpus_tokens;
    #[pymodule_export]
    use super::{convert_text, decode, parse, parse_html, read};

    /// The version of the native module.
    #[pyfunction]
    fn version() -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        use super::errors::*;
        let py = m.py();
        m.add("WenmaiError", py.get_type::<WenmaiError>())?;
        m.add("ParseError", py.get_type::<ParseError>())?;
        m.add("DictionaryError", py.get_type::<DictionaryError>())?;
        m.add("InternalError", py.get_type::<InternalError>())?;
        m.add("DecodeError", decode_error_type(py)?)?;
        Ok(())
    }
}
