//! Term ids for a chunk of work: an interner, and the cache from a raw token to its term id.

use rustc_hash::FxHashMap;

use crate::analyzer::WordTerms;
use crate::analyzer::word_terms::{DROPS, ITSELF, OTHER};

/// Term ids for one chunk of work: the terms back to back in one string, no allocation per
/// term or per token.
#[derive(Debug, Default)]
pub(crate) struct Interner {
    ids: hashbrown::HashTable<u32>,
    text: String,
    /// End of each term in `text` (it starts where the previous one ends).
    ends: Vec<usize>,
}

#[inline]
fn hash_str(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

impl Interner {
    fn with_capacity(terms: usize) -> Self {
        Interner {
            ids: hashbrown::HashTable::with_capacity(terms),
            text: String::with_capacity(terms * 6),
            ends: Vec::with_capacity(terms),
        }
    }

    #[inline]
    fn term_at<'s>(text: &'s str, ends: &[usize], id: u32) -> &'s str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { ends[i - 1] };
        &text[start..ends[i]]
    }

    #[inline]
    pub(crate) fn id(&mut self, term: &str) -> u32 {
        let Interner { ids, text, ends } = self;
        let h = hash_str(term);
        if let Some(&id) = ids.find(h, |&id| Self::term_at(text, ends, id) == term) {
            return id;
        }
        let id = ends.len() as u32;
        text.push_str(term);
        ends.push(text.len());
        ids.insert_unique(h, id, |&id| hash_str(Self::term_at(text, ends, id)));
        id
    }

    pub(crate) fn into_terms(self) -> Vec<String> {
        (0..self.ends.len() as u32)
            .map(|id| Self::term_at(&self.text, &self.ends, id).to_owned())
            .collect()
    }
}

/// Raw token -> term id (or dropped), so that normalisation and filters run once per distinct
/// token of a chunk, and a token shorter than 16 bytes is looked up by value with no string
/// comparison.
#[derive(Debug)]
pub(crate) struct TermCache {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    /// Term ids of the dictionary words whose term is another string ([`WordTerms`]).
    words: FxHashMap<u32, u32>,
    /// A dictionary word read back from the trie.
    word: String,
    pub(crate) interner: Interner,
}

impl Default for TermCache {
    fn default() -> Self {
        // A document's vocabulary is a few thousand words: start big enough not to rehash.
        const CAPACITY: usize = 1 << 13;
        TermCache {
            short: FxHashMap::with_capacity_and_hasher(CAPACITY, Default::default()),
            long: FxHashMap::default(),
            words: FxHashMap::default(),
            word: String::new(),
            interner: Interner::with_capacity(CAPACITY),
        }
    }
}

/// A raw token's term (`None`: dropped), as `Analyzer::token_term`.
pub(crate) type TermFn<'a> = dyn Fn(&str) -> Option<std::borrow::Cow<'_, str>> + Sync + 'a;

/// Marks a token the filters drop.
pub(super) const DROPPED: u32 = u32::MAX;

/// Marks a row key that is a dictionary word id (`wenmai_segment::Lexicon`) rather than a chunk's term id:
/// words that are their own term are counted by id, with no interning, and share one id space
/// across chunks.
pub(crate) const WORD_BIT: u32 = 1 << 31;

#[inline]
pub(super) fn pack(w: &str) -> u128 {
    let mut b = [0u8; 16];
    b[..w.len()].copy_from_slice(w.as_bytes());
    b[15] = w.len() as u8;
    u128::from_le_bytes(b)
}

impl TermCache {
    /// The term id of raw token `w`, computing its term with `term` the first time.
    #[inline]
    pub(crate) fn term<'w>(
        &mut self,
        w: &'w str,
        term: impl FnOnce(&'w str) -> Option<std::borrow::Cow<'w, str>>,
    ) -> Option<u32> {
        let id = if w.len() < 16 {
            let key = pack(w);
            match self.short.get(&key) {
                Some(&id) => id,
                None => {
                    let id = term(w).map_or(DROPPED, |t| self.interner.id(&t));
                    self.short.insert(key, id);
                    id
                }
            }
        } else {
            match self.long.get(w) {
                Some(&id) => id,
                None => {
                    let id = term(w).map_or(DROPPED, |t| self.interner.id(&t));
                    self.long.insert(w.into(), id);
                    id
                }
            }
        };
        (id != DROPPED).then_some(id)
    }

    /// The row key of dictionary word `id`: `WORD_BIT | id` when the word is its own term,
    /// else its term id (`None`: dropped), computing its term with `term` the first time the
    /// analyzer's `known` meets it.
    #[inline]
    pub(crate) fn key_of_word(
        &mut self,
        id: u32,
        term: &TermFn<'_>,
        known: &WordTerms,
    ) -> Option<u32> {
        match known.get(id) {
            ITSELF => Some(WORD_BIT | id),
            DROPS => None,
            status => {
                if status == OTHER
                    && let Some(&t) = self.words.get(&id)
                {
                    return Some(t);
                }
                wenmai_segment::Lexicon::default_words().word_into(id, &mut self.word);
                let (status, key) = match term(&self.word) {
                    None => (DROPS, None),
                    Some(t) if *t == *self.word => (ITSELF, Some(WORD_BIT | id)),
                    Some(t) => {
                        let t = self.interner.id(&t);
                        self.words.insert(id, t);
                        (OTHER, Some(t))
                    }
                };
                known.set(id, status);
                key
            }
        }
    }

    /// The term id of the raw token packed in `key` (by [`pack`]), computing its term with
    /// `term` the first time.
    #[inline]
    pub(crate) fn term_packed(&mut self, key: u128, term: &TermFn<'_>) -> Option<u32> {
        let id = match self.short.get(&key) {
            Some(&id) => id,
            None => {
                let bytes = key.to_le_bytes();
                let len = usize::from(bytes[15]).min(15);
                let id = std::str::from_utf8(&bytes[..len])
                    .ok()
                    .and_then(term)
                    .map_or(DROPPED, |t| self.interner.id(&t));
                self.short.insert(key, id);
                id
            }
        };
        (id != DROPPED).then_some(id)
    }
}
