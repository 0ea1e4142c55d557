//! A file to a [`Document`]: read the bytes, decode them, extract the text of HTML, parse.

use std::borrow::Cow;
use std::path::Path;

use crate::convert::{Conversion, parse_normalized_converted};
use crate::decode::{DecodeOptions, Errors, decode, normalize_newlines};
use crate::document::Document;
use crate::docx::docx_to_text;
use crate::error::Error;
use crate::html::try_html_to_text;
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The largest file read, in bytes ([`DEFAULT_MAX_BYTES`] unless set; `None`: no limit),
    /// checked against the file's size before a byte is read.
    pub max_bytes: Option<u64>,
}

/// The default [`ReadOptions::max_bytes`]: 200 MB a file, so that a stray dump or disk
/// image does not take an interactive session's memory.
pub const DEFAULT_MAX_BYTES: u64 = 200_000_000;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            errors: Errors::default(),
            html: HtmlMode::default(),
            convert: None,
            max_bytes: Some(DEFAULT_MAX_BYTES),
        }
    }
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

    /// Refuse files larger than `max_bytes` (`None`: read files of any size).
    ///
    /// # Examples
    /// ```
    /// use wenmai_parse::ReadOptions;
    /// assert_eq!(ReadOptions::default().with_max_bytes(Some(10)).max_bytes, Some(10));
    /// assert_eq!(ReadOptions::default().max_bytes, Some(wenmai_parse::DEFAULT_MAX_BYTES));
    /// ```
    pub fn with_max_bytes(mut self, max_bytes: Option<u64>) -> Self {
        self.max_bytes = max_bytes;
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
    let bytes = read_bytes(path, opts.max_bytes)?;
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
    let unsure = decoded.unsure;
    let html = match opts.html {
        HtmlMode::Always => true,
        HtmlMode::Never => false,
        HtmlMode::Auto => is_ext(&["html", "htm", "xhtml"]),
    };
    // The decoded text has LF line ends already: parse it in place, without a copy.
    let text = if html {
        let text = try_html_to_text(&decoded.text).map_err(|source| Error::Html {
            path: Some(path.to_path_buf()),
            source,
        })?;
        normalize_newlines(Cow::Owned(text)).into_owned()
    } else {
        decoded.text
    };
    let mut doc = parse_normalized_converted(text, opts.convert);
    if unsure {
        doc.meta
            .extra
            .push(("encoding_confidence".into(), "low".into()));
    }
    if doc.meta.year.is_none() {
        doc.meta.year = year_of_path(path);
    }
    Ok(doc)
}

/// The bytes of a regular file no larger than `max_bytes`, both checked on its metadata
/// before it is opened (opening a FIFO would block until a writer comes).
fn read_bytes(path: &Path, max_bytes: Option<u64>) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    let kind = file_kind(&meta.file_type());
    if kind != "file" {
        if kind == "directory" {
            return Err(io(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
        }
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            kind,
        });
    }
    if let Some(limit) = max_bytes
        && meta.len() > limit
    {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::new();
    // `take`: a file that grew since the `stat` is still read only up to the limit (+1 to see it).
    let file = std::fs::File::open(path).map_err(io)?;
    let cap = max_bytes.map_or(u64::MAX, |l| l.saturating_add(1));
    std::io::Read::read_to_end(&mut std::io::Read::take(file, cap), &mut bytes).map_err(io)?;
    if let Some(limit) = max_bytes
        && bytes.len() as u64 > limit
    {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// What kind of file system entry a type is, in words for an error.
fn file_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    if t.is_file() {
        "file"
    } else if t.is_dir() {
        "directory"
    } else {
        "not a regular file"
    }
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
    use super::*;

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

    #[test]
    fn max_bytes_is_checked_before_reading() {
        let dir = std::env::temp_dir().join(format!("wenmai-read-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        std::fs::write(&path, "正文。正文。").unwrap();
        let small = ReadOptions::default().with_max_bytes(Some(5));
        let err = read_with(&path, &small).unwrap_err();
        assert!(
            matches!(
                err,
                Error::TooLarge {
                    size: 18,
                    limit: 5,
                    ..
                }
            ),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains("a.txt") && msg.contains("max_bytes"), "{msg}");
        assert!(read_with(&path, &ReadOptions::default().with_max_bytes(Some(18))).is_ok());
        assert!(read_with(&path, &ReadOptions::default().with_max_bytes(None)).is_ok());
        let err = read_with(&dir, &ReadOptions::default()).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_not_opened() {
        let dir = std::env::temp_dir().join(format!("wenmai-read-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("pipe.txt");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if status.is_ok_and(|s| s.success()) {
            // Opening it would block this test forever: the error must come from the stat.
            let err = read(&fifo).unwrap_err();
            assert!(matches!(err, Error::NotAFile { .. }), "{err:?}");
            assert!(err.to_string().contains("FIFO"), "{err}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
