//! The lines a law-database export (北大法宝 / pkulaw) adds around a document:
//! `【法宝引证码】 CLI.13.204518`, `原文链接：https://…` and `【发文字号】 …` fields.

use crate::text::{is_han, trim};

/// A line of a law-database export.
pub(super) enum ExportLine<'a> {
    /// `【法宝引证码】 CLI.13.204518`: the citation code.
    Citation(&'a str),
    /// `原文链接：https://…`: the address of the original.
    Url(&'a str),
    /// `【发布日期】 2021.06.18`: a bracketed field, read as `key:value`.
    Field(&'a str, &'a str),
}

/// `【key】value` with a key of 1–8 ideographs: the key and the value.
fn bracket_field(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix('【')?;
    let close = rest.find('】')?;
    let key = trim(&rest[..close]);
    let n = key.chars().count();
    ((1..=8).contains(&n) && key.chars().all(is_han))
        .then(|| (key, trim(&rest[close + '】'.len_utf8()..])))
}

/// The export line `s` is, if any (cheap: looks at the first chars only).
pub(super) fn export_line(s: &str) -> Option<ExportLine<'_>> {
    if let Some(rest) = s.strip_prefix("原文链接") {
        let v = trim(rest).strip_prefix(['：', ':'])?;
        return Some(ExportLine::Url(trim(v)));
    }
    let (key, value) = bracket_field(s)?;
    Some(match key {
        "法宝引证码" | "引证码" => ExportLine::Citation(value),
        "原文链接" => ExportLine::Url(value),
        _ => ExportLine::Field(key, value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert!(matches!(
            export_line("【法宝引证码】 CLI.13.204518"),
            Some(ExportLine::Citation("CLI.13.204518"))
        ));
        assert!(matches!(
            export_line("原文链接：https://www.pkulaw.com/lar/1.html"),
            Some(ExportLine::Url("https://www.pkulaw.com/lar/1.html"))
        ));
        assert!(matches!(
            export_line("【发文字号】 江科发〔2021〕40号"),
            Some(ExportLine::Field("发文字号", "江科发〔2021〕40号"))
        ));
        assert!(export_line("【案例】").is_some());
        assert!(export_line("原文链接见下").is_none());
        assert!(export_line("第一条 【名称】").is_none());
    }
}
