//! Texts (the input split at NUL bytes, one document each) -> a corpus and its statistics:
//! tokens by every unit, collocations (size and min_count from the first byte), co-occurrence
//! in every context and count, kwic of a term of the texts. Bad options are errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenmai_analyze::stats::{
    CoCount, CollocationOptions, Collocations, Context, CooccurrenceOptions, Kwic, Measure,
    Pattern, PatternItem, TermSelection,
};
use wenmai_analyze::{Analyzer, Corpus, Unit};

fuzz_target!(|data: &[u8]| {
    let Some((&p, rest)) = data.split_first() else { return };
    let texts: Vec<String> =
        rest.split(|&b| b == 0).map(|t| String::from_utf8_lossy(t).into_owned()).collect();
    let corpus = Corpus::from_texts(&texts);
    let an = Analyzer::default();
    for unit in [Unit::Document, Unit::Section, Unit::Paragraph] {
        let _ = corpus.tokens(&an, unit);
    }
    let tokens = corpus.tokens(&an, Unit::Sentence);
    let opts = CollocationOptions {
        size: usize::from(p & 7),
        min_count: u64::from((p >> 3) & 3),
        measures: Measure::ALL.to_vec(),
        smoothing: 0.5,
    };
    if let Ok(c) = Collocations::of(&tokens, &opts) {
        for i in 0..c.len() {
            assert_eq!(c.ngram(i).len(), opts.size);
        }
    }
    let window = usize::from(p >> 5);
    let terms = if p & 8 != 0 { TermSelection::Top(usize::from(p & 7)) } else { TermSelection::All };
    for context in [Context::Window, Context::Sentence, Context::Document] {
        for count in [CoCount::Frequency, CoCount::Boolean, CoCount::Weighted] {
            let o = CooccurrenceOptions {
                window,
                context,
                count,
                terms: terms.clone(),
                ordered: p & 16 != 0,
                tri: p & 32 != 0,
            };
            let _ = tokens.cooccurrence(&o);
        }
    }
    if !tokens.ids.is_empty() {
        let term = tokens.term(tokens.ids.len() / 2).to_string();
        let glob = format!("{}*", term.chars().next().unwrap_or('*'));
        let items = [PatternItem::Text(term), PatternItem::Text(glob)];
        if let Ok(pattern) = Pattern::new(&items, false, p & 1 != 0) {
            let _ = Kwic::of(corpus.documents(), &tokens, &pattern, window);
        }
    }
});
