//! Dictionary look-up (`Corpus.lookup`): a flattened dictionary handed to Rust, a
//! `DocTermMatrix` of categories handed back.

use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use wenmai_analyze::Unit;
use wenmai_analyze::stats::{Lookup, LookupOptions, NestedScope, PatternItem};

use crate::analyze::{PyAnalyzer, PyDocTermMatrix};
use crate::convert::Wrap;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::errors::{analyze_error, run};

/// Count the matches of `entries` (each under category `entry_keys[i]` of `keys`) in every
/// unit, as quanteda's `dfm(tokens_lookup(...))`.
#[pyfunction]
#[pyo3(signature = (core, keys, entry_keys, entries, unit=Wrap(Unit::Document), keep_unmatched=false, nomatch=None, nested_scope="key", regex=false, case_insensitive=true, analyzer=None))]
#[allow(clippy::too_many_arguments)]
pub fn corpus_lookup<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    keys: Vec<String>,
    entry_keys: Vec<u32>,
    entries: Vec<String>,
    unit: Wrap<Unit>,
    keep_unmatched: bool,
    nomatch: Option<String>,
    nested_scope: &str,
    regex: bool,
    case_insensitive: bool,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<PyDocTermMatrix> {
    let nested_scope = match nested_scope {
        "key" => NestedScope::Key,
        "dictionary" => NestedScope::Dictionary,
        other => {
            return Err(PyValueError::new_err(format!(
                "nested_scope = {other:?}: choose \"key\" or \"dictionary\""
            )));
        }
    };
    if entry_keys.len() != entries.len() {
        return Err(PyValueError::new_err("one category per entry"));
    }
    let opts = LookupOptions {
        keep_unmatched,
        nomatch,
        nested_scope,
        regex,
        case_insensitive,
    };
    let an = analyzer_of(analyzer);
    // The corpus keeps the tokens of the last analyzer (see `CachedCorpus::tokens`).
    let cached = &core.core;
    let corpus = core.corpus();
    let m = run(py, || {
        let items = entry_keys
            .into_iter()
            .zip(entries)
            .map(|(k, e)| (k, PatternItem::Text(e)))
            .collect();
        let d = Lookup::new(keys, items)?;
        cached.lookup(&an, unit.0, &d, &opts)
    })?
    .map_err(analyze_error)?;
    Ok(PyDocTermMatrix::new(m, Arc::new(corpus.ids().to_vec())))
}
