//! # wenmai-segment
//!
//! jieba-compatible Chinese word segmentation: the same tokens and tags as jieba 0.42.1, from
//! any number of threads over one shared dictionary.
//!
//! - [`Segmenter`]: precise, full and search cuts, HMM on or off, offsets ([`Token`]),
//!   part-of-speech tags, user dictionaries, `add_word` / `del_word` / `suggest_freq`.
//! - [`Dictionary`]: what a segmenter cuts with, held read-locked by
//!   [`Segmenter::with_dictionary`] while a caller cuts many texts without allocating.
//! - [`Lexicon`]: the default dictionary's words by id and in string order, so that counts can
//!   be kept by [`WordId`] and sorted without comparing strings.
//! - [`chars`]: jieba's character classes.
//!
//! jieba-rs holds the dictionary and is the reference the cuts are tested against; while a
//! dictionary is jieba's default, unchanged, precise and search cuts take a faster route of
//! their own over the same words, which gives the same tokens.
//!
//! ```
//! use wenmai_segment::{CutMode, Segmenter};
//! let seg = Segmenter::default();
//! assert_eq!(seg.cut("我来到北京清华大学", CutMode::Precise, true), ["我", "来到", "北京", "清华大学"]);
//! let tags = seg.tag("我爱北京天安门", true);
//! assert_eq!(tags[2], ("北京", "ns".to_string()));
//! ```
#![deny(missing_docs)]

pub mod chars;
mod cut;
mod dictionary;
mod error;
mod freq;
mod hmm;
mod lexicon;
mod segmenter;
mod tagger;
mod trie;

pub use cut::CutMode;
pub use dictionary::Dictionary;
pub use error::{Error, Result};
pub use lexicon::Lexicon;
pub use segmenter::{InternedCuts, InternedTags, Segmenter, Token};
pub use trie::{NO_WORD, WordId};
