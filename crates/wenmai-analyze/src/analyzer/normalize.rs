//! What happens to a token before it is a term: NFKC width folding, ASCII lowercase, the
//! built-in stop words, and the classes of punctuation, numbers and sentence ends.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The built-in Chinese stopword list (the `stop-words` crate's `zh` list, ISO source).
///
/// # Examples
/// ```
/// assert!(wenmai_analyze::analyzer::chinese_stopwords().contains("的"));
/// ```
pub fn chinese_stopwords() -> &'static HashSet<String> {
    static ZH: LazyLock<HashSet<String>> = LazyLock::new(|| {
        stop_words::get("zh")
            .iter()
            .map(|w| normalize_term(w).into_owned())
            .collect()
    });
    &ZH
}

/// NFKC width folding and ASCII lowercase (`２０２４` -> `2024`, `ＡＢＣ` -> `abc`); borrows when
/// nothing changes.
///
/// # Examples
/// ```
/// use wenmai_analyze::analyzer::normalize_term;
/// assert_eq!(normalize_term("２０２４年"), "2024年");
/// assert_eq!(normalize_term("ＧＤＰ"), "gdp");
/// assert!(matches!(normalize_term("经济"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn normalize_term(token: &str) -> Cow<'_, str> {
    // CJK Unified Ideographs have no compatibility decomposition: most tokens need no lookup.
    let plain = token
        .chars()
        .all(|c| c.is_ascii() || matches!(c, '\u{4E00}'..='\u{9FFF}'));
    let folded: Cow<'_, str> = if plain || is_nfkc_quick(token.chars()) == IsNormalized::Yes {
        Cow::Borrowed(token)
    } else {
        Cow::Owned(token.nfkc().collect())
    };
    if folded.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(folded.to_ascii_lowercase())
    } else {
        folded
    }
}

/// Full-width forms of the characters jieba keeps together in ASCII (letters, digits and
/// `+#&._%-`): `２０２４` is cut as one word only once it is `2024`. Full-width punctuation is
/// left alone (it is cut char by char either way).
#[inline]
pub(crate) fn is_foldable(c: char) -> bool {
    matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}'
        | '＋' | '＃' | '＆' | '．' | '＿' | '％' | '－')
}

/// Whether `s` has an [`is_foldable`] character: they are all `EF BC xx` / `EF BD xx` in UTF-8,
/// so only the (SIMD-searched) `0xEF` bytes need a look.
#[inline]
pub(super) fn has_foldable(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xEF, b).any(|i| {
        i + 2 < b.len() && {
            let cp = 0xF000 | (u32::from(b[i + 1] & 0x3F) << 6) | u32::from(b[i + 2] & 0x3F);
            char::from_u32(cp).is_some_and(is_foldable)
        }
    })
}

/// [`is_foldable`] characters to ASCII.
pub(super) fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_foldable(c) {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// Whether a token has no letter or digit (punctuation, symbols, whitespace).
#[inline]
pub(super) fn is_punct_or_space(token: &str) -> bool {
    !token.chars().any(char::is_alphanumeric)
}

/// Whether a token is a pure number (`2024`, `3.5`, `１２`, `50%`).
#[inline]
pub(super) fn is_number(token: &str) -> bool {
    token.chars().any(char::is_numeric)
        && token
            .chars()
            .all(|c| c.is_numeric() || matches!(c, '.' | ',' | '%' | '．' | '，' | '％'))
}

/// Tokens that end a sentence when text is analysed without a parsed document.
#[inline]
pub(super) fn ends_sentence(token: &str) -> bool {
    matches!(
        token,
        "。" | "！" | "？" | "!" | "?" | "；" | "…" | "\n" | "\r\n"
    )
}
