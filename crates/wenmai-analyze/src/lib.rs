//! # wenmai-analyze
//!
//! Documents and texts to tokens, counts, vocabularies, matrices, weights and keywords.
//!
//! - [`Segmenter`]: jieba segmentation (precise, full, search; HMM; POS tags; offsets; user
//!   dictionaries), one dictionary shared by all threads, jieba 0.42.1's rules.
#![deny(missing_docs)]

pub mod error;
pub mod segmenter;

pub use error::{Error, Result};
pub use segmenter::{CutMode, Segmenter, Token};
pub use wenmai_parse;
