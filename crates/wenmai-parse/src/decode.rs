//! Bytes to text: BOM sniffing, UTF-8 validation, GB18030/GBK and other legacy encodings
//! detected by `chardetng`, decoding by `encoding_rs`, and CRLF/CR folded to LF.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use crate::error::DecodeError;

/// What to do with bytes that are invalid in the encoding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Errors {
    /// Fail with [`DecodeError::Malformed`] naming the byte offset (the default).
    #[default]
    Strict,
    /// Replace each invalid sequence with U+FFFD and report it in [`Decoded::replaced`].
    Replace,
}

/// How to decode bytes.
///
/// # Examples
/// ```
/// use wenmai_parse::{DecodeOptions, Errors};
/// let opts = DecodeOptions::default().with_encoding("gbk").with_errors(Errors::Replace);
/// assert_eq!(opts.encoding.as_deref(), Some("gbk"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// An encoding label (`utf-8`, `gbk`, `gb18030`, `utf-16le`, … as in the WHATWG Encoding
    /// Standard); `None` detects it.
    pub encoding: Option<String>,
    /// What to do with invalid bytes.
    pub errors: Errors,
}

impl DecodeOptions {
    /// Use the encoding with this label instead of detecting one.
    ///
    /// # Examples
    /// ```
    /// let opts = wenmai_parse::DecodeOptions::default().with_encoding("gb18030");
    /// assert_eq!(opts.encoding.as_deref(), Some("gb18030"));
    /// ```
    pub fn with_encoding(mut self, label: impl Into<String>) -> Self {
        self.encoding = Some(label.into());
        self
    }

    /// Choose what happens to invalid bytes.
    ///
    /// # Examples
    /// ```
    /// use wenmai_parse::{DecodeOptions, Errors};
    /// assert_eq!(DecodeOptions::default().with_errors(Errors::Replace).errors, Errors::Replace);
    /// ```
    pub fn with_errors(mut self, errors: Errors) -> Self {
        self.errors = errors;
        self
    }
}

/// Decoded text and how it was decoded.
///
/// # Examples
/// ```
/// use wenmai_parse::{decode, DecodeOptions};
/// let d = decode("标题\r\n正文".as_bytes(), &DecodeOptions::default()).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding, d.replaced), ("标题\n正文", "UTF-8", false));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with LF line ends and without a byte order mark.
    pub text: String,
    /// The name of the encoding used (`UTF-8`, `UTF-16LE`, `gb18030`, `GBK`, …).
    pub encoding: &'static str,
    /// Whether invalid bytes were replaced with U+FFFD (only with [`Errors::Replace`]).
    pub replaced: bool,
    /// Whether the input started with a byte order mark.
    pub bom: bool,
    /// Whether the encoding was guessed from too little evidence (a few non-ASCII
    /// characters, no BOM, no label): the text may be in the wrong script.
    pub unsure: bool,
}

