//! The share of the laws (`$WENMAI_CORPUS/laws`, or the folder given) that parse with a
//! title, a publication date and at least one article, overall and per top folder (genre).
//!
//! `cargo run --release -p wenmai-parse --example law_fields [-- DIR]`
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use wenmai_parse::MarkerFamily;

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let p = e.expect("directory entry").path();
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("WENMAI_CORPUS")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("../shared/corpus"))
                .join("laws")
        });
    let mut files = Vec::new();
    txt_files(&dir, &mut files);
    files.sort();
    // genre -> (files, title, date, article, all three)
    let mut by: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    for p in &files {
        let doc = wenmai_parse::read(p).unwrap_or_else(|e| panic!("{e}"));
        let genre = p
            .strip_prefix(&dir)
            .ok()
            .and_then(|r| r.components().next())
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let t = doc.meta.title.is_some();
        let d = doc.meta.published.is_some();
        let a = doc
            .sections
            .iter()
            .any(|s| s.family == MarkerFamily::Article);
        for key in [genre, "ALL".to_string()] {
            let c = by.entry(key).or_default();
            c[0] += 1;
            c[1] += usize::from(t);
            c[2] += usize::from(d);
            c[3] += usize::from(a);
            c[4] += usize::from(t && d && a);
        }
    }
    let pct = |n: usize, d: usize| 100.0 * n as f64 / d.max(1) as f64;
    println!("genre\tfiles\ttitle%\tdate%\tarticle%\tall3%");
    for (g, c) in &by {
        println!(
            "{g}\t{}\t{:.1}\t{:.1}\t{:.1}\t{:.1}",
            c[0],
            pct(c[1], c[0]),
            pct(c[2], c[0]),
            pct(c[3], c[0]),
            pct(c[4], c[0])
        );
    }
}
