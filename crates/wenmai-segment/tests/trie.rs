//! The default dictionary is segmented with wenmai's own trie and route search (`src/trie.rs`),
//! an edited one with jieba-rs. Both must give the same tokens: here the same dictionary
//! (jieba 0.42.1's `dict.txt`, bundled) goes through both paths, on every line of the
//! government work reports, the news articles of `dev.txt` and the SIGHAN PKU test file
//! (without the corpus: the lines of the sample's reports in `tests/data`).
//! (Parity with jieba itself is `scripts/parity.py`'s, and the SIGHAN F-score tests'.)

use wenmai_testdata as common;

use std::io::BufReader;

use wenmai_segment::{CutMode, Segmenter};

fn jieba_rs_path() -> Segmenter {
    let dict = std::fs::File::open(concat!(env!("CARGO_MANIFEST_DIR"), "/data/dict.txt"))
        .expect("data/dict.txt");
    Segmenter::with_dict(BufReader::new(dict)).expect("dict.txt")
}

fn lines() -> Vec<String> {
    let mut texts: Vec<String> = common::reports_or_sample()
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    texts.extend(common::read("news/inews_bdci2019/dev.txt"));
    texts.extend(common::read("sighan2005/pku_test.utf8"));
    texts
        .iter()
        .flat_map(|t| t.lines().map(str::to_owned))
        .collect()
}

#[test]
fn trie_and_jieba_rs_give_the_same_tokens() {
    let (fast, slow) = (Segmenter::default(), jieba_rs_path());
    let lines = lines();
    let least = if common::present() { 15_000 } else { 500 };
    assert!(lines.len() > least, "{} lines", lines.len());
    for hmm in [true, false] {
        for mode in [CutMode::Precise, CutMode::Search] {
            let differ: Vec<&String> = lines
                .iter()
                .filter(|l| fast.cut(l, mode, hmm) != slow.cut(l, mode, hmm))
                .collect();
            assert!(
                differ.is_empty(),
                "{mode:?} hmm={hmm}: {} of {} lines differ, first: {:?}",
                differ.len(),
                lines.len(),
                differ.first()
            );
        }
    }
}

#[test]
fn an_edit_leaves_the_trie() {
    let seg = Segmenter::new();
    assert_eq!(seg.cut("江大桥", CutMode::Precise, false), ["江", "大桥"]);
    seg.add_word("江大桥", Some(20_000), None).unwrap();
    assert_eq!(seg.cut("江大桥", CutMode::Precise, false), ["江大桥"]);
    seg.del_word("江大桥").unwrap();
    assert_eq!(seg.cut("江大桥", CutMode::Precise, false), ["江", "大桥"]);
    // The shared default is not touched by a private copy's edits.
    assert_eq!(
        Segmenter::default().cut("江大桥", CutMode::Precise, false),
        ["江", "大桥"]
    );
}
