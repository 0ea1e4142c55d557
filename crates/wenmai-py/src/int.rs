//! Python ints of any size as [`Int`], for the counts that `errors::count` and its kin check.

use std::fmt;

use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;

/// A Python int of any size, for a count that `errors::count` and its kin check: PyO3's `i64`
/// raises `OverflowError` past the i64 range, this keeps the value's digits instead so that
/// the check can say `top_k must be <= 9223372036854775807, got 18446744073709551616`.
/// Whatever `i64` takes it takes (numpy ints, `bool`); anything else raises `i64`'s
/// `TypeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Int {
    /// In the i64 range.
    Fits(i64),
    /// Past it: whether it is below `i64::MIN` (else above `i64::MAX`) and its decimal text.
    Big { negative: bool, text: String },
}

impl Int {
    /// The value as a `usize`, if it is one (`None` for a negative or a too large one).
    pub fn to_usize(&self) -> Option<usize> {
        match self {
            Int::Fits(v) => usize::try_from(*v).ok(),
            Int::Big { .. } => None,
        }
    }

    /// Whether the value is above `i64::MAX`.
    pub fn too_big(&self) -> bool {
        match self {
            Int::Fits(_) => false,
            Int::Big { negative, .. } => !negative,
        }
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Int::Fits(v) => v.fmt(f),
            Int::Big { text, .. } => f.write_str(text),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Int {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let py = obj.py();
        match obj.extract::<i64>() {
            Ok(v) => Ok(Int::Fits(v)),
            Err(e) if e.is_instance_of::<PyOverflowError>(py) => {
                // an int (or an object with `__index__`, as `i64` takes) out of range
                let value = py.import("operator")?.call_method1("index", (obj,))?;
                Ok(Int::Big {
                    negative: value.lt(0)?,
                    text: value.str()?.to_string(),
                })
            }
            Err(e) => Err(e),
        }
    }
}
