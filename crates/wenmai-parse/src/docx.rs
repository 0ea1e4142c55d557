//! `.docx` to text with `zip` and `quick-xml`: the body's paragraphs in order, one line each,
//! a table one line per row (cells joined by a tab), and the numbers Word generates for list
//! paragraphs (`w:numPr`, by paragraph or by style) written out as Word shows them, so that a
//! heading numbered by Word reads `一、总体要求` as in a `.txt`.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::numerals::format_number;

/// Why bytes are not a Word document that can be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DocxError(String);

impl DocxError {
    /// A Word 97-2003 file or an encrypted `.docx` (both OLE compound files).
    pub(crate) fn ole() -> DocxError {
        DocxError(OLE_MESSAGE.into())
    }
}

/// One level of a list definition (`w:abstractNum/w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:isLgl`: every `%k` as a decimal number.
    legal: bool,
    /// `w:suff="nothing"`: no tab or space between the number and the text.
    no_suffix: bool,
    /// `w:pStyle`: the paragraph style bound to this level.
    style: Option<String>,
}

/// `numbering.xml`: the list definitions and the list instances that use them.
#[derive(Debug, Default)]
struct Numbering {
    /// `w:abstractNumId` -> its levels by `w:ilvl`.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// `w:numId` -> (`w:abstractNumId`, `w:startOverride` by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

/// A paragraph style: its numbering (`w:numPr`) and the style it is based on.
#[derive(Debug, Default, Clone)]
struct Style {
    num_id: Option<String>,
    ilvl: Option<u8>,
    based_on: Option<String>,
}

/// The local name of an element or attribute (`w:p` -> `p`), whatever the prefix.
fn local(name: &[u8]) -> &[u8] {
    name.iter()
        .rposition(|&b| b == b':')
        .map_or(name, |i| &name[i + 1..])
}

/// The value of the attribute with local name `key` (`w:val`).
fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == key)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> DocxError {
    DocxError(format!(
        "not a valid Word document: {part} is not well-formed XML ({e})"
    ))
}

/// An element of a part as [`walk_part`] gives it: a start (or empty element) with its
/// local name, or an end.
enum Tag<'a, 'b> {
    Start(&'a BytesStart<'b>, &'a [u8]),
    End(&'a [u8]),
}

/// Every element of a part to `f`, an empty element as a start and an end.
fn walk_part(xml: &[u8], part: &str, mut f: impl FnMut(Tag<'_, '_>)) -> Result<(), DocxError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => f(Tag::Start(&e, local(e.name().as_ref()))),
            Ok(Event::Empty(e)) => {
                let name = local(e.name().as_ref()).to_vec();
                f(Tag::Start(&e, &name));
                f(Tag::End(&name));
            }
            Ok(Event::End(e)) => f(Tag::End(local(e.name().as_ref()))),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(xml_error(part, e)),
        }
        buf.clear();
    }
}

fn number_attr(e: &BytesStart<'_>, key: &[u8]) -> Option<u32> {
    attr(e, key).and_then(|v| v.trim().parse().ok())
}

