//! List the unnumbered headings (no marker) the parser finds, file by file, with their
//! confidence, and count the files that have any: `cargo run --release -p wenmai-parse
//! --example unnumbered -- DIR…`.
use std::path::{Path, PathBuf};

use wenmai_parse::MarkerFamily;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let mut paths = Vec::new();
    for a in std::env::args().skip(1) {
        files(Path::new(&a), &mut paths);
    }
    paths.sort();
    let (mut with, mut headings) = (0, 0);
    for p in &paths {
        let doc = match wenmai_parse::read(p) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        let found: Vec<String> = doc
            .sections
            .iter()
            .filter(|s| s.family == MarkerFamily::Unnumbered && s.marker.is_empty())
            .filter(|s| !matches!(s.heading.as_str(), "名词解释" | "注释" | "附注"))
            .map(|s| format!("{}@{}({})", s.heading, s.level, s.confidence))
            .collect();
        if !found.is_empty() {
            with += 1;
            headings += found.len();
            println!("{}\t{}", p.display(), found.join(" | "));
        }
    }
    println!(
        "{with} of {} files have {headings} unnumbered headings",
        paths.len()
    );
}
