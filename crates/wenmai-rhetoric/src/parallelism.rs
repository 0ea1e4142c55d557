//! Parallel clauses (排比): three or more adjacent clauses or phrases that share a frame.
//!
//! A paragraph is cut into pieces at `、`, `，`, `；`, `：` and sentence ends (the parser's
//! sentences). Members are looked for on four levels, each member ending at a separator of
//! its level or a stronger one: phrases (`、`), clauses (`，`), clause groups (`；`, `：`) and
//! sentences. On each level, runs of adjacent members that share a frame form a group:
//!
//! - [`Kind::Head`]: a repeated head (`不断创新…`),
//! - [`Kind::Tail`]: a repeated tail (`…落实`),
//! - [`Kind::HeadTail`]: both (`更有…性`),
//! - [`Kind::Shape`]: the same part-of-speech pattern with lengths within a character
//!   (`说老实话、办老实事、做老实人`).
//!
//! The first member of a list run into a clause (`要在推动落实、指导落实…`) is cut back to
//! its list item, and the last one (`…完善落实等方面真抓实干`) likewise. Only runs that could
//! share a shape are tagged, since tagging is the slow part.
//!
//! ```
//! let doc = wenmai_parse::parse("标题\n\n要不断创新载体平台，不断创新形式内容，不断创新制度规范。");
//! let seg = wenmai_segment::Segmenter::default();
//! let groups = wenmai_rhetoric::parallelism::parallelisms(&doc, &seg, 3);
//! assert_eq!(groups.len(), 1);
//! assert_eq!(groups[0].frame, "不断创新…");
//! assert_eq!(groups[0].text(&doc), "不断创新载体平台，不断创新形式内容，不断创新制度规范");
//! ```

mod runs;

use rayon::prelude::*;
use runs::{alike, clause_runs, fixed_runs, frame_of, middle_runs, word_runs};
use wenmai_parse::{Document, Span};
use wenmai_segment::{CutMode, Dictionary, Segmenter};

/// What the members of a group share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A repeated head: `不断创新载体平台，不断创新形式内容，不断创新制度规范`.
    Head,
    /// A repeated tail: `推动落实、指导落实、检查落实`.
    Tail,
    /// A repeated head and a repeated tail: `更有针对性、更有主动性、更有时效性`.
    HeadTail,
    /// The same part-of-speech pattern, lengths within a character: `说老实话、办老实事、做老实人`.
    Shape,
}

impl Kind {
    /// The name used in Python and tables: `head`, `tail`, `head_tail`, `shape`.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(wenmai_rhetoric::parallelism::Kind::HeadTail.as_str(), "head_tail");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Head => "head",
            Kind::Tail => "tail",
            Kind::HeadTail => "head_tail",
            Kind::Shape => "shape",
        }
    }
}

/// A group of parallel members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parallelism {
    /// Char offset of the first member's start in [`Document::text`].
    pub start: usize,
    /// Char offset one past the last member's end.
    pub end: usize,
    /// The members, in order, without their separators.
    pub members: Vec<Span>,
    /// The shared part, the varying slots shown as `…` (`不断创新…`, `…落实`); for a shape,
    /// the characters all members share (`…老实…`) or else the tag pattern (`v+n`).
    pub frame: String,
    /// What the members share.
    pub kind: Kind,
    /// Index of the innermost section containing the group.
    pub section: Option<usize>,
    /// Index of the paragraph containing the group.
    pub paragraph: usize,
}

impl Parallelism {
    /// The text of the group, from its first member's start to its last member's end.
    ///
    /// # Examples
    /// ```
    /// let doc = wenmai_parse::parse("标题\n\n要推动落实、指导落实、检查落实。");
    /// let seg = wenmai_segment::Segmenter::default();
    /// let g = &wenmai_rhetoric::parallelism::parallelisms(&doc, &seg, 3)[0];
    /// assert_eq!(g.text(&doc), "推动落实、指导落实、检查落实");
    /// ```
    pub fn text<'a>(&self, doc: &'a Document) -> &'a str {
        match (self.members.first(), self.members.last()) {
            (Some(a), Some(b)) => doc.text.get(a.start..b.end).unwrap_or(""),
            _ => "",
        }
    }
}

