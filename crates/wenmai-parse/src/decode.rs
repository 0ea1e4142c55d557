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
}

/// Decode bytes into text.
///
/// A BOM (UTF-8, UTF-16LE/BE) decides the encoding; otherwise valid UTF-8 is UTF-8, and
/// anything else is given to `chardetng`, whose guess (GBK for most Chinese legacy files,
/// decoded as its superset GB18030) is used. Input that is UTF-8 apart from a few broken
/// sequences is reported as broken UTF-8, not re-guessed. CRLF and lone CR become LF.
///
/// # Errors
/// [`DecodeError::Malformed`] with the byte offset of the first invalid byte (unless
/// [`Errors::Replace`]), [`DecodeError::UnknownEncoding`] for an unknown label,
/// [`DecodeError::Binary`] for bytes without BOM or label that contain a NUL byte (unless
/// [`Errors::Replace`]).
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
                // Binary junk would otherwise come back as windows-1252 "text".
                if opts.errors == Errors::Strict
                    && let Some(offset) = memchr::memchr(0, bytes)
                {
                    return Err(DecodeError::Binary { offset });
                }
                // Valid UTF-8 (most files) is validated once here, not again by
                // `decode_strict`.
                if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
                    return Ok(utf8_decoded(Cow::Borrowed(text)));
                }
                (detect(bytes), 0)
            }
        },
    };
    let body = &bytes[bom_len..];
    let (text, replaced) = match opts.errors {
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
    })
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
    }
}

/// The encoding of BOM-less bytes that are not valid UTF-8: UTF-8 when nearly so, else
/// `chardetng`'s guess.
fn detect(bytes: &[u8]) -> &'static Encoding {
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
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    // GB18030 is a superset of GBK: decode with it so that four-byte sequences work too.
    if guess == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        guess
    }
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
}
