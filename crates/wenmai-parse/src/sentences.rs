//! Sentence boundaries inside a paragraph.

use crate::text::{ByteSet, digit_value, is_space};

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

/// Bytes that can start a terminator or a closing mark: ASCII `!?;.)]'"` and the lead
/// bytes of the three-byte forms (`…‼”’` U+2000.., `。」』】` U+3000.., `！？；．）］`
/// U+FF00..). The text between them (most ideographs) is skipped without decoding.
static INTERESTING: ByteSet = ByteSet::new(b"!?;.)]'\"", [0xE2, 0xE3, 0xEF]);

/// Split `s` into sentences; calls `emit(start, end)` with byte ranges relative to `s`,
/// trimmed of spaces, never empty.
pub(crate) fn split(s: &str, mut emit: impl FnMut(usize, usize)) {
    let bytes = s.as_bytes();
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
    let mut pending = false;
    let mut i = 0usize;
    loop {
        let next = INTERESTING.next(bytes, i);
        // The char at `i` ends a run of terminators and closing marks.
        if pending && next > i {
            push(start, i, &mut emit);
            start = i;
            pending = false;
        }
        // `next` is a char boundary: the set holds ASCII and lead bytes only.
        i = next;
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let w = c.len_utf8();
        if pending {
            if is_terminator(c) || is_closing(c) {
                i += w;
                continue;
            }
            push(start, i, &mut emit);
            start = i;
            pending = false;
        }
        if is_terminator(c) {
            pending = true;
        } else if matches!(c, '.' | '．') {
            let prev = s[..i].chars().next_back();
            let next = s[i + w..].chars().next();
            pending = dot_ends(prev, next);
        }
        i += w;
    }
    push(start, s.len(), &mut emit);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(s, |a, b| out.push(&s[a..b]));
        out
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
