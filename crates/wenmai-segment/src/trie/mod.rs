//! jieba's default dictionary as a double-array trie, and jieba's route search over it.
//!
//! jieba-rs finds the best segmentation of a block in three passes: it walks its trie from
//! every character and stores every dictionary word found in a DAG, computes the route from
//! the DAG backwards, then follows the route. Here the walk and the route are one backward
//! pass: the words starting at a character end after it, and the route from those ends is
//! already known, so no DAG is stored. The trie is a double array whose cells hold the word's
//! id and (an index into a small table of) its `ln(freq)`, so a step of the walk is one load;
//! cells are placed hottest first (the nodes
//! carrying the most dictionary frequency get the lowest, densest indices) and characters are
//! numbered by frequency, so the common walks stay in a small part of the array.
//!
//! The tokens are jieba 0.42.1's `cut` (the parity tests compare them with jieba and with
//! jieba-rs); unknown runs go to jieba's own HMM ([`crate::hmm`]). The trie is built from
//! jieba 0.42.1's `dict.txt` (`data/dict.txt`) by the build script ([`build`]), whose image the
//! library reads in place ([`image`]): a process's first cut builds nothing. It is used only
//! while a segmenter's dictionary is unchanged: an edited dictionary is segmented by jieba-rs.
//!
//! The trie also knows the words' string order (`rank`), so that the vocabulary of a count
//! can put its dictionary words in order without comparing strings ([`crate::Lexicon`]).

mod build;
mod image;

use std::cell::RefCell;
use std::sync::LazyLock;

use build::Cell;

include_flate::flate!(pub(crate) static DICT_TXT: str from "data/dict.txt" with zstd);

/// The default dictionary: the image the build script made of it, read in place (built from
/// `dict.txt` where the image does not fit this target).
pub(crate) static DEFAULT: LazyLock<WordTrie> =
    LazyLock::new(|| image::load().unwrap_or_else(|| WordTrie::from_dict(&DICT_TXT)));

/// The id of a word in the default dictionary's [`Lexicon`](crate::Lexicon).
pub type WordId = u32;

/// The id given to a word that the cut does not know to be a word of the default dictionary.
pub const NO_WORD: WordId = build::NO_WORD;

/// A dictionary of words and frequencies (jieba's `FREQ` and `total`) as a double-array trie.
///
/// Its arrays live as long as the process: the default dictionary's are read in place from the
/// library's image; a trie built at run time (tests, or a target the image does not fit) is
/// built once and kept.
#[derive(Debug)]
pub(crate) struct WordTrie {
    cells: &'static [Cell],
    /// `ln(freq) - ln(total)` of each distinct frequency (jieba's `log(FREQ[w]) - logtotal`).
    log_probs: &'static [f64],
    /// Code of each char (0: in no word).
    codes: &'static [u32],
    /// The char of each code.
    chars: Vec<char>,
    log_total: f64,
    /// Word ids: the words numbered in the order of their nodes (so the most frequent words
    /// have the smallest ids; a cell holds the id of its word): the node of each.
    node_of_word: &'static [u32],
    /// Each word's place in the words' string order: term lists sort dictionary words without
    /// comparing strings.
    rank: &'static [u32],
    /// The words back to back in string order, and where each ends.
    ranked_text: &'static str,
    ranked_ends: &'static [u32],
    /// Each word's tag in `dict.txt`, as an index into `tag_names`.
    tags: &'static [u8],
    tag_names: Vec<&'static str>,
}

/// The chars of the codes, from their scalar values (written by [`build::from_dict`]).
fn chars_of(values: &[u32]) -> Vec<char> {
    values
        .iter()
        .map(|&v| char::from_u32(v).unwrap_or('\0'))
        .collect()
}

/// Per-thread buffers of [`WordTrie::cut_block`].
#[derive(Default)]
struct Scratch {
    codes: Vec<u32>,
    /// Byte offset of each char of the block, and the block's length.
    offsets: Vec<u32>,
    route: Vec<Step>,
}

