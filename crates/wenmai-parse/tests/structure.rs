//! Metadata, outline, points and sentences on small documents written for the purpose.
use chrono::NaiveDate;
use wenmai_parse::{DateValue, MarkerFamily, parse};

fn date(y: i32, m: u32, d: u32) -> Option<DateValue> {
    Some(DateValue::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
}

#[test]
fn notice_with_number_issuer_and_chinese_date() {
    let doc = parse(
        "关于印发余杭区某某办法的通知\n余府发〔2012〕3号\n各镇人民政府，区政府各部门：\n现将办法印发给你们，请认真贯彻执行。\n一、总体要求\n要做好工作。\n二、保障措施\n加强领导。\n余杭区人民政府\n二〇一二年三月五日\n",
    );
    let m = &doc.meta;
    assert_eq!(m.title.as_deref(), Some("关于印发余杭区某某办法的通知"));
    assert_eq!(m.doc_number.as_deref(), Some("余府发〔2012〕3号"));
    assert_eq!(m.issuer.as_deref(), Some("余杭区人民政府"));
    assert_eq!(m.published, date(2012, 3, 5));
    assert_eq!(doc.sections.len(), 2);
    // The closing organ and date are footer lines: outside every section.
    assert_eq!(doc.paragraphs.last().unwrap().section, None);
    assert!(doc.slice(doc.sections[1].span).ends_with("加强领导。"));
}

#[test]
fn several_fields_on_one_line() {
    let doc = parse(
        "标题\n作者：张　三　来源：人民日报　浏览次数：123　责任编辑：李四　栏目：要闻\n正文。\n",
    );
    let m = &doc.meta;
    assert_eq!(m.author.as_deref(), Some("张三"));
    assert_eq!(m.source.as_deref(), Some("人民日报"));
    assert_eq!(m.visits, Some(123));
    assert_eq!(
        m.extra,
        vec![
            ("责任编辑".to_string(), "李四".to_string()),
            ("栏目".to_string(), "要闻".to_string())
        ]
    );
    let doc = parse("标题\n劳社部发[2008]3号\n正文。\n");
    assert_eq!(doc.meta.doc_number.as_deref(), Some("劳社部发[2008]3号"));
}

#[test]
fn subtitles_and_dates() {
    let doc = parse(
        "在全省工作会议上的讲话\n----在全省工作会议上\n（二〇一七年十月十八日）\n同志们：\n今天开会。\n",
    );
    assert_eq!(doc.meta.subtitle.as_deref(), Some("在全省工作会议上"));
    assert_eq!(doc.meta.published, date(2017, 10, 18));
    let doc = parse("标题\n时间：２０１７年３月５日\n正文。\n");
    assert_eq!(doc.meta.published, date(2017, 3, 5));
    let doc = parse("标题\n发布日期：2017-03-05 10:20\n正文。\n");
    let t = NaiveDate::from_ymd_opt(2017, 3, 5)
        .unwrap()
        .and_hms_opt(10, 20, 0)
        .unwrap();
    assert_eq!(doc.meta.published, Some(DateValue::DateTime(t)));
    let doc = parse(
        "某某条例\n2018年9月29日 某省人民代表大会常务委员会第六次会议通过\n2013年10月1日 施行\n第一条 为了。\n",
    );
    let labels: Vec<&str> = doc.meta.dates.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["通过", "施行"]);
    assert_eq!(doc.meta.published, date(2018, 9, 29));
    let doc = parse(
        "某某规定\n（审判委员会第1421次会议通过 2008年4月17日最高人民法院公告公布 自2008年4月23日起施行）\n第一条 为了。\n",
    );
    let dates: Vec<(&str, Option<DateValue>)> = doc
        .meta
        .dates
        .iter()
        .map(|d| (d.label.as_str(), Some(d.date)))
        .collect();
    assert_eq!(
        dates,
        [("公布", date(2008, 4, 17)), ("施行", date(2008, 4, 23))]
    );
    assert_eq!(doc.slice(doc.meta.dates[1].span), "2008年4月23日");
    assert_eq!(doc.meta.published, date(2008, 4, 17));
}

#[test]
fn markers_mid_sentence_are_not_headings() {
    let doc = parse(
        "标题\n\n会议评出一、二、三等奖。我们要做好以下工作：（一）加强领导；（二）落实责任。\n一、二月份，经济平稳。\n",
    );
    assert!(doc.sections.is_empty(), "{:?}", doc.sections);
}

#[test]
fn numbering_that_does_not_continue_lowers_confidence() {
    let doc = parse("标题\n\n一、甲\n正文。\n三、乙\n正文。\n（一）子项\n（三）子项\n");
    let s: Vec<(&str, u8, u8)> = doc
        .sections
        .iter()
        .map(|s| (s.marker.as_str(), s.level, s.confidence))
        .collect();
    assert_eq!(
        s,
        [
            ("一、", 1, 100),
            ("三、", 1, 50),
            ("（一）", 2, 100),
            ("（三）", 2, 50)
        ]
    );
}

