//! Parallelisms on the sample article (the groups issue 19 names), on the hand-marked
//! development set (precision and recall pinned), with any thread count, and on odd input.
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use wenmai_parse::Document;
use wenmai_rhetoric::parallelism::{Kind, Parallelism, parallelisms, parallelisms_many};
use wenmai_segment::Segmenter;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/parallelism")
}

fn sample() -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seed-article.txt");
    wenmai_parse::read(&path).expect("the sample article")
}

fn find<'a>(groups: &'a [Parallelism], doc: &Document, text: &str) -> Option<&'a Parallelism> {
    groups.iter().find(|g| g.text(doc) == text)
}

#[test]
fn the_groups_of_the_issue_in_the_sample_article() {
    let doc = sample();
    let groups = parallelisms(&doc, &Segmenter::default(), 3);
    let g = find(&groups, &doc, "说老实话、办老实事、做老实人").expect("说老实话…");
    assert_eq!(
        (g.kind, g.frame.as_str(), g.members.len()),
        (Kind::Shape, "…老实…", 3)
    );
    let six = "推动落实、指导落实、检查落实、考核落实、反馈落实、完善落实";
    let g = find(&groups, &doc, six).expect("…落实");
    assert_eq!(
        (g.kind, g.frame.as_str(), g.members.len()),
        (Kind::Tail, "…落实", 6)
    );
    let g = find(
        &groups,
        &doc,
        "不断创新载体平台,不断创新形式内容,不断创新制度规范",
    )
    .expect("不断创新…");
    assert_eq!((g.kind, g.frame.as_str()), (Kind::Head, "不断创新…"));
    let text =
        "抓住主要矛盾,向核心问题倾力;找准主攻方向,向发展目标聚力;突破关键环节,向重点任务着力";
    let g = find(&groups, &doc, text).expect("members of two clauses");
    assert_eq!(g.members.len(), 3);
    assert_eq!(doc.slice(g.members[1]), "找准主攻方向,向发展目标聚力");
    // A plain list is no group.
    assert!(groups.iter().all(|g| !g.text(&doc).contains("知识、技能")));
    // Offsets are chars into the text; members lie inside the group, in order.
    let chars: Vec<char> = doc.text.chars().collect();
    for g in &groups {
        let s: String = chars[g.start..g.end].iter().collect();
        assert_eq!(s, g.text(&doc));
        assert!(g.members.windows(2).all(|w| w[0].end <= w[1].start));
        let last = g.members.last().unwrap();
        assert_eq!((g.members[0].char_start, last.char_end), (g.start, g.end));
        assert_eq!(doc.paragraphs[g.paragraph].section, g.section);
    }
}

/// Overlap in chars of two `[start, end)` ranges.
fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

type Marked = (String, Document, Vec<(usize, usize)>);

/// The development set: each excerpt's name, document and marked groups as char ranges.
fn development_set() -> Vec<Marked> {
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(data())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for json in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
        let file = v["file"].as_str().unwrap();
        let doc = wenmai_parse::read(data().join(file)).unwrap();
        let marked = v["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let g = g.as_str().unwrap();
                let b = doc
                    .text
                    .find(g)
                    .unwrap_or_else(|| panic!("{} has no {g}", json.display()));
                let s = doc.text[..b].chars().count();
                (s, s + g.chars().count())
            })
            .collect();
        out.push((name_of(json), doc, marked));
    }
    out
}

fn name_of(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn precision_and_recall_on_the_development_set() {
    let seg = Segmenter::default();
    let (mut marked_n, mut recalled, mut found_n, mut correct) = (0, 0, 0, 0);
    for (name, doc, marked) in development_set() {
        let found: Vec<(usize, usize)> = parallelisms(&doc, &seg, 3)
            .iter()
            .map(|g| (g.start, g.end))
            .collect();
        // A marked group is found when a found group covers half of it or more, and a found
        // group is right when half of it or more lies in a marked group.
        let r = marked
            .iter()
            .filter(|&&m| found.iter().any(|&f| 2 * overlap(m, f) >= m.1 - m.0))
            .count();
        let p = found
            .iter()
            .filter(|&&f| marked.iter().any(|&m| 2 * overlap(m, f) >= f.1 - f.0))
            .count();
        eprintln!(
            "{name}: {r}/{} marked found, {p}/{} found right",
            marked.len(),
            found.len()
        );
        marked_n += marked.len();
        recalled += r;
        found_n += found.len();
        correct += p;
    }
    let recall = recalled as f64 / marked_n as f64;
    let precision = correct as f64 / found_n as f64;
    println!(
        "development set: recall {recall:.3} ({recalled}/{marked_n}), precision {precision:.3} ({correct}/{found_n})"
    );
    assert!(marked_n >= 150, "{marked_n} marked groups");
    assert!(recall >= 0.85, "recall {recall:.3}");
    assert!(precision >= 0.85, "precision {precision:.3}");
}

#[test]
fn same_groups_with_1_2_and_8_threads() {
    let docs: Vec<Document> = development_set().into_iter().map(|(_, d, _)| d).collect();
    let seg = Segmenter::default();
    let runs: Vec<Vec<Vec<Parallelism>>> = [1, 2, 8]
        .iter()
        .map(|&n| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap();
            pool.install(|| parallelisms_many(&docs, &seg, 3))
        })
        .collect();
    assert!(runs[0].iter().map(Vec::len).sum::<usize>() > 100);
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
    let one: Vec<Vec<Parallelism>> = docs.iter().map(|d| parallelisms(d, &seg, 3)).collect();
    assert_eq!(runs[0], one);
}

#[test]
fn empty_and_odd_documents() {
    let seg = Segmenter::default();
    let odd = [
        "",
        "\n\n",
        "、、、",
        "，，，；；；。。。",
        "a、b、c",
        "的、的、的",
        "一、二、三",
        "“”、《》、（）",
    ];
    for text in odd {
        let doc = wenmai_parse::parse(text);
        for g in parallelisms(&doc, &seg, 3) {
            assert!(g.start < g.end && g.members.len() >= 3, "{text:?}: {g:?}");
        }
    }
    // min_members below 2 is taken as 2; larger asks for longer runs.
    let doc = sample();
    assert_eq!(parallelisms(&doc, &seg, 0), parallelisms(&doc, &seg, 2));
    assert!(
        parallelisms(&doc, &seg, 6)
            .iter()
            .all(|g| g.members.len() >= 6)
    );
}

fn pieces() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("、".to_string()),
        Just("，".to_string()),
        Just(",".to_string()),
        Just("；".to_string()),
        Just("：".to_string()),
        Just("。".to_string()),
        Just("！".to_string()),
        Just("”".to_string()),
        Just("（".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("　".to_string()),
        Just("和".to_string()),
        Just("不断创新".to_string()),
        Just("落实".to_string()),
        Just("老实".to_string()),
        Just("一、".to_string()),
        Just("abc".to_string()),
        Just("１２".to_string()),
        "[\\u{4e00}-\\u{4e20}]{0,6}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// No input panics; groups are well formed.
    #[test]
    fn never_panics(text in pieces(), min in 0usize..5) {
        let doc = wenmai_parse::parse(&text);
        let seg = Segmenter::default();
        for g in parallelisms(&doc, &seg, min) {
            prop_assert!(g.members.len() >= min.max(2));
            prop_assert!(g.start <= g.end && g.end <= doc.text.chars().count());
            for m in &g.members {
                prop_assert!(doc.text.is_char_boundary(m.start) && doc.text.is_char_boundary(m.end));
                prop_assert!(m.start <= m.end);
            }
        }
    }
}
