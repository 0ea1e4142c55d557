//! The document model: what [`crate::parse`] produces.
//!
//! Every node carries a [`Span`] into [`Document::text`], in byte offsets (for Rust slicing)
//! and char offsets (for Python, which indexes `str` by code point).

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of the document text, in bytes and in chars.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Char (Unicode scalar) offset of the first char.
    pub char_start: usize,
    /// Char offset one past the last char.
    pub char_end: usize,
}

impl Span {
    /// The text this span covers in `text` (the document's text).
    ///
    /// # Examples
    /// ```
    /// let doc = wenmai_parse::parse("标题\n正文。");
    /// assert_eq!(doc.paragraphs[0].span.slice(&doc.text), "标题");
    /// ```
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Length in bytes.
    ///
    /// # Examples
    /// ```
    /// let doc = wenmai_parse::parse("标题");
    /// let span = doc.paragraphs[0].span;
    /// assert_eq!((span.len(), span.char_end - span.char_start), (6, 2));
    /// ```
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    ///
    /// # Examples
    /// ```
    /// assert!(wenmai_parse::Span::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A date, with or without a time of day. Serialised as an ISO 8601 string.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n发布时间：2008-12-09 08:26:00\n正文。");
/// let json = serde_json::to_string(&doc.meta.published).unwrap();
/// assert_eq!(json, "\"2008-12-09T08:26:00\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DateValue {
    /// A calendar date and a time, e.g. `2008-12-09 08:26:00`.
    DateTime(chrono::NaiveDateTime),
    /// A calendar date only, e.g. `2017年3月5日`.
    Date(chrono::NaiveDate),
}

/// A date found in the header or footer with the event it labels (`通过`, `公布`, `施行` …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabeledDate {
    /// The event (`通过`, `批准`, `公布`, `施行`, `发布`, `修正` …); empty when unlabelled.
    pub label: String,
    /// The date.
    pub date: DateValue,
    /// Where the date text is.
    pub span: Span,
}

/// Metadata of a document, taken from its header and footer lines.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n作者：习　近　平 来源：《人民日报》 栏目：要闻\n正文。\n（作者系某单位负责人）");
/// let m = &doc.meta;
/// assert_eq!(m.author.as_deref(), Some("习近平"));
/// assert_eq!(m.source.as_deref(), Some("人民日报"));
/// assert_eq!(m.author_note.as_deref(), Some("某单位负责人"));
/// assert_eq!(m.extra, vec![("栏目".to_string(), "要闻".to_string())]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The title (lines of a title over two lines joined).
    pub title: Option<String>,
    /// The subtitle (`——在…上的报告`).
    pub subtitle: Option<String>,
    /// The publication date (or the first labelled date when nothing says published).
    pub published: Option<DateValue>,
    /// The year: of [`Meta::published`], or without a date the year the file's name gives
    /// (`2019.txt`, `2025/上海市.txt`; see [`crate::read`]).
    #[serde(default)]
    pub year: Option<i32>,
    /// Every labelled date, in document order.
    pub dates: Vec<LabeledDate>,
    /// The source, without `《》` (`黑龙江日报`).
    pub source: Option<String>,
    /// The author or speaker, spaced names joined (`习近平`).
    pub author: Option<String>,
    /// The author note at the end, without `作者系` and brackets.
    pub author_note: Option<String>,
    /// The document number (`余府发〔2012〕3号`).
    pub doc_number: Option<String>,
    /// The issuing organ.
    pub issuer: Option<String>,
    /// The visit count (`访问次数`), absent when empty.
    pub visits: Option<u64>,
    /// All other `key:value` header pairs, in document order; a law-database export's
    /// `【法宝引证码】` and `原文链接` lines are `("citation", …)` and `("url", …)`.
    pub extra: Vec<(String, String)>,
    /// The addressees of a notice or reply (`各县（市、区）人民政府`, `市直各单位`).
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The attachments listed at the end of the body (`附件：1.…`), without their numbers.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// The family of a heading or point marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkerFamily {
    /// `第X编`
    Part,
    /// `第X章`
    Chapter,
    /// `第X节`
    Subsection,
    /// `第X条`
    Article,
    /// `一、`
    Chinese,
    /// `（一）` / `(一)`
    ParenChinese,
    /// `1.` / `1、` / `１．`
    Arabic,
    /// `（1）` / `(1)`
    ParenArabic,
    /// `①`
    Circled,
    /// A heading without an ordinal, accepted on strong evidence.
    Unnumbered,
}

impl MarkerFamily {
    /// The family's name, as the parser's JSON writes it (`chinese`, `paren_chinese` …).
    ///
    /// # Examples
    /// ```
    /// use wenmai_parse::MarkerFamily;
    /// assert_eq!(MarkerFamily::ParenChinese.name(), "paren_chinese");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            MarkerFamily::Part => "part",
            MarkerFamily::Chapter => "chapter",
            MarkerFamily::Subsection => "subsection",
            MarkerFamily::Article => "article",
            MarkerFamily::Chinese => "chinese",
            MarkerFamily::ParenChinese => "paren_chinese",
            MarkerFamily::Arabic => "arabic",
            MarkerFamily::ParenArabic => "paren_arabic",
            MarkerFamily::Circled => "circled",
            MarkerFamily::Unnumbered => "unnumbered",
        }
    }
}

