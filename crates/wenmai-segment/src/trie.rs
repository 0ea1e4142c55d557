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
//! jieba-rs); unknown runs go to jieba's own HMM ([`crate::hmm`]). The trie is built once
//! per process from jieba 0.42.1's `dict.txt` (`data/dict.txt`), and is used only while a
//! segmenter's dictionary is unchanged: an edited dictionary is segmented by jieba-rs.
//!
//! The trie also knows the words' string order (`rank`), so that the vocabulary of a count
//! can put its dictionary words in order without comparing strings ([`crate::Lexicon`]).

use std::cell::RefCell;
use std::sync::LazyLock;

include_flate::flate!(pub(crate) static DICT_TXT: str from "data/dict.txt" with zstd);

/// The default dictionary, built on first use.
pub(crate) static DEFAULT: LazyLock<WordTrie> = LazyLock::new(|| WordTrie::from_dict(&DICT_TXT));

/// The id of a word in the default dictionary's [`Lexicon`](crate::Lexicon).
pub type WordId = u32;

/// The id given to a word that the cut does not know to be a word of the default dictionary.
pub const NO_WORD: WordId = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Cell {
    /// Children of this node are at `base + code`.
    base: u32,
    /// Index of the parent node; [`FREE`] for an unused cell.
    check: u32,
    /// Id of the word ending here, or [`NO_WORD`].
    word: u32,
    /// Index of the word's `ln(freq) - ln(total)` in [`WordTrie::log_probs`], 0 (`-inf`) if no
    /// word ends here (the dictionary has about 5,000 distinct frequencies: the table stays in
    /// cache, and a cell carries its word id and probability in 16 bytes).
    prob: u32,
}

const FREE: u32 = u32::MAX;
const EMPTY: Cell = Cell {
    base: 0,
    check: FREE,
    word: NO_WORD,
    prob: 0,
};

/// A dictionary of words and frequencies (jieba's `FREQ` and `total`) as a double-array trie.
#[derive(Debug)]
pub(crate) struct WordTrie {
    cells: Vec<Cell>,
    /// `ln(freq) - ln(total)` of each distinct frequency (jieba's `log(FREQ[w]) - logtotal`).
    log_probs: Vec<f64>,
    /// Code of each char (0: in no word).
    codes: Vec<u32>,
    /// The char of each code.
    chars: Vec<char>,
    log_total: f64,
    /// Word ids: the words numbered in the order of their nodes (so the most frequent words
    /// have the smallest ids; a cell holds the id of its word): the node of each.
    node_of_word: Vec<u32>,
    /// Each word's place in the words' string order: term lists sort dictionary words without
    /// comparing strings.
    rank: Vec<u32>,
    /// The words back to back in string order, and where each ends.
    ranked_text: String,
    ranked_ends: Vec<u32>,
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
    /// Read `word freq [tag]` lines (jieba's `dict.txt`): the last frequency of a word is its
    /// frequency, and the total sums every line, as jieba's `gen_pfdict` does.
    pub(crate) fn from_dict(text: &str) -> WordTrie {
        let mut words: Vec<(&str, u64)> = Vec::new();
        let mut total = 0u64;
        for line in text.lines() {
            let mut it = line.split_ascii_whitespace();
            let (Some(w), Some(f)) = (it.next(), it.next()) else {
                continue;
            };
            let Ok(f) = f.parse::<u64>() else { continue };
            total += f;
            words.push((w, f));
        }
        WordTrie::build(words, total)
    }

