//! Patterns over the token stream: what KWIC looks for and what a dictionary entry matches.
//!
//! A [`Pattern`] is a list of alternatives, each found as a run of consecutive tokens inside
//! one sentence of [`Tokens`] (never across one):
//!
//! - a term, `"改革"`, and more generally an *unsegmented string*, `"全面从严治党"`: any run
//!   of tokens whose characters join to exactly it, however jieba split it (a single token
//!   equal to it is the usual case);
//! - a glob, `"改革*"` (quanteda's `valuetype = "glob"`): `*` any run of characters, `?` one;
//!   a whole token must match;
//! - a phrase, given as a list of tokens (each a term or a glob), matched token by token; a
//!   string with spaces whose parts hold a glob is such a phrase, one without globs is an
//!   unsegmented string (`"全面 从严 治党"` = `"全面从严治党"`);
//! - with `regex`, each string (or each token of a phrase) is a regular expression (the
//!   `regex` crate) searched for in a token, as quanteda's `valuetype = "regex"`.
//!
//! [`Matcher`] compiles a pattern against the sorted term list once, so that exact terms are
//! term ids (no string compares per token), globs and regexes are tried once per distinct
//! term, and a run for an unsegmented string starts only at a token whose term is a prefix of
//! it (found by binary search over the sorted terms).

use std::ops::Range;

use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashSet;

use crate::error::{Error, Result};
use crate::stats::Tokens;

/// How one token of a phrase is matched.
#[derive(Debug, Clone)]
enum Elem {
    /// A term, compared whole.
    Exact(String),
    /// A glob or a regular expression, tried against every distinct term.
    Re(Regex),
}

/// One alternative of a pattern.
#[derive(Debug, Clone)]
enum Alt {
    /// Any run of tokens whose characters join to this string.
    Chars(String),
    /// Consecutive tokens, one per element.
    Seq(Vec<Elem>),
}

/// A compiled pattern: alternatives, each with the label it was given by (the string, or a
/// phrase's tokens joined by spaces), in the order given (duplicates dropped).
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::Pattern;
/// use wenmai_analyze::stats::PatternItem;
/// let p = Pattern::new(&["改革*".into(), PatternItem::Tokens(vec!["全面".into(), "从严治党".into()])], false, true).unwrap();
/// assert_eq!(p.labels(), ["改革*", "全面 从严治党"]);
/// assert!(Pattern::new(&["(".into()], true, true).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct Pattern {
    alts: Vec<Alt>,
    labels: Vec<String>,
    case_insensitive: bool,
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?'])
}

