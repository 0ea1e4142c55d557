//! jieba 0.42.1's HMM for unknown words (`jieba.finalseg.cut`), for the runs of single
//! characters the route of [`crate::trie`] leaves.
//!
//! The model is jieba's own tables, generated into `data/finalseg_model.txt` by
//! `data/gen_finalseg_model.py` (jieba is MIT-licensed, Copyright (c) 2013 Sun Junyi), at
//! full precision. The emission table is dense over `re_han` (`[\u4E00-\u9FD5]`), so a step of
//! Viterbi is one load. The runs are short (a few chars): a run is decoded once, its back
//! pointers stay on the stack, and the tokens go out as char ranges, so the caller can use
//! the codes it already has.

use std::sync::LazyLock;

include_flate::flate!(static MODEL_TEXT: str from "data/finalseg_model.txt" with zstd);

/// B, E, M, S: jieba breaks ties between equal scores towards the later state.
const B: usize = 0;
const E: usize = 1;
const M: usize = 2;
const S: usize = 3;
/// jieba's `MIN_FLOAT`, the log-probability of an emission the model lacks.
const MIN_FLOAT: f64 = -3.14e100;
/// The states each state can follow, in index order (jieba's `PrevStatus`).
const PREV: [[usize; 2]; 4] = [[E, S], [B, M], [B, M], [E, S]];
const HAN_MIN: char = '\u{4E00}';
const HAN_MAX: char = '\u{9FD5}';

struct Model {
    start: [f64; 4],
    trans: [[f64; 4]; 4],
    /// `trans[PREV[y][0]][y]` and `trans[PREV[y][1]][y]`: the transitions a step uses.
    trans_a: [f64; 4],
    trans_b: [f64; 4],
    /// Per char of `re_han`, by `c - HAN_MIN`.
    emit: Vec<[f64; 4]>,
}

static MODEL: LazyLock<Model> = LazyLock::new(|| Model::parse(&MODEL_TEXT));

impl Model {
    /// Read the generated table (part of the crate). As `tagger.rs` reads its own, nothing here
    /// panics: a malformed entry would be skipped and keep `MIN_FLOAT`, and `model_is_jiebas`
    /// and the parity tests would see it.
    fn parse(text: &str) -> Model {
        let mut m = Model {
            start: [MIN_FLOAT; 4],
            trans: [[f64::NEG_INFINITY; 4]; 4],
            trans_a: [0.0; 4],
            trans_b: [0.0; 4],
            emit: vec![[MIN_FLOAT; 4]; (HAN_MAX as usize) - (HAN_MIN as usize) + 1],
        };
        let pair = |s: &str| -> Option<(usize, f64)> {
            let (k, v) = s.split_once(':')?;
            let k: usize = k.parse().ok()?;
            (k < 4).then_some((k, v.parse().ok()?))
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            match f.next() {
                Some("P") => {
                    for (s, v) in m.start.iter_mut().zip(f) {
                        *s = v.parse().unwrap_or(MIN_FLOAT);
                    }
                }
                Some("T") => {
                    let Some(from) = f.next().and_then(|v| v.parse::<usize>().ok()) else {
                        continue;
                    };
                    if let Some(row) = m.trans.get_mut(from) {
                        for (to, p) in f.filter_map(pair) {
                            row[to] = p;
                        }
                    }
                }
                Some("E") => {
                    let Some(c) = f.next().and_then(|v| v.chars().next()) else {
                        continue;
                    };
                    if (HAN_MIN..=HAN_MAX).contains(&c) {
                        let row = &mut m.emit[c as usize - HAN_MIN as usize];
                        for (s, p) in f.filter_map(pair) {
                            row[s] = p;
                        }
                    }
                }
                _ => {}
            }
        }
        m.trans_a = std::array::from_fn(|y| m.trans[PREV[y][0]][y]);
        m.trans_b = std::array::from_fn(|y| m.trans[PREV[y][1]][y]);
        m
    }

    #[cfg(test)]
    fn emit(&self, c: char) -> &[f64; 4] {
        &self.emit[c as usize - HAN_MIN as usize]
    }
}

/// The back pointers of a piece, one byte a char (bit `y` set: state `y` came from
/// `PREV[y][0]`, else from `PREV[y][1]`); after the walk back, the byte is the char's state.
/// Most pieces are a few chars: they stay on the stack, and only a longer piece uses the heap.
struct Backs {
    head: [u8; HEAD],
    tail: Vec<u8>,
}

const HEAD: usize = 64;

impl Backs {
    #[inline(always)]
    fn set(&mut self, t: usize, b: u8) {
        if let Some(x) = self.head.get_mut(t) {
            *x = b;
        } else if let Some(x) = self.tail.get_mut(t - HEAD) {
            *x = b;
        } else {
            self.tail.push(b);
        }
    }