    fn build(words: Vec<(&str, u64)>, total: u64) -> WordTrie {
        // Characters numbered by the frequency they carry, most frequent first.
        let mut weight: rustc_hash::FxHashMap<char, u64> = Default::default();
        for (w, f) in &words {
            for c in w.chars() {
                *weight.entry(c).or_default() += f + 1;
            }
        }
        let mut chars: Vec<(char, u64)> = weight.into_iter().collect();
        chars.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let max_char = chars.iter().map(|c| c.0 as usize).max().unwrap_or(0);
        let mut codes = vec![0u32; max_char + 1];
        for (i, (c, _)) in chars.iter().enumerate() {
            codes[*c as usize] = i as u32 + 1;
        }
        let chars: Vec<char> = std::iter::once('\0')
            .chain(chars.iter().map(|c| c.0))
            .collect();
        // Keys as code sequences, sorted: the words under a node are a contiguous range, its
        // own word (if any) first, then its children in code order. The codes of all keys are
        // in one array, in key order.
        let mut spans: Vec<(u32, u32, u64, u32)> = Vec::with_capacity(words.len());
        let mut unsorted: Vec<u32> = Vec::new();
        for (i, (w, f)) in words.iter().enumerate() {
            let start = unsorted.len() as u32;
            unsorted.extend(w.chars().map(|c| codes[c as usize]));
            spans.push((start, unsorted.len() as u32, *f, i as u32));
        }
        // Stable: a word listed twice keeps its lines' order, and the later line wins (jieba's
        // `lfreq[word] = freq`).
        let key = |s: &(u32, u32, u64, u32)| &unsorted[s.0 as usize..s.1 as usize];
        spans.sort_by(|a, b| key(a).cmp(key(b)));
        let mut flat: Vec<u32> = Vec::with_capacity(unsorted.len());
        let mut starts: Vec<u32> = Vec::with_capacity(spans.len() + 1);
        let mut freqs: Vec<u64> = Vec::with_capacity(spans.len());
        // The text of each key.
        let mut texts: Vec<&str> = Vec::with_capacity(spans.len());
        for span in &spans {
            if let (Some(&last), Some(freq)) = (starts.last(), freqs.last_mut())
                && flat[last as usize..] == *key(span)
            {
                *freq = span.2;
                continue;
            }
            starts.push(flat.len() as u32);
            flat.extend_from_slice(key(span));
            freqs.push(span.2);
            texts.push(words[span.3 as usize].0);
        }
        drop(words);
        starts.push(flat.len() as u32);
        drop((spans, unsorted));
        let n_keys = freqs.len();
        let key_len = |i: usize| (starts[i + 1] - starts[i]) as usize;
        let code_at = |i: usize, d: usize| flat[starts[i] as usize + d];
        let mut weight_upto = vec![0u64; n_keys + 1];
        for (i, f) in freqs.iter().enumerate() {
            weight_upto[i + 1] = weight_upto[i] + f + 1;
        }

        // Every node of the trie, breadth first: its key range, the word ending there (if
        // any), its children (a range of this list) and the code leading to it.
        struct Node {
            weight: u64,
            /// Frequency of the word ending here, [`NO_FREQ`] if none.
            word: u64,
            /// Its key.
            key: u32,
            first_child: u32,
            children: u32,
            code: u32,
        }
        const NO_FREQ: u64 = u64::MAX;
        let mut nodes: Vec<Node> = vec![Node {
            weight: weight_upto[n_keys],
            word: NO_FREQ,
            key: 0,
            first_child: 0,
            children: 0,
            code: 0,
        }];
        let mut ranges: Vec<(u32, u32, u32)> = vec![(0, n_keys as u32, 0)];
        let mut v = 0;
        while v < nodes.len() {
            let (lo, hi, depth) = ranges[v];
            let (mut lo, hi, depth) = (lo as usize, hi as usize, depth as usize);
            if lo < hi && key_len(lo) == depth {
                nodes[v].word = freqs[lo];
                nodes[v].key = lo as u32;
                lo += 1;
            }
            nodes[v].first_child = nodes.len() as u32;
            let mut i = lo;
            while i < hi {
                let c = code_at(i, depth);
                let mut j = i + 1;
                while j < hi && code_at(j, depth) == c {
                    j += 1;
                }
                nodes.push(Node {
                    weight: weight_upto[j] - weight_upto[i],
                    word: NO_FREQ,
                    key: 0,
                    first_child: 0,
                    children: 0,
                    code: c,
                });
                ranges.push((i as u32, j as u32, depth as u32 + 1));
                i = j;
            }
            nodes[v].children = nodes.len() as u32 - nodes[v].first_child;
            v += 1;
        }
        drop((ranges, flat, starts, freqs, weight_upto));
        // Placed heaviest first. A parent weighs at least as much as its child and comes
        // earlier breadth first, so it is placed first.
        let mut order: Vec<u32> = (0..nodes.len() as u32).collect();
        order.sort_unstable_by_key(|&v| (std::cmp::Reverse(nodes[v as usize].weight), v));

        // Grown as placement needs: sized up front, heavy nodes' children land further apart.
        let mut cells = vec![EMPTY; 1 << 16];
        cells[0].check = 0;
        let log_total = (total as f64).ln();
        // Index 0: a cell that ends no word.
        let mut log_probs: Vec<f64> = vec![f64::NEG_INFINITY];
        let mut prob_of: rustc_hash::FxHashMap<u64, u32> = Default::default();
        let mut cell_of = vec![0u32; nodes.len()];
        // Free cells as a bitset, for a fast scan to the next one.
        let mut free: Vec<u64> = vec![u64::MAX; cells.len() / 64];
        free[0] &= !1;
        // Where the last search for a node with that many children succeeded: nodes with many
        // children skip the dense front after a while.
        let mut heads = [1usize; 7];
        const PATIENCE: usize = 1000;
        for &v in &order {
            let node = &nodes[v as usize];
            let cell = cell_of[v as usize] as usize;
            if node.word != NO_FREQ {
                // Marked here, numbered below.
                cells[cell].word = 0;
                cells[cell].prob = match prob_of.entry(node.word) {
                    std::collections::hash_map::Entry::Occupied(e) => *e.get(),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        log_probs.push((node.word as f64).ln() - log_total);
                        *e.insert(log_probs.len() as u32 - 1)
                    }
                };
            }
            let kids = &nodes[node.first_child as usize..][..node.children as usize];
            let (Some(first), Some(last)) = (kids.first(), kids.last()) else {
                continue;
            };
            let (first, last) = (first.code as usize, last.code as usize);
            let bucket = match kids.len() {
                1 => 0,
                2 => 1,
                3..=4 => 2,
                5..=8 => 3,
                9..=16 => 4,
                17..=64 => 5,
                _ => 6,
            };
            let mut pos = next_free(&free, heads[0].max(first + 1));
            let mut tries = 0usize;
            let base = loop {
                tries += 1;
                if tries == PATIENCE && heads[bucket] > pos {
                    pos = next_free(&free, heads[bucket]);
                }
                let base = pos - first;
                if base + last >= cells.len() {
                    let len = (base + last + 1)
                        .max(cells.len() + cells.len() / 4)
                        .next_multiple_of(64);
                    cells.resize(len, EMPTY);
                    free.resize(len / 64, u64::MAX);
                }
                // The bitset (128 KiB for the default dictionary) stays in cache; the cells
                // (16 MiB) would not.
                if kids.iter().all(|k| {
                    let t = base + k.code as usize;
                    free[t / 64] & (1u64 << (t % 64)) != 0
                }) {
                    break base;
                }
                pos = next_free(&free, pos + 1);
            };
            heads[bucket] = heads[bucket].max(pos);
            cells[cell].base = base as u32;
            for (k, kid) in kids.iter().enumerate() {
                let t = base + kid.code as usize;
                cells[t].check = cell as u32;
                free[t / 64] &= !(1u64 << (t % 64));
                cell_of[node.first_child as usize + k] = t as u32;
            }
            heads[0] = next_free(&free, heads[0]);
        }
        // Any base + code stays inside the array, so a step needs no bounds check of its own.
        let used = cells.iter().rposition(|c| c.check != FREE).unwrap_or(0);
        let max_base = cells.iter().map(|c| c.base as usize).max().unwrap_or(0);
        cells.truncate(used + 1);
        cells.resize(cells.len().max(max_base + chars.len()), EMPTY);
        cells.shrink_to_fit();
        // Word ids in node order.
        let mut word_nodes: Vec<(u32, &str)> = nodes
            .iter()
            .zip(&cell_of)
            .filter(|(n, _)| n.word != NO_FREQ)
            .map(|(n, &cell)| (cell, texts[n.key as usize]))
            .collect();
        drop((nodes, cell_of, texts));
        word_nodes.sort_unstable_by_key(|w| w.0);
        for (id, w) in word_nodes.iter().enumerate() {
            cells[w.0 as usize].word = id as u32;
        }
        let node_of_word: Vec<u32> = word_nodes.iter().map(|w| w.0).collect();
        // The words in string order: by their first eight bytes, then (rarely) by the rest.
        let prefix = |w: &str| {
            u64::from_be_bytes(std::array::from_fn(|i| {
                w.as_bytes().get(i).map_or(0, |b| *b)
            }))
        };
        let mut sorted: Vec<(u64, &str, u32)> = word_nodes
            .iter()
            .enumerate()
            .map(|(id, w)| (prefix(w.1), w.1, id as u32))
            .collect();
        drop(word_nodes);
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        let mut rank = vec![0u32; sorted.len()];
        let mut ranked_text = String::with_capacity(sorted.iter().map(|w| w.1.len()).sum());
        let mut ranked_ends = Vec::with_capacity(sorted.len());
        for (r, w) in sorted.iter().enumerate() {
            rank[w.2 as usize] = r as u32;
            ranked_text.push_str(w.1);
            ranked_ends.push(ranked_text.len() as u32);
        }
        drop(sorted);
        WordTrie {
            cells,
            log_probs,
            codes,
            chars,
            log_total,
            node_of_word,
            rank,
            ranked_text,
            ranked_ends,
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
    #[cfg(test)]
    fn contains(&self, word: &str) -> bool {
        self.node_of(word.chars().map(|c| self.code(c))).is_some()
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
        let cells = &self.cells[..];
        let log_probs = &self.log_probs[..];
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

/// The first free cell at or after `x` (the end of the array if none).
fn next_free(free: &[u64], x: usize) -> usize {
    let mut w = x / 64;
    if w >= free.len() {
        return x.max(free.len() * 64);
    }
    let mut bits = free[w] & (u64::MAX << (x % 64));
    loop {
        if bits != 0 {
            return w * 64 + bits.trailing_zeros() as usize;
        }
        w += 1;
        if w >= free.len() {
            return free.len() * 64;
        }
        bits = free[w];
    }
}

#[cfg(test)]
mod tests {
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
