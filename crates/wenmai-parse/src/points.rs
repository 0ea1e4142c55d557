//! Inline enumerations: `一是…二是…`, `一要…二要…`, `首先…其次…最后…`, `第一，…第二，…`.

use std::sync::LazyLock;

use crate::document::Point;
use crate::text::{CharIndex, Patterns, han_number, is_han_numeral_char, is_space, prefix_len};

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

/// Whether a line starts with a point marker (`一是`, `首先`, `第一，`).
pub(crate) fn starts_with_point(s: &str) -> bool {
    candidate_at(s).is_some()
}

/// Paragraph given to the point finder: trimmed byte range and section.
pub(crate) struct ParaRef {
    pub start: usize,
    pub end: usize,
    pub index: usize,
    pub section: Option<usize>,
}

/// Text every marker holds, found by a SIMD multi-pattern search instead of visiting every
/// clause: the `是`/`要` after the numeral of `一是`/`二要` (patterns 0 and 1), the `第` of
/// `第一，` and the order words. No two of them overlap, so the leftmost-first matches are all
/// the places they occur.
static ANCHORS: LazyLock<Patterns> =
    LazyLock::new(|| Patterns::new(&["是", "要", "第", "首先", "其次", "再次", "最后"]));

/// Whether a marker may start at byte `i` of the paragraph `s`: the last char before it that
/// is neither a space nor an opening quote ends a clause, or there is none.
fn at_clause_start(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .rev()
        .find(|&c| !(is_space(c) || matches!(c, '“' | '"' | '‘')))
        .is_none_or(|c| {
            matches!(
                c,
                '。' | '；' | '！' | '？' | '，' | '：' | ';' | ':' | '!' | '?' | ','
            )
        })
}

/// The markers at clause starts of the paragraphs, in document order. A marker holds one of
/// [`ANCHORS`], so only the places those are found are tried: the anchor itself, or for
/// `是`/`要` the start of the numeral before it (a clause cannot start inside a numeral).
/// The paragraphs are consecutive lines, so the text between two of them is spaces only
/// and the whole body is searched at once.
fn candidates(text: &str, paras: &[ParaRef]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (paras.first(), paras.last()) else {
        return out;
    };
    let body = &text[first.start..last.end.max(first.start)];
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(m) = ANCHORS.find_from(body, from) {
        from = m.end();
        if m.pattern().as_usize() < 2 {
            let numeral = body[..m.start()]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_han_numeral_char(c))
                .last();
            if let Some((i, _)) = numeral {
                starts.push(first.start + i);
            }
        } else {
            starts.push(first.start + m.start());
        }
    }
    starts.sort_unstable();
    starts.dedup();
    let mut pi = 0;
    for at in starts {
        while pi < paras.len() && paras[pi].end <= at {
            pi += 1;
        }
        let Some(p) = paras.get(pi).filter(|p| p.start <= at) else {
            continue;
        };
        let s = &text[p.start..p.end];
        let i = at - p.start;
        if at_clause_start(s, i)
            && let Some((kind, number, last, len)) = candidate_at(&s[i..])
        {
            out.push(Candidate {
                kind,
                number,
                last,
                start: at,
                marker_len: len,
                paragraph: p.index,
                section: p.section,
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The markers found by visiting every char of each paragraph (what `candidates` must
    /// match): (start, kind, number, marker length).
    fn every_char(text: &str, paras: &[ParaRef]) -> Vec<(usize, Kind, u32, usize)> {
        let mut out = Vec::new();
        for p in paras {
            let s = &text[p.start..p.end];
            let mut at_start = true;
            for (i, c) in s.char_indices() {
                if is_space(c) || matches!(c, '“' | '"' | '‘') {
                    continue;
                }
                if at_start && let Some((kind, number, _, len)) = candidate_at(&s[i..]) {
                    out.push((p.start + i, kind, number, len));
                }
                at_start = matches!(
                    c,
                    '。' | '；' | '！' | '？' | '，' | '：' | ';' | ':' | '!' | '?' | ','
                );
            }
        }
        out
    }

    #[test]
    fn anchors_find_what_every_char_finds() {
        let text = concat!(
            "一是加强领导，二是 “三是落实。十二是x；第一，好；第三十，好 第二，不\n",
            "\u{3000}首先，要。其次要；再次 最后，完\n",
            "四五六七是长，七要 八要:九要!一二是? 两是,第一、\n",
            "“一是”在引号后；(一是)不在括号后，是要第\n",
            "统一是不算，一一是，〇是，第二十一，其次",
        );
        let mut paras = Vec::new();
        let mut pos = 0;
        for (index, line) in text.split('\n').enumerate() {
            let (a, b) = crate::text::trimmed_range(line);
            paras.push(ParaRef {
                start: pos + a,
                end: pos + b,
                index,
                section: None,
            });
            pos += line.len() + 1;
        }
        let want = every_char(text, &paras);
        let got: Vec<_> = candidates(text, &paras)
            .iter()
            .map(|c| (c.start, c.kind, c.number, c.marker_len))
            .collect();
        assert!(want.len() > 10);
        assert_eq!(got, want);
    }
}