    #[inline(always)]
    fn get(&self, t: usize) -> u8 {
        match self.head.get(t) {
            Some(&b) => b,
            None => self.tail.get(t - HEAD).copied().unwrap_or(0),
        }
    }
}

#[cfg(test)]
fn is_han(c: char) -> bool {
    (HAN_MIN..=HAN_MAX).contains(&c)
}

/// jieba's `finalseg.cut(run)`: pieces of `re_han` chars are cut by the HMM, other pieces by
/// `re_skip` (`[a-zA-Z0-9]+(?:\.\d+)?%?` and what lies between). `emit(first, end)` for each
/// token in order, in chars of `run` (the caller knows the chars' codes and offsets).
pub(crate) fn cut(run: &str, emit: &mut impl FnMut(usize, usize)) {
    let model = &*MODEL;
    let mut backs = Backs {
        head: [0; HEAD],
        tail: Vec::new(),
    };
    // The open piece: its first char and byte, and whether it is han. Viterbi's scores of
    // the open han piece.
    let (mut first, mut first_byte, mut han) = (0usize, 0usize, false);
    let mut v = [0.0f64; 4];
    let mut k = 0usize;
    // The emission table has a row for each han char and no other: a row found is a han char.
    let table = &model.emit[..];
    for (i, c) in run.char_indices() {
        if let Some(em) = table.get((c as usize).wrapping_sub(HAN_MIN as usize)) {
            if !han {
                if k > first {
                    cut_other(&run[first_byte..i], first, emit);
                }
                (first, first_byte, han) = (k, i, true);
                for y in 0..4 {
                    v[y] = model.start[y] + em[y];
                }
            } else {
                v = model.step(&v, em, &mut backs, k - first);
            }
        } else if han {
            cut_han(&v, &mut backs, first, k - first, emit);
            (first, first_byte, han) = (k, i, false);
        }
        k += 1;
    }
    if k > first {
        if han {
            cut_han(&v, &mut backs, first, k - first, emit);
        } else {
            cut_other(&run[first_byte..], first, emit);
        }
    }
}

/// A piece of other chars (from a block, ASCII), split by `re_skip`, in chars from `first`.
fn cut_other(piece: &str, first: usize, emit: &mut impl FnMut(usize, usize)) {
    if piece.is_ascii() {
        crate::chars::split_finalseg_skip(piece, |w, o| emit(first + o, first + o + w.len()));
    } else {
        // Tokens come in order: chars are counted from the previous token's end, once each.
        let (mut byte, mut char) = (0usize, first);
        crate::chars::split_finalseg_skip(piece, |w, o| {
            let start = char + piece[byte..o].chars().count();
            let end = start + w.chars().count();
            (byte, char) = (o + w.len(), end);
            emit(start, end);
        });
    }
}

impl Model {
    /// One step of Viterbi: the scores of the next char from `v`, its back pointers in
    /// `backs[t]`. The four states are computed alike (their two candidate states picked
    /// from `v`, the transitions from tables), so the arithmetic can go in vector lanes.
    #[inline(always)]
    fn step(&self, v: &[f64; 4], em: &[f64; 4], backs: &mut Backs, t: usize) -> [f64; 4] {
        let va = [v[PREV[0][0]], v[PREV[1][0]], v[PREV[2][0]], v[PREV[3][0]]];
        let vb = [v[PREV[0][1]], v[PREV[1][1]], v[PREV[2][1]], v[PREV[3][1]]];
        let pa: [f64; 4] = std::array::from_fn(|y| va[y] + self.trans_a[y] + em[y]);
        let pb: [f64; 4] = std::array::from_fn(|y| vb[y] + self.trans_b[y] + em[y]);
        // max over (prob, state) tuples: a tie goes to the later state, `PREV[y][1]`.
        let a: [bool; 4] = std::array::from_fn(|y| pa[y] > pb[y]);
        let bits = a
            .iter()
            .enumerate()
            .fold(0u8, |bits, (y, &a)| bits | u8::from(a) << y);
        backs.set(t, bits);
        std::array::from_fn(|y| if a[y] { pa[y] } else { pb[y] })
    }
}

