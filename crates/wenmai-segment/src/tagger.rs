//! Part-of-speech tags: jieba 0.42.1's `posseg.cut(sentence, HMM=…)`, ported line by line.
//!
//! `posseg.__cut_internal` splits the text with `re_han_internal`; every block is cut along the
//! dictionary's best route (`__cut_DAG`), and each run of single characters the route leaves
//! (`buf`) is tagged:
//!
//! - one character: its dictionary tag, or `x`;
//! - a run that is itself a dictionary word: character by character, with their tags;
//! - any other run: `__cut_detail`, which cuts Han runs with the joint (position, POS) Viterbi
//!   of `posseg/viterbi.py` and the rest with `re_skip_detail` (`m`, `eng`, `x`).
//!
//! The model is jieba's own tables, generated into `data/posseg_model.txt` by
//! `data/gen_posseg_model.py` (jieba is MIT-licensed, Copyright (c) 2013 Sun Junyi). The
//! Viterbi keeps jieba's float arithmetic (`MIN_FLOAT = -3.14e100`, sums in jieba's order) and
//! its tie-breaking (`max` over `(prob, state)` tuples, states in Python's tuple order).
//!
//! The route and the dictionary (user words included) are the [`Dictionary`]'s: the route is
//! jieba's `calc` without the HMM (the default dictionary's trie while it is unchanged,
//! jieba-rs's `HMM=False` route once edited), with its joined ASCII runs split back into the
//! single characters the route left.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::chars::{emit_chars, is_han, is_han_internal, runs};
use crate::dictionary::Dictionary;

/// jieba's `MIN_FLOAT`: the log-probability of an emission the model has never seen.
const MIN_FLOAT: f64 = -3.14e100;

/// The model text, generated from jieba 0.42.1's Python tables.
static MODEL_TEXT: &str = include_str!("../data/posseg_model.txt");

/// The joint (position, POS) HMM of `jieba/posseg`.
struct Model {
    /// Position (`B`, `M`, `E`, `S`) of each state, states in Python's tuple order.
    pos: Vec<u8>,
    /// POS tag of each state.
    tag: Vec<Box<str>>,
    /// `start_P[state]`.
    start: Vec<f64>,
    /// `trans_P[from].get(to, -inf)` at `from * n + to`.
    trans: Vec<f64>,
    /// The states `trans_P[from]` names, per `from` (empty: the state ends every path).
    next: Vec<Vec<u16>>,
    /// `emit_P[state][char]` per char, sorted by state.
    emit: HashMap<char, Vec<(u16, f64)>>,
    /// `char_state_tab_P[char]`, in jieba's order.
    char_states: HashMap<char, Vec<u16>>,
    /// All states (`trans_P.keys()`), for chars without an entry in `char_state_tab_P`.
    all: Vec<u16>,
}

/// The model text is generated and embedded at build time, so a malformed line is a bug in
/// the generator; unit tests load it.
fn parse_f64(s: &str) -> f64 {
    s.parse().unwrap_or(MIN_FLOAT)
}

fn parse_model(text: &str) -> Model {
    let mut m = Model {
        pos: Vec::new(),
        tag: Vec::new(),
        start: Vec::new(),
        trans: Vec::new(),
        next: Vec::new(),
        emit: HashMap::new(),
        char_states: HashMap::new(),
        all: Vec::new(),
    };
    let idx = |s: &str| s.parse::<u16>().unwrap_or(u16::MAX);
    for line in text.lines() {
        let mut f = line.split('\t');
        let kind = f.next().unwrap_or("");
        match kind {
            "S" => {
                for s in f {
                    m.pos.push(s.as_bytes().first().copied().unwrap_or(b'S'));
                    m.tag.push(s.get(1..).unwrap_or("x").into());
                }
                let n = m.pos.len();
                m.all = (0..n as u16).collect();
                m.trans = vec![f64::NEG_INFINITY; n * n];
                m.next = vec![Vec::new(); n];
            }
            "P" => m.start = f.map(parse_f64).collect(),
            "T" => {
                let from = idx(f.next().unwrap_or("")) as usize;
                let n = m.pos.len();
                for e in f {
                    let (to, p) = e.split_once(':').unwrap_or(("", ""));
                    let to = idx(to);
                    if from < n && (to as usize) < n {
                        m.trans[from * n + to as usize] = parse_f64(p);
                        m.next[from].push(to);
                    }
                }
            }
            "E" => {
                let Some(c) = f.next().and_then(|c| c.chars().next()) else {
                    continue;
                };
                let row = f
                    .filter_map(|e| e.split_once(':'))
                    .map(|(s, p)| (idx(s), parse_f64(p)))
                    .collect();
                m.emit.insert(c, row);
            }
            "C" => {
                let Some(c) = f.next().and_then(|c| c.chars().next()) else {
                    continue;
                };
                m.char_states.insert(c, f.map(idx).collect());
            }
            _ => {}
        }
    }
    m
}

