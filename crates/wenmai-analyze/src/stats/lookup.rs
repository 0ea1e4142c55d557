//! Dictionary look-up (quanteda's `tokens_lookup` followed by `dfm`): every unit's matches
//! of a dictionary's entries counted under their categories, as a [`DocTermMatrix`].

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::{Error, Result};
use crate::matrix::{DfBound, DocTermMatrix, DtmOptions};
use crate::stats::Tokens;
use crate::stats::pattern::{Match, Matcher, Pattern, PatternItem};

/// Which matches of nested entries count (quanteda's `nested_scope`).
///
/// # Examples
/// ```
/// assert_eq!(wenmai_analyze::stats::NestedScope::default(), wenmai_analyze::stats::NestedScope::Key);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum NestedScope {
    /// A token counts at most once per category: the longest match wins within a category,
    /// while categories count independently (the default).
    #[default]
    Key,
    /// As `Key`, and a match wholly inside a longer match of any category does not count.
    Dictionary,
}

/// A flattened dictionary: category names and entries, each entry under one category.
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::{Lookup, LookupOptions};
/// use wenmai_analyze::{Analyzer, Corpus, Unit};
/// let d = Lookup::new(vec!["经济".into(), "改革".into()],
///     vec![(0, "经济*".into()), (1, "改革*".into()), (1, "全面深化改革".into())]).unwrap();
/// let c = Corpus::from_texts(["经济发展，全面深化改革。", "改革开放。"]);
/// let m = c.lookup(&Analyzer::default(), Unit::Document, &d, &LookupOptions::default()).unwrap();
/// assert_eq!(m.terms, ["改革", "经济"]);
/// assert_eq!(m.to_dense().into_raw_vec_and_offset().0, [1.0, 1.0, 1.0, 0.0]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookup {
    keys: Vec<String>,
    entries: Vec<(u32, PatternItem)>,
}

/// How unmatched tokens and nested matches are treated (quanteda's `tokens_lookup`).
///
/// # Examples
/// ```
/// use wenmai_analyze::stats::{Lookup, LookupOptions};
/// use wenmai_analyze::{Analyzer, Corpus, Unit};
/// let d = Lookup::new(vec!["改革".into()], vec![(0, "改革*".into())]).unwrap();
/// let o = LookupOptions { nomatch: Some("NONE".into()), case_insensitive: true, ..LookupOptions::default() };
/// let m = Corpus::from_texts(["推动改革开放。"]).lookup(&Analyzer::default(), Unit::Document, &d, &o).unwrap();
/// assert_eq!((m.terms.as_slice(), m.data.as_slice()), (&["NONE".to_string(), "改革".into()][..], &[1.0, 1.0][..]));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LookupOptions {
    /// Keep unmatched tokens as themselves (quanteda's `exclusive = FALSE`).
    pub keep_unmatched: bool,
    /// Count unmatched tokens under this name (quanteda's `nomatch`, with `exclusive`).
    pub nomatch: Option<String>,
    /// Which matches of nested entries count.
    pub nested_scope: NestedScope,
    /// Entries are regular expressions rather than globs.
    pub regex: bool,
    /// Compare with case folded (quanteda's default; `Default` gives `false`, set it).
    pub case_insensitive: bool,
}

impl Lookup {
    /// A dictionary of categories `keys` and `(category index, entry)` pairs.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for no category, an entry of no category, or a category
    /// named twice.
    pub fn new(keys: Vec<String>, entries: Vec<(u32, PatternItem)>) -> Result<Lookup> {
        if keys.is_empty() {
            return Err(Error::InvalidParameter(
                "the dictionary has no category: give at least one key with entries".into(),
            ));
        }
        let mut seen = FxHashSet::default();
        if let Some(k) = keys.iter().find(|k| !seen.insert(k.as_str())) {
            return Err(Error::InvalidParameter(format!(
                "the dictionary names category {k:?} twice: merge its entries under one key"
            )));
        }
        if let Some((k, _)) = entries.iter().find(|(k, _)| *k as usize >= keys.len()) {
            return Err(Error::InvalidParameter(format!(
                "entry of category {k}, but there are only {} categories",
                keys.len()
            )));
        }
        Ok(Lookup { keys, entries })
    }

