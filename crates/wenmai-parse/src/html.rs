//! HTML to text with `scraper` (html5ever): block elements become lines, entities are
//! decoded, scripts, styles and other non-content elements are dropped.

use std::collections::HashMap;

use scraper::{Html, Node};

use crate::text::is_han;

/// The deepest nesting of elements given to the HTML parser. html5ever looks through the
/// stack of open elements for many tags, so unclosed nesting costs depth squared; real pages
/// stay far below this (Blink caps its parser's tree at 512).
pub const MAX_HTML_DEPTH: usize = 1000;

/// HTML the parser is not given: nested deeper than [`MAX_HTML_DEPTH`].
///
/// # Examples
/// ```
/// let err = wenmai_parse::try_html_to_text(&"<div>".repeat(2000)).unwrap_err();
/// assert_eq!((err.depth, err.offset), (1000, 5000));
/// assert!(err.to_string().contains("1000"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "HTML nested deeper than {depth} elements (byte offset {offset}; unclosed tags?): \
     refused, its parse would take time growing with the square of the depth"
)]
pub struct HtmlError {
    /// The limit that was reached ([`MAX_HTML_DEPTH`]).
    pub depth: usize,
    /// Byte offset of the first start tag past the limit.
    pub offset: usize,
}

/// Elements whose content is never text of the document.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "canvas",
    "select", "textarea", "button",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Extract the text of an HTML document: one line per block element (`<p>`, `<div>`, `<h1>`,
/// `<li>`, `<br>` …), blank lines between blocks, entities decoded, runs of ASCII whitespace
/// folded to one space, `<pre>` kept as it is. When the body has no `<h1>`, the `<title>`
/// becomes the first line.
///
/// # Examples
/// ```
/// let text = wenmai_parse::html_to_text("<p>第一段&nbsp;&lt;好&gt;</p><script>x()</script><div>第二段<br>下一行</div>");
/// assert_eq!(text, "第一段\u{a0}<好>\n\n第二段\n下一行");
/// // Source line breaks inside Chinese text vanish; between words they are a space.
/// assert_eq!(wenmai_parse::html_to_text("<p>服务\n  意识 and\nmore</p>"), "服务意识 and more");
/// ```
///
/// Elements nested deeper than [`MAX_HTML_DEPTH`] lose their tags (their text is kept), so
/// that the time stays linear; [`try_html_to_text`] refuses such pages instead.
pub fn html_to_text(html: &str) -> String {
    let over = too_deep(html, MAX_HTML_DEPTH);
    if over.is_empty() {
        return extract(html);
    }
    let mut flat = String::with_capacity(html.len());
    let mut at = 0;
    for (start, end) in over {
        flat.push_str(&html[at..start]);
        at = end;
    }
    flat.push_str(&html[at..]);
    extract(&flat)
}

/// As [`html_to_text`], but HTML nested deeper than [`MAX_HTML_DEPTH`] is an error.
///
/// # Errors
/// [`HtmlError`] naming the limit and the byte offset of the first tag past it.
///
/// # Examples
/// ```
/// assert_eq!(wenmai_parse::try_html_to_text("<p>正文</p>").unwrap(), "正文");
/// ```
pub fn try_html_to_text(html: &str) -> Result<String, HtmlError> {
    match too_deep(html, MAX_HTML_DEPTH).first() {
        Some(&(offset, _)) => Err(HtmlError {
            depth: MAX_HTML_DEPTH,
            offset,
        }),
        None => Ok(extract(html)),
    }
}

/// Void elements: never open.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their own end tag.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements that a start tag of the same name closes (`<li>a<li>b`: siblings).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "rtc",
    "thead", "tbody", "tfoot", "caption", "colgroup",
];