#[derive(Clone, Copy, Default)]
struct Step {
    prob: f64,
    end: u32,
    word: u32,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl WordTrie {
    /// Read `word freq [tag]` lines (jieba's `dict.txt`) into a trie kept for the process.
    pub(crate) fn from_dict(text: &str) -> WordTrie {
        let b = build::from_dict(text);
        fn keep<T>(v: Vec<T>) -> &'static [T] {
            Vec::leak(v)
        }
        WordTrie {
            cells: keep(b.cells),
            log_probs: keep(b.log_probs),
            codes: keep(b.codes),
            chars: chars_of(&b.chars),
            log_total: b.log_total,
            node_of_word: keep(b.node_of_word),
            rank: keep(b.rank),
            ranked_text: String::leak(b.ranked_text),
            ranked_ends: keep(b.ranked_ends),
            tags: keep(b.tags),
            tag_names: String::leak(b.tag_text).split('\n').collect(),
        }
    }
    /// Number of words: word ids are below it.
    pub(crate) fn n_words(&self) -> usize {
        self.node_of_word.len()
    }

    /// The place of word `id` in the words' string order.
    #[inline]
    pub(crate) fn rank(&self, id: u32) -> u32 {
        self.rank[id as usize]
    }

    /// The word at place `rank` of the words' string order.
    pub(crate) fn text_at_rank(&self, rank: u32) -> &str {
        let r = rank as usize;
        let start = if r == 0 {
            0
        } else {
            self.ranked_ends[r - 1] as usize
        };
        &self.ranked_text[start..self.ranked_ends[r] as usize]
    }

    /// The word whose id is `id`, read back up the trie into `out`.
    pub(crate) fn word_into(&self, id: u32, out: &mut String) {
        out.clear();
        let id = self.node_of_word[id as usize];
        // Up the trie, last char first.
        let mut rev = [0u32; 64];
        let (mut node, mut n) = (id as usize, 0);
        while node != 0 && n < rev.len() {
            let parent = self.cells[node].check as usize;
            rev[n] = (node - self.cells[parent].base as usize) as u32;
            n += 1;
            node = parent;
        }
        if node != 0 {
            // A word of more than 64 chars (none in jieba's dictionary).
            let mut chars = Vec::new();
            let mut node = id as usize;
            while node != 0 {
                let parent = self.cells[node].check as usize;
                chars.push(self.chars[node - self.cells[parent].base as usize]);
                node = parent;
            }
            out.extend(chars.iter().rev());
            return;
        }
        out.extend(rev[..n].iter().rev().map(|&c| self.chars[c as usize]));
    }

    #[inline(always)]
    fn code(&self, c: char) -> u32 {
        self.codes.get(c as usize).copied().unwrap_or(0)
    }

    /// The node of `word`, if it is a dictionary word.
    fn node_of(&self, codes: impl IntoIterator<Item = u32>) -> Option<u32> {
        let mut node = 0usize;
        for c in codes {
            if c == 0 {
                return None;
            }
            let t = self.cells[node].base as usize + c as usize;
            if self.cells.get(t)?.check as usize != node {
                return None;
            }
            node = t;
        }
        (node != 0 && self.cells[node].word != NO_WORD).then_some(node as u32)
    }

    /// The word id of `word`'s chars' codes, [`NO_WORD`] if it is not a dictionary word.
    fn word_of(&self, codes: impl IntoIterator<Item = u32>) -> u32 {
        self.node_of(codes)
            .map_or(NO_WORD, |node| self.cells[node as usize].word)
    }

