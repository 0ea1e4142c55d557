//! Metadata from the header lines (title, subtitle, dates, `key:value` fields, speaker) and
//! the footer lines (author note, source, closing issuer and date).

use std::sync::LazyLock;

use crate::document::{DateValue, LabeledDate, Meta};
use crate::outline::marker_at;
use crate::text::{CharIndex, date_at, find_date, is_han, is_space, join_spaced, short, trim};

/// A paragraph as the metadata reader sees it: its trimmed byte range.
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
}

/// The metadata and where the body lies, as paragraph indices `[body_start, body_end)`.
pub(crate) struct Header {
    pub meta: Meta,
    pub body_start: usize,
    pub body_end: usize,
}

const MAX_HEADER_LINES: usize = 16;

const DATE_LABELS: &[&str] = &[
    "公布施行",
    "通过",
    "批准",
    "公布",
    "施行",
    "发布",
    "修正",
    "修订",
    "印发",
    "颁布",
    "实施",
    "生效",
    "公告",
];
const ROLES: &[&str] = &[
    "总书记",
    "委员长",
    "秘书长",
    "检察长",
    "总理",
    "主任",
    "省长",
    "市长",
    "主席",
    "书记",
    "院长",
    "部长",
    "区长",
    "州长",
    "县长",
    "局长",
    "厅长",
    "行长",
    "署长",
    "代省长",
    "代市长",
];
const SOURCE_KEYS: &[&str] = &[
    "来源",
    "信息来源",
    "文章来源",
    "稿件来源",
    "出处",
    "消息来源",
    "新闻来源",
];
const AUTHOR_KEYS: &[&str] = &["作者", "撰稿", "撰文", "撰稿人", "文", "发布人", "记者"];
const VISIT_KEYS: &[&str] = &[
    "访问次数",
    "浏览次数",
    "点击数",
    "点击次数",
    "阅读次数",
    "阅读数",
    "浏览量",
    "点击量",
    "访问量",
    "阅读量",
    "浏览",
    "点击",
];
const DOCNO_KEYS: &[&str] = &["发文字号", "文号", "字号", "发文号"];
const ISSUER_KEYS: &[&str] = &[
    "发文机关",
    "发布机关",
    "发布单位",
    "制定机关",
    "颁布机关",
    "发文单位",
];
/// Date keys that give the publication date, with the label recorded for them.
const DATE_KEYS: &[(&str, &str)] = &[
    ("发布时间", "发布"),
    ("发布日期", "发布"),
    ("发表时间", "发布"),
    ("发表日期", "发布"),
    ("时间", "发布"),
    ("日期", "发布"),
    ("更新时间", "更新"),
    ("公布日期", "公布"),
    ("成文日期", "成文"),
    ("印发日期", "印发"),
    ("施行日期", "施行"),
    ("实施日期", "施行"),
    ("生效日期", "生效"),
    ("发文日期", "发布"),
];

struct Ctx<'a> {
    text: &'a str,
    idx: &'a CharIndex<'a>,
    meta: Meta,
    kv_published: Option<DateValue>,
}

impl Ctx<'_> {
    fn push_date(&mut self, label: &str, date: DateValue, start: usize, end: usize) {
        let span = self.idx.span(start, end);
        if label == "公布施行" {
            for l in ["公布", "施行"] {
                self.meta.dates.push(LabeledDate {
                    label: l.to_string(),
                    date,
                    span,
                });
            }
        } else {
            self.meta.dates.push(LabeledDate {
                label: label.to_string(),
                date,
                span,
            });
        }
    }
}

/// The last chars of [`DATE_LABELS`].
const DATE_LABEL_ENDS: &[char] = &['行', '过', '准', '布', '正', '订', '发', '施', '效', '告'];
/// The last chars of [`ROLES`].
const ROLE_ENDS: &[char] = &['记', '长', '理', '任', '席'];