/// The byte ranges of the start tags that open an element past `limit` deep, found by a
/// linear scan that models the parser's stack of open elements (end tags close up to their
/// element, `<p>` is closed by a block, `<li>` by the next `<li>`, `/>` closes inside SVG and
/// MathML). An approximation: it may see a page as a little deeper or shallower than
/// html5ever does, never by the unclosed nesting that makes html5ever slow.
fn too_deep(html: &str, limit: usize) -> Vec<(usize, usize)> {
    let b = html.as_bytes();
    let mut names = Names::default();
    let p = names.id(b"p");
    let mut stack: Vec<u32> = Vec::new();
    let mut over = Vec::new();
    let mut foreign = 0usize;
    let mut lower = Vec::new();
    let mut i = 0;
    let pop_to = |stack: &mut Vec<u32>, names: &mut Names, id: u32| {
        if names.open[id as usize] == 0 {
            return;
        }
        while let Some(top) = stack.pop() {
            names.open[top as usize] -= 1;
            if top == id {
                break;
            }
        }
    };
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        let start = i + lt;
        let rest = &b[start..];
        if rest.starts_with(b"<!--") {
            i = find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = memchr::memchr(b'>', &b[start..]).map_or(b.len(), |e| start + e + 1);
            continue;
        }
        let end_tag = rest.get(1) == Some(&b'/');
        let name_at = start + 1 + usize::from(end_tag);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let mut j = name_at;
        while j < b.len() && !matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            j += 1;
        }
        lower.clear();
        lower.extend(b[name_at..j].iter().map(u8::to_ascii_lowercase));
        let id = names.id(&lower);
        let kind = names.kind[id as usize];
        let (tag_end, self_closing) = tag_end(b, j);
        i = tag_end;
        if end_tag {
            if kind & FOREIGN != 0 {
                foreign = foreign.saturating_sub(1);
            }
            pop_to(&mut stack, &mut names, id);
            continue;
        }
        if kind & VOID_KIND != 0 || (self_closing && foreign > 0) {
            continue;
        }
        if kind & SIBLING != 0 {
            pop_to(&mut stack, &mut names, id);
        } else if kind & BLOCK != 0 {
            pop_to(&mut stack, &mut names, p);
        }
        if stack.len() >= limit {
            over.push((start, tag_end));
            continue;
        }
        if kind & FOREIGN != 0 {
            foreign += 1;
        }
        names.open[id as usize] += 1;
        stack.push(id);
        if kind & RAW_KIND != 0 {
            // Text up to `</name`: no tags inside.
            let mut k = i;
            i = b.len();
            while let Some(e) = find(b, k, b"</") {
                let after = &b[e + 2..];
                if after.len() >= lower.len() && after[..lower.len()].eq_ignore_ascii_case(&lower) {
                    i = e;
                    break;
                }
                k = e + 2;
            }
        }
    }
    over
}

const VOID_KIND: u8 = 1;
const RAW_KIND: u8 = 2;
const SIBLING: u8 = 4;
const BLOCK: u8 = 8;
const FOREIGN: u8 = 16;

/// Tag names seen by [`too_deep`], each a number with its kind and how many are open.
#[derive(Default)]
struct Names {
    ids: HashMap<Vec<u8>, u32>,
    kind: Vec<u8>,
    open: Vec<usize>,
}

impl Names {
    fn id(&mut self, name: &[u8]) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.kind.len() as u32;
        let is = |list: &[&str]| list.iter().any(|n| n.as_bytes() == name);
        let mut kind = 0;
        for (list, flag) in [
            (VOID, VOID_KIND),
            (RAW, RAW_KIND),
            (SELF_CLOSING_SIBLINGS, SIBLING),
            (BLOCKS, BLOCK),
            (&["svg", "math"][..], FOREIGN),
        ] {
            if is(list) {
                kind |= flag;
            }
        }
        self.ids.insert(name.to_vec(), id);
        self.kind.push(kind);
        self.open.push(0);
        id
    }
}

/// The first `needle` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|e| from + e)
}

/// Where a tag whose name ends at `j` ends (after its `>`), and whether it ends with `/>`;
/// quoted attribute values may hold `>`.
fn tag_end(b: &[u8], mut j: usize) -> (usize, bool) {
    let mut slash = false;
    while j < b.len() {
        match b[j] {
            b'>' => return (j + 1, slash),
            q @ (b'"' | b'\'')
                if j > 0 && b[j - 1] == b'='
                    || j > 1 && b[j - 1].is_ascii_whitespace() && b[j - 2] == b'=' =>
            {
                j = memchr::memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e + 1);
                slash = false;
                continue;
            }
            b'/' => slash = true,
            c if c.is_ascii_whitespace() => {}
            _ => slash = false,
        }
        j += 1;
    }
    (b.len(), slash)
}

