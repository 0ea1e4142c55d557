//! Bytes -> decode (detected, strict and replacing) -> parse and parse_html: nothing panics
//! and every span is a valid slice of the text with matching char offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenmai_parse::{DecodeOptions, Document, Errors};

fn check(doc: &Document) {
    let text = &doc.text;
    let mut marks = Vec::new();
    let spans = doc
        .sentences
        .iter()
        .map(|s| s.span)
        .chain(doc.paragraphs.iter().map(|p| p.span))
        .chain(doc.sections.iter().flat_map(|s| [s.span, s.heading_span]))
        .chain(doc.points.iter().map(|p| p.span))
        .chain(doc.meta.dates.iter().map(|d| d.span));
    for s in spans {
        assert!(s.start <= s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        marks.push((s.start, s.char_start));
        marks.push((s.end, s.char_end));
    }
    marks.sort_unstable();
    let (mut byte, mut chars) = (0, 0);
    for (b, c) in marks {
        chars += text[byte..b].chars().count();
        byte = b;
        assert_eq!(c, chars);
    }
    for (i, s) in doc.sections.iter().enumerate() {
        assert!(s.parent.is_none_or(|p| p < i));
    }
    let _ = doc.outline();
    let _ = doc.to_json();
}

fuzz_target!(|data: &[u8]| {
    match wenmai_parse::decode(data, &DecodeOptions::default()) {
        Ok(d) => {
            check(&wenmai_parse::parse(&d.text));
            check(&wenmai_parse::parse_html(&d.text));
        }
        Err(
            wenmai_parse::DecodeError::Malformed { offset, .. }
            | wenmai_parse::DecodeError::Binary { offset },
        ) => assert!(offset < data.len()),
        // the decoder's refusals of bytes that are no text (strict mode only)
        Err(
            wenmai_parse::DecodeError::Utf16WithoutBom { .. }
            | wenmai_parse::DecodeError::NotText { .. },
        ) => {}
        Err(e) => panic!("unexpected {e}"),
    }
    let d = wenmai_parse::decode(data, &DecodeOptions::default().with_errors(Errors::Replace))
        .expect("replacement never fails");
    check(&wenmai_parse::parse(&d.text));
});
