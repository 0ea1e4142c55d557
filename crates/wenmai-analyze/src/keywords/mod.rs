//! Keywords with jieba 0.42.1's semantics: `extract_tags` (tf-idf) and `textrank`.
//!
//! - [`IdfTable`]: jieba's `idf.txt` (the default), one learnt from your corpus
//!   (`CorpusStats::idf_table`), loading and saving in jieba's format; unknown words get
//!   the median idf, computed as jieba does (`sorted(values)[len // 2]`).
//! - [`KeywordExtractor::extract_tags`]: jieba's `extract_tags`: plain `cut` (or `posseg` when
//!   POS tags are allowed), words shorter than 2 chars after `strip()` or in the stop words
//!   (compared lowercased) skipped, weight `tf * (idf / total)`, ties in first-occurrence order.
//! - [`KeywordExtractor::textrank`]: jieba's `textrank`: `posseg` tokens, co-occurrence window 5
//!   over the filtered words, an undirected weighted graph, 10 iterations over the sorted nodes
//!   with d = 0.85, weights scaled by `(w - min/10) / (max - min/10)`.
//! - Keywords of the rows of a matrix ([`DocTermMatrix::keywords`](crate::matrix::DocTermMatrix::keywords),
//!   [`DocTermMatrix::top_k`](crate::matrix::DocTermMatrix::top_k)) and of every document of a corpus
//!   (`Corpus::keywords`), ties broken by term order.

mod extractor;
mod idf;
mod matrix;

/// How a text's keywords are ranked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Ranking {
    /// tf x idf (jieba's `extract_tags`).
    #[default]
    TfIdf,
    /// TextRank over co-occurring words (jieba's `textrank`).
    TextRank,
}

pub use extractor::{JIEBA_STOP_WORDS, Keyword, KeywordExtractor, TEXTRANK_POS};
pub use idf::IdfTable;
