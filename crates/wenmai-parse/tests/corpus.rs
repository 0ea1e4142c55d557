//! The real corpus (`$WENMAI_CORPUS`, default `../shared/corpus` next to the repository):
//! every file of the structured sets parses, the model's invariants hold on each, and
//! twenty documents of different kinds, read by hand, are pinned.
//!
//! Without the corpus they run on its sample in `tests/data` (the same relative paths: four
//! reports, the NPC resolutions and ten laws, among them most of the pinned documents), and
//! what needs the whole corpus prints why on standard error and returns (Rust has no runtime
//! skip). Under `CI=true` a missing corpus fails them. Run them with `--release`.
use std::path::{Path, PathBuf};

use wenmai_parse::{DateValue, Document, MarkerFamily};

const HOW: &str = "needs the wenmai corpus: put it at ../shared/corpus or set WENMAI_CORPUS";

fn corpus_path() -> PathBuf {
    std::env::var_os("WENMAI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
}

/// Why the corpus is not used (panics under `CI=true`: CI must have it).
fn missing(dir: &Path) -> String {
    let msg = format!("{HOW} (no laws/ at {})", dir.display());
    let ci = std::env::var("CI")
        .is_ok_and(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes"));
    assert!(!ci, "CI=true and the corpus is missing: {msg}");
    msg
}

/// The corpus, or None (after printing why the test is skipped) when it is missing.
fn corpus() -> Option<PathBuf> {
    let dir = corpus_path();
    if dir.join("laws").is_dir() {
        return Some(dir);
    }
    eprintln!("skipped: {}", missing(&dir));
    None
}

/// The corpus (true), or without it the sample in `tests/data` (false).
fn corpus_or_sample() -> (PathBuf, bool) {
    let dir = corpus_path();
    if dir.join("laws").is_dir() {
        return (dir, true);
    }
    eprintln!("{}: using the sample in tests/data", missing(&dir));
    (
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data"),
        false,
    )
}

fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for e in entries {
        let p = e.expect("directory entry").path();
        if p.is_dir() {
            txt_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

/// Spans are on char boundaries, char offsets agree with byte offsets, everything is in
/// order and nested as documented.
fn check_invariants(doc: &Document, path: &Path) {
    let text = &doc.text;
    let ctx = || path.display().to_string();
    // Char offsets, checked incrementally over the sorted span starts/ends.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut add = |s: wenmai_parse::Span| {
        assert!(s.start <= s.end && s.end <= text.len(), "{}: {s:?}", ctx());
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{}",
            ctx()
        );
        marks.push((s.start, s.char_start));
        marks.push((s.end, s.char_end));
    };
    doc.paragraphs.iter().for_each(|p| add(p.span));
    doc.sentences.iter().for_each(|s| add(s.span));
    doc.sections.iter().for_each(|s| {
        add(s.span);
        add(s.heading_span);
    });
    doc.points.iter().for_each(|p| add(p.span));
    doc.meta.dates.iter().for_each(|d| add(d.span));
    marks.sort_unstable();
    let (mut byte, mut chars) = (0usize, 0usize);
    for (b, c) in marks {
        chars += text[byte..b].chars().count();
        byte = b;
        assert_eq!(c, chars, "{}: char offset of byte {b}", ctx());
    }
    for w in doc.paragraphs.windows(2) {
        assert!(w[0].span.end < w[1].span.start, "{}", ctx());
    }
    for w in doc.sentences.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{}", ctx());
    }
    for s in &doc.sentences {
        let p = &doc.paragraphs[s.paragraph];
        assert!(
            p.span.start <= s.span.start && s.span.end <= p.span.end,
            "{}",
            ctx()
        );
        assert_eq!(s.section, p.section, "{}", ctx());
    }
    for (i, s) in doc.sections.iter().enumerate() {
        assert!(
            s.level >= 1 && s.heading_span.start == s.span.start,
            "{}",
            ctx()
        );
        assert!(s.span.start >= doc.body_start, "{}", ctx());
        if let Some(q) = s.parent {
            let p = &doc.sections[q];
            assert!(q < i && p.level + 1 == s.level, "{}", ctx());
            assert!(
                p.span.start <= s.span.start && s.span.end <= p.span.end,
                "{}",
                ctx()
            );
        } else {
            assert_eq!(s.level, 1, "{}", ctx());
        }
    }
    for p in &doc.paragraphs {
        if let Some(q) = p.section {
            let s = &doc.sections[q].span;
            assert!(s.start <= p.span.start && p.span.end <= s.end, "{}", ctx());
        }
    }
    for pt in &doc.points {
        let p = &doc.paragraphs[pt.paragraph];
        assert!(
            p.span.start <= pt.span.start && pt.span.end <= p.span.end,
            "{}",
            ctx()
        );
        assert_eq!(pt.section, p.section, "{}", ctx());
    }
}

#[test]
fn every_structured_file_parses() {
    let (root, full) = corpus_or_sample();
    let mut files = Vec::new();
    for set in [
        "gov_reports",
        "gov_reports_provincial",
        "cpc_congress_reports",
        "npc_resolutions",
        "laws",
    ] {
        if full || root.join(set).is_dir() {
            txt_files(&root.join(set), &mut files);
        }
    }
    let least = if full { 3_469 + 56 + 27 + 13 + 18 } else { 30 };
    assert!(files.len() >= least, "only {} files", files.len());
    let mut with_sections = 0;
    for path in &files {
        let doc = wenmai_parse::read(path).unwrap_or_else(|e| panic!("{e}"));
        check_invariants(&doc, path);
        // The sample is a fifth resolutions, which have no outline: there, every other file
        // (its laws and reports) must have one.
        if full || !path.starts_with(root.join("npc_resolutions")) {
            with_sections += usize::from(!doc.sections.is_empty());
        } else {
            with_sections += 1;
        }
    }
    let ratio = if full { 9 } else { 10 };
    assert!(
        with_sections * 10 >= files.len() * ratio,
        "{with_sections} of {} have an outline",
        files.len()
    );
}

/// What a pinned document must parse to.
struct Pin {
    path: &'static str,
    title: Option<&'static str>,
    /// ISO date of `meta.published`.
    published: Option<&'static str>,
    /// `meta.year`: of the date, or from the file name.
    year: Option<i32>,
    doc_number: Option<&'static str>,
    author: Option<&'static str>,
    /// Top-level headings (heading text without marker); for documents whose top level is
    /// articles, the number of top-level sections instead (see `top_count`).
    top: &'static [&'static str],
    top_count: usize,
    level2: usize,
    articles: usize,
}

