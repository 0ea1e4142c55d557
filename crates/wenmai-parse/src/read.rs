//! A file to a [`Document`]: read the bytes, decode them, extract the text of HTML, parse.

use std::borrow::Cow;
use std::path::Path;

use crate::convert::{Conversion, parse_normalized_converted};
use crate::decode::{DecodeOptions, Errors, decode, normalize_newlines};
use crate::document::Document;
use crate::docx::docx_to_text;
use crate::error::Error;
use crate::html::html_to_text;
use crate::pdf::pdf_to_text;

/// Whether to treat a file as HTML.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum HtmlMode {
    /// HTML when the extension is `.html`, `.htm` or `.xhtml` (the default).
    #[default]
    Auto,
    /// Always HTML.
    Always,
    /// Never HTML: plain text.
    Never,
}

/// How to read a file.
///
/// # Examples
/// ```
/// use wenmai_parse::{Errors, HtmlMode, ReadOptions};
/// let opts = ReadOptions::default().with_encoding("gbk").with_errors(Errors::Replace).with_html(HtmlMode::Never);
/// assert_eq!(opts.html, HtmlMode::Never);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// An encoding label; `None` detects it.
    pub encoding: Option<String>,
    /// What to do with invalid bytes.
    pub errors: Errors,
    /// Whether the file is HTML.
    pub html: HtmlMode,
    /// A Traditional/Simplified conversion the parser reads through (spans stay on the
    /// original text).
    pub convert: Option<Conversion>,
}

impl ReadOptions {
    /// Use the encoding with this label instead of detecting one.
    ///
    /// # Examples
    /// ```
    /// let opts = wenmai_parse::ReadOptions::default().with_encoding("utf-8");
    /// assert_eq!(opts.encoding.as_deref(), Some("utf-8"));
    /// ```
    pub fn with_encoding(mut self, label: impl Into<String>) -> Self {
        self.encoding = Some(label.into());
        self
    }

    /// Choose what happens to invalid bytes.
    ///
    /// # Examples
    /// ```
    /// use wenmai_parse::{Errors, ReadOptions};
    /// assert_eq!(ReadOptions::default().with_errors(Errors::Replace).errors, Errors::Replace);
    /// ```
    pub fn with_errors(mut self, errors: Errors) -> Self {
        self.errors = errors;
        self
    }

    /// Choose whether the file is HTML.
    ///
    /// # Examples
    /// ```
    /// use wenmai_parse::{HtmlMode, ReadOptions};
    /// assert_eq!(ReadOptions::default().with_html(HtmlMode::Always).html, HtmlMode::Always);
    /// ```
    pub fn with_html(mut self, html: HtmlMode) -> Self {
        self.html = html;
        self
    }

    /// Parse the text through an OpenCC conversion (see [`crate::parse_converted`]).
    ///
    /// # Examples
    /// ```
    /// use wenmai_parse::{Conversion, ReadOptions};
    /// let opts = ReadOptions::default().with_convert(Conversion::T2s);
    /// assert_eq!(opts.convert, Some(Conversion::T2s));
    /// ```
    pub fn with_convert(mut self, conversion: Conversion) -> Self {
        self.convert = Some(conversion);
        self
    }

    fn decode_options(&self) -> DecodeOptions {
        DecodeOptions {
            encoding: self.encoding.clone(),
            errors: self.errors,
        }
    }
}

/// Read, decode and parse a file with the default options (encoding detected, invalid bytes
/// an error, HTML by extension). A `.docx` file is read as a Word document
/// ([`crate::docx_to_text`]), a `.pdf` by its text layer ([`crate::pdf_to_text`]).
///
/// # Errors
/// [`Error::Io`] when the file cannot be read, [`Error::Decode`] naming the file and byte
/// offset when it is not valid text, [`Error::Docx`] naming the file when a `.docx` is not
/// a Word document, [`Error::Pdf`] when a `.pdf` is not one, is encrypted or has no text.
///
/// # Examples
/// ```
/// let path = std::env::temp_dir().join("wenmai-read-doctest.txt");
/// std::fs::write(&path, "标题\n\n正文。\n").unwrap();
/// let doc = wenmai_parse::read(&path).unwrap();
/// assert_eq!(doc.meta.title.as_deref(), Some("标题"));
/// ```
pub fn read(path: impl AsRef<Path>) -> Result<Document, Error> {
    read_with(path, &ReadOptions::default())
}

