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
        (Some(p), DecodeError::Malformed { .. } | DecodeError::Binary { .. }) => {
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
