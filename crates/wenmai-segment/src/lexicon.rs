//! The words of jieba's default dictionary, numbered: what a [`WordId`] from
//! [`Dictionary::each_with_ids`](crate::Dictionary::each_with_ids) stands for, and the words'
//! string order, so that a caller can count by id and sort without comparing strings.

use crate::trie::{DEFAULT, WordId, WordTrie};

/// The default dictionary's words by id and in string order.
///
/// # Examples
/// ```
/// use wenmai_segment::Lexicon;
/// let words = Lexicon::default_words();
/// assert!(words.len() > 340_000);
/// let (first, second) = (words.word_at_rank(0), words.word_at_rank(1));
/// assert!(first < second);
/// ```
#[derive(Debug)]
pub struct Lexicon {
    trie: &'static WordTrie,
}

static DEFAULT_WORDS: std::sync::LazyLock<Lexicon> =
    std::sync::LazyLock::new(|| Lexicon { trie: &DEFAULT });

impl Lexicon {
    /// jieba 0.42.1's `dict.txt`, built on first use and shared by the process.
    pub fn default_words() -> &'static Lexicon {
        &DEFAULT_WORDS
    }

    /// The number of words: every id is below it.
    pub fn len(&self) -> usize {
        self.trie.n_words()
    }

    /// Whether there are no words (never, for jieba's dictionary).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The place of word `id` in the words' string order.
    #[inline]
    pub fn rank(&self, id: WordId) -> u32 {
        self.trie.rank(id)
    }

    /// The word at place `rank` of the string order.
    pub fn word_at_rank(&self, rank: u32) -> &'static str {
        self.trie.text_at_rank(rank)
    }

    /// The word whose id is `id`, written into `out` (cleared first).
    pub fn word_into(&self, id: WordId, out: &mut String) {
        self.trie.word_into(id, out)
    }
}
