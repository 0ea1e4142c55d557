//! Text -> a parsed document -> rhetoric: parallel groups (min_members from the first byte,
//! including the invalid 0 and 1), four-character expressions, enumerations and style.
//! Nothing panics and every group lies inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenmai_segment::Segmenter;

fuzz_target!(|data: &[u8]| {
    let Some((&p, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let doc = wenmai_parse::parse(&text);
    let seg = Segmenter::default();
    for g in wenmai_rhetoric::parallelism::parallelisms(&doc, &seg, usize::from(p & 7)) {
        let _ = g.text(&doc);
    }
    let _ = wenmai_rhetoric::fourchar::doc_four_char(&doc, &seg);
    let docs = [doc];
    let _ = wenmai_rhetoric::fourchar::four_char(&docs, &seg, u64::from(p >> 4));
    let _ = wenmai_rhetoric::enumeration::enumerations(&docs[0]);
    let _ = wenmai_rhetoric::style::style(&docs[0], &seg);
});