/// A glob as an anchored regular expression: `*` any run, `?` one char, the rest literal.
fn glob_regex(glob: &str, case_insensitive: bool) -> Result<Regex> {
    let mut re = String::from("^");
    for c in glob.chars() {
        match c {
            '*' => re.push_str(".*"),
            '?' => re.push('.'),
            c => re.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    re.push('$');
    RegexBuilder::new(&re)
        .case_insensitive(case_insensitive)
        .build()
        .map_err(|e| Error::InvalidParameter(format!("glob {glob:?}: {e}")))
}

fn user_regex(re: &str, case_insensitive: bool) -> Result<Regex> {
    RegexBuilder::new(re)
        .case_insensitive(case_insensitive)
        .build()
        .map_err(|e| {
            Error::InvalidParameter(format!(
                "invalid regular expression {re:?}: {e}; fix it, or pass regex=False to match \
                 it as text"
            ))
        })
}

/// One alternative of a pattern as the user gives it.
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::{Pattern, PatternItem};
/// let phrase = PatternItem::Tokens(vec!["经济".into(), "发展*".into()]);
/// let p = Pattern::new(&[phrase, "改革".into()], false, true).unwrap();
/// assert_eq!(p.labels(), ["经济 发展*", "改革"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PatternItem {
    /// Text: a term, an unsegmented string, a glob, a regular expression; with spaces
    /// (and not a regular expression) a phrase if a part holds a glob, else an unsegmented
    /// string.
    Text(String),
    /// A phrase given as tokens, matched token by token (each a term, a glob, or a regular
    /// expression).
    Tokens(Vec<String>),
}

impl From<&str> for PatternItem {
    fn from(s: &str) -> Self {
        PatternItem::Text(s.to_owned())
    }
}

impl Pattern {
    /// Compile `patterns`, the alternatives. With `regex`, every string is a regular
    /// expression. `case_insensitive` folds case on both sides (quanteda's default).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for no pattern, an empty string, or an invalid regular
    /// expression (named).
    pub fn new(patterns: &[PatternItem], regex: bool, case_insensitive: bool) -> Result<Self> {
        Pattern::compile(patterns, regex, case_insensitive, true)
    }

    /// As [`Pattern::new`], keeping every item (alternative `i` is `patterns[i]`) when
    /// `dedupe` is false.
    pub(crate) fn compile(
        patterns: &[PatternItem],
        regex: bool,
        case_insensitive: bool,
        dedupe: bool,
    ) -> Result<Self> {
        if patterns.is_empty() {
            return Err(Error::InvalidParameter(
                "the pattern is empty: give a term, a list of terms or a phrase".into(),
            ));
        }
        let fold = |s: &str| {
            if case_insensitive {
                s.to_lowercase()
            } else {
                s.to_owned()
            }
        };
        let elem = |s: &str| -> Result<Elem> {
            if regex {
                user_regex(s, case_insensitive).map(Elem::Re)
            } else if is_glob(s) {
                glob_regex(s, case_insensitive).map(Elem::Re)
            } else {
                Ok(Elem::Exact(fold(s)))
            }
        };
        let empty = || {
            Error::InvalidParameter(
                "the pattern holds an empty string: give each term at least one character".into(),
            )
        };
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut out = Pattern {
            alts: Vec::new(),
            labels: Vec::new(),
            case_insensitive,
        };
        for p in patterns {
            let (label, alt) = match p {
                PatternItem::Text(s) => {
                    let s = s.trim();
                    if s.is_empty() {
                        return Err(empty());
                    }
                    let words: Vec<&str> = s.split_whitespace().collect();
                    let alt = if regex {
                        Alt::Seq(vec![elem(s)?])
                    } else if words.iter().any(|w| is_glob(w)) {
                        Alt::Seq(words.iter().map(|w| elem(w)).collect::<Result<_>>()?)
                    } else {
                        Alt::Chars(fold(&words.concat()))
                    };
                    (s.to_owned(), alt)
                }
                PatternItem::Tokens(parts) => {
                    let parts: Vec<&str> = parts.iter().map(|s| s.trim()).collect();
                    if parts.is_empty() || parts.iter().any(|s| s.is_empty()) {
                        return Err(empty());
                    }
                    let seq = parts.iter().map(|w| elem(w)).collect::<Result<_>>()?;
                    (parts.join(" "), Alt::Seq(seq))
                }
            };
            if !dedupe || seen.insert(label.clone()) {
                out.alts.push(alt);
                out.labels.push(label);
            }
        }
        Ok(out)
    }

    /// The label of every alternative, in order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of alternatives.
    pub fn len(&self) -> usize {
        self.alts.len()
    }

    /// Whether there is no alternative.
    pub fn is_empty(&self) -> bool {
        self.alts.is_empty()
    }
}

/// The term ids one token of a compiled phrase may have.
#[derive(Debug, Clone)]
enum Slot {
    One(u32),
    /// Sorted.
    Set(Vec<u32>),
}

impl Slot {
    fn of(mut ids: Vec<u32>) -> Option<Slot> {
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [] => None,
            [one] => Some(Slot::One(*one)),
            _ => Some(Slot::Set(ids)),
        }
    }

    fn contains(&self, id: u32) -> bool {
        match self {
            Slot::One(x) => *x == id,
            Slot::Set(v) => v.binary_search(&id).is_ok(),
        }
    }

    fn ids(&self) -> &[u32] {
        match self {
            Slot::One(x) => std::slice::from_ref(x),
            Slot::Set(v) => v,
        }
    }
}

