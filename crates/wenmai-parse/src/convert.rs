//! Traditional <-> Simplified Chinese through OpenCC's tables (`ferrous-opencc`), keeping
//! one char for one so that every offset in the converted text holds in the original.

use std::borrow::Cow;
use std::sync::OnceLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use crate::document::{Document, Span};

/// An OpenCC conversion, named as OpenCC names its configurations.
///
/// # Examples
/// ```
/// use wenmai_parse::Conversion;
/// let t2s = Conversion::from_name("t2s").unwrap();
/// assert_eq!(t2s.convert("國務院關於發展經濟的決定"), "国务院关于发展经济的决定");
/// assert_eq!(Conversion::from_name("s2t").unwrap().convert("发展经济"), "發展經濟");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conversion {
    /// Traditional to Simplified.
    T2s,
    /// Traditional (Taiwan standard) to Simplified.
    Tw2s,
    /// Traditional (Taiwan) to Simplified with Taiwan's words (`軟體` -> `软件`).
    Tw2sp,
    /// Traditional (Hong Kong standard) to Simplified.
    Hk2s,
    /// Simplified to Traditional.
    S2t,
    /// Simplified to Traditional (Taiwan standard).
    S2tw,
    /// Simplified to Traditional (Taiwan) with Taiwan's words.
    S2twp,
    /// Simplified to Traditional (Hong Kong standard).
    S2hk,
}

const ALL: [Conversion; 8] = [
    Conversion::T2s,
    Conversion::Tw2s,
    Conversion::Tw2sp,
    Conversion::Hk2s,
    Conversion::S2t,
    Conversion::S2tw,
    Conversion::S2twp,
    Conversion::S2hk,
];

impl Conversion {
    /// Every conversion's name, as [`from_name`](Self::from_name) takes them.
    pub const NAMES: [&'static str; 8] = [
        "t2s", "tw2s", "tw2sp", "hk2s", "s2t", "s2tw", "s2twp", "s2hk",
    ];

    /// The conversion OpenCC calls `name` (`"t2s"`, also `"t2s.json"`, any case).
    pub fn from_name(name: &str) -> Option<Self> {
        let n = name.trim().to_ascii_lowercase();
        let n = n.strip_suffix(".json").unwrap_or(&n);
        Self::NAMES.iter().position(|&x| x == n).map(|i| ALL[i])
    }

    /// Its OpenCC name.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    fn config(self) -> BuiltinConfig {
        match self {
            Self::T2s => BuiltinConfig::T2s,
            Self::Tw2s => BuiltinConfig::Tw2s,
            Self::Tw2sp => BuiltinConfig::Tw2sp,
            Self::Hk2s => BuiltinConfig::Hk2s,
            Self::S2t => BuiltinConfig::S2t,
            Self::S2tw => BuiltinConfig::S2tw,
            Self::S2twp => BuiltinConfig::S2twp,
            Self::S2hk => BuiltinConfig::S2hk,
        }
    }

    /// The converter, loaded once per process (the tables are compiled into the binary).
    fn opencc(self) -> &'static OpenCC {
        static LOADED: [OnceLock<OpenCC>; 8] = [const { OnceLock::new() }; 8];
        LOADED[self as usize].get_or_init(|| {
            OpenCC::from_config(self.config()).expect("the built-in OpenCC tables load")
        })
    }

    /// `text` converted, with exactly as many chars as `text`: OpenCC's result where it keeps
    /// the length (nearly always); where a phrase would change it, that run is converted
    /// char by char.
    ///
    /// # Examples
    /// ```
    /// let t2s = wenmai_parse::Conversion::T2s;
    /// let (t, s) = ("臺灣的經濟發展。", t2s.convert("臺灣的經濟發展。"));
    /// assert_eq!(s, "台湾的经济发展。");
    /// assert_eq!(s.chars().count(), t.chars().count());
    /// assert!(matches!(t2s.convert("abc"), std::borrow::Cow::Borrowed(_)));
    /// ```
    pub fn convert(self, text: &str) -> Cow<'_, str> {
        // Nothing to convert in ASCII; OpenCC's tables hold only CJK keys.
        if text.is_ascii() {
            return Cow::Borrowed(text);
        }
        let cc = self.opencc();
        let out = cc.convert(text);
        if out == text {
            return Cow::Borrowed(text);
        }
        if out.chars().count() == text.chars().count() {
            return Cow::Owned(out);
        }
        // Rare: some phrase changed length. Runs between non-letters convert alike (the
        // tables hold no punctuation); a run whose length changes goes char by char.
        let mut kept = String::with_capacity(out.len());
        let mut run_start = 0;
        let flush = |run: &str, kept: &mut String| {
            if run.is_empty() {
                return;
            }
            let c = cc.convert(run);
            if c.chars().count() == run.chars().count() {
                kept.push_str(&c);
                return;
            }
            let mut buf = [0u8; 4];
            for ch in run.chars() {
                let one = cc.convert(ch.encode_utf8(&mut buf));
                let mut chars = one.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => kept.push(c),
                    _ => kept.push(ch),
                }
            }
        };
        for (i, ch) in text.char_indices() {
            if !ch.is_alphanumeric() {
                flush(&text[run_start..i], &mut kept);
                kept.push(ch);
                run_start = i + ch.len_utf8();
            }
        }
        flush(&text[run_start..], &mut kept);
        Cow::Owned(kept)
    }
}

