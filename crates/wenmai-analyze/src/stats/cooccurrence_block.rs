//! The co-occurrence counts of one partition of a corpus (`wenmai.dask`'s
//! `DaskCorpus.cooccurrence`): the full matrix of its tokens over its own sorted vocabulary
//! and each term's count, merged by summing cells, then finished (terms chosen, upper
//! triangle) by the same selection as [`Tokens::cooccurrence`].
//!
//! Every context (window, sentence, unit) lies inside one document, so the matrix of a
//! corpus is the cell-wise sum of its partitions' matrices; the most frequent terms
//! (`TermSelection::Top`) are chosen from the summed counts, after the merge.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::cooccurrence::{Row, SKIP, assemble, check, choose, rows_of};
use crate::error::{Error, Result};
use crate::stats::{CoCount, Context, Cooccurrence, CooccurrenceOptions, TermSelection, Tokens};

/// The co-occurrence counts of a range of partitions.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, CooccurrenceBlock, CooccurrenceOptions, Corpus, TermSelection, Unit};
/// let an = Analyzer::default();
/// let t = |texts: &[&str]| Corpus::from_texts(texts.iter().copied()).tokens(&an, Unit::Document);
/// let opts = CooccurrenceOptions { terms: TermSelection::Top(2), ..Default::default() };
/// let a = CooccurrenceBlock::count(&t(&["发展经济。"]), &opts).unwrap();
/// let b = CooccurrenceBlock::count(&t(&["发展科技，发展经济。"]), &opts).unwrap();
/// let b = CooccurrenceBlock::from_bytes(&b.to_bytes()).unwrap();
/// let merged = CooccurrenceBlock::merge_all(vec![a, b]).unwrap().finish(&opts).unwrap();
/// let whole = t(&["发展经济。", "发展科技，发展经济。"]).cooccurrence(&opts).unwrap();
/// assert_eq!(merged, whole);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CooccurrenceBlock {
    /// What was counted: window, context, count and `ordered` (blocks merge only alike).
    settings: (u64, u8, u8, bool),
    /// The terms, sorted and distinct.
    terms: Vec<String>,
    /// Each term's count over the tokens.
    cf: Vec<u64>,
    /// Row per term: its columns (increasing) and values, over every term; unless
    /// `ordered`, the matrix is symmetric and only the upper triangle is kept.
    rows: Vec<Row>,
}

fn settings(opts: &CooccurrenceOptions) -> (u64, u8, u8, bool) {
    let context = match opts.context {
        Context::Window => 0,
        Context::Sentence => 1,
        Context::Document => 2,
    };
    let count = match opts.count {
        CoCount::Frequency => 0,
        CoCount::Boolean => 1,
        CoCount::Weighted => 2,
    };
    (opts.window as u64, context, count, opts.ordered)
}

impl CooccurrenceBlock {
    /// The counts of one partition's tokens, as `opts` says (its `terms` and `tri` are
    /// applied by [`finish`](Self::finish)).
    ///
    /// # Errors
    /// As [`Tokens::cooccurrence`].
    pub fn count(tokens: &Tokens, opts: &CooccurrenceOptions) -> Result<CooccurrenceBlock> {
        check(opts)?;
        // A symmetric matrix is its upper triangle: half the cells to count, ship and merge.
        let full = CooccurrenceOptions {
            terms: TermSelection::All,
            tri: !opts.ordered,
            ..opts.clone()
        };
        let m = tokens.cooccurrence(&full)?;
        let mut cf = vec![0u64; tokens.terms.len()];
        for &id in &tokens.ids {
            cf[id as usize] += 1;
        }
        let rows = (0..m.len())
            .map(|r| {
                let span = m.indptr[r]..m.indptr[r + 1];
                (m.indices[span.clone()].to_vec(), m.data[span].to_vec())
            })
            .collect();
        Ok(CooccurrenceBlock {
            settings: settings(opts),
            terms: m.terms,
            cf,
            rows,
        })
    }