#[derive(Debug, Clone)]
enum Compiled {
    /// Never matches (a term no token has).
    Never,
    Chars(String),
    Seq(Vec<Slot>),
}

/// One match: tokens `start..end` (indexes into [`Tokens::ids`]) matched alternative `alt`.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Corpus, Unit};
/// use wenmai_analyze::stats::{Match, Matcher, Pattern};
/// let t = Corpus::from_texts(["坚持全面从严治党。"]).tokens(&Analyzer::default(), Unit::Sentence);
/// let p = Pattern::new(&["全面从严治党".into()], false, true).unwrap();
/// assert_eq!(Matcher::new(&p, &t).find_all(), [Match { start: 1, end: 3, alt: 0 }]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Match {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Which alternative of the pattern (its index in [`Pattern::labels`]).
    pub alt: u32,
}

/// A [`Pattern`] compiled against the terms of one [`Tokens`].
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Corpus, Unit};
/// use wenmai_analyze::stats::{Matcher, Pattern};
/// let c = Corpus::from_texts(["全面从严治党。改革开放，改革创新。"]);
/// let t = c.tokens(&Analyzer::default(), Unit::Document);
/// let p = Pattern::new(&["全面从严治党".into(), "改革*".into()], false, true).unwrap();
/// let found = Matcher::new(&p, &t).find_all();
/// let words: Vec<String> = found.iter().map(|m| (m.start..m.end).map(|i| t.term(i)).collect()).collect();
/// assert_eq!(words, ["全面从严治党", "改革开放", "改革"]);
/// ```
#[derive(Debug, Clone)]
pub struct Matcher<'t> {
    tokens: &'t Tokens,
    /// Every term case-folded, when folding changes any (else the terms are their own keys).
    folded: Option<Vec<String>>,
    /// Folded keys sorted with their ids, for prefix look-ups when `folded` is set.
    by_key: Vec<(u32, u32)>,
    alts: Vec<Compiled>,
    /// Term id `t` may start alternatives `first_alt[first_ptr[t]..first_ptr[t + 1]]`.
    first_ptr: Vec<u32>,
    first_alt: Vec<u32>,
}

