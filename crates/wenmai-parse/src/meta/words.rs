//! The words that metadata lines are recognized by: event verbs of dates, speakers' roles,
//! and the keys of `key:value` fields.

pub(super) const DATE_LABELS: &[&str] = &[
    "公布施行",
    "通过",
    "批准",
    "公布",
    "施行",
    "发布",
    "修正",
    "修订",
    "印发",
    "颁布",
    "实施",
    "生效",
    "公告",
];
pub(super) const ROLES: &[&str] = &[
    "总书记",
    "委员长",
    "秘书长",
    "检察长",
    "总理",
    "主任",
    "省长",
    "市长",
    "主席",
    "书记",
    "院长",
    "部长",
    "区长",
    "州长",
    "县长",
    "局长",
    "厅长",
    "行长",
    "署长",
    "代省长",
    "代市长",
];
pub(super) const SOURCE_KEYS: &[&str] = &[
    "来源",
    "信息来源",
    "文章来源",
    "稿件来源",
    "出处",
    "消息来源",
    "新闻来源",
];
pub(super) const AUTHOR_KEYS: &[&str] = &["作者", "撰稿", "撰文", "撰稿人", "文", "发布人", "记者"];
pub(super) const VISIT_KEYS: &[&str] = &[
    "访问次数",
    "浏览次数",
    "点击数",
    "点击次数",
    "阅读次数",
    "阅读数",
    "浏览量",
    "点击量",
    "访问量",
    "阅读量",
    "浏览",
    "点击",
];
pub(super) const DOCNO_KEYS: &[&str] = &["发文字号", "文号", "字号", "发文号"];
pub(super) const ISSUER_KEYS: &[&str] = &[
    "发文机关",
    "发布机关",
    "发布单位",
    "制定机关",
    "颁布机关",
    "发文单位",
    "发布部门",
];
/// Date keys that give the publication date, with the label recorded for them.
pub(super) const DATE_KEYS: &[(&str, &str)] = &[
    ("发布时间", "发布"),
    ("发布日期", "发布"),
    ("发表时间", "发布"),
    ("发表日期", "发布"),
    ("时间", "发布"),
    ("日期", "发布"),
    ("更新时间", "更新"),
    ("公布日期", "公布"),
    ("成文日期", "成文"),
    ("印发日期", "印发"),
    ("施行日期", "施行"),
    ("实施日期", "施行"),
    ("生效日期", "生效"),
    ("发文日期", "发布"),
];

/// The last chars of [`DATE_LABELS`].
const DATE_LABEL_ENDS: &[char] = &['行', '过', '准', '布', '正', '订', '发', '施', '效', '告'];
/// The last chars of [`ROLES`].
pub(super) const ROLE_ENDS: &[char] = &['记', '长', '理', '任', '席'];

/// Whether `k` is a key that the header knows (so that a long line led by it is a field).
pub(super) fn known_key(k: &str) -> bool {
    SOURCE_KEYS.contains(&k)
        || AUTHOR_KEYS.contains(&k)
        || VISIT_KEYS.contains(&k)
        || DOCNO_KEYS.contains(&k)
        || ISSUER_KEYS.contains(&k)
        || DATE_KEYS.iter().any(|(d, _)| *d == k)
}

/// The word of `words` that ends last in `s` (the longer one when two end there) and where it
/// ends: the latest end of `rfind` over the words, found in one backward scan that compares
/// only where a char of `ends` (the last chars of the words) is. Long lines have no word.
pub(super) fn last_word(
    s: &str,
    words: &[&'static str],
    ends: &[char],
) -> Option<(usize, &'static str)> {
    for (i, c) in s.char_indices().rev() {
        if !ends.contains(&c) {
            continue;
        }
        let head = &s[..i + c.len_utf8()];
        if let Some(w) = words
            .iter()
            .filter(|w| head.ends_with(*w))
            .max_by_key(|w| w.len())
        {
            return Some((head.len(), w));
        }
    }
    None
}

/// The event label of a date line: the known verb that ends last in `s` (longer wins ties).
pub(super) fn date_label(s: &str) -> Option<&'static str> {
    last_word(s, DATE_LABELS, DATE_LABEL_ENDS).map(|(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ends() {
        for (words, ends) in [(DATE_LABELS, DATE_LABEL_ENDS), (ROLES, ROLE_ENDS)] {
            for w in words {
                assert!(w.chars().last().is_some_and(|c| ends.contains(&c)), "{w}");
            }
        }
        // As the latest `rfind` end over the words, the longer word on a tie.
        let by_rfind = |s: &str, words: &[&'static str]| {
            words
                .iter()
                .filter_map(|w| s.rfind(w).map(|i| (i + w.len(), w.len(), *w)))
                .max()
                .map(|(e, _, w)| (e, w))
        };
        for s in [
            "全国人民代表大会公告公布施行",
            "2008年4月17日通过 公布 自2008年4月23日起施行",
            "通过",
            "公布施行批准",
            "",
            "无",
            "国务院副总理兼国家计划委员会主任姚依林",
            "总书记书记",
            "市长 殷勇同志作政府工作报告，代市长",
        ] {
            assert_eq!(
                last_word(s, DATE_LABELS, DATE_LABEL_ENDS),
                by_rfind(s, DATE_LABELS),
                "{s}"
            );
            let roles = last_word(s, ROLES, ROLE_ENDS).map(|(e, _)| e);
            assert_eq!(roles, by_rfind(s, ROLES).map(|(e, _)| e), "{s}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(
            date_label("第十三届全国人民代表大会常务委员会第五次会议通过"),
            Some("通过")
        );
        assert_eq!(date_label("全国人民代表大会公告公布施行"), Some("公布施行"));
    }
}
