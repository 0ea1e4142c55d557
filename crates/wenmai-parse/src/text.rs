//! Small text tools shared by the parser: char offsets, spaces, numerals and dates.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::document::{DateValue, Span};

/// Byte offset -> char offset in O(block) time: the char count at every `BLOCK` bytes, then a
/// short count of the bytes since the block start. Building it is one pass over the text.
pub(crate) struct CharIndex<'a> {
    bytes: &'a [u8],
    blocks: Vec<usize>,
}

const BLOCK: usize = 64;

/// Whether a byte starts a char (it is not a UTF-8 continuation byte, 0b10xx_xxxx).
#[inline]
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// The number of chars in a whole block. Counted in a `u8` over a fixed-size array, which
/// the compiler turns into a few vector instructions (a block has at most 64 chars).
#[inline]
fn block_chars(block: &[u8; BLOCK]) -> usize {
    usize::from(
        block
            .iter()
            .fold(0u8, |n, &b| n.wrapping_add(u8::from(starts_char(b)))),
    )
}

/// The number of chars in the first `n` bytes of a whole block (`n` up to [`BLOCK`]):
/// every byte is looked at and masked by its position, so this too is vector code (the
/// positions come from a table of `i8`, which SSE2 compares a vector at a time; a counter
/// would be widened to 32 bits).
#[inline]
fn block_prefix_chars(block: &[u8; BLOCK], n: usize) -> usize {
    const POSITIONS: [i8; BLOCK] = {
        let mut p = [0i8; BLOCK];
        let mut k = 0;
        while k < BLOCK {
            p[k] = k as i8;
            k += 1;
        }
        p
    };
    let n = n.min(BLOCK) as i8;
    usize::from(block.iter().zip(&POSITIONS).fold(0u8, |acc, (&b, &k)| {
        acc.wrapping_add(u8::from(starts_char(b) && k < n))
    }))
}

impl<'a> CharIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 2);
        let mut total = 0usize;
        let mut chunks = bytes.chunks_exact(BLOCK);
        for chunk in &mut chunks {
            blocks.push(total);
            total += chunk.try_into().map_or(0, block_chars);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            blocks.push(total);
            total += rest.iter().filter(|&&b| starts_char(b)).count();
        }
        blocks.push(total);
        CharIndex { bytes, blocks }
    }

    /// The char offset of a byte offset (which must be a char boundary or the text length).
    pub(crate) fn char_at(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        let block = byte / BLOCK;
        let start = block * BLOCK;
        let n = byte - start;
        let since_block = match self.bytes.get(start..start + BLOCK) {
            Some(whole) => whole.try_into().map_or(0, |w| block_prefix_chars(w, n)),
            // The last, partial block.
            None => self.bytes[start..byte]
                .iter()
                .filter(|&&b| starts_char(b))
                .count(),
        };
        self.blocks.get(block).copied().unwrap_or(0) + since_block
    }

    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            char_start: self.char_at(start),
            char_end: self.char_at(end),
        }
    }
}

/// A few short patterns that never overlap, searched with aho-corasick's packed SIMD
/// searcher (Teddy) alone, which is cheaper than the automaton with it as a prefilter, or,
/// where the CPU lacks the instructions for it, with the automaton.
#[derive(Debug)]
pub(crate) enum Patterns {
    Packed(aho_corasick::packed::Searcher),
    Automaton(aho_corasick::AhoCorasick),
}

impl Patterns {
    pub(crate) fn new(patterns: &[&str]) -> Self {
        let packed = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(patterns)
            .build();
        match packed {
            Some(searcher) => Patterns::Packed(searcher),
            None => Patterns::Automaton(
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    // Only the crate's fixed lists of a few short strings come here (built once,
                    // in statics, and by the tests), far inside the automaton's limits.
                    .build(patterns)
                    .expect("a few short fixed patterns build"),
            ),
        }
    }

    /// The leftmost match that starts at or after `at`.
    #[inline]
    pub(crate) fn find_from(&self, haystack: &str, at: usize) -> Option<aho_corasick::Match> {
        let span = aho_corasick::Span::from(at..haystack.len());
        match self {
            Patterns::Packed(s) => s.find_in(haystack, span),
            Patterns::Automaton(a) => a.find(aho_corasick::Input::new(haystack).span(span)),
        }
    }
}

