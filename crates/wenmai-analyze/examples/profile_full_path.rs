//! Run one stage of the analysis over files (for profiling with `perf stat` / `perf record`):
//! `MODE` = `cut` (bare jieba-rs over documents, on `RAYON_NUM_THREADS` threads),
//! `cut_sentences` (jieba-rs per sentence), `segment` (wenmai's segmenter per sentence),
//! `dtm_plain` (counts without filters), `segment_docs` (wenmai's segmenter over whole
//! documents), `full` (the whole path: counts, tf-idf, top-20 keywords). `ROUNDS` repeats it.
//!
//! `MODE=full cargo run --release -p wenmai-analyze --example profile_full_path -- FILE...`

use rayon::prelude::*;
use wenmai_analyze::{Analyzer, Corpus, CutMode, DtmOptions, Segmenter, TfidfOptions, Unit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let corpus = Corpus::from_texts(&texts);
    let an = Analyzer::default();
    let plain = Analyzer::builder()
        .stopwords(false)
        .normalize(false)
        .drop_punct(false)
        .build()?;
    let jieba = &jieba_rs::Jieba::new();
    let seg = Segmenter::default();
    seg.cut("预热", CutMode::Precise, true);
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let mode = std::env::var("MODE").unwrap_or_else(|_| "full".into());
    let t = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        n += match mode.as_str() {
            // On `RAYON_NUM_THREADS` threads, as the criterion benchmark runs it.
            "cut" => texts.par_iter().map(|t| jieba.cut(t, true).len()).sum(),
            "cut_sentences" => corpus
                .documents()
                .iter()
                .flat_map(|d| {
                    d.sentences
                        .iter()
                        .map(move |s| jieba.cut(&d.text[s.span.start..s.span.end], true).len())
                })
                .sum(),
            "segment" => corpus
                .documents()
                .iter()
                .flat_map(|d| {
                    let seg = &seg;
                    d.sentences.iter().map(move |s| {
                        seg.cut(&d.text[s.span.start..s.span.end], CutMode::Precise, true)
                            .len()
                    })
                })
                .sum(),
            "segment_docs" => texts
                .iter()
                .map(|t| seg.cut(t, CutMode::Precise, true).len())
                .sum(),
            "none" => 0,
            "dtm_plain" => corpus
                .dtm(&plain, Unit::Document, &DtmOptions::default())?
                .n_terms(),
            _ => {
                let (m, k) = corpus.tfidf_keywords(
                    &an,
                    Unit::Document,
                    &DtmOptions::default(),
                    &TfidfOptions::default(),
                    20,
                )?;
                m.n_terms() + k.len()
            }
        };
    }
    let secs = t.elapsed().as_secs_f64() / rounds as f64;
    println!("{mode}: {:.1} MB/s ({n})", bytes as f64 / 1e6 / secs);
    Ok(())
}