fn read_numbering(xml: &[u8]) -> Result<Numbering, DocxError> {
    let mut n = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut levels: HashMap<u8, Level> = HashMap::new();
    let mut level: Option<(u8, Level)> = None;
    let mut num: Option<(String, String, HashMap<u8, u32>)> = None;
    let mut override_level: Option<u8> = None;
    walk_part(xml, "word/numbering.xml", |tag| match tag {
        Tag::Start(e, name) => {
            let lvl = level.as_mut().map(|(_, l)| l);
            match (name, lvl) {
                (b"abstractNum", _) => abstract_id = attr(e, b"abstractNumId"),
                (b"lvl", _) if abstract_id.is_some() => {
                    let ilvl = number_attr(e, b"ilvl").unwrap_or(0).min(8) as u8;
                    let fresh = Level {
                        start: 1,
                        format: "decimal".into(),
                        ..Level::default()
                    };
                    level = Some((ilvl, fresh));
                }
                (b"start", Some(l)) => l.start = number_attr(e, b"val").unwrap_or(1),
                (b"numFmt", Some(l)) => l.format = attr(e, b"val").unwrap_or_default(),
                (b"lvlText", Some(l)) => l.text = attr(e, b"val").unwrap_or_default(),
                (b"isLgl", Some(l)) => {
                    l.legal = attr(e, b"val").is_none_or(|v| v != "0" && v != "false");
                }
                (b"suff", Some(l)) => l.no_suffix = attr(e, b"val").as_deref() == Some("nothing"),
                (b"pStyle", Some(l)) => l.style = attr(e, b"val"),
                (b"num", _) => {
                    num = attr(e, b"numId").map(|id| (id, String::new(), HashMap::new()))
                }
                (b"abstractNumId", _) => {
                    if let (Some((_, a, _)), Some(v)) = (num.as_mut(), attr(e, b"val")) {
                        *a = v;
                    }
                }
                (b"lvlOverride", _) => {
                    override_level = number_attr(e, b"ilvl").map(|v| v.min(8) as u8);
                }
                (b"startOverride", _) => {
                    if let (Some((_, _, o)), Some(l)) = (num.as_mut(), override_level) {
                        o.insert(l, number_attr(e, b"val").unwrap_or(1));
                    }
                }
                _ => {}
            }
        }
        Tag::End(name) => match name {
            b"lvl" => {
                if let Some((i, l)) = level.take() {
                    levels.entry(i).or_insert(l);
                }
            }
            b"abstractNum" => {
                if let Some(id) = abstract_id.take() {
                    n.abstracts.insert(id, std::mem::take(&mut levels));
                }
            }
            b"num" => {
                if let Some((id, a, o)) = num.take() {
                    n.nums.insert(id, (a, o));
                }
            }
            _ => {}
        },
    })?;
    Ok(n)
}

fn read_styles(xml: &[u8]) -> Result<HashMap<String, Style>, DocxError> {
    let mut styles = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    walk_part(xml, "word/styles.xml", |tag| match tag {
        Tag::Start(e, name) => {
            if name == b"style" {
                current = attr(e, b"styleId").map(|id| (id, Style::default()));
            } else if let Some((_, s)) = current.as_mut() {
                match name {
                    b"basedOn" => s.based_on = attr(e, b"val"),
                    b"numId" => s.num_id = attr(e, b"val"),
                    b"ilvl" => s.ilvl = number_attr(e, b"val").map(|v| v.min(8) as u8),
                    _ => {}
                }
            }
        }
        Tag::End(name) => {
            if name == b"style"
                && let Some((id, s)) = current.take()
            {
                styles.insert(id, s);
            }
        }
    })?;
    Ok(styles)
}

/// The list counters of a document, and how to number its paragraphs.
#[derive(Debug, Default)]
struct Lists<'a> {
    numbering: Numbering,
    /// The package, whose `styles.xml` is read into `styles` when a paragraph first needs
    /// its style's numbering (Word's styles part is often far larger than a document).
    package: Option<zip::ZipArchive<Cursor<&'a [u8]>>>,
    styles: HashMap<String, Style>,
    /// `w:numId` -> the current value at each level (`None`: not used since its reset).
    counters: HashMap<String, [Option<u32>; 9]>,
}

