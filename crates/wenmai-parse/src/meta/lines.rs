//! What one metadata line looks like: a separator, a salutation, a title, a subtitle, a
//! bracketed date, a speaker, a document number, a table of contents heading.

use crate::document::DateValue;
use crate::outline::marker_at;
use crate::text::{date_at, is_han, is_space, join_spaced, short, trim};

use super::fields::header_kv;
use super::words::{ROLE_ENDS, ROLES, last_word};

/// A paragraph as the metadata reader sees it: its trimmed byte range.
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

pub(super) fn is_separator(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            matches!(c, '-' | '—' | '=' | '*' | '_' | '－' | '─' | '━' | '·') || is_space(c)
        })
}

pub(super) fn is_salutation(s: &str) -> bool {
    (short(s, 15) && s.ends_with(['：', ':']))
        || s.starts_with("各位代表")
        || s.starts_with("同志们")
        || s.starts_with("女士们")
}

pub(super) fn title_like(s: &str) -> bool {
    short(s, 80)
        && !s.contains(['。', '！', '？', '；'])
        && !s.ends_with(['：', ':', '，', ','])
        && marker_at(s).is_none()
        && !is_salutation(s)
}

/// Strip the leading dashes of a subtitle (`——在…上的报告`, `----…`).
pub(super) fn subtitle_of(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(['—', '-', '－', '─', '―', '–']);
    let dashes = s.len() - rest.len();
    // At least two dash chars (`——` is 6 bytes, `--` 2 bytes, `—` alone 3 bytes).
    let count = s[..dashes].chars().count();
    (count >= 2 && !trim(rest).is_empty()).then(|| trim(rest))
}

/// `（2022年10月16日）`: the date inside brackets.
pub(super) fn paren_date(s: &str) -> Option<(usize, DateValue, usize)> {
    let open = s.chars().next()?;
    if !matches!(open, '（' | '(' | '〔' | '[') {
        return None;
    }
    let inner = &s[open.len_utf8()..];
    let inner_trim = inner.trim_start_matches(is_space);
    let off = open.len_utf8() + inner.len() - inner_trim.len();
    let (d, len) = date_at(inner_trim)?;
    (short(s, 200) && s.ends_with(['）', ')', '〕', ']'])).then_some((off, d, len))
}

/// A speaker or author name in a role line: `国务院总理　李克强`, `广东省省长 王伟中`,
/// `…北京市市长 殷勇同志作政府工作报告`; `习　近　平`.
pub(super) fn speaker_name(s: &str) -> Option<String> {
    // A spaced name has at most four non-space chars (and then so has `joined`): do not
    // join a long line.
    if s.chars().filter(|&c| !is_space(c)).nth(4).is_none() {
        let joined = join_spaced(s);
        if joined.chars().count() <= 4
            && s.chars().any(is_space)
            && joined.chars().all(is_han)
            && joined.chars().count() >= 2
        {
            return Some(joined);
        }
    }
    let (best, _) = last_word(s, ROLES, ROLE_ENDS)?;
    let after = s[best..].trim_start_matches(is_space);
    let mut name = String::new();
    let mut dotted = false;
    for c in after.chars() {
        // `王莉霞在内蒙古自治区…会议上`: the name ends where the occasion begins.
        if c == '在' && name.chars().count() >= 2 {
            break;
        }
        if is_han(c) {
            name.push(c);
        } else if is_space(c) && name.chars().count() == 1 {
            continue;
        } else if matches!(c, '·' | '・' | '•' | '‧') && !name.is_empty() {
            // `艾尔肯·吐尼亚孜`: a transcribed name, its parts joined by a middle dot.
            name.push(c);
            dotted = true;
        } else {
            break;
        }
        if name.ends_with("同志") || name.ends_with('作') {
            break;
        }
    }
    let name = name
        .trim_end_matches("同志")
        .trim_end_matches('作')
        .trim_end_matches(['·', '・', '•', '‧'])
        .to_string();
    let n = name.chars().count();
    let most = if dotted { 16 } else { 4 };
    (2..=most).contains(&n).then_some(name)
}