/// Read, decode and parse a file.
///
/// # Errors
/// As [`read`], and [`Error::Decode`] with [`crate::DecodeError::UnknownEncoding`] for an unknown
/// encoding label.
///
/// # Examples
/// ```
/// use wenmai_parse::{read_with, HtmlMode, ReadOptions};
/// let path = std::env::temp_dir().join("wenmai-read-with-doctest.txt");
/// std::fs::write(&path, "<h1>标题</h1><p>正文&amp;内容。</p>").unwrap();
/// let doc = read_with(&path, &ReadOptions::default().with_html(HtmlMode::Always)).unwrap();
/// assert_eq!(doc.meta.title.as_deref(), Some("标题"));
/// assert!(doc.text.contains("正文&内容。"));
/// ```
pub fn read_with(path: impl AsRef<Path>, opts: &ReadOptions) -> Result<Document, Error> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let is_ext = |names: &[&str]| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| names.iter().any(|x| e.eq_ignore_ascii_case(x)))
    };
    // `html=True` reads any file as HTML; otherwise `.docx` and `.pdf` by their format.
    if opts.html != HtmlMode::Always && is_ext(&["docx"]) {
        let text = docx_to_text(&bytes).map_err(|source| Error::Docx {
            path: path.to_path_buf(),
            source,
        })?;
        return Ok(parse_normalized_converted(text, opts.convert));
    }
    // A binary Word file: say so, rather than "binary data, not text".
    if is_ext(&["doc"]) && bytes.starts_with(crate::docx::OLE_MAGIC) {
        return Err(Error::Docx {
            path: path.to_path_buf(),
            source: crate::DocxError::ole(),
        });
    }
    if opts.html != HtmlMode::Always && is_ext(&["pdf"]) {
        let text = pdf_to_text(&bytes).map_err(|source| Error::Pdf {
            path: path.to_path_buf(),
            source,
        })?;
        return Ok(parse_normalized_converted(text, opts.convert));
    }
    let decoded = decode(&bytes, &opts.decode_options()).map_err(|source| Error::Decode {
        path: Some(path.to_path_buf()),
        source,
    })?;
    let html = match opts.html {
        HtmlMode::Always => true,
        HtmlMode::Never => false,
        HtmlMode::Auto => is_ext(&["html", "htm", "xhtml"]),
    };
    // The decoded text has LF line ends already: parse it in place, without a copy.
    let text = if html {
        normalize_newlines(Cow::Owned(html_to_text(&decoded.text))).into_owned()
    } else {
        decoded.text
    };
    let mut doc = parse_normalized_converted(text, opts.convert);
    if doc.meta.year.is_none() {
        doc.meta.year = year_of_path(path);
    }
    Ok(doc)
}

/// The year a path names when the text has no date: a file stem that is a year or starts
/// with one and `年` (`2019.txt`, `2019年政府工作报告.txt`), else the nearest folder that is
/// a year of the two above it (`2025/上海市.txt`).
fn year_of_path(path: &Path) -> Option<i32> {
    fn year(s: &str) -> Option<i32> {
        let digits = s
            .get(..4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
        let rest = &s[4..];
        let y: i32 = digits.parse().ok()?;
        ((1900..=2100).contains(&y) && (rest.is_empty() || rest.starts_with('年'))).then_some(y)
    }
    let stem = path.file_stem()?.to_str()?;
    year(stem).or_else(|| {
        path.parent()?.components().rev().take(2).find_map(|c| {
            c.as_os_str()
                .to_str()
                .filter(|c| c.len() == 4)
                .and_then(year)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::year_of_path;
    use std::path::Path;

    #[test]
    fn years_of_paths() {
        let y = |p: &str| year_of_path(Path::new(p));
        assert_eq!(y("gov_reports/2019.txt"), Some(2019));
        assert_eq!(y("2025/上海市.txt"), Some(2025));
        assert_eq!(y("reports/2019年政府工作报告.txt"), Some(2019));
        assert_eq!(y("2025/provincial/上海市.txt"), Some(2025));
        assert_eq!(y("2025/a/b/上海市.txt"), None);
        assert_eq!(y("laws/20190101.txt"), None);
        assert_eq!(y("1234.txt"), None);
        assert_eq!(y("data/上海市.txt"), None);
    }
}