/// The word of `words` that ends last in `s` (the longer one when two end there) and where it
/// ends: the latest end of `rfind` over the words, found in one backward scan that compares
/// only where a char of `ends` (the last chars of the words) is. Long lines have no word.
fn last_word(s: &str, words: &[&'static str], ends: &[char]) -> Option<(usize, &'static str)> {
    for (i, c) in s.char_indices().rev() {
        if !ends.contains(&c) {
            continue;
        }
        let head = &s[..i + c.len_utf8()];
        if let Some(w) = words
            .iter()
            .filter(|w| head.ends_with(*w))
            .max_by_key(|w| w.len())
        {
            return Some((head.len(), w));
        }
    }
    None
}

/// The event label of a date line: the known verb that ends last in `s` (longer wins ties).
fn date_label(s: &str) -> Option<&'static str> {
    last_word(s, DATE_LABELS, DATE_LABEL_ENDS).map(|(_, l)| l)
}

fn is_separator(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            matches!(c, '-' | '—' | '=' | '*' | '_' | '－' | '─' | '━' | '·') || is_space(c)
        })
}

fn is_salutation(s: &str) -> bool {
    (short(s, 15) && s.ends_with(['：', ':']))
        || s.starts_with("各位代表")
        || s.starts_with("同志们")
        || s.starts_with("女士们")
}

fn title_like(s: &str) -> bool {
    short(s, 80)
        && !s.contains(['。', '！', '？', '；'])
        && !s.ends_with(['：', ':', '，', ','])
        && marker_at(s).is_none()
        && !is_salutation(s)
}

/// Strip the leading dashes of a subtitle (`——在…上的报告`, `----…`).
fn subtitle_of(s: &str) -> Option<&str> {
    let rest = s.trim_start_matches(['—', '-', '－', '─', '―', '–']);
    let dashes = s.len() - rest.len();
    // At least two dash chars (`——` is 6 bytes, `--` 2 bytes, `—` alone 3 bytes).
    let count = s[..dashes].chars().count();
    (count >= 2 && !trim(rest).is_empty()).then(|| trim(rest))
}

/// `（2022年10月16日）`: the date inside brackets.
fn paren_date(s: &str) -> Option<(usize, DateValue, usize)> {
    let open = s.chars().next()?;
    if !matches!(open, '（' | '(' | '〔' | '[') {
        return None;
    }
    let inner = &s[open.len_utf8()..];
    let inner_trim = inner.trim_start_matches(is_space);
    let off = open.len_utf8() + inner.len() - inner_trim.len();
    let (d, len) = date_at(inner_trim)?;
    (short(s, 200) && s.ends_with(['）', ')', '〕', ']'])).then_some((off, d, len))
}

/// A speaker or author name in a role line: `国务院总理　李克强`, `广东省省长 王伟中`,
/// `…北京市市长 殷勇同志作政府工作报告`; `习　近　平`.
fn speaker_name(s: &str) -> Option<String> {
    // A spaced name has at most four non-space chars (and then so has `joined`): do not
    // join a long line.
    if s.chars().filter(|&c| !is_space(c)).nth(4).is_none() {
        let joined = join_spaced(s);
        if joined.chars().count() <= 4
            && s.chars().any(is_space)
            && joined.chars().all(is_han)
            && joined.chars().count() >= 2
        {
            return Some(joined);
        }
    }
    let (best, _) = last_word(s, ROLES, ROLE_ENDS)?;
    let after = s[best..].trim_start_matches(is_space);
    let mut name = String::new();
    for c in after.chars() {
        if is_han(c) {
            name.push(c);
        } else if is_space(c) && name.chars().count() == 1 {
            continue;
        } else {
            break;
        }
        if name.ends_with("同志") || name.ends_with('作') {
            break;
        }
    }
    let name = name
        .trim_end_matches("同志")
        .trim_end_matches('作')
        .to_string();
    let n = name.chars().count();
    (2..=4).contains(&n).then_some(name)
}

/// A line that is a document number such as `余府发〔2012〕3号` or `劳社部发[2008]3号`.
fn doc_number(s: &str) -> Option<&str> {
    // A number ends with `号` (found by memchr): most lines have none.
    if !short(s, 40) || !s.contains('号') {
        return None;
    }
    for tok in s.split(is_space).filter(|t| !t.is_empty()) {
        if tok.ends_with('号')
            && let Some(i) = tok.find(['〔', '[', '［', '【'])
            && i > 0
        {
            let inner = &tok[i..];
            let close = inner.find(['〕', ']', '］', '】'])?;
            let year = &inner[inner.chars().next()?.len_utf8()..close];
            if year.chars().count() == 4
                && year
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                return Some(tok);
            }
        }
    }
    None
}

