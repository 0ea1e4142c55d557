//! Print jieba-style keywords of each given file as one JSON object per file:
//! `{"file", "tfidf": [[word, weight]...], "textrank": [[word, weight]...]}` (top 20 each; input
//! for `scripts/parity.py keywords`).
//!
//! `cargo run --release -p wenmai-analyze --example dump_keywords -- FILE...`

use std::io::Write;

use wenmai_analyze::KeywordExtractor;
use wenmai_analyze::keywords::TEXTRANK_POS;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kw = KeywordExtractor::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let pairs = |v: Vec<wenmai_analyze::Keyword>| -> Vec<(String, f64)> {
            v.into_iter().map(|k| (k.word, k.weight)).collect()
        };
        let tfidf = pairs(kw.extract_tags(&text, Some(20), &[], false));
        let textrank = pairs(kw.textrank(&text, Some(20), &TEXTRANK_POS, false));
        writeln!(
            out,
            "{}",
            serde_json::json!({"file": path, "tfidf": tfidf, "textrank": textrank})
        )?;
    }
    Ok(())
}
