//! What official notices, replies and regulations carry besides a 文号: the recipients line
//! (`各县（市、区）人民政府，市直各单位：`), a 公告 number (`…常务委员会公告第5号`), the
//! attachment list at the end of the body (`附件：1.…`) and the attachments after the
//! signature (`附件2` then a table).

use crate::text::{date_at, digit_value, is_han_numeral_char, short, trim};

use super::lines::Line;

/// The last chars an addressee (an organ) ends with.
const ORGAN_ENDS: &[&str] = &[
    "政府",
    "单位",
    "法院",
    "检察院",
    "委员会",
    "部门",
    "机构",
    "厅",
    "局",
    "委",
    "办",
    "部",
    "院",
    "机关",
    "公司",
    "企业",
    "学校",
    "高校",
    "所",
    "中心",
    "团体",
    "组织",
    "银行",
    "军区",
    "党委",
    "党组",
    "处",
    "室",
    "站",
    "队",
    "会",
    "馆",
    "校",
    "集团",
    "分行",
    "省",
    "市",
    "县",
];

/// Whether `s` names an organ: ends with an organ word, a trailing `（…）` aside.
fn is_organ(s: &str) -> bool {
    let s = trim(s);
    let s = match s.strip_suffix(['）', ')']) {
        Some(inner) => inner.rfind(['（', '(']).map_or(s, |i| &inner[..i]),
        None => s,
    };
    !s.is_empty() && short(s, 40) && ORGAN_ENDS.iter().any(|e| s.ends_with(e))
}

