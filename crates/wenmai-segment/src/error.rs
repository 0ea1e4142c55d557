//! The error type of segmentation.

use thiserror::Error;

/// What can go wrong in segmentation: only changing or reading a dictionary can fail.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading a dictionary file or stream failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// A user dictionary line could not be read the way jieba reads it.
    #[error("user dictionary line {line}: {message}")]
    UserDict {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The dictionary lock was poisoned by a panic in another thread.
    #[error("the shared dictionary is unusable after a panic in another thread")]
    Poisoned,
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
