//! jieba 0.42.1's character classes and the splits made with them: which characters form a
//! block that the route cuts (`re_han_default`, `re_han_internal`, `re_han_detail`), and how
//! runs outside blocks are split (`re_skip`).

/// jieba's `re_han_default`: `[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]`.
#[inline]
pub fn is_han_default(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// jieba's `re_han_detail` (and `finalseg.re_han`): `[\u4E00-\u9FD5]`.
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FD5}')
}

/// jieba's `posseg.re_han_internal`: `[\u4E00-\u9FD5a-zA-Z0-9+#&\._]`.
#[inline]
pub(crate) fn is_han_internal(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_')
}

/// Characters jieba-rs keeps in a block that jieba does not (so the whole text cannot be
/// handed to jieba-rs in one piece).
#[inline]
pub(crate) fn is_extra_han(c: char) -> bool {
    !is_han_default(c) && c as u32 >= 0x3400 && {
        matches!(c,
            '\u{9FD6}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}')
    }
}

/// Python's `bytes.strip()` whitespace.
pub(crate) fn strip_ascii_ws(b: &[u8]) -> &[u8] {
    let is_ws = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = b.iter().position(|c| !is_ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !is_ws(c)).map_or(start, |e| e + 1);
    &b[start..end]
}

/// Split an ASCII run the HMM produced as `finalseg.re_skip.split` does, keeping non-empty parts.
pub(crate) fn split_finalseg_skip<'a>(s: &'a str, mut emit: impl FnMut(&'a str, usize)) {
    let b = s.as_bytes();
    let mut pos = 0;
    while pos < b.len() {
        let Some(off) = b[pos..].iter().position(u8::is_ascii_alphanumeric) else {
            emit(&s[pos..], pos);
            return;
        };
        let m = pos + off;
        if m > pos {
            emit(&s[pos..m], pos);
        }
        let mut e = m;
        while e < b.len() && b[e].is_ascii_alphanumeric() {
            e += 1;
        }
        if e + 1 < b.len() && b[e] == b'.' && b[e + 1].is_ascii_digit() {
            e += 1;
            while e < b.len() && b[e].is_ascii_digit() {
                e += 1;
            }
        }
        if e < b.len() && b[e] == b'%' {
            e += 1;
        }
        emit(&s[m..e], m);
        pos = e;
    }
}

/// Emit `block` char by char (`\r\n` as one), as jieba does outside `re_han` blocks.
pub(crate) fn emit_chars<'a>(block: &'a str, base: usize, emit: &mut impl FnMut(&'a str, usize)) {
    let mut it = block.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\r' && matches!(it.peek(), Some((_, '\n'))) {
            it.next();
            emit(&block[i..i + 2], base + i);
        } else {
            emit(&block[i..i + c.len_utf8()], base + i);
        }
    }
}

/// Maximal runs of `class` and of its complement: `(run, byte offset, in_class)`.
pub(crate) fn runs(
    text: &str,
    class: impl Fn(char) -> bool,
) -> impl Iterator<Item = (&str, usize, bool)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let first = rest.chars().next()?;
        let inside = class(first);
        let len = rest
            .find(|c: char| class(c) != inside)
            .unwrap_or(rest.len());
        let start = pos;
        pos += len;
        Some((&text[start..start + len], start, inside))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finalseg_skip_split() {
        let mut v = Vec::new();
        split_finalseg_skip("v1.2.3", |p, _| v.push(p));
        assert_eq!(v, ["v1.2", ".", "3"]);
        v.clear();
        split_finalseg_skip("2011-2020", |p, _| v.push(p));
        assert_eq!(v, ["2011", "-", "2020"]);
        v.clear();
        split_finalseg_skip("12.5%", |p, _| v.push(p));
        assert_eq!(v, ["12.5%"]);
    }
}
