//! The feature hashing behind `wenmai.HashingVectorizer`: converts, hands off to
//! `wenmai_analyze::hashing`, and returns scipy's CSR arrays.

use numpy::{IntoPyArray, PyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use wenmai_analyze::hashing::{HashedRows, hash_rows};

use crate::analyze::{DEFAULT_ANALYZER, PyAnalyzer, token_lists};
use crate::convert::Int;
use crate::errors::run;
use crate::text::extract_texts;

type Csr<'py> = (
    Bound<'py, PyArray1<i64>>,
    Bound<'py, PyArray1<i32>>,
    Bound<'py, PyArray1<f64>>,
);

fn check_n_features(n_features: Int) -> PyResult<u32> {
    n_features
        .to_usize()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|&n| n >= 1 && n <= i32::MAX as u32)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "n_features must be an int in [1, 2147483647], got {n_features}"
            ))
        })
}

fn to_arrays(py: Python<'_>, m: HashedRows) -> Csr<'_> {
    (
        m.indptr.into_pyarray(py),
        m.indices.into_pyarray(py),
        m.data.into_pyarray(py),
    )
}

/// Hash token lists as scikit-learn's `FeatureHasher(input_type="string")` does: returns
/// `(indptr, indices, data)` of the `len(docs) x n_features` CSR matrix.
#[pyfunction]
#[pyo3(signature = (docs, n_features, alternate_sign=true))]
pub fn hash_tokens<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    n_features: Int,
    alternate_sign: bool,
) -> PyResult<Csr<'py>> {
    let n = check_n_features(n_features)?;
    let docs = token_lists(docs)?;
    let m = run(py, || hash_rows(&docs, n, alternate_sign))?;
    Ok(to_arrays(py, m))
}

/// Analyze texts (in parallel) and hash their terms, as `hash_tokens` does.
#[pyfunction]
#[pyo3(signature = (analyzer, texts, n_features, alternate_sign=true))]
pub fn hash_texts<'py>(
    py: Python<'py>,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
    texts: &Bound<'py, PyAny>,
    n_features: Int,
    alternate_sign: bool,
) -> PyResult<Csr<'py>> {
    let n = check_n_features(n_features)?;
    let texts = extract_texts(texts, "raw_documents")?;
    let an = analyzer.map_or_else(|| DEFAULT_ANALYZER.clone(), |a| a.inner.clone());
    let m = run(py, || {
        hash_rows(&an.analyze_many(&texts), n, alternate_sign)
    })?;
    Ok(to_arrays(py, m))
}
