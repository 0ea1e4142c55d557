//! Read, decode and parse every file under the given folders with [`wenmai_parse::read_with`],
//! as `wenmai.Corpus.from_dir` does (one `par_iter` over the paths), and print MB/s: first on
//! one thread, then on rayon's pool (all cores). A profiling tool for many small documents.
//!
//! ```sh
//! cargo run -p wenmai-parse --release --example read_many -- /tmp/news_mat
//! cargo run -p wenmai-parse --release --example read_many -- DIR… --repeat 5 --threads 1
//! valgrind --tool=callgrind target/release/examples/read_many DIR --repeat 1 --threads 1
//! valgrind --tool=callgrind --toggle-collect=read_many::pass_in_memory \
//!     target/release/examples/read_many DIR --repeat 1 --threads 1 --in-memory
//! cargo run -p wenmai-parse --release --example read_many -- DIR… --dump out.txt
//! ```
//!
//! `--repeat R` runs each measurement R times and reports the best (default 3); `--threads 1`
//! or `--threads all` runs only that measurement; `--limit N` takes the first N files (in
//! sorted order); `--in-memory` reads the files first and times only `parse` of their text
//! (no file system, no decoding: steadier on a busy machine); `--dump FILE` writes the `Debug` form of every document (or its error) in
//! sorted path order, to compare the parser's output before and after a change.
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use wenmai_parse::{Document, Error, ReadOptions, read_with};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("cannot read {}", dir.display());
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Seconds for one pass of `parse` over the texts, and the number of documents.
// Never inlined, so that `valgrind --toggle-collect=read_many::pass_in_memory` counts one pass.
#[inline(never)]
fn pass_in_memory(texts: &[String], parallel: bool) -> (f64, usize) {
    let t = Instant::now();
    let n = if parallel {
        let docs: Vec<_> = texts.par_iter().map(|s| wenmai_parse::parse(s)).collect();
        docs.len()
    } else {
        let docs: Vec<_> = texts.iter().map(|s| wenmai_parse::parse(s)).collect();
        docs.len()
    };
    (t.elapsed().as_secs_f64(), n)
}

/// Seconds for one pass, and the number of documents parsed without error.
// Never inlined, so that `valgrind --toggle-collect=read_many::pass` counts one pass.
#[inline(never)]
fn pass(paths: &[PathBuf], opts: &ReadOptions, parallel: bool) -> (f64, usize) {
    let ok = |r: &Result<Document, Error>| r.is_ok();
    let t = Instant::now();
    let n = if parallel {
        let docs: Vec<_> = paths.par_iter().map(|p| read_with(p, opts)).collect();
        docs.iter().filter(|r| ok(r)).count()
    } else {
        let docs: Vec<_> = paths.iter().map(|p| read_with(p, opts)).collect();
        docs.iter().filter(|r| ok(r)).count()
    };
    (t.elapsed().as_secs_f64(), n)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let repeat: usize = value("--repeat").and_then(|v| v.parse().ok()).unwrap_or(3);
    let threads = value("--threads");
    let limit: Option<usize> = value("--limit").and_then(|v| v.parse().ok());
    let dump = value("--dump");
    let mut paths = Vec::new();
    let mut skip_next = false;
    for a in &args {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        if a.starts_with("--") {
            skip_next = matches!(a.as_str(), "--repeat" | "--threads" | "--limit" | "--dump");
            continue;
        }
        files(Path::new(a), &mut paths);
    }
    paths.sort();
    if let Some(n) = limit {
        paths.truncate(n);
    }
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let mb = bytes as f64 / 1e6;
    println!("{} files, {mb:.1} MB", paths.len());
    let opts = ReadOptions::default();

    if let Some(out) = dump {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
        for p in &paths {
            writeln!(w, "== {}", p.display())?;
            match read_with(p, &opts) {
                Ok(doc) => writeln!(w, "{doc:?}")?,
                Err(e) => writeln!(w, "ERROR {e}")?,
            }
        }
        w.flush()?;
        println!("wrote {out}");
        return Ok(());
    }

    let texts: Option<Vec<String>> = args.iter().any(|a| a == "--in-memory").then(|| {
        paths
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .filter_map(|b| wenmai_parse::decode(&b, &Default::default()).ok())
            .map(|d| d.text)
            .collect()
    });
    let runs: &[(bool, &str)] = match threads.as_deref() {
        Some("1") => &[(false, "1 thread")],
        Some("all") => &[(true, "all threads")],
        _ => &[(false, "1 thread"), (true, "all threads")],
    };
    for &(parallel, label) in runs {
        let mut best = f64::INFINITY;
        let mut ok = 0;
        for _ in 0..repeat.max(1) {
            let (secs, n) = match &texts {
                Some(texts) => pass_in_memory(texts, parallel),
                None => pass(&paths, &opts, parallel),
            };
            best = best.min(secs);
            ok = n;
        }
        let threads = if parallel {
            rayon::current_num_threads()
        } else {
            1
        };
        println!(
            "{label:>11} ({threads}): {:.3} s, {:.1} MB/s, {:.1} MB/s per thread, {ok} parsed",
            best,
            mb / best,
            mb / best / threads as f64
        );
    }
    Ok(())
}