/// Separator strength: `、` 0, `，` 1, `；` and `：` 2, a sentence end 3.
fn separator(c: char) -> Option<u8> {
    match c {
        '、' => Some(0),
        '，' | ',' => Some(1),
        '；' | ';' | '：' | ':' => Some(2),
        '。' | '！' | '？' | '!' | '?' => Some(3),
        _ => None,
    }
}

/// Characters trimmed from a piece's edges: spaces, quotes and brackets.
fn is_edge(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '"'
                | '\''
                | '《'
                | '》'
                | '（'
                | '）'
                | '('
                | ')'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '…'
                | '—'
                | '-'
        )
}

/// A stretch of text between separators, in bytes of the document text.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    /// Strength of the separator after it.
    level: u8,
}

/// The pieces of one paragraph, in order.
fn pieces(doc: &Document, paragraph: usize, sentences: &[wenmai_parse::Sentence]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |text: &str, base: usize, s: usize, e: usize, level: u8| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start_matches(is_edge).len();
        let core = piece.trim_matches(is_edge);
        if core.is_empty() {
            if let Some(last) = out.last_mut() {
                last.level = last.level.max(level);
            }
            return;
        }
        let start = base + s + lead;
        out.push(Piece {
            start,
            end: start + core.len(),
            level,
        });
    };
    for s in sentences.iter().filter(|s| s.paragraph == paragraph) {
        let text = doc.slice(s.span);
        let base = s.span.start;
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if let Some(level) = separator(c) {
                push(text, base, from, i, level);
                from = i + c.len_utf8();
            }
        }
        // A sentence the parser ends at `；` keeps that strength; one with no closing mark is
        // ended here.
        if !text[from..].trim_matches(is_edge).is_empty() {
            push(text, base, from, text.len(), 3);
        }
    }
    if let Some(last) = out.last_mut() {
        last.level = 3;
    }
    out
}

/// A candidate member: a run of pieces, possibly cut back at the edges of its container.
#[derive(Debug, Clone, Copy)]
struct Member {
    start: usize,
    end: usize,
    /// The pieces it spans, `first..last` into the paragraph's pieces.
    first: usize,
    last: usize,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// The coarse class of a jieba tag: `vn` is a verb, `nr`/`ns`/`nt`/`nz` nouns, `an` an
/// adjective, punctuation and unknowns `x`.
fn coarse(tag: &str) -> char {
    match tag {
        "vn" | "vd" | "vg" => 'v',
        "an" | "ad" | "ag" => 'a',
        "i" | "l" => 'i',
        "r" => 'n',
        t => t.chars().next().unwrap_or('x'),
    }
}

/// The tag shape of a member: coarse tags and token lengths.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shape {
    tags: Vec<char>,
    lens: Vec<usize>,
    /// Whether the member reads as a noun phrase (a plain list item, not a predicate).
    nominal: bool,
}

/// Per-level limits on members.
struct Limits {
    /// Longest member whose shape is compared.
    shape_max: usize,
    /// Shortest shared head or tail that counts without further evidence.
    strong: usize,
}

fn limits(level: u8) -> Limits {
    match level {
        0 => Limits {
            shape_max: 12,
            strong: 2,
        },
        1 => Limits {
            shape_max: 10,
            strong: 2,
        },
        _ => Limits {
            shape_max: 0,
            strong: 2,
        },
    }
}

/// One level of one paragraph: finds the groups among the members of each container.
struct Finder<'a> {
    text: &'a str,
    /// The dictionary, read-locked once for the document.
    dict: &'a Dictionary,
    min_members: usize,
}

