//! Time the corpus statistics against `dtm()` on the same texts, stage by stage: parse,
//! dtm, tokens, kwic of one term, collocations of size 2 (and 5 with `SIZE5=1`).
//! Texts are files, or every `EVERY` lines of each file (the news: `EVERY=3`).
//!
//! `EVERY=3 cargo run --release -p wenmai-analyze --example stats_cost -- FILES...`

use std::time::Instant;

use wenmai_analyze::stats::{CollocationOptions, Collocations, Kwic, Pattern, PatternItem};
use wenmai_analyze::{Analyzer, Corpus, DtmOptions, Unit};

fn best<T>(rounds: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let every: usize = std::env::var("EVERY")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    let mut texts: Vec<String> = Vec::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        if every == 0 {
            texts.push(text);
            continue;
        }
        let lines: Vec<&str> = text.split('\n').collect();
        for chunk in lines.chunks(every) {
            let doc = chunk.join("\n");
            let doc = doc.trim_matches('\n');
            if !doc.is_empty() {
                texts.push(doc.to_owned());
            }
        }
    }
    let an = Analyzer::default();
    an.analyze("预热");
    let rounds = 3;
    let parse = best(rounds, || Corpus::from_texts(&texts));
    let corpus = Corpus::from_texts(&texts);
    let dtm = best(rounds, || {
        corpus.dtm(&an, Unit::Document, &DtmOptions::default())
    });
    let tokens = best(rounds, || corpus.tokens(&an, Unit::Sentence));
    let t = corpus.tokens(&an, Unit::Sentence);
    let pattern = Pattern::new(&[PatternItem::Text("发展".into())], false, true)?;
    let kwic = best(rounds, || Kwic::of(corpus.documents(), &t, &pattern, 5));
    let opts = CollocationOptions::default();
    let colloc = best(rounds, || Collocations::of(&t, &opts));
    println!(
        "{} texts: parse {parse:.3} s, dtm {dtm:.3}, tokens {tokens:.3}, kwic on tokens {kwic:.3}, collocations(2) on tokens {colloc:.3}",
        texts.len()
    );
    println!(
        "with parse: dtm {:.3}; kwic {:.3} ({:.2}x dtm); collocations {:.3} ({:.2}x dtm)",
        parse + dtm,
        parse + tokens + kwic,
        (tokens + kwic) / dtm,
        parse + tokens + colloc,
        (tokens + colloc) / dtm,
    );
    if std::env::var("SIZE5").is_ok() {
        let o5 = CollocationOptions {
            size: 5,
            ..Default::default()
        };
        let c5 = best(1, || Collocations::of(&t, &o5));
        println!(
            "collocations(5) on tokens {c5:.3} ({:.2}x dtm)",
            (tokens + c5) / dtm
        );
    }
    Ok(())
}
