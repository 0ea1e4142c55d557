//! # wenmai-analyze
//!
//! Documents and texts to tokens, counts, vocabularies, matrices, weights and keywords, in
//! parallel with rayon and deterministic for any number of threads.
//!
//! The pipeline, step by step:
//!
//! 1. [`Segmenter`] — jieba segmentation (precise, full, search; HMM; POS tags; offsets; user
//!    dictionaries), one dictionary shared by all threads, jieba 0.42.1's rules.
//! 2. [`Analyzer`] — tokens to terms: NFKC width folding, ASCII lowercase, stopwords (the
//!    `stop-words` crate's `zh` list plus yours), POS allow/deny, minimum length, punctuation,
//!    numbers, word n-grams that never cross a sentence, character n-grams.
//! 3. [`Corpus`] — parsed documents; counts per [`Unit`] (document, section, paragraph,
//!    sentence), each unit knowing its document and section ([`UnitRef`]);
//!    [`CorpusStats`] is a mergeable (commutative monoid) summary.
//! 4. [`DocTermMatrix`] — sorted vocabulary, CSR arrays, `min_df` / `max_df` / `max_features`,
//!    counts, binary and tf-idf weights, all as scikit-learn defines them.
//! 5. [`KeywordExtractor`] — jieba's `extract_tags` and `textrank`; [`IdfTable`] is jieba's idf
//!    table or one learnt from your corpus, in jieba's `idf.txt` format.
//!
//! ```
//! use wenmai_analyze::{Analyzer, Corpus, DtmOptions, TfidfOptions, Unit};
//! let corpus = Corpus::from_texts(["发展经济。改革开放。", "发展科技，科技强国。"]);
//! let an = Analyzer::default();
//! let counts = corpus.dtm(&an, Unit::Document, &DtmOptions::default()).unwrap();
//! let (tfidf, idf) = counts.tfidf(&TfidfOptions::default());
//! assert_eq!(counts.terms.len(), idf.len());
//! assert_eq!(tfidf.top_k(1)[1][0].0, counts.vocabulary().get("科技").unwrap());
//! ```
#![deny(missing_docs)]

pub mod analyzer;
pub mod corpus;
mod count;
pub mod error;
pub mod hashing;
pub mod keywords;
pub mod matrix;
pub mod partition;
pub mod stats;
pub mod unit;

pub use analyzer::{Analyzer, AnalyzerBuilder};
pub use corpus::{
    CachedCorpus, Corpus, IdfSource, KeywordMethod, KeywordTable, Progress, ReadFiles,
};
pub use error::{Error, Result};
pub use keywords::{IdfTable, Keyword, KeywordExtractor};
pub use matrix::{DfBound, DocTermMatrix, DtmOptions, Norm, TfidfOptions, Vocabulary};
pub use partition::CountBlock;
pub use stats::{
    CoCount, Context, Cooccurrence, CooccurrenceBlock, CooccurrenceOptions, TermSelection,
};
pub use stats::{CollocationOptions, Collocations};
pub use stats::{CorpusStats, Keyness, KeynessCorrection, KeynessMeasure, Tokens};
pub use unit::{Unit, UnitRef};
pub use wenmai_parse;
pub use wenmai_parse::Conversion;
pub use wenmai_segment;
pub use wenmai_segment::{CutMode, Segmenter, Token};
