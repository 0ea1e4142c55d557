//! A document's row is the sum of its sentences' rows: counting a whole unit (which segments
//! runs of adjacent sentences in one call) gives what counting sentence by sentence gives.

use wenmai_testdata as common;

use std::collections::BTreeMap;

use wenmai_analyze::{Analyzer, Corpus, CutMode, DocTermMatrix, DtmOptions, Unit};

fn rows_by_term(m: &DocTermMatrix) -> Vec<BTreeMap<String, u64>> {
    (0..m.n_rows())
        .map(|i| {
            let (cols, vals) = m.row(i);
            cols.iter()
                .zip(vals)
                .map(|(&j, &v)| (m.terms[j as usize].clone(), v as u64))
                .collect()
        })
        .collect()
}

fn check(texts: &[String], analyzer: &Analyzer) {
    let corpus = Corpus::from_texts(texts);
    let opts = DtmOptions::default();
    let docs = rows_by_term(&corpus.dtm(analyzer, Unit::Document, &opts).unwrap());
    let sentences = corpus.dtm(analyzer, Unit::Sentence, &opts).unwrap();
    let mut summed: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); texts.len()];
    for (u, row) in sentences.units.iter().zip(rows_by_term(&sentences)) {
        for (t, n) in row {
            *summed[u.document].entry(t).or_default() += n;
        }
    }
    for (i, (d, s)) in docs.iter().zip(&summed).enumerate() {
        assert_eq!(d, s, "document {i}");
    }
}

fn tricky() -> Vec<String> {
    [
        "增长５０％。ＧＤＰ增长。２０２４年，经济增长．５。",
        "第一句。\r\n第二句\r\n第三句！abc。def 2011-2020年。",
        "一、总体要求\n（一）坚持稳中求进。\n\n二、主要任务\n1. 扩大内需；2. 稳定就业。",
        "他说：“我来到北京清华大学。”她问？是的！……好",
        "𠀀𠀁字。龥鿕鿖字，㐀丂。",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn document_rows_are_sums_of_sentence_rows() {
    let mut texts: Vec<String> = common::reports_or_sample()
        .into_iter()
        .step_by(6)
        .map(|(_, t)| t)
        .collect();
    texts.extend(tricky());
    check(&texts, &Analyzer::default());
    let plain = Analyzer::builder()
        .stopwords(false)
        .drop_punct(false)
        .build()
        .unwrap();
    check(&texts, &plain);
    let no_hmm = Analyzer::builder()
        .hmm(false)
        .normalize(false)
        .build()
        .unwrap();
    check(&texts, &no_hmm);
    let search = Analyzer::builder()
        .cut_mode(CutMode::Search)
        .drop_punct(false)
        .build()
        .unwrap();
    check(&tricky(), &search);
}
