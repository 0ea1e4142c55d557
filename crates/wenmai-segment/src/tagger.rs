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
    /// The states whose `trans_P` names `to`, per `to` (`next` turned round).
    from: Vec<Vec<u16>>,
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
        from: Vec::new(),
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
    m.from = vec![Vec::new(); m.pos.len()];
    for (x, next) in m.next.iter().enumerate() {
        next.iter().for_each(|&y| m.from[y as usize].push(x as u16));
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

    /// The best `(V[t-1][y0] + trans_P[y0][y] + e, y0)` over the states `cands` (NaN: none).
    #[inline]
    fn best_from(
        &self,
        cands: impl Iterator<Item = u16>,
        pv: &[f64],
        y: u16,
        e: f64,
    ) -> (f64, u16) {
        let n = self.pos.len();
        let (mut best_p, mut best_s) = (f64::NAN, 0u16);
        for y0 in cands {
            let p = pv[y0 as usize] + self.trans[y0 as usize * n + y as usize] + e;
            if best_p.is_nan() || p > best_p || (p == best_p && y0 > best_s) {
                best_p = p;
                best_s = y0;
            }
        }
        (best_p, best_s)
    }

    /// `viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)`: the best state per char,
    /// given to `on` in order.
    ///
    /// Only two rows of probabilities are kept, and back pointers per state present at a
    /// char (flat, not one row of every state) for one segment of `seg` chars at a time: the
    /// forward pass keeps the probabilities at the start of each segment, and the trace back
    /// computes each segment's pointers again from them, last segment first. A long run thus
    /// holds two bytes of route per char, not its pointers, for twice the forward work.
    fn viterbi_each(&self, obs: &[char], seg: usize, on: impl FnMut(u16)) {
        let len = obs.len();
        if len == 0 {
            return;
        }
        let mut sc = Scratch::new(self.pos.len());
        let mut win = Window::default();
        // The probabilities after char s - 1 and its states, at each segment start s > 0.
        let mut marks: Vec<(Vec<f64>, Vec<u16>)> = Vec::new();
        self.first(obs[0], &mut sc, &mut win);
        self.forward(obs, 1..len.min(seg), &mut sc, &mut win);
        let mut s = seg;
        while s < len {
            let before = win.states(s - 1).to_vec();
            marks.push((sc.pv.clone(), before.clone()));
            win.restart(s - 1, before);
            self.forward(obs, s..len.min(s.saturating_add(seg)), &mut sc, &mut win);
            s = s.saturating_add(seg);
        }
        let last = len - 1;
        let mut state = 0u16;
        let mut best_p = f64::NAN;
        for &y in win.states(last) {
            let p = sc.pv[y as usize];
            if best_p.is_nan() || p > best_p || (p == best_p && y > state) {
                best_p = p;
                state = y;
            }
        }
        let mut route = vec![0u16; len];
        let (mut start, mut end) = (last / seg * seg, len);
        loop {
            for i in (start..end).rev() {
                route[i] = state;
                state = win.back_of(i, state);
            }
            if start == 0 {
                break;
            }
            (start, end) = (start - seg, start);
            if start == 0 {
                self.first(obs[0], &mut sc, &mut win);
                self.forward(obs, 1..end, &mut sc, &mut win);
            } else {
                let (pv, before) = std::mem::take(&mut marks[start / seg - 1]);
                sc.pv = pv;
                win.restart(start - 1, before);
                self.forward(obs, start..end, &mut sc, &mut win);
            }
        }
        route.into_iter().for_each(on);
    }

    /// The states of the first char and their probabilities, in a fresh window.
    fn first(&self, c: char, sc: &mut Scratch, win: &mut Window) {
        win.restart(0, Vec::new());
        win.at.clear();
        win.at.push(0);
        let row = self.emit_row(c);
        for &y in self.states_of(c) {
            sc.pv[y as usize] = self.start[y as usize] + Self::emit(row, y);
            win.present.push(y);
            win.back.push(0);
        }
        win.at.push(win.present.len());
    }

    /// The Viterbi step of each char of `range`, the window holding the char before it.
    fn forward(
        &self,
        obs: &[char],
        range: std::ops::Range<usize>,
        sc: &mut Scratch,
        win: &mut Window,
    ) {
        for t in range {
            let row = self.emit_row(obs[t]);
            let Scratch {
                pv,
                cv,
                expect,
                in_prev,
                prev,
                expect_list,
                obs_states,
            } = &mut *sc;
            prev.clear();
            prev.extend(
                win.states(t - 1)
                    .iter()
                    .copied()
                    .filter(|&x| !self.next[x as usize].is_empty()),
            );
            expect_list.iter().for_each(|&y| expect[y as usize] = false);
            expect_list.clear();
            for &x in prev.iter() {
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
                    expect_list
                });
            }
            if prev.is_empty() {
                // jieba's `max` of nothing raises here. No state without successors can be
                // reached with jieba's tables (checked by a test), so this does not happen;
                // start afresh rather than fail.
                for &y in obs_states.iter() {
                    cv[y as usize] = self.start[y as usize] + Self::emit(row, y);
                    win.present.push(y);
                    win.back.push(y);
                }
            } else {
                prev.iter().for_each(|&x| in_prev[x as usize] = true);
                for &y in obs_states.iter() {
                    let e = Self::emit(row, y);
                    // max over (prob, state) tuples, which is the same in any order. Every y
                    // here follows some state of `prev`, and those beat the -inf of the
                    // others: where they are fewer, only they are tried.
                    let from = &self.from[y as usize];
                    let (mut best_p, mut best_s) = if from.len() < prev.len() {
                        let cands = from.iter().copied().filter(|&x| in_prev[x as usize]);
                        self.best_from(cands, pv, y, e)
                    } else {
                        (f64::NAN, 0)
                    };
                    // NaN or -inf: no finite candidate, so ties with the others decide.
                    if best_p.is_nan() || best_p == f64::NEG_INFINITY {
                        (best_p, best_s) = self.best_from(prev.iter().copied(), pv, y, e);
                    }
                    cv[y as usize] = best_p;
                    win.present.push(y);
                    win.back.push(best_s);
                }
                prev.iter().for_each(|&x| in_prev[x as usize] = false);
            }
            win.at.push(win.present.len());
            std::mem::swap(pv, cv);
        }
    }

    /// `POSTokenizer.__cut(sentence)` on a run of Han characters.
    fn cut<'a>(&self, s: &'a str, base: usize, emit: &mut impl FnMut(&'a str, usize, &str)) {
        let obs: Vec<char> = s.chars().collect();
        // Byte offsets: of char i, of the word begun (B), of the first char not yet emitted.
        let (mut i, mut cur, mut begin, mut nexti) = (0usize, 0usize, 0usize, 0usize);
        let mut rest = 0usize;
        self.viterbi_each(&obs, SEGMENT, |st| {
            let st = st as usize;
            let next = cur + obs[i].len_utf8();
            if cur == nexti {
                rest = st;
            }
            match self.pos[st] {
                b'B' => begin = cur,
                b'E' => {
                    emit(&s[begin..next], base + begin, &self.tag[st]);
                    nexti = next;
                }
                b'S' => {
                    emit(&s[cur..next], base + cur, &self.tag[st]);
                    nexti = next;
                }
                _ => {}
            }
            i += 1;
            cur = next;
        });
        if nexti < s.len() {
            emit(&s[nexti..], base + nexti, &self.tag[rest]);
        }
    }
}

