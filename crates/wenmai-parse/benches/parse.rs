//! Parser throughput on the laws (`$WENMAI_CORPUS/laws`) and the government work reports (`$WENMAI_CORPUS/gov_reports`), and on
//! 8 MB of text without punctuation or line breaks next to 8 MB of ordinary text.
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> PathBuf {
    std::env::var_os("WENMAI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/corpus"
            ))
        })
}

fn gov_reports() -> Vec<String> {
    let dir = corpus().join("gov_reports");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

/// Every law of `$WENMAI_CORPUS/laws`, sorted by path.
fn laws() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let p = e.expect("directory entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    let mut paths = Vec::new();
    walk(&corpus().join("laws"), &mut paths);
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

fn bench(c: &mut Criterion) {
    let laws = laws();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(
        laws.iter().map(String::len).sum::<usize>() as u64,
    ));
    g.sample_size(10);
    g.bench_function("laws", |b| {
        b.iter(|| {
            for d in &laws {
                std::hint::black_box(wenmai_parse::parse(d));
            }
        })
    });
    g.finish();
    let docs = gov_reports();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("gov_reports", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(wenmai_parse::parse(d));
            }
        })
    });
    let all = docs.concat();
    let bytes_all = all.len();
    g.bench_function("decode_gov_reports", |b| {
        b.iter(|| std::hint::black_box(wenmai_parse::decode(all.as_bytes(), &Default::default())))
    });
    // Same size, no punctuation and no line breaks: must not be slower in kind.
    let target = 8 << 20;
    let ordinary: String = all
        .chars()
        .cycle()
        .scan(0usize, |n, c| {
            *n += c.len_utf8();
            (*n <= target).then_some(c)
        })
        .collect();
    let flat: String = all
        .chars()
        .filter(|c| c.is_alphanumeric())
        .cycle()
        .scan(0usize, |n, c| {
            *n += c.len_utf8();
            (*n <= target).then_some(c)
        })
        .collect();
    let _ = bytes_all;
    g.throughput(Throughput::Bytes(ordinary.len() as u64));
    g.sample_size(10);
    g.bench_function("ordinary_8mb", |b| {
        b.iter(|| std::hint::black_box(wenmai_parse::parse(&ordinary)))
    });
    g.throughput(Throughput::Bytes(flat.len() as u64));
    g.bench_function("no_punctuation_8mb", |b| {
        b.iter(|| std::hint::black_box(wenmai_parse::parse(&flat)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
