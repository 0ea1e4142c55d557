//! The end of a document: the footer lines read backwards (author note, source and editor
//! fields, the closing date and issuer), and the effective date in the last body paragraphs.

use std::sync::LazyLock;

use crate::outline::marker_at;
use crate::text::{date_at, short, trim};

use super::draft::{Dated, Draft};
use super::fields::kv_fields;
use super::lawdb::export_line;
use super::lines::{Line, is_separator, paren_date};
use super::words::{AUTHOR_KEYS, SOURCE_KEYS};

/// Read footer lines backwards from the end, down to `body_start` at most; returns the index
/// of the first footer line.
pub(super) fn read(draft: &mut Draft<'_>, text: &str, lines: &[Line], body_start: usize) -> usize {
    let mut end = lines.len();
    let mut seen = 0;
    while end > body_start && seen < 6 {
        let l = &lines[end - 1];
        let s = &text[l.start..l.end];
        seen += 1;
        if is_separator(s) {
            end -= 1;
            continue;
        }
        if let Some(kind) = export_line(s) {
            draft.export(l.start, s, kind);
            end -= 1;
            continue;
        }
        if let Some(note) = author_note(s) {
            draft.meta.author_note.get_or_insert(note);
            end -= 1;
            continue;
        }
        if short(s, 60)
            && let Some(fields) = kv_fields(s)
        {
            let known = fields.iter().all(|(k, _)| {
                SOURCE_KEYS.contains(k)
                    || AUTHOR_KEYS.contains(k)
                    || k.contains("编辑")
                    || k.contains("校对")
                    || k.contains("审核")
            });
            if known {
                draft.kv_line(l.start, s, fields);
                end -= 1;
                continue;
            }
        }
        // A closing date line (`2012年3月5日`) and the issuing organ on the line before it.
        let closing = if short(s, 30) {
            date_at(s)
                .map(|(d, len)| (0, d, len))
                .or_else(|| paren_date(s))
        } else {
            None
        };
        if let Some((off, date, len)) = closing
            && trim(&s[off + len..])
                .chars()
                .all(|c| matches!(c, '）' | ')'))
        {
            let dated = Dated {
                label: "",
                date,
                start: l.start + off,
                end: l.start + off + len,
            };
            end -= 1;
            let issuer = (end > body_start)
                .then(|| &text[lines[end - 1].start..lines[end - 1].end])
                .filter(|ps| {
                    short(ps, 30)
                        && !ps.contains(['。', '，', '；', '：', ':'])
                        && marker_at(ps).is_none()
                });
            // An organ over a date is a signature: the date is the signing date.
            let label = if issuer.is_some() && off == 0 {
                "成文"
            } else {
                ""
            };
            draft.push_date(Dated { label, ..dated });
            if let Some(ps) = issuer {
                draft.meta.issuer.get_or_insert_with(|| ps.to_string());
                end -= 1;
            }
            continue;
        }
        break;
    }
    end
}

/// `(作者系黑龙江省委办公厅副主任)` -> `黑龙江省委办公厅副主任`.
fn author_note(s: &str) -> Option<String> {
    let inner = s
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))?;
    let inner = trim(inner);
    for p in [
        "作者系",
        "作者为",
        "作者是",
        "作者单位：",
        "作者单位:",
        "作者单位",
        "作者：",
    ] {
        if let Some(rest) = inner.strip_prefix(p) {
            let note = trim(rest).trim_end_matches(['。', '.']);
            return (!note.is_empty()).then(|| note.to_string());
        }
    }
    None
}

/// A searcher for `自`, built once.
static ZI: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("自"));

/// `本规定自2016年3月1日起施行`: the effective date in one of the last body paragraphs.
pub(super) fn effective_date(draft: &mut Draft<'_>, text: &str, body: &[Line]) {
    for l in body.iter().rev().take(12) {
        let s = &text[l.start..l.end];
        // Each `自` in turn (`memmem` checks the whole char at once: `find(char)` stops at
        // every byte equal to its last byte, common in Chinese text).
        for k in ZI.find_iter(s.as_bytes()) {
            let at = k + '自'.len_utf8();
            let Some((date, len)) = date_at(&s[at..]) else {
                continue;
            };
            let tail = &s[at + len..];
            let verb = ["起施行", "起实施", "起生效", "起执行"]
                .into_iter()
                .find(|v| tail.starts_with(v));
            if verb.is_none() {
                continue;
            }
            // The subject (`本规定`) is close before `自`: look back a bounded distance only.
            let mut lo = at.saturating_sub(120);
            while !s.is_char_boundary(lo) {
                lo -= 1;
            }
            let before = &s[lo..at];
            let this = before.rfind(['。', '；']).map_or(before, |b| &before[b..]);
            if this.contains('本') {
                draft.push_date(Dated {
                    label: "施行",
                    date,
                    start: l.start + at,
                    end: l.start + at + len,
                });
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes() {
        assert_eq!(
            author_note("(作者系黑龙江省委办公厅副主任)").as_deref(),
            Some("黑龙江省委办公厅副主任")
        );
    }
}