/// A heading of the outline and the part of the document it governs.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n一、总体要求\n（一）加快建设现代化产业体系。要做好。\n");
/// let s = &doc.sections[1];
/// assert_eq!((s.marker.as_str(), s.heading.as_str(), s.level, s.parent), ("（一）", "加快建设现代化产业体系", 2, Some(0)));
/// assert_eq!(doc.slice(s.heading_span), "（一）加快建设现代化产业体系");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Depth in the outline, 1 for top level.
    pub level: u8,
    /// The marker family.
    pub family: MarkerFamily,
    /// The marker as written (`一、`, `（二）`, `第三条`).
    pub marker: String,
    /// The ordinal value of the marker (`三` -> 3); 0 for unnumbered headings.
    pub number: u32,
    /// The heading text without the marker (for run-in headings: up to the first `。`).
    pub heading: String,
    /// Index of the parent section in [`Document::sections`].
    pub parent: Option<usize>,
    /// The heading (marker and heading text).
    pub heading_span: Span,
    /// The whole section: from the heading to the start of the next section of the same or a
    /// higher level (or the end of the body).
    pub span: Span,
    /// How sure the parser is that this is a heading, 0–100: 100 when the numbering continues
    /// from the previous sibling (or starts at 1), 50 when it does not (`一、` then `三、`);
    /// an unnumbered heading 80 on strong evidence (several in the document, or led by a
    /// year: `2024年工作回顾`), 40 when it is the only one.
    #[serde(default)]
    pub confidence: u8,
}

/// An inline enumeration leading a clause or paragraph: `一是…`, `首先…`, `第一，…`.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n要做到：一是学习，二是实践。");
/// let p: Vec<_> = doc.points.iter().map(|p| (p.marker.as_str(), p.number, doc.slice(p.span))).collect();
/// assert_eq!(p, [("一是", 1, "一是学习，"), ("二是", 2, "二是实践。")]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    /// The marker as written (`一是`, `其次`, `第一，`).
    pub marker: String,
    /// Its ordinal value (1-based).
    pub number: u32,
    /// From the marker to the end of the point (the next point or the paragraph end).
    pub span: Span,
    /// Index of the innermost section containing it.
    pub section: Option<usize>,
    /// Index of the paragraph containing it.
    pub paragraph: usize,
}

/// A paragraph of the body (header lines such as the title are paragraphs too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Where it is, without leading/trailing whitespace.
    pub span: Span,
    /// Index of the innermost section containing it.
    pub section: Option<usize>,
}

/// A sentence of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is, including its closing punctuation and quotes.
    pub span: Span,
    /// Index of the paragraph containing it.
    pub paragraph: usize,
    /// Index of the innermost section containing it.
    pub section: Option<usize>,
}

/// A parsed document. Everything points into [`Document::text`].
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n第一句。第二句！");
/// let s: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
/// assert_eq!(s, ["标题", "第一句。", "第二句！"]);
/// assert_eq!(doc.sentences[2].span.char_start, 8);
/// assert_eq!(doc.body_start, "标题\n\n".len());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The decoded text (LF line ends) all spans point into.
    pub text: String,
    /// Header and footer metadata.
    pub meta: Meta,
    /// The outline, in pre-order (document order).
    pub sections: Vec<Section>,
    /// Inline enumerations.
    pub points: Vec<Point>,
    /// Paragraphs in document order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in document order.
    pub sentences: Vec<Sentence>,
    /// Byte offset where the body starts (after the header lines).
    pub body_start: usize,
}

impl Document {
    /// The outline as text: one heading a line, indented two spaces per level below the top,
    /// marker and heading separated by a space.
    ///
    /// # Examples
    /// ```
    /// let doc = wenmai_parse::parse("标题\n一、总体要求\n（一）指导思想\n正文。\n二、主要任务\n");
    /// assert_eq!(doc.outline(), "一、 总体要求\n  （一） 指导思想\n二、 主要任务\n");
    /// ```
    pub fn outline(&self) -> String {
        let mut out = String::new();
        for s in &self.sections {
            for _ in 1..s.level {
                out.push_str("  ");
            }
            out.push_str(&s.marker);
            if !s.heading.is_empty() {
                if !s.marker.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s.heading);
            }
            out.push('\n');
        }
        out
    }

    /// The whole document as JSON (the schema is described in the crate documentation).
    ///
    /// # Errors
    /// Only if `serde_json` fails, which it does not for this model.
    ///
    /// # Examples
    /// ```
    /// let doc = wenmai_parse::parse("标题\n正文。");
    /// let json = doc.to_json().unwrap();
    /// let back: wenmai_parse::Document = serde_json::from_str(&json).unwrap();
    /// assert_eq!(back, doc);
    /// ```
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// The whole document as pretty-printed JSON.
    ///
    /// # Errors
    /// Only if `serde_json` fails, which it does not for this model.
    ///
    /// # Examples
    /// ```
    /// let doc = wenmai_parse::parse("标题\n正文。");
    /// assert!(doc.to_json_pretty().unwrap().contains("\"title\": \"标题\""));
    /// ```
    pub fn to_json_pretty(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    /// The text of a span of this document.
    ///
    /// # Examples
    /// ```
    /// let doc = wenmai_parse::parse("标题\n正文。");
    /// assert_eq!(doc.slice(doc.sentences[1].span), "正文。");
    /// ```
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::MarkerFamily;

    #[test]
    fn family_names_are_the_json_names() {
        use MarkerFamily::*;
        let all = [
            Part,
            Chapter,
            Subsection,
            Article,
            Chinese,
            ParenChinese,
            Arabic,
            ParenArabic,
            Circled,
            Unnumbered,
        ];
        for f in all {
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.name())
            );
        }
    }
}
