//! The development set of law-database exports (`tests/data/law-db`, invented documents in
//! the 北大法宝 / pkulaw layout): every field read by hand and pinned.
use std::path::{Path, PathBuf};

use wenmai_parse::{DateValue, Document, MarkerFamily};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/law-db")
}

fn iso(d: &DateValue) -> String {
    match d {
        DateValue::Date(d) => d.to_string(),
        DateValue::DateTime(t) => t.date().to_string(),
    }
}

/// What a pinned export must parse to.
struct Pin {
    file: &'static str,
    title: &'static str,
    citation: &'static str,
    published: &'static str,
    doc_number: Option<&'static str>,
    issuer: Option<&'static str>,
    recipients: &'static [&'static str],
    attachments: &'static [&'static str],
    /// `(label, ISO date)` of every date, in order.
    dates: &'static [(&'static str, &'static str)],
    /// Top-level headings (heading text).
    top: &'static [&'static str],
    articles: usize,
}

const PINS: &[Pin] = &[
    Pin {
        file: "notice_city_management.txt",
        title: "江临市人民政府办公室关于印发江临市城市道路停车管理办法的通知",
        citation: "CLI.13.204518",
        published: "2015-03-10",
        doc_number: Some("江府办发〔2015〕12号"),
        issuer: Some("江临市人民政府办公室"),
        recipients: &["各县（市、区）人民政府", "市直各单位"],
        attachments: &[
            "江临市城市道路停车管理办法",
            "江临市城市道路停车泊位设置一览表",
        ],
        dates: &[("成文", "2015-03-10")],
        top: &["统一思想认识", "明确职责分工", "加强督促检查"],
        articles: 0,
    },
    Pin {
        file: "reply_court_procuratorate.txt",
        title: "最高人民法院、最高人民检察院关于办理虚开发票刑事案件适用数额标准问题的批复",
        citation: "CLI.3.275210",
        published: "2016-06-01",
        doc_number: Some("法释〔2016〕15号"),
        issuer: None,
        recipients: &["江南省高级人民法院", "江南省人民检察院"],
        attachments: &[],
        dates: &[
            ("", "2016-05-09"),
            ("通过", "2016-06-01"),
            ("施行", "2016-07-01"),
        ],
        top: &[
            "虚开发票金额在五十万元以上的，属于“数额较大”",
            "虚开发票金额在二百五十万元以上的，属于“数额巨大”",
        ],
        articles: 0,
    },
    Pin {
        file: "regulation_standing_committee.txt",
        title: "江临市养犬管理条例",
        citation: "CLI.12.110042",
        published: "2017-10-27",
        doc_number: Some("江临市第十三届人民代表大会常务委员会公告第5号"),
        issuer: None,
        recipients: &[],
        attachments: &[],
        dates: &[
            ("通过", "2017-10-27"),
            ("批准", "2017-11-30"),
            ("施行", "2018-03-01"),
        ],
        top: &["总则", "养犬登记", "附则"],
        articles: 5,
    },
    Pin {
        file: "decision_provincial.txt",
        title: "江南省人民代表大会常务委员会关于加强生态环境保护的决定",
        citation: "CLI.11.330917",
        published: "2019-11-29",
        doc_number: None,
        issuer: None,
        recipients: &[],
        attachments: &[],
        dates: &[("通过", "2019-11-29")],
        top: &[
            "各级人民政府应当对本行政区域的生态环境质量负责",
            "省人民政府生态环境主管部门应当会同有关部门编制生态环境保护规划",
            "本决定自公布之日起施行",
        ],
        articles: 0,
    },
    Pin {
        file: "notice_spaced_date.txt",
        title: "关于做好农村义务教育学校布局调整工作的通知",
        citation: "CLI.5.41233",
        published: "1998-03-05",
        doc_number: Some("教基〔1998〕3号"),
        issuer: Some("教育部"),
        recipients: &["各省、自治区、直辖市教育厅（教委）"],
        attachments: &[],
        dates: &[("成文", "1998-03-05")],
        top: &["科学制定调整规划", "妥善安置学生就学"],
        articles: 0,
    },
    Pin {
        file: "opinion_o_zero.txt",
        title: "江临市人民政府关于促进民营经济高质量发展的实施意见",
        citation: "CLI.13.552871",
        published: "2018-10-08",
        doc_number: Some("江政发〔2018〕27号"),
        issuer: Some("江临市人民政府"),
        recipients: &["各县（市、区）人民政府", "市政府各部门", "各直属机构"],
        attachments: &["江临市民营经济发展重点任务分工表"],
        dates: &[("成文", "2018-10-08")],
        top: &["降低企业经营成本", "缓解融资难题"],
        articles: 0,
    },
    Pin {
        file: "notice_fullwidth_zero.txt",
        title: "江临市财政局关于做好２０２０年度部门决算编报工作的通知",
        citation: "CLI.13.603318",
        published: "2020-12-21",
        doc_number: Some("江财预〔２０２０〕８号"),
        issuer: Some("江临市财政局"),
        recipients: &["市直各部门", "各单位"],
        attachments: &["部门决算报表", "部门决算编报说明", "联系人名单"],
        dates: &[("成文", "2020-12-21")],
        top: &["编报范围", "报送时间"],
        articles: 0,
    },
    Pin {
        file: "measures_published_fields.txt",
        title: "江南省科学技术厅科研项目经费管理办法",
        citation: "CLI.4.288101",
        published: "2021-06-18",
        doc_number: Some("江科发〔2021〕40号"),
        issuer: Some("江南省科学技术厅"),
        recipients: &[],
        attachments: &[],
        dates: &[("发布", "2021-06-18"), ("施行", "2021-08-01")],
        top: &[],
        articles: 3,
    },
    Pin {
        file: "reply_supreme_court_events.txt",
        title: "最高人民法院关于审理网络借贷纠纷案件适用诉讼时效问题的批复",
        citation: "CLI.3.339021",
        published: "2020-01-06",
        doc_number: Some("法释〔2020〕1号"),
        issuer: None,
        recipients: &["江南省高级人民法院"],
        attachments: &[],
        dates: &[
            ("通过", "2019-12-03"),
            ("公布", "2020-01-06"),
            ("施行", "2020-01-08"),
        ],
        top: &[],
        articles: 0,
    },
    Pin {
        file: "decision_commendation_ling_zero.txt",
        title: "江临市人民政府关于表彰2021年度安全生产先进单位的决定",
        citation: "CLI.13.718204",
        published: "2022-04-06",
        doc_number: Some("江政发〔2022〕5号"),
        issuer: Some("江临市人民政府"),
        recipients: &["各县（市、区）人民政府", "市政府各部门"],
        attachments: &["江临市2021年度安全生产先进单位名单"],
        dates: &[("成文", "2022-04-06")],
        top: &["表彰范围", "工作要求"],
        articles: 0,
    },
    Pin {
        file: "notice_fullwidth_han_zero.txt",
        title: "江临市教育局关于开展2021年中小学校园安全专项检查的通知",
        citation: "CLI.13.655310",
        published: "2021-05-08",
        doc_number: Some("江教发〔2021〕17号"),
        issuer: Some("江临市教育局"),
        recipients: &["各县（市、区）教育局", "市直属各学校", "各民办学校"],
        attachments: &["校园安全专项检查表", "校园安全隐患整改台账", "联系人回执"],
        dates: &[("成文", "2021-05-08")],
        top: &["检查内容", "检查方式", "工作要求"],
        articles: 0,
    },
    Pin {
        file: "regulation_announcement_spaced.txt",
        title: "江临市城市绿化条例",
        citation: "CLI.12.471185",
        published: "2022-06-01",
        doc_number: Some("江临市第十四届人民代表大会常务委员会公告第12号"),
        issuer: Some("江临市人民代表大会常务委员会"),
        recipients: &[],
        attachments: &[],
        dates: &[
            ("通过", "2022-04-28"),
            ("批准", "2022-05-27"),
            ("施行", "2022-09-01"),
            ("公布", "2022-06-01"),
        ],
        top: &["总则", "规划和建设", "附则"],
        articles: 4,
    },
    Pin {
        file: "notice_letter_oo_zero.txt",
        title: "江临市人民政府办公室关于做好2010年元旦春节期间安全生产工作的通知",
        citation: "CLI.13.90417",
        published: "2009-12-30",
        doc_number: Some("江政办发〔2009〕88号"),
        issuer: Some("江临市人民政府办公室"),
        recipients: &["各县（市、区）人民政府", "市政府各部门"],
        attachments: &[],
        dates: &[("成文", "2009-12-30")],
        top: &["强化责任落实", "开展隐患排查", "严格值班制度"],
        articles: 0,
    },
    Pin {
        file: "reply_provincial_government.txt",
        title: "江南省人民政府关于同意设立江临高新技术产业开发区的批复",
        citation: "CLI.11.250663",
        published: "2017-08-15",
        doc_number: Some("江政函〔2017〕88号"),
        issuer: Some("江南省人民政府"),
        recipients: &["江临市人民政府"],
        attachments: &[],
        dates: &[("成文", "2017-08-15")],
        top: &[
            "同意设立江临高新技术产业开发区，实行现行省级开发区政策",
            "开发区要坚持集约节约用地，严格保护耕地",
        ],
        articles: 0,
    },
    Pin {
        file: "decision_amendment_events.txt",
        title: "江临市人民代表大会常务委员会关于修改《江临市养犬管理条例》的决定",
        citation: "CLI.12.512776",
        published: "2021-10-29",
        doc_number: None,
        issuer: None,
        recipients: &[],
        attachments: &[],
        dates: &[("通过", "2021-10-29"), ("批准", "2021-11-26")],
        top: &[
            "将第三条修改为：“本市实行养犬登记和年检制度。”",
            "删去第四条第二款",
        ],
        articles: 0,
    },
];

