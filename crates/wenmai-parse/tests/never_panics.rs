//! Property: no input makes decoding or parsing panic, and the model's basic invariants hold.
use proptest::prelude::*;
use wenmai_parse::{DecodeOptions, Document, Errors};

fn check(doc: &Document) {
    let text = &doc.text;
    let mut marks = Vec::new();
    for s in doc
        .sentences
        .iter()
        .map(|s| s.span)
        .chain(doc.paragraphs.iter().map(|p| p.span))
    {
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
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
    }
    for p in &doc.points {
        assert!(p.paragraph < doc.paragraphs.len());
        assert!(p.span.start <= p.span.end && p.span.end <= text.len());
    }
    assert!(doc.to_json().is_ok());
    let _ = doc.outline();
}

/// Strings made of the pieces the parser looks for, so that properties reach deep paths.
fn structured() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("一、".to_string()),
        Just("（一）".to_string()),
        Just("(二)".to_string()),
        Just("1.".to_string()),
        Just("１．".to_string()),
        Just("（1）".to_string()),
        Just("①".to_string()),
        Just("第一章 ".to_string()),
        Just("第十二条 ".to_string()),
        Just("第三节".to_string()),
        Just("一是".to_string()),
        Just("二是".to_string()),
        Just("首先，".to_string()),
        Just("其次".to_string()),
        Just("最后".to_string()),
        Just("第一，".to_string()),
        Just("附件1".to_string()),
        Just("目录".to_string()),
        Just("发布时间:2008-12-09 08:26:00 ".to_string()),
        Just("访问次数: ".to_string()),
        Just("来源：《人民日报》".to_string()),
        Just("——2017年3月5日在".to_string()),
        Just("（2022年10月16日）".to_string()),
        Just("二〇一二年三月五日".to_string()),
        Just("２０１０年３月５日".to_string()),
        Just("国务院总理　李克强".to_string()),
        Just("习　近　平".to_string()),
        Just("(作者系副主任)".to_string()),
        Just("余府发〔2012〕3号".to_string()),
        Just("。".to_string()),
        Just("”".to_string()),
        Just("……".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("　".to_string()),
        Just(":".to_string()),
        Just("：".to_string()),
        "[\\u{4e00}-\\u{4e20}]{0,6}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, .. ProptestConfig::default() })]

    #[test]
    fn parse_any_string(s in any::<String>()) {
        check(&wenmai_parse::parse(&s));
    }

    #[test]
    fn parse_structured(s in structured()) {
        check(&wenmai_parse::parse(&s));
    }

    #[test]
    fn parse_html_any(s in structured()) {
        check(&wenmai_parse::parse_html(&s));
        let tagged = format!("<html><body><p>{s}</p><div>{s}<br>{s}</div><script>{s}</script></body></html>");
        check(&wenmai_parse::parse_html(&tagged));
    }

    #[test]
    fn decode_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        for opts in [
            DecodeOptions::default(),
            DecodeOptions::default().with_errors(Errors::Replace),
            DecodeOptions::default().with_encoding("gb18030"),
            DecodeOptions::default().with_encoding("utf-16le").with_errors(Errors::Replace),
        ] {
            match wenmai_parse::decode(&bytes, &opts) {
                Ok(d) => {
                    prop_assert!(!d.text.contains('\r'));
                    check(&wenmai_parse::parse(&d.text));
                }
                Err(wenmai_parse::DecodeError::Malformed { offset, .. }) => prop_assert!(offset < bytes.len()),
                // Binary data: only when detecting, strictly, and exactly at the first NUL byte.
                Err(wenmai_parse::DecodeError::Binary { offset }) => {
                    prop_assert!(opts.encoding.is_none() && opts.errors == Errors::Strict);
                    prop_assert_eq!(Some(offset), bytes.iter().position(|&b| b == 0));
                }
                // Not text, or UTF-16 without a BOM that does not decode: detecting, strictly.
                Err(wenmai_parse::DecodeError::NotText { .. } | wenmai_parse::DecodeError::Utf16WithoutBom { .. }) => {
                    prop_assert!(opts.encoding.is_none() && opts.errors == Errors::Strict);
                }
                Err(e) => prop_assert!(false, "unexpected {e}"),
            }
        }
    }

    /// UTF-8 is validated as `std::str::from_utf8` does (same verdict, same error offset), on
    /// text long enough for the SIMD validator's blocks.
    #[test]
    fn utf8_as_std(
        s in "(\\PC|中文|。){0,160}",
        junk in prop::collection::vec(any::<u8>(), 0..3),
        at in any::<prop::sample::Index>(),
    ) {
        let mut bytes = s.into_bytes();
        let i = at.index(bytes.len() + 1);
        bytes.splice(i..i, junk);
        let labelled = wenmai_parse::decode(&bytes, &DecodeOptions::default().with_encoding("utf-8"));
        match std::str::from_utf8(&bytes) {
            Ok(t) => {
                let t = t.replace("\r\n", "\n").replace('\r', "\n");
                prop_assert_eq!(&labelled.unwrap().text, &t);
                if !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.contains(&0) {
                    let d = wenmai_parse::decode(&bytes, &DecodeOptions::default()).unwrap();
                    // Or, for a few characters that make no sense as UTF-8, unsure GB18030.
                    if d.encoding == "gb18030" {
                        prop_assert!(d.unsure);
                    } else {
                        prop_assert_eq!((d.text.as_str(), d.encoding), (t.as_str(), "UTF-8"));
                    }
                }
            }
            Err(e) => {
                let offset = match labelled {
                    Err(wenmai_parse::DecodeError::Malformed { offset, .. }) => Some(offset),
                    _ => None,
                };
                prop_assert_eq!(offset, Some(e.valid_up_to()));
            }
        }
    }

    /// Replacement never fails; strict decoding fails exactly when replacement replaced.
    #[test]
    fn strict_fails_iff_replaced(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let opts = DecodeOptions::default().with_encoding("utf-8");
        let replaced = wenmai_parse::decode(&bytes, &opts.clone().with_errors(Errors::Replace)).unwrap().replaced;
        prop_assert_eq!(wenmai_parse::decode(&bytes, &opts).is_err(), replaced);
    }
}
