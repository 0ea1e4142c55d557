//! Building the default dictionary's trie from `dict.txt`, and its image: the arrays back
//! to back, so that the build script can build it once and the library load it without work.
//!
//! Included by `build.rs` as well as by the crate, so it uses nothing of the crate.

/// The id given to a word that the cut does not know to be a word of the default dictionary.
pub const NO_WORD: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
pub struct Cell {
    /// Children of this node are at `base + code`.
    pub base: u32,
    /// Index of the parent node; [`FREE`] for an unused cell.
    pub check: u32,
    /// Id of the word ending here, or [`NO_WORD`].
    pub word: u32,
    /// Index of the word's `ln(freq) - ln(total)` in `log_probs`, 0 (`-inf`) if no
    /// word ends here (the dictionary has about 5,000 distinct frequencies: the table stays in
    /// cache, and a cell carries its word id and probability in 16 bytes).
    pub prob: u32,
}

pub const FREE: u32 = u32::MAX;
pub const EMPTY: Cell = Cell {
    base: 0,
    check: FREE,
    word: NO_WORD,
    prob: 0,
};

/// The trie's arrays as [`from_dict`] builds them (see [`super::WordTrie`] for each field).
pub struct Built {
    pub cells: Vec<Cell>,
    pub log_probs: Vec<f64>,
    pub codes: Vec<u32>,
    pub chars: Vec<u32>,
    pub log_total: f64,
    pub node_of_word: Vec<u32>,
    pub rank: Vec<u32>,
    pub ranked_text: String,
    pub ranked_ends: Vec<u32>,
    pub tags: Vec<u8>,
    pub tag_text: String,
}

/// Tells an image of this layout from anything else.
pub const MAGIC: u64 = u64::from_le_bytes(*b"wmtrie02");
/// Number of arrays in an image.
pub const ARRAYS: usize = 10;
/// Bytes before the first array: the magic, `log_total`, then offset and length of each array.
pub const HEADER: usize = 16 + ARRAYS * 16;

impl Built {
    /// The image: [`HEADER`], then each array in native byte order, 16-byte aligned.
    #[allow(dead_code)] // the build script writes the image; the crate only reads it
    pub fn to_bytes(&self) -> Vec<u8> {
        let arrays: [&[u8]; ARRAYS] = [
            bytemuck::cast_slice(&self.cells),
            bytemuck::cast_slice(&self.log_probs),
            bytemuck::cast_slice(&self.codes),
            bytemuck::cast_slice(&self.chars),
            bytemuck::cast_slice(&self.node_of_word),
            bytemuck::cast_slice(&self.rank),
            self.ranked_text.as_bytes(),
            bytemuck::cast_slice(&self.ranked_ends),
            &self.tags,
            self.tag_text.as_bytes(),
        ];
        let mut out = Vec::new();
        out.extend_from_slice(&MAGIC.to_ne_bytes());
        out.extend_from_slice(&self.log_total.to_ne_bytes());
        let mut at = HEADER as u64;
        for a in &arrays {
            out.extend_from_slice(&at.to_ne_bytes());
            out.extend_from_slice(&(a.len() as u64).to_ne_bytes());
            at = (at + a.len() as u64).next_multiple_of(16);
        }
        for a in &arrays {
            out.extend_from_slice(a);
            out.resize(out.len().next_multiple_of(16), 0);
        }
        out
    }
}

/// Read `word freq [tag]` lines (jieba's `dict.txt`): the last frequency of a word is its
/// frequency, and the total sums every line, as jieba's `gen_pfdict` does.
pub fn from_dict(text: &str) -> Built {
    let mut words: Vec<(&str, u64, &str)> = Vec::new();
    let mut total = 0u64;
    for line in text.lines() {
        let mut it = line.split_ascii_whitespace();
        let (Some(w), Some(f)) = (it.next(), it.next()) else {
            continue;
        };
        let Ok(f) = f.parse::<u64>() else { continue };
        total += f;
        words.push((w, f, it.next().unwrap_or("")));
    }
    build(words, total)
}

fn build(words: Vec<(&str, u64, &str)>, total: u64) -> Built {
    // Characters numbered by the frequency they carry, most frequent first.
    let mut weight: rustc_hash::FxHashMap<char, u64> = Default::default();
    for (w, f, _) in &words {
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
    let chars: Vec<u32> = std::iter::once(0)
        .chain(chars.iter().map(|c| c.0 as u32))
        .collect();
    // Keys as code sequences, sorted: the words under a node are a contiguous range, its
    // own word (if any) first, then its children in code order. The codes of all keys are
    // in one array, in key order.
    let mut spans: Vec<(u32, u32, u64, u32)> = Vec::with_capacity(words.len());
    let mut unsorted: Vec<u32> = Vec::new();
    for (i, (w, f, _)) in words.iter().enumerate() {
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
    // The text and tag of each key (the later line's tag, as jieba's `word_tag_tab`).
    let mut texts: Vec<(&str, &str)> = Vec::with_capacity(spans.len());
    for span in &spans {
        if let (Some(&last), Some(freq), Some(text)) =
            (starts.last(), freqs.last_mut(), texts.last_mut())
            && flat[last as usize..] == *key(span)
        {
            *freq = span.2;
            text.1 = words[span.3 as usize].2;
            continue;
        }
        starts.push(flat.len() as u32);
        flat.extend_from_slice(key(span));
        freqs.push(span.2);
        let (w, _, tag) = words[span.3 as usize];
        texts.push((w, tag));
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
    let mut word_nodes: Vec<(u32, (&str, &str))> = nodes
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
    // Each word's tag, as an index into the tags in order of first use.
    let mut tag_names: Vec<&str> = Vec::new();
    let tags: Vec<u8> = word_nodes
        .iter()
        .map(|(_, (_, tag))| {
            let i = tag_names.iter().position(|t| t == tag).unwrap_or_else(|| {
                tag_names.push(tag);
                tag_names.len() - 1
            });
            u8::try_from(i).expect("fewer than 256 tags")
        })
        .collect();
    let tag_text = tag_names.join("\n");
    // The words in string order: by their first eight bytes, then (rarely) by the rest.
    let prefix = |w: &str| {
        u64::from_be_bytes(std::array::from_fn(|i| {
            w.as_bytes().get(i).map_or(0, |b| *b)
        }))
    };
    let mut sorted: Vec<(u64, &str, u32)> = word_nodes
        .iter()
        .enumerate()
        .map(|(id, w)| (prefix(w.1.0), w.1.0, id as u32))
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
    Built {
        cells,
        log_probs,
        codes,
        chars,
        log_total,
        node_of_word,
        rank,
        ranked_text,
        ranked_ends,
        tags,
        tag_text,
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