const PINS: &[Pin] = &[
    Pin {
        path: "gov_reports/1954.txt",
        title: Some("1954年政府工作报告"),
        published: Some("1954-05-23"),
        year: Some(1954),
        doc_number: None,
        author: Some("周恩来"),
        top: &[],
        top_count: 0,
        level2: 0,
        articles: 0,
    },
    Pin {
        path: "gov_reports/1955.txt",
        title: Some("1955年国务院政府工作报告 关于发展国民经济的第一个五年计划的报告"),
        published: Some("1955-07-05"),
        year: Some(1955),
        doc_number: None,
        author: Some("李富春"),
        top: &[
            "国家在过渡时期的总任务",
            "第一个五年计划概要",
            "第一个五年计划的若干问题",
            "为完成和超额完成第一个五年计划而奋斗",
        ],
        top_count: 4,
        level2: 9,
        articles: 0,
    },
    Pin {
        path: "gov_reports/2010.txt",
        title: Some("2010政府工作报告"),
        published: Some("2010-03-05"),
        year: Some(2010),
        doc_number: None,
        author: Some("温家宝"),
        top: &["２００９年工作回顾", "２０１０年主要任务"],
        top_count: 2,
        level2: 12,
        articles: 0,
    },
    Pin {
        path: "gov_reports/2017.txt",
        title: Some("2017政府工作报告"),
        published: Some("2017-03-05"),
        year: Some(2017),
        doc_number: None,
        author: Some("李克强"),
        top: &["2016年工作回顾", "2017年工作总体部署", "2017年重点工作任务"],
        top_count: 3,
        level2: 9,
        articles: 0,
    },
    Pin {
        path: "gov_reports/2018.txt",
        title: None,
        published: None,
        year: Some(2018),
        doc_number: None,
        author: None,
        top: &[
            "过去五年工作回顾",
            "2018年经济社会发展总体要求和政策取向",
            "对2018年政府工作的建议",
        ],
        top_count: 3,
        level2: 18,
        articles: 0,
    },
    Pin {
        path: "gov_reports_provincial/2025/河南省.txt",
        title: Some("2025年河南省政府工作报告"),
        published: Some("2025-01-18"),
        year: Some(2025),
        doc_number: None,
        author: Some("王凯"),
        top: &[
            "2024 年工作回顾",
            "2025年工作总体要求和主要目标",
            "2025年重点工作",
        ],
        top_count: 3,
        level2: 18,
        articles: 0,
    },
    Pin {
        path: "gov_reports_provincial/2025/广东省.txt",
        title: Some("2025年广东省政府工作报告"),
        published: Some("2025-01-15"),
        year: Some(2025),
        doc_number: None,
        author: Some("王伟中"),
        // 附件1 (ten livelihood projects) and 附件2 名词解释 (eighteen glossary notes).
        top: &["2024年工作回顾", "2025年工作安排", "", "名词解释"],
        top_count: 4,
        level2: 12 + 10 + 18,
        articles: 0,
    },
    Pin {
        path: "cpc_congress_reports/20.txt",
        title: Some("高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗"),
        published: Some("2022-10-16"),
        year: Some(2022),
        doc_number: None,
        author: Some("习近平"),
        top: &[],
        top_count: 15,
        level2: 41,
        articles: 0,
    },
    Pin {
        path: "cpc_congress_reports/16.txt",
        title: None,
        published: None,
        year: None,
        doc_number: None,
        author: None,
        top: &[
            "过去五年的工作和十三年的基本经验",
            "全面贯彻“三个代表”重要思想",
            "全面建设小康社会的奋斗目标",
            "经济建设和经济体制改革",
            "政治建设和政治体制改革",
            "文化建设和文化体制改革",
            "国防和军队建设",
            "“一国两制”和实现祖国的完全统一",
            "国际形势和对外工作",
            "加强和改进党的建设",
        ],
        top_count: 10,
        level2: 43,
        articles: 0,
    },
    Pin {
        path: "npc_resolutions/2023.txt",
        title: Some("第十四届全国人民代表大会第一次会议关于政府工作报告的决议"),
        published: Some("2023-03-13"),
        year: Some(2023),
        doc_number: None,
        author: None,
        top: &[],
        top_count: 0,
        level2: 0,
        articles: 0,
    },
    Pin {
        path: "laws/民法典/总则.txt",
        title: Some("中华人民共和国民法典 总则"),
        published: Some("2020-05-28"),
        year: Some(2020),
        doc_number: None,
        author: None,
        top: &[
            "基本规定",
            "自然人",
            "法人",
            "非法人组织",
            "民事权利",
            "民事法律行为",
            "代理",
            "民事责任",
            "诉讼时效",
            "期间计算",
        ],
        top_count: 10,
        // 15 节 and the 72 articles of chapters without 节.
        level2: 87,
        articles: 204,
    },
    Pin {
        path: "laws/民法商法/电子商务法(2018-08-31).txt",
        title: Some("中华人民共和国电子商务法"),
        published: Some("2018-08-31"),
        year: Some(2018),
        doc_number: None,
        author: None,
        top: &[
            "总则",
            "电子商务经营者",
            "电子商务合同的订立与履行",
            "电子商务争议解决",
            "电子商务促进",
            "法律责任",
            "附则",
        ],
        top_count: 7,
        level2: 53,
        articles: 89,
    },
    Pin {
        path: "laws/刑法/刑法修正案.txt",
        title: Some("中华人民共和国刑法修正案"),
        published: Some("1999-12-25"),
        year: Some(1999),
        doc_number: None,
        author: None,
        top: &[],
        top_count: 9,
        level2: 4,
        articles: 0,
    },
    Pin {
        path: "laws/司法解释/最高人民法院关于审理证券市场虚假陈述侵权民事赔偿案件的若干规定(2022-01-21).txt",
        title: Some("最高人民法院关于审理证券市场虚假陈述侵权民事赔偿案件的若干规定"),
        published: Some("2022-01-22"),
        year: Some(2022),
        doc_number: Some("法释〔2022〕2号"),
        author: None,
        top: &[
            "一般规定",
            "虚假陈述的认定",
            "重大性及交易因果关系",
            "过错认定",
            "责任主体",
            "损失认定",
            "诉讼时效",
            "附则",
        ],
        top_count: 8,
        level2: 35,
        articles: 35,
    },
    Pin {
        path: "laws/司法解释/最高人民法院关于审理涉彩礼纠纷案件适用法律若干问题的规定(2024-01-17).txt",
        title: Some("最高人民法院关于审理涉彩礼纠纷案件适用法律若干问题的规定"),
        published: Some("2023-11-13"),
        year: Some(2023),
        doc_number: Some("法释〔2024〕1号"),
        author: None,
        top: &[],
        top_count: 7,
        level2: 3,
        articles: 7,
    },
    Pin {
        path: "laws/地方性法规/浙江/杭州大江东产业集聚区管理条例(2017-04-07).txt",
        title: Some("杭州大江东产业集聚区管理条例"),
        published: Some("2016-12-29"),
        year: Some(2016),
        doc_number: None,
        author: None,
        top: &[
            "总则",
            "规划建设和土地利用",
            "产业促进和保障",
            "公共服务和社会治理",
            "附则",
        ],
        top_count: 5,
        level2: 30,
        articles: 30,
    },
    Pin {
        path: "laws/宪法/宪法修正案（2004年）.txt",
        title: Some("中华人民共和国宪法修正案（2004年）"),
        published: Some("2004-03-14"),
        year: Some(2004),
        doc_number: None,
        author: None,
        top: &[],
        top_count: 14,
        level2: 0,
        articles: 14,
    },
    Pin {
        path: "laws/行政法规/海关工作人员使用武器和警械的规定(2011-01-08).txt",
        title: Some("海关工作人员使用武器和警械的规定"),
        published: Some("1989-06-19"),
        year: Some(1989),
        doc_number: None,
        author: None,
        top: &[],
        top_count: 8,
        level2: 7,
        articles: 8,
    },
    Pin {
        path: "laws/案例/消费购物/李某诉某书店信息网络买卖合同纠纷案.txt",
        title: Some("对于网络店铺客服的行为店铺应当负责"),
        published: Some("2022-03-15"),
        year: Some(2022),
        doc_number: None,
        author: None,
        // Unnumbered headings between paragraphs (`基本案情` follows the case's name, which
        // ends no sentence, and is not one).
        top: &["裁判结果", "典型意义"],
        top_count: 2,
        level2: 0,
        articles: 0,
    },
    Pin {
        path: "laws/宪法相关法/全国人民代表大会和地方各级人民代表大会代表法(2015-08-29).txt",
        title: Some("中华人民共和国全国人民代表大会和地方各级人民代表大会代表法"),
        published: Some("1992-04-03"),
        year: Some(1992),
        doc_number: None,
        author: None,
        top: &[
            "总则",
            "代表在本级人民代表大会会议期间的工作",
            "代表在本级人民代表大会闭会期间的活动",
            "代表执行职务的保障",
            "对代表的监督",
            "附则",
        ],
        top_count: 6,
        level2: 52,
        articles: 52,
    },
    Pin {
        path: "gov_reports/2019.txt",
        title: None,
        published: None,
        // The text opens with `各位代表：`: the year is the file name's.
        year: Some(2019),
        doc_number: None,
        author: None,
        top: &[
            "2018年工作回顾",
            "2019年经济社会发展总体要求和政策取向",
            "2019年政府工作任务",
        ],
        top_count: 3,
        level2: 10,
        articles: 0,
    },
    Pin {
        path: "gov_reports/2025.txt",
        title: None,
        published: None,
        year: Some(2025),
        doc_number: None,
        author: None,
        top: &[
            "2024年工作回顾",
            "2025年经济社会发展总体要求和政策取向",
            "2025年政府工作任务",
        ],
        top_count: 3,
        level2: 10,
        articles: 0,
    },
    Pin {
        path: "gov_reports/1978.txt",
        title: Some("1978年政府工作报告 团结起来，为建设社会主义的现代化强国而奋斗"),
        published: Some("1978-02-26"),
        year: Some(1978),
        doc_number: None,
        author: Some("华国锋"),
        // Unnumbered headings only.
        top: &[
            "三年来的斗争和新时期的总任务",
            "把揭批“四人帮”的斗争进行到底",
            "加快社会主义经济建设",
            "繁荣社会主义科学教育文化事业",
            "国际形势和我国对外政策",
        ],
        top_count: 5,
        level2: 0,
        articles: 0,
    },
    Pin {
        path: "gov_reports/1982.txt",
        title: Some("1982年国务院政府工作报告 关于第六个五年计划的报告"),
        published: Some("1982-11-30"),
        year: Some(1982),
        doc_number: None,
        author: Some("赵紫阳"),
        // Unnumbered headings over 一、 lists that restart under each (6 + 5).
        top: &[
            "第六个五年计划的基本任务",
            "六五计划前两年的执行情况",
            "全面实现六五计划的主要措施",
        ],
        top_count: 3,
        level2: 11,
        articles: 0,
    },
    Pin {
        path: "gov_reports/1988.txt",
        title: Some("1988年政府工作报告"),
        published: Some("1988-03-25"),
        year: Some(1988),
        doc_number: None,
        author: Some("李鹏"),
        top: &[
            "过去五年国内工作的基本总结",
            "今后五年建设和改革的目标、方针和任务",
            "关于外交工作",
        ],
        top_count: 3,
        level2: 15,
        articles: 0,
    },
    Pin {
        path: "gov_reports_provincial/2025/内蒙古自治区.txt",
        title: Some("2025年内蒙古自治区政府工作报告"),
        published: Some("2025-01-14"),
        year: Some(2025),
        doc_number: None,
        // `——2025年1月14日自治区人民政府主席王莉霞在…会议上`
        author: Some("王莉霞"),
        top: &["2024年工作回顾", "2025年工作安排"],
        top_count: 2,
        level2: 11,
        articles: 0,
    },
    Pin {
        path: "gov_reports_provincial/2025/新疆.txt",
        title: Some("2025年新疆政府工作报告"),
        published: Some("2025-01-19"),
        year: Some(2025),
        doc_number: None,
        author: Some("艾尔肯·吐尼亚孜"),
        top: &["2024年工作回顾", "2025年重点工作", "全面加强政府自身建设"],
        top_count: 3,
        level2: 23,
        articles: 0,
    },
    Pin {
        path: "cpc_congress_reports/10.txt",
        title: None,
        published: None,
        year: None,
        doc_number: None,
        author: None,
        top: &[
            "关于九大路线",
            "关于粉碎林彪反党集团的胜利",
            "关于形势和任务",
        ],
        top_count: 3,
        level2: 0,
        articles: 0,
    },
    Pin {
        path: "laws/地方性法规/浙江/宁波市河道管理条例(2019-08-20).txt",
        title: Some("宁波市河道管理条例"),
        // 通过 before 批准 and 修订 (the written rule).
        published: Some("2004-05-29"),
        year: Some(2004),
        doc_number: None,
        author: None,
        // Articles 1-6, then five chapter titles whose `第X章` lines the file lost, each over
        // its articles (7-39).
        top: &[],
        top_count: 6 + 5,
        level2: 33,
        articles: 39,
    },
];

