//! Dictionary lines -> a segmenter: the input's first part (up to a 0xff byte) is a main
//! dictionary (`Segmenter::with_dict`), the second a user dictionary (`load_userdict`), the
//! rest a text cut and tagged with it. Bad lines are errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wenmai_segment::{CutMode, Segmenter};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xff);
    let (main, user, text) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let Ok(seg) = Segmenter::with_dict(main) else { return };
    let _ = seg.load_userdict(user);
    let text = String::from_utf8_lossy(text);
    for line in String::from_utf8_lossy(user).lines().take(8) {
        let word = line.split_whitespace().next().unwrap_or(line);
        let _ = seg.add_word(word, Some(line.len()), None);
        let _ = seg.suggest_freq(&[word], true);
        let _ = seg.del_word(word);
    }
    for hmm in [false, true] {
        assert_eq!(seg.cut(&text, CutMode::Precise, hmm).concat(), text);
        let _ = seg.cut(&text, CutMode::Full, hmm);
        let _ = seg.cut(&text, CutMode::Search, hmm);
        let _ = seg.tag(&text, hmm);
    }
});
