//! Text -> jieba's default dictionary: cut in every mode with and without the HMM, tokenize
//! and tag. Nothing panics; tokens are slices of the text at their own offsets and, in the
//! precise mode, cover it in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenmai_segment::{CutMode, Segmenter};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let seg = Segmenter::default();
    for hmm in [false, true] {
        let words = seg.cut(&text, CutMode::Precise, hmm);
        assert_eq!(words.concat(), text);
        for mode in [CutMode::Full, CutMode::Search] {
            let _ = seg.cut(&text, mode, hmm);
        }
        for mode in [CutMode::Precise, CutMode::Search] {
            for t in seg.tokenize(&text, mode, hmm) {
                assert_eq!(&text[t.byte_start..t.byte_end], t.word);
                assert_eq!(t.end - t.start, t.word.chars().count());
            }
        }
        let tagged = seg.tag(&text, hmm);
        assert_eq!(tagged.iter().map(|(w, _)| *w).collect::<String>(), text);
    }
});
