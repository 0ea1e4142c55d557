//! Decoding: BOMs, GB18030/GBK detection, explicit encodings, newlines, errors; HTML input.
use std::path::PathBuf;

use wenmai_parse::{
    DecodeError, DecodeOptions, Error, Errors, HtmlMode, ReadOptions, decode, read, read_with,
};

const TEXT: &str = "把握服务内涵 提高服务水平\n发布时间:2008-12-09 08:26:00 信息来源:《黑龙江日报》\n一、进一步增强服务意识\n思想是行动的先导。";

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wenmai-parse-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn utf8_with_and_without_bom() {
    let d = decode(TEXT.as_bytes(), &DecodeOptions::default()).unwrap();
    assert_eq!(
        (d.text.as_str(), d.encoding, d.bom, d.replaced),
        (TEXT, "UTF-8", false, false)
    );
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice(TEXT.as_bytes());
    let d = decode(&b, &DecodeOptions::default()).unwrap();
    assert_eq!((d.text.as_str(), d.encoding, d.bom), (TEXT, "UTF-8", true));
}

#[test]
fn utf16_with_bom() {
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(TEXT.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(TEXT.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let d = decode(&le, &DecodeOptions::default()).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), (TEXT, "UTF-16LE"));
    let d = decode(&be, &DecodeOptions::default()).unwrap();
    assert_eq!((d.text.as_str(), d.encoding), (TEXT, "UTF-16BE"));
    let doc = read(tmp("utf16.txt", &le)).unwrap();
    assert_eq!(doc.meta.source.as_deref(), Some("黑龙江日报"));
}

#[test]
fn gbk_and_gb18030_detected() {
    let real = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-article.txt"
    ))
    .unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&real);
    assert!(!unmappable);
    let d = decode(&gbk, &DecodeOptions::default()).unwrap();
    assert_eq!(d.encoding, "gb18030");
    assert_eq!(d.text, real);
    // GB18030 four-byte sequences (here U+20000 and €) decode too.
    let (gb, _, _) = encoding_rs::GB18030
        .encode("𠀀字€的中文文本，这是一个较长的句子以便检测。中华人民共和国政府工作报告。");
    let d = decode(&gb, &DecodeOptions::default()).unwrap();
    assert!(d.text.starts_with("𠀀字€"), "{}", d.text);
    let doc = read(tmp("gbk.txt", &gbk)).unwrap();
    assert_eq!(doc.meta.author.as_deref(), Some("艾立明"));
}

#[test]
fn explicit_encoding() {
    let (gbk, _, _) = encoding_rs::GBK.encode("中文");
    let d = decode(&gbk, &DecodeOptions::default().with_encoding("GBK")).unwrap();
    assert_eq!(d.text, "中文");
    assert_eq!(
        decode(b"x", &DecodeOptions::default().with_encoding("klingon")),
        Err(DecodeError::UnknownEncoding {
            label: "klingon".into()
        })
    );
    let err = read_with(
        tmp("x.txt", b"x"),
        &ReadOptions::default().with_encoding("klingon"),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        Error::Decode {
            source: DecodeError::UnknownEncoding { .. },
            ..
        }
    ));
}

#[test]
fn newlines_become_lf() {
    let d = decode(
        "一\r\n二\r三\n四\r\n\r\n".as_bytes(),
        &DecodeOptions::default(),
    )
    .unwrap();
    assert_eq!(d.text, "一\n二\n三\n四\n\n");
    let doc = wenmai_parse::parse("标题\r\n正文。\r");
    assert_eq!(doc.text, "标题\n正文。\n");
}

