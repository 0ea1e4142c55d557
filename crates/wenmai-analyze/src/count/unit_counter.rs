//! Counts of the raw tokens of one unit, by dictionary word id and by value, in tables that
//! stay in cache.

use super::intern::{TermCache, TermFn, WORD_BIT, pack};
use super::rows::DenseCounter;
use crate::analyzer::WordTerms;

/// Counts of the raw tokens of one unit. Dictionary words are collected by word id and counted
/// in a small table when the unit ends, so that what the analyzer makes of each word (itself,
/// dropped, or another term; see [`WordTerms`]) is looked up once per distinct word of a unit,
/// not once per token. A word that is its own term enters the row as `WORD_BIT | word id`, and
/// joins the counter's [`WordSet`]. Other tokens are counted by value, in a small
/// open-addressing table that stays in cache, so that the chunk's [`TermCache`] (large, so each
/// lookup is a cache miss) is consulted once per distinct token of a unit rather than once per
/// token. Tokens of 16 bytes or more (rare) go straight to the [`TermCache`].
#[derive(Debug, Default)]
pub(crate) struct UnitCounter {
    /// Packed tokens and their counts.
    tokens: SlotCounts<u128>,
    /// Ids of long tokens (looked up directly).
    long: DenseCounter,
    /// The dictionary word ids of the unit's tokens.
    pub(crate) ids: Vec<u32>,
    /// The unit's words and their counts, in a table that stays in cache (cheaper than
    /// sorting the ids).
    id_counts: SlotCounts<u32>,
    /// The row entries of the unit's words.
    word_entries: Vec<(u32, u32)>,
    /// The words counted as their own terms so far.
    words: WordSet,
    /// Term ids of the unit being flushed.
    counter: DenseCounter,
}

/// A set of numbers below the dictionary's size (`wenmai_segment::Lexicon`): the words a block counted as
/// their own terms (row keys `WORD_BIT | word id`), or the ranks of the words a whole count
/// met. A bitset, and once complete the members in order with the number of them before each
/// 64, so that a member's place among them is a popcount: 44 KB for the default dictionary,
/// where an array of one slot per word would be read at random once per distinct word.
#[derive(Debug, Default)]
pub(crate) struct WordSet {
    seen: Vec<u64>,
    before: Vec<u32>,
    pub(crate) ids: Vec<u32>,
}

impl WordSet {
    #[inline]
    pub(crate) fn insert(&mut self, id: u32) {
        if self.seen.is_empty() {
            self.seen = vec![0; wenmai_segment::Lexicon::default_words().len().div_ceil(64)];
        }
        self.seen[id as usize / 64] |= 1 << (id % 64);
    }