    /// Whether `word` is in the dictionary.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.node_of(word.chars().map(|c| self.code(c))).is_some()
    }

    /// The tag `dict.txt` gives `word`, `None` if it is not a dictionary word.
    pub(crate) fn tag_of(&self, word: &str) -> Option<&'static str> {
        let id = self.word_of(word.chars().map(|c| self.code(c)));
        (id != NO_WORD).then(|| self.tag_names[self.tags[id as usize] as usize])
    }

    /// jieba's route without the HMM over `block` (a run of `re_han_internal` characters), as
    /// jieba-rs's `tag(block, false)`: `emit(word, byte offset, tag)`, the tag `""` for a word
    /// that is not in the dictionary (a single char, or a run of ASCII letters and digits).
    pub(crate) fn each_routed<'a>(
        &self,
        block: &'a str,
        emit: &mut impl FnMut(&'a str, usize, &'static str),
    ) {
        self.cut_text(block, false, &mut |w, b, id| {
            let tag = if id != NO_WORD {
                self.tag_names[self.tags[id as usize] as usize]
            } else {
                self.tag_of(w).unwrap_or("")
            };
            emit(w, b, tag);
        });
    }

    /// jieba's `cut` of `text` (precise mode): blocks of `re_han_default` characters are
    /// segmented with the route (jieba's `__cut_DAG` with `hmm`, `__cut_DAG_NO_HMM` without),
    /// any other character is a token of its own (`\r\n` one token). `emit(word, byte
    /// offset, word id)` for each token in order, the id being the word id of a dictionary
    /// word taken by the route ([`NO_WORD`] otherwise).
    pub(crate) fn cut_text<'a>(
        &self,
        text: &'a str,
        hmm: bool,
        emit: &mut impl FnMut(&'a str, usize, u32),
    ) {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => {
                self.cut_with(text, hmm, &mut s, emit);
                const KEEP: usize = 1 << 20;
                if s.route.capacity() > KEEP {
                    *s = Scratch::default();
                }
            }
            // Segmenting from inside `emit`: use buffers of its own.
            Err(_) => self.cut_with(text, hmm, &mut Scratch::default(), emit),
        })
    }

    fn cut_with<'a>(
        &self,
        text: &'a str,
        hmm: bool,
        s: &mut Scratch,
        emit: &mut impl FnMut(&'a str, usize, u32),
    ) {
        s.codes.clear();
        s.offsets.clear();
        let mut start: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if crate::chars::is_han_default(c) {
                let block_start = *start.get_or_insert(i);
                s.offsets.push((i - block_start) as u32);
                s.codes.push(self.code(c));
                continue;
            }
            if let Some(block_start) = start.take() {
                self.cut_block(&text[block_start..i], block_start, hmm, s, emit);
            }
            if c == '\r' && chars.next_if(|&(_, c)| c == '\n').is_some() {
                emit(&text[i..i + 2], i, NO_WORD);
            } else {
                emit(&text[i..i + c.len_utf8()], i, NO_WORD);
            }
        }
        if let Some(block_start) = start {
            self.cut_block(&text[block_start..], block_start, hmm, s, emit);
        }
    }

    /// Segment `block` (at byte `base` of the text), whose chars' codes and offsets in the
    /// block are in `s`; leaves `s.codes` and `s.offsets` empty.
    fn cut_block<'a>(
        &self,
        block: &'a str,
        base: usize,
        hmm: bool,
        s: &mut Scratch,
        emit: &mut impl FnMut(&'a str, usize, u32),
    ) {
        let Scratch {
            codes,
            offsets,
            route,
        } = s;
        offsets.push(block.len() as u32);
        let n = codes.len();
        // Code 0 ends every walk: no node has a child of code 0, so the step's check fails (see
        // `code_zero_ends_every_walk`), and the walk needs no test of the block's end of its
        // own: one exit branch per walk.
        codes.push(0);
        route.clear();
        route.resize(n + 1, Step::default());
        route[n] = Step {
            prob: 0.0,
            end: n as u32,
            word: NO_WORD,
        };
        // jieba's `calc`: route[i] = max over words i..j of (ln freq - ln total + route[j]),
        // ties to the longer word; a char that starts no word is a word of frequency 1.
        let log_total = self.log_total;
        let cells = self.cells;
        let log_probs = self.log_probs;
        for i in (0..n).rev() {
            // The best word from i so far: its probability, end and id. Ties go to the longer
            // word, and the walk meets the longer words later, so a word at least as probable
            // replaces the best. A cell that ends no word has probability index 0, whose
            // probability is -inf: it never wins (the selects below are branch-free; only the
            // walk's exit branches).
            let (mut best_prob, mut best_end, mut best_word) = (f64::NEG_INFINITY, i + 1, NO_WORD);
            let mut node = 0usize;
            let mut base = cells[0].base as usize;
            let mut j = i;
            loop {
                let t = base + codes[j] as usize;
                let cell = cells[t];
                if cell.check as usize != node {
                    break;
                }
                node = t;
                base = cell.base as usize;
                j += 1;
                let prob = log_probs[cell.prob as usize] + route[j].prob;
                let take = prob >= best_prob;
                best_prob = if take { prob } else { best_prob };
                best_end = if take { j } else { best_end };
                best_word = if take { cell.word } else { best_word };
            }
            route[i] = if best_prob == f64::NEG_INFINITY {
                // No word starts here: the char is a word of frequency 1.
                Step {
                    prob: -log_total + route[i + 1].prob,
                    end: i as u32 + 1,
                    word: NO_WORD,
                }
            } else {
                Step {
                    prob: best_prob,
                    end: best_end as u32,
                    word: best_word,
                }
            };
        }
        let text = |a: usize, z: usize| &block[offsets[a] as usize..offsets[z] as usize];
        // Runs of single chars the route leaves: with the HMM, one dictionary word is split
        // into chars and anything else goes to the HMM; without it, a run of ASCII letters and
        // digits is one word.
        let flush = |a: usize, z: usize, emit: &mut dyn FnMut(&'a str, usize, u32)| {
            if z - a == 1 {
                emit(text(a, z), base + offsets[a] as usize, route[a].word);
            } else if !hmm {
                emit(text(a, z), base + offsets[a] as usize, NO_WORD);
            } else if self.node_of(codes[a..z].iter().copied()).is_some() {
                for k in a..z {
                    emit(text(k, k + 1), base + offsets[k] as usize, route[k].word);
                }
            } else {
                // An HMM word can be a dictionary word too: it gets its id, so that counting
                // meets each term one way only. The route already knows the id of each single
                // char; a longer word is looked up by the codes the block already has.
                crate::hmm::cut(text(a, z), &mut |i, j| {
                    let (x, y) = (a + i, a + j);
                    let word = if y - x == 1 {
                        route[x].word
                    } else {
                        self.word_of(codes[x..y].iter().copied())
                    };
                    emit(text(x, y), base + offsets[x] as usize, word);
                });
            }
        };
        let mut x = 0;
        let mut left: Option<usize> = None;
        while x < n {
            let Step { end, word, .. } = route[x];
            let y = end as usize;
            if y - x == 1 && (hmm || block.as_bytes()[offsets[x] as usize].is_ascii_alphanumeric())
            {
                left.get_or_insert(x);
            } else {
                if let Some(a) = left.take() {
                    flush(a, x, emit);
                }
                emit(text(x, y), base + offsets[x] as usize, word);
            }
            x = y;
        }
        if let Some(a) = left {
            flush(a, n, emit);
        }
        codes.clear();
        offsets.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::build::FREE;
    use super::*;

    fn cut(trie: &WordTrie, text: &str, hmm: bool) -> Vec<String> {
        let mut v = Vec::new();
        trie.cut_text(text, hmm, &mut |w, _, _| v.push(w.to_string()));
        v
    }

    #[test]
    fn small_dictionary_routes_like_jieba() {
        let trie = WordTrie::from_dict("北京 100\n北京大学 50\n大学 80\n学生 60\n生 5\n");
        assert!(trie.contains("北京大学") && trie.contains("生") && !trie.contains("北大"));
        let mut ids = Vec::new();
        trie.cut_text("北京大学生", false, &mut |w, _, id| {
            ids.push((w.to_string(), id))
        });
        let mut word = String::new();
        for (w, id) in ids {
            trie.word_into(id, &mut word);
            assert_eq!(word, w);
        }
        assert_eq!(cut(&trie, "北京大学生", false), ["北京大学", "生"]);
        assert_eq!(cut(&trie, "abc北京2024", false), ["abc", "北京", "2024"]);
    }

    #[test]
    fn later_lines_win_and_every_line_counts_in_the_total() {
        let trie = WordTrie::from_dict("甲 1\n乙 2\n甲 3\n");
        assert_eq!(trie.log_total, 6f64.ln());
        let node = trie.node_of([trie.code('甲')]).unwrap();
        let prob = trie.log_probs[trie.cells[node as usize].prob as usize];
        assert_eq!(prob, 3f64.ln() - 6f64.ln());
        let trie = WordTrie::from_dict("甲 3\n乙 2\n甲 1\n");
        let node = trie.node_of([trie.code('甲')]).unwrap();
        let prob = trie.log_probs[trie.cells[node as usize].prob as usize];
        assert_eq!(prob, 1f64.ln() - 6f64.ln());
    }

    #[test]
    fn code_zero_ends_every_walk() {
        // `cut_block` ends each walk with a step of code 0, which must fail from every node.
        for trie in [
            &*DEFAULT,
            &WordTrie::from_dict("北京 100\n北京大学 50\n大学 80\n"),
        ] {
            for (v, cell) in trie.cells.iter().enumerate() {
                if cell.check != FREE {
                    assert_ne!(trie.cells[cell.base as usize].check as usize, v);
                }
            }
        }
    }

    #[test]
    fn ranks_follow_string_order() {
        let trie = &*DEFAULT;
        assert_eq!(trie.n_words(), 349_045); // 349,046 lines, `B超` twice
        let (mut last, mut w) = (String::new(), String::new());
        let mut by_rank = vec![u32::MAX; trie.n_words()];
        for id in 0..trie.n_words() as u32 {
            by_rank[trie.rank(id) as usize] = id;
        }
        for (r, &id) in by_rank.iter().enumerate() {
            let r = r as u32;
            trie.word_into(id, &mut w);
            assert_eq!(trie.text_at_rank(r), w);
            assert!(r == 0 || last < w, "{last} !< {w}");
            std::mem::swap(&mut last, &mut w);
        }
    }

    #[test]
    fn default_dictionary_cuts_like_jieba() {
        let text = "我来到北京清华大学，小明硕士毕业于中国科学院计算所，后在日本京都大学深造。\
                    他来到了网易杭研大厦。2011-2020年GDP增长6.5%";
        let ours = |hmm| -> Vec<String> {
            text.split('，')
                .flat_map(|s| cut(&DEFAULT, s, hmm))
                .collect()
        };
        // jieba.lcut(s, HMM=...) of each piece, jieba 0.42.1. With the HMM, jieba-rs would keep
        // `2011-2020` together; jieba's `finalseg` splits it.
        let jieba = "我 来到 北京 清华大学 小明 硕士 毕业 于 中国科学院 计算所 后 在 日本京都大学 深造 。 \
                     他 来到 了 网易 杭研 大厦 。 2011 - 2020 年 GDP 增长 6.5%";
        assert_eq!(ours(true), jieba.split(' ').collect::<Vec<_>>());
        let jieba = "我 来到 北京 清华大学 小 明 硕士 毕业 于 中国科学院 计算所 后 在 日本京都大学 深造 \
                     。 他 来到 了 网易 杭 研 大厦 。 2011 - 2020 年 GDP 增长 6 . 5 %";
        assert_eq!(ours(false), jieba.split(' ').collect::<Vec<_>>());
    }
}