/// The first key of a `key:value` line (see [`kv_fields`]): the line must open with 1–8
/// ideographs, spaces and a colon. Cheap: looks at the line start only.
fn first_key(s: &str) -> Option<&str> {
    let key_len = s
        .char_indices()
        .take(9)
        .find(|&(_, c)| !is_han(c))
        .map(|(i, _)| i)?;
    let after = s[key_len..].trim_start_matches(is_space);
    (key_len > 0 && after.starts_with([':', '：'])).then(|| &s[..key_len])
}

/// Split a `key:value key:value` line at its keys: a key is 1–8 ideographs at the line
/// start or after a space, followed by optional spaces and a colon. None unless the line
/// starts with a key.
fn kv_fields(s: &str) -> Option<Vec<(&str, &str)>> {
    first_key(s)?;
    let mut keys: Vec<(usize, usize, usize)> = Vec::new(); // key start, key end, value start
    for (ci, c) in s.char_indices() {
        if !matches!(c, ':' | '：') {
            continue;
        }
        let before = s[..ci].trim_end_matches(is_space);
        let kstart = before.rfind(|ch: char| !is_han(ch)).map_or(0, |i| {
            i + before[i..].chars().next().map_or(0, char::len_utf8)
        });
        let key = &before[kstart..];
        let n = key.chars().count();
        let at_boundary = kstart == 0 || before[..kstart].ends_with(is_space);
        if (1..=8).contains(&n) && at_boundary {
            keys.push((kstart, before.len(), ci + c.len_utf8()));
        }
    }
    if keys.first().is_none_or(|k| k.0 != 0) {
        return None;
    }
    let mut out = Vec::with_capacity(keys.len());
    for (i, &(ks, ke, vs)) in keys.iter().enumerate() {
        let ve = keys.get(i + 1).map_or(s.len(), |k| k.0);
        out.push((&s[ks..ke], trim(&s[vs..ve.max(vs)])));
    }
    Some(out)
}

fn known_key(k: &str) -> bool {
    SOURCE_KEYS.contains(&k)
        || AUTHOR_KEYS.contains(&k)
        || VISIT_KEYS.contains(&k)
        || DOCNO_KEYS.contains(&k)
        || ISSUER_KEYS.contains(&k)
        || DATE_KEYS.iter().any(|(d, _)| *d == k)
}