/// Decode bytes into text.
///
/// A BOM (UTF-8, UTF-16LE/BE) decides the encoding; otherwise valid UTF-8 is UTF-8, UTF-16
/// without a BOM is recognised by its NUL bytes on one side of each pair (ASCII characters),
/// and anything else is given to `chardetng`, whose guess (GBK for most Chinese legacy files,
/// decoded as its superset GB18030) is used. Input that is UTF-8 apart from a few broken
/// sequences is reported as broken UTF-8, not re-guessed. With at most
/// [`SURE_CHARS`] non-ASCII characters the guess is [`Decoded::unsure`], and GB18030 is
/// preferred when it reads the bytes as Chinese (CJK characters and punctuation only).
/// CRLF and lone CR become LF.
///
/// # Errors
/// [`DecodeError::Malformed`] with the byte offset of the first invalid byte (unless
/// [`Errors::Replace`]), [`DecodeError::UnknownEncoding`] for an unknown label,
/// [`DecodeError::Binary`] for bytes without BOM or label that contain a NUL byte and are
/// not UTF-16, [`DecodeError::Utf16WithoutBom`] for NUL bytes that look like UTF-16 but do
/// not decode as it, [`DecodeError::NotText`] for detected text full of control characters
/// (random bytes); the last three only with [`Errors::Strict`].
///
/// # Examples
/// ```
/// use wenmai_parse::{decode, DecodeOptions};
/// let (gbk, _, _) = encoding_rs::GBK.encode("中华人民共和国政府工作报告");
/// let d = decode(&gbk, &DecodeOptions::default()).unwrap();
/// assert_eq!(d.text, "中华人民共和国政府工作报告");
/// assert_eq!(d.encoding, "gb18030");
/// ```
pub fn decode(bytes: &[u8], opts: &DecodeOptions) -> Result<Decoded, DecodeError> {
    let (encoding, bom_len) = match &opts.encoding {
        Some(label) => {
            let enc = encoding_for_label(label).ok_or_else(|| DecodeError::UnknownEncoding {
                label: label.clone(),
            })?;
            let bom = match Encoding::for_bom(bytes) {
                Some((b, len)) if b == enc => len,
                _ => 0,
            };
            (enc, bom)
        }
        None => match Encoding::for_bom(bytes) {
            Some((enc, len)) => (enc, len),
            None => {
                if let Some(offset) = memchr::memchr(0, bytes) {
                    match utf16_without_bom(bytes) {
                        Utf16::Clearly(enc) => {
                            return decode_known(enc, bytes, 0, opts.errors, false);
                        }
                        Utf16::Looks(le) if opts.errors == Errors::Strict => {
                            return Err(DecodeError::Utf16WithoutBom { le });
                        }
                        // Binary junk would otherwise come back as windows-1252 "text".
                        _ if opts.errors == Errors::Strict => {
                            return Err(DecodeError::Binary { offset });
                        }
                        _ => {}
                    }
                }
                // Valid UTF-8 (most files) is validated once here, not again by
                // `decode_strict`.
                if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
                    // A few non-CJK characters that GB18030 reads as Chinese: `通知` in GBK
                    // is valid UTF-8 (`֪ͨ`).
                    if few_non_ascii(text) && !plausible_utf8(text) && reads_as_chinese(bytes) {
                        return decode_known(encoding_rs::GB18030, bytes, 0, opts.errors, true);
                    }
                    return Ok(utf8_decoded(Cow::Borrowed(text)));
                }
                let (enc, unsure) = detect(bytes);
                let decoded = decode_known(enc, bytes, 0, opts.errors, unsure)?;
                if opts.errors == Errors::Strict
                    && let Some(offset) = not_text(&decoded.text)
                {
                    return Err(DecodeError::NotText {
                        offset,
                        encoding: enc.name(),
                    });
                }
                return Ok(decoded);
            }
        },
    };
    decode_known(encoding, bytes, bom_len, opts.errors, false)
}

/// Decode with a known encoding, after a BOM of `bom_len` bytes.
fn decode_known(
    encoding: &'static Encoding,
    bytes: &[u8],
    bom_len: usize,
    errors: Errors,
    unsure: bool,
) -> Result<Decoded, DecodeError> {
    let body = &bytes[bom_len..];
    let (text, replaced) = match errors {
        Errors::Strict => (decode_strict(encoding, body)?, false),
        Errors::Replace => {
            let (cow, had_errors) = encoding.decode_without_bom_handling(body);
            (cow, had_errors)
        }
    };
    Ok(Decoded {
        text: normalize_newlines(text).into_owned(),
        encoding: encoding.name(),
        replaced,
        bom: bom_len > 0,
        unsure,
    })
}

/// Fewer non-ASCII characters than this (in the detected encoding) are too little evidence
/// for a detector: the guess is [`Decoded::unsure`].
pub const SURE_CHARS: usize = 10;