fn iso(d: &DateValue) -> String {
    match d {
        DateValue::Date(d) => d.to_string(),
        DateValue::DateTime(t) => t.date().to_string(),
    }
}

#[test]
fn pinned_documents() {
    let (root, full) = corpus_or_sample();
    assert!(PINS.len() >= 29);
    let mut checked = 0;
    for pin in PINS {
        let path = root.join(pin.path);
        if !full && !path.exists() {
            continue; // not in the sample
        }
        checked += 1;
        let doc = wenmai_parse::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let m = &doc.meta;
        assert_eq!(m.title.as_deref(), pin.title, "{}", pin.path);
        assert_eq!(
            m.published.as_ref().map(iso).as_deref(),
            pin.published,
            "{}",
            pin.path
        );
        assert_eq!(m.year, pin.year, "{}", pin.path);
        assert_eq!(m.doc_number.as_deref(), pin.doc_number, "{}", pin.path);
        assert_eq!(m.author.as_deref(), pin.author, "{}", pin.path);
        let top: Vec<&str> = doc
            .sections
            .iter()
            .filter(|s| s.level == 1)
            .map(|s| s.heading.as_str())
            .collect();
        assert_eq!(top.len(), pin.top_count, "{}: {top:?}", pin.path);
        if !pin.top.is_empty() {
            assert_eq!(top, pin.top, "{}", pin.path);
        }
        let level2 = doc.sections.iter().filter(|s| s.level == 2).count();
        assert_eq!(level2, pin.level2, "{}", pin.path);
        let articles = doc
            .sections
            .iter()
            .filter(|s| s.family == MarkerFamily::Article)
            .count();
        assert_eq!(articles, pin.articles, "{}", pin.path);
    }
    assert!(
        checked >= if full { PINS.len() } else { 10 },
        "{checked} pins"
    );
}

