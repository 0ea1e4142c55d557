//! The exception tree (`wenmai.WenmaiError` and its subclasses) and the mapping of Rust
//! errors and panics onto it.

use std::panic::{AssertUnwindSafe, catch_unwind};

use pyo3::exceptions::{
    PyException, PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError,
    PyUnicodeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::int::Int;

pyo3::create_exception!(
    wenmai,
    WenmaiError,
    PyException,
    "The base of every error raised by wenmai."
);
pyo3::create_exception!(
    wenmai,
    ParseError,
    WenmaiError,
    "A document or a file list could not be parsed."
);
pyo3::create_exception!(
    wenmai,
    DictionaryError,
    WenmaiError,
    "A user dictionary, stopword list or idf table could not be read."
);
pyo3::create_exception!(
    wenmai,
    InternalError,
    WenmaiError,
    "A bug in wenmai (a Rust panic caught at the boundary); please report it with the input."
);

static DECODE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `wenmai.DecodeError`: bytes that are not valid text. A subclass of both `WenmaiError` and
/// the built-in `UnicodeError`, which `create_exception!` (one base only) cannot express.
pub fn decode_error_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECODE_ERROR
        .get_or_try_init(py, || -> PyResult<Py<PyType>> {
            let bases = PyTuple::new(
                py,
                [
                    py.get_type::<WenmaiError>().into_any(),
                    py.get_type::<PyUnicodeError>().into_any(),
                ],
            )?;
            let ns = PyDict::new(py);
            ns.set_item("__module__", "wenmai")?;
            ns.set_item("path", py.None())?;
            ns.set_item("offset", py.None())?;
            ns.set_item("encoding", py.None())?;
            ns.set_item(
                "__doc__",
                "Bytes that are not valid text in the given or detected encoding \
                 (also a UnicodeError). Attributes: path, offset, encoding.",
            )?;
            let ty = py
                .get_type::<PyType>()
                .call1(("DecodeError", bases, ns))?
                .cast_into::<PyType>()?;
            Ok(ty.unbind())
        })
        .map(|t| t.bind(py))
}

fn decode_error(
    py: Python<'_>,
    message: String,
    path: Option<String>,
    offset: Option<usize>,
    encoding: Option<String>,
) -> PyErr {
    let built = (|| -> PyResult<PyErr> {
        let ty = decode_error_type(py)?;
        let exc = ty.call1((message.clone(),))?;
        exc.setattr("path", path)?;
        exc.setattr("offset", offset)?;
        exc.setattr("encoding", encoding)?;
        Ok(PyErr::from_value(exc))
    })();
    built.unwrap_or_else(|e| e)
}

fn io_error(err: &std::io::Error, path: &std::path::Path) -> PyErr {
    let errno = err.raw_os_error().unwrap_or(0);
    let args = (errno, err.to_string(), path.display().to_string());
    match err.kind() {
        std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(args),
        std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(args),
        std::io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err(args),
        _ => PyOSError::new_err(args),
    }
}

/// An error of `wenmai-parse` as the Python exception of the tree.
pub fn parse_error(py: Python<'_>, err: wenmai_parse::Error) -> PyErr {
    use wenmai_parse::DecodeError as D;
    let message = err.to_string();
    match err {
        wenmai_parse::Error::Io { path, source } => io_error(&source, &path),
        wenmai_parse::Error::Decode { path, source } => {
            let path = path.map(|p| p.display().to_string());
            match source {
                D::Malformed { offset, encoding } => {
                    decode_error(py, message, path, Some(offset), Some(encoding.to_string()))
                }
                D::Binary { offset } => {
                    decode_error(py, message, path, Some(offset), Some("binary".to_string()))
                }
                D::UnknownEncoding { label } => {
                    PyValueError::new_err(format!("unknown encoding: {label:?}"))
                }
                _ => decode_error(py, message, path, None, None),
            }
        }
        other => ParseError::new_err(other.to_string()),
    }
}

/// A decoding error of `wenmai-parse` (bytes given directly) as `wenmai.DecodeError`.
pub fn decode_bytes_error(py: Python<'_>, err: wenmai_parse::DecodeError) -> PyErr {
    parse_error(py, err.into())
}

/// A failed read of a dictionary or idf table: dictionaries are read from memory, so bad
/// data rather than a failed read.
fn dictionary_io_error(e: &std::io::Error) -> PyErr {
    match e.kind() {
        std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(e.to_string()),
        std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(e.to_string()),
        std::io::ErrorKind::InvalidData => DictionaryError::new_err(format!("not UTF-8 text: {e}")),
        _ => PyOSError::new_err(e.to_string()),
    }
}

