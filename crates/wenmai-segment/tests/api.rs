//! Behaviour of the public API on small inputs, checked by hand or against jieba 0.42.1's
//! documented behaviour.

use wenmai_segment::{CutMode, Error, Segmenter};

#[test]
fn userdict_lines_as_jieba_reads_them() {
    let seg = Segmenter::new();
    // word only; word + tag without a frequency; word + freq; word + freq + tag; blank lines; a
    // BOM; a word containing a space; a line with an upper-case tag (whole line is the word).
    let dict = "\u{feff}云计算\n\n创新办 i\n韩玉赏鉴 3 nz\n八一双鹿 10\nNew York 5 ns\n台中 3 NS\n";
    assert_eq!(seg.load_userdict(dict.as_bytes()).unwrap(), 6);
    for w in [
        "云计算",
        "创新办",
        "韩玉赏鉴",
        "八一双鹿",
        "New York",
        "台中 3 NS",
    ] {
        assert!(seg.contains(w).unwrap(), "{w}");
    }
    let words = seg.cut(
        "李小福是创新办主任也是云计算方面的专家",
        CutMode::Precise,
        true,
    );
    assert_eq!(
        words,
        [
            "李小福",
            "是",
            "创新办",
            "主任",
            "也",
            "是",
            "云计算",
            "方面",
            "的",
            "专家"
        ]
    );
    let tags = seg.tag("创新办主任", true);
    assert_eq!(tags[0], ("创新办", "i".to_string()));
    // the default dictionary is untouched
    assert!(!Segmenter::default().contains("创新办").unwrap());
}

#[test]
fn userdict_errors_name_the_line() {
    let seg = Segmenter::new();
    let err = seg.load_userdict(&b"ok 3\n\xff\xfe bad\n"[..]).unwrap_err();
    assert!(matches!(err, Error::UserDict { line: 2, .. }), "{err}");
    let err = seg
        .load_userdict("x 99999999999999999999999999\n".as_bytes())
        .unwrap_err();
    assert!(matches!(err, Error::UserDict { line: 1, .. }), "{err}");
}

#[test]
fn del_word_and_suggest_freq() {
    let seg = Segmenter::new();
    assert_eq!(
        seg.cut("今天天气不错", CutMode::Precise, false),
        ["今天天气", "不错"]
    );
    seg.del_word("今天天气").unwrap();
    assert_eq!(
        seg.cut("今天天气不错", CutMode::Precise, false),
        ["今天", "天气", "不错"]
    );
    // jieba's README: suggest_freq(('中', '将'), True) splits 中将 (jieba 0.42.1 returns 494)
    assert_eq!(seg.suggest_freq(&["中", "将"], false).unwrap(), 494);
    assert_eq!(seg.suggest_freq(&["云计算"], false).unwrap(), 1); // jieba.suggest_freq('云计算')
    seg.suggest_freq(&["中", "将"], true).unwrap();
    assert_eq!(
        seg.cut("如果放到post中将出错。", CutMode::Precise, false),
        ["如果", "放到", "post", "中", "将", "出错", "。"]
    );
    // and suggest_freq('台中', True) keeps 台中 whole
    seg.suggest_freq(&["台中"], true).unwrap();
    assert!(
        seg.cut("「台中」正确应该不会被切开", CutMode::Precise, false)
            .contains(&"台中")
    );
}

#[test]
fn tokenize_offsets_are_chars() {
    let seg = Segmenter::default();
    let text = "ａ１，我们";
    let t = seg.tokenize(text, CutMode::Precise, true);
    let spans: Vec<(&str, usize, usize)> = t.iter().map(|t| (t.word, t.start, t.end)).collect();
    assert_eq!(
        spans,
        [("ａ", 0, 1), ("１", 1, 2), ("，", 2, 3), ("我们", 3, 5)]
    );
    for tok in &t {
        assert_eq!(&text[tok.byte_start..tok.byte_end], tok.word);
    }
}

#[test]
fn cut_many_keeps_order() {
    let seg = Segmenter::default();
    let texts: Vec<String> = (0..200)
        .map(|i| format!("第{i}篇文章讨论经济发展"))
        .collect();
    let many = seg.cut_many(&texts, CutMode::Precise, true);
    for (t, words) in texts.iter().zip(&many) {
        assert_eq!(words.concat(), *t);
    }
}