/// What NUL bytes without a BOM say about UTF-16.
enum Utf16 {
    /// UTF-16 (LE or BE): NULs on one side of the pairs, and the bytes decode to text.
    Clearly(&'static Encoding),
    /// NULs on one side, but not valid UTF-16 text: `true` for little-endian.
    Looks(bool),
    /// Not UTF-16.
    No,
}

/// UTF-16 text of ASCII and Chinese has a NUL in every ASCII character's high byte (odd
/// positions for LE, even for BE) and almost none on the other side.
fn utf16_without_bom(bytes: &[u8]) -> Utf16 {
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let pairs = bytes.len() / 2;
    let (le, many, few) = if odd >= even {
        (true, odd, even)
    } else {
        (false, even, odd)
    };
    // One side: at least a tenth of the characters ASCII, the other side's NULs rare
    // (U+4E00 and the like have a NUL low byte).
    if many < pairs.div_ceil(10).max(1) || few * 8 > many {
        return Utf16::No;
    }
    let enc = if le {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let clean = bytes.len() % 2 == 0
        && enc
            .decode_without_bom_handling_and_without_replacement(bytes)
            // Not one control character: `\0\x01` is U+0001, not text.
            .is_some_and(|t| {
                !t.chars()
                    .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
            });
    match (clean, many >= 4) {
        (true, _) => Utf16::Clearly(enc),
        // A NUL or two say little: binary data.
        (false, false) => Utf16::No,
        (false, true) => Utf16::Looks(le),
    }
}

/// The char offset of the first control character, when text has so many (more than 2%
/// and at least 2) that it is bytes decoded as text: random bytes are 11% C0 controls.
fn not_text(text: &str) -> Option<usize> {
    let control = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1a' | '\x1b'))
            || c == '\u{fffd}'
    };
    let (mut n, mut bad, mut first) = (0usize, 0usize, None);
    for (i, c) in text.chars().enumerate() {
        n += 1;
        if control(c) {
            bad += 1;
            first.get_or_insert(i);
        }
    }
    (bad >= 2 && bad * 50 > n).then_some(first.unwrap_or(0))
}

/// The encoding of a WHATWG label, or of one of Python's codec names that WHATWG lacks
/// (`utf-16-le`, `cp936`, `utf_8`…), so that a label a Python user writes works.
fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    if let Some(enc) = Encoding::for_label(label.as_bytes()) {
        return Some(enc);
    }
    let python = label.to_ascii_lowercase().replace('_', "-");
    let whatwg = match python.as_str() {
        "utf-16-le" | "utf16le" | "utf16-le" => "utf-16le",
        "utf-16-be" | "utf16be" | "utf16-be" => "utf-16be",
        "cp936" | "ms936" | "936" | "euc-cn" | "euccn" => "gbk",
        "cp950" | "ms950" | "950" | "big5hkscs" => "big5",
        "u8" | "utf" | "utf-8-sig" | "utf8-sig" => "utf-8",
        "gb-18030" | "gb18030-2000" => "gb18030",
        "shift-jis" | "sjis" | "cp932" | "ms932" => "shift_jis",
        "cp949" | "uhc" | "ms949" => "euc-kr",
        "latin-1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "l-1" => "latin1",
        "utf-16" | "utf16" => "utf-16le",
        other => other,
    };
    Encoding::for_label(whatwg.as_bytes())
}

/// Decoded BOM-less valid UTF-8 (what [`decode`] returns for it with either [`Errors`]).
fn utf8_decoded(text: Cow<'_, str>) -> Decoded {
    Decoded {
        text: normalize_newlines(text).into_owned(),
        encoding: UTF_8.name(),
        replaced: false,
        bom: false,
        unsure: false,
    }
}

/// The encoding of BOM-less bytes that are not valid UTF-8 (UTF-8 when nearly so, else
/// `chardetng`'s guess), and whether it is unsure (see [`decode`]).
fn detect(bytes: &[u8]) -> (&'static Encoding, bool) {
    // Mostly-valid UTF-8 with a few broken sequences is broken UTF-8, not GBK: legacy
    // double-byte text almost never forms valid multi-byte UTF-8 sequences.
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    if multibyte >= 4 * invalid && multibyte > 0 {
        return (UTF_8, false);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    // GB18030 is a superset of GBK: decode with it so that four-byte sequences work too.
    let guess = if guess == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        guess
    };
    let few = |enc: &'static Encoding| {
        enc.decode_without_bom_handling_and_without_replacement(bytes)
            .map(|t| few_non_ascii(&t))
    };
    match few(guess) {
        Some(false) => (guess, false),
        // A short text: Chinese first, when GB18030 reads it as Chinese.
        _ if reads_as_chinese(bytes) => (encoding_rs::GB18030, true),
        _ => (guess, true),
    }
}

/// Whether text has at most [`SURE_CHARS`] non-ASCII characters.
fn few_non_ascii(text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_ascii())
        .take(SURE_CHARS + 1)
        .count()
        <= SURE_CHARS
}

/// Whether text is CJK characters and punctuation (and ASCII) only.
fn is_chinese(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii()
            || crate::text::is_han(c)
            || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '\u{2010}'..='\u{2027}')
    })
}

