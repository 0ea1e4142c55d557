//! `key:value` lines (`发布时间:2008-12-09 信息来源:《黑龙江日报》`) split into their fields.

use crate::text::{is_han, is_space, short, trim};

use super::words::known_key;

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
pub(super) fn kv_fields(s: &str) -> Option<Vec<(&str, &str)>> {
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

/// A `key:value` line of the header: led by a known key, or short and without sentence
/// ends (so that `大会的主题是：…。` stays prose).
pub(super) fn header_kv(s: &str) -> Option<Vec<(&str, &str)>> {
    // The first field's key is `first_key`: decide before splitting a long line.
    let first = first_key(s)?;
    if known_key(first) || (short(s, 60) && !s.contains(['。', '！', '？'])) {
        kv_fields(s)
    } else {
        None
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
}