impl Lists<'_> {
    /// The numbering of a paragraph: its own `w:numPr`, else its style's (through `basedOn`).
    fn num_pr(
        &mut self,
        num_id: Option<&str>,
        ilvl: Option<u8>,
        style: Option<&str>,
    ) -> Option<(String, u8)> {
        if let Some(id) = num_id {
            // `w:numId w:val="0"` removes the style's numbering.
            return (id != "0").then(|| (id.to_string(), ilvl.unwrap_or(0)));
        }
        let mut name = style?;
        if self.numbering.nums.is_empty() {
            return None;
        }
        if let Some(mut zip) = self.package.take()
            && let Ok(Some(xml)) = part(&mut zip, "word/styles.xml")
        {
            // A damaged styles part costs the style's numbers, not the text.
            self.styles = read_styles(&xml).unwrap_or_default();
        }
        for _ in 0..16 {
            let s = self.styles.get(name)?;
            if let Some(id) = &s.num_id {
                if id == "0" {
                    return None;
                }
                let level = ilvl.or(s.ilvl).or_else(|| self.level_of_style(id, name));
                return Some((id.clone(), level.unwrap_or(0)));
            }
            name = s.based_on.as_deref()?;
        }
        None
    }

    /// The level of list `num_id` that names paragraph style `style` (`w:lvl/w:pStyle`).
    fn level_of_style(&self, num_id: &str, style: &str) -> Option<u8> {
        let (abs, _) = self.numbering.nums.get(num_id)?;
        let levels = self.numbering.abstracts.get(abs)?;
        levels
            .iter()
            .find(|(_, l)| l.style.as_deref() == Some(style))
            .map(|(&i, _)| i)
    }

    /// Count a paragraph of list `num_id` at level `ilvl` and give the number Word shows
    /// before it (with the space after it), or `None` for a bullet or an unknown list.
    fn next(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let (abs, overrides) = self.numbering.nums.get(num_id)?;
        let levels = self.numbering.abstracts.get(abs)?;
        let level = levels.get(&ilvl)?;
        let ilvl = usize::from(ilvl.min(8));
        let start_of = |i: usize| {
            overrides
                .get(&(i as u8))
                .copied()
                .or_else(|| levels.get(&(i as u8)).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id.to_string()).or_default();
        counters[ilvl] = Some(counters[ilvl].map_or(start_of(ilvl), |c| c + 1));
        for c in &mut counters[ilvl + 1..] {
            *c = None;
        }
        if level.format == "bullet" || level.format == "none" || level.text.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(k)) if (1..=9).contains(&k) => {
                    chars.next();
                    let i = k as usize - 1;
                    let value = counters[i].unwrap_or_else(|| start_of(i));
                    let format = match levels.get(&(i as u8)) {
                        Some(l) if !level.legal => l.format.as_str(),
                        _ => "decimal",
                    };
                    out.push_str(&format_number(value, format));
                }
                _ => out.push(c),
            }
        }
        let glued = out.ends_with(['、', '．', '）', ')', '】', '」', '：', ':']);
        if !level.no_suffix && !glued {
            out.push(' ');
        }
        Some(out)
    }
}

/// The text of one paragraph while it is read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u8>,
    style: Option<String>,
}

/// A table while it is read: the cells of the current row, and the current cell.
#[derive(Debug, Default)]
struct Table {
    row: Vec<String>,
    cell: String,
}

/// Add a line of text to the open table cell, else to the output.
fn emit(lines: &mut Vec<String>, tables: &mut [Table], line: String) {
    match tables.last_mut() {
        Some(t) => {
            if !line.is_empty() {
                if !t.cell.is_empty() {
                    t.cell.push(' ');
                }
                t.cell.push_str(&line);
            }
        }
        None => lines.push(line),
    }
}

