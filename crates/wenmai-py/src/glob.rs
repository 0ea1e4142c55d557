//! `glob_files`: the Rust listing of `Corpus.from_dir` ([`wenmai_parse::glob_files`]).

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors::run;

/// The files that `pathlib.Path(root).glob(pattern)` gives and that are files, sorted by their
/// parts, as `(paths, ids)`; `None` where the caller must list with pathlib.
#[pyfunction]
pub fn glob_files(
    py: Python<'_>,
    root: &Bound<'_, PyString>,
    pattern: &Bound<'_, PyString>,
) -> PyResult<Option<(Vec<String>, Vec<String>)>> {
    // Strings with lone surrogates (names that are not UTF-8) are left to pathlib.
    let (Ok(root), Ok(pattern)) = (root.to_str(), pattern.to_str()) else {
        return Ok(None);
    };
    let (root, pattern) = (root.to_string(), pattern.to_string());
    run(py, move || {
        wenmai_parse::glob_files(&root, &pattern).map(|list| (list.paths, list.ids))
    })
}
