//! Print a document's keywords: jieba-style tf-idf (`extract_tags`) and TextRank, top 20.
//!
//! `cargo run --release -p wenmai-analyze --example keywords -- FILE [TOP_K]`

use wenmai_analyze::KeywordExtractor;
use wenmai_analyze::keywords::TEXTRANK_POS;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: keywords FILE [TOP_K]");
        std::process::exit(2);
    };
    let top_k: usize = match args.next() {
        Some(k) => k.parse()?,
        None => 20,
    };
    let doc = wenmai_analyze::wenmai_parse::read(&path)?;
    if let Some(title) = &doc.meta.title {
        println!("{title}");
    }
    let kw = KeywordExtractor::default();
    let tfidf = kw.extract_tags(&doc.text, Some(top_k), &[], false);
    let textrank = kw.textrank(&doc.text, Some(top_k), &TEXTRANK_POS, false);
    println!(
        "{:>4}  {:<12} {:>8}    {:<12} {:>8}",
        "rank", "tf-idf", "weight", "textrank", "weight"
    );
    for i in 0..tfidf.len().max(textrank.len()) {
        let a = tfidf.get(i).map_or((String::new(), String::new()), |k| {
            (k.word.clone(), format!("{:.4}", k.weight))
        });
        let b = textrank.get(i).map_or((String::new(), String::new()), |k| {
            (k.word.clone(), format!("{:.4}", k.weight))
        });
        // Pad by display width: CJK characters take two columns.
        let pad = |s: &str, w: usize| {
            let width: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            format!("{s}{}", " ".repeat(w.saturating_sub(width)))
        };
        println!(
            "{:>4}  {} {:>8}    {} {:>8}",
            i + 1,
            pad(&a.0, 12),
            a.1,
            pad(&b.0, 12),
            b.1
        );
    }
    Ok(())
}