/// The end of jieba's `finalseg.__cut` of a han piece of `n` chars from char `first`, whose
/// Viterbi scores are `v`: the last state is E or S (a tie goes to S), the others follow the
/// back pointers; then a word from each B to its E, each S alone, and whatever follows the
/// last E or S as one word.
fn cut_han(
    v: &[f64; 4],
    backs: &mut Backs,
    first: usize,
    n: usize,
    emit: &mut impl FnMut(usize, usize),
) {
    if n == 1 {
        emit(first, first + 1);
        return;
    }
    let mut state = if v[E] > v[S] { E } else { S };
    for t in (1..n).rev() {
        let from = backs.get(t) >> state & 1;
        backs.set(t, state as u8);
        state = PREV[state][usize::from(from == 0)];
    }
    backs.set(0, state as u8);
    let (mut begin, mut next) = (0usize, 0usize);
    for i in 0..n {
        match usize::from(backs.get(i)) {
            B => begin = i,
            E => {
                emit(first + begin, first + i + 1);
                next = i + 1;
            }
            S => {
                emit(first + i, first + i + 1);
                next = i + 1;
            }
            _ => {}
        }
    }
    if next < n {
        emit(first + next, first + n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(run: &str) -> Vec<String> {
        let chars: Vec<char> = run.chars().collect();
        let mut out = Vec::new();
        cut(run, &mut |a, z| out.push(chars[a..z].iter().collect()));
        out
    }

    #[test]
    fn model_is_jiebas() {
        let m = &*MODEL;
        assert_eq!(m.start[B], -0.26268660809250016);
        assert_eq!(m.trans[M][E], -0.33344856811948514);
        assert_eq!(m.trans[B][S], f64::NEG_INFINITY);
        // jieba: P['B']['耀'] (jieba-rs's hmm.model rounds it to -10.460283).
        assert_eq!(m.emit('耀')[B], -10.460283413121749);
    }

    /// jieba's `finalseg.cut` as written in Python: split into pieces, Viterbi over each han
    /// piece with a full table of back pointers.
    fn plain(run: &str) -> Vec<String> {
        let m = &*MODEL;
        let mut out = Vec::new();
        let chars: Vec<char> = run.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let han = is_han(chars[i]);
            let mut j = i;
            while j < chars.len() && is_han(chars[j]) == han {
                j += 1;
            }
            let piece = &chars[i..j];
            let text: String = piece.iter().collect();
            if !han {
                crate::chars::split_finalseg_skip(&text, |w, _| out.push(w.to_string()));
            } else if piece.len() == 1 {
                out.push(text);
            } else {
                let mut v: Vec<[f64; 4]> = vec![[0.0; 4]; piece.len()];
                let mut back = vec![[0usize; 4]; piece.len()];
                v[0] = std::array::from_fn(|y| m.start[y] + m.emit(piece[0])[y]);
                for t in 1..piece.len() {
                    for y in 0..4 {
                        let em = m.emit(piece[t])[y];
                        let cands = PREV[y].map(|y0| (v[t - 1][y0] + m.trans[y0][y] + em, y0));
                        let best = if cands[0].0 > cands[1].0 {
                            cands[0]
                        } else {
                            cands[1]
                        };
                        (v[t][y], back[t][y]) = best;
                    }
                }
                let last = v[piece.len() - 1];
                let mut state = if last[E] > last[S] { E } else { S };
                let mut states = vec![0; piece.len()];
                for t in (0..piece.len()).rev() {
                    states[t] = state;
                    state = back[t][state];
                }
                let (mut begin, mut next) = (0, 0);
                for (t, &st) in states.iter().enumerate() {
                    match st {
                        B => begin = t,
                        E => {
                            out.push(piece[begin..=t].iter().collect());
                            next = t + 1;
                        }
                        S => {
                            out.push(piece[t].to_string());
                            next = t + 1;
                        }
                        _ => {}
                    }
                }
                if next < piece.len() {
                    out.push(piece[next..].iter().collect());
                }
            }
            i = j;
        }
        out
    }

    #[test]
    fn same_words_as_plain_viterbi() {
        // Random runs of han chars (common and rare) and ASCII, long ones too (the back
        // pointers of more than 64 chars go to the heap), several pieces a run.
        let han: Vec<char> = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴护养".chars().chain("琊醍盥饕餮鞑靼囹圄魑魅魍魉".chars()).collect();
        let ascii = ['a', 'Z', '7', '.', '5', '%', '-', '_'];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..3000 {
            // Every 50th run is a long piece of han chars alone.
            let long = round % 50 == 0;
            let len = if long { 60 + next(200) } else { 1 + next(12) };
            let run: String = (0..len)
                .map(|_| {
                    if !long && next(8) == 0 {
                        ascii[next(ascii.len())]
                    } else {
                        han[next(han.len())]
                    }
                })
                .collect();
            assert_eq!(words(&run), plain(&run), "{run}");
        }
    }

    #[test]
    fn pieces_like_finalseg() {
        // jieba.finalseg.cut, jieba 0.42.1
        assert_eq!(words("杭研"), ["杭研"]);
        assert_eq!(words("x-1中"), ["x", "-", "1", "中"]);
        assert_eq!(words("3.5%涨"), ["3.5%", "涨"]);
        assert_eq!(words("韩冰阿斯顿"), ["韩冰", "阿斯顿"]);
        assert_eq!(words("a..b"), ["a", "..", "b"]);
        // Chars outside ASCII and `re_han` (not in a segmenter's blocks, but `cut` takes any run).
        assert_eq!(words("中é1x中"), ["中", "é", "1x", "中"]);
        assert_eq!(words("αβ2.5%γ好"), ["αβ", "2.5%", "γ", "好"]);
    }
}
