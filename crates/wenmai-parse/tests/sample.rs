//! The bundled sample article (`examples/seed-article.txt`) parses as the issue says.
use chrono::NaiveDate;
use wenmai_parse::{DateValue, MarkerFamily};

fn sample() -> wenmai_parse::Document {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/seed-article.txt"
    );
    wenmai_parse::read(path).expect("the sample article reads")
}

#[test]
fn metadata() {
    let doc = sample();
    let m = &doc.meta;
    assert_eq!(m.title.as_deref(), Some("把握服务内涵 提高服务水平"));
    let when = NaiveDate::from_ymd_opt(2008, 12, 9)
        .unwrap()
        .and_hms_opt(8, 26, 0)
        .unwrap();
    assert_eq!(m.published, Some(DateValue::DateTime(when)));
    assert_eq!(m.author.as_deref(), Some("艾立明"));
    assert_eq!(m.source.as_deref(), Some("黑龙江日报"));
    assert_eq!(m.author_note.as_deref(), Some("黑龙江省委办公厅副主任"));
    assert_eq!(m.visits, None);
    assert_eq!(m.subtitle, None);
    assert_eq!(m.dates.len(), 1);
    assert_eq!(doc.slice(m.dates[0].span), "2008-12-09 08:26:00");
    assert!(m.extra.is_empty(), "{:?}", m.extra);
    // JSON carries the same.
    let json: serde_json::Value = serde_json::from_str(&doc.to_json().unwrap()).unwrap();
    assert_eq!(json["meta"]["published"], "2008-12-09T08:26:00");
    assert_eq!(json["meta"]["visits"], serde_json::Value::Null);
}

#[test]
fn lead_paragraph_and_sections() {
    let doc = sample();
    // The body starts with the lead paragraph, before any section.
    let lead = doc
        .paragraphs
        .iter()
        .find(|p| p.span.start >= doc.body_start)
        .unwrap();
    assert!(
        doc.slice(lead.span)
            .starts_with("服务是党委办公部门工作的出发点和落脚点")
    );
    assert_eq!(lead.section, None);
    let headings: Vec<(&str, &str, u8, u32)> = doc
        .sections
        .iter()
        .map(|s| (s.marker.as_str(), s.heading.as_str(), s.level, s.number))
        .collect();
    assert_eq!(
        headings,
        vec![
            ("一、", "进一步增强服务意识", 1, 1),
            ("二、", "进一步提高服务本领", 1, 2),
            ("三、", "进一步保证服务效果", 1, 3),
        ]
    );
    assert!(
        doc.sections
            .iter()
            .all(|s| s.family == MarkerFamily::Chinese
                && s.parent.is_none()
                && s.confidence == 100)
    );
    // The last section ends before the author note.
    let last = &doc.sections[2];
    assert!(doc.slice(last.span).ends_with("全力打造精品工程。"));
    assert_eq!(doc.paragraphs.last().unwrap().section, None);
    assert_eq!(
        doc.outline(),
        "一、 进一步增强服务意识\n二、 进一步提高服务本领\n三、 进一步保证服务效果\n"
    );
}

#[test]
fn ten_points_in_their_sections() {
    let doc = sample();
    let pts: Vec<(&str, u32, Option<usize>)> = doc
        .points
        .iter()
        .map(|p| (p.marker.as_str(), p.number, p.section))
        .collect();
    let expected: Vec<(&str, u32, Option<usize>)> = vec![
        ("一是", 1, Some(0)),
        ("二是", 2, Some(0)),
        ("三是", 3, Some(0)),
        ("一是", 1, Some(1)),
        ("二是", 2, Some(1)),
        ("三是", 3, Some(1)),
        ("四是", 4, Some(1)),
        ("一是", 1, Some(2)),
        ("二是", 2, Some(2)),
        ("三是", 3, Some(2)),
    ];
    assert_eq!(pts, expected);
    let first = &doc.points[0];
    assert!(
        doc.slice(first.span)
            .starts_with("一是要围绕大局增强服务意识。")
    );
    assert_eq!(doc.paragraphs[first.paragraph].span.end, first.span.end);
}

#[test]
fn sentences_and_spans() {
    let doc = sample();
    let s: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    assert_eq!(s[0], "把握服务内涵 提高服务水平");
    assert!(s.contains(&"思想是行动的先导。"));
    assert!(s.contains(&"只有想到服务,才能做到服务。"));
    assert!(s.contains(&"(作者系黑龙江省委办公厅副主任)"));
    for sent in &doc.sentences {
        let text = doc.slice(sent.span);
        assert_eq!(
            sent.span.char_end - sent.span.char_start,
            text.chars().count()
        );
        assert_eq!(
            doc.text[..sent.span.start].chars().count(),
            sent.span.char_start
        );
        assert_eq!(sent.section, doc.paragraphs[sent.paragraph].section);
    }
}
