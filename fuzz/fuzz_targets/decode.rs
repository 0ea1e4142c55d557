//! Bytes -> text under every supported encoding label (and an unknown one), strict and
//! replacing: nothing panics, a malformed offset lies inside the input, replacing never fails
//! for a known encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenmai_parse::{DecodeError, DecodeOptions, Errors};

const LABELS: [&str; 11] = [
    "", "utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16le", "utf-16be", "utf-16",
    "windows-1252", "no-such-encoding",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let label = LABELS[pick as usize % LABELS.len()];
    let opts = if label.is_empty() {
        DecodeOptions::default()
    } else {
        DecodeOptions::default().with_encoding(label)
    };
    match wenmai_parse::decode(bytes, &opts) {
        Ok(d) => assert!(d.text.len() <= bytes.len().saturating_mul(3) + 3),
        Err(DecodeError::Malformed { offset, .. } | DecodeError::Binary { offset }) => {
            assert!(offset < bytes.len().max(1))
        }
        Err(_) => {}
    }
    match wenmai_parse::decode(bytes, &opts.with_errors(Errors::Replace)) {
        Ok(_) => {}
        Err(DecodeError::UnknownEncoding { .. }) => assert_eq!(label, "no-such-encoding"),
        Err(e) => panic!("replacing failed: {e}"),
    }
});