fn extra<'a>(doc: &'a Document, key: &str) -> Option<&'a str> {
    doc.meta
        .extra
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn law_db_exports() {
    let files = std::fs::read_dir(dir()).unwrap().count();
    assert_eq!(files, PINS.len(), "every file of the set is pinned");
    for pin in PINS {
        let doc = wenmai_parse::read(dir().join(pin.file)).unwrap();
        let m = &doc.meta;
        let f = pin.file;
        assert_eq!(m.title.as_deref(), Some(pin.title), "{f}");
        assert_eq!(extra(&doc, "citation"), Some(pin.citation), "{f}");
        let url = extra(&doc, "url").unwrap_or_default();
        assert!(url.starts_with("https://www.pkulaw.com/"), "{f}: {url}");
        assert_eq!(
            m.published.as_ref().map(iso).as_deref(),
            Some(pin.published),
            "{f}"
        );
        assert_eq!(m.doc_number.as_deref(), pin.doc_number, "{f}");
        assert_eq!(m.issuer.as_deref(), pin.issuer, "{f}");
        assert_eq!(m.recipients, pin.recipients, "{f}");
        assert_eq!(m.attachments, pin.attachments, "{f}");
        let dates: Vec<(&str, String)> = m
            .dates
            .iter()
            .map(|d| (d.label.as_str(), iso(&d.date)))
            .collect();
        let want: Vec<(&str, String)> = pin.dates.iter().map(|&(l, d)| (l, d.into())).collect();
        assert_eq!(dates, want, "{f}");
        let top: Vec<&str> = doc
            .sections
            .iter()
            .filter(|s| s.level == 1 && s.family != MarkerFamily::Article)
            .map(|s| s.heading.as_str())
            .collect();
        assert_eq!(top, pin.top, "{f}");
        let articles = doc
            .sections
            .iter()
            .filter(|s| s.family == MarkerFamily::Article)
            .count();
        assert_eq!(articles, pin.articles, "{f}");
        // The export lines and the repeated title are header, not body.
        assert!(!doc.text[doc.body_start..].contains("法宝引证码"), "{f}");
        assert!(
            doc.sections.iter().all(|s| !s.heading.contains(pin.title)),
            "{f}"
        );
    }
}

