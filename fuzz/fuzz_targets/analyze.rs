//! Text -> an Analyzer built from the first two bytes (word or char n-grams of any range,
//! min_len, normalisation, punctuation and number dropping, HMM, cut mode): building may
//! refuse the options with an error, analysing never panics and is deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenmai_analyze::{Analyzer, CutMode};

fuzz_target!(|data: &[u8]| {
    let [a, b, rest @ ..] = data else { return };
    let (lo, hi) = (usize::from(a & 7), usize::from((a >> 3) & 7));
    let mut builder = Analyzer::builder()
        .min_len(usize::from(b & 3))
        .normalize(b & 4 != 0)
        .drop_punct(b & 8 != 0)
        .drop_numbers(b & 16 != 0)
        .hmm(b & 32 != 0)
        .cut_mode(if b & 64 != 0 { CutMode::Search } else { CutMode::Precise });
    builder = if a & 64 != 0 { builder.char_ngrams(lo, hi) } else { builder.ngram_range(lo, hi) };
    if a & 128 != 0 {
        builder = builder.pos_allow(["n", "v", "vn"]);
    }
    let Ok(analyzer) = builder.build() else { return };
    let text = String::from_utf8_lossy(rest);
    let terms = analyzer.analyze(&text);
    let mid = text.char_indices().nth(text.chars().count() / 2).map_or(text.len(), |(i, _)| i);
    let halves = [&text[..mid], &text[..]];
    let many = analyzer.analyze_many(&halves);
    assert_eq!(many[1], terms);
});
