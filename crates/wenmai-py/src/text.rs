//! Python `str` to Rust text. A Python `str` may hold lone surrogates (`"\ud800"`), which no
//! Rust `str` can; each becomes U+FFFD, one char for one char, so char offsets stay true.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// The text of a Python `str`, lone surrogates replaced by U+FFFD one for one.
pub fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    match s.to_str() {
        Ok(t) => Ok(Cow::Borrowed(t)),
        Err(_) => {
            let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
            let bytes = bytes.cast::<PyBytes>()?;
            Ok(Cow::Owned(replace_surrogates(bytes.as_bytes())))
        }
    }
}

/// Extract a `str` argument, saying which one is wrong when it is not a `str`.
pub fn extract_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(text_of(s)?.into_owned()),
        Err(_) => Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            obj.get_type().name()?
        ))),
    }
}

/// Extract a sequence of `str` (a bare `str` is refused: it would be a list of chars).
pub fn extract_texts(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if obj.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "{what}: expected an iterable of str, got a single str"
        )));
    }
    let mut out = Vec::new();
    for item in obj.try_iter()? {
        out.push(extract_text(&item?, what)?);
    }
    Ok(out)
}

/// UTF-8 with surrogates encoded as three bytes (`surrogatepass`) to a `String`.
fn replace_surrogates(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                // A surrogate is ED A0..BF 80..BF; anything else invalid is skipped a byte
                // at a time (it cannot come from a Python str).
                let skip = if bad.len() >= 3 && bad[0] == 0xED && (0xA0..=0xBF).contains(&bad[1]) {
                    3
                } else {
                    e.error_len().unwrap_or(bad.len()).max(1)
                };
                out.push('\u{FFFD}');
                rest = &bad[skip.min(bad.len())..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::replace_surrogates;

    #[test]
    fn surrogates_become_one_replacement_char_each() {
        // "a" + U+D800 (surrogatepass) + "中" + U+DFFF
        let bytes = b"a\xed\xa0\x80\xe4\xb8\xad\xed\xbf\xbf";
        assert_eq!(replace_surrogates(bytes), "a\u{FFFD}中\u{FFFD}");
    }
}