    /// Count the matches in every unit of `tokens` (see [`Corpus::lookup`]).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an empty or invalid entry (named).
    pub fn count(&self, tokens: &Tokens, opts: &LookupOptions) -> Result<DocTermMatrix> {
        let items: Vec<PatternItem> = self.entries.iter().map(|e| e.1.clone()).collect();
        let entry_key: Vec<u32> = self.entries.iter().map(|e| e.0).collect();
        let matcher_pattern = if items.is_empty() {
            None
        } else {
            Some(Pattern::compile(
                &items,
                opts.regex,
                opts.case_insensitive,
                false,
            )?)
        };
        let matcher = matcher_pattern.as_ref().map(|p| Matcher::new(p, tokens));
        let n_keys = self.keys.len() as u32;
        // Local ids: categories, then `nomatch`, then term t as n_keys + 1 + t.
        let rows: Vec<Vec<(u32, u32)>> = (0..tokens.len())
            .into_par_iter()
            .with_min_len(64)
            .map(|u| {
                let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
                let mut found = Vec::new();
                for k in tokens.unit_sentence_range(u) {
                    let range = tokens.sentence_range(k);
                    found.clear();
                    if let Some(m) = &matcher {
                        m.find_in(range.clone(), &mut found);
                    }
                    let covered = count_sentence(
                        &found,
                        &entry_key,
                        range.start,
                        range.len(),
                        opts.nested_scope,
                        &mut counts,
                    );
                    for (i, c) in range.zip(covered) {
                        if c {
                            continue;
                        }
                        if opts.keep_unmatched {
                            *counts.entry(n_keys + 1 + tokens.ids[i]).or_insert(0) += 1;
                        } else if opts.nomatch.is_some() {
                            *counts.entry(n_keys).or_insert(0) += 1;
                        }
                    }
                }
                let mut row: Vec<(u32, u32)> = counts.into_iter().collect();
                row.sort_unstable();
                row
            })
            .collect();
        self.matrix(tokens, rows, opts)
    }

    /// The rows over local ids as a matrix with named, sorted columns (a category and a term
    /// of one name share a column).
    fn matrix(
        &self,
        tokens: &Tokens,
        rows: Vec<Vec<(u32, u32)>>,
        opts: &LookupOptions,
    ) -> Result<DocTermMatrix> {
        let n_keys = self.keys.len() as u32;
        let mut used_terms: Vec<u32> = rows
            .iter()
            .flatten()
            .filter(|e| e.0 > n_keys)
            .map(|e| e.0 - n_keys - 1)
            .collect();
        used_terms.par_sort_unstable();
        used_terms.dedup();
        let mut names: Vec<&str> = self.keys.iter().map(String::as_str).collect();
        if !opts.keep_unmatched
            && let Some(n) = &opts.nomatch
        {
            names.push(n);
        }
        names.extend(
            used_terms
                .iter()
                .map(|&t| tokens.terms[t as usize].as_str()),
        );
        names.sort_unstable();
        names.dedup();
        let column = |local: u32| -> u32 {
            let name = if local < n_keys {
                self.keys[local as usize].as_str()
            } else if local == n_keys {
                opts.nomatch.as_deref().unwrap_or_default()
            } else {
                tokens.terms[(local - n_keys - 1) as usize].as_str()
            };
            names.binary_search(&name).unwrap_or_default() as u32
        };
        let rows: Vec<Vec<(u32, u32)>> = rows
            .into_par_iter()
            .map(|r| {
                let mut r: Vec<(u32, u32)> = r.into_iter().map(|(l, c)| (column(l), c)).collect();
                r.sort_unstable();
                r.dedup_by(|b, a| {
                    let same = a.0 == b.0;
                    if same {
                        a.1 += b.1;
                    }
                    same
                });
                r
            })
            .collect();
        let every_column = DtmOptions {
            min_df: DfBound::Count(0),
            ..DtmOptions::default()
        };
        let terms = names.into_iter().map(str::to_owned).collect();
        DocTermMatrix::from_counts(terms, &rows, &every_column, tokens.units.clone()).map(|m| m.0)
    }
}