/// Split `s` at the chars `seps` outside brackets.
fn split_top<'a>(s: &'a str, seps: &[char]) -> Vec<&'a str> {
    let (mut out, mut depth, mut from) = (Vec::new(), 0i32, 0);
    for (i, c) in s.char_indices() {
        match c {
            '（' | '(' | '〔' | '[' => depth += 1,
            '）' | ')' | '〕' | ']' => depth -= 1,
            _ if depth <= 0 && seps.contains(&c) => {
                out.push(&s[from..i]);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[from..]);
    out
}

/// `各县（市、区）人民政府，市直各单位：` -> the addressees; None unless the line is a
/// list of organs ending with a colon.
pub(super) fn recipients(s: &str) -> Option<Vec<String>> {
    let body = s.strip_suffix(['：', ':'])?;
    if !short(s, 160)
        || body.contains(['。', '；', '！', '？', '“'])
        || ["各位", "同志", "女士", "先生", "尊敬", "亲爱"]
            .iter()
            .any(|p| body.starts_with(p))
    {
        return None;
    }
    let mut out = Vec::new();
    for part in split_top(body, &['，', ',']) {
        let part = trim(part);
        if !is_organ(part) {
            return None;
        }
        let pieces = split_top(part, &['、']);
        if pieces.len() > 1 && pieces.iter().all(|p| is_organ(p)) {
            out.extend(pieces.iter().map(|p| trim(p).to_string()));
        } else {
            out.push(part.to_string());
        }
    }
    Some(out)
}

/// `…常务委员会公告第5号`, `…公告（第5号）`: the 公告 number in `s` (from its token start
/// to `号`).
pub(super) fn announcement_number(s: &str) -> Option<&str> {
    let at = s.find("公告")?;
    let mut rest = &s[at + "公告".len()..];
    let mut end = at + "公告".len();
    for open in ["（", "("] {
        if let Some(r) = rest.strip_prefix(open) {
            rest = r;
            end += open.len();
        }
    }
    let r = rest.strip_prefix('第')?;
    end += '第'.len_utf8();
    let digits = r
        .char_indices()
        .find(|&(_, c)| digit_value(c).is_none() && !is_han_numeral_char(c))
        .map_or(r.len(), |(i, _)| i);
    if digits == 0 || !r[digits..].starts_with('号') {
        return None;
    }
    end += digits + '号'.len_utf8();
    if s[end..].starts_with(['）', ')']) {
        end += s[end..].chars().next().map_or(0, char::len_utf8);
    }
    let start = s[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    // A full-width space is three bytes, of which `rfind` returns the first.
    let start = (start..=at).find(|&i| s.is_char_boundary(i)).unwrap_or(at);
    Some(trim(&s[start..end]))
}

/// A number marker at the start of an attachment item (`1.`, `2、`, `３．`): its length.
fn item_marker(s: &str) -> usize {
    let d = s
        .char_indices()
        .find(|&(_, c)| digit_value(c).is_none())
        .map_or(s.len(), |(i, _)| i);
    if d == 0 {
        return 0;
    }
    match s[d..].chars().next() {
        Some(c @ ('.' | '、' | '．' | '，')) => d + c.len_utf8(),
        _ => 0,
    }
}

/// `附件`, `附件2`, `附件二：` alone on a line: where the attachments after a signature begin.
fn is_attachment_heading(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("附件") else {
        return false;
    };
    let rest = trim(rest).trim_end_matches(['：', ':']);
    rest.chars()
        .all(|c| digit_value(c).is_some() || is_han_numeral_char(c))
        && rest.chars().count() <= 3
}

/// The index of the line where the attachments after the signature begin (`附件2` right
/// after a closing date line), or `lines.len()`.
pub(super) fn appendix_start(text: &str, lines: &[Line], body_start: usize) -> usize {
    let line = |k: usize| &text[lines[k].start..lines[k].end];
    (body_start + 1..lines.len())
        .find(|&k| {
            let s = line(k);
            s.starts_with("附件")
                && is_attachment_heading(s)
                && date_at(line(k - 1)).is_some_and(|(_, len)| trim(&line(k - 1)[len..]).is_empty())
        })
        .unwrap_or(lines.len())
}

/// The attachment list among the last body lines `lines[body_start..end]` (`附件：1.…` and
/// the numbered lines after it): the names, and the index of the list's first line.
pub(super) fn attachment_list(
    text: &str,
    lines: &[Line],
    body_start: usize,
    end: usize,
) -> Option<(Vec<String>, usize)> {
    let line = |k: usize| trim(&text[lines[k].start..lines[k].end]);
    let from = end.saturating_sub(12).max(body_start);
    let k = (from..end).rev().find(|&k| {
        line(k)
            .strip_prefix("附件")
            .is_some_and(|r| trim(r).starts_with(['：', ':']))
    })?;
    let first = trim(trim(line(k).strip_prefix("附件")?).trim_start_matches(['：', ':']));
    let mut names = Vec::new();
    let mut push = |s: &str| {
        let s = trim(&s[item_marker(s)..]);
        if !s.is_empty() {
            names.push(s.to_string());
        }
    };
    push(first);
    for j in k + 1..end {
        let s = line(j);
        if item_marker(s) == 0 || !short(s, 80) || s.contains('。') {
            break;
        }
        push(s);
    }
    (!names.is_empty()).then_some((names, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressees() {
        assert_eq!(
            recipients("各县（市、区）人民政府，市直各单位：").unwrap(),
            ["各县（市、区）人民政府", "市直各单位"]
        );
        assert_eq!(
            recipients("江南省高级人民法院、江南省人民检察院：").unwrap(),
            ["江南省高级人民法院", "江南省人民检察院"]
        );
        assert_eq!(
            recipients("各省、自治区、直辖市教育厅（教委）：").unwrap(),
            ["各省、自治区、直辖市教育厅（教委）"]
        );
        assert!(recipients("各位代表：").is_none());
        assert!(recipients("1.将第一条修改为：").is_none());
        assert!(recipients("审查结果报告应当包括下列内容：").is_none());
    }

    #[test]
    fn announcements() {
        assert_eq!(
            announcement_number("江临市第十三届人民代表大会常务委员会公告第5号"),
            Some("江临市第十三届人民代表大会常务委员会公告第5号")
        );
        assert_eq!(
            announcement_number("2011年12月7日 杭州市第十一届人民代表大会常务委员会公告第55号公布"),
            Some("杭州市第十一届人民代表大会常务委员会公告第55号")
        );
        assert_eq!(
            announcement_number("全国人民代表大会常务委员会公告（第十二号）"),
            Some("全国人民代表大会常务委员会公告（第十二号）")
        );
        assert_eq!(announcement_number("发布公告。"), None);
    }

    #[test]
    fn attachment_headings() {
        for s in ["附件", "附件2", "附件二：", "附件 1"] {
            assert!(is_attachment_heading(s), "{s}");
        }
        assert!(!is_attachment_heading("附件：名单"));
    }
}