fn read_document(xml: &[u8], lists: &mut Lists<'_>) -> Result<String, DocxError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // Inside `w:t`: its text is the document's (not `w:delText`, `w:instrText`).
    let mut in_text = false;
    // Depth inside elements whose content is not shown: `mc:Fallback` repeats `mc:Choice`.
    let mut skip = 0usize;
    let mut in_ppr = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error("word/document.xml", e))?;
        let (e, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = e {
            let name = local(e.name().as_ref()).to_vec();
            if skip > 0 || name == b"Fallback" {
                skip += usize::from(!empty);
                buf.clear();
                continue;
            }
            match name.as_slice() {
                b"p" if !empty => paras.push(Para::default()),
                b"pPr" if !empty => in_ppr = true,
                b"pStyle" if in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        p.style = attr(e, b"val");
                    }
                }
                b"numId" if in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        p.num_id = attr(e, b"val");
                    }
                }
                b"ilvl" if in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        p.ilvl = number_attr(e, b"val").map(|v| v.min(8) as u8);
                    }
                }
                b"t" if !empty => in_text = true,
                b"tab" if !in_ppr => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push('\t');
                    }
                }
                b"br" | b"cr" => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push('\n');
                    }
                }
                b"noBreakHyphen" => {
                    if let Some(p) = paras.last_mut() {
                        p.text.push('-');
                    }
                }
                b"tbl" if !empty => tables.push(Table::default()),
                b"tc" if !empty => {
                    if let Some(t) = tables.last_mut() {
                        t.cell.clear();
                    }
                }
                _ => {}
            }
            buf.clear();
            continue;
        }
        match event {
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    buf.clear();
                    continue;
                }
                match local(e.name().as_ref()) {
                    b"t" => in_text = false,
                    b"pPr" => in_ppr = false,
                    b"p" => {
                        if let Some(p) = paras.pop() {
                            let number = lists
                                .num_pr(p.num_id.as_deref(), p.ilvl, p.style.as_deref())
                                .and_then(|(id, l)| lists.next(&id, l));
                            let line = match number {
                                Some(n) if !p.text.trim().is_empty() => n + p.text.trim_start(),
                                _ => p.text,
                            };
                            if !paras.is_empty() {
                                // A text box's paragraph inside a paragraph: a line of its own.
                                if !line.is_empty() {
                                    lines.push(line);
                                }
                            } else {
                                emit(&mut lines, &mut tables, line);
                            }
                        }
                    }
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            let cell = std::mem::take(&mut t.cell);
                            t.row.push(cell);
                        }
                    }
                    b"tr" => {
                        if let Some(t) = tables.last_mut() {
                            let row = std::mem::take(&mut t.row);
                            let line = row
                                .iter()
                                .map(|c| c.trim())
                                .filter(|c| !c.is_empty())
                                .collect::<Vec<_>>()
                                .join("\t");
                            let mut outer = tables.split_off(tables.len() - 1);
                            emit(&mut lines, &mut tables, line);
                            tables.append(&mut outer);
                        }
                    }
                    b"tbl" => {
                        tables.pop();
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = paras.last_mut() {
                    let text = t
                        .xml_content()
                        .map_err(|e| xml_error("word/document.xml", e))?;
                    p.text.push_str(&text);
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let Some(p) = paras.last_mut() {
                    let name = r.decode().map_err(|e| xml_error("word/document.xml", e))?;
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => p.text.push_str(s),
                        None => {
                            if let Some(c) = r
                                .resolve_char_ref()
                                .map_err(|e| xml_error("word/document.xml", e))?
                            {
                                p.text.push(c);
                            }
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(lines.join("\n"))
}

/// The start of an OLE compound file: a Word 97-2003 `.doc`, or a password-protected `.docx`.
pub(crate) const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub(crate) const OLE_MESSAGE: &str = "a Word 97-2003 document (.doc) or a password-protected \
    .docx, which wenmai cannot read: save it (without a password) as .docx";

/// A part of the package, or `None` when it is not there.
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, DocxError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError(format!("cannot read {name} from the .docx: {e}"))),
    };
    let mut out = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0).min(1 << 26));
    file.read_to_end(&mut out)
        .map_err(|e| DocxError(format!("cannot read {name} from the .docx: {e}")))?;
    Ok(Some(out))
}

