//! Linear time check: parse 50 MB of ordinary text (the government work reports, repeated)
//! and 50 MB of the same characters without punctuation or line breaks, and print both times.
//! `cargo run --release --example flat_vs_ordinary [-- MB]` (needs `$WENMAI_CORPUS`).
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let target = mb << 20;
    let dir = std::env::var_os("WENMAI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/corpus"
            ))
        })
        .join("gov_reports");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let all: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    let take = |it: &mut dyn Iterator<Item = char>| {
        let mut s = String::with_capacity(target + 4);
        for c in it {
            if s.len() + c.len_utf8() > target {
                break;
            }
            s.push(c);
        }
        s
    };
    let ordinary = take(&mut all.chars().cycle());
    let flat = take(&mut all.chars().filter(|c| c.is_alphanumeric()).cycle());
    for (name, text) in [
        ("ordinary", &ordinary),
        ("no punctuation, no line breaks", &flat),
    ] {
        let t = Instant::now();
        let doc = wenmai_parse::parse(text);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{name:32} {:6.1} MB  {:6.3} s  {:6.1} MB/s  ({} paragraphs, {} sentences, {} sections)",
            text.len() as f64 / 1e6,
            secs,
            text.len() as f64 / 1e6 / secs,
            doc.paragraphs.len(),
            doc.sentences.len(),
            doc.sections.len()
        );
    }
}
