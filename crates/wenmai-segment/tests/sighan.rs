//! SIGHAN 2005 bakeoff F-scores, line by line as the bakeoff's `score` script reads them.
//!
//! Two definitions of a correct word: the `score` script's (`diff` of the word lists: an LCS
//! over the words of the line) and exact spans (start and end match the gold's). They agree
//! except on the 8 MSR line pairs where test and gold disagree on a line boundary (an opening
//! quote at the end of one line or the start of the next), where spans shift for a whole line.
//! jieba 0.42.1, measured on the same files: bakeoff script PKU 0.818 / MSR 0.813 with HMM,
//! 0.836 / 0.827 without (SOURCES.md); exact spans PKU 0.818 / MSR 0.812 with HMM,
//! 0.836 / 0.826 without (the figures).

use wenmai_testdata as common;

use std::collections::HashSet;

use wenmai_segment::{CutMode, Segmenter};

/// (start, end) char spans of words in the line with whitespace removed.
fn spans<'a>(words: impl Iterator<Item = &'a str>) -> (Vec<(usize, usize)>, usize) {
    let mut pos = 0;
    let mut out = Vec::new();
    for w in words {
        let n = w.chars().count();
        out.push((pos, pos + n));
        pos += n;
    }
    (out, pos)
}

/// Length of the longest common subsequence of two word lists (what `diff` leaves unchanged).
fn lcs(a: &[&str], b: &[&str]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    Lcs,
    Spans,
}

fn f_score(set: &str, hmm: bool, how: Match) -> (f64, f64, f64) {
    let test = common::read(&format!("sighan2005/{set}_test.utf8")).expect("the corpus");
    let gold = common::read(&format!("sighan2005/{set}_test_gold.utf8")).expect("the corpus");
    let seg = Segmenter::default();
    let (mut n_gold, mut n_test, mut correct) = (0usize, 0usize, 0usize);
    for (t, g) in test.lines().zip(gold.lines()) {
        let g = g.trim().replace('\u{3000}', " ");
        if g.is_empty() {
            continue;
        }
        let tokens = seg.cut(t.trim(), CutMode::Precise, hmm);
        // Words joined by two spaces and split again on whitespace, as the bakeoff reads them.
        let test_words: Vec<&str> = tokens.iter().flat_map(|w| w.split_whitespace()).collect();
        let gold_words: Vec<&str> = g.split_whitespace().collect();
        // diff aligns identical words at the same place when the texts agree; an LCS could pair
        // a repeated word across places, which diff's line matching does not do there.
        let same_text = gold_words.concat() == test_words.concat();
        correct += if how == Match::Lcs && !same_text {
            lcs(&gold_words, &test_words)
        } else {
            let (gs, _) = spans(gold_words.iter().copied());
            let (ts, _) = spans(test_words.iter().copied());
            let gset: HashSet<_> = gs.iter().collect();
            ts.iter().filter(|s| gset.contains(s)).count()
        };
        n_gold += gold_words.len();
        n_test += test_words.len();
    }
    let p = correct as f64 / n_test as f64;
    let r = correct as f64 / n_gold as f64;
    (p, r, 2.0 * p * r / (p + r))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// F to 3 decimals as printed by the bakeoff script; P and R within 0.0006 of its printed
/// values (our LCS stands in for `diff` on the 16 misaligned MSR lines, which moves MSR's
/// recall without HMM from the script's 0.833 to 0.83350).
fn check(set: &str, hmm: bool, want: (f64, f64, f64), want_span_f: f64) {
    if !common::has_corpus() {
        return; // SIGHAN 2005 is not in the sample (research use only)
    }
    let (p, r, f) = f_score(set, hmm, Match::Lcs);
    assert_eq!(round3(f), want.2, "{set} hmm={hmm}: F {f}");
    assert!((p - want.0).abs() <= 6e-4, "{set} hmm={hmm}: P {p}");
    assert!((r - want.1).abs() <= 6e-4, "{set} hmm={hmm}: R {r}");
    let f_spans = f_score(set, hmm, Match::Spans).2;
    assert_eq!(
        round3(f_spans),
        want_span_f,
        "{set} hmm={hmm}: span F {f_spans}"
    );
}

#[test]
fn pku_with_hmm() {
    check("pku", true, (0.853, 0.787, 0.818), 0.818);
}

#[test]
fn pku_without_hmm() {
    check("pku", false, (0.859, 0.814, 0.836), 0.836);
}

#[test]
fn msr_with_hmm() {
    check("msr", true, (0.816, 0.810, 0.813), 0.812);
}

#[test]
fn msr_without_hmm() {
    check("msr", false, (0.820, 0.833, 0.827), 0.826);
}