/// The text of a Word document (`.docx`, Office Open XML): the body's paragraphs in order,
/// one line each (a line break inside one starts a new line), a table one line per row with
/// its cells joined by a tab, and list numbers as Word generates them (`一、`, `第一章 `,
/// `（一）`, `1.`) before the paragraphs Word numbers. Deleted text (tracked changes) and
/// field codes are left out.
///
/// # Errors
/// [`DocxError`] when the bytes are not a zip archive, hold no `word/document.xml`, or
/// its XML is not well-formed (a damaged `numbering.xml` or `styles.xml` only loses the
/// list numbers).
///
/// # Examples
/// ```
/// let err = wenmai_parse::docx_to_text(b"plain text").unwrap_err();
/// assert!(err.to_string().contains("not a zip archive"));
/// ```
pub fn docx_to_text(bytes: &[u8]) -> Result<String, DocxError> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(DocxError::ole());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        DocxError(format!(
            "not a valid .docx file (not a zip archive: {e}); save it again as .docx \
             (Word 2007 or later) or convert it to text"
        ))
    })?;
    let Some(document) = part(&mut zip, "word/document.xml")? else {
        return Err(DocxError(
            "not a valid .docx file: the zip archive has no word/document.xml (is it another \
             kind of zip file?)"
                .into(),
        ));
    };
    // A damaged numbering or styles part costs the list numbers, not the text.
    let mut lists = Lists::default();
    if let Ok(Some(xml)) = part(&mut zip, "word/numbering.xml") {
        lists.numbering = read_numbering(&xml).unwrap_or_default();
    }
    if !lists.numbering.nums.is_empty() {
        lists.package = Some(zip);
    }
    read_document(&document, &mut lists)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::docx_to_text;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(parts: &[(&str, String)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn para(text: &str, ppr: &str) -> String {
        format!(
            "<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    }

    fn num(id: u32, ilvl: u32) -> String {
        format!(r#"<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{id}"/></w:numPr>"#)
    }

    fn numbering() -> String {
        let lvl = |i: u32, fmt: &str, text: &str| {
            format!(
                r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#
            )
        };
        format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:abstractNum w:abstractNumId="1">{}</w:abstractNum><w:abstractNum w:abstractNumId="2">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num></w:numbering>"#,
            lvl(0, "chineseCounting", "%1、"),
            lvl(1, "chineseCounting", "（%2）"),
            lvl(0, "chineseCounting", "第%1章"),
            lvl(0, "decimal", "%1."),
        )
    }

    fn styles() -> String {
        format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="Heading1"><w:pPr>{}</w:pPr></w:style><w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style></w:styles>"#,
            num(1, 0)
        )
    }

    #[test]
    fn paragraphs_tables_and_word_numbering() {
        let body = [
            para("标题", ""),
            para("总体要求", &num(1, 0)),
            para("指导思想", &num(1, 1)),
            para("基本原则", &num(1, 1)),
            para("主要任务", r#"<w:pStyle w:val="MyHeading"/>"#),
            para("工作目标", &num(1, 1)),
            para("不编号", r#"<w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr>"#),
            para("总则", &num(2, 0)),
            para("第五项", &num(3, 0)),
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>名称</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>甲&amp;乙</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".to_string(),
            "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:br/><w:t>下一行</w:t></w:r></w:p>".to_string(),
        ]
        .concat();
        let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
        let bytes = docx(&[
            ("word/document.xml", document),
            ("word/numbering.xml", numbering()),
            ("word/styles.xml", styles()),
        ]);
        let text = docx_to_text(&bytes).unwrap();
        let want = [
            "标题",
            "一、总体要求",
            "（一）指导思想",
            "（二）基本原则",
            "二、主要任务",
            "（一）工作目标",
            "不编号",
            "第一章 总则",
            "5. 第五项",
            "序号\t名称",
            "1\t甲&乙",
            "保留",
            "下一行",
        ];
        assert_eq!(text.lines().collect::<Vec<_>>(), want);
    }

    #[test]
    fn without_numbering_part_the_text_is_plain() {
        let document = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            para("一、已写出的编号", &num(1, 0))
        );
        let text = docx_to_text(&docx(&[("word/document.xml", document)])).unwrap();
        assert_eq!(text, "一、已写出的编号");
    }

    #[test]
    fn a_damaged_numbering_part_loses_only_the_numbers() {
        let document = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            para("总体要求", &num(1, 0))
        );
        let broken = "<w:numbering><w:num></w:numbering>".to_string();
        let parts = [
            ("word/document.xml", document),
            ("word/numbering.xml", broken),
        ];
        assert_eq!(docx_to_text(&docx(&parts)).unwrap(), "总体要求");
    }

    #[test]
    fn bad_packages_are_errors() {
        let not_docx = docx(&[("content.xml", "<a/>".to_string())]);
        let err = docx_to_text(&not_docx).unwrap_err().to_string();
        assert!(err.contains("no word/document.xml"), "{err}");
        let broken = docx(&[(
            "word/document.xml",
            "<w:document><w:body>".to_string() + "</w:p>",
        )]);
        let err = docx_to_text(&broken).unwrap_err().to_string();
        assert!(err.contains("not well-formed"), "{err}");
        let ole = docx_to_text(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest").unwrap_err();
        assert!(ole.to_string().contains("Word 97-2003"), "{ole}");
        let err = docx_to_text(b"PK\x03\x04 truncated")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a zip archive"), "{err}");
    }
}
