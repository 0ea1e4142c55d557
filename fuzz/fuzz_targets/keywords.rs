//! Text -> keywords by tf-idf (jieba's extract_tags) and TextRank with a span and top_k from
//! the first byte (including 0): nothing panics, at most top_k keywords, finite weights.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use wenmai_analyze::KeywordExtractor;
use wenmai_analyze::keywords::Ranking;

// Built once: the default extractor copies jieba's idf table (0.1 s an input otherwise).
static KW: LazyLock<KeywordExtractor> = LazyLock::new(KeywordExtractor::default);

fuzz_target!(|data: &[u8]| {
    let Some((&p, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let kw = &*KW;
    let top_k = usize::from(p & 15);
    for ranking in [Ranking::TfIdf, Ranking::TextRank] {
        let k = kw.keywords(&text, top_k, ranking, None);
        assert!(k.len() <= top_k);
        assert!(k.iter().all(|k| k.weight.is_finite()));
    }
    let _ = kw.extract_tags(&text, None, &["n", "v"], true);
    let span = usize::from(p >> 4);
    let _ = kw.textrank_span(&text, Some(top_k), &["n", "v", "vn", "ns"], p & 1 != 0, span);
});
