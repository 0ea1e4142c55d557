//! The full analysis path against bare `jieba_rs::Jieba::cut` over the same texts, in the same
//! run, on 1 thread and on all threads (`Throughput::Bytes`).
//!
//! Full path: segment, filter, count, build the matrix, weigh it with tf-idf, and take the
//! top-20 keywords of every document (`Corpus::tfidf_keywords`). The documents are parsed
//! beforehand (parsing is `wenmai-parse`'s and benchmarked there).
//!
//! Texts: the 56 government work reports, and the news articles of `dev.txt` + `test.txt`
//! (1,998 articles; set `WENMAI_BENCH_NEWS=all` for all 7,353).
//!
//! `cargo bench -p wenmai-analyze --bench full_path`

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use wenmai_analyze::{Analyzer, Corpus, DtmOptions, TfidfOptions, Unit};

fn corpus_dir() -> PathBuf {
    std::env::var_os("WENMAI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
}

fn gov_reports() -> Vec<String> {
    let dir = corpus_dir().join("gov_reports");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("gov_reports")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect()
}

fn news() -> Vec<String> {
    let names: &[&str] = if std::env::var("WENMAI_BENCH_NEWS").is_ok_and(|v| v == "all") {
        &["train.txt", "dev.txt", "test.txt"]
    } else {
        &["dev.txt", "test.txt"]
    };
    let mut out = Vec::new();
    for n in names {
        let text = std::fs::read_to_string(corpus_dir().join("news/inews_bdci2019").join(n))
            .expect("news");
        let lines: Vec<&str> = text.split('\n').collect();
        // Three lines per article: title, body, blank.
        for a in lines.chunks(3) {
            if a.len() >= 2 {
                out.push(format!("{}\n{}", a[0], a[1]));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let jieba = jieba_rs::Jieba::new();
    let analyzer = Analyzer::default();
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    for (name, texts) in [("gov_reports", gov_reports()), ("news", news())] {
        let bytes: usize = texts.iter().map(String::len).sum();
        let corpus = Corpus::from_texts(&texts);
        for threads in [1, all] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let mut g = c.benchmark_group(format!("{name}/{threads}_threads"));
            g.throughput(Throughput::Bytes(bytes as u64));
            g.sample_size(10);
            g.bench_function("jieba_rs_cut", |b| {
                b.iter(|| {
                    pool.install(|| {
                        texts
                            .par_iter()
                            .map(|t| jieba.cut(t, true).len())
                            .sum::<usize>()
                    })
                })
            });
            g.bench_function("wenmai_full_path", |b| {
                b.iter(|| {
                    pool.install(|| {
                        corpus
                            .tfidf_keywords(
                                &analyzer,
                                Unit::Document,
                                &DtmOptions::default(),
                                &TfidfOptions::default(),
                                20,
                            )
                            .expect("full path")
                    })
                })
            });
            g.finish();
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