/// A `key:value` line of the header: led by a known key, or short and without sentence
/// ends (so that `大会的主题是：…。` stays prose).
fn header_kv(s: &str) -> Option<Vec<(&str, &str)>> {
    // The first field's key is `first_key`: decide before splitting a long line.
    let first = first_key(s)?;
    if known_key(first) || (short(s, 60) && !s.contains(['。', '！', '？'])) {
        kv_fields(s)
    } else {
        None
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

impl Ctx<'_> {
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

    fn kv_line(&mut self, line_start: usize, s: &str, fields: Vec<(&str, &str)>) {
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
                    Some((d, len)) => {
                        let vstart = line_start + (value.as_ptr() as usize - s.as_ptr() as usize);
                        self.push_date(label, d, vstart, vstart + len);
                        if label == "发布" && self.kv_published.is_none() {
                            self.kv_published = Some(d);
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

    /// A bracketed line of space-separated events, each with its date and verb.
    fn bracket_events(&mut self, start: usize, s: &str) -> bool {
        let mut found = false;
        let mut pos = 0;
        for seg in s.split(is_space) {
            let seg_start = pos;
            pos += seg.len()
                + s[pos + seg.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            let Some((off, d, len)) = find_date(seg) else {
                continue;
            };
            let label = date_label(&seg[off + len..]).unwrap_or("");
            let abs = start + seg_start + off;
            self.push_date(label, d, abs, abs + len);
            found = true;
        }
        found
    }

    /// A line that starts with a date (`2018年9月29日 …通过`).
    fn date_line(&mut self, start: usize, s: &str) -> bool {
        let lead = s.len() - s.trim_start_matches(['—', '-', '－']).len();
        let Some((d, len)) = date_at(&s[lead..]) else {
            return false;
        };
        let rest = &s[lead + len..];
        let label = date_label(rest).unwrap_or("");
        self.push_date(label, d, start + lead, start + lead + len);
        let rest = trim(rest);
        if rest.starts_with('在') && self.meta.subtitle.is_none() {
            self.meta.subtitle = Some(trim(&s[lead..]).to_string());
        }
        if self.meta.author.is_none() {
            self.meta.author = speaker_name(rest);
        }
        true
    }
}

fn is_dateish(s: &str) -> bool {
    date_at(s.trim_start_matches(['—', '-', '－'])).is_some() || paren_date(s).is_some()
}

/// A line the header reader consumes as metadata (not title or prose).
fn is_metadata(s: &str) -> bool {
    is_dateish(s)
        || doc_number(s).is_some()
        || header_kv(s).is_some()
        || (short(s, 30)
            && (s.ends_with("发布") || s.ends_with("印发"))
            && !s.contains(['，', '。']))
}

/// `目录`, `目　录`: `join_spaced(s) == "目录"` without building the joined string (the only
/// ways to split `目录` into parts are `目录` and `目` `录`), so a long line costs two chars.
fn is_toc_heading(s: &str) -> bool {
    s.chars().filter(|&c| !is_space(c)).eq(['目', '录'])
}

/// Whether the line after a title line confirms that the title runs over two lines.
fn confirms_title(s: &str) -> bool {
    subtitle_of(s).is_some()
        || is_dateish(s)
        || header_kv(s).is_some()
        || (short(s, 30) && speaker_name(s).is_some())
}

pub(crate) fn read(text: &str, lines: &[Line], idx: &CharIndex<'_>) -> Header {
    let mut cx = Ctx {
        text,
        idx,
        meta: Meta::default(),
        kv_published: None,
    };
    let line = |i: usize| -> &str { lines.get(i).map_or("", |l| &text[l.start..l.end]) };
    let mut i = 0usize;
    let mut title_done = false;
    let mut pending_label: Option<usize> = None; // index into dates awaiting a label
    let limit = lines.len().min(MAX_HEADER_LINES);
    while i < limit {
        let s = line(i);
        let start = lines[i].start;
        if is_separator(s) {
            i += 1;
            continue;
        }
        if marker_at(s).is_some() || is_salutation(s) {
            break;
        }
        // A table of contents (`目录` and the heading lines after it) belongs to the header,
        // so its entries do not become sections.
        if is_toc_heading(s) {
            i += 1;
            while i < lines.len() {
                let t = line(i);
                if !short(t, 60) || t.contains('。') || is_salutation(t) {
                    break;
                }
                i += 1;
            }
            break;
        }
        if let Some(sub) = subtitle_of(s) {
            if let Some((off, d, len)) = find_date(sub).filter(|(o, _, _)| *o == 0) {
                let abs = start + (sub.as_ptr() as usize - s.as_ptr() as usize) + off;
                cx.push_date("", d, abs, abs + len);
                if cx.meta.author.is_none() {
                    cx.meta.author = speaker_name(&sub[len..]);
                }
            }
            if cx.meta.subtitle.is_none() {
                cx.meta.subtitle = Some(sub.to_string());
            }
            title_done = true;
            i += 1;
            continue;
        }
        if let Some((off, d, len)) = paren_date(s) {
            let label = date_label(&s[off + len..]).unwrap_or("");
            cx.push_date(label, d, start + off, start + off + len);
            title_done = true;
            i += 1;
            continue;
        }
        // `（…会议通过 2008年4月17日…公告公布 自2008年4月23日起施行）`: several events.
        if s.starts_with(['（', '('])
            && s.ends_with(['）', ')'])
            && short(s, 300)
            && cx.bracket_events(start, s)
        {
            title_done = true;
            i += 1;
            continue;
        }
        // `(譯自…俄文稿)`: a bracketed note in the header is not a title.
        if s.starts_with(['（', '('])
            && s.ends_with(['）', ')'])
            && short(s, 80)
            && !s.contains(['。', '作'])
        {
            let inner = trim(
                s.trim_start_matches(['（', '('])
                    .trim_end_matches(['）', ')']),
            );
            cx.meta.extra.push((String::new(), inner.to_string()));
            i += 1;
            continue;
        }
        if cx.date_line(start, s) {
            let last = cx.meta.dates.len() - 1;
            pending_label = cx.meta.dates[last].label.is_empty().then_some(last);
            title_done = true;
            i += 1;
            continue;
        }
        if let Some(fields) = header_kv(s) {
            cx.kv_line(start, s, fields);
            title_done = true;
            i += 1;
            continue;
        }
        if let Some(no) = doc_number(s) {
            cx.meta.doc_number.get_or_insert_with(|| no.to_string());
            i += 1;
            continue;
        }
        if !title_done && title_like(s) {
            let mut title = join_title(s);
            let next = line(i + 1);
            if i + 1 < limit
                && title_like(next)
                && short(next, 40)
                && !confirms_title(next)
                && doc_number(next).is_none()
                && confirms_title(line(i + 2))
            {
                title.push(' ');
                title.push_str(&join_title(next));
                i += 1;
            }
            cx.meta.title = Some(title);
            title_done = true;
            i += 1;
            continue;
        }
        if title_done
            && short(s, 30)
            && !s.contains(['，', '。', '：', ':'])
            && let Some(name) = speaker_name(s)
        {
            cx.meta.author.get_or_insert(name);
            i += 1;
            continue;
        }
        // The wrapped tail of a date line whose event verb is on a later line.
        if let Some(d) = pending_label
            && short(s, 160)
            && !s.contains('。')
        {
            if let Some(l) = date_label(s) {
                cx.meta.dates[d].label = l.to_string();
                pending_label = None;
            }
            i += 1;
            continue;
        }
        // Short lines between the title and later metadata (a title repeated over two lines,
        // a series name) belong to the header when a metadata line follows within three.
        if title_done
            && title_like(s)
            && short(s, 50)
            && (1..=3).any(|k| i + k < limit && is_metadata(line(i + k)))
            && !(s.ends_with("发布") || s.ends_with("印发"))
        {
            i += 1;
            continue;
        }
        // `最高人民法院发布`: an issuing organ line.
        if title_done
            && short(s, 30)
            && !s.contains(['，', '。'])
            && (s.ends_with("发布") || s.ends_with("印发"))
        {
            cx.meta
                .issuer
                .get_or_insert_with(|| trim(&s[..s.len() - "发布".len()]).to_string());
            i += 1;
            continue;
        }
        break;
    }
    let body_start = i;
    let body_end = footer(&mut cx, lines, body_start);
    if !cx.meta.dates.iter().any(|d| d.label == "施行") {
        effective_date(&mut cx, &lines[body_start..body_end]);
    }
    let mut meta = cx.meta;
    meta.published = cx.kv_published.or_else(|| {
        meta.dates
            .iter()
            .find(|d| matches!(d.label.as_str(), "公布" | "发布" | "印发" | "颁布"))
            .or(meta.dates.first())
            .map(|d| d.date)
    });
    Header {
        meta,
        body_start,
        body_end,
    }
}

fn join_title(s: &str) -> String {
    join_spaced(s)
}

/// Read footer lines backwards; returns the index of the first footer line.
fn footer(cx: &mut Ctx<'_>, lines: &[Line], body_start: usize) -> usize {
    let text = cx.text;
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
        if let Some(note) = author_note(s) {
            cx.meta.author_note.get_or_insert(note);
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
                cx.kv_line(l.start, s, fields);
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
        if let Some((off, d, len)) = closing
            && trim(&s[off + len..])
                .chars()
                .all(|c| matches!(c, '）' | ')'))
        {
            cx.push_date("", d, l.start + off, l.start + off + len);
            end -= 1;
            if end > body_start {
                let p = &lines[end - 1];
                let ps = &text[p.start..p.end];
                if short(ps, 30)
                    && !ps.contains(['。', '，', '；', '：', ':'])
                    && marker_at(ps).is_none()
                {
                    cx.meta.issuer.get_or_insert_with(|| ps.to_string());
                    end -= 1;
                }
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
fn effective_date(cx: &mut Ctx<'_>, body: &[Line]) {
    let text = cx.text;
    for l in body.iter().rev().take(12) {
        let s = &text[l.start..l.end];
        // Each `自` in turn (`memmem` checks the whole char at once: `find(char)` stops at
        // every byte equal to its last byte, common in Chinese text).
        for k in ZI.find_iter(s.as_bytes()) {
            let at = k + '自'.len_utf8();
            let Some((d, len)) = date_at(&s[at..]) else {
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
                cx.push_date("施行", d, l.start + at, l.start + at + len);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kv_split() {
        let f = kv_fields("发布时间:2008-12-09 08:26:00 访问次数: 艾立明 信息来源:《黑龙江日报》")
            .unwrap();
        assert_eq!(
            f,
            vec![
                ("发布时间", "2008-12-09 08:26:00"),
                ("访问次数", "艾立明"),
                ("信息来源", "《黑龙江日报》")
            ]
        );
        assert_eq!(
            kv_fields("来源 : 南方日报").unwrap(),
            vec![("来源", "南方日报")]
        );
        assert!(kv_fields("现在，我代表国务院：").is_none());
    }

    #[test]
    fn speakers() {
        assert_eq!(
            speaker_name("国务院总理　李克强").as_deref(),
            Some("李克强")
        );
        assert_eq!(speaker_name("习　近　平").as_deref(), Some("习近平"));
        assert_eq!(
            speaker_name("国务院副总理兼国家计划委员会主任姚依林").as_deref(),
            Some("姚依林")
        );
        assert_eq!(
            speaker_name("广东省省长 王伟中　").as_deref(),
            Some("王伟中")
        );
        assert_eq!(
            speaker_name(
                "在北京市第十六届人民代表大会第三次会议上北京市市长 殷勇同志作政府工作报告"
            )
            .as_deref(),
            Some("殷勇")
        );
        assert_eq!(
            speaker_name("河南省人民政府省长王凯作政府工作报告").as_deref(),
            Some("王凯")
        );
    }

    #[test]
    fn word_ends() {
        for (words, ends) in [(DATE_LABELS, DATE_LABEL_ENDS), (ROLES, ROLE_ENDS)] {
            for w in words {
                assert!(w.chars().last().is_some_and(|c| ends.contains(&c)), "{w}");
            }
        }
        // As the latest `rfind` end over the words, the longer word on a tie.
        let by_rfind = |s: &str, words: &[&'static str]| {
            words
                .iter()
                .filter_map(|w| s.rfind(w).map(|i| (i + w.len(), w.len(), *w)))
                .max()
                .map(|(e, _, w)| (e, w))
        };
        for s in [
            "全国人民代表大会公告公布施行",
            "2008年4月17日通过 公布 自2008年4月23日起施行",
            "通过",
            "公布施行批准",
            "",
            "无",
            "国务院副总理兼国家计划委员会主任姚依林",
            "总书记书记",
            "市长 殷勇同志作政府工作报告，代市长",
        ] {
            assert_eq!(
                last_word(s, DATE_LABELS, DATE_LABEL_ENDS),
                by_rfind(s, DATE_LABELS),
                "{s}"
            );
            let roles = last_word(s, ROLES, ROLE_ENDS).map(|(e, _)| e);
            assert_eq!(roles, by_rfind(s, ROLES).map(|(e, _)| e), "{s}");
        }
    }

    #[test]
    fn toc_heading() {
        for s in [
            "目录",
            "目　录",
            "目 \u{3000} 录",
            "目录 ",
            "目 录目",
            "目录：",
            "目",
            "",
            "录目",
        ] {
            assert_eq!(is_toc_heading(s), join_spaced(s) == "目录", "{s:?}");
        }
    }

    #[test]
    fn notes_and_numbers() {
        assert_eq!(
            author_note("(作者系黑龙江省委办公厅副主任)").as_deref(),
            Some("黑龙江省委办公厅副主任")
        );
        assert_eq!(doc_number("余府发〔2012〕3号"), Some("余府发〔2012〕3号"));
        assert_eq!(doc_number("劳社部发[2008]3号"), Some("劳社部发[2008]3号"));
        assert_eq!(
            date_label("第十三届全国人民代表大会常务委员会第五次会议通过"),
            Some("通过")
        );
        assert_eq!(date_label("全国人民代表大会公告公布施行"), Some("公布施行"));
    }
}
