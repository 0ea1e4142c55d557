//! Print the metadata and outline of documents: `cargo run --example dump -- FILE…`.
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut code = ExitCode::SUCCESS;
    let summary = std::env::args().any(|a| a == "--summary");
    for path in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        match wenmai_parse::read(&path) {
            Ok(doc) if summary => {
                let top: Vec<&str> = doc
                    .sections
                    .iter()
                    .filter(|s| s.level == 1)
                    .map(|s| s.heading.as_str())
                    .collect();
                let second = doc.sections.iter().filter(|s| s.level == 2).count();
                let articles = doc
                    .sections
                    .iter()
                    .filter(|s| s.family == wenmai_parse::MarkerFamily::Article)
                    .count();
                println!(
                    "{path}\n  {:?} | {:?} | {:?} | {:?} | level2 {second} | articles {articles}\n  top {top:?}",
                    doc.meta.title, doc.meta.published, doc.meta.doc_number, doc.meta.author
                );
            }
            Ok(doc) => {
                let m = &doc.meta;
                println!("== {path}");
                println!(
                    "title: {:?}\nsubtitle: {:?}\npublished: {:?}",
                    m.title, m.subtitle, m.published
                );
                println!(
                    "author: {:?} source: {:?} note: {:?} visits: {:?}",
                    m.author, m.source, m.author_note, m.visits
                );
                println!("doc_number: {:?} issuer: {:?}", m.doc_number, m.issuer);
                for d in &m.dates {
                    println!("date: {} {:?}", d.label, d.date);
                }
                for (k, v) in &m.extra {
                    println!("extra: {k} = {v}");
                }
                println!(
                    "paragraphs {} sentences {} sections {} points {} body_start {}",
                    doc.paragraphs.len(),
                    doc.sentences.len(),
                    doc.sections.len(),
                    doc.points.len(),
                    doc.body_start
                );
                for s in &doc.sections {
                    let h: String = s.heading.chars().take(30).collect();
                    println!(
                        "{}{} {} [{}]",
                        "  ".repeat(usize::from(s.level.saturating_sub(1))),
                        s.marker,
                        h,
                        s.confidence
                    );
                }
                for p in &doc.points {
                    println!(
                        "point {} #{} sec {:?} para {}",
                        p.marker, p.number, p.section, p.paragraph
                    );
                }
            }
            Err(e) => {
                eprintln!("{e}");
                code = ExitCode::FAILURE;
            }
        }
    }
    code
}