impl<'t> Matcher<'t> {
    /// Compile `pattern` against the terms of `tokens`.
    pub fn new(pattern: &Pattern, tokens: &'t Tokens) -> Matcher<'t> {
        let terms = &tokens.terms;
        let folded = if pattern.case_insensitive
            && terms.iter().any(|t| t.chars().any(char::is_uppercase))
        {
            Some(
                terms
                    .par_iter()
                    .map(|t| t.to_lowercase())
                    .collect::<Vec<_>>(),
            )
        } else {
            None
        };
        let mut m = Matcher {
            tokens,
            folded,
            by_key: Vec::new(),
            alts: Vec::with_capacity(pattern.alts.len()),
            first_ptr: Vec::new(),
            first_alt: Vec::new(),
        };
        if let Some(f) = &m.folded {
            let mut by_key: Vec<(u32, u32)> = (0..f.len() as u32).map(|i| (i, i)).collect();
            by_key.par_sort_by(|a, b| f[a.0 as usize].cmp(&f[b.0 as usize]));
            m.by_key = by_key;
        }
        let mut starts: Vec<(u32, u32)> = Vec::new();
        for (a, alt) in pattern.alts.iter().enumerate() {
            let compiled = m.compile(alt);
            match &compiled {
                Compiled::Never => {}
                Compiled::Chars(s) => {
                    for (k, _) in s.char_indices().skip(1).chain([(s.len(), ' ')]) {
                        starts.extend(m.ids_of(&s[..k]).iter().map(|&id| (id, a as u32)));
                    }
                }
                Compiled::Seq(slots) => {
                    starts.extend(slots[0].ids().iter().map(|&id| (id, a as u32)));
                }
            }
            m.alts.push(compiled);
        }
        starts.par_sort_unstable();
        starts.dedup();
        let mut ptr = vec![0u32; terms.len() + 1];
        for &(id, _) in &starts {
            ptr[id as usize + 1] += 1;
        }
        for i in 0..terms.len() {
            ptr[i + 1] += ptr[i];
        }
        m.first_ptr = ptr;
        m.first_alt = starts.into_iter().map(|(_, a)| a).collect();
        m
    }

    /// The key a term is compared by (case-folded when the pattern folds case).
    fn key(&self, id: u32) -> &str {
        match &self.folded {
            Some(f) => &f[id as usize],
            None => &self.tokens.terms[id as usize],
        }
    }

    /// The ids of the terms whose key is `s`.
    fn ids_of(&self, s: &str) -> Vec<u32> {
        match &self.folded {
            None => self.tokens.id_of(s).into_iter().collect(),
            Some(f) => {
                let lo = self
                    .by_key
                    .partition_point(|e| f[e.0 as usize].as_str() < s);
                self.by_key[lo..]
                    .iter()
                    .take_while(|e| f[e.0 as usize] == s)
                    .map(|e| e.1)
                    .collect()
            }
        }
    }

    fn compile(&self, alt: &Alt) -> Compiled {
        match alt {
            Alt::Chars(s) => Compiled::Chars(s.clone()),
            Alt::Seq(elems) => {
                let mut slots = Vec::with_capacity(elems.len());
                for e in elems {
                    let ids = match e {
                        Elem::Exact(s) => self.ids_of(s),
                        Elem::Re(re) => (0..self.tokens.terms.len() as u32)
                            .into_par_iter()
                            .filter(|&id| re.is_match(self.key(id)))
                            .collect(),
                    };
                    match Slot::of(ids) {
                        Some(slot) => slots.push(slot),
                        None => return Compiled::Never,
                    }
                }
                Compiled::Seq(slots)
            }
        }
    }

    /// Whether alternative `a` matches tokens from `i` on, before `end`; where it stops.
    fn match_at(&self, a: usize, i: usize, end: usize) -> Option<usize> {
        let ids = &self.tokens.ids;
        match &self.alts[a] {
            Compiled::Never => None,
            Compiled::Chars(s) => {
                let mut pos = 0;
                let mut j = i;
                while pos < s.len() {
                    if j == end {
                        return None;
                    }
                    let k = self.key(ids[j]);
                    if k.is_empty() || !s[pos..].starts_with(k) {
                        return None;
                    }
                    pos += k.len();
                    j += 1;
                }
                Some(j)
            }
            Compiled::Seq(slots) => {
                if i + slots.len() > end {
                    return None;
                }
                slots[1..]
                    .iter()
                    .zip(&ids[i + 1..])
                    .all(|(s, &id)| s.contains(id))
                    .then_some(i + slots.len())
            }
        }
    }

    /// Every match inside tokens `range` (which must lie within one sentence), by start, then
    /// alternative.
    pub fn find_in(&self, range: Range<usize>, out: &mut Vec<Match>) {
        let ids = &self.tokens.ids;
        for i in range.clone() {
            let t = ids[i] as usize;
            let (a, b) = (self.first_ptr[t] as usize, self.first_ptr[t + 1] as usize);
            for &alt in &self.first_alt[a..b] {
                if let Some(end) = self.match_at(alt as usize, i, range.end) {
                    out.push(Match { start: i, end, alt });
                }
            }
        }
    }

    /// Every match in every sentence of `sentences` (indexes of sentences), in order.
    pub fn find_in_sentences(&self, sentences: Range<usize>, out: &mut Vec<Match>) {
        for k in sentences {
            self.find_in(self.tokens.sentence_range(k), out);
        }
    }

    /// Every match in the corpus, sorted by token, then alternative; sentences are searched in
    /// parallel and put back in order, so the result is the same for any number of threads.
    pub fn find_all(&self) -> Vec<Match> {
        let n = self.tokens.sentence_count();
        let chunk = 4096;
        let parts: Vec<Vec<Match>> = (0..n.div_ceil(chunk))
            .into_par_iter()
            .map(|c| {
                let mut out = Vec::new();
                self.find_in_sentences(c * chunk..((c + 1) * chunk).min(n), &mut out);
                out
            })
            .collect();
        parts.concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Corpus, Unit};

    fn words(t: &Tokens, found: &[Match]) -> Vec<String> {
        found
            .iter()
            .map(|m| {
                (m.start..m.end)
                    .map(|i| t.term(i))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }

    fn pat(p: &[&[&str]], regex: bool) -> Pattern {
        let p: Vec<PatternItem> = p
            .iter()
            .map(|v| match v {
                [one] => PatternItem::Text(one.to_string()),
                many => PatternItem::Tokens(many.iter().map(|s| s.to_string()).collect()),
            })
            .collect();
        Pattern::new(&p, regex, true).unwrap()
    }

    #[test]
    fn every_kind_of_pattern() {
        let c = Corpus::from_texts(["全面从严治党，改革开放和改革创新。深化改革。ABC公司"]);
        let t = c.tokens(&Analyzer::default(), Unit::Document);
        let m = |p: &[&[&str]], re: bool| words(&t, &Matcher::new(&pat(p, re), &t).find_all());
        assert_eq!(m(&[&["改革"]], false), ["改革"]);
        assert_eq!(m(&[&["改革*"]], false), ["改革开放", "改革"]);
        assert_eq!(m(&[&["全面从严治党"]], false), ["全面|从严治党"]);
        assert_eq!(m(&[&["改革", "创新"]], false), ["改革|创新"]);
        assert_eq!(m(&[&["改革", "创*"]], false), ["改革|创新"]);
        let one_token = Pattern::new(
            &[PatternItem::Tokens(vec!["全面从严治党".into()])],
            false,
            true,
        );
        assert!(Matcher::new(&one_token.unwrap(), &t).find_all().is_empty());
        assert_eq!(m(&[&["改革 创*"]], false), ["改革|创新"]);
        assert_eq!(m(&[&["改革创新"]], false), ["改革|创新"]);
        assert_eq!(m(&[&["改革 创新"]], false), ["改革|创新"]);
        assert_eq!(m(&[&["^改革.+"]], true), ["改革开放"]);
        assert_eq!(m(&[&["abc"]], false), ["abc"]);
        assert_eq!(m(&[&["没有"]], false), Vec::<String>::new());
        assert_eq!(m(&[&["深化改革"], &["改革"]], false), ["改革", "深化改革"]);
    }

    #[test]
    fn a_match_never_crosses_a_sentence() {
        let c = Corpus::from_texts(["我们要改革。创新是动力。"]);
        let t = c.tokens(&Analyzer::default(), Unit::Document);
        let p = pat(&[&["改革创新"]], false);
        assert!(Matcher::new(&p, &t).find_all().is_empty());
    }

    #[test]
    fn bad_patterns_are_invalid_parameters() {
        assert!(Pattern::new(&[], false, true).is_err());
        assert!(Pattern::new(&[" ".into()], false, true).is_err());
        let tokens = PatternItem::Tokens(vec!["改革".into(), "".into()]);
        assert!(Pattern::new(&[tokens], false, true).is_err());
        let e = Pattern::new(&["[改".into()], true, true).unwrap_err();
        assert!(e.to_string().contains("[改"), "{e}");
    }

    #[test]
    fn the_same_for_any_number_of_threads() {
        let texts: Vec<String> = (0..300)
            .map(|i| format!("第{i}条。改革开放和改革创新，深化改革{i}。"))
            .collect();
        let c = Corpus::from_texts(&texts);
        let t = c.tokens(&Analyzer::default(), Unit::Sentence);
        let p = pat(&[&["改革*"], &["改革创新"]], false);
        let runs: Vec<Vec<Match>> = [1, 2, 8]
            .iter()
            .map(|&n| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .unwrap();
                pool.install(|| Matcher::new(&p, &t).find_all())
            })
            .collect();
        assert_eq!(runs[0], runs[1]);
        assert_eq!(runs[0], runs[2]);
        assert_eq!(runs[0].len(), 300 * 3);
    }
}