static MODEL: LazyLock<Model> = LazyLock::new(|| parse_model(MODEL_TEXT));

impl Model {
    /// `emit_P[state].get(c, MIN_FLOAT)` given `c`'s row of emissions.
    #[inline]
    fn emit(row: &[(u16, f64)], state: u16) -> f64 {
        row.binary_search_by_key(&state, |&(s, _)| s)
            .map_or(MIN_FLOAT, |i| row[i].1)
    }

    #[inline]
    fn emit_row(&self, c: char) -> &[(u16, f64)] {
        self.emit.get(&c).map_or(&[], Vec::as_slice)
    }

    #[inline]
    fn states_of(&self, c: char) -> &[u16] {
        self.char_states.get(&c).map_or(&self.all, Vec::as_slice)
    }

    /// `viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)`: the best state per char.
    ///
    /// Only two rows of probabilities are kept, and a back pointer per state present at each
    /// char (flat, not one row of every state a char): memory grows with the states a char
    /// can take, not with all of the model's states, on runs of any length.
    fn viterbi(&self, obs: &[char]) -> Vec<u16> {
        let n = self.pos.len();
        let len = obs.len();
        if len == 0 {
            return Vec::new();
        }
        let mut pv = vec![f64::NEG_INFINITY; n];
        let mut cv = vec![f64::NEG_INFINITY; n];
        // present[at[t]..at[t + 1]]: the states of char t; back[..] aligned with them.
        let mut present: Vec<u16> = Vec::with_capacity(len);
        let mut back: Vec<u16> = Vec::with_capacity(len);
        let mut at: Vec<usize> = Vec::with_capacity(len + 1);
        at.push(0);
        let row = self.emit_row(obs[0]);
        for &y in self.states_of(obs[0]) {
            pv[y as usize] = self.start[y as usize] + Self::emit(row, y);
            present.push(y);
            back.push(0);
        }
        at.push(present.len());
        let mut expect = vec![false; n];
        let mut prev: Vec<u16> = Vec::new();
        let mut expect_list: Vec<u16> = Vec::new();
        let mut obs_states: Vec<u16> = Vec::new();
        for t in 1..len {
            let row = self.emit_row(obs[t]);
            prev.clear();
            prev.extend(
                present[at[t - 1]..at[t]]
                    .iter()
                    .copied()
                    .filter(|&x| !self.next[x as usize].is_empty()),
            );
            expect_list.iter().for_each(|&y| expect[y as usize] = false);
            expect_list.clear();
            for &x in &prev {
                for &y in &self.next[x as usize] {
                    if !expect[y as usize] {
                        expect[y as usize] = true;
                        expect_list.push(y);
                    }
                }
            }
            obs_states.clear();
            obs_states.extend(
                self.states_of(obs[t])
                    .iter()
                    .copied()
                    .filter(|&y| expect[y as usize]),
            );
            if obs_states.is_empty() {
                obs_states.extend_from_slice(if expect_list.is_empty() {
                    &self.all
                } else {
                    &expect_list
                });
            }
            if prev.is_empty() {
                // jieba's `max` of nothing raises here. No state without successors can be
                // reached with jieba's tables (checked by a test), so this does not happen;
                // start afresh rather than fail.
                for &y in &obs_states {
                    cv[y as usize] = self.start[y as usize] + Self::emit(row, y);
                    present.push(y);
                    back.push(y);
                }
            } else {
                for &y in &obs_states {
                    let e = Self::emit(row, y);
                    let mut best_p = f64::NAN;
                    let mut best_s = 0u16;
                    for &y0 in &prev {
                        let p = pv[y0 as usize] + self.trans[y0 as usize * n + y as usize] + e;
                        // max over (prob, state) tuples.
                        if best_p.is_nan() || p > best_p || (p == best_p && y0 > best_s) {
                            best_p = p;
                            best_s = y0;
                        }
                    }
                    cv[y as usize] = best_p;
                    present.push(y);
                    back.push(best_s);
                }
            }
            at.push(present.len());
            std::mem::swap(&mut pv, &mut cv);
        }
        let last = len - 1;
        let mut state = 0u16;
        let mut best_p = f64::NAN;
        for &y in &present[at[last]..at[len]] {
            let p = pv[y as usize];
            if best_p.is_nan() || p > best_p || (p == best_p && y > state) {
                best_p = p;
                state = y;
            }
        }
        let mut route = vec![0u16; len];
        for i in (0..len).rev() {
            route[i] = state;
            let states = &present[at[i]..at[i + 1]];
            // The state is one of char i's (the route only follows present states).
            let k = states.iter().position(|&y| y == state).unwrap_or(0);
            state = back[at[i] + k];
        }
        route
    }

