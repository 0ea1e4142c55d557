//! Parse every `.txt` file under the given folders and report how many have a title, a date
//! and at least one article: `cargo run --release --example survey -- DIR…`.
//! With `--misses`, list the files that lack one of them.
use std::path::{Path, PathBuf};
use std::time::Instant;

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let misses = args.iter().any(|a| a == "--misses");
    let mut paths = Vec::new();
    for a in args.iter().filter(|a| !a.starts_with("--")) {
        files(Path::new(a), &mut paths);
    }
    paths.sort();
    let (mut n, mut errors, mut title, mut date, mut article, mut all3, mut bytes) =
        (0, 0, 0, 0, 0, 0, 0usize);
    let t = Instant::now();
    for p in &paths {
        n += 1;
        match wenmai_parse::read(p) {
            Err(e) => {
                errors += 1;
                println!("ERROR {e}");
            }
            Ok(doc) => {
                bytes += doc.text.len();
                let has_t = doc.meta.title.is_some();
                let has_d = doc.meta.published.is_some();
                let has_a = doc
                    .sections
                    .iter()
                    .any(|s| s.family == MarkerFamily::Article);
                title += usize::from(has_t);
                date += usize::from(has_d);
                article += usize::from(has_a);
                if has_t && has_d && has_a {
                    all3 += 1;
                } else if misses {
                    println!("MISS t={} d={} a={} {}", has_t, has_d, has_a, p.display());
                }
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "files {n} errors {errors} title {title} date {date} article {article} all3 {all3} ({:.1}%) {:.1} MB in {secs:.2}s = {:.0} MB/s",
        100.0 * all3 as f64 / n.max(1) as f64,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
