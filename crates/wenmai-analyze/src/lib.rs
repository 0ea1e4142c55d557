//! # wenmai-analyze
//!
//! Documents and texts to tokens, counts, vocabularies, matrices, weights and keywords.
#![deny(missing_docs)]

pub use wenmai_parse;