/// Whether short valid UTF-8 reads as text of one script: Chinese, or letters of one
/// alphabet with their marks after them, and symbols. GBK pairs that happen to be UTF-8 give
/// marks after nothing and mixed scripts (`通知` gives a Hebrew accent, then a Latin mark).
fn plausible_utf8(text: &str) -> bool {
    // Any CJK character or punctuation: UTF-8 Chinese with some foreign words.
    if text
        .chars()
        .any(|c| !c.is_ascii() && is_chinese(c.encode_utf8(&mut [0; 4])))
    {
        return true;
    }
    #[derive(PartialEq, Clone, Copy)]
    enum Script {
        Latin,
        Greek,
        Cyrillic,
        Armenian,
        Hebrew,
        Arabic,
    }
    let script = |c: char| match c as u32 {
        0x41..=0x5a | 0x61..=0x7a | 0xc0..=0x24f | 0x1e00..=0x1eff => Some(Script::Latin),
        0x370..=0x3ff => Some(Script::Greek),
        0x400..=0x52f => Some(Script::Cyrillic),
        0x531..=0x58f => Some(Script::Armenian),
        0x5d0..=0x5f4 => Some(Script::Hebrew),
        0x600..=0x64a | 0x660..=0x66f | 0x671..=0x6ff => Some(Script::Arabic),
        _ => None,
    };
    // A mark and the script of the letter it must follow.
    let mark = |c: char| match c as u32 {
        0x300..=0x36f => Some(None),
        0x591..=0x5c7 => Some(Some(Script::Hebrew)),
        0x64b..=0x65f | 0x670 => Some(Some(Script::Arabic)),
        _ => None,
    };
    let (mut seen, mut prev): (Option<Script>, Option<Script>) = (None, None);
    for c in text.chars() {
        if let Some(needs) = mark(c) {
            match (prev, needs) {
                (Some(p), Some(n)) if p == n => {}
                (Some(_), None) => {}
                _ => return false,
            }
            continue;
        }
        prev = script(c);
        if let Some(sc) = prev
            && !c.is_ascii()
        {
            if seen.is_some_and(|s| s != sc) {
                return false;
            }
            seen = Some(sc);
        }
        if c.is_control() || matches!(c as u32, 0x700..=0x1dff) && prev.is_none() {
            return false;
        }
    }
    true
}

/// Whether GB18030 decodes the bytes to Chinese ([`is_chinese`], with a Han character).
fn reads_as_chinese(bytes: &[u8]) -> bool {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some_and(|t| is_chinese(&t) && t.chars().any(crate::text::is_han))
}

fn decode_strict<'a>(
    encoding: &'static Encoding,
    bytes: &'a [u8],
) -> Result<Cow<'a, str>, DecodeError> {
    if encoding == UTF_8 {
        return simdutf8::compat::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|e| DecodeError::Malformed {
                offset: e.valid_up_to(),
                encoding: UTF_8.name(),
            });
    }
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text);
    }
    Err(DecodeError::Malformed {
        offset: first_malformed(encoding, bytes),
        encoding: encoding.name(),
    })
}

/// Byte offset of the first malformed sequence (the input is known to hold one).
fn first_malformed(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(4096);
    let mut consumed = 0usize;
    loop {
        out.clear();
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[consumed..], &mut out, true);
        consumed += read;
        match result {
            DecoderResult::Malformed(bad, after) => {
                return consumed.saturating_sub(usize::from(bad) + usize::from(after));
            }
            DecoderResult::OutputFull => continue,
            DecoderResult::InputEmpty => return consumed,
        }
    }
}

