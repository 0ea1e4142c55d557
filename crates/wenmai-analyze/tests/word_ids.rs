//! The analyzer counts the default dictionary's words by their ids, other segmenters' words
//! by their text: both must give the same matrix for the same dictionary (jieba 0.42.1's
//! `dict.txt`, as wenmai-segment bundles it), here on the government work reports.

use wenmai_testdata as common;

use std::io::BufReader;

use wenmai_analyze::{Analyzer, Corpus, DtmOptions, Segmenter, Unit};

fn jieba_rs_path() -> Segmenter {
    let dict = std::fs::File::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../wenmai-segment/data/dict.txt"
    ))
    .expect("wenmai-segment/data/dict.txt");
    Segmenter::with_dict(BufReader::new(dict)).expect("dict.txt")
}

#[test]
fn trie_counts_equal_jieba_rs_counts() {
    let texts: Vec<String> = common::reports_or_sample()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    let corpus = Corpus::from_texts(&texts);
    let fast = Analyzer::default();
    let slow = Analyzer::builder()
        .segmenter(jieba_rs_path())
        .build()
        .unwrap();
    for unit in [Unit::Document, Unit::Sentence] {
        let a = corpus.dtm(&fast, unit, &DtmOptions::default()).unwrap();
        let b = corpus.dtm(&slow, unit, &DtmOptions::default()).unwrap();
        assert_eq!(a.terms, b.terms, "{unit:?}");
        assert_eq!(
            (&a.indptr, &a.indices, &a.data),
            (&b.indptr, &b.indices, &b.data),
            "{unit:?}"
        );
    }
}