    /// Blocks of adjacent partitions (in partition order) as one: vocabularies merged,
    /// counts and cells summed in block order.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when the blocks were counted with different settings.
    pub fn merge_all(blocks: Vec<CooccurrenceBlock>) -> Result<CooccurrenceBlock> {
        let Some(first) = blocks.first() else {
            return Ok(CooccurrenceBlock::default());
        };
        let key = first.settings;
        if blocks.iter().any(|b| b.settings != key) {
            return Err(Error::InvalidParameter(
                "co-occurrence blocks counted with different settings cannot merge".to_string(),
            ));
        }
        if blocks.len() == 1 {
            return Ok(blocks.into_iter().next().unwrap_or_default());
        }
        let mut terms: Vec<String> = blocks
            .iter()
            .flat_map(|b| b.terms.iter().cloned())
            .collect();
        terms.par_sort_unstable();
        terms.dedup();
        // Each block's ids into the merged vocabulary: increasing, so rows stay sorted.
        let maps: Vec<Vec<u32>> = blocks
            .par_iter()
            .map(|b| {
                b.terms
                    .iter()
                    .map(|t| terms.binary_search(t).map_or(0, |k| k as u32))
                    .collect()
            })
            .collect();
        // Where each merged term is in each block.
        let mut at: Vec<Vec<(usize, usize)>> = vec![Vec::new(); terms.len()];
        for (b, map) in maps.iter().enumerate() {
            for (old, &new) in map.iter().enumerate() {
                at[new as usize].push((b, old));
            }
        }
        let cf = at
            .iter()
            .map(|places| places.iter().map(|&(b, old)| blocks[b].cf[old]).sum())
            .collect();
        let rows = at
            .par_iter()
            .map(|places| {
                let mut cells: Vec<(u32, usize, f64)> = Vec::new();
                for &(b, old) in places {
                    let (cols, vals) = &blocks[b].rows[old];
                    cells.extend(
                        cols.iter()
                            .zip(vals)
                            .map(|(&c, &v)| (maps[b][c as usize], b, v)),
                    );
                }
                // By column, then block: each cell summed in partition order.
                cells.sort_unstable_by_key(|&(c, b, _)| (c, b));
                let mut row: Row = (Vec::new(), Vec::new());
                for (c, _, v) in cells {
                    match row.0.last() {
                        Some(&last) if last == c => {
                            if let Some(x) = row.1.last_mut() {
                                *x += v;
                            }
                        }
                        _ => {
                            row.0.push(c);
                            row.1.push(v);
                        }
                    }
                }
                row
            })
            .collect();
        Ok(CooccurrenceBlock {
            settings: key,
            terms,
            cf,
            rows,
        })
    }

    /// The matrix of the rows and columns `opts.terms` selects (the most frequent from the
    /// summed counts), the upper triangle only with `opts.tri` (and not `ordered`).
    ///
    /// # Errors
    /// As [`Tokens::cooccurrence`].
    pub fn finish(self, opts: &CooccurrenceOptions) -> Result<Cooccurrence> {
        check(opts)?;
        let chosen = choose(&self.terms, &opts.terms, || self.cf.clone());
        let out_of = rows_of(&chosen, self.terms.len());
        let tri = opts.tri && !opts.ordered;
        let symmetric = !self.settings.3;
        // The chosen rows' cells as (row, column, value) in the new order, each cell of a
        // kept triangle also at its mirror place.
        let cells: Vec<(u32, u32, f64)> = self
            .rows
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, (cols, vals))| {
                let r = out_of[i];
                let out_of = &out_of;
                cols.iter()
                    .zip(vals)
                    .filter(move |_| r != SKIP)
                    .flat_map(move |(&c, &v)| {
                        let c = out_of[c as usize];
                        let here = (c != SKIP).then_some((r, c, v));
                        let mirror = (symmetric && c != SKIP && c != r).then_some((c, r, v));
                        here.into_iter().chain(mirror)
                    })
            })
            .filter(|&(r, c, _)| !(tri && c < r))
            .collect();
        let mut rows: Vec<Row> = vec![(Vec::new(), Vec::new()); chosen.len()];
        for (r, c, v) in cells {
            rows[r as usize].0.push(c);
            rows[r as usize].1.push(v);
        }
        rows.par_iter_mut().for_each(|(cols, vals)| {
            let mut pairs: Vec<(u32, f64)> =
                cols.iter().copied().zip(vals.iter().copied()).collect();
            pairs.sort_unstable_by_key(|&(c, _)| c);
            (*cols, *vals) = pairs.into_iter().unzip();
        });
        let terms = chosen
            .iter()
            .map(|&id| self.terms[id as usize].clone())
            .collect();
        Ok(assemble(terms, rows))
    }

    /// Number of distinct terms.
    pub fn n_terms(&self) -> usize {
        self.terms.len()
    }

    /// The block in postcard's compact encoding: columns as gaps from the previous one and,
    /// unless the count is weighted, values as whole numbers (each a varint of a byte or two).
    pub fn to_bytes(&self) -> Vec<u8> {
        let weighted = self.settings.2 == 2;
        let wire = Wire {
            settings: self.settings,
            terms: self.terms.clone(),
            cf: self.cf.clone(),
            gaps: self.rows.iter().map(|(cols, _)| gaps(cols)).collect(),
            counts: if weighted {
                Vec::new()
            } else {
                self.rows
                    .iter()
                    .map(|(_, vals)| vals.iter().map(|&v| v as u64).collect())
                    .collect()
            },
            weights: if weighted {
                self.rows.iter().map(|(_, vals)| vals.clone()).collect()
            } else {
                Vec::new()
            },
        };
        postcard::to_stdvec(&wire).unwrap_or_default()
    }

    /// A block from [`to_bytes`](Self::to_bytes).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when the bytes are not a block.
    pub fn from_bytes(bytes: &[u8]) -> Result<CooccurrenceBlock> {
        let bad = |m: &str| Error::InvalidParameter(format!("not a co-occurrence block: {m}"));
        let w: Wire = postcard::from_bytes(bytes).map_err(|e| bad(&e.to_string()))?;
        let n = w.terms.len();
        let values: Vec<Vec<f64>> = if w.settings.2 == 2 {
            w.weights
        } else {
            w.counts
                .into_iter()
                .map(|row| row.into_iter().map(|c| c as f64).collect())
                .collect()
        };
        if w.cf.len() != n || w.gaps.len() != n || values.len() != n {
            return Err(bad("rows and terms differ in number"));
        }
        let mut rows = Vec::with_capacity(n);
        for (g, vals) in w.gaps.into_iter().zip(values) {
            let mut cols = Vec::with_capacity(g.len());
            let mut at = 0u64;
            for (k, d) in g.into_iter().enumerate() {
                at += u64::from(d) + u64::from(k > 0);
                if at >= n as u64 {
                    return Err(bad("a column past the last term"));
                }
                cols.push(at as u32);
            }
            if vals.len() != cols.len() {
                return Err(bad("a row's columns and values differ in number"));
            }
            rows.push((cols, vals));
        }
        Ok(CooccurrenceBlock {
            settings: w.settings,
            terms: w.terms,
            cf: w.cf,
            rows,
        })
    }
}

