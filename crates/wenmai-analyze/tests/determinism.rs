//! The same vocabulary, matrices and keywords with 1, 2 and 8 threads.

use wenmai_testdata as common;

use wenmai_analyze::{
    Analyzer, Corpus, CorpusStats, DfBound, DocTermMatrix, DtmOptions, IdfTable, KeywordExtractor,
    TfidfOptions, Unit,
};

#[derive(Debug, PartialEq)]
struct Outcome {
    docs: DocTermMatrix,
    sentences: DocTermMatrix,
    tfidf: DocTermMatrix,
    bigrams: DocTermMatrix,
    keywords: Vec<Vec<(String, f64)>>,
    stats: CorpusStats,
    extract_tags: Vec<Vec<(String, f64)>>,
}

fn run(corpus: &Corpus, texts: &[String]) -> Outcome {
    let an = Analyzer::default();
    let opts = DtmOptions {
        min_df: DfBound::Count(2),
        max_df: DfBound::Proportion(0.95),
        ..DtmOptions::default()
    };
    let docs = corpus.dtm(&an, Unit::Document, &opts).expect("dtm");
    let sentences = corpus
        .dtm(&an, Unit::Sentence, &DtmOptions::default())
        .expect("dtm");
    let (tfidf, _) = docs.tfidf(&TfidfOptions::default());
    let bi = Analyzer::builder()
        .ngram_range(1, 2)
        .build()
        .expect("analyzer");
    let bigrams = corpus
        .dtm(
            &bi,
            Unit::Paragraph,
            &DtmOptions {
                max_features: Some(5000),
                ..DtmOptions::default()
            },
        )
        .expect("dtm");
    let keywords = corpus.keywords(&an, 20, IdfTable::jieba());
    let stats = corpus.stats(&an, Unit::Section);
    let kw = KeywordExtractor::default();
    use rayon::prelude::*;
    let extract_tags = texts
        .par_iter()
        .map(|t| {
            kw.extract_tags(t, Some(20), &[], false)
                .into_iter()
                .map(|k| (k.word, k.weight))
                .collect()
        })
        .collect();
    Outcome {
        docs,
        sentences,
        tfidf,
        bigrams,
        keywords,
        stats,
        extract_tags,
    }
}

#[test]
fn same_results_for_1_2_and_8_threads() {
    let reports = common::reports_or_sample();
    let texts: Vec<String> = reports.into_iter().map(|(_, t)| t).collect();
    let corpus = Corpus::from_texts(&texts);
    let outcomes: Vec<Outcome> = [1, 2, 8]
        .iter()
        .map(|&n| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("thread pool");
            pool.install(|| run(&corpus, &texts))
        })
        .collect();
    assert!(outcomes[0].docs.n_terms() > 1000);
    assert_eq!(outcomes[0].docs.n_rows(), texts.len()); // 56 with the corpus
    assert_eq!(outcomes[0], outcomes[1]);
    assert_eq!(outcomes[0], outcomes[2]);
}
