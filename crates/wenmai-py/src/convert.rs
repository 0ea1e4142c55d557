//! Conversions between Python values and the core crates' types: the string enums as
//! `Wrap<T>` newtypes that pyo3 extracts (polars' style), Python ints of any size as [`Int`],
//! and the scikit-learn number rules.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBool, PyFloat, PyInt};
use wenmai_analyze::keywords::Ranking;
use wenmai_analyze::{DfBound, DtmOptions, IdfSource, Norm, Unit};
use wenmai_parse::{Conversion, Errors, HtmlMode, ReadOptions};
use wenmai_segment::CutMode;

use crate::errors::{count, count_or_none};
pub use crate::int::Int;

/// A core type taken from (or given to) Python by its name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wrap<T>(pub T);

/// `FromPyObject` for `Wrap<$ty>` from a `str`, with the error naming the choices.
macro_rules! from_name {
    ($ty:ty, $what:literal, $choices:literal, { $($name:literal => $value:expr),+ $(,)? }) => {
        impl<'a, 'py> FromPyObject<'a, 'py> for Wrap<$ty> {
            type Error = PyErr;

            fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
                // not a str at all (`unit=3`) gets the same message as a wrong name
                let s: Option<PyBackedStr> = obj.extract().ok();
                match s.as_deref() {
                    $(Some($name) => Ok(Wrap($value)),)+
                    _ => Err(PyValueError::new_err(format!(
                        concat!($what, " must be one of ", $choices, ", got {}"),
                        obj.repr()?
                    ))),
                }
            }
        }
    };
}

from_name!(Errors, "errors", "'strict', 'replace'", {
    "strict" => Errors::Strict,
    "replace" => Errors::Replace,
});

from_name!(Unit, "unit", "'document', 'section', 'paragraph', 'sentence'", {
    "document" => Unit::Document,
    "section" => Unit::Section,
    "paragraph" => Unit::Paragraph,
    "sentence" => Unit::Sentence,
});

from_name!(CutMode, "mode", "'precise', 'full', 'search'", {
    "precise" => CutMode::Precise,
    "default" => CutMode::Precise,
    "full" => CutMode::Full,
    "search" => CutMode::Search,
});

from_name!(Norm, "norm", "'l1', 'l2', None", {
    "l2" => Norm::L2,
    "l1" => Norm::L1,
});

from_name!(IdfSource, "idf", "'corpus', 'jieba'", {
    "corpus" => IdfSource::Corpus,
    "jieba" => IdfSource::Jieba,
});

from_name!(Ranking, "method", "'tfidf', 'textrank'", {
    "tfidf" => Ranking::TfIdf,
    "textrank" => Ranking::TextRank,
});

impl<'a, 'py> FromPyObject<'a, 'py> for Wrap<Conversion> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let s: PyBackedStr = obj.extract()?;
        Conversion::from_name(&s).map(Wrap).ok_or_else(|| {
            PyValueError::new_err(format!(
                "convert must be one of OpenCC's conversions {} or None, not {:?}",
                Conversion::NAMES.join(", "),
                &*s
            ))
        })
    }
}

/// A norm name or `None` (no normalisation).
pub fn norm(norm: Option<Wrap<Norm>>) -> Norm {
    norm.map_or(Norm::None, |n| n.0)
}

/// The name of a unit, as the `units` table shows it.
pub fn unit_name(u: Unit) -> &'static str {
    match u {
        Unit::Document => "document",
        Unit::Section => "section",
        Unit::Paragraph => "paragraph",
        Unit::Sentence => "sentence",
    }
}

/// A `min_df` / `max_df` value: an int is a count, a float a proportion (scikit-learn's rule).
pub fn df_bound(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<DfBound> {
    if obj.is_instance_of::<PyBool>() {
        return Err(PyValueError::new_err(format!(
            "{name} must be an int or a float"
        )));
    }
    if obj.is_instance_of::<PyInt>() {
        return count(name, obj.extract::<Int>()?, 0).map(DfBound::Count);
    }
    if obj.is_instance_of::<PyFloat>() {
        let v: f64 = obj.extract()?;
        if !(0.0..=1.0).contains(&v) {
            return Err(PyValueError::new_err(format!(
                "{name} = {v}: a float must be in [0.0, 1.0]"
            )));
        }
        return Ok(DfBound::Proportion(v));
    }
    // numpy scalars and the like
    if let Ok(v) = obj.extract::<Int>() {
        return count(name, v, 0).map(DfBound::Count);
    }
    let v: f64 = obj.extract()?;
    df_bound(&PyFloat::new(obj.py(), v).into_any(), name)
}

/// `DtmOptions` from the Python arguments.
pub fn dtm_options(
    min_df: &Bound<'_, PyAny>,
    max_df: &Bound<'_, PyAny>,
    max_features: Option<Int>,
    binary: bool,
) -> PyResult<DtmOptions> {
    Ok(DtmOptions {
        min_df: df_bound(min_df, "min_df")?,
        max_df: df_bound(max_df, "max_df")?,
        max_features: count_or_none("max_features", max_features, 1)?,
        binary,
    })
}

/// `max_bytes` of Python (`None`: no limit) checked: a ValueError for a negative number or
/// one past `i64::MAX`.
pub fn max_bytes_of(max_bytes: Option<Int>) -> PyResult<Option<u64>> {
    let Some(m) = max_bytes else { return Ok(None) };
    let bound = if m.too_big() {
        format!("<= {}", i64::MAX)
    } else {
        ">= 0".to_string()
    };
    m.to_usize()
        .and_then(|n| u64::try_from(n).ok())
        .map(Some)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "max_bytes must be {bound} (or None for no limit), got {m}"
            ))
        })
}

/// Options for reading files: `html=None` detects HTML by the file's extension.
pub fn read_options(
    encoding: Option<String>,
    errors: Wrap<Errors>,
    html: Option<bool>,
    convert: Option<Wrap<Conversion>>,
    max_bytes: Option<u64>,
) -> ReadOptions {
    let html = match html {
        None => HtmlMode::Auto,
        Some(true) => HtmlMode::Always,
        Some(false) => HtmlMode::Never,
    };
    let mut opts = ReadOptions::default()
        .with_errors(errors.0)
        .with_html(html)
        .with_max_bytes(max_bytes);
    opts.convert = convert.map(|c| c.0);
    match encoding {
        Some(e) => opts.with_encoding(e),
        None => opts,
    }
}