#[test]
fn law_dates_are_labelled() {
    let (root, _) = corpus_or_sample();
    let doc = wenmai_parse::read(
        root.join("laws/地方性法规/浙江/杭州大江东产业集聚区管理条例(2017-04-07).txt"),
    )
    .unwrap();
    let dates: Vec<(&str, String)> = doc
        .meta
        .dates
        .iter()
        .map(|d| (d.label.as_str(), iso(&d.date)))
        .collect();
    assert_eq!(
        dates,
        vec![
            ("通过", "2016-12-29".into()),
            ("批准", "2017-03-30".into()),
            ("施行", "2017-05-01".into())
        ]
    );
    let doc = wenmai_parse::read(root.join("laws/宪法/宪法修正案（2004年）.txt")).unwrap();
    let labels: Vec<&str> = doc.meta.dates.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["通过", "公布", "施行"]);
    // A date line whose event verb is on the wrapped continuation line.
    let doc = wenmai_parse::read(
        root.join("laws/宪法相关法/全国人民代表大会和地方各级人民代表大会代表法(2015-08-29).txt"),
    )
    .unwrap();
    let labels: Vec<&str> = doc.meta.dates.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["通过", "修正", "修正", "修正"]);
    // Chapter headings with spaces inside are joined; (一) items nest under their article.
    let doc = wenmai_parse::read(root.join("laws/诉讼与非诉讼程序法/人民调解法(2010-08-28).txt"))
        .unwrap();
    let art3 = doc
        .sections
        .iter()
        .position(|s| s.marker == "第三条")
        .unwrap();
    let items: Vec<&str> = doc
        .sections
        .iter()
        .filter(|s| s.parent == Some(art3))
        .map(|s| s.marker.as_str())
        .collect();
    assert_eq!(items, ["（一）", "（二）", "（三）"]);
}