    /// `POSTokenizer.__cut(sentence)` on a run of Han characters.
    fn cut<'a>(&self, s: &'a str, base: usize, emit: &mut impl FnMut(&'a str, usize, &str)) {
        let (offs, obs): (Vec<usize>, Vec<char>) = s.char_indices().unzip();
        let route = self.viterbi(&obs);
        let at = |i: usize| offs.get(i).copied().unwrap_or(s.len());
        let (mut begin, mut nexti) = (0usize, 0usize);
        for (i, &st) in route.iter().enumerate() {
            let st = st as usize;
            match self.pos[st] {
                b'B' => begin = i,
                b'E' => {
                    emit(&s[at(begin)..at(i + 1)], base + at(begin), &self.tag[st]);
                    nexti = i + 1;
                }
                b'S' => {
                    emit(&s[at(i)..at(i + 1)], base + at(i), &self.tag[st]);
                    nexti = i + 1;
                }
                _ => {}
            }
        }
        if nexti < route.len() {
            let st = route[nexti] as usize;
            emit(&s[at(nexti)..], base + at(nexti), &self.tag[st]);
        }
    }
}

/// `re_skip_detail.split(blk)` (`([\.0-9]+|[a-zA-Z0-9]+)`), non-empty pieces tagged `m` when
/// they start like `re_num`, `eng` like `re_eng`, else `x`.
fn skip_detail<'a>(s: &'a str, base: usize, emit: &mut impl FnMut(&'a str, usize, &str)) {
    let b = s.as_bytes();
    let is_num = |c: u8| c == b'.' || c.is_ascii_digit();
    let mut pos = 0;
    while pos < b.len() {
        let m = b[pos..]
            .iter()
            .position(|&c| is_num(c) || c.is_ascii_alphanumeric())
            .map_or(b.len(), |o| pos + o);
        if m > pos {
            emit(&s[pos..m], base + pos, "x");
        }
        if m == b.len() {
            return;
        }
        let mut e = m;
        let tag = if is_num(b[m]) {
            while e < b.len() && is_num(b[e]) {
                e += 1;
            }
            "m"
        } else {
            while e < b.len() && b[e].is_ascii_alphanumeric() {
                e += 1;
            }
            "eng"
        };
        emit(&s[m..e], base + m, tag);
        pos = e;
    }
}

/// `POSTokenizer.__cut_detail(sentence)`.
fn cut_detail<'a>(s: &'a str, base: usize, emit: &mut impl FnMut(&'a str, usize, &str)) {
    for (blk, off, han) in runs(s, is_han) {
        if han {
            MODEL.cut(blk, base + off, emit);
        } else {
            skip_detail(blk, base + off, emit);
        }
    }
}

impl Dictionary {
    /// Words, byte offsets and part-of-speech tags, as `jieba.posseg.cut(text, HMM=hmm)`
    /// and [`Segmenter::tag`](crate::Segmenter::tag).
    pub fn each_tagged<'a>(
        &self,
        text: &'a str,
        hmm: bool,
        mut emit: impl FnMut(&'a str, usize, &str),
    ) {
        if hmm {
            return self.each_tagged_hmm(text, emit);
        }
        for (block, base, han) in runs(text, is_han_internal) {
            if !han {
                emit_chars(block, base, &mut |w, b| emit(w, b, "x"));
                continue;
            }
            self.each_routed(block, |w, start, tag| {
                let b = base + start;
                let in_dict = self.is_word(w);
                let tag: &str = if tag.is_empty() { "x" } else { tag };
                let tag = self.tag_of(w, tag);
                if w.bytes().all(|c| c.is_ascii_alphanumeric()) && (w.len() == 1 || !in_dict) {
                    emit(w, b, "eng");
                } else if !in_dict {
                    emit(w, b, "x");
                } else {
                    emit(w, b, tag);
                }
            });
        }
    }

    /// `word_tag_tab.get(word, 'x')` for a single character.
    fn char_tag<'s>(&'s self, c: &'s str) -> &'s str {
        if !self.has_word(c) {
            return "x";
        }
        let mut tag = "x";
        self.each_routed(c, |_, _, t| tag = if t.is_empty() { "x" } else { t });
        self.tag_of(c, tag)
    }

