//! `DocTermMatrix.similarity` and `DocTermMatrix.group`: conversion of their arguments and
//! results (numpy arrays, the CSR arrays of a neighbour graph, a grouped matrix).

use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use wenmai_analyze::DocTermMatrix;
use wenmai_analyze::matrix::{DROPPED, group_rows};
use wenmai_analyze::stats::{Margin, SimilarityMethod, nearest, similarity_matrix};

use crate::analyze::{MatrixContext, PyDocTermMatrix};
use crate::errors::{analyze_error, run};

fn method_of(name: &str) -> PyResult<SimilarityMethod> {
    match name {
        "cosine" => Ok(SimilarityMethod::Cosine),
        "jaccard" => Ok(SimilarityMethod::Jaccard),
        "correlation" => Ok(SimilarityMethod::Correlation),
        "euclidean" => Ok(SimilarityMethod::Euclidean),
        other => Err(PyValueError::new_err(format!(
            "method must be 'cosine', 'jaccard', 'correlation' or 'euclidean', not {other:?}"
        ))),
    }
}

fn margin_of(name: &str) -> PyResult<Margin> {
    match name {
        "units" => Ok(Margin::Units),
        "terms" => Ok(Margin::Terms),
        other => Err(PyValueError::new_err(format!(
            "margin must be 'units' or 'terms', not {other:?}"
        ))),
    }
}

/// The similarities of every pair of items as an `n x n` numpy array, or with `top_k` the
/// neighbour graph as `(data, indices, indptr, n)`.
#[pyfunction]
#[pyo3(signature = (m, method, margin, top_k=None))]
pub fn matrix_similarity<'py>(
    py: Python<'py>,
    m: PyRef<'py, PyDocTermMatrix>,
    method: &str,
    margin: &str,
    top_k: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let (method, margin) = (method_of(method)?, margin_of(margin)?);
    let view = m.view();
    match top_k {
        None => {
            let (values, n) =
                run(py, || similarity_matrix(&view, method, margin))?.map_err(analyze_error)?;
            let a = numpy::ndarray::Array2::from_shape_vec((n, n), values)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            Ok(a.into_pyarray(py).into_any())
        }
        Some(k) => {
            let nn = run(py, || nearest(&view, method, margin, k))?.map_err(analyze_error)?;
            let parts = (
                nn.data.into_pyarray(py),
                nn.indices.into_pyarray(py),
                nn.indptr.into_pyarray(py),
                nn.n,
            );
            Ok(PyTuple::new(
                py,
                [
                    parts.0.into_any(),
                    parts.1.into_any(),
                    parts.2.into_any(),
                    parts.3.into_pyobject(py)?.into_any(),
                ],
            )?
            .into_any())
        }
    }
}

/// The rows of `m` summed per group: `codes[i]` is row `i`'s group (`-1`: none), `units` the
/// table that says each group (the new matrix's `units`); with `keep_docvars` the groups are
/// documents, and `m`'s docvars stay with the result.
#[pyfunction]
pub fn matrix_group(
    py: Python<'_>,
    m: PyRef<'_, PyDocTermMatrix>,
    codes: PyReadonlyArray1<'_, i64>,
    n_groups: usize,
    units: Py<PyAny>,
    keep_docvars: bool,
) -> PyResult<PyDocTermMatrix> {
    let groups: Vec<u32> = codes
        .as_array()
        .iter()
        .map(|&c| u32::try_from(c).unwrap_or(DROPPED))
        .collect();
    let view = m.view();
    let (indptr, indices, data) = run(py, || {
        group_rows(
            view.indptr,
            view.indices,
            view.data,
            view.n_cols,
            &groups,
            n_groups,
        )
    })?
    .map_err(analyze_error)?;
    let grouped = DocTermMatrix {
        terms: m.counts().terms.clone(),
        indptr,
        indices,
        data,
        units: Vec::new(),
    };
    let (ids, context) = m.origin();
    let docvars = context
        .docvars
        .as_ref()
        .filter(|_| keep_docvars)
        .map(|d| d.clone_ref(py));
    let context = MatrixContext {
        docvars,
        units: Some(units),
    };
    Ok(PyDocTermMatrix::new(grouped, std::sync::Arc::clone(ids)).with_context(context))
}