/// A line that is a document number such as `余府发〔2012〕3号` or `劳社部发[2008]3号`.
pub(super) fn doc_number(s: &str) -> Option<&str> {
    // A number ends with `号` (found by memchr): most lines have none.
    if !short(s, 40) || !s.contains('号') {
        return None;
    }
    // `（江府办发〔2015〕12号）`: a number alone in brackets.
    let s = match s
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))
    {
        Some(inner) => trim(inner),
        None => s,
    };
    for tok in s.split(is_space).filter(|t| !t.is_empty()) {
        if tok.ends_with('号')
            && let Some(i) = tok.find(['〔', '[', '［', '【'])
            && i > 0
        {
            let inner = &tok[i..];
            let close = inner.find(['〕', ']', '］', '】'])?;
            let year = &inner[inner.chars().next()?.len_utf8()..close];
            if year.chars().count() == 4
                && year
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                return Some(tok);
            }
        }
    }
    None
}

fn is_dateish(s: &str) -> bool {
    date_at(s.trim_start_matches(['—', '-', '－'])).is_some() || paren_date(s).is_some()
}

/// A line the header reader consumes as metadata (not title or prose).
pub(super) fn is_metadata(s: &str) -> bool {
    is_dateish(s)
        || doc_number(s).is_some()
        || header_kv(s).is_some()
        || (short(s, 30)
            && (s.ends_with("发布") || s.ends_with("印发"))
            && !s.contains(['，', '。']))
}

/// `目录`, `目　录`: `join_spaced(s) == "目录"` without building the joined string (the only
/// ways to split `目录` into parts are `目录` and `目` `录`), so a long line costs two chars.
pub(super) fn is_toc_heading(s: &str) -> bool {
    s.chars().filter(|&c| !is_space(c)).eq(['目', '录'])
}

/// Whether the line after a title line confirms that the title runs over two lines.
pub(super) fn confirms_title(s: &str) -> bool {
    subtitle_of(s).is_some()
        || is_dateish(s)
        || header_kv(s).is_some()
        || (short(s, 30) && speaker_name(s).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers() {
        assert_eq!(
            speaker_name("国务院总理　李克强").as_deref(),
            Some("李克强")
        );
        assert_eq!(speaker_name("习　近　平").as_deref(), Some("习近平"));
        assert_eq!(
            speaker_name("国务院副总理兼国家计划委员会主任姚依林").as_deref(),
            Some("姚依林")
        );
        assert_eq!(
            speaker_name("广东省省长 王伟中　").as_deref(),
            Some("王伟中")
        );
        assert_eq!(
            speaker_name(
                "在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告"
            )
            .as_deref(),
            Some("殷勇")
        );
        assert_eq!(
            speaker_name("河南省人民政府省长王凯作政府工作报告").as_deref(),
            Some("王凯")
        );
        assert_eq!(
            speaker_name("自治区人民政府主席王莉霞在内蒙古自治区第十四届人民代表大会第三次会议上")
                .as_deref(),
            Some("王莉霞")
        );
        assert_eq!(
            speaker_name("自治区主席 艾尔肯·吐尼亚孜").as_deref(),
            Some("艾尔肯·吐尼亚孜")
        );
    }

    #[test]
    fn toc_heading() {
        for s in [
            "目录",
            "目　录",
            "目 \u{3000} 录",
            "目录 ",
            "目 录目",
            "目录：",
            "目",
            "",
            "录目",
        ] {
            assert_eq!(is_toc_heading(s), join_spaced(s) == "目录", "{s:?}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(doc_number("余府发〔2012〕3号"), Some("余府发〔2012〕3号"));
        assert_eq!(doc_number("劳社部发[2008]3号"), Some("劳社部发[2008]3号"));
        assert_eq!(
            doc_number("（江府办发〔2015〕12号）"),
            Some("江府办发〔2015〕12号")
        );
    }
}
