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

/// Bytes that can start a terminator or a `.`/`．`: ASCII `!?;.` and the lead bytes of the
/// three-byte forms (`…‼⁇⁈⁉` U+2000.., `。` U+3000.., `！？；．｡` U+FF00..). The text between
/// them (most ideographs) is skipped without decoding.
static ENDS: ByteSet = ByteSet::new(b"!?;.", [0xE2, 0xE3, 0xEF]);

/// The first place at or after `i` where a terminator or a `.`/`．` starts, or `s.len()`.
/// A three-byte char found by [`ENDS`] is decoded here (most are `，`, `、`, quotes and
/// brackets) and skipped when it is neither.
#[inline]
fn next_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        i = ENDS.next(bytes, i);
        match bytes.get(i..i + 3) {
            // `ENDS` holds the lead bytes of three-byte chars only (0xE2, 0xE3, 0xEF).
            Some(&[b0, b1, b2]) if b0 >= 0xE0 => {
                let code = (u32::from(b0 & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                if char::from_u32(code).is_some_and(|c| is_terminator(c) || c == '．') {
                    return i;
                }
                i += 3;
            }
            _ => return i,
        }
    }
}

/// Split `s` into sentences; calls `emit(start, end)` with byte ranges relative to `s`,
/// trimmed of spaces, never empty. A sentence ends after a terminator (or a `.` that is not
/// inside a number or a word) and the run of terminators and closing marks that follows it.
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
    let mut i = 0usize;
    loop {
        i = next_end(bytes, i);
        // `i` is a char boundary: `ENDS` holds ASCII and lead bytes only.
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
        split(s, |a, b| out.push(&s[a..b]));
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