impl Finder<'_> {
    fn member_text(&self, m: &Member) -> &str {
        &self.text[m.start..m.end]
    }

    /// Byte offsets of the token boundaries inside `[start, end)`.
    fn boundaries(&self, start: usize, end: usize) -> Vec<usize> {
        let s = &self.text[start..end];
        let mut out = vec![start];
        self.dict.each(s, CutMode::Precise, true, |w, b| {
            out.push(start + b + w.len())
        });
        out
    }

    /// A member cut back from the front to about `want` chars, at a token boundary. Only the
    /// last `want + 4` chars are cut into words: the boundary sought lies there.
    fn trim_front(&self, m: Member, want: usize) -> Member {
        let text = self.member_text(&m);
        let n = chars(text);
        let skip = n.saturating_sub(want + 4);
        let from = m.start + text.char_indices().nth(skip).map_or(0, |(b, _)| b);
        let mut best = (usize::MAX, m.start);
        for b in self.boundaries(from, m.end) {
            let len = n - chars(&self.text[m.start..b]);
            if (skip == 0 || b > from) && len > 0 && len.abs_diff(want) < best.0 {
                best = (len.abs_diff(want), b);
            }
        }
        Member { start: best.1, ..m }
    }

    /// A member cut back from the end to about `want` chars, at a token boundary, cutting only
    /// its first `want + 4` chars into words.
    fn trim_back(&self, m: Member, want: usize) -> Member {
        let text = self.member_text(&m);
        let upto = text.char_indices().nth(want + 4).map(|(b, _)| m.start + b);
        let to = upto.unwrap_or(m.end);
        let mut best = (usize::MAX, m.end);
        for b in self.boundaries(m.start, to) {
            let len = chars(&self.text[m.start..b]);
            if (upto.is_none() || b < to) && len > 0 && len.abs_diff(want) < best.0 {
                best = (len.abs_diff(want), b);
            }
        }
        Member { end: best.1, ..m }
    }

    fn shape(&self, m: &Member) -> Shape {
        let s = self.member_text(m);
        let mut tags = Vec::new();
        let mut lens = Vec::new();
        let mut raw: Vec<&'static str> = Vec::new();
        self.dict.each_tagged(s, true, |w, _, t| {
            if w.chars().any(char::is_alphanumeric) {
                // The few tags that matter below, without allocating.
                raw.push(match t {
                    "ns" => "ns",
                    "nt" => "nt",
                    "m" => "m",
                    _ => "",
                });
                tags.push(coarse(t));
                lens.push(chars(w));
            }
        });
        let n: usize = lens.iter().sum();
        // A four-character word is mostly an idiom or a set phrase; a shorter one, or one of
        // several words all nouns, a list item.
        let nominal = match raw.len() {
            1 => n < 4 && tags[0] == 'n' || matches!(raw[0], "ns" | "nt" | "m"),
            _ => tags
                .iter()
                .all(|t| matches!(t, 'n' | 'r' | 'm' | 'q' | 'x')),
        };
        Shape {
            tags,
            lens,
            nominal,
        }
    }

    /// The groups among `members` (one container of one level), each its members, kind and
    /// frame when that is not the members' common head or tail.
    fn groups(&self, level: u8, members: &mut Vec<Member>, pieces: &[Piece]) -> Vec<Group> {
        if level == 0 {
            self.split_last(members);
        }
        let k = members.len();
        if k < self.min_members {
            return Vec::new();
        }
        self.trim_edges(level, members, pieces);
        let texts: Vec<&str> = members.iter().map(|m| self.member_text(m)).collect();
        let lens: Vec<usize> = texts.iter().map(|t| chars(t)).collect();
        let lim = limits(level);
        let mut out: Vec<Group> = Vec::new();
        let prefix: Vec<usize> = (1..k)
            .map(|i| common_prefix(texts[i - 1], texts[i]))
            .collect();
        let suffix: Vec<usize> = (1..k)
            .map(|i| common_suffix(texts[i - 1], texts[i]))
            .collect();
        for (pairs, kind) in [(&prefix, Kind::Head), (&suffix, Kind::Tail)] {
            let mut i = 0;
            while i + 1 < k {
                let mut j = i;
                while j + 1 < k && self.pair_ok(level, &texts, &lens, j, pairs[j], kind, &lim) {
                    j += 1;
                }
                if j > i {
                    let shared = pairs[i..j].iter().copied().min().unwrap_or(0);
                    let ms = self.extend(members, &texts, i, j, shared, kind);
                    let ls: Vec<usize> = ms.iter().map(|m| chars(self.member_text(m))).collect();
                    if ms.len() >= self.min_members
                        && self.run_ok(&ls, level, shared)
                        && (shared > 1 || self.single_ok(&ms, kind))
                    {
                        out.push((ms, kind, None));
                    }
                }
                i = j.max(i + 1);
            }
        }
        let mut runs: Vec<Run> = Vec::new();
        if level >= 2 {
            clause_runs(level, &texts, self.min_members, &mut runs);
        }
        if level <= 1 {
            middle_runs(&texts, &lens, self.min_members, &mut runs);
            word_runs(&texts, &lens, self.min_members, &mut runs);
            self.shape_runs(&texts, &lens, members, &lim, &mut runs);
        }
        out.extend(
            runs.into_iter()
                .map(|(a, b, kind, frame)| (members[a..=b].to_vec(), kind, frame)),
        );
        out
    }

    /// A run of members `i..=j` sharing a head (tail) of `shared` chars, with the member
    /// before it (after it) when that holds the head (tail) after a lead-in (before a trail).
    fn extend(
        &self,
        members: &[Member],
        texts: &[&str],
        i: usize,
        j: usize,
        shared: usize,
        kind: Kind,
    ) -> Vec<Member> {
        let mut ms = members[i..=j].to_vec();
        if kind == Kind::Head && i > 0 {
            for n in (shared.min(2)..=shared).rev() {
                let head: String = texts[i].chars().take(n).collect();
                if let Some(p) = texts[i - 1].rfind(&head)
                    && p > 0
                {
                    ms.insert(
                        0,
                        Member {
                            start: members[i - 1].start + p,
                            ..members[i - 1]
                        },
                    );
                    break;
                }
            }
        }
        if kind == Kind::Tail && j + 1 < members.len() {
            let t = texts[j];
            let tail: String = t.chars().skip(chars(t) - shared).collect();
            if let Some(p) = texts[j + 1].find(&tail)
                && p + tail.len() < texts[j + 1].len()
            {
                ms.push(Member {
                    end: members[j + 1].start + p + tail.len(),
                    ..members[j + 1]
                });
            }
        }
        ms
    }

    /// A frame of one character counts when the members are alike in length or it is a word
    /// of its own in each (`有勇气、有智慧`, `…的，…的`).
    fn single_ok(&self, ms: &[Member], kind: Kind) -> bool {
        let ls: Vec<usize> = ms.iter().map(|m| chars(self.member_text(m))).collect();
        let (lo, hi) = (
            ls.iter().min().copied().unwrap_or(0),
            ls.iter().max().copied().unwrap_or(0),
        );
        if hi - lo <= 1 {
            return true;
        }
        ms.iter().all(|m| {
            let (mut first, mut last) = (None, None);
            self.dict
                .each(self.member_text(m), CutMode::Precise, true, |w, _| {
                    first.get_or_insert(w);
                    last = Some(w);
                });
            let w = if kind == Kind::Head { first } else { last };
            w.is_some_and(|w| chars(w) == 1)
        })
    }

    /// The last item of a list joined by `和`, `及` or `与` (`严格执法、公正执法和文明执法`)
    /// becomes two members when its second half shares a head or a tail with the item before.
    fn split_last(&self, members: &mut Vec<Member>) {
        let k = members.len();
        if k < 2 {
            return;
        }
        let last = members[k - 1];
        let prev = self.member_text(&members[k - 2]);
        let t = self.member_text(&last);
        for (p, c) in t.char_indices() {
            if !matches!(c, '和' | '及' | '与') || p == 0 {
                continue;
            }
            let (a, b) = (&t[..p], &t[p + c.len_utf8()..]);
            if b.is_empty() {
                continue;
            }
            let alike = |x: &str| common_suffix(x, prev) >= 1 || common_prefix(x, prev) >= 1;
            let tail: String = {
                let n = common_suffix(a, prev);
                a.chars().skip(chars(a) - n).collect()
            };
            let trailing = !tail.is_empty() && b.contains(&tail);
            if alike(a) && (alike(b) || trailing) {
                let cut = last.start + p;
                members[k - 1] = Member { end: cut, ..last };
                members.push(Member {
                    start: cut + c.len_utf8(),
                    ..last
                });
                return;
            }
        }
    }

    /// Whether members `j` and `j + 1` share a head (or tail) of `shared` chars that counts.
    #[allow(clippy::too_many_arguments)]
    fn pair_ok(
        &self,
        level: u8,
        texts: &[&str],
        lens: &[usize],
        j: usize,
        shared: usize,
        kind: Kind,
        lim: &Limits,
    ) -> bool {
        let (a, b) = (texts[j], texts[j + 1]);
        // Nothing left to vary: a repeated member is no parallel.
        if shared == 0 || shared >= lens[j] || shared >= lens[j + 1] {
            return false;
        }
        let frame: String = if kind == Kind::Head {
            let f: String = a.chars().take(shared).collect();
            f.trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        } else {
            let f: String = a.chars().skip(lens[j] - shared).collect();
            f.trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        };
        let shared = chars(&frame);
        if !frame.chars().any(is_han) || !frame.chars().all(char::is_alphanumeric) {
            return false;
        }
        let similar = lens[j].abs_diff(lens[j + 1]) <= 1.max(lens[j].min(lens[j + 1]) / 4);
        if shared >= lim.strong {
            return level < 3 || shared >= 4;
        }
        // One shared character counts when the members are alike in length and short.
        level <= 2 && similar && lens[j].max(lens[j + 1]) <= 16 && !b.is_empty()
    }

    /// Members of one group are not too unequal.
    fn run_ok(&self, lens: &[usize], level: u8, shared: usize) -> bool {
        let (lo, hi) = (lens.iter().min(), lens.iter().max());
        // A longer shared frame carries members of more unequal length.
        let factor = match (level, shared) {
            (3.., _) => 2,
            (_, 0 | 1) => 3,
            _ => 6,
        };
        matches!((lo, hi), (Some(&lo), Some(&hi)) if hi <= factor * lo + 2)
    }

    /// Runs whose members have the same tag shape and lengths within a character; only runs of
    /// members alike in length are tagged.
    fn shape_runs(
        &self,
        texts: &[&str],
        lens: &[usize],
        members: &[Member],
        lim: &Limits,
        runs: &mut Vec<Run>,
    ) {
        let k = texts.len();
        let mut i = 0;
        while i < k {
            let mut j = i;
            let ok = |x: usize| lens[x] >= 3 && lens[x] <= lim.shape_max;
            if !ok(i) {
                i += 1;
                continue;
            }
            while j + 1 < k && ok(j + 1) && lens[j].abs_diff(lens[j + 1]) <= 1 {
                j += 1;
            }
            if j + 1 - i >= self.min_members {
                let shapes: Vec<Shape> = (i..=j).map(|x| self.shape(&members[x])).collect();
                let mut a = 0;
                while a < shapes.len() {
                    let mut b = a;
                    while b + 1 < shapes.len() && alike(&shapes[b], &shapes[b + 1]) {
                        b += 1;
                    }
                    let (lo, hi) = (
                        lens[i + a..=i + b].iter().min(),
                        lens[i + a..=i + b].iter().max(),
                    );
                    let within = matches!((lo, hi), (Some(lo), Some(hi)) if hi - lo <= 1);
                    if b + 1 - a >= self.min_members && within {
                        runs.push((i + a, i + b, Kind::Shape, None));
                    }
                    a = b + 1;
                }
                fixed_runs(&shapes, &lens[i..=j], i, self.min_members, runs);
            }
            i = j + 1;
        }
    }

    /// Cut back the first and last members of a container to the size of their neighbours:
    /// at the head the next two members share (or after the tail they share), else to as many
    /// clauses as the neighbour has, else to about its length at a token boundary.
    fn trim_edges(&self, level: u8, members: &mut [Member], pieces: &[Piece]) {
        let k = members.len();
        if k < 3 {
            return;
        }
        let text = |m: &Member| self.member_text(m).to_string();
        let len = |m: &Member| chars(self.member_text(m));
        let (m1, m2) = (text(&members[1]), text(&members[2]));
        let head: String = m1.chars().take(common_prefix(&m1, &m2).min(4)).collect();
        let m0 = text(&members[0]);
        // A first member that already shares a head with the next keeps its extent.
        let keeps = common_prefix(&m0, &m1) >= 2;
        let found = (!head.is_empty() && !m0.starts_with(&head) && head.chars().any(is_han))
            .then(|| m0.rfind(&head))
            .flatten();
        if let Some(p) = found {
            members[0].start += p;
        } else if keeps {
        } else if level >= 1
            && members[0].last - members[0].first > members[1].last - members[1].first
        {
            let first = members[0].last - (members[1].last - members[1].first);
            members[0].start = pieces[first].start;
            members[0].first = first;
        } else if level <= 1
            && members[0].first == members[0].last
            && len(&members[0]) > len(&members[1])
        {
            members[0] = self.trim_front(members[0], len(&members[1]));
        }
        let (a, b) = (text(&members[k - 3]), text(&members[k - 2]));
        let n = common_suffix(&a, &b).min(4);
        let tail: String = b.chars().skip(chars(&b) - n).collect();
        let last = text(&members[k - 1]);
        // And a last member that shares the tail.
        let keeps = common_suffix(&last, &b) > 0;
        let found = (!tail.is_empty() && !last.ends_with(&tail) && tail.chars().any(is_han))
            .then(|| last.find(&tail))
            .flatten();
        if let Some(p) = found {
            members[k - 1].end = members[k - 1].start + p + tail.len();
        } else if keeps {
        } else if level >= 1
            && members[k - 1].last - members[k - 1].first
                > members[k - 2].last - members[k - 2].first
        {
            let last = members[k - 1].first + (members[k - 2].last - members[k - 2].first);
            members[k - 1].end = pieces[last].end;
            members[k - 1].last = last;
        } else if level == 0
            && members[k - 1].first == members[k - 1].last
            && len(&members[k - 1]) > len(&members[k - 2])
        {
            members[k - 1] = self.trim_back(members[k - 1], len(&members[k - 2]));
        }
    }
}

