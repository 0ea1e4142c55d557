//! Inline enumerations: `一是…二是…`, `一要…二要…`, `首先…其次…最后…`, `第一，…第二，…`.

use crate::document::Point;
use crate::text::{ByteSet, CharIndex, han_number, is_han_numeral_char, is_space, prefix_len};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Shi,
    Yao,
    Order,
    Di,
}

struct Candidate {
    kind: Kind,
    /// 0 for `其次`/`再次`/`最后` (the number follows the run), else the ordinal.
    number: u32,
    last: bool,
    start: usize,
    marker_len: usize,
    paragraph: usize,
    section: Option<usize>,
}

/// Whether a marker can start with `c`: most clause starts are rejected on their first char,
/// before [`candidate_at`] is called.
#[inline]
fn may_open_marker(c: char) -> bool {
    matches!(c, '首' | '其' | '再' | '最' | '第') || is_han_numeral_char(c)
}

/// A marker at a clause start.
fn candidate_at(s: &str) -> Option<(Kind, u32, bool, usize)> {
    if !may_open_marker(s.chars().next()?) {
        return None;
    }
    for (w, n, last) in [
        ("首先", 1, false),
        ("其次", 0, false),
        ("再次", 0, false),
        ("最后", 0, true),
    ] {
        if s.starts_with(w) {
            return Some((Kind::Order, n, last, w.len()));
        }
    }
    if let Some(rest) = s.strip_prefix('第') {
        let n = prefix_len(rest, is_han_numeral_char);
        if n > 0 && n <= 9 {
            let c = rest[n..].chars().next()?;
            if matches!(c, '，' | ',' | '、') {
                let number = han_number(&rest[..n])?;
                return Some((Kind::Di, number, false, '第'.len_utf8() + n + c.len_utf8()));
            }
        }
        return None;
    }
    let n = prefix_len(s, is_han_numeral_char);
    if n == 0 || n > 6 {
        return None;
    }
    let c = s[n..].chars().next()?;
    let kind = match c {
        '是' => Kind::Shi,
        '要' => Kind::Yao,
        _ => return None,
    };
    Some((kind, han_number(&s[..n])?, false, n + c.len_utf8()))
}

/// Paragraph given to the point finder: trimmed byte range and section.
pub(crate) struct ParaRef {
    pub start: usize,
    pub end: usize,
    pub index: usize,
    pub section: Option<usize>,
}

/// Bytes that can start a char that ends a clause (`。；！？，：;:!?,`): the ASCII ones and the
/// lead bytes of `。` (U+3000..) and of `；！？，：` (U+FF00..).
static CLAUSE_ENDS: ByteSet = ByteSet::new(b";:!?,", [0xE3, 0xEF, 0xEF]);

fn candidates(text: &str, paras: &[ParaRef]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for p in paras {
        let s = &text[p.start..p.end];
        let bytes = s.as_bytes();
        let mut at_start = true;
        let mut i = 0usize;
        while i < bytes.len() {
            if !at_start {
                // Inside a clause only what ends it matters: skip to it.
                i = CLAUSE_ENDS.next(bytes, i);
                if i == bytes.len() {
                    break;
                }
            }
            let b = bytes[i];
            // Most ideographs (lead bytes E4..E9) are neither clause punctuation, spaces nor
            // quotes: decide on the byte, decode only the rest.
            let (c, w) = if b < 0x80 {
                (b as char, 1)
            } else if (0xE4..=0xE9).contains(&b) {
                if at_start
                    && s[i..].chars().next().is_some_and(may_open_marker)
                    && let Some((kind, number, last, len)) = candidate_at(&s[i..])
                {
                    out.push(Candidate {
                        kind,
                        number,
                        last,
                        start: p.start + i,
                        marker_len: len,
                        paragraph: p.index,
                        section: p.section,
                    });
                }
                at_start = false;
                i += 3;
                continue;
            } else if b < 0xC0 {
                // A continuation byte: never at a char start here, but step safely.
                i += 1;
                continue;
            } else {
                match s[i..].chars().next() {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            if is_space(c) || matches!(c, '“' | '"' | '‘') {
                i += w;
                continue;
            }
            if at_start
                && may_open_marker(c)
                && let Some((kind, number, last, len)) = candidate_at(&s[i..])
            {
                out.push(Candidate {
                    kind,
                    number,
                    last,
                    start: p.start + i,
                    marker_len: len,
                    paragraph: p.index,
                    section: p.section,
                });
            }
            at_start = matches!(
                c,
                '。' | '；' | '！' | '？' | '，' | '：' | ';' | ':' | '!' | '?' | ','
            );
            i += w;
        }
    }
    out
}

/// Find the points of the body paragraphs `paras` (document order).
pub(crate) fn points(text: &str, paras: &[ParaRef], idx: &CharIndex<'_>) -> Vec<Point> {
    let cands = candidates(text, paras);
    let mut runs: Vec<Vec<(usize, u32)>> = Vec::new(); // candidate index, number
    let mut open: [Option<Vec<(usize, u32)>>; 4] = Default::default();
    let slot = |k: Kind| match k {
        Kind::Shi => 0,
        Kind::Yao => 1,
        Kind::Order => 2,
        Kind::Di => 3,
    };
    for (ci, c) in cands.iter().enumerate() {
        let k = slot(c.kind);
        if c.number == 1 {
            if let Some(run) = open[k].take()
                && run.len() >= 2
            {
                runs.push(run);
            }
            open[k] = Some(vec![(ci, 1)]);
            continue;
        }
        let Some(run) = open[k].as_mut() else {
            continue;
        };
        let (prev_ci, prev_n) = run[run.len() - 1];
        let prev = &cands[prev_ci];
        let number = if c.number == 0 { prev_n + 1 } else { c.number };
        let close_enough = c.paragraph <= prev.paragraph + 12;
        if number == prev_n + 1 && c.section == prev.section && close_enough {
            run.push((ci, number));
            if c.last
                && let Some(run) = open[k].take()
            {
                runs.push(run);
            }
        }
    }
    for run in open.into_iter().flatten() {
        if run.len() >= 2 {
            runs.push(run);
        }
    }
    let mut out = Vec::new();
    for run in runs {
        for (j, &(ci, number)) in run.iter().enumerate() {
            let c = &cands[ci];
            let mut end = para_end_cached(paras, c.paragraph).unwrap_or(c.start + c.marker_len);
            if let Some(&(ni, _)) = run.get(j + 1)
                && cands[ni].paragraph == c.paragraph
            {
                end = cands[ni].start;
            }
            out.push(Point {
                marker: text[c.start..c.start + c.marker_len].to_string(),
                number,
                span: idx.span(c.start, end),
                section: c.section,
                paragraph: c.paragraph,
            });
        }
    }
    out.sort_by_key(|p| p.span.start);
    out
}

/// Paragraph end by binary search (paras are sorted by index).
fn para_end_cached(paras: &[ParaRef], index: usize) -> Option<usize> {
    paras
        .binary_search_by_key(&index, |p| p.index)
        .ok()
        .map(|i| paras[i].end)
}
