//! Statistics over counts. [`CorpusStats`] (document and collection frequencies, units) is a
//! commutative monoid, so that threads, processes and partitions each compute theirs and
//! merge them; the corpus statistics that compare and relate terms (keyness, collocations,
//! co-occurrence, similarity) live beside it.

mod collocations;
mod cooccurrence;
mod cooccurrence_block;
mod keyness;
mod kwic;
mod lexdiv;
mod lookup;
mod pattern;
mod similarity;
mod tokens;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::count::RawCounts;
use crate::keywords::IdfTable;
pub use collocations::{CollocationOptions, Collocations, Measure, join_terms, join_terms_into};
pub use cooccurrence::{CoCount, Context, Cooccurrence, CooccurrenceOptions, TermSelection};
pub use cooccurrence_block::CooccurrenceBlock;
pub use keyness::{Keyness, KeynessCorrection, KeynessMeasure};
pub(crate) use keyness::{check as check_keyness, check_target};
pub use kwic::Kwic;
pub use lexdiv::{Lexdiv, LexdivMeasure, lexdiv};
pub use lookup::{Lookup, LookupOptions, NestedScope};
pub use pattern::{Match, Matcher, Pattern, PatternItem};
pub use similarity::{
    CsrView, MAX_DENSE_ITEMS, Margin, Neighbours, SimilarityMethod, nearest, similarity_matrix,
};
pub use tokens::Tokens;

/// Corpus statistics: a commutative monoid, so threads, processes and partitions can each
/// compute theirs and [`merge`](CorpusStats::merge) them in any order.
///
/// # Examples
/// ```
/// use wenmai_analyze::CorpusStats;
/// let a = CorpusStats::from_tokens(&[vec!["经济", "经济"]]);
/// let b = CorpusStats::from_tokens(&[vec!["经济", "科技"]]);
/// let ab = a.clone().merge(b.clone());
/// assert_eq!(ab, b.merge(a));
/// assert_eq!((ab.n_units, ab.df["经济"], ab.cf["经济"]), (2, 2, 3));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStats {
    /// Number of units counted.
    pub n_units: u64,
    /// Document frequency: units containing the term.
    pub df: BTreeMap<String, u64>,
    /// Collection frequency: occurrences of the term.
    pub cf: BTreeMap<String, u64>,
}

impl CorpusStats {
    pub(crate) fn from_raw(raw: &RawCounts) -> Self {
        Self::from_rows(&raw.terms, &raw.rows)
    }

    /// The statistics of rows of `(term id, count)` over `terms`.
    pub(crate) fn from_rows(terms: &[String], rows: &[Vec<(u32, u32)>]) -> Self {
        let mut df = vec![0u64; terms.len()];
        let mut cf = vec![0u64; terms.len()];
        for r in rows {
            for &(id, c) in r {
                df[id as usize] += 1;
                cf[id as usize] += u64::from(c);
            }
        }
        CorpusStats {
            n_units: rows.len() as u64,
            df: terms.iter().cloned().zip(df).collect(),
            cf: terms.iter().cloned().zip(cf).collect(),
        }
    }

    /// Statistics of already tokenised units.
    pub fn from_tokens<D, S>(units: &[D]) -> Self
    where
        D: AsRef<[S]> + Sync,
        S: AsRef<str> + Sync,
    {
        CorpusStats::from_raw(&RawCounts::from_token_lists(units))
    }

    /// The statistics of both (associative and commutative; the empty value is the identity).
    pub fn merge(mut self, other: CorpusStats) -> CorpusStats {
        self.n_units += other.n_units;
        for (t, v) in other.df {
            *self.df.entry(t).or_insert(0) += v;
        }
        for (t, v) in other.cf {
            *self.cf.entry(t).or_insert(0) += v;
        }
        self
    }

    /// An idf table learnt from these statistics, in jieba's sense: `ln(n_units / df)`.
    ///
    /// # Examples
    /// ```
    /// let s = wenmai_analyze::CorpusStats::from_tokens(&[vec!["a"], vec!["a", "b"]]);
    /// let idf = s.idf_table();
    /// assert_eq!(idf.get("a"), 0.0);
    /// assert_eq!(idf.get("b"), 2f64.ln());
    /// ```
    pub fn idf_table(&self) -> IdfTable {
        let n = self.n_units as f64;
        IdfTable::from_pairs(
            self.df
                .iter()
                .map(|(t, &df)| (t.clone(), (n / df as f64).ln())),
        )
    }

    /// The statistics as a dense document-frequency vector over a term list (0 for absent terms).
    ///
    /// # Examples
    /// ```
    /// let s = wenmai_analyze::CorpusStats::from_tokens(&[vec!["a"], vec!["a", "b"]]);
    /// assert_eq!(s.df_vector(&["b".to_string(), "z".to_string()]).to_vec(), [1, 0]);
    /// ```
    pub fn df_vector(&self, terms: &[String]) -> ndarray::Array1<u64> {
        terms
            .iter()
            .map(|t| self.df.get(t).copied().unwrap_or(0))
            .collect()
    }
}
