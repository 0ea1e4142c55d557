//! Headings: marker detection at paragraph starts, levels by family rank, parents, spans.

use std::collections::HashMap;

use crate::document::{MarkerFamily, Section};
use crate::text::{
    CharIndex, date_at, digit_value, han_number, is_han, is_han_numeral_char, is_space,
    join_spaced, prefix_len, short, trim,
};

/// A heading marker at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    pub family: MarkerFamily,
    pub number: u32,
    /// Byte length of the marker.
    pub len: usize,
}

fn number_of(s: &str) -> Option<u32> {
    if s.chars().all(|c| digit_value(c).is_some()) {
        if s.chars().count() > 4 {
            return None;
        }
        return Some(s.chars().filter_map(digit_value).fold(0, |a, d| a * 10 + d));
    }
    han_number(s)
}

fn is_numeral(c: char) -> bool {
    is_han_numeral_char(c) || digit_value(c).is_some()
}

/// Whether `s` (a trimmed paragraph) is short and unpunctuated like a heading line.
fn heading_like(s: &str) -> bool {
    short(s, 40) && !s.contains(['。', '，', '；', '！', '？'])
}

/// The marker at the start of a trimmed paragraph, if it opens a heading.
pub(crate) fn marker_at(s: &str) -> Option<Marker> {
    let first = s.chars().next()?;
    let m = match first {
        '第' => {
            let rest = &s['第'.len_utf8()..];
            let n = prefix_len(rest, is_numeral);
            if n == 0 || n > 30 {
                return None;
            }
            let number = number_of(&rest[..n])?;
            let kind = rest[n..].chars().next()?;
            let family = match kind {
                '编' => MarkerFamily::Part,
                '章' => MarkerFamily::Chapter,
                '节' => MarkerFamily::Subsection,
                '条' => MarkerFamily::Article,
                _ => return None,
            };
            let mut len = '第'.len_utf8() + n + kind.len_utf8();
            if family == MarkerFamily::Article && s[len..].starts_with('之') {
                let k = prefix_len(&s[len + '之'.len_utf8()..], is_han_numeral_char);
                if k > 0 {
                    len += '之'.len_utf8() + k;
                }
            }
            let after = s[len..].chars().next();
            let spaced = after.is_none_or(|c| is_space(c) || matches!(c, '【' | '〔' | '['));
            let ok = match family {
                MarkerFamily::Article => spaced,
                _ => spaced || heading_like(s),
            };
            if !ok {
                return None;
            }
            Marker {
                family,
                number,
                len,
            }
        }
        '（' | '(' => {
            let inner = &s[first.len_utf8()..];
            let n = prefix_len(inner, is_numeral);
            if n == 0 || n > 12 {
                return None;
            }
            let close = inner[n..].chars().next()?;
            if !matches!(close, '）' | ')') {
                return None;
            }
            let digits = inner[..n].chars().all(|c| digit_value(c).is_some());
            let family = if digits {
                MarkerFamily::ParenArabic
            } else {
                MarkerFamily::ParenChinese
            };
            Marker {
                family,
                number: number_of(&inner[..n])?,
                len: first.len_utf8() + n + close.len_utf8(),
            }
        }
        '①'..='⑳' => Marker {
            family: MarkerFamily::Circled,
            number: first as u32 - '①' as u32 + 1,
            len: first.len_utf8(),
        },
        '⑴'..='⒇' => Marker {
            family: MarkerFamily::ParenArabic,
            number: first as u32 - '⑴' as u32 + 1,
            len: first.len_utf8(),
        },
        '⒈'..='⒛' => Marker {
            family: MarkerFamily::Arabic,
            number: first as u32 - '⒈' as u32 + 1,
            len: first.len_utf8(),
        },
        c if digit_value(c).is_some() => {
            let n = prefix_len(s, |c| digit_value(c).is_some());
            if s[..n].chars().count() > 2 {
                return None;
            }
            let sep = s[n..].chars().next()?;
            if !matches!(sep, '.' | '．' | '、') {
                return None;
            }
            let after = s[n + sep.len_utf8()..].chars().next()?;
            if digit_value(after).is_some() || matches!(after, '%' | '％' | '.' | '．') {
                return None;
            }
            Marker {
                family: MarkerFamily::Arabic,
                number: number_of(&s[..n])?,
                len: n + sep.len_utf8(),
            }
        }
        c if is_han_numeral_char(c) => {
            let n = prefix_len(s, is_han_numeral_char);
            if !s[n..].starts_with('、') || n > 9 {
                return None;
            }
            let len = n + '、'.len_utf8();
            // `一、二月份`, `一、二、三等奖`: an enumeration of numbers, not a heading.
            let mut after = s[len..].chars();
            let number = han_number(&s[..n])?;
            // `一、一年来工作回顾` is a heading: an enumeration counts up.
            if let (Some(a), Some(b)) = (after.next(), after.next())
                && is_han_numeral_char(a)
                && matches!(b, '、' | '月' | '至' | '类' | '等' | '级' | '季' | '年')
                && han_number(a.encode_utf8(&mut [0; 4])).is_none_or(|v| v > number)
            {
                return None;
            }
            Marker {
                family: MarkerFamily::Chinese,
                number,
                len,
            }
        }
        _ => return None,
    };
    // A bare marker with nothing after it is not a heading (except `第X章` lines).
    let rest = trim(&s[m.len..]);
    if rest.is_empty()
        && !matches!(
            m.family,
            MarkerFamily::Part | MarkerFamily::Chapter | MarkerFamily::Subsection
        )
    {
        return None;
    }
    if rest.starts_with(['，', ',', '、', '。', '；']) {
        return None;
    }
    Some(m)
}