impl std::fmt::Display for Conversion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A document parsed from converted text, put back on the original text: `parsed.text`
/// and `original` have the same chars, so every char offset holds and the byte offsets
/// are recomputed. The metadata strings (title, source, …) stay converted.
pub(crate) fn restore_original(mut parsed: Document, original: String) -> Document {
    // Byte offset of every char boundary of the original, indexed by char.
    let mut bytes: Vec<usize> = original.char_indices().map(|(b, _)| b).collect();
    bytes.push(original.len());
    if bytes.len() != parsed.text.chars().count() + 1 {
        return parsed; // not aligned (cannot happen with `Conversion::convert`): keep it converted
    }
    let fix = |s: &mut Span| {
        s.start = bytes[s.char_start.min(bytes.len() - 1)];
        s.end = bytes[s.char_end.min(bytes.len() - 1)];
    };
    let body_char = parsed
        .text
        .get(..parsed.body_start)
        .map_or(0, |t| t.chars().count());
    parsed.body_start = bytes[body_char.min(bytes.len() - 1)];
    for d in &mut parsed.meta.dates {
        fix(&mut d.span);
    }
    for s in &mut parsed.sections {
        fix(&mut s.heading_span);
        fix(&mut s.span);
    }
    for p in &mut parsed.points {
        fix(&mut p.span);
    }
    for p in &mut parsed.paragraphs {
        fix(&mut p.span);
    }
    for s in &mut parsed.sentences {
        fix(&mut s.span);
    }
    parsed.text = original;
    parsed
}

/// Parse `text` as [`crate::parse`] does, after converting it: outline, points, dates and
/// sentences are found on the converted text, and every span points into `text`.
///
/// # Examples
/// ```
/// use wenmai_parse::{Conversion, parse_converted};
/// let doc = parse_converted("國務院關於發展經濟的決定\n第一條 總則。", Conversion::T2s);
/// assert_eq!(doc.meta.title.as_deref(), Some("国务院关于发展经济的决定"));
/// assert_eq!(doc.slice(doc.sentences[1].span), "第一條 總則。");
/// ```
pub fn parse_converted(text: &str, conversion: Conversion) -> Document {
    let text = crate::decode::normalize_newlines(Cow::Borrowed(text)).into_owned();
    parse_normalized_converted(text, Some(conversion))
}

/// [`crate::parser::parse_normalized`] on the converted text, its spans put on `text`.
pub(crate) fn parse_normalized_converted(text: String, conversion: Option<Conversion>) -> Document {
    let Some(conversion) = conversion else {
        return crate::parser::parse_normalized(text);
    };
    match conversion.convert(&text) {
        Cow::Borrowed(_) => crate::parser::parse_normalized(text),
        Cow::Owned(converted) => restore_original(crate::parser::parse_normalized(converted), text),
    }
}