/// Spaces that pad Chinese text: ASCII whitespace, ideographic space, NBSP, BOM, zero-width.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\u{a0}'
            | '\u{3000}'
            | '\u{feff}'
            | '\u{200b}'
            | '\u{2002}'
            | '\u{2003}'
            | '\u{2009}'
            | '\u{0b}'
            | '\u{0c}'
    )
}

/// Whether `s` has at most `max` chars; looks at the byte length first (a char is one to
/// four bytes), so a long paragraph costs nothing.
#[inline]
pub(crate) fn short(s: &str, max: usize) -> bool {
    s.len() <= max || (s.len() / 4 <= max && s.chars().count() <= max)
}

pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Byte range of `s` without the surrounding spaces (relative to `s`).
pub(crate) fn trimmed_range(s: &str) -> (usize, usize) {
    let start = s.len() - s.trim_start_matches(is_space).len();
    let end = s.trim_end_matches(is_space).len();
    if end < start {
        (start, start)
    } else {
        (start, end)
    }
}

/// Whether a char is a CJK ideograph (the ranges Chinese text uses).
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

/// `习　近　平` -> `习近平`, `总 则` -> `总则`: spaces are dropped when every part between them is
/// a single ideograph; otherwise runs of spaces become one ASCII space.
pub(crate) fn join_spaced(s: &str) -> String {
    let s = trim(s);
    // Most titles have no inner space: nothing to split or join.
    if !s.contains(is_space) {
        return s.to_string();
    }
    let parts: Vec<&str> = s.split(is_space).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(is_han))
    {
        return parts.concat();
    }
    parts.join(" ")
}

/// Full-width digit to its value.
#[inline]
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A Chinese numeral digit (`〇一二…九`, `两`, `零`).
#[inline]
pub(crate) fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'O' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

#[inline]
pub(crate) fn is_han_numeral_char(c: char) -> bool {
    (han_digit(c).is_some() && !matches!(c, 'O' | 'Ｏ'))
        || matches!(c, '十' | '百' | '千' | '拾' | '佰' | '仟')
}

/// The value of a Chinese numeral (`十二` 12, `一百零五` 105, `二十` 20, `一千二百六十` 1260).
pub(crate) fn han_number(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 12 {
        return None;
    }
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    for c in s.chars() {
        if let Some(d) = han_digit(c) {
            if matches!(c, 'O' | 'Ｏ') {
                return None;
            }
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => return None,
        };
        total += digit.unwrap_or(1) * unit;
        digit = None;
    }
    Some(total + digit.unwrap_or(0))
}

/// The longest prefix of `s` made of chars accepted by `f`, as a byte length.
#[inline]
pub(crate) fn prefix_len(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .find(|&(_, c)| !f(c))
        .map_or(s.len(), |(i, _)| i)
}

/// Parse ASCII or full-width digits at the start of `s`: (value, bytes used, digit count).
fn digits_at(s: &str, max_digits: usize) -> Option<(u32, usize, usize)> {
    let mut value = 0u32;
    let mut used = 0usize;
    let mut n = 0usize;
    for c in s.chars() {
        match digit_value(c) {
            Some(d) if n < max_digits => {
                value = value * 10 + d;
                used += c.len_utf8();
                n += 1;
            }
            _ => break,
        }
    }
    (n > 0).then_some((value, used, n))
}

/// Skip ASCII spaces (`2024 年`).
fn skip_spaces(s: &str) -> usize {
    prefix_len(s, |c| c == ' ')
}

/// A date at the very start of `s` (after no skipping): `2008-12-09 08:26:00`, `2017年3月5日`,
/// `２０１７年３月５日`, `二〇一二年三月五日`, `2022/03/15`, `2022.03.15`. Returns the date
/// and its length in bytes.
pub(crate) fn date_at(s: &str) -> Option<(DateValue, usize)> {
    date_digits(s).or_else(|| date_han(s))
}

/// A year of four digits with a single space between them (`1 9 9 8`), as PDF and OCR
/// text spaces them: (value, bytes used).
fn spaced_year(s: &str) -> Option<(u32, usize)> {
    let (mut year, mut i, mut n) = (0u32, 0usize, 0);
    while n < 4 {
        let c = s[i..].chars().next()?;
        year = year * 10 + digit_value(c)?;
        i += c.len_utf8();
        n += 1;
        if n < 4 {
            i += usize::from(s[i..].starts_with(' '));
        }
    }
    Some((year, i))
}