/// A group found in one container: its members, kind and frame when not derived.
type Group = (Vec<Member>, Kind, Option<String>);

/// A run of members `first..=last` of a container, its kind and, when it is not the members'
/// common head or tail, its frame.
type Run = (usize, usize, Kind, Option<String>);

/// Every parallel group of `doc` with at least `min_members` members (2 at least), in
/// document order; nested groups (a group inside a member of a larger one) are all reported.
///
/// # Examples
/// ```
/// let doc = wenmai_parse::parse("标题\n\n做好服务就是要在推动落实、指导落实、检查落实、考核落实等方面真抓实干。");
/// let seg = wenmai_segment::Segmenter::default();
/// let g = wenmai_rhetoric::parallelism::parallelisms(&doc, &seg, 3);
/// assert_eq!(g[0].text(&doc), "推动落实、指导落实、检查落实、考核落实");
/// assert_eq!((g[0].frame.as_str(), g[0].kind.as_str(), g[0].members.len()), ("…落实", "tail", 4));
/// ```
pub fn parallelisms(doc: &Document, seg: &Segmenter, min_members: usize) -> Vec<Parallelism> {
    seg.with_dictionary(|dict| parallelisms_with(doc, dict, min_members.max(2)))
}

/// [`parallelisms`] with the dictionary read-locked.
fn parallelisms_with(doc: &Document, dict: &Dictionary, min_members: usize) -> Vec<Parallelism> {
    let mut out = Vec::new();
    let mut first_sentence = 0;
    for (p, para) in doc.paragraphs.iter().enumerate() {
        // Sentences come in paragraph order; take this paragraph's slice.
        while first_sentence < doc.sentences.len() && doc.sentences[first_sentence].paragraph < p {
            first_sentence += 1;
        }
        let mut last_sentence = first_sentence;
        while last_sentence < doc.sentences.len() && doc.sentences[last_sentence].paragraph == p {
            last_sentence += 1;
        }
        let ps = pieces(doc, p, &doc.sentences[first_sentence..last_sentence]);
        if ps.len() < min_members {
            continue;
        }
        let finder = Finder {
            text: &doc.text,
            dict,
            min_members,
        };
        let mut found: Vec<Found> = Vec::new();
        for level in 0..=3u8 {
            let mut container: Vec<Member> = Vec::new();
            let mut member_start: Option<usize> = None;
            for (i, piece) in ps.iter().enumerate() {
                let first = *member_start.get_or_insert(i);
                if piece.level >= level {
                    container.push(Member {
                        start: ps[first].start,
                        end: piece.end,
                        first,
                        last: i,
                    });
                    member_start = None;
                }
                if piece.level > level || i + 1 == ps.len() {
                    let mut members = std::mem::take(&mut container);
                    for (ms, kind, frame) in finder.groups(level, &mut members, &ps) {
                        if let (Some(a), Some(b)) = (ms.first(), ms.last()) {
                            found.push((a.start, b.end, kind, ms.clone(), frame));
                        }
                    }
                }
            }
        }
        out.extend(select(found, &finder, doc, p, para.section));
    }
    out
}