#[test]
fn families_and_levels() {
    let doc = parse(
        "标题\n\n一、总体\n（一）指导思想\n1.坚持\n（1）要点\n①细节\n２．全角\n（二）目标\n二、任务\n(一)半角括号\n",
    );
    let s: Vec<(MarkerFamily, u32, u8, Option<usize>)> = doc
        .sections
        .iter()
        .map(|s| (s.family, s.number, s.level, s.parent))
        .collect();
    use MarkerFamily::*;
    assert_eq!(
        s,
        [
            (Chinese, 1, 1, None),
            (ParenChinese, 1, 2, Some(0)),
            (Arabic, 1, 3, Some(1)),
            (ParenArabic, 1, 4, Some(2)),
            (Circled, 1, 5, Some(3)),
            (Arabic, 2, 3, Some(1)),
            (ParenChinese, 2, 2, Some(0)),
            (Chinese, 2, 1, None),
            (ParenChinese, 1, 2, Some(7)),
        ]
    );
    assert_eq!(
        doc.outline(),
        "一、 总体\n  （一） 指导思想\n    1. 坚持\n      （1） 要点\n        ① 细节\n    ２． 全角\n  （二） 目标\n二、 任务\n  (一) 半角括号\n"
    );
}

#[test]
fn law_structure() {
    let doc = parse(
        "某某法\n2020年1月1日 通过\n第一章 总 则\n第一条 为了规范，制定本法。\n第二条 本法适用于：\n（一）甲；\n（二）乙。\n第二章 分则\n第一节 一般规定\n第三条 规定。\n第三条之一 补充。\n第四条 本法自2020年5月1日起施行。\n",
    );
    let s: Vec<(&str, &str, u8)> = doc
        .sections
        .iter()
        .map(|s| (s.marker.as_str(), s.heading.as_str(), s.level))
        .collect();
    assert_eq!(
        s,
        [
            ("第一章", "总则", 1),
            ("第一条", "为了规范，制定本法", 2),
            ("第二条", "本法适用于", 2),
            ("（一）", "甲", 3),
            ("（二）", "乙", 3),
            ("第二章", "分则", 1),
            ("第一节", "一般规定", 2),
            ("第三条", "规定", 3),
            ("第三条之一", "补充", 3),
            ("第四条", "本法自2020年5月1日起施行", 3),
        ]
    );
    assert!(doc.sections.iter().all(|s| s.confidence == 100));
    let labels: Vec<&str> = doc.meta.dates.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["通过", "施行"]);
}

#[test]
fn points_of_each_kind() {
    let doc = parse(
        "标题\n\n一、工作\n首先，要学习。其次，要实践；最后，要总结。\n一要抓落实，二要抓创新，三要抓队伍。\n第一，坚持。第二，发展。\n二、其他\n首先要说明的是这个。\n一是这样。\n",
    );
    let p: Vec<(&str, u32, Option<usize>)> = doc
        .points
        .iter()
        .map(|p| (p.marker.as_str(), p.number, p.section))
        .collect();
    assert_eq!(
        p,
        [
            ("首先", 1, Some(0)),
            ("其次", 2, Some(0)),
            ("最后", 3, Some(0)),
            ("一要", 1, Some(0)),
            ("二要", 2, Some(0)),
            ("三要", 3, Some(0)),
            ("第一，", 1, Some(0)),
            ("第二，", 2, Some(0)),
        ]
    );
    // A point ends where the next point of its run starts in the same paragraph.
    assert_eq!(doc.slice(doc.points[3].span), "一要抓落实，");
    assert_eq!(doc.slice(doc.points[5].span), "三要抓队伍。");
}

#[test]
fn sentences_keep_closing_marks() {
    let doc = parse("标题\n\n他说：“要团结。”大家鼓掌！真的吗？是的;好的!结束……（完）\n");
    let s: Vec<&str> = doc
        .sentences
        .iter()
        .skip(1)
        .map(|s| doc.slice(s.span))
        .collect();
    assert_eq!(
        s,
        [
            "他说：“要团结。”",
            "大家鼓掌！",
            "真的吗？",
            "是的;",
            "好的!",
            "结束……",
            "（完）"
        ]
    );
    let p = &doc.paragraphs[1];
    assert_eq!(p.span.char_start, 4);
}

#[test]
fn empty_and_blank_inputs() {
    for s in ["", "\n\n", "　　\n \r\n\t", "\u{feff}"] {
        let doc = parse(s);
        assert!(doc.paragraphs.is_empty() && doc.sentences.is_empty() && doc.meta.title.is_none());
    }
}

#[test]
fn prose_with_a_colon_is_not_metadata() {
    let doc = parse("标题\n大会的主题是：高举旗帜，团结奋斗。\n正文。\n");
    assert!(doc.meta.extra.is_empty(), "{:?}", doc.meta.extra);
    assert_eq!(doc.body_start, "标题\n".len());
    let doc = parse("标题\n要做到：一是学习，二是实践。\n");
    assert_eq!(doc.points.len(), 2);
}

#[test]
fn bracketed_header_note_is_not_a_title() {
    let doc = parse("(译自俄文稿)\n\n现在我代表中央委员会作报告。\n");
    assert_eq!(doc.meta.title, None);
    assert_eq!(
        doc.meta.extra,
        vec![(String::new(), "译自俄文稿".to_string())]
    );
    let doc = parse("标题\n正文。\n(作者系某单位负责人)\n");
    assert_eq!(doc.meta.author_note.as_deref(), Some("某单位负责人"));
}
