//! Print the parallel groups of the files given: `cargo run --example parallelisms -- FILE…`.
fn main() {
    let seg = wenmai_segment::Segmenter::default();
    for path in std::env::args().skip(1) {
        let doc = match wenmai_parse::read(&path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        for g in wenmai_rhetoric::parallelism::parallelisms(&doc, &seg, 3) {
            println!(
                "{}\t{}\t{}\t{}\t{}",
                g.start,
                g.kind.as_str(),
                g.frame,
                g.members.len(),
                g.text(&doc)
            );
        }
    }
}