/// CRLF and lone CR to LF, borrowing when there is nothing to change.
pub(crate) fn normalize_newlines(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if rest.as_bytes().first() == Some(&b'\n') {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_codec_names() {
        for (label, name) in [
            ("utf-16-le", "UTF-16LE"),
            ("UTF_16_BE", "UTF-16BE"),
            ("cp936", "GBK"),
            ("gbk", "GBK"),
            ("big5", "Big5"),
            ("cp950", "Big5"),
            ("utf_8", "UTF-8"),
            ("utf-8-sig", "UTF-8"),
        ] {
            assert_eq!(
                encoding_for_label(label).map(|e| e.name()),
                Some(name),
                "{label}"
            );
        }
        assert!(encoding_for_label("no-such-codec").is_none());
        let d = decode(
            &[0x1a, 0x90, 0xe5, 0x77],
            &DecodeOptions::default().with_encoding("utf-16-le"),
        );
        assert_eq!(d.unwrap().text, "通知");
    }

    #[test]
    fn more_python_names() {
        for (label, name) in [
            ("utf8", "UTF-8"),
            ("gb2312", "GBK"),
            ("latin-1", "windows-1252"),
            ("Latin_1", "windows-1252"),
            ("utf-16-be", "UTF-16BE"),
        ] {
            assert_eq!(
                encoding_for_label(label).map(|e| e.name()),
                Some(name),
                "{label}"
            );
        }
    }

    #[test]
    fn short_gbk_is_chinese_and_unsure() {
        let (gbk, _, _) = encoding_rs::GBK.encode("通知");
        let d = decode(&gbk, &DecodeOptions::default()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.unsure),
            ("通知", "gb18030", true)
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("关于做好二〇二五年春节期间安全生产工作的通知");
        let d = decode(&gbk, &DecodeOptions::default()).unwrap();
        assert!(!d.unsure);
        assert_eq!(d.text, "关于做好二〇二五年春节期间安全生产工作的通知");
        let d = decode("通知".as_bytes(), &DecodeOptions::default()).unwrap();
        assert!(!d.unsure);
        // GBK bytes that are valid UTF-8 too (`֪ͨ`): Chinese first.
        let d = decode(&[0xcd, 0xa8, 0xd6, 0xaa], &DecodeOptions::default()).unwrap();
        assert_eq!((d.text.as_str(), d.unsure), ("通知", true));
        for text in ["café", "привет", "£5", "naïve résumé", "שָׁלוֹם", "À。aΣ"]
        {
            let d = decode(text.as_bytes(), &DecodeOptions::default()).unwrap();
            assert_eq!((d.text.as_str(), d.unsure), (text, false));
        }
    }

    #[test]
    fn random_bytes_are_not_text() {
        // A fixed pseudo-random sequence without NUL.
        let mut x = 0x2545_f491_u32;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x % 255 + 1) as u8
            })
            .collect();
        let err = decode(&bytes, &DecodeOptions::default()).unwrap_err();
        assert!(
            matches!(
                err,
                DecodeError::NotText { .. } | DecodeError::Malformed { .. }
            ),
            "{err:?}"
        );
        assert!(
            decode(
                &bytes,
                &DecodeOptions::default().with_errors(Errors::Replace)
            )
            .is_ok()
        );
        // Latin text with a DOS end-of-file byte is still text.
        let d = decode(
            b"caf\xe9 cr\xe8me br\xfbl\xe9e, na\xefve r\xe9sum\xe9\x1a",
            &DecodeOptions::default(),
        );
        assert!(d.is_ok(), "{d:?}");
    }

    #[test]
    fn utf16_without_bom() {
        let le: Vec<u8> = "标题\n\n第一条 正文。Article 1.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "标题\n\n第一条 正文。Article 1.\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let d = decode(&le, &DecodeOptions::default()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("标题\n\n第一条 正文。Article 1.\n", "UTF-16LE")
        );
        assert_eq!(
            decode(&be, &DecodeOptions::default()).unwrap().encoding,
            "UTF-16BE"
        );
        let d = decode(&le, &DecodeOptions::default().with_encoding("utf-16-le")).unwrap();
        assert_eq!(d.text, "标题\n\n第一条 正文。Article 1.\n");
        // An odd length: not valid UTF-16, but it looks like it.
        let err = decode(&le[..le.len() - 1], &DecodeOptions::default()).unwrap_err();
        assert!(err.to_string().contains("encoding='utf-16-le'"), "{err}");
        // NULs everywhere: binary.
        let err = decode(&[0, 0, 0, 0, 1, 2], &DecodeOptions::default()).unwrap_err();
        assert!(matches!(err, DecodeError::Binary { .. }), "{err:?}");
        // One NUL before a control byte: binary, not UTF-16BE.
        let err = decode(b"\x00\x01binary", &DecodeOptions::default()).unwrap_err();
        assert!(matches!(err, DecodeError::Binary { .. }), "{err:?}");
    }
}
