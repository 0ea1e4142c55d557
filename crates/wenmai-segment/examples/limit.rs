//! The "limit row" of `benchmarks/compare.py`: bare `jieba_rs::Jieba::cut` over every line of
//! every text file under a folder, on all cores with rayon. It is the ceiling that wenmai's own
//! segmentation (decode, parse, normalise, count) can approach but not pass.
//!
//! ```sh
//! cargo run --release -p wenmai-segment --example limit -- DIR [--repeat N]
//! ```
//!
//! Prints one JSON object: total bytes (UTF-8 text), tokens, threads, the median wall time of
//! `N` runs (after one warm-up) and the throughput in MB/s (1 MB = 10^6 bytes). Reading the
//! files and loading the dictionary are not timed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use jieba_rs::Jieba;
use rayon::prelude::*;

/// Every regular file under `dir` (recursively), in sorted order.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

/// Cuts every line on the rayon pool and returns the number of tokens.
fn cut_all(jieba: &Jieba, lines: &[&str]) -> usize {
    lines
        .par_iter()
        .map(|line| jieba.cut(line, true).len())
        .sum()
}

fn run() -> Result<serde_json::Value, String> {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut repeat: usize = 5;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--repeat" => {
                let value = args.next().ok_or("--repeat needs a number")?;
                repeat = value
                    .parse()
                    .map_err(|_| format!("--repeat: not a number: {value}"))?;
            }
            "-h" | "--help" => {
                return Err("usage: limit DIR [--repeat N]".to_owned());
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument: {arg}")),
        }
    }
    let dir = dir.ok_or("usage: limit DIR [--repeat N]")?;
    let repeat = repeat.max(1);

    let mut paths = Vec::new();
    files_under(&dir, &mut paths).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut texts = Vec::with_capacity(paths.len());
    for path in &paths {
        // Non-UTF-8 files are skipped: the limit is about segmentation, not decoding.
        if let Ok(text) = std::fs::read_to_string(path) {
            texts.push(text);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    // Lines, not whole files, are the units of work: the best load balance rayon can get.
    let lines: Vec<&str> = texts
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| !l.is_empty())
        .collect();

    let jieba = Jieba::new();
    let tokens = cut_all(&jieba, &lines); // warm-up
    let mut seconds = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let start = Instant::now();
        let n = cut_all(&jieba, &lines);
        seconds.push(start.elapsed().as_secs_f64());
        if n != tokens {
            return Err("token count changed between runs".to_owned());
        }
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    Ok(serde_json::json!({
        "task": "limit: jieba_rs::Jieba::cut, all cores",
        "dir": dir.display().to_string(),
        "files": texts.len(),
        "bytes": bytes,
        "lines": lines.len(),
        "tokens": tokens,
        "threads": rayon::current_num_threads(),
        "runs": seconds,
        "seconds": median,
        "mb_per_s": bytes as f64 / 1e6 / median,
    }))
}

fn main() -> ExitCode {
    match run() {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("limit: {message}");
            ExitCode::from(2)
        }
    }
}