/// A group found on one level: byte start and end, kind, members, frame when not derived.
type Found = (usize, usize, Kind, Vec<Member>, Option<String>);

/// Keep one group per stretch of text: head and tail runs over the same members become one
/// `HeadTail` group, and of overlapping groups that are not nested the one with more members.
fn select(
    mut found: Vec<Found>,
    finder: &Finder<'_>,
    doc: &Document,
    paragraph: usize,
    section: Option<usize>,
) -> Vec<Parallelism> {
    found.sort_by(|a, b| (a.0, b.1, a.2).cmp(&(b.0, a.1, b.2)));
    let mut merged: Vec<Found> = Vec::new();
    for g in found {
        if let Some(last) = merged.last_mut()
            && last.0 == g.0
            && last.1 == g.1
            && last.3.len() == g.3.len()
        {
            if (last.2, g.2) == (Kind::Head, Kind::Tail) {
                last.2 = Kind::HeadTail;
            }
            continue;
        }
        merged.push(g);
    }
    // Greedy by member count, then position: a group overlapping a kept one is dropped unless
    // one lies inside a single member of the other.
    let mut order: Vec<usize> = (0..merged.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(merged[i].3.len()), merged[i].0, i));
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let g = &merged[i];
        let clash = kept.iter().any(|&k| {
            let h = &merged[k];
            let overlap = g.0 < h.1 && h.0 < g.1;
            let nested = |a: &Found, b: &Found| b.3.iter().any(|m| m.start <= a.0 && a.1 <= m.end);
            overlap && !nested(g, h) && !nested(h, g)
        });
        if !clash {
            kept.push(i);
        }
    }
    kept.sort_by_key(|&i| (merged[i].0, std::cmp::Reverse(merged[i].1)));
    let para_span = doc.paragraphs[paragraph].span;
    let char_at = |b: usize| para_span.char_start + doc.text[para_span.start..b].chars().count();
    kept.into_iter()
        .map(|i| {
            let (start, end, kind, members, frame) = &merged[i];
            let texts: Vec<&str> = members.iter().map(|m| finder.member_text(m)).collect();
            let spans: Vec<Span> = members
                .iter()
                .map(|m| Span {
                    start: m.start,
                    end: m.end,
                    char_start: char_at(m.start),
                    char_end: char_at(m.end),
                })
                .collect();
            Parallelism {
                start: char_at(*start),
                end: char_at(*end),
                members: spans,
                frame: frame
                    .clone()
                    .unwrap_or_else(|| frame_of(&texts, *kind, finder.dict)),
                kind: *kind,
                section,
                paragraph,
            }
        })
        .collect()
}

/// [`parallelisms`] of every document, in parallel, in document order.
///
/// # Examples
/// ```
/// let docs = vec![wenmai_parse::parse("标题\n\n推动落实、指导落实、检查落实。"), wenmai_parse::parse("")];
/// let seg = wenmai_segment::Segmenter::default();
/// let all = wenmai_rhetoric::parallelism::parallelisms_many(&docs, &seg, 3);
/// assert_eq!((all[0].len(), all[1].len()), (1, 0));
/// ```
pub fn parallelisms_many(
    docs: &[Document],
    seg: &Segmenter,
    min_members: usize,
) -> Vec<Vec<Parallelism>> {
    docs.par_iter()
        .map(|d| parallelisms(d, seg, min_members))
        .collect()
}