/// The text of HTML the parser may be given.
fn extract(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = Lines::default();
    let has_h1 = doc
        .tree
        .nodes()
        .any(|n| matches!(n.value(), Node::Element(e) if e.name() == "h1"));
    if !has_h1 {
        for node in doc.tree.nodes() {
            if let Node::Element(e) = node.value()
                && e.name() == "title"
            {
                for t in node.descendants() {
                    if let Node::Text(t) = t.value() {
                        out.push_text(t, false);
                    }
                }
                out.block();
                break;
            }
        }
    }
    // Iterative walk (deeply nested markup must not overflow the stack).
    let mut stack = vec![(doc.tree.root(), false)];
    let mut pre_depth = 0usize;
    while let Some((node, closing)) = stack.pop() {
        match node.value() {
            Node::Element(e) => {
                let name = e.name();
                if closing {
                    if BLOCKS.contains(&name) {
                        out.block();
                    }
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    continue;
                }
                if SKIPPED.contains(&name) {
                    continue;
                }
                if name == "br" {
                    out.line_break();
                    continue;
                }
                if BLOCKS.contains(&name) {
                    out.block();
                }
                if name == "pre" {
                    pre_depth += 1;
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            Node::Text(t) => out.push_text(t, pre_depth > 0),
            Node::Document | Node::Fragment => {
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    out.finish()
}

#[derive(Default)]
struct Lines {
    out: String,
    /// Pending separator: 0 none, 1 line break, 2 blank line.
    pending: u8,
    /// Whether the current line is empty so far.
    at_line_start: bool,
}

impl Lines {
    fn push_text(&mut self, text: &str, pre: bool) {
        if pre {
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.line_break();
                }
                if !line.trim().is_empty() {
                    self.flush();
                    self.out.push_str(line.trim_end());
                }
            }
            return;
        }
        let mut space = false;
        let mut newline = false;
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                space = true;
                newline |= c == '\n';
                continue;
            }
            self.flush();
            // A source line break between two ideographs is layout, not a space.
            let between_han =
                newline && is_han(c) && self.out.chars().next_back().is_some_and(is_han);
            if space && !between_han && !self.at_line_start && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
            space = false;
            newline = false;
            self.out.push(c);
            self.at_line_start = false;
        }
        if space && !self.at_line_start && !self.out.is_empty() && !self.out.ends_with(' ') {
            self.out.push(' ');
        }
    }

    fn flush(&mut self) {
        if self.pending > 0 && !self.out.is_empty() {
            while self.out.ends_with(' ') {
                self.out.pop();
            }
            self.out.push('\n');
            if self.pending > 1 {
                self.out.push('\n');
            }
        }
        if self.pending > 0 || self.out.is_empty() {
            self.at_line_start = true;
        }
        self.pending = 0;
    }

    fn block(&mut self) {
        self.pending = 2;
    }

    fn line_break(&mut self) {
        self.pending = self.pending.max(1);
    }

    fn finish(mut self) -> String {
        while self.out.ends_with(' ') || self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_modelled_on_the_parser() {
        let d = |h: &str| too_deep(h, 3).len();
        assert_eq!(d("<div><div><div>a</div></div></div>"), 0);
        assert_eq!(d("<div><div><div><div>a"), 1);
        // Closed, or implicitly closed, elements do not add up.
        assert_eq!(d(&"<div>a</div>".repeat(10)), 0);
        assert_eq!(d(&"<p>a".repeat(10)), 0);
        assert_eq!(d(&"<ul><li>a".repeat(2)), 0);
        assert_eq!(d(&"<br><img src='a>b'><hr/>".repeat(10)), 0);
        assert_eq!(d(&"<div><span>a</div>".repeat(10)), 0);
        assert_eq!(
            d(&"<svg><path d='M0'/><path/><path/><path/></svg>".repeat(3)),
            0
        );
        assert_eq!(d("<script>'<div><div><div><div>'</script>"), 0);
        assert_eq!(d("<!-- <div><div><div><div> -->"), 0);
        // In HTML `/>` does not close a `<div>`.
        assert_eq!(d(&"<div/>".repeat(5)), 2);
    }

    #[test]
    fn too_deep_pages_are_flattened_or_refused() {
        let page = format!(
            "{}正文{}",
            "<div>".repeat(MAX_HTML_DEPTH + 5),
            "</div>".repeat(3)
        );
        assert_eq!(html_to_text(&page), "正文");
        let err = try_html_to_text(&page).unwrap_err();
        assert_eq!(err.offset, 5 * MAX_HTML_DEPTH);
        let fine = format!("{}正文", "<div>".repeat(MAX_HTML_DEPTH));
        assert_eq!(try_html_to_text(&fine).unwrap(), "正文");
    }
}
