//! What an analyzer makes of each word of the default dictionary, kept by word id.

/// What an analyzer makes of each word of the default dictionary (`wenmai_segment::Lexicon`), by word id:
/// not known yet, the word itself, dropped, or another string. Filled in as counting meets the
/// words, by any thread (a word's entry is always the same value, so relaxed order is
/// enough), and kept by the analyzer: a second count of similar text computes no terms of
/// dictionary words at all. Two bits a word, 32 words to an atomic word (87 KB for the default
/// dictionary): it is read once per distinct word of every unit counted, so it must stay small.
pub(crate) struct WordTerms {
    status: Box<[std::sync::atomic::AtomicU64]>,
    n_ids: usize,
}

impl std::fmt::Debug for WordTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordTerms")
            .field("words", &self.n_ids)
            .finish()
    }
}

pub(crate) const UNKNOWN: u8 = 0;

pub(crate) const ITSELF: u8 = 1;

pub(crate) const DROPS: u8 = 2;

pub(crate) const OTHER: u8 = 3;

impl WordTerms {
    pub(crate) fn new(n_ids: usize) -> Self {
        WordTerms {
            status: (0..n_ids.div_ceil(32))
                .map(|_| std::sync::atomic::AtomicU64::new(0))
                .collect(),
            n_ids,
        }
    }

    #[inline]
    pub(crate) fn get(&self, id: u32) -> u8 {
        let bits = self.status[id as usize / 32].load(std::sync::atomic::Ordering::Relaxed);
        ((bits >> (id % 32 * 2)) & 3) as u8
    }

    /// Record `status` (not [`UNKNOWN`]) of word `id`, whose status is unknown or the same:
    /// an OR, so that threads setting the other words of the same atomic word lose nothing.
    pub(crate) fn set(&self, id: u32, status: u8) {
        debug_assert!({
            let old = self.get(id);
            old == UNKNOWN || old == status
        });
        self.status[id as usize / 32].fetch_or(
            u64::from(status & 3) << (id % 32 * 2),
            std::sync::atomic::Ordering::Relaxed,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_terms_keep_every_status_set_by_any_thread() {
        // Neighbouring words share an atomic word: four threads set interleaved words, and
        // every status must survive the others' writes.
        let n = 1000usize;
        let known = WordTerms::new(n);
        let status = |id: usize| [ITSELF, DROPS, OTHER][id % 3];
        std::thread::scope(|s| {
            for t in 0..4 {
                let known = &known;
                s.spawn(move || {
                    for id in (t..n).step_by(4) {
                        known.set(id as u32, status(id));
                    }
                });
            }
        });
        for id in 0..n {
            assert_eq!(known.get(id as u32), status(id), "word {id}");
        }
        // Setting a word's status again changes nothing.
        known.set(7, status(7));
        assert_eq!(known.get(7), status(7));
        assert_eq!(WordTerms::new(n).get(999), UNKNOWN);
    }
}
