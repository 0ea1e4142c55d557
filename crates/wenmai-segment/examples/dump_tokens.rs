//! Segment every line of the given files with HMM on and off and print one JSON object per
//! line: `{"file", "line", "hmm", "nohmm", "full", "search"}` (token lists) (input for `crates/wenmai-analyze/scripts/parity.py`).
//!
//! `cargo run --release -p wenmai-segment --example dump_tokens -- FILE...`

use std::io::Write;

use wenmai_segment::{CutMode, Segmenter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seg = Segmenter::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let hmm = seg.cut(line, CutMode::Precise, true);
            let nohmm = seg.cut(line, CutMode::Precise, false);
            let full = seg.cut(line, CutMode::Full, true);
            let search = seg.cut(line, CutMode::Search, true);
            let v = serde_json::json!({"file": path, "line": i, "hmm": hmm, "nohmm": nohmm, "full": full, "search": search});
            writeln!(out, "{v}")?;
        }
    }
    Ok(())
}
