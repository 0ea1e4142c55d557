//! Print how much of each file's text its parsed sentences cover (a check of the units).
//!
//! `cargo run --release -p wenmai-analyze --example sentence_coverage -- FILE...`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let doc = wenmai_parse::parse(&text);
        let covered: usize = doc
            .sentences
            .iter()
            .map(|s| s.span.end - s.span.start)
            .sum();
        println!(
            "{path}: text {} bytes, {} sentences covering {covered} bytes",
            doc.text.len(),
            doc.sentences.len()
        );
    }
    Ok(())
}