    /// Tag `buf`, a run of single characters of the route, as `__cut_DAG` does.
    fn flush_buf<'a>(
        &self,
        buf: &[(usize, usize, &str)],
        block: &'a str,
        base: usize,
        emit: &mut impl FnMut(&'a str, usize, &str),
    ) {
        let (Some(&(s, _, _)), Some(&(_, e, _))) = (buf.first(), buf.last()) else {
            return;
        };
        let word = &block[s..e];
        if buf.len() == 1 {
            emit(word, base + s, buf[0].2);
        } else if !self.is_word(word) {
            cut_detail(word, base + s, emit);
        } else {
            for &(s, e, t) in buf {
                emit(&block[s..e], base + s, t);
            }
        }
    }

    /// `POSTokenizer.__cut_DAG(block)` on one `re_han_internal` block.
    fn cut_dag<'a>(
        &self,
        block: &'a str,
        base: usize,
        emit: &mut impl FnMut(&'a str, usize, &str),
    ) {
        let mut buf: Vec<(usize, usize, &str)> = Vec::new();
        self.each_routed(block, |w, start, tag| {
            let end = start + w.len();
            if w.chars().nth(1).is_none() {
                let tag = if self.has_word(w) && !tag.is_empty() {
                    self.tag_of(w, tag)
                } else {
                    "x"
                };
                buf.push((start, end, tag));
            } else if w.bytes().all(|c| c.is_ascii_alphanumeric()) && !self.has_word(w) {
                // The route joins single ASCII alphanumerics (as jieba-rs); jieba buffers them.
                for i in start..end {
                    buf.push((i, i + 1, self.char_tag(&block[i..i + 1])));
                }
            } else {
                self.flush_buf(&buf, block, base, emit);
                buf.clear();
                let tag = if tag.is_empty() { "x" } else { tag };
                emit(w, base + start, self.tag_of(w, tag));
            }
        });
        self.flush_buf(&buf, block, base, emit);
    }