    /// The ids in order, and the count before each 64 of them.
    pub(crate) fn complete(mut self) -> Self {
        self.before.clear();
        self.ids.clear();
        for (i, &bits) in self.seen.iter().enumerate() {
            self.before.push(self.ids.len() as u32);
            let mut bits = bits;
            while bits != 0 {
                self.ids.push((i * 64) as u32 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        self
    }

    /// The place of `id` (a member) among the set's members, once complete.
    #[inline]
    pub(crate) fn place(&self, id: u32) -> usize {
        let (w, b) = (id as usize / 64, id % 64);
        self.before[w] as usize + (self.seen[w] & ((1u64 << b) - 1)).count_ones() as usize
    }
}

/// A key of [`SlotCounts`]: a value no key takes marks an empty slot.
trait SlotKey: Copy + Eq {
    const EMPTY: Self;
    /// The first slot to try in a table of `mask + 1` slots.
    fn slot(self, mask: usize) -> usize;
}

/// A packed token ([`pack`]): never 0, its length byte is at least 1.
impl SlotKey for u128 {
    const EMPTY: u128 = 0;

    #[inline]
    fn slot(self, mask: usize) -> usize {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let (lo, hi) = (self as u64, (self >> 64) as u64);
        let h = (lo.wrapping_mul(K) ^ hi).wrapping_mul(K);
        (h >> 32) as usize & mask
    }
}

/// A dictionary word id: never [`NO_WORD`](wenmai_segment::NO_WORD).
impl SlotKey for u32 {
    const EMPTY: u32 = wenmai_segment::NO_WORD;

    #[inline]
    fn slot(self, mask: usize) -> usize {
        // The high half of the product mixes every bit of the id.
        ((u64::from(self).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> 32) as usize & mask
    }
}

/// Counts of the keys of one unit by open addressing (linear probing, at most half full), in
/// a table small enough to stay in cache; the used slots are listed in first-occurrence order.
#[derive(Debug)]
struct SlotCounts<K> {
    slots: Vec<(K, u32)>,
    used: Vec<u32>,
}

impl<K: SlotKey> Default for SlotCounts<K> {
    fn default() -> Self {
        SlotCounts {
            slots: vec![(K::EMPTY, 0); 1 << 10],
            used: Vec::new(),
        }
    }
}

impl<K: SlotKey> SlotCounts<K> {
    #[inline]
    fn add(&mut self, key: K) {
        let mask = self.slots.len() - 1;
        let mut i = key.slot(mask);
        loop {
            let slot = &mut self.slots[i];
            if slot.0 == key {
                slot.1 += 1;
                return;
            }
            if slot.0 == K::EMPTY {
                *slot = (key, 1);
                self.used.push(i as u32);
                if self.used.len() * 2 > self.slots.len() {
                    self.grow();
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let doubled = vec![(K::EMPTY, 0); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for u in &mut self.used {
            let entry = old[*u as usize];
            let mut i = entry.0.slot(mask);
            while self.slots[i].0 != K::EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = entry;
            *u = i as u32;
        }
    }

    fn is_empty(&self) -> bool {
        self.used.is_empty()
    }

    /// Hand every (key, count) to `f` in first-occurrence order; the table is empty again
    /// afterwards (and small again, after a unit with a huge vocabulary).
    fn drain(&mut self, mut f: impl FnMut(K, u32)) {
        for &u in &self.used {
            let (key, n) = std::mem::replace(&mut self.slots[u as usize], (K::EMPTY, 0));
            f(key, n);
        }
        self.used.clear();
        if self.slots.len() > 1 << 16 {
            *self = Self::default();
        }
    }
}

impl UnitCounter {
    /// Count one raw token of the unit.
    #[inline]
    pub(crate) fn add<'w>(
        &mut self,
        w: &'w str,
        cache: &mut TermCache,
        term: impl FnOnce(&'w str) -> Option<std::borrow::Cow<'w, str>>,
    ) {
        if w.len() >= 16 || w.is_empty() {
            if let Some(id) = cache.term(w, term) {
                self.long.add(id);
            }
            return;
        }
        self.tokens.add(pack(w));
    }

    /// The words counted as their own terms (keys `WORD_BIT | word id` in the rows); the
    /// counter forgets them.
    pub(crate) fn take_words(&mut self) -> WordSet {
        std::mem::take(&mut self.words).complete()
    }

    /// Count one token that is dictionary word `id` (`wenmai_segment::Lexicon`).
    #[inline]
    pub(crate) fn add_word(&mut self, id: u32) {
        self.ids.push(id);
    }

    /// The unit's (term id, count) pairs (unsorted, see [`DenseCounter::take_row`]), terms
    /// computed with `term` for tokens the cache has not seen and with the analyzer's `known`
    /// for words; the counter is empty again afterwards.
    pub(crate) fn take_row(
        &mut self,
        cache: &mut TermCache,
        term: &TermFn<'_>,
        known: &WordTerms,
    ) -> Vec<(u32, u32)> {
        // The words, one count per distinct word: those that are their own term become row
        // entries keyed by their word id.
        for &id in &self.ids {
            self.id_counts.add(id);
        }
        self.ids.clear();
        let word_entries = &mut self.word_entries;
        if !self.id_counts.is_empty() {
            word_entries.reserve(self.id_counts.used.len());
            let (counter, words) = (&mut self.counter, &mut self.words);
            self.id_counts
                .drain(|id, n| match cache.key_of_word(id, term, known) {
                    // Its own term: `WORD_BIT | id` in the row, and one of the block's words.
                    Some(k) if k & WORD_BIT != 0 => {
                        words.insert(id);
                        word_entries.push((k, n));
                    }
                    Some(t) => counter.add_n(t, n),
                    None => {}
                });
        }
        let counter = &mut self.counter;
        self.tokens.drain(|key, n| {
            if let Some(id) = cache.term_packed(key, term) {
                counter.add_n(id, n);
            }
        });
        for (id, n) in self.long.take_row() {
            counter.add_n(id, n);
        }
        // One allocation of the row's final size (appending the words to the counter's row
        // reallocated and copied it, for most rows).
        let mut row = Vec::with_capacity(counter.touched.len() + self.word_entries.len());
        counter.drain_into(&mut row);
        row.append(&mut self.word_entries);
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_counter_counts_words_as_a_plain_count() {
        // Units of dictionary word ids, from none to more distinct ids than the counting table
        // starts with (it grows, and is reused unit after unit), skewed as text is: half the
        // tokens among a hundred frequent words.
        let n = wenmai_segment::Lexicon::default_words().len() as u32;
        let known = WordTerms::new(n as usize);
        let term: &TermFn<'_> = &|w| Some(std::borrow::Cow::Borrowed(w));
        let mut cache = TermCache::default();
        let mut counter = UnitCounter::default();
        let mut x = 7u64;
        let (mut rows, mut expected) = (Vec::new(), Vec::new());
        for size in [0usize, 1, 50, 5000, 20_000, 3, 700] {
            let mut plain = std::collections::BTreeMap::new();
            for _ in 0..size {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let id = if x >> 63 == 0 {
                    (x >> 40) as u32 % 100
                } else {
                    (x >> 20) as u32 % n
                };
                counter.add_word(id);
                *plain.entry(id).or_insert(0u32) += 1;
            }
            rows.push(counter.take_row(&mut cache, term, &known));
            expected.push(plain);
        }
        // Every word is its own term here: entries are keyed by the word's id, which the
        // counter's set of words has.
        let words = counter.take_words();
        for (row, plain) in rows.iter().zip(&expected) {
            let mut got = std::collections::BTreeMap::new();
            for &(key, count) in row {
                assert_ne!(key & WORD_BIT, 0);
                let id = key & !WORD_BIT;
                assert_eq!(words.ids[words.place(id)], id);
                assert!(got.insert(id, count).is_none(), "word {id} twice in a row");
            }
            assert_eq!(&got, plain);
        }
    }
}