/// Count one sentence's matches (tokens `first..first + len`) under their categories as
/// quanteda's `tokens_lookup` does: longer matches first, then left to right, each category
/// counting a match only if none of its tokens already counted for that category. Returns
/// which tokens some counted match covers.
fn count_sentence(
    found: &[Match],
    entry_key: &[u32],
    first: usize,
    len: usize,
    scope: NestedScope,
    counts: &mut FxHashMap<u32, u32>,
) -> Vec<bool> {
    let mut covered = vec![false; len];
    if found.is_empty() {
        return covered;
    }
    let mut cands: Vec<(usize, usize, u32)> = found
        .iter()
        .map(|m| (m.start, m.end, entry_key[m.alt as usize]))
        .collect();
    cands.sort_unstable_by(|a, b| (b.1 - b.0, a.0, a.2).cmp(&(a.1 - a.0, b.0, b.2)));
    cands.dedup();
    let mut taken: FxHashSet<(u32, usize)> = FxHashSet::default();
    let mut i = 0;
    while i < cands.len() {
        let (s, e, _) = cands[i];
        let mut j = i;
        while j < cands.len() && (cands[j].0, cands[j].1) == (s, e) {
            j += 1;
        }
        let (a, b) = (s - first, e - first);
        let inside = scope == NestedScope::Dictionary && covered[a..b].iter().all(|&c| c);
        let mut any = false;
        if !inside {
            for &(_, _, key) in &cands[i..j] {
                if (a..b).all(|t| !taken.contains(&(key, t))) {
                    taken.extend((a..b).map(|t| (key, t)));
                    *counts.entry(key).or_insert(0) += 1;
                    any = true;
                }
            }
        }
        if any {
            covered[a..b].iter_mut().for_each(|c| *c = true);
        }
        i = j;
    }
    covered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::Analyzer;
    use crate::corpus::Corpus;
    use crate::unit::Unit;

    fn dict(keys: &[&str], entries: &[(u32, &str)]) -> Lookup {
        Lookup::new(
            keys.iter().map(|k| k.to_string()).collect(),
            entries.iter().map(|&(k, e)| (k, e.into())).collect(),
        )
        .unwrap()
    }

    fn counts(m: &DocTermMatrix) -> Vec<(String, f64)> {
        let (idx, val) = m.row(0);
        idx.iter()
            .zip(val)
            .map(|(&j, &v)| (m.terms[j as usize].clone(), v))
            .collect()
    }

    fn opts() -> LookupOptions {
        LookupOptions {
            case_insensitive: true,
            ..LookupOptions::default()
        }
    }

    #[test]
    fn longest_match_within_a_key_and_every_key_counts() {
        // 全面 从严治党: "全面从严治党" and "从严治党" nest; in one key the longer wins.
        let c = Corpus::from_texts(["坚持全面从严治党。"]);
        let t = c.tokens(&Analyzer::default(), Unit::Document);
        let one = dict(&["党建"], &[(0, "全面从严治党"), (0, "从严治党")]);
        assert_eq!(
            counts(&one.count(&t, &opts()).unwrap()),
            [("党建".into(), 1.0)]
        );
        let two = dict(&["甲", "乙"], &[(0, "全面从严治党"), (1, "从严治党")]);
        let m = two.count(&t, &opts()).unwrap();
        assert_eq!(counts(&m), [("乙".into(), 1.0), ("甲".into(), 1.0)]);
        let o = LookupOptions {
            nested_scope: NestedScope::Dictionary,
            ..opts()
        };
        assert_eq!(counts(&two.count(&t, &o).unwrap()), [("甲".into(), 1.0)]);
    }

    #[test]
    fn unmatched_tokens_kept_or_counted() {
        let c = Corpus::from_texts(["坚持全面从严治党。"]);
        let t = c.tokens(&Analyzer::default(), Unit::Document);
        let d = dict(&["DANG"], &[(0, "全面从严治党")]);
        let keep = LookupOptions {
            keep_unmatched: true,
            ..opts()
        };
        let m = d.count(&t, &keep).unwrap();
        assert_eq!(counts(&m), [("DANG".into(), 1.0), ("坚持".into(), 1.0)]);
        let none = LookupOptions {
            nomatch: Some("NONE".into()),
            ..opts()
        };
        let m = d.count(&t, &none).unwrap();
        assert_eq!(counts(&m), [("DANG".into(), 1.0), ("NONE".into(), 1.0)]);
        let absent = dict(&["甲", "乙"], &[(0, "没有")]);
        let m = absent.count(&t, &opts()).unwrap();
        assert_eq!((m.terms.len(), m.indptr.as_slice()), (2, &[0i64, 0][..]));
    }

    #[test]
    fn bad_dictionaries_are_invalid_parameters() {
        assert!(Lookup::new(vec![], vec![]).is_err());
        assert!(Lookup::new(vec!["a".into(), "a".into()], vec![]).is_err());
        assert!(Lookup::new(vec!["a".into()], vec![(1, "x".into())]).is_err());
    }
}