/// `附件1`, `附件2 名词解释`, `附录`: an appendix heading (an unnumbered-family section that
/// closes everything before it). The marker is the word and its number.
pub(crate) fn appendix_at(s: &str) -> Option<Marker> {
    // A glossary closing a report: `名词解释` alone on its line (no marker; the word is the
    // heading).
    if matches!(
        s.trim_end_matches(['：', ':']),
        "名词解释" | "注释" | "附注"
    ) {
        return Some(Marker {
            family: MarkerFamily::Unnumbered,
            number: 0,
            len: 0,
        });
    }
    let word = ["附件", "附录"].into_iter().find(|w| s.starts_with(w))?;
    if !heading_like(s) || !short(s, 30) {
        return None;
    }
    let rest = &s[word.len()..];
    let n = prefix_len(rest, is_numeral);
    let number = if n == 0 { 0 } else { number_of(&rest[..n])? };
    let after = rest[n..].chars().next();
    if !after.is_none_or(|c| is_space(c) || matches!(c, '：' | ':' | '、' | '.' | '．')) {
        return None;
    }
    let sep = after.filter(|c| !is_space(*c)).map_or(0, char::len_utf8);
    Some(Marker {
        family: MarkerFamily::Unnumbered,
        number,
        len: word.len() + n + sep,
    })
}

/// Confidence of an unnumbered heading on strong evidence (several in the document, or a
/// year-led heading such as `2024年工作回顾`), and of a lone one.
const PLAIN_STRONG: u8 = 80;
const PLAIN_WEAK: u8 = 40;

/// Whether a trimmed paragraph without a marker looks like an unnumbered heading by itself:
/// 4-24 chars, mostly ideographs, no sentence or clause punctuation, not a date, not a
/// bracketed or quoted line, not cut off after a function word (a wrapped line), not a
/// `第一、` ordinal.
fn plain_heading_like(s: &str) -> bool {
    if s.len() < 12 || !short(s, 24) {
        return false;
    }
    if s.contains([
        '。', '，', '；', '！', '？', '：', ':', ',', ';', '!', '?', '…', '.',
    ]) || s.starts_with(['（', '(', '《', '“', '"', '—', '-', '［', '[', '【', '〔'])
        || s.ends_with(['的', '和', '与', '及', '、', '或'])
    {
        return false;
    }
    // `2024年工作回顾` is led by a year, `2024年3月5日` is a date.
    let year_led = year_led(s);
    let s = if year_led {
        trim(&s[prefix_len(s, |c| digit_value(c).is_some())..]).trim_start_matches('年')
    } else {
        s
    };
    if date_at(s).is_some() || s.starts_with(|c| digit_value(c).is_some()) {
        return false;
    }
    // `第一、关于基本建设`, `一、二月份`: numbered, or an enumeration, not unnumbered.
    let ordinal = s.strip_prefix('第').unwrap_or(s);
    let n = prefix_len(ordinal, is_han_numeral_char);
    if n > 0 && ordinal[n..].starts_with(['、', '，']) {
        return false;
    }
    let (mut han, mut all) = (0usize, 0usize);
    for c in s.chars() {
        all += 1;
        han += usize::from(is_han(c));
    }
    s.chars().next().is_some_and(is_han) && han * 10 >= all * 6
}