fn date_digits(s: &str) -> Option<(DateValue, usize)> {
    let (mut year, mut i, n) = digits_at(s, 4)?;
    if n != 4 {
        if n != 1 || !s[i..].starts_with(' ') {
            return None;
        }
        (year, i) = spaced_year(s)?;
    }
    i += skip_spaces(&s[i..]);
    let sep = s[i..].chars().next()?;
    let cjk = sep == '年';
    if !matches!(sep, '年' | '-' | '/' | '.' | '－' | '．' | '／') {
        return None;
    }
    i += sep.len_utf8();
    i += skip_spaces(&s[i..]);
    let (month, used, _) = digits_at(&s[i..], 2)?;
    i += used;
    i += skip_spaces(&s[i..]);
    let sep2 = s[i..].chars().next()?;
    if cjk {
        if sep2 != '月' {
            return None;
        }
    } else if sep2 != sep {
        return None;
    }
    i += sep2.len_utf8();
    i += skip_spaces(&s[i..]);
    let (day, used, _) = digits_at(&s[i..], 2)?;
    i += used;
    if cjk {
        i += skip_spaces(&s[i..]);
        match s[i..].chars().next() {
            Some(c @ ('日' | '号')) => i += c.len_utf8(),
            _ => return None,
        }
    } else if s[i..]
        .chars()
        .next()
        .is_some_and(|c| digit_value(c).is_some())
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    // An optional time: ` 08:26:00`, `T08:26`, ` 8时26分`.
    let rest = &s[i..];
    let t_skip = if rest.starts_with('T') {
        1
    } else {
        skip_spaces(rest)
    };
    if let Some((time, used)) = time_at(&rest[t_skip..]) {
        return Some((
            DateValue::DateTime(NaiveDateTime::new(date, time)),
            i + t_skip + used,
        ));
    }
    Some((DateValue::Date(date), i))
}

fn time_at(s: &str) -> Option<(NaiveTime, usize)> {
    let (h, mut i, _) = digits_at(s, 2)?;
    let sep = s[i..].chars().next()?;
    if !matches!(sep, ':' | '：' | '时') {
        return None;
    }
    i += sep.len_utf8();
    let (m, used, n) = digits_at(&s[i..], 2)?;
    if n != 2 && sep != '时' {
        return None;
    }
    i += used;
    let mut sec = 0;
    if sep == '时' {
        if s[i..].starts_with('分') {
            i += '分'.len_utf8();
        }
    } else if let Some(c) = s[i..].chars().next()
        && matches!(c, ':' | '：')
        && let Some((v, used, 2)) = digits_at(&s[i + c.len_utf8()..], 2)
    {
        sec = v;
        i += c.len_utf8() + used;
    }
    Some((NaiveTime::from_hms_opt(h, m, sec)?, i))
}

fn date_han(s: &str) -> Option<(DateValue, usize)> {
    // Year: four digit numerals (二〇一二, 一九九九, 二○○一).
    let mut year = 0u32;
    let mut i = 0usize;
    let mut n = 0;
    for c in s.chars() {
        // `二０二０年`: a digit zero among the numerals.
        let zero = matches!(c, '0' | '０').then_some(0);
        match han_digit(c).or(zero) {
            Some(d) if n < 4 => {
                year = year * 10 + d;
                i += c.len_utf8();
                n += 1;
            }
            _ => break,
        }
    }
    if n != 4 || !s[i..].starts_with('年') {
        return None;
    }
    i += '年'.len_utf8();
    let mlen = prefix_len(&s[i..], is_han_numeral_char);
    let month = han_number(&s[i..i + mlen])?;
    i += mlen;
    if !s[i..].starts_with('月') {
        return None;
    }
    i += '月'.len_utf8();
    let dlen = prefix_len(&s[i..], is_han_numeral_char);
    let day = han_number(&s[i..i + dlen])?;
    i += dlen;
    let c = s[i..].chars().next()?;
    if !matches!(c, '日' | '号') {
        return None;
    }
    i += c.len_utf8();
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    Some((DateValue::Date(date), i))
}

