//! The `wenmai._wenmai` extension module: thin pyo3 wrappers over `wenmai-parse` and
//! `wenmai-analyze`.
use pyo3::prelude::*;

/// The native module.
#[pymodule]
mod _wenmai {
    use pyo3::prelude::*;

    /// The version of the native module.
    #[pyfunction]
    fn version() -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
}