#[test]
fn invalid_bytes_name_file_and_offset() {
    let mut b = TEXT.as_bytes().to_vec();
    let at = b.len();
    b.extend_from_slice(&[0xFF, 0xFE, b'x']);
    b.extend_from_slice("后面的文字".as_bytes());
    let err = decode(&b, &DecodeOptions::default()).unwrap_err();
    assert_eq!(
        err,
        DecodeError::Malformed {
            offset: at,
            encoding: "UTF-8"
        }
    );
    let path = tmp("broken.txt", &b);
    let err = read(&path).unwrap_err();
    match &err {
        Error::Decode {
            path: Some(p),
            source: DecodeError::Malformed { offset, encoding },
        } => {
            assert_eq!((p, *offset, *encoding), (&path, at, "UTF-8"));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("broken.txt") && err.to_string().contains(&at.to_string()));
    // Replacement only when asked.
    let d = decode(&b, &DecodeOptions::default().with_errors(Errors::Replace)).unwrap();
    assert!(d.replaced && d.text.contains('\u{FFFD}') && d.text.ends_with("后面的文字"));
    let doc = read_with(&path, &ReadOptions::default().with_errors(Errors::Replace)).unwrap();
    assert!(doc.text.contains('\u{FFFD}'));
    // A broken GBK file: the offset of the bad byte in the detected encoding.
    let (mut gbk, _, _) =
        encoding_rs::GBK.encode("中华人民共和国政府工作报告，这是一段足够长的文字用于检测编码。");
    let gbk = gbk.to_mut();
    let bad = gbk.len();
    gbk.extend_from_slice(&[0x81, 0x20]);
    let err = decode(gbk, &DecodeOptions::default().with_encoding("gb18030")).unwrap_err();
    assert_eq!(
        err,
        DecodeError::Malformed {
            offset: bad,
            encoding: "gb18030"
        }
    );
}

#[test]
fn io_errors_keep_their_kind() {
    let err = read("/definitely/not/here.txt").unwrap_err();
    match err {
        Error::Io { path, source } => {
            assert_eq!(path, PathBuf::from("/definitely/not/here.txt"));
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn html_input() {
    let html = r#"<!DOCTYPE html><html><head><title>网页标题</title><style>p { color: red }</style>
<script>var x = "一、不是标题";</script></head>
<body><h1>把握服务内涵 提高服务水平</h1>
<div class="meta">发布时间:2008-12-09 08:26:00 信息来源:《黑龙江日报》</div>
<p>服务是出发点&amp;落脚点&nbsp;，&lt;要&gt;充分发挥。</p>
<h2>一、进一步增强服务意识</h2>
<p>思想是行动的先导。<br>只有想到服务，才能做到服务。</p>
<ul><li>一是要围绕大局。</li><li>二是要围绕落实。</li></ul>
<noscript>请启用脚本</noscript>
</body></html>"#;
    let doc = wenmai_parse::parse_html(html);
    assert_eq!(doc.meta.title.as_deref(), Some("把握服务内涵 提高服务水平"));
    assert_eq!(doc.meta.source.as_deref(), Some("黑龙江日报"));
    assert!(
        doc.text
            .contains("服务是出发点&落脚点\u{a0}，<要>充分发挥。")
    );
    assert!(
        !doc.text.contains("var x") && !doc.text.contains("color") && !doc.text.contains("请启用")
    );
    assert!(
        !doc.text.contains("网页标题"),
        "the <title> is used only without an <h1>"
    );
    assert_eq!(doc.sections.len(), 1);
    assert_eq!(doc.sections[0].heading, "进一步增强服务意识");
    assert_eq!(doc.points.len(), 2);
    let paras: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(p.span)).collect();
    assert!(
        paras.contains(&"思想是行动的先导。") && paras.contains(&"只有想到服务，才能做到服务。")
    );
    // By extension, or forced.
    let p = tmp("page.html", html.as_bytes());
    assert_eq!(read(&p).unwrap(), doc);
    let p = tmp("page.txt", html.as_bytes());
    assert_eq!(
        read_with(&p, &ReadOptions::default().with_html(HtmlMode::Always)).unwrap(),
        doc
    );
    assert!(read(&p).unwrap().text.contains("<h1>"));
}

#[test]
fn binary_bytes_are_an_error_not_windows_1252_text() {
    use wenmai_parse::{DecodeError, DecodeOptions, Errors, decode};
    let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00";
    assert_eq!(
        decode(elf, &DecodeOptions::default()),
        Err(DecodeError::Binary { offset: 7 })
    );
    // Asked for replacement, or given a label, the caller gets what they asked for.
    let replaced = decode(elf, &DecodeOptions::default().with_errors(Errors::Replace));
    assert!(replaced.is_ok());
    assert!(decode(elf, &DecodeOptions::default().with_encoding("latin1")).is_ok());
    // UTF-16 with a BOM has NUL bytes and is text.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("中文 ok".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(
        decode(&utf16, &DecodeOptions::default()).unwrap().text,
        "中文 ok"
    );
    let dir = std::env::temp_dir().join(format!("wenmai-binary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.bin");
    std::fs::write(&path, elf).unwrap();
    let err = wenmai_parse::read(&path).unwrap_err();
    assert!(matches!(
        err,
        wenmai_parse::Error::Decode {
            source: DecodeError::Binary { offset: 7 },
            ..
        }
    ));
    assert!(err.to_string().contains("a.bin") && err.to_string().contains("binary"));
    std::fs::remove_dir_all(&dir).unwrap();
}
