//! Errors: what can go wrong between a path or bytes and a [`crate::Document`].

use std::path::PathBuf;

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

/// Every error of this crate.
///
/// The Python binding maps [`Error::Io`] to `FileNotFoundError` / `PermissionError` / `OSError`
/// by [`std::io::Error::kind`], [`Error::Decode`] to `wenmai.DecodeError`, and the rest to
/// `wenmai.WenmaiError` subclasses.
///
/// # Examples
/// ```
/// let err = wenmai_parse::read("/no/such/file.txt").unwrap_err();
/// assert!(matches!(err, wenmai_parse::Error::Io { .. }));
/// assert!(err.to_string().contains("/no/such/file.txt"));
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
    /// The bytes are not valid text in the given or detected encoding.
    #[error("{}invalid {encoding} at byte offset {offset}", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Decode {
        /// The file, when the bytes came from one.
        path: Option<PathBuf>,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// The name of the encoding (`UTF-8`, `gb18030`, …).
        encoding: String,
    },
    /// The caller named an encoding that does not exist.
    #[error("unknown encoding label {label:?}")]
    UnknownEncoding {
        /// The label as given.
        label: String,
    },
    /// The file holds binary data (a NUL byte), not text; see [`DecodeError::Binary`].
    #[error("{}binary data, not text (NUL byte at byte offset {offset})", path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Binary {
        /// The file, when the bytes came from one.
        path: Option<PathBuf>,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
}

impl Error {
    /// Attach a file path to a [`DecodeError`].
    ///
    /// # Examples
    /// ```
    /// use wenmai_parse::{DecodeError, Error};
    /// let e = Error::from_decode(DecodeError::Malformed { offset: 7, encoding: "UTF-8" }, Some("a.txt".into()));
    /// assert_eq!(e.to_string(), "a.txt: invalid UTF-8 at byte offset 7");
    /// ```
    pub fn from_decode(err: DecodeError, path: Option<PathBuf>) -> Self {
        match err {
            DecodeError::Malformed { offset, encoding } => Error::Decode {
                path,
                offset,
                encoding: encoding.to_string(),
            },
            DecodeError::UnknownEncoding { label } => Error::UnknownEncoding { label },
            DecodeError::Binary { offset } => Error::Binary { path, offset },
        }
    }
}

impl From<DecodeError> for Error {
    fn from(err: DecodeError) -> Self {
        Error::from_decode(err, None)
    }
}