/// The first date anywhere in `s` (scanning each position where a digit or numeral starts).
pub(crate) fn find_date(s: &str) -> Option<(usize, DateValue, usize)> {
    let mut prev_digit = false;
    for (i, c) in s.char_indices() {
        let digitish = digit_value(c).is_some() || han_digit(c).is_some();
        if digitish
            && !prev_digit
            && let Some((d, len)) = date_at(&s[i..])
        {
            return Some((i, d, len));
        }
        prev_digit = digitish;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(han_number("十二"), Some(12));
        assert_eq!(han_number("一百零五"), Some(105));
        assert_eq!(han_number("一千二百六十"), Some(1260));
        assert_eq!(han_number("二十"), Some(20));
        assert_eq!(han_number("九"), Some(9));
        assert_eq!(han_number("甲"), None);
    }

    #[test]
    fn dates() {
        let d = |s: &str| date_at(s).map(|(d, n)| (serde_json::to_string(&d).unwrap(), n));
        assert_eq!(
            d("2008-12-09 08:26:00 x").unwrap().0,
            "\"2008-12-09T08:26:00\""
        );
        assert_eq!(
            d("2017年3月5日在").unwrap(),
            ("\"2017-03-05\"".into(), "2017年3月5日".len())
        );
        assert_eq!(d("２０１０年３月５日").unwrap().0, "\"2010-03-05\"");
        assert_eq!(d("二〇一二年三月五日").unwrap().0, "\"2012-03-05\"");
        for s in [
            "二○一五年三月十日",
            "二O一五年三月十日",
            "二０一五年三月十日",
            "二〇一五年三月十日",
        ] {
            assert_eq!(d(s).unwrap().0, "\"2015-03-10\"", "{s}");
        }
        assert_eq!(d("1 9 9 8 年3 月5 日").unwrap().0, "\"1998-03-05\"");
        assert!(d("1 9 9 年3月5日").is_none());
        assert_eq!(d("一九九九年十二月二十五日").unwrap().0, "\"1999-12-25\"");
        assert_eq!(d("2024 年 1 月 18 日").unwrap().0, "\"2024-01-18\"");
        assert_eq!(d("2022-03-15").unwrap().0, "\"2022-03-15\"");
        assert!(d("2017年13月5日").is_none());
        assert!(d("2017年3月").is_none());
        assert!(d("12345").is_none());
    }

    #[test]
    fn char_index() {
        let text = "中文abc".repeat(100);
        let idx = CharIndex::new(&text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(idx.char_at(bi), ci);
        }
        assert_eq!(idx.char_at(text.len()), 500);
    }

    #[test]
    fn counts_chars() {
        let text = "中文abc，é𝄞x。".repeat(7);
        let bytes = text.as_bytes();
        for a in (0..=text.len() - BLOCK).filter(|&i| text.is_char_boundary(i)) {
            let block: &[u8; BLOCK] = bytes[a..a + BLOCK].try_into().unwrap();
            for b in (a..=a + BLOCK).filter(|&i| text.is_char_boundary(i)) {
                let n = text[a..b].chars().count();
                assert_eq!(block_prefix_chars(block, b - a), n);
            }
            let all = bytes[a..a + BLOCK]
                .iter()
                .filter(|&&b| starts_char(b))
                .count();
            assert_eq!(block_chars(block), all);
        }
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 200] {
            let t: String = text.chars().take(len).collect();
            let idx = CharIndex::new(&t);
            for (ci, (bi, _)) in t.char_indices().enumerate() {
                assert_eq!(idx.char_at(bi), ci);
            }
            assert_eq!(idx.char_at(t.len()), t.chars().count());
        }
    }

    #[test]
    fn patterns_agree_without_simd() {
        let words = ["是", "要", "第", "首先", "其次", "。", "．", "…"];
        let fallback = Patterns::Automaton(
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(words)
                .unwrap(),
        );
        let text = "一是首先，其次要第一。第二．…是".repeat(5) + "短";
        let all = |p: &Patterns| {
            let mut out = Vec::new();
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                out.push(p.find_from(&text, at).map(|m| (m.start(), m.end())));
            }
            out
        };
        assert_eq!(all(&Patterns::new(&words)), all(&fallback));
        assert_eq!(fallback.find_from("要", 0).map(|m| m.start()), Some(0));
    }

    #[test]
    fn shorts() {
        for s in [
            "",
            "a",
            "中",
            "中文abc",
            "𝄞𝄞",
            "abcd",
            "中文中文",
            "中文中文中",
        ] {
            for max in 0..8 {
                assert_eq!(
                    short(s, max),
                    s.chars().take(max + 1).count() <= max,
                    "{s} {max}"
                );
            }
        }
    }

    #[test]
    fn joins() {
        assert_eq!(join_spaced("习　近　平"), "习近平");
        assert_eq!(join_spaced(" 总 则 "), "总则");
        assert_eq!(
            join_spaced("把握服务内涵 提高服务水平"),
            "把握服务内涵 提高服务水平"
        );
    }
}
