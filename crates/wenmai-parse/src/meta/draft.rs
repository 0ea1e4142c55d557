//! The [`Meta`] being filled in as header and footer lines are read.

use chrono::Datelike;

use crate::document::{DateValue, LabeledDate, Meta};
use crate::text::{CharIndex, date_at, is_han, join_spaced, trim};

use super::lawdb::ExportLine;
use super::words::{AUTHOR_KEYS, DATE_KEYS, DOCNO_KEYS, ISSUER_KEYS, SOURCE_KEYS, VISIT_KEYS};

/// A date found in a line: its event label and its byte range in the text.
pub(super) struct Dated {
    pub label: &'static str,
    pub date: DateValue,
    pub start: usize,
    pub end: usize,
}

/// The metadata read so far.
pub(super) struct Draft<'a> {
    idx: &'a CharIndex<'a>,
    pub meta: Meta,
    /// The date of a `发布时间:` field, which is the publication date whatever else is found.
    kv_published: Option<DateValue>,
}

impl<'a> Draft<'a> {
    pub fn new(idx: &'a CharIndex<'a>) -> Self {
        Draft {
            idx,
            meta: Meta::default(),
            kv_published: None,
        }
    }

    /// The metadata, with the publication date chosen among the dates found (the rule is in
    /// `published`).
    pub fn finish(self) -> Meta {
        let mut meta = self.meta;
        meta.published = self
            .kv_published
            .or_else(|| super::published::published(&meta.dates));
        meta.year = meta.published.map(|p| match p {
            DateValue::Date(d) => d.year(),
            DateValue::DateTime(t) => t.year(),
        });
        meta
    }

    pub fn push_date(&mut self, d: Dated) {
        let span = self.idx.span(d.start, d.end);
        // `公布施行` is two events on one date.
        let labels: &[&str] = if d.label == "公布施行" {
            &["公布", "施行"]
        } else {
            &[d.label]
        };
        for l in labels {
            self.meta.dates.push(LabeledDate {
                label: l.to_string(),
                date: d.date,
                span,
            });
        }
    }

    /// A line of a law-database export (see `lawdb`), the line `s` starting at byte `start`.
    pub fn export(&mut self, start: usize, s: &str, kind: ExportLine<'_>) {
        match kind {
            ExportLine::Citation(v) => self.meta.extra.push(("citation".into(), v.into())),
            ExportLine::Url(v) => self.meta.extra.push(("url".into(), v.into())),
            ExportLine::Field(key, value) => self.kv_line(start, s, vec![(key, value)]),
        }
    }

    /// A leftover value with no key: an author name when it looks like one.
    fn unlabeled(&mut self, v: &str) {
        let v = trim(v);
        if v.is_empty() {
            return;
        }
        let name = join_spaced(v);
        if self.meta.author.is_none() && looks_like_name(&name) {
            self.meta.author = Some(name);
        } else {
            self.meta.extra.push((String::new(), v.to_string()));
        }
    }

    /// The fields of the `key:value` line `s` that starts at byte `line_start`.
    pub fn kv_line(&mut self, line_start: usize, s: &str, fields: Vec<(&str, &str)>) {
        for (key, value) in fields {
            if SOURCE_KEYS.contains(&key) {
                if !value.is_empty() && self.meta.source.is_none() {
                    self.meta.source = Some(strip_book_marks(value));
                }
            } else if AUTHOR_KEYS.contains(&key) {
                if !value.is_empty() && self.meta.author.is_none() {
                    self.meta.author = Some(join_spaced(value));
                }
            } else if VISIT_KEYS.contains(&key) {
                let digits: String = value.chars().take_while(|c| c.is_ascii_digit()).collect();
                if let Ok(n) = digits.parse() {
                    self.meta.visits = Some(n);
                }
                self.unlabeled(&value[digits.len()..]);
            } else if DOCNO_KEYS.contains(&key) {
                if !value.is_empty() {
                    self.meta.doc_number = Some(value.to_string());
                }
            } else if ISSUER_KEYS.contains(&key) {
                if !value.is_empty() {
                    self.meta.issuer = Some(value.to_string());
                }
            } else if let Some(&(_, label)) = DATE_KEYS.iter().find(|(k, _)| *k == key) {
                match date_at(value) {
                    Some((date, len)) => {
                        let start = line_start + (value.as_ptr() as usize - s.as_ptr() as usize);
                        self.push_date(Dated {
                            label,
                            date,
                            start,
                            end: start + len,
                        });
                        if label == "发布" && self.kv_published.is_none() {
                            self.kv_published = Some(date);
                        }
                        self.unlabeled(&value[len..]);
                    }
                    None if !value.is_empty() => {
                        self.meta.extra.push((key.to_string(), value.to_string()));
                    }
                    None => {}
                }
            } else {
                self.meta.extra.push((key.to_string(), value.to_string()));
            }
        }
    }
}

fn strip_book_marks(v: &str) -> String {
    if let Some(a) = v.find('《')
        && let Some(b) = v[a..].find('》')
    {
        return trim(&v[a + '《'.len_utf8()..a + b]).to_string();
    }
    trim(v).trim_matches(['《', '》', '<', '>']).to_string()
}

fn looks_like_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n) && s.chars().all(is_han)
}