/// `2024年工作回顾`, `２０２５年政府工作任务`: a heading led by a year.
fn year_led(s: &str) -> bool {
    let n = prefix_len(s, |c| digit_value(c).is_some());
    s[..n].chars().count() == 4 && trim(&s[n..]).starts_with('年')
}

/// Whether a paragraph ends a sentence (`。`, `！`, `？`, `…`, closing quotes and brackets
/// after them), as the paragraph before an unnumbered heading must.
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['”', '’', '」', '』', '）', ')', '》', '"']);
    let closed = t.len() < s.len();
    t.ends_with(['。', '！', '？', '!', '?', '…']) || (!closed && s.ends_with('”'))
}

/// The paragraphs (indices into `paras`) that are unnumbered headings: a short line that
/// looks like a heading, between a paragraph that ends a sentence and a longer paragraph of
/// prose or a marker heading. With the confidence of each.
fn plain_headings(text: &str, paras: &[ParaRange], markers: &[Option<Marker>]) -> Vec<(usize, u8)> {
    let s = |i: usize| &text[paras[i].start..paras[i].end];
    let mut out: Vec<(usize, u8)> = Vec::new();
    for i in 1..paras.len().saturating_sub(1) {
        // The cheap tests first: most lines are long, or have a marker.
        let line = s(i);
        if markers[i].is_some() || line.len() < 12 || !short(line, 24) {
            continue;
        }
        let (prev, next) = (s(i - 1), s(i + 1));
        let heading_next = markers[i + 1].is_some_and(|m| m.family != MarkerFamily::Unnumbered);
        let prose = || {
            markers[i + 1].is_none()
                && next.len() >= line.len() + 12
                && next.contains(['。', '！', '？', '；'])
        };
        if ends_sentence(prev) && (heading_next || prose()) && plain_heading_like(line) {
            out.push((i, PLAIN_WEAK));
        }
    }
    let strong = out.len() >= 2;
    for (i, c) in &mut out {
        if strong || year_led(s(*i)) {
            *c = PLAIN_STRONG;
        }
    }
    out
}

/// Heading text after the marker: for run-in headings up to the first sentence end.
/// Returns (heading, byte end of the heading relative to `s`).
fn heading_of(s: &str, m: &Marker) -> (String, usize) {
    let rest = &s[m.len..];
    let structural = matches!(
        m.family,
        MarkerFamily::Part
            | MarkerFamily::Chapter
            | MarkerFamily::Subsection
            | MarkerFamily::Unnumbered
    );
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';');
    let end = if structural {
        None
    } else {
        rest.char_indices()
            .find(|&(_, c)| is_end(c))
            .map(|(i, _)| i)
    };
    // A sentence end inside quotes (`将第三条修改为：“…。”`) does not end the heading: a
    // closing quote right after the end says so, and only then is the text scanned again.
    let quoted_before = |i: usize| {
        rest[i..]
            .chars()
            .nth(1)
            .is_some_and(|c| matches!(c, '”' | '’' | '」' | '』'))
    };
    let end = match end {
        Some(i) if quoted_before(i) => {
            let mut quoted = 0usize;
            rest.char_indices()
                .find(|&(_, c)| {
                    match c {
                        '“' | '‘' | '「' | '『' => quoted += 1,
                        '”' | '’' | '」' | '』' => quoted = quoted.saturating_sub(1),
                        _ => {}
                    }
                    quoted == 0 && is_end(c)
                })
                .map(|(i, _)| i)
        }
        e => e,
    };
    if let Some(i) = end {
        return (join_spaced(&rest[..i]), m.len + i);
    }
    let h = trim(rest).trim_end_matches(['：', ':', '，', ',']);
    (join_spaced(h), s.len())
}

/// A paragraph given to the outline: its trimmed byte range.
pub(crate) struct ParaRange {
    pub start: usize,
    pub end: usize,
}

