//! jieba 0.42.1's HMM for unknown words (`jieba.finalseg.cut`), for the runs of single
//! characters the route of [`crate::dat`] leaves.
//!
//! The model is jieba's own tables, generated into `data/finalseg_model.txt` by
//! `data/gen_finalseg_model.py` (jieba is MIT-licensed, Copyright (c) 2013 Sun Junyi), at
//! full precision. The emission table is dense over `re_han` (`[\u4E00-\u9FD5]`), so a step of
//! Viterbi is one load, and the decoding writes no allocation per call.

use std::cell::RefCell;
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
    /// Per char of `re_han`, by `c - HAN_MIN`.
    emit: Vec<[f64; 4]>,
}

static MODEL: LazyLock<Model> = LazyLock::new(|| Model::parse(&MODEL_TEXT));

impl Model {
    /// Read the generated table (part of the crate). As `posseg.rs` reads its own, nothing here
    /// panics: a malformed entry would be skipped and keep `MIN_FLOAT`, and `model_is_jiebas`
    /// and the parity tests would see it.
    fn parse(text: &str) -> Model {
        let mut m = Model {
            start: [MIN_FLOAT; 4],
            trans: [[f64::NEG_INFINITY; 4]; 4],
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
        m
    }

    #[inline(always)]
    fn emit(&self, c: char) -> &[f64; 4] {
        &self.emit[c as usize - HAN_MIN as usize]
    }
}

/// Per-thread buffers: the chars of a piece and Viterbi's back pointers.
#[derive(Default)]
struct Scratch {
    chars: Vec<(u32, char)>,
    back: Vec<[u8; 4]>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[inline]
fn is_han(c: char) -> bool {
    (HAN_MIN..=HAN_MAX).contains(&c)
}

/// jieba's `finalseg.cut(run)`: pieces of `re_han` chars are cut by the HMM, other pieces by
/// `re_skip` (`[a-zA-Z0-9]+(?:\.\d+)?%?` and what lies between). `emit(word, byte offset in
/// run)` for each token in order.
pub(crate) fn cut<'a>(run: &'a str, emit: &mut impl FnMut(&'a str, usize)) {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => {
            cut_with(run, &mut s, emit);
            if s.back.capacity() > 1 << 20 {
                *s = Scratch::default();
            }
        }
        Err(_) => cut_with(run, &mut Scratch::default(), emit),
    })
}

fn cut_with<'a>(run: &'a str, s: &mut Scratch, emit: &mut impl FnMut(&'a str, usize)) {
    let mut rest = run;
    let mut base = 0;
    while !rest.is_empty() {
        let han = rest.chars().next().is_some_and(is_han);
        let len = rest
            .char_indices()
            .find(|&(_, c)| is_han(c) != han)
            .map_or(rest.len(), |(i, _)| i);
        let piece = &rest[..len];
        if han {
            cut_han(piece, base, s, emit);
        } else {
            crate::segmenter::split_finalseg_skip(piece, |w, o| emit(w, base + o));
        }
        rest = &rest[len..];
        base += len;
    }
}

/// jieba's `finalseg.__cut` of a piece of `re_han` chars: Viterbi over B/E/M/S, then a word
/// from each B to its E, each S alone, and whatever follows the last E or S as one word.
fn cut_han<'a>(
    piece: &'a str,
    base: usize,
    s: &mut Scratch,
    emit: &mut impl FnMut(&'a str, usize),
) {
    let model = &*MODEL;
    s.chars.clear();
    s.chars
        .extend(piece.char_indices().map(|(i, c)| (i as u32, c)));
    let n = s.chars.len();
    if n == 1 {
        emit(piece, base);
        return;
    }
    s.back.clear();
    s.back.resize(n, [0; 4]);
    let e0 = model.emit(s.chars[0].1);
    let mut v = [0.0f64; 4];
    for y in 0..4 {
        v[y] = model.start[y] + e0[y];
    }
    for t in 1..n {
        let em = model.emit(s.chars[t].1);
        let mut next = [0.0f64; 4];
        for y in 0..4 {
            let [a, b] = PREV[y];
            let pa = v[a] + model.trans[a][y] + em[y];
            let pb = v[b] + model.trans[b][y] + em[y];
            // max over (prob, state) tuples: a tie goes to the later state, `b`.
            let (p, from) = if pa > pb { (pa, a) } else { (pb, b) };
            next[y] = p;
            s.back[t][y] = from as u8;
        }
        v = next;
    }
    // The last state is E or S (a tie goes to S); then follow the back pointers. The states
    // are written over `back[t][0]`, which the walk has already read.
    let mut state = if v[E] > v[S] { E } else { S };
    for t in (0..n).rev() {
        let prev = s.back[t][state];
        s.back[t][0] = state as u8;
        state = usize::from(prev);
    }
    let end = |i: usize| s.chars.get(i + 1).map_or(piece.len(), |c| c.0 as usize);
    let (mut begin, mut next) = (0usize, 0usize);
    for i in 0..n {
        let at = s.chars[i].0 as usize;
        match usize::from(s.back[i][0]) {
            B => begin = at,
            E => {
                emit(&piece[begin..end(i)], base + begin);
                next = end(i);
            }
            S => {
                emit(&piece[at..end(i)], base + at);
                next = end(i);
            }
            _ => {}
        }
    }
    if next < piece.len() {
        emit(&piece[next..], base + next);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(run: &str) -> Vec<&str> {
        let mut out = Vec::new();
        cut(run, &mut |w, _| out.push(w));
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

    #[test]
    fn pieces_like_finalseg() {
        // jieba.finalseg.cut, jieba 0.42.1
        assert_eq!(words("杭研"), ["杭研"]);
        assert_eq!(words("x-1中"), ["x", "-", "1", "中"]);
        assert_eq!(words("3.5%涨"), ["3.5%", "涨"]);
        assert_eq!(words("韩冰阿斯顿"), ["韩冰", "阿斯顿"]);
        assert_eq!(words("a..b"), ["a", "..", "b"]);
    }
}