    /// `jieba.posseg.cut(text, HMM=True)`: words, byte offsets and tags.
    fn each_tagged_hmm<'a>(&self, text: &'a str, mut emit: impl FnMut(&'a str, usize, &str)) {
        for (block, base, han) in runs(text, is_han_internal) {
            if han {
                self.cut_dag(block, base, &mut emit);
                continue;
            }
            // re_skip_internal.split: `\r\n` or one char at a time, all `x` (no char outside
            // re_han_internal matches re_num or re_eng).
            emit_chars(block, base, &mut |w, b| emit(w, b, "x"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Segmenter;

    fn tags(seg: &Segmenter, s: &str) -> Vec<(String, String)> {
        seg.tag(s, true)
            .into_iter()
            .map(|(w, t)| (w.to_owned(), t))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(w, t)| ((*w).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn model_is_jiebas() {
        let m = &*MODEL;
        assert_eq!(m.pos.len(), 256);
        assert_eq!(m.start.len(), 256);
        assert_eq!(m.char_states.len(), 6648);
        assert_eq!(m.emit.values().map(Vec::len).sum::<usize>(), 89290);
        assert_eq!(m.next.iter().map(Vec::len).sum::<usize>(), 5218);
        // States in Python's tuple order.
        let names: Vec<(u8, &str)> = m
            .pos
            .iter()
            .copied()
            .zip(m.tag.iter().map(|t| &**t))
            .collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        // No state without successors can be reached, so jieba's `max` is never empty.
        for from in &m.next {
            for &to in from {
                assert!(!m.next[to as usize].is_empty());
            }
        }
    }

    /// `jieba.posseg.lcut(text)` (HMM on), from jieba 0.42.1.
    const JIEBA: &[(&str, &[(&str, &str)])] = &[
        // Single chars the route leaves are tagged by the (word, tag) HMM.
        (
            "历史上极不平凡",
            &[
                ("历史", "n"),
                ("上", "f"),
                ("极", "d"),
                ("不", "d"),
                ("平凡", "a"),
            ],
        ),
        (
            "他说很好",
            &[("他", "r"), ("说", "v"), ("很", "d"), ("好", "a")],
        ),
        // `不多` is a dictionary word the route splits: emitted char by char.
        (
            "敢于这样主动迎接挑战的国家大概不多。",
            &[
                ("敢于", "v"),
                ("这样", "r"),
                ("主动", "b"),
                ("迎接挑战", "i"),
                ("的", "uj"),
                ("国家", "n"),
                ("大概", "d"),
                ("不", "d"),
                ("多", "m"),
                ("。", "x"),
            ],
        ),
        (
            "多年来，中希贸易始终处于较低的水平。",
            &[
                ("多年", "m"),
                ("来", "v"),
                ("，", "x"),
                ("中希", "ns"),
                ("贸易", "vn"),
                ("始终", "d"),
                ("处于", "v"),
                ("较低", "a"),
                ("的", "uj"),
                ("水平", "n"),
                ("。", "x"),
            ],
        ),
        // Names and full-width digits.
        (
            "瓦西里斯的船只中有４０％驶向远东",
            &[
                ("瓦西里", "nrt"),
                ("斯", "r"),
                ("的", "uj"),
                ("船只", "n"),
                ("中", "f"),
                ("有", "v"),
                ("４", "x"),
                ("０", "x"),
                ("％", "x"),
                ("驶向", "v"),
                ("远东", "ns"),
            ],
        ),
        (
            "韩玉赏鉴和李小福是好朋友",
            &[
                ("韩玉", "nr"),
                ("赏鉴", "v"),
                ("和", "c"),
                ("李小福", "nr"),
                ("是", "v"),
                ("好", "a"),
                ("朋友", "n"),
            ],
        ),
        // ASCII inside re_han_internal blocks: re_skip_detail pieces.
        (
            "2001年GDP增长7.5%，v1.2.3版本的C++和x&y_z比赛3a4",
            &[
                ("2001", "m"),
                ("年", "m"),
                ("GDP", "eng"),
                ("增长", "v"),
                ("7.5", "m"),
                ("%", "x"),
                ("，", "x"),
                ("v1", "eng"),
                (".2.3", "m"),
                ("版本", "n"),
                ("的", "uj"),
                ("C++", "nz"),
                ("和", "c"),
                ("x", "eng"),
                ("&", "x"),
                ("y", "eng"),
                ("_", "x"),
                ("z", "eng"),
                ("比赛", "vn"),
                ("3", "m"),
                ("a4", "eng"),
            ],
        ),
        (
            "一九五四年预计产量来同一九四九年产量比较一下\r\n第二行",
            &[
                ("一九五四年", "m"),
                ("预计", "vn"),
                ("产量", "n"),
                ("来", "v"),
                ("同", "p"),
                ("一九四九年", "m"),
                ("产量", "n"),
                ("比较", "d"),
                ("一下", "m"),
                ("\r\n", "x"),
                ("第二行", "m"),
            ],
        ),
    ];

    #[test]
    fn same_as_jieba() {
        let seg = Segmenter::default();
        for (text, expected) in JIEBA {
            assert_eq!(tags(&seg, text), pairs(expected), "{text}");
        }
    }

    #[test]
    fn user_words_and_deleted_words() {
        // jieba: t.add_word("文脉分析", None, "nz"); t.add_word("中国人民", 5); t.del_word("大学")
        let seg = Segmenter::new();
        seg.add_word("文脉分析", None, Some("nz")).unwrap();
        seg.add_word("中国人民", Some(5), None).unwrap();
        seg.del_word("大学").unwrap();
        assert_eq!(
            tags(&seg, "文脉分析对中国人民很有用"),
            pairs(&[
                ("文脉分析", "nz"),
                ("对", "p"),
                ("中国", "ns"),
                ("人民", "n"),
                ("很", "zg"),
                ("有用", "v")
            ])
        );
        assert_eq!(
            tags(&seg, "我来到北京清华大学读大学"),
            pairs(&[
                ("我", "r"),
                ("来到", "v"),
                ("北京", "ns"),
                ("清华大学", "nt"),
                ("读", "v"),
                ("大学", "n")
            ])
        );
    }

    #[test]
    fn offsets_cover_the_text() {
        let seg = Segmenter::default();
        for (text, _) in JIEBA {
            let mut end = 0;
            seg.with_dictionary(|d| {
                d.each_tagged_hmm(text, |w, b, _| {
                    assert_eq!(b, end);
                    assert_eq!(&text[b..b + w.len()], w);
                    end = b + w.len();
                })
            });
            assert_eq!(end, text.len());
        }
    }

    #[test]
    fn skip_detail_pieces() {
        let mut v = Vec::new();
        skip_detail("3.5a3b+#x9", 0, &mut |w, _, t| v.push((w, t.to_owned())));
        let v: Vec<(&str, &str)> = v.iter().map(|(w, t)| (*w, t.as_str())).collect();
        assert_eq!(
            v,
            [("3.5", "m"), ("a3b", "eng"), ("+#", "x"), ("x9", "eng")]
        );
    }
}
