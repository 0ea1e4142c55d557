//! Time each stage of the analysis path over a folder or files: parse, counts + matrix,
//! tf-idf, top-20 per row, keywords with an idf table. `RAYON_NUM_THREADS` picks the threads.
//!
//! `cargo run --release -p wenmai-analyze --example stages -- DIR_OR_FILES...`

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use wenmai_analyze::{Analyzer, Corpus, DtmOptions, TfidfOptions, Unit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for a in std::env::args().skip(1) {
        let p = PathBuf::from(a);
        if p.is_dir() {
            for e in std::fs::read_dir(&p)? {
                paths.push(e?.path());
            }
        } else {
            paths.push(p);
        }
    }
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let an = Analyzer::default();
    an.analyze("预热");
    let jieba = jieba_rs::Jieba::new();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let mut best = [f64::MAX; 6];
    for round in 0..rounds {
        let t = Instant::now();
        let n: usize = texts.par_iter().map(|t| jieba.cut(t, true).len()).sum();
        let cut = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let corpus = Corpus::from_texts(&texts);
        let parse = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let m = corpus.dtm(&an, Unit::Document, &DtmOptions::default())?;
        let dtm = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let (w, _) = m.tfidf(&TfidfOptions::default());
        let tfidf = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let top = w.top_k(20);
        let topk = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let kw = m.keywords(20, &m.idf_table());
        let kws = t.elapsed().as_secs_f64();
        eprintln!(
            "round {round}: {mb:.1} MB; cut {cut:.3} s, parse {parse:.3} s, dtm {dtm:.3} s ({:.1} MB/s), tfidf {tfidf:.3} s, top_k {topk:.3} s, keywords {kws:.3} s ({n} {} {} {})",
            mb / dtm,
            m.n_terms(),
            top.len(),
            kw.len()
        );
        for (b, x) in best.iter_mut().zip([cut, parse, dtm, tfidf, topk, kws]) {
            *b = b.min(x);
        }
    }
    println!(
        "best of {rounds}: cut {:.3} parse {:.3} dtm {:.3} tfidf {:.3} top_k {:.3} keywords {:.3}; dtm+tfidf+top_k / cut = {:.2}",
        best[0],
        best[1],
        best[2],
        best[3],
        best[4],
        best[5],
        best[0] / (best[2] + best[3] + best[4])
    );
    Ok(())
}