/// What [`CooccurrenceBlock::to_bytes`] writes.
#[derive(Serialize, Deserialize)]
struct Wire {
    settings: (u64, u8, u8, bool),
    terms: Vec<String>,
    cf: Vec<u64>,
    /// Per row, each column's distance from the previous one past 1 (the first: itself).
    gaps: Vec<Vec<u32>>,
    /// Per row, the whole-number values (every count but the weighted one).
    counts: Vec<Vec<u64>>,
    /// Per row, the weighted values.
    weights: Vec<Vec<f64>>,
}

fn gaps(cols: &[u32]) -> Vec<u32> {
    cols.iter()
        .enumerate()
        .map(|(k, &c)| if k == 0 { c } else { c - cols[k - 1] - 1 })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Corpus, Unit};

    const TEXTS: [&str; 4] = [
        "发展经济，发展科技，经济发展。改革开放，开放发展。",
        "科技创新，创新驱动发展。经济 经济 经济。",
        "改革改革改革，深化改革。",
        "经济发展，科技发展，改革发展。",
    ];

    fn tokens(texts: &[&str], unit: Unit) -> Tokens {
        Corpus::from_texts(texts.iter().copied()).tokens(&Analyzer::default(), unit)
    }

    #[test]
    fn merged_partitions_equal_the_whole_for_every_setting() {
        let selections = [
            TermSelection::All,
            TermSelection::Top(3),
            TermSelection::List(vec!["改革".into(), "发展".into(), "无".into()]),
        ];
        for unit in [Unit::Document, Unit::Sentence] {
            for (context, count) in [
                (Context::Window, CoCount::Frequency),
                (Context::Window, CoCount::Boolean),
                (Context::Window, CoCount::Weighted),
                (Context::Sentence, CoCount::Frequency),
                (Context::Document, CoCount::Boolean),
            ] {
                for ordered in [false, true] {
                    if ordered && context != Context::Window {
                        continue;
                    }
                    for terms in &selections {
                        for tri in [false, true] {
                            let opts = CooccurrenceOptions {
                                window: 2,
                                context,
                                count,
                                terms: terms.clone(),
                                ordered,
                                tri,
                            };
                            let whole = tokens(&TEXTS, unit).cooccurrence(&opts).unwrap();
                            let parts = [&TEXTS[..1], &TEXTS[1..3], &TEXTS[3..]]
                                .iter()
                                .map(|p| CooccurrenceBlock::count(&tokens(p, unit), &opts))
                                .collect::<Result<Vec<_>>>()
                                .unwrap();
                            for p in &parts {
                                let back = CooccurrenceBlock::from_bytes(&p.to_bytes());
                                assert_eq!(back.ok().as_ref(), Some(p), "{opts:?}");
                            }
                            let got = CooccurrenceBlock::merge_all(parts)
                                .unwrap()
                                .finish(&opts)
                                .unwrap();
                            assert_eq!(got.terms, whole.terms, "{opts:?}");
                            assert_eq!(got.indptr, whole.indptr, "{opts:?}");
                            assert_eq!(got.indices, whole.indices, "{opts:?}");
                            for (x, y) in got.data.iter().zip(&whole.data) {
                                assert!((x - y).abs() <= 1e-12 * y.abs(), "{opts:?}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn blocks_of_other_settings_do_not_merge() {
        let t = tokens(&TEXTS, Unit::Document);
        let a = CooccurrenceBlock::count(&t, &CooccurrenceOptions::default()).unwrap();
        let o = CooccurrenceOptions {
            window: 3,
            ..Default::default()
        };
        let b = CooccurrenceBlock::count(&t, &o).unwrap();
        assert!(CooccurrenceBlock::merge_all(vec![a, b]).is_err());
        assert!(CooccurrenceBlock::from_bytes(b"\xff\xff").is_err());
    }
}
