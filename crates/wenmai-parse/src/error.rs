//! Errors: what can go wrong between a path or bytes and a [`crate::Document`].

use std::path::{Path, PathBuf};

/// Why bytes could not be decoded into text.
///
/// # Examples
/// ```
/// use wenmai_parse::{decode, DecodeError, DecodeOptions};
/// let err = decode(b"ok \xff", &DecodeOptions::default().with_encoding("utf-8")).unwrap_err();
/// assert!(matches!(err, DecodeError::Malformed { offset: 3, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes are not valid in the encoding that was given or detected.
    #[error("invalid {encoding} at byte offset {offset}")]
    Malformed {
        /// Byte offset of the first invalid byte in the input.
        offset: usize,
        /// The name of the encoding (`UTF-8`, `gb18030`, …).
        encoding: &'static str,
    },
    /// The caller named an encoding that does not exist.
    #[error("unknown encoding label {label:?}")]
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
    /// Bytes with no BOM and no encoding given contain a NUL byte: binary data, not text
    /// (no text encoding that wenmai detects uses NUL; UTF-16 needs a BOM or a label).
    #[error("binary data, not text (NUL byte at byte offset {offset})")]
    Binary {
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
    /// NUL bytes on one side of the byte pairs, as in UTF-16 text without a BOM, but the bytes
    /// do not decode as UTF-16 text.
    #[error(
        "looks like UTF-16 without a BOM: pass encoding='{}'",
        if *le { "utf-16-le" } else { "utf-16-be" }
    )]
    Utf16WithoutBom {
        /// Whether the NULs point to little-endian.
        le: bool,
    },
    /// Bytes without BOM or label that decode (as the detected encoding) to text full of
    /// control characters: random or binary bytes, not text.
    #[error(
        "not text: decoded as {encoding} it is full of control characters (the first at \
         character {offset}); pass encoding= if it is text"
    )]
    NotText {
        /// Char offset of the first control character in the decoded text.
        offset: usize,
        /// The encoding that was detected.
        encoding: &'static str,
    },
}

/// Every error of this crate: a file that cannot be read, or its bytes that cannot be decoded.
///
/// The Python binding maps [`Error::Io`] to `FileNotFoundError` / `PermissionError` / `OSError`
/// by [`std::io::Error::kind`], and [`Error::Decode`] to `wenmai.DecodeError` (an unknown
/// encoding label to `ValueError`).
///
/// # Examples
/// ```
/// use std::path::{Path, PathBuf};
/// use wenmai_parse::{DecodeError, Error};
/// let err = wenmai_parse::read("/no/such/file.txt").unwrap_err();
/// assert!(matches!(err, Error::Io { .. }));
/// assert!(err.to_string().contains("/no/such/file.txt"));
///
/// let source = DecodeError::Malformed { offset: 7, encoding: "UTF-8" };
/// let err = Error::Decode { path: Some(PathBuf::from("a.txt")), source };
/// assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte offset 7");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes could not be decoded, or the encoding label is unknown.
    #[error("{}{source}", file_prefix(path.as_deref(), source))]
    Decode {
        /// The file, when the bytes came from one.
        path: Option<PathBuf>,
        /// What was wrong with the bytes or the label.
        #[source]
        source: DecodeError,
    },
    /// The file is larger than [`crate::ReadOptions::max_bytes`] (seen on its size, unread).
    #[error(
        "{}: {size} bytes, more than the limit of {limit} bytes a file (raise it with max_bytes=, \
         or --max-bytes on the command line; max_bytes=None reads any size)",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The path is not a regular file (a FIFO, socket or device): refused, never opened.
    #[error("{}: {kind}, not a regular file: refused, not read", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is (`a FIFO (named pipe)`, `a socket`, …).
        kind: &'static str,
    },
    /// HTML nested deeper than the parser is given ([`crate::MAX_HTML_DEPTH`]).
    #[error("{}{source}", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Html {
        /// The file, when the HTML came from one.
        path: Option<PathBuf>,
        /// How deep, and where.
        #[source]
        source: crate::HtmlError,
    },
    /// A `.docx` that is not a Word document (or a `.doc` of Word 97-2003, not read).
    #[error("{}: {source}", path.display())]
    Docx {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: crate::DocxError,
    },
    /// A `.pdf` whose text cannot be read: not a PDF, encrypted, or without a text layer.
    #[error("{}: {source}", path.display())]
    Pdf {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: crate::PdfError,
    },
}

/// `path: ` before a message about the file's bytes; none before an unknown label, which is
/// the caller's, not the file's.
fn file_prefix(path: Option<&Path>, source: &DecodeError) -> String {
    match (path, source) {
        (
            Some(p),
            DecodeError::Malformed { .. }
            | DecodeError::Binary { .. }
            | DecodeError::Utf16WithoutBom { .. }
            | DecodeError::NotText { .. },
        ) => {
            format!("{}: ", p.display())
        }
        _ => String::new(),
    }
}

impl From<DecodeError> for Error {
    fn from(source: DecodeError) -> Self {
        Error::Decode { path: None, source }
    }
}
