//! The header: the lines from the top of a document to its body, each classified as a
//! [`HeaderLine`] and folded into the [`Draft`].

use crate::outline::marker_at;
use crate::text::{date_at, find_date, is_space, join_spaced, short, trim};

use super::draft::{Dated, Draft};
use super::fields::header_kv;
use super::lawdb::{ExportLine, export_line};
use super::lines::{
    Line, confirms_title, doc_number, is_metadata, is_salutation, is_separator, is_toc_heading,
    paren_date, speaker_name, subtitle_of, title_like,
};
use super::notices::{announcement_number, recipients};
use super::words::date_label;

/// The header ends within this many lines.
const MAX_HEADER_LINES: usize = 16;

/// What a header line is. [`classify`] tries the kinds in the order of this list.
enum HeaderLine<'a> {
    /// `-----`: skipped.
    Separator,
    /// `【法宝引证码】…`, `原文链接：…`: a law-database export's line, which is not a title.
    Export {
        start: usize,
        line: &'a str,
        kind: ExportLine<'a>,
    },
    /// `各县（市、区）人民政府，市直各单位：`: the addressees.
    Recipients(Vec<String>),
    /// `目录` and the entry lines after it, `lines` in all: the header ends after them, so
    /// that the entries do not become sections.
    Contents { lines: usize },
    /// `——在…上的报告`: the subtitle, and the date it opens with and what follows that date.
    Subtitle {
        text: &'a str,
        date: Option<(Dated, &'a str)>,
    },
    /// `（2022年10月16日）`
    ParenDate(Dated),
    /// `（…会议通过 2008年4月17日…公告公布 自2008年4月23日起施行）`: several events.
    Events(Vec<Dated>),
    /// `《…条例》已于2022年4月28日经…会议通过，…批准，现予公布，自2022年9月1日起施行。`:
    /// the text of a standing committee's 公告 after its number, each date with its verb.
    Announcement(Vec<Dated>),
    /// `(譯自…俄文稿)`: a bracketed note, which is not a title.
    Note(&'a str),
    /// `2018年9月29日 …通过`: a line led by a date; `from_date` is the line from the date on,
    /// `rest` what follows the date.
    Date {
        date: Dated,
        from_date: &'a str,
        rest: &'a str,
    },
    /// `发布时间:2008-12-09 来源:…`, the line `line` starting at byte `start`.
    Fields {
        start: usize,
        line: &'a str,
        fields: Vec<(&'a str, &'a str)>,
    },
    /// `余府发〔2012〕3号`
    DocNumber(&'a str),
    /// The title, on one line or over two.
    Title {
        first: &'a str,
        second: Option<&'a str>,
    },
    /// `国务院总理　李克强`
    Speaker(String),
    /// The wrapped tail of a date line whose event verb is on a later line; the verb, if here.
    DateTail(Option<&'static str>),
    /// A short line between the title and later metadata (a title repeated over two lines, a
    /// series name).
    Filler,
    /// `最高人民法院发布`: the issuing organ.
    Issuer(&'a str),
    /// A heading, a salutation or prose: the body starts here.
    Body,
}

impl HeaderLine<'_> {
    /// How many lines this kind takes.
    fn lines(&self) -> usize {
        match self {
            HeaderLine::Body => 0,
            HeaderLine::Contents { lines } => *lines,
            HeaderLine::Title { second, .. } => 1 + usize::from(second.is_some()),
            _ => 1,
        }
    }
}

/// What earlier header lines tell about the next one.
#[derive(Default)]
struct Progress {
    /// A title, subtitle, date or field has been read: no title can follow.
    title_done: bool,
    /// The date (an index into `Meta::dates`) whose line had no event verb.
    pending_label: Option<usize>,
    /// The title's first line, so that a repeated title is read once.
    title: Option<String>,
    /// A 公告's text said `现予公布`: its undated signing date is the promulgation.
    announced: bool,
}

/// The header lines `lines[i..]` of `text` as one [`HeaderLine`] (looking ahead where the
/// kind depends on the lines after), the header ending within `limit` lines.
fn classify<'a>(
    text: &'a str,
    lines: &[Line],
    i: usize,
    limit: usize,
    p: &Progress,
) -> HeaderLine<'a> {
    let line = |k: usize| -> &'a str { lines.get(k).map_or("", |l| &text[l.start..l.end]) };
    let s = line(i);
    let start = lines[i].start;
    if is_separator(s) {
        return HeaderLine::Separator;
    }
    if let Some(kind) = export_line(s) {
        return HeaderLine::Export {
            start,
            line: s,
            kind,
        };
    }
    if p.title.as_deref().is_some_and(|t| join_spaced(s) == t) {
        return HeaderLine::Filler;
    }
    if p.title_done
        && let Some(names) = recipients(s)
    {
        return HeaderLine::Recipients(names);
    }
    if marker_at(s).is_some() || is_salutation(s) {
        return HeaderLine::Body;
    }
    if is_toc_heading(s) {
        let mut end = i + 1;
        while end < lines.len() {
            let t = line(end);
            if !short(t, 60) || t.contains('。') || is_salutation(t) {
                break;
            }
            end += 1;
        }
        return HeaderLine::Contents { lines: end - i };
    }
    if let Some(sub) = subtitle_of(s) {
        let date = find_date(sub)
            .filter(|(o, _, _)| *o == 0)
            .map(|(off, date, len)| {
                let abs = start + (sub.as_ptr() as usize - s.as_ptr() as usize) + off;
                let dated = Dated {
                    label: "",
                    date,
                    start: abs,
                    end: abs + len,
                };
                (dated, &sub[len..])
            });
        return HeaderLine::Subtitle { text: sub, date };
    }
    let bracketed = s.starts_with(['（', '(']) && s.ends_with(['）', ')']);
    // `（…会议通过 2020年1月6日…公告公布 自2020年1月8日起施行）`: several dated events, each
    // with its verb, before the one-date reading below takes the last verb for the first date.
    let events = if bracketed && short(s, 300) {
        events(start, s)
    } else {
        Vec::new()
    };
    if events.len() > 1 {
        return HeaderLine::Events(events);
    }
    if let Some((off, date, len)) = paren_date(s) {
        return HeaderLine::ParenDate(Dated {
            label: date_label(&s[off + len..]).unwrap_or(""),
            date,
            start: start + off,
            end: start + off + len,
        });
    }
    if !events.is_empty() {
        return HeaderLine::Events(events);
    }
    if bracketed && let Some(no) = doc_number(s) {
        return HeaderLine::DocNumber(no);
    }
    if bracketed && short(s, 80) && !s.contains(['。', '作']) {
        let inner = s
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        return HeaderLine::Note(trim(inner));
    }
    if p.title_done && s.starts_with('《') && s.contains("现予公布") && short(s, 300) {
        let dates = announcement(start, s);
        if !dates.is_empty() {
            return HeaderLine::Announcement(dates);
        }
    }
    let lead = s.len() - s.trim_start_matches(['—', '-', '－']).len();
    if let Some((date, len)) = date_at(&s[lead..]) {
        let rest = &s[lead + len..];
        let dated = Dated {
            label: date_label(rest).unwrap_or(""),
            date,
            start: start + lead,
            end: start + lead + len,
        };
        return HeaderLine::Date {
            date: dated,
            from_date: trim(&s[lead..]),
            rest: trim(rest),
        };
    }
    if let Some(fields) = header_kv(s) {
        return HeaderLine::Fields {
            start,
            line: s,
            fields,
        };
    }
    if let Some(no) = doc_number(s).or_else(|| announcement_number(s).filter(|&n| n == s)) {
        return HeaderLine::DocNumber(no);
    }
    if !p.title_done && title_like(s) {
        let next = line(i + 1);
        let second = (i + 1 < limit
            && title_like(next)
            && next != s
            && short(next, 40)
            && !confirms_title(next)
            && doc_number(next).is_none()
            && announcement_number(next).is_none()
            && confirms_title(line(i + 2)))
        .then_some(next);
        return HeaderLine::Title { first: s, second };
    }
    if p.title_done
        && short(s, 30)
        && !s.contains(['，', '。', '：', ':'])
        && let Some(name) = speaker_name(s)
    {
        return HeaderLine::Speaker(name);
    }
    if p.pending_label.is_some() && short(s, 160) && !s.contains('。') {
        return HeaderLine::DateTail(date_label(s));
    }
    // The organ that signs a 公告 (`…人民代表大会常务委员会`) above its date.
    if p.announced && short(s, 40) && !s.contains(['，', '。']) && date_at(line(i + 1)).is_some()
    {
        return HeaderLine::Issuer(s);
    }
    let issued = s.ends_with("发布") || s.ends_with("印发");
    if p.title_done
        && title_like(s)
        && short(s, 50)
        && (1..=3).any(|k| i + k < limit && is_metadata(line(i + k)))
        && !issued
    {
        return HeaderLine::Filler;
    }
    if p.title_done && short(s, 30) && !s.contains(['，', '。']) && issued {
        // `发布` and `印发` are both two chars of three bytes.
        return HeaderLine::Issuer(trim(&s[..s.len() - "发布".len()]));
    }
    HeaderLine::Body
}

/// The dates of a bracketed line of space-separated events, each with its verb.
fn events(start: usize, s: &str) -> Vec<Dated> {
    let mut out = Vec::new();
    let mut pos = 0;
    for seg in s.split(is_space) {
        let seg_start = pos;
        pos += seg.len()
            + s[pos + seg.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let Some((off, date, len)) = find_date(seg) else {
            continue;
        };
        let abs = start + seg_start + off;
        out.push(Dated {
            label: date_label(&seg[off + len..]).unwrap_or(""),
            date,
            start: abs,
            end: abs + len,
        });
    }
    out
}

/// The dates of a 公告's text, each labelled by the verb of its clause (`于…通过`,
/// `自…起施行`).
fn announcement(start: usize, s: &str) -> Vec<Dated> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some((off, date, len)) = find_date(&s[pos..]) {
        let at = pos + off;
        let rest = &s[at + len..];
        let clause = rest.find(['，', '。', '；']).map_or(rest, |i| &rest[..i]);
        out.push(Dated {
            label: date_label(clause).unwrap_or(""),
            date,
            start: start + at,
            end: start + at + len,
        });
        pos = at + len;
    }
    out
}

/// Add what `line` says to `draft`.
fn fold(draft: &mut Draft<'_>, p: &mut Progress, line: HeaderLine<'_>) {
    match line {
        HeaderLine::Separator | HeaderLine::Filler => {}
        HeaderLine::Export { start, line, kind } => draft.export(start, line, kind),
        HeaderLine::Recipients(names) => {
            if draft.meta.recipients.is_empty() {
                draft.meta.recipients = names;
            }
        }
        HeaderLine::Contents { .. } | HeaderLine::Body => {}
        HeaderLine::Subtitle { text, date } => {
            if let Some((date, after)) = date {
                draft.push_date(date);
                if draft.meta.author.is_none() {
                    draft.meta.author = speaker_name(after);
                }
            }
            draft.meta.subtitle.get_or_insert_with(|| text.to_string());
            p.title_done = true;
        }
        HeaderLine::ParenDate(date) => {
            draft.push_date(date);
            p.title_done = true;
        }
        HeaderLine::Events(dates) => {
            for date in dates {
                draft.push_date(date);
            }
            p.title_done = true;
        }
        HeaderLine::Announcement(dates) => {
            for date in dates {
                draft.push_date(date);
            }
            p.announced = true;
        }
        HeaderLine::Note(note) => draft.meta.extra.push((String::new(), note.to_string())),
        HeaderLine::Date {
            mut date,
            from_date,
            rest,
        } => {
            if date.label.is_empty() && std::mem::take(&mut p.announced) {
                date.label = "公布";
            }
            let unlabeled = date.label.is_empty();
            draft.push_date(date);
            if draft.meta.doc_number.is_none() {
                draft.meta.doc_number = announcement_number(rest).map(str::to_string);
            }
            if rest.starts_with('在') && draft.meta.subtitle.is_none() {
                draft.meta.subtitle = Some(from_date.to_string());
            }
            if draft.meta.author.is_none() {
                draft.meta.author = speaker_name(rest);
            }
            p.pending_label = unlabeled.then_some(draft.meta.dates.len() - 1);
            p.title_done = true;
        }
        HeaderLine::Fields {
            start,
            line,
            fields,
        } => {
            draft.kv_line(start, line, fields);
            p.title_done = true;
        }
        HeaderLine::DocNumber(no) => {
            draft.meta.doc_number.get_or_insert_with(|| no.to_string());
        }
        HeaderLine::Title { first, second } => {
            let mut title = join_spaced(first);
            if let Some(second) = second {
                title.push(' ');
                title.push_str(&join_spaced(second));
            }
            draft.meta.title = Some(title);
            p.title = Some(join_spaced(first));
            p.title_done = true;
        }
        HeaderLine::Speaker(name) => {
            draft.meta.author.get_or_insert(name);
        }
        HeaderLine::DateTail(label) => {
            if let (Some(d), Some(l)) = (p.pending_label, label) {
                draft.meta.dates[d].label = l.to_string();
                p.pending_label = None;
            }
        }
        HeaderLine::Issuer(issuer) => {
            draft.meta.issuer.get_or_insert_with(|| issuer.to_string());
        }
    }
}

/// Read the header of `lines` into `draft`; returns the index of the first body line.
pub(super) fn read(draft: &mut Draft<'_>, text: &str, lines: &[Line]) -> usize {
    let limit = lines.len().min(MAX_HEADER_LINES);
    let mut progress = Progress::default();
    let mut i = 0;
    while i < limit {
        let line = classify(text, lines, i, limit, &progress);
        i += line.lines();
        if matches!(line, HeaderLine::Body | HeaderLine::Contents { .. }) {
            break;
        }
        fold(draft, &mut progress, line);
    }
    i
}