/// Chars of a long Viterbi run whose back pointers are held at a time.
const SEGMENT: usize = 4096;

/// The Viterbi rows and the buffers reused from char to char.
struct Scratch {
    /// The probabilities of the states of the last char stepped (`V[t - 1]`).
    pv: Vec<f64>,
    cv: Vec<f64>,
    expect: Vec<bool>,
    in_prev: Vec<bool>,
    prev: Vec<u16>,
    expect_list: Vec<u16>,
    obs_states: Vec<u16>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            pv: vec![f64::NEG_INFINITY; n],
            cv: vec![f64::NEG_INFINITY; n],
            expect: vec![false; n],
            in_prev: vec![false; n],
            prev: Vec::new(),
            expect_list: Vec::new(),
            obs_states: Vec::new(),
        }
    }
}

/// The back pointers of the chars `t0..` of a Viterbi run.
#[derive(Default)]
struct Window {
    t0: usize,
    /// `present[at[t - t0]..at[t - t0 + 1]]`: the states of char t.
    present: Vec<u16>,
    /// The best previous state of each of `present`.
    back: Vec<u16>,
    at: Vec<usize>,
}

impl Window {
    /// Hold from char `t0`, whose states are `states` (their pointers are not needed).
    fn restart(&mut self, t0: usize, states: Vec<u16>) {
        self.t0 = t0;
        self.back.clear();
        self.back.resize(states.len(), 0);
        self.at.clear();
        self.at.extend([0, states.len()]);
        self.present = states;
    }

