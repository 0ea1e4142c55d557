//! POS-tag every line of the given files (HMM on) and print one JSON object per line:
//! `{"file", "line", "tags": [[word, tag], ...]}` (input for `crates/wenmai-analyze/scripts/parity.py tags`).
//!
//! `cargo run --release -p wenmai-segment --example dump_tags -- FILE...`

use std::io::Write;

use wenmai_segment::Segmenter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seg = Segmenter::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        for (i, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let tags = seg.tag(line, true);
            writeln!(
                out,
                "{}",
                serde_json::json!({"file": path, "line": i, "tags": tags})
            )?;
        }
    }
    Ok(())
}