/// An error of `wenmai-segment` as the Python exception of the tree.
pub fn segment_error(err: wenmai_segment::Error) -> PyErr {
    use wenmai_segment::Error as E;
    match err {
        E::Io(e) => dictionary_io_error(&e),
        E::UserDict { .. } => DictionaryError::new_err(err.to_string()),
        other => WenmaiError::new_err(other.to_string()),
    }
}

/// An error of `wenmai-analyze` as the Python exception of the tree.
pub fn analyze_error(err: wenmai_analyze::Error) -> PyErr {
    use wenmai_analyze::Error as E;
    match err {
        E::Io(e) => dictionary_io_error(&e),
        E::Segment(e) => segment_error(e),
        E::IdfTable { .. } => DictionaryError::new_err(err.to_string()),
        E::InvalidParameter(m) => PyValueError::new_err(m),
        E::UnknownTerm(_) => PyValueError::new_err(err.to_string()),
        other => WenmaiError::new_err(other.to_string()),
    }
}

/// Run `f` without the GIL and with panics caught: a panic becomes `wenmai.InternalError`
/// (a `WenmaiError`) instead of crossing into Python as `PanicException`.
pub fn run<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    F: FnOnce() -> T + Send,
    T: Send,
{
    py.detach(|| catch_unwind(AssertUnwindSafe(f)))
        .map_err(|payload| InternalError::new_err(panic_message(payload.as_ref())))
}

/// Run `f` with the GIL held and with panics caught (for glue that touches Python objects).
pub fn guard<T, F>(f: F) -> PyResult<T>
where
    F: FnOnce() -> PyResult<T>,
{
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|payload| Err(InternalError::new_err(panic_message(payload.as_ref()))))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("internal error in wenmai (please report it): {what}")
}

/// `{name} must be <= 9223372036854775807, got …`: a count past what the native layer takes
/// (an `i64`), in the words of `wenmai._params.check_int`.
fn above_max(name: &str, value: &Int) -> PyErr {
    PyValueError::new_err(format!("{name} must be <= {}, got {value}", i64::MAX))
}

/// A count taken from Python as an [`Int`] of any size: a `ValueError` in scikit-learn's
/// words (`top_k must be >= 0, got -1`, `top_k must be <= 9223372036854775807, got
/// 18446744073709551616`) instead of PyO3's `OverflowError`.
pub fn count(name: &str, value: Int, min: usize) -> PyResult<usize> {
    if value.too_big() {
        return Err(above_max(name, &value));
    }
    value
        .to_usize()
        .filter(|&v| v >= min)
        .ok_or_else(|| PyValueError::new_err(format!("{name} must be >= {min}, got {value}")))
}

/// [`count`] for a parameter that also takes `None`.
pub fn count_or_none(name: &str, value: Option<Int>, min: usize) -> PyResult<Option<usize>> {
    let Some(v) = value else { return Ok(None) };
    if v.too_big() {
        return Err(above_max(name, &v));
    }
    match v.to_usize() {
        Some(n) if n >= min => Ok(Some(n)),
        _ => {
            let what = if min == 1 {
                "a positive int".to_string()
            } else {
                format!("an int >= {min}")
            };
            Err(PyValueError::new_err(format!(
                "{name} must be {what} or None, got {v}"
            )))
        }
    }
}

/// An n-gram range `(min, max)`: both at least 1 (the order is checked by the builder).
pub fn count_pair(name: &str, (lo, hi): (Int, Int)) -> PyResult<(usize, usize)> {
    match (lo.to_usize(), hi.to_usize()) {
        (Some(l), Some(h)) if l >= 1 && h >= 1 => Ok((l, h)),
        _ => {
            let what = if lo.too_big() || hi.too_big() {
                format!("in [1, {}]", i64::MAX)
            } else {
                ">= 1".to_string()
            };
            Err(PyValueError::new_err(format!(
                "{name} must be a pair of ints {what}, got ({lo}, {hi})"
            )))
        }
    }
}

/// [`count`] with an upper bound too (`threads must be in [1, 1024], got 5000`).
pub fn count_in(name: &str, value: Int, min: usize, max: usize) -> PyResult<usize> {
    value
        .to_usize()
        .filter(|v| (min..=max).contains(v))
        .ok_or_else(|| {
            PyValueError::new_err(format!("{name} must be in [{min}, {max}], got {value}"))
        })
}