#[test]
fn appendix_tables_are_not_body() {
    let doc = wenmai_parse::read(dir().join("notice_city_management.txt")).unwrap();
    // The flattened cells after `附件2` are paragraphs outside every section.
    let cell = doc
        .paragraphs
        .iter()
        .position(|p| doc.slice(p.span) == "临江路")
        .unwrap();
    assert_eq!(doc.paragraphs[cell].section, None);
    assert!(doc.sections.iter().all(|s| s.marker != "2."));
}

#[test]
fn export_lines_at_the_end() {
    // Some exports put the citation and link after the text.
    let doc = wenmai_parse::parse(
        "某县人民政府关于做好防汛工作的通知\n各乡镇人民政府：\n现将有关事项通知如下。\n某县人民政府\n二〇二三年六月一日\n【法宝引证码】 CLI.13.9\n原文链接：https://example.invalid/9\n",
    );
    assert_eq!(extra(&doc, "citation"), Some("CLI.13.9"));
    assert_eq!(extra(&doc, "url"), Some("https://example.invalid/9"));
    assert_eq!(doc.meta.issuer.as_deref(), Some("某县人民政府"));
    assert_eq!(doc.meta.recipients, ["各乡镇人民政府"]);
    assert_eq!(
        doc.meta.published.as_ref().map(iso).as_deref(),
        Some("2023-06-01")
    );
}

/// Corpus picks with the same fields (`$WENMAI_CORPUS/laws`; skipped without the corpus):
/// a local regulation promulgated by a 公告 and a 批复 with its addressee.
#[test]
fn corpus_announcement_and_reply() {
    let root = std::env::var_os("WENMAI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"));
    let laws = root.join("laws");
    if !laws.is_dir() {
        eprintln!(
            "skipped: needs the wenmai corpus (no laws/ at {})",
            laws.display()
        );
        return;
    }
    let doc = wenmai_parse::read(
        laws.join("地方性法规/浙江/杭州西湖文化景观保护管理条例(2011-12-07).txt"),
    )
    .unwrap();
    let m = &doc.meta;
    assert_eq!(m.title.as_deref(), Some("杭州西湖文化景观保护管理条例"));
    assert_eq!(
        m.doc_number.as_deref(),
        Some("杭州市第十一届人民代表大会常务委员会公告第55号")
    );
    assert_eq!(m.published.as_ref().map(iso).as_deref(), Some("2011-12-07"));
    let labels: Vec<&str> = m.dates.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["通过", "批准", "公布", "施行"]);
    let doc = wenmai_parse::read(laws.join(
        "司法解释/最高人民法院关于知识产权侵权诉讼中被告以原告滥用权利为由请求赔偿合理开支问题的批复.txt",
    ))
    .unwrap();
    let m = &doc.meta;
    assert_eq!(m.doc_number.as_deref(), Some("法释〔2021〕11号"));
    assert_eq!(m.published.as_ref().map(iso).as_deref(), Some("2021-05-31"));
    assert_eq!(m.recipients, ["上海市高级人民法院"]);
    assert!(doc.text[doc.body_start..].starts_with("你院"));
}