/// Rank of each family present: the order of first appearance, except that the `第X`
/// families keep their fixed order among themselves (编 > 章 > 节 > 条) in the places they
/// occupy, so `第一节` first seen after `第一条` still ranks above it.
fn family_ranks(markers: &[Option<Marker>]) -> Vec<MarkerFamily> {
    let mut order: Vec<MarkerFamily> = Vec::new();
    for m in markers.iter().flatten() {
        if !order.contains(&m.family) {
            order.push(m.family);
        }
    }
    let fixed = |f: MarkerFamily| match f {
        MarkerFamily::Part => Some(0),
        MarkerFamily::Chapter => Some(1),
        MarkerFamily::Subsection => Some(2),
        MarkerFamily::Article => Some(3),
        _ => None,
    };
    // Appendices close everything: always the top rank.
    if let Some(i) = order.iter().position(|&f| f == MarkerFamily::Unnumbered) {
        order.remove(i);
        order.insert(0, MarkerFamily::Unnumbered);
    }
    // The `第X` families form one block, in their fixed order, where the first of them
    // appeared.
    let at = order.iter().take_while(|&&f| fixed(f).is_none()).count();
    let mut block: Vec<MarkerFamily> = order
        .iter()
        .copied()
        .filter(|&f| fixed(f).is_some())
        .collect();
    block.sort_by_key(|&f| fixed(f));
    order.retain(|&f| fixed(f).is_none());
    let at = at.min(order.len());
    order.splice(at..at, block);
    order
}

/// The rank of the unnumbered headings `plain` when it is one for all of them: without
/// `第X编/章/节` headings, the top when the document opens with one of them or has several
/// (the numbered lists restart under each, as in the reports of the 1980s, or articles follow
/// each, as in a law whose `第X章` lines are missing and its chapter titles left), else the
/// rank of the top numbered family, whose siblings they are. With such headings, `None`:
/// each takes the rank of the `第X编/章/节` before it (a chapter or section title whose
/// marker line is missing among the others).
fn plain_rank(
    markers: &[Option<Marker>],
    plain: &[(usize, u8)],
    order: &[MarkerFamily],
) -> Option<usize> {
    let first = markers.iter().position(Option::is_some);
    let chapters = markers.iter().flatten().any(|m| is_division(m.family));
    if chapters {
        return None;
    }
    let opens = first.is_some_and(|f| plain.first().is_some_and(|&(i, _)| i == f));
    if opens || plain.len() >= 2 {
        return Some(0);
    }
    let top = order
        .iter()
        .position(|&f| f != MarkerFamily::Unnumbered)
        .unwrap_or(0);
    Some(100 * top)
}

fn is_division(f: MarkerFamily) -> bool {
    matches!(
        f,
        MarkerFamily::Part | MarkerFamily::Chapter | MarkerFamily::Subsection
    )
}

