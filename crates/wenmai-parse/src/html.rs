//! HTML to text with `scraper` (html5ever): block elements become lines, entities are
//! decoded, scripts, styles and other non-content elements are dropped.

use scraper::{Html, Node};

use crate::text::is_han;

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
pub fn html_to_text(html: &str) -> String {
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
