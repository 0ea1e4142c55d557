//! Sentence boundaries inside a paragraph.

use std::sync::LazyLock;

use crate::text::{Patterns, digit_value, is_space};

#[inline]
fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '…' | '!' | '?' | ';' | '｡' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

#[inline]
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '）'
            | ')'
            | '】'
            | '》'
            | '〉'
            | '"'
            | '\''
            | '］'
            | ']'
            | '〕'
            | '〗'
    )
}

/// Whether a `.`/`．` at this place ends a sentence: not between digits or after a letter
/// (`1.5`, `No.`), not the marker of a numbered heading (`1.`).
#[inline]
fn dot_ends(prev: Option<char>, next: Option<char>) -> bool {
    let digitish =
        |c: Option<char>| c.is_some_and(|c| digit_value(c).is_some() || c.is_ascii_alphanumeric());
    !digitish(prev) && !next.is_some_and(|c| digit_value(c).is_some() || c.is_ascii_alphanumeric())
}

/// The three-byte terminators and `．` (they never overlap, so the leftmost-first matches
/// are all of them).
static WIDE_ENDS: LazyLock<Patterns> =
    LazyLock::new(|| Patterns::new(&["。", "！", "？", "；", "…", "｡", "‼", "⁇", "⁈", "⁉", "．"]));

/// The places in a text where a terminator or a `.`/`．` starts, asked for in increasing
/// order: the next three-byte one, the next of ASCII `!?;` and the next `.`, each searched
/// again only once it has been passed. Made once for the whole text (not per paragraph:
/// short lines would pay for starting the searches).
pub(crate) struct Ends<'h> {
    text: &'h str,
    next_wide: usize,
    next_mark: usize,
    next_dot: usize,
}

impl<'h> Ends<'h> {
    pub(crate) fn new(s: &'h str) -> Self {
        let bytes = s.as_bytes();
        Ends {
            text: s,
            next_wide: WIDE_ENDS.find_from(s, 0).map_or(s.len(), |m| m.start()),
            next_mark: memchr::memchr3(b'!', b'?', b';', bytes).unwrap_or(bytes.len()),
            next_dot: memchr::memchr(b'.', bytes).unwrap_or(bytes.len()),
        }
    }

    /// The first place at or after `i` (a char boundary) where a terminator or a `.`/`．`
    /// starts, or the text's length.
    fn next(&mut self, i: usize) -> usize {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let len = bytes.len();
        if self.next_wide < i {
            self.next_wide = WIDE_ENDS.find_from(text, i).map_or(len, |m| m.start());
        }
        if self.next_mark < i {
            self.next_mark = memchr::memchr3(b'!', b'?', b';', &bytes[i..]).map_or(len, |k| i + k);
        }
        if self.next_dot < i {
            self.next_dot = memchr::memchr(b'.', &bytes[i..]).map_or(len, |k| i + k);
        }
        self.next_wide.min(self.next_mark).min(self.next_dot)
    }
}

/// Split `s` into sentences; calls `emit(start, end)` with byte ranges relative to `s`,
/// trimmed of spaces, never empty. A sentence ends after a terminator (or a `.` that is not
/// inside a number or a word) and the run of terminators and closing marks that follows it.
/// `s` starts at byte `base` of the text of `ends`; paragraphs are split in text order.
pub(crate) fn split(s: &str, base: usize, ends: &mut Ends<'_>, mut emit: impl FnMut(usize, usize)) {
    let push = |a: usize, b: usize, emit: &mut dyn FnMut(usize, usize)| {
        let piece = &s[a..b];
        // Most pieces neither start nor end with a space: one char each way decides.
        let lead = if piece.chars().next().is_some_and(is_space) {
            piece.len() - piece.trim_start_matches(is_space).len()
        } else {
            0
        };
        let tail = if piece.chars().next_back().is_some_and(is_space) {
            piece.trim_end_matches(is_space).len()
        } else {
            piece.len()
        };
        if tail > lead {
            emit(a + lead, a + tail);
        }
    };
    let mut start = 0usize;
    let mut i = 0usize;
    loop {
        i = ends.next(base + i).min(base + s.len()) - base;
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let w = c.len_utf8();
        let ends = is_terminator(c) || {
            let prev = s[..i].chars().next_back();
            let next = s[i + w..].chars().next();
            dot_ends(prev, next)
        };
        i += w;
        if !ends {
            continue;
        }
        while let Some(c) = s[i..].chars().next()
            && (is_terminator(c) || is_closing(c))
        {
            i += c.len_utf8();
        }
        push(start, i, &mut emit);
        start = i;
    }
    push(start, s.len(), &mut emit);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(s, 0, &mut Ends::new(s), |a, b| out.push(&s[a..b]));
        out
    }

    /// The sentences found by visiting every char (what `split` must match).
    fn every_char(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut push = |a: usize, b: usize| {
            let piece = s[a..b].trim_matches(is_space);
            if !piece.is_empty() {
                out.push(piece);
            }
        };
        let (mut start, mut pending) = (0, false);
        for (i, c) in s.char_indices() {
            if pending {
                if is_terminator(c) || is_closing(c) {
                    continue;
                }
                push(start, i);
                (start, pending) = (i, false);
            }
            if is_terminator(c) {
                pending = true;
            } else if matches!(c, '.' | '．') {
                pending = dot_ends(
                    s[..i].chars().next_back(),
                    s[i + c.len_utf8()..].chars().next(),
                );
            }
        }
        push(start, s.len());
        out
    }

    #[test]
    fn matches_every_char() {
        for s in [
            "他说：“好。”我们走吧！对吗？",
            "增长1.5%。下一句，《书名》、（注）……然后‼再⁉ 完｡",
            "No. 1.加强。 ．．结束．甲．1．2 a.b. 。。」』】〉》〕〗）］)]'\"后",
            "“引号”‘单’「括」，、：；;:!?x ... end.",
            "　　缩进。 ",
            "",
            "。",
        ] {
            assert_eq!(pieces(s), every_char(s), "{s}");
        }
    }

    #[test]
    fn splits() {
        assert_eq!(
            pieces("他说：“好。”我们走吧！对吗？"),
            vec!["他说：“好。”", "我们走吧！", "对吗？"]
        );
        assert_eq!(pieces("增长1.5%。下一句"), vec!["增长1.5%。", "下一句"]);
        assert_eq!(pieces("1.加强领导。"), vec!["1.加强领导。"]);
        assert_eq!(pieces("等等……然后；再"), vec!["等等……", "然后；", "再"]);
        assert_eq!(pieces("　　缩进。 "), vec!["缩进。"]);
        assert_eq!(pieces("(作者系副主任)"), vec!["(作者系副主任)"]);
        assert!(pieces("   ").is_empty());
    }
}
