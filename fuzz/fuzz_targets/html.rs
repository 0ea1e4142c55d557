//! Text -> the HTML reader (html_to_text, parse_html): nothing panics and parse_html's
//! spans are valid slices of its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = wenmai_parse::html_to_text(&html);
    let doc = wenmai_parse::parse_html(&html);
    for s in doc.sentences.iter().map(|s| s.span).chain(doc.paragraphs.iter().map(|p| p.span)) {
        assert!(s.start <= s.end && s.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
    }
    let _ = doc.to_json();
});
