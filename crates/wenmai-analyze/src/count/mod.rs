//! The counting engine: tokens of units to rows of `(term id, count)` over one sorted
//! vocabulary, in parallel and the same for any number of threads.
//!
//! - [`corpus`]: a corpus's units segmented and counted by rayon tasks that take batches of
//!   documents, their rows put back in document order.
//! - [`unit_counter`]: one unit's tokens, counted by dictionary word id and by value in
//!   tables that stay in cache.
//! - [`intern`]: a chunk's term ids and the cache from a raw token to its term.
//! - [`rows`]: counters of one row's term ids.
//! - [`raw`]: rows over a term list, concatenated and merged into one vocabulary
//!   ([`merge`]), then built into a [`crate::matrix::DocTermMatrix`].

mod corpus;
mod intern;
mod merge;
mod raw;
mod rows;
mod unit_counter;

pub(crate) use corpus::{batches, count_units, joined};
pub(crate) use intern::{TermCache, TermFn, WORD_BIT};
pub(crate) use merge::{merge_sorted, merge_sorted_terms};
pub(crate) use raw::{RawCounts, merge_keyed};
pub(crate) use unit_counter::WordSet;