/// Build the outline from the body paragraphs `paras` (document order), ending at `body_end`.
pub(crate) fn sections(
    text: &str,
    paras: &[ParaRange],
    body_end: usize,
    idx: &CharIndex<'_>,
) -> Vec<Section> {
    let mut markers: Vec<Option<Marker>> = paras
        .iter()
        .map(|p| {
            let s = &text[p.start..p.end];
            marker_at(s).or_else(|| appendix_at(s))
        })
        .collect();
    let plain = plain_headings(text, paras, &markers);
    let mut plain_confidence: Vec<Option<u8>> = vec![None; paras.len()];
    for &(i, c) in &plain {
        plain_confidence[i] = Some(c);
        markers[i] = Some(Marker {
            family: MarkerFamily::Unnumbered,
            number: 0,
            len: 0,
        });
    }
    let order = family_ranks(&markers);
    let plain_rank = plain_rank(&markers, &plain, &order);
    let mut out: Vec<Section> = Vec::new();
    // Open sections, innermost last: (section index, rank). Family ranks are spaced by 100 so
    // that a list nested under a lower heading can take the rank just below its parent.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut last: HashMap<(Option<usize>, MarkerFamily), u32> = HashMap::new();
    let rank_of = |f: MarkerFamily| 100 * order.iter().position(|&g| g == f).unwrap_or(order.len());
    // The family of the last `第X编/章/节` heading, whose rank an unnumbered heading takes.
    let mut division: Option<MarkerFamily> = None;
    for ((p, m), plain) in paras.iter().zip(markers).zip(plain_confidence) {
        let Some(m) = m else { continue };
        let s = &text[p.start..p.end];
        let family_rank = if plain.is_some() {
            // `法律责任`, `附则`, `总则` head chapters, whatever came before.
            let chapter = matches!(s, "法律责任" | "附则" | "总则");
            plain_rank.unwrap_or_else(|| {
                rank_of(match division {
                    Some(f) if !chapter => f,
                    _ => MarkerFamily::Chapter,
                })
            })
        } else {
            rank_of(m.family)
        };
        if is_division(m.family) {
            division = Some(m.family);
        }
        let structural = matches!(
            m.family,
            MarkerFamily::Part
                | MarkerFamily::Chapter
                | MarkerFamily::Subsection
                | MarkerFamily::Article
                | MarkerFamily::Unnumbered
        );
        // 1. The heading continues the numbering of an open section of its family (the
        //    innermost one): it is that section's sibling.
        let continues = stack
            .iter()
            .rposition(|&(q, _)| out[q].family == m.family && out[q].number + 1 == m.number);
        // 2. A list restarting at 1 under a heading of another family while an outer list of
        //    its family is open (`三、` > `（一）` > `一、…`): a nested list, not a new top.
        let first_same = stack.iter().position(|&(q, _)| out[q].family == m.family);
        let host = stack.iter().rposition(|&(q, _)| out[q].family != m.family);
        let nested = match (continues, first_same, host) {
            (None, Some(f), Some(h)) => {
                !structural
                    && m.number == 1
                    && stack.len() < 12
                    && h > f
                    && stack[h].1 > family_rank
            }
            _ => false,
        };
        let (keep, rank) = if let Some(pos) = continues {
            (pos, stack[pos].1)
        } else if let (true, Some(h)) = (nested, host) {
            (h + 1, stack[h].1 + 1)
        } else {
            // 3. Otherwise by rank: the child of the nearest open section of a higher rank.
            let keep = stack
                .iter()
                .rposition(|&(_, r)| r < family_rank)
                .map_or(0, |i| i + 1);
            (keep, family_rank)
        };
        for &(q, _) in &stack[keep..] {
            let end = out[q].span.end.min(p.start);
            out[q].span = idx.span(out[q].span.start, end);
        }
        stack.truncate(keep);
        let parent = stack.last().map(|&(q, _)| q);
        let level = parent.map_or(1, |q| out[q].level.saturating_add(1));
        // Articles are numbered through the whole law; everything else per parent.
        let key = if m.family == MarkerFamily::Article {
            (None, m.family)
        } else {
            (parent, m.family)
        };
        let expected = last.get(&key).map_or(1, |n| n + 1);
        let appendix = m.family == MarkerFamily::Article && s[..m.len].contains('之');
        let confidence = if let Some(c) = plain {
            c
        } else if m.number == 0 || m.number == expected || (appendix && m.number + 1 == expected) {
            100
        } else {
            50
        };
        last.insert(key, m.number);
        let (heading, hend) = heading_of(s, &m);
        out.push(Section {
            level,
            family: m.family,
            marker: s[..m.len].to_string(),
            number: m.number,
            heading,
            parent,
            heading_span: idx.span(p.start, p.start + hend),
            span: idx.span(p.start, body_end.max(p.end)),
            confidence,
        });
        stack.push((out.len() - 1, rank));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fam(s: &str) -> Option<(MarkerFamily, u32)> {
        marker_at(s).map(|m| (m.family, m.number))
    }

    #[test]
    fn markers() {
        use MarkerFamily::*;
        assert_eq!(fam("第一章 总则"), Some((Chapter, 1)));
        assert_eq!(fam("第一章总则"), Some((Chapter, 1)));
        assert_eq!(fam("第一百二十条 为了"), Some((Article, 120)));
        assert_eq!(fam("第一百二十条之一 为了"), Some((Article, 120)));
        assert_eq!(fam("第三条规定的情形，依照"), None);
        assert_eq!(fam("一、进一步增强服务意识"), Some((Chinese, 1)));
        assert_eq!(fam("十二、其他"), Some((Chinese, 12)));
        assert_eq!(fam("一、二月份，经济"), None);
        assert_eq!(fam("一、一年来工作回顾"), Some((Chinese, 1)));
        assert_eq!(fam("（一）加快建设。"), Some((ParenChinese, 1)));
        assert_eq!(fam("(三)违反本法"), Some((ParenChinese, 3)));
        assert_eq!(fam("1.加强领导"), Some((Arabic, 1)));
        assert_eq!(fam("１．加强领导"), Some((Arabic, 1)));
        assert_eq!(fam("2、加强"), Some((Arabic, 2)));
        assert_eq!(fam("1.5亿元"), None);
        assert_eq!(fam("2024年"), None);
        assert_eq!(fam("（1）项目"), Some((ParenArabic, 1)));
        assert_eq!(fam("②其他"), Some((Circled, 2)));
        assert_eq!(fam("一是要"), None);
        fn app(s: &str) -> Option<(u32, &str)> {
            appendix_at(s).map(|m| (m.number, &s[..m.len]))
        }
        assert_eq!(app("附件1"), Some((1, "附件1")));
        assert_eq!(app("附件2 名词解释"), Some((2, "附件2")));
        assert_eq!(app("附件：名词解释"), Some((0, "附件：")));
        assert_eq!(app("附件中的内容如下，请参照。"), None);
        assert_eq!(app("名词解释"), Some((0, "")));
    }
}

#[cfg(test)]
mod plain_tests {
    use crate::document::MarkerFamily;

    fn plain(text: &str) -> Vec<(String, u8, u8)> {
        crate::parse(text)
            .sections
            .iter()
            .map(|s| (s.heading.clone(), s.level, s.confidence))
            .collect()
    }

    #[test]
    fn unnumbered_headings() {
        let prose = "这是一段足够长的正文，说明过去一年的工作情况和主要成绩。";
        // Two of them: strong, at the top, the 一、 lists restarting under each.
        let doc = format!(
            "标题\n\n各位代表：\n{prose}\n过去五年的回顾\n{prose}\n一、农业\n{prose}\n今后五年的主要任务\n{prose}\n一、工业\n{prose}\n"
        );
        let h = plain(&doc);
        assert_eq!(
            h,
            [
                ("过去五年的回顾".to_string(), 1, 80),
                ("农业".to_string(), 2, 100),
                ("今后五年的主要任务".to_string(), 1, 80),
                ("工业".to_string(), 2, 100)
            ]
        );
        // A lone one: weak; led by a year: strong.
        let h = plain(&format!("标题\n\n{prose}\n过去五年的回顾\n{prose}\n"));
        assert_eq!(h, [("过去五年的回顾".to_string(), 1, 40)]);
        let h = plain(&format!("标题\n\n{prose}\n2024年工作回顾\n{prose}\n"));
        assert_eq!(h, [("2024年工作回顾".to_string(), 1, 80)]);
        // Not headings: a wrapped heading's second line, a line after one that ends no
        // sentence, a short line before a short one, a date, a line with a comma.
        for s in [
            format!("标题\n\n{prose}\n三、持续提升政府\n治理效能和服务水平\n{prose}\n"),
            format!("标题\n\n{prose}\n过去五年的回顾\n好。\n"),
            format!("标题\n\n{prose}\n2024年3月5日\n{prose}\n"),
            format!("标题\n\n{prose}\n过去五年，我们的回顾\n{prose}\n"),
            format!("标题\n\n{prose}\n第一、关于基本建设\n{prose}\n"),
        ] {
            let doc = crate::parse(&s);
            assert!(
                doc.sections
                    .iter()
                    .all(|s| s.family != MarkerFamily::Unnumbered),
                "{s}"
            );
        }
    }

    #[test]
    fn chapter_titles_without_markers() {
        // A chapter title whose `第X章` line is missing: a sibling of the chapters, over
        // the articles that follow.
        let doc = crate::parse(
            "某条例\n第一章 总则\n第一条 为了规范管理，制定本条例。\n第二章 管理\n第二条 应当加强管理。\n法律责任\n第三条 违反本条例的，依法处理。\n第四章 附则\n第四条 本条例自公布之日起施行。\n",
        );
        let top: Vec<(&str, u8)> = doc
            .sections
            .iter()
            .filter(|s| s.family != MarkerFamily::Article)
            .map(|s| (s.heading.as_str(), s.level))
            .collect();
        assert_eq!(
            top,
            [("总则", 1), ("管理", 1), ("法律责任", 1), ("附则", 1)]
        );
        let art3 = doc.sections.iter().find(|s| s.marker == "第三条").unwrap();
        assert_eq!(art3.level, 2);
    }
}