#[test]
fn report_headers() {
    let Some(root) = corpus() else { return };
    let doc = wenmai_parse::read(root.join("cpc_congress_reports/20.txt")).unwrap();
    assert_eq!(
        doc.meta.subtitle.as_deref(),
        Some("在中国共产党第二十次全国代表大会上的报告")
    );
    let doc = wenmai_parse::read(root.join("gov_reports_provincial/2025/广东省.txt")).unwrap();
    assert_eq!(doc.meta.source.as_deref(), Some("南方日报"));
    let doc = wenmai_parse::read(root.join("gov_reports_provincial/2025/北京市.txt")).unwrap();
    assert_eq!(doc.meta.source.as_deref(), Some("北京日报"));
    assert_eq!(doc.meta.author.as_deref(), Some("殷勇"));
    // The 1955 table of contents stays in the header; its entries are not sections.
    let doc = wenmai_parse::read(root.join("gov_reports/1955.txt")).unwrap();
    assert!(doc.sections.iter().all(|s| s.span.start >= doc.body_start));
    assert_eq!(
        doc.sections
            .iter()
            .filter(|s| s.marker == "一、" && s.level == 1)
            .count(),
        1
    );
    // Run-in headings: (一) … 。 followed by body text on the same line.
    let doc = wenmai_parse::read(root.join("gov_reports_provincial/2025/河南省.txt")).unwrap();
    let s = doc.sections.iter().find(|s| s.marker == "（一）").unwrap();
    assert_eq!(s.heading, "经济运行持续向好");
    assert_eq!(doc.slice(s.heading_span), "（一）经济运行持续向好");
}
