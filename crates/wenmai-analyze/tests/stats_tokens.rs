//! The token stream is what `dtm()` counts, unit by unit, with true offsets, and the same for
//! any number of threads.

use std::collections::BTreeMap;

use wenmai_testdata as common;

use wenmai_analyze::analyzer::normalize_term;
use wenmai_analyze::{Analyzer, Corpus, DtmOptions, Tokens, Unit};

fn corpus() -> Corpus {
    let texts: Vec<String> = common::reports_or_sample()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    Corpus::from_texts(&texts)
}

const UNITS: [Unit; 4] = [
    Unit::Document,
    Unit::Section,
    Unit::Paragraph,
    Unit::Sentence,
];

#[test]
fn tokens_are_what_dtm_counts_in_every_unit() {
    let corpus = corpus();
    let plain = Analyzer::builder().stopwords(false).build().unwrap();
    for an in [Analyzer::default(), plain] {
        for unit in UNITS {
            let t = corpus.tokens(&an, unit);
            let m = corpus.dtm(&an, unit, &DtmOptions::default()).unwrap();
            assert_eq!(t.units, m.units, "{unit:?}");
            assert_eq!(t.terms, m.terms, "{unit:?}");
            let mut total = 0usize;
            for u in 0..t.len() {
                let mut counts: BTreeMap<i32, f64> = BTreeMap::new();
                for i in t.unit_range(u) {
                    *counts.entry(t.ids[i] as i32).or_default() += 1.0;
                }
                let (idx, val) = m.row(u);
                let row: BTreeMap<i32, f64> =
                    idx.iter().copied().zip(val.iter().copied()).collect();
                assert_eq!(counts, row, "{unit:?} unit {u}");
                total += t.unit_range(u).len();
            }
            assert_eq!(total as f64, m.data.iter().sum::<f64>());
            assert!(total > 1000);
        }
    }
}

#[test]
fn offsets_point_at_the_token_in_its_document() {
    let corpus = corpus();
    let t = corpus.tokens(&Analyzer::default(), Unit::Sentence);
    let chars: Vec<Vec<char>> = corpus
        .documents()
        .iter()
        .map(|d| d.text.chars().collect())
        .collect();
    for u in 0..t.len() {
        let unit = t.units[u];
        for i in t.unit_range(u) {
            let (a, b) = (t.starts[i] as usize, t.ends[i] as usize);
            assert!(a >= unit.span.char_start && b <= unit.span.char_end);
            let s: String = chars[unit.document][a..b].iter().collect();
            assert_eq!(normalize_term(&s), t.term(i), "unit {u} token {i}");
        }
    }
}

#[test]
fn sentences_partition_every_unit() {
    let corpus = corpus();
    let sent = corpus.tokens(&Analyzer::default(), Unit::Sentence);
    for unit in UNITS {
        let t = corpus.tokens(&Analyzer::default(), unit);
        assert_eq!(t.sentence_count(), sent.sentence_count(), "{unit:?}");
        assert_eq!(t.ids, sent.ids, "{unit:?}");
        assert_eq!(t.sentences, sent.sentences, "{unit:?}");
    }
}

#[test]
fn same_tokens_for_1_2_and_8_threads() {
    let corpus = corpus();
    let runs: Vec<Vec<Tokens>> = [1, 2, 8]
        .iter()
        .map(|&n| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap();
            pool.install(|| {
                UNITS
                    .iter()
                    .map(|&u| corpus.tokens(&Analyzer::default(), u))
                    .collect()
            })
        })
        .collect();
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
}

#[test]
fn kept_tokens_regrouped_are_the_tokens_of_every_unit() {
    let corpus = wenmai_analyze::CachedCorpus::new(corpus());
    let an = Analyzer::default();
    for unit in UNITS {
        let kept = corpus.tokens(&an, unit);
        assert_eq!(*kept, corpus.corpus().tokens(&an, unit), "{unit:?}");
    }
    // Another analyzer replaces the kept stream.
    let plain = Analyzer::builder().stopwords(false).build().unwrap();
    let t = corpus.tokens(&plain, Unit::Paragraph);
    assert_eq!(*t, corpus.corpus().tokens(&plain, Unit::Paragraph));
}