    fn states(&self, t: usize) -> &[u16] {
        &self.present[self.at[t - self.t0]..self.at[t - self.t0 + 1]]
    }

    /// The state of char t - 1 on the route through `state` at char t (the first state's
    /// when `state` is not one of char t's, as jieba's trace back does).
    fn back_of(&self, t: usize, state: u16) -> u16 {
        let k = self.states(t).iter().position(|&y| y == state).unwrap_or(0);
        self.back[self.at[t - self.t0] + k]
    }
}

/// The tags of a run of buffered chars, as ids into the distinct tags met (four bytes a char).
#[derive(Default)]
struct TagRun<'t> {
    names: Vec<&'t str>,
    index: HashMap<&'t str, u32>,
    ids: Vec<u32>,
}

impl<'t> TagRun<'t> {
    fn push(&mut self, tag: &'t str) {
        let next = self.names.len() as u32;
        let id = *self.index.entry(tag).or_insert(next);
        if id == next {
            self.names.push(tag);
        }
        self.ids.push(id);
    }

    fn get(&self, i: usize) -> &'t str {
        self.names[self.ids[i] as usize]
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

    /// Tag `block[start..end]`, a run of single characters of the route with their `tags`,
    /// as `__cut_DAG` does with its `buf`.
    fn flush_buf<'a>(
        &self,
        (start, end): (usize, usize),
        tags: &TagRun<'_>,
        block: &'a str,
        base: usize,
        emit: &mut impl FnMut(&'a str, usize, &str),
    ) {
        if tags.ids.is_empty() {
            return;
        }
        let word = &block[start..end];
        if tags.ids.len() == 1 {
            emit(word, base + start, tags.get(0));
        } else if !self.is_word(word) {
            cut_detail(word, base + start, emit);
        } else {
            for (i, (off, c)) in word.char_indices().enumerate() {
                emit(
                    &word[off..off + c.len_utf8()],
                    base + start + off,
                    tags.get(i),
                );
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
        // The buffered chars are consecutive: their span and one tag id each, no offsets.
        let mut span = (0usize, 0usize);
        let mut tags = TagRun::default();
        self.each_routed(block, |w, start, tag| {
            let end = start + w.len();
            if tags.ids.is_empty() {
                span.0 = start;
            }
            if w.chars().nth(1).is_none() {
                tags.push(if self.has_word(w) && !tag.is_empty() {
                    self.tag_of(w, tag)
                } else {
                    "x"
                });
                span.1 = end;
            } else if w.bytes().all(|c| c.is_ascii_alphanumeric()) && !self.has_word(w) {
                // The route joins single ASCII alphanumerics (as jieba-rs); jieba buffers them.
                for i in start..end {
                    tags.push(self.char_tag(&block[i..i + 1]));
                }
                span.1 = end;
            } else {
                self.flush_buf(span, &tags, block, base, emit);
                tags.ids.clear();
                let tag = if tag.is_empty() { "x" } else { tag };
                emit(w, base + start, self.tag_of(w, tag));
            }
        });
        self.flush_buf(span, &tags, block, base, emit);
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

    /// The route of a run cut in segments of `seg` chars (past the run: one segment).
    fn route(obs: &[char], seg: usize) -> Vec<u16> {
        let mut out = Vec::new();
        MODEL.viterbi_each(obs, seg, |s| out.push(s));
        out
    }

    #[test]
    fn segmented_routes_are_the_whole_runs() {
        // A fixed pseudo-random mix of common, rare and ambiguous chars, and runs of one char.
        let pool: Vec<char> = "的了是在不我有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切龘䶮䲜".chars().collect();
        let mut x = 12345u64;
        let mixed: Vec<char> = (0..2_000)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                pool[(x >> 33) as usize % pool.len()]
            })
            .collect();
        let runs = [
            mixed,
            vec!['的'; 3_000],
            vec!['龘'; 300],
            "的了".chars().cycle().take(3_001).collect(),
        ];
        for obs in &runs {
            let whole = route(obs, usize::MAX);
            assert_eq!(whole.len(), obs.len());
            for seg in [1, 2, 7, 64] {
                assert_eq!(route(obs, seg), whole, "segments of {seg}");
            }
        }
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
