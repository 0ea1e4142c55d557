//! The error type of this crate.

use thiserror::Error;

/// What can go wrong in analysis. Every variant names what was wrong.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading a file or stream failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// Segmentation failed: a user dictionary could not be read, or the dictionary lock is
    /// poisoned.
    #[error(transparent)]
    Segment(#[from] wenmai_segment::Error),
    /// An idf table line is not `word idf`.
    #[error("idf table line {line}: {message}")]
    IdfTable {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A parameter is out of its domain (e.g. `max_df < min_df`, an empty n-gram range).
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// The caller's progress callback asked to stop.
    #[error("stopped by the caller")]
    Cancelled,
    /// A term is not in the vocabulary the operation needs it in.
    #[error("unknown term: {0}")]
    UnknownTerm(String),
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
