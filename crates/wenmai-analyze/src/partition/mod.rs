//! Count blocks: the counts of one partition of a corpus (its units' rows over its own sorted
//! vocabulary, and its unit table), in a compact binary encoding (postcard), merged two at a
//! time in partition order so that a tree of merges gives the matrix of the whole corpus.
//!
//! A block covers a range of partitions; [`CountBlock::merge`] of two adjacent blocks merges
//! their vocabularies (each a sorted term list, so the id maps are increasing and rows stay
//! sorted) and puts the rows of the earlier range first. Merging in any tree over the same
//! partitions gives the same block, whichever of two blocks is passed first.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::analyzer::Analyzer;
use crate::corpus::Corpus;
use crate::count::{RawCounts, count_units, merge_sorted, merge_sorted_terms};
use crate::error::{Error, Result};
use crate::keywords::IdfTable;
use crate::matrix::{DocTermMatrix, DtmOptions};
use crate::stats::{
    CorpusStats, Keyness, KeynessCorrection, KeynessMeasure, check_keyness, check_target,
};
use crate::unit::{Unit, UnitRef};

/// The counts of a range of partitions of a corpus.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Corpus, CountBlock, DtmOptions, Unit};
/// let an = Analyzer::default();
/// let a = CountBlock::count(&Corpus::from_texts(["发展经济。"]), &an, Unit::Document, 0);
/// let b = CountBlock::count(&Corpus::from_texts(["发展科技。"]), &an, Unit::Document, 1);
/// let ab = CountBlock::from_bytes(&b.to_bytes()).unwrap().merge(a).unwrap();
/// let whole = Corpus::from_texts(["发展经济。", "发展科技。"]);
/// let m = whole.dtm(&an, Unit::Document, &DtmOptions::default()).unwrap();
/// assert_eq!(ab.into_matrix(&DtmOptions::default()).unwrap(), m);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountBlock {
    /// The first partition of the range.
    start: u64,
    /// One past the last partition of the range.
    end: u64,
    /// Documents counted (units refer to them from 0 on).
    n_documents: u64,
    /// The terms, sorted and distinct.
    terms: Vec<String>,
    /// Per unit: `(term id, count)` sorted by term id.
    rows: Vec<Vec<(u32, u32)>>,
    /// What each row is.
    units: Vec<UnitRef>,
}

impl CountBlock {
    /// Count the units of a corpus that is partition `index` of a larger one.
    pub fn count(corpus: &Corpus, analyzer: &Analyzer, unit: Unit, index: u64) -> CountBlock {
        let (raw, units) = count_units(corpus.documents(), analyzer, unit);
        CountBlock {
            start: index,
            end: index + 1,
            n_documents: corpus.len() as u64,
            terms: raw.terms,
            rows: raw.rows,
            units,
        }
    }

    /// The partitions covered, as a range of partition indices.
    pub fn partitions(&self) -> std::ops::Range<u64> {
        self.start..self.end
    }

    /// Number of documents counted.
    pub fn n_documents(&self) -> u64 {
        self.n_documents
    }

    /// Number of units (rows).
    pub fn n_units(&self) -> usize {
        self.rows.len()
    }

    /// The terms, sorted.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The counts of two adjacent ranges of partitions, in partition order whichever is
    /// `self`: one vocabulary, the rows of the earlier range first.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when the ranges are not adjacent.
    pub fn merge(self, other: CountBlock) -> Result<CountBlock> {
        CountBlock::merge_all(vec![self, other])
    }

    /// The counts of adjacent ranges of partitions (given in any order) as one block: one
    /// k-way merge of their vocabularies, so that a tree of merges can fan in more than two.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when there is no block, or the ranges, sorted, leave a gap
    /// or overlap.
    pub fn merge_all(mut blocks: Vec<CountBlock>) -> Result<CountBlock> {
        blocks.sort_by_key(|b| b.start);
        check_adjacent(blocks.iter())?;
        if blocks.len() == 1 {
            return Ok(blocks.pop().unwrap_or_default());
        }
        let lists: Vec<Vec<String>> = blocks
            .iter_mut()
            .map(|b| std::mem::take(&mut b.terms))
            .collect();
        let range = (blocks[0].start, blocks[blocks.len() - 1].end);
        let (terms, maps) = merge_sorted_terms(lists);
        // Each block's rows remapped in place, in parallel (the maps are increasing: rows stay
        // sorted).
        let parts: Vec<Part> = blocks
            .into_par_iter()
            .zip(maps)
            .map(|(b, map)| {
                let mut rows = b.rows;
                for r in &mut rows {
                    r.iter_mut().for_each(|e| e.0 = map[e.0 as usize]);
                }
                (rows, b.units, b.n_documents)
            })
            .collect();
        Ok(CountBlock::joined(range, parts, terms))
    }

    /// [`merge_all`](Self::merge_all) of borrowed blocks: their rows are read, not copied
    /// first, so a caller that keeps its blocks (a Python object) pays for the merged block
    /// only.
    ///
    /// # Errors
    /// As [`merge_all`](Self::merge_all).
    pub fn merge_refs(blocks: &[&CountBlock]) -> Result<CountBlock> {
        let mut blocks = blocks.to_vec();
        blocks.sort_by_key(|b| b.start);
        check_adjacent(blocks.iter().copied())?;
        let range = (blocks[0].start, blocks[blocks.len() - 1].end);
        let views: Vec<Vec<&str>> = blocks
            .iter()
            .map(|b| b.terms.iter().map(String::as_str).collect())
            .collect();
        let refs: Vec<&[&str]> = views.iter().map(Vec::as_slice).collect();
        let (firsts, maps) = merge_sorted(&refs);
        let terms = firsts
            .iter()
            .map(|&(l, i)| views[l][i].to_owned())
            .collect();
        let parts = blocks
            .par_iter()
            .zip(maps)
            .map(|(b, map)| {
                let rows = b
                    .rows
                    .iter()
                    .map(|r| r.iter().map(|&(id, c)| (map[id as usize], c)).collect())
                    .collect();
                (rows, b.units.clone(), b.n_documents)
            })
            .collect();
        Ok(CountBlock::joined(range, parts, terms))
    }

    /// Blocks' remapped rows, units and document counts, in partition order, as one block.
    fn joined((start, end): (u64, u64), parts: Vec<Part>, terms: Vec<String>) -> Self {
        let (mut rows, mut units, mut offset) = (Vec::new(), Vec::new(), 0usize);
        for (r, u, n) in parts {
            rows.extend(r);
            units.extend(u.into_iter().map(|mut u| {
                u.document += offset;
                u
            }));
            offset += n as usize;
        }
        CountBlock {
            start,
            end,
            n_documents: offset as u64,
            terms,
            rows,
            units,
        }
    }

    /// The document-term matrix of the range, pruned as [`Corpus::dtm`] prunes.
    ///
    /// # Errors
    /// As [`Corpus::dtm`].
    pub fn into_matrix(self, opts: &DtmOptions) -> Result<DocTermMatrix> {
        RawCounts {
            terms: self.terms,
            rows: self.rows,
        }
        .into_matrix(opts, self.units)
    }

    /// [`into_matrix`](Self::into_matrix) of a borrowed block: its rows read, not copied.
    ///
    /// # Errors
    /// As [`Corpus::dtm`].
    pub fn to_matrix(&self, opts: &DtmOptions) -> Result<DocTermMatrix> {
        DocTermMatrix::from_counts(self.terms.clone(), &self.rows, opts, self.units.clone())
            .map(|(m, _)| m)
    }

    /// The block's rows over `terms`, a sorted vocabulary (the kept terms of the whole
    /// corpus): each row's number of entries kept, then every kept entry's column in `terms`
    /// and its count, in row order. Entries of terms not in `terms` are dropped, so that a
    /// batch becomes rows of the pruned corpus matrix without a matrix of its own.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `terms` is not sorted and distinct.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, Corpus, CountBlock, Unit};
    /// let c = Corpus::from_texts(["发展经济，发展科技。"]);
    /// let b = CountBlock::count(&c, &Analyzer::default(), Unit::Document, 0);
    /// let kept = ["发展".to_string(), "科技".to_string()];
    /// assert_eq!(b.rows_over(&kept).unwrap(), (vec![2], vec![0, 1], vec![2, 1]));
    /// ```
    pub fn rows_over(&self, terms: &[String]) -> Result<(Vec<u64>, Vec<u32>, Vec<u32>)> {
        if let Some(w) = terms.windows(2).find(|w| w[0] >= w[1]) {
            return Err(Error::InvalidParameter(format!(
                "the terms must be sorted and distinct: {:?} comes before {:?}",
                w[0], w[1]
            )));
        }
        // Both lists sorted: one merge join gives each of the block's terms its column.
        let mut map = vec![u32::MAX; self.terms.len()];
        let mut j = 0;
        for (i, t) in self.terms.iter().enumerate() {
            while j < terms.len() && terms[j] < *t {
                j += 1;
            }
            if j < terms.len() && terms[j] == *t {
                map[i] = j as u32;
            }
        }
        let mut lens = Vec::with_capacity(self.rows.len());
        let (mut cols, mut counts) = (Vec::new(), Vec::new());
        for r in &self.rows {
            let before = cols.len();
            for &(id, c) in r {
                let col = map[id as usize];
                if col != u32::MAX {
                    cols.push(col);
                    counts.push(c);
                }
            }
            lens.push((cols.len() - before) as u64);
        }
        Ok((lens, cols, counts))
    }

    /// The units (rows) of the range, in order.
    pub fn units(&self) -> &[UnitRef] {
        &self.units
    }

    /// The statistics of the range (document frequency over its units).
    pub fn stats(&self) -> CorpusStats {
        CorpusStats::from_rows(&self.terms, &self.rows)
    }

    /// The statistics of groups of documents: `groups[d]` is the group of document `d` (of
    /// `n_groups`); one [`CorpusStats`] per group.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `groups` is not one group below `n_groups` per document.
    pub fn stats_by(&self, groups: &[u32], n_groups: usize) -> Result<Vec<CorpusStats>> {
        if groups.len() as u64 != self.n_documents || groups.iter().any(|&g| g as usize >= n_groups)
        {
            return Err(Error::InvalidParameter(format!(
                "{} group codes below {n_groups} for {} documents",
                groups.len(),
                self.n_documents
            )));
        }
        let mut parts = vec![RawCounts::default(); n_groups];
        for p in &mut parts {
            p.terms = self.terms.clone();
        }
        for (r, u) in self.rows.iter().zip(&self.units) {
            parts[groups[u.document] as usize].rows.push(r.clone());
        }
        Ok(parts
            .iter()
            .map(|p| {
                let mut s = CorpusStats::from_raw(p);
                s.df.retain(|_, v| *v > 0);
                s.cf.retain(|t, _| s.df.contains_key(t));
                s
            })
            .collect())
    }

    /// The top-`k` keywords of each row (of a block of documents), weighed as
    /// [`DocTermMatrix::keywords`] weighs them, with the idf of `idf`, or with `ln(n / df)`
    /// of the whole corpus's statistics `corpus` (as the in-memory corpus learns it).
    pub fn keywords(
        &self,
        k: usize,
        idf: Option<&IdfTable>,
        corpus: &CorpusStats,
    ) -> Vec<Vec<(String, f64)>> {
        // Default options prune nothing here: every term of a block is in one of its rows.
        let Ok(m) = self.to_matrix(&DtmOptions::default()) else {
            return vec![Vec::new(); self.rows.len()];
        };
        match idf {
            Some(idf) => m.keywords(k, idf),
            None => {
                let n = corpus.n_units as f64;
                let learnt = IdfTable::from_pairs(self.terms.iter().map(|t| {
                    let df = corpus.df.get(t).copied().unwrap_or(0) as f64;
                    (t.clone(), (n / df).ln())
                }));
                m.keywords(k, &learnt)
            }
        }
    }

    /// Keyness of the target documents (`target[d]` for document `d` of the range)
    /// against the others, over the range's counts: [`Keyness::from_matrix`] of its matrix,
    /// as [`CachedCorpus::keyness`](crate::CachedCorpus::keyness) computes it in memory.
    ///
    /// # Errors
    /// As [`CachedCorpus::keyness`](crate::CachedCorpus::keyness).
    pub fn keyness(
        &self,
        target: &[bool],
        measure: KeynessMeasure,
        correction: KeynessCorrection,
    ) -> Result<Keyness> {
        check_keyness(measure, correction)?;
        check_target(target, self.n_documents as usize)?;
        let m = self.to_matrix(&DtmOptions::default())?;
        Keyness::from_matrix(&m, target, measure, correction)
    }

    /// The block in postcard's compact encoding (varint integers, length-prefixed strings).
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// A block from [`to_bytes`](Self::to_bytes).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when the bytes are not a block.
    pub fn from_bytes(bytes: &[u8]) -> Result<CountBlock> {
        postcard::from_bytes(bytes)
            .map_err(|e| Error::InvalidParameter(format!("not a count block: {e}")))
    }
}

/// A block's rows over the merged vocabulary, its units and its number of documents.
type Part = (Vec<Vec<(u32, u32)>>, Vec<UnitRef>, u64);

/// Blocks sorted by their first partition: an error unless there is one and they cover
/// consecutive ranges, with no gap or overlap.
fn check_adjacent<'a>(blocks: impl Iterator<Item = &'a CountBlock>) -> Result<()> {
    let mut last: Option<&CountBlock> = None;
    for b in blocks {
        if let Some(a) = last
            && a.end != b.start
        {
            return Err(Error::InvalidParameter(format!(
                "count blocks of partitions {}..{} and {}..{} are not adjacent",
                a.start, a.end, b.start, b.end
            )));
        }
        last = Some(b);
    }
    match last {
        None => Err(Error::InvalidParameter("no count block to merge".into())),
        Some(_) => Ok(()),
    }
}

impl CorpusStats {
    /// The statistics in postcard's compact encoding.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::CorpusStats;
    /// let s = CorpusStats::from_tokens(&[vec!["经济", "科技"]]);
    /// assert_eq!(CorpusStats::from_bytes(&s.to_bytes()).unwrap(), s);
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// Statistics from [`to_bytes`](Self::to_bytes).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when the bytes are not statistics.
    pub fn from_bytes(bytes: &[u8]) -> Result<CorpusStats> {
        postcard::from_bytes(bytes)
            .map_err(|e| Error::InvalidParameter(format!("not corpus statistics: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 5] = [
        "发展经济，改革开放。",
        "发展科技，科技强国。",
        "学习C++和c++。",
        "",
        "一、总则\n保护环境。发展经济。",
    ];

    fn block(i: usize) -> CountBlock {
        let c = Corpus::from_texts([TEXTS[i]]);
        CountBlock::count(&c, &Analyzer::default(), Unit::Sentence, i as u64)
    }

    #[test]
    fn a_k_way_merge_in_any_order_is_the_pairwise_one() {
        let pairwise = (0..TEXTS.len())
            .map(block)
            .reduce(|a, b| a.merge(b).unwrap())
            .unwrap();
        let shuffled = [3, 0, 4, 1, 2].map(block).to_vec();
        let borrowed: Vec<&CountBlock> = shuffled.iter().collect();
        assert_eq!(CountBlock::merge_refs(&borrowed).unwrap(), pairwise);
        assert_eq!(CountBlock::merge_all(shuffled).unwrap(), pairwise);
        let opts = DtmOptions::default();
        assert_eq!(
            pairwise.to_matrix(&opts).unwrap(),
            pairwise.clone().into_matrix(&opts).unwrap()
        );
        assert!(CountBlock::merge_refs(&[&block(0), &block(2)]).is_err());
        assert!(CountBlock::merge_refs(&[]).is_err());
        let gap = CountBlock::merge_all(vec![block(0), block(2)]).unwrap_err();
        assert!(gap.to_string().contains("not adjacent"), "{gap}");
        assert!(CountBlock::merge_all(Vec::new()).is_err());
    }

    #[test]
    fn any_tree_of_merges_is_the_matrix_of_the_whole_corpus() {
        let whole = Corpus::from_texts(TEXTS);
        let opts = DtmOptions::default();
        let m = whole
            .dtm(&Analyzer::default(), Unit::Sentence, &opts)
            .unwrap();
        let left = (0..TEXTS.len())
            .map(block)
            .reduce(|a, b| a.merge(b).unwrap())
            .unwrap();
        let right = (0..TEXTS.len())
            .rev()
            .map(block)
            .reduce(|b, a| b.merge(a).unwrap())
            .unwrap();
        let pairs = block(0)
            .merge(block(1))
            .unwrap()
            .merge(block(2).merge(block(3).merge(block(4)).unwrap()).unwrap())
            .unwrap();
        assert_eq!(left, right);
        assert_eq!(left, pairs);
        let bytes = CountBlock::from_bytes(&left.to_bytes()).unwrap();
        assert_eq!(bytes.into_matrix(&opts).unwrap(), m);
    }

    #[test]
    fn rows_over_the_kept_terms_are_the_pruned_matrix() {
        let whole = (0..TEXTS.len())
            .map(block)
            .reduce(|a, b| a.merge(b).unwrap())
            .unwrap();
        let opts = DtmOptions {
            min_df: crate::DfBound::Count(2),
            ..DtmOptions::default()
        };
        let m = whole.to_matrix(&opts).unwrap();
        let (lens, cols, counts) = whole.rows_over(&m.terms).unwrap();
        let indptr: Vec<i64> = std::iter::once(0)
            .chain(lens.iter().scan(0, |at, &l| {
                *at += l as i64;
                Some(*at)
            }))
            .collect();
        assert_eq!(indptr, m.indptr);
        assert_eq!(
            cols.iter().map(|&c| c as i32).collect::<Vec<_>>(),
            m.indices
        );
        assert_eq!(
            counts.iter().map(|&c| f64::from(c)).collect::<Vec<_>>(),
            m.data
        );
        let unsorted = ["经济".to_string(), "发展".to_string()];
        assert!(whole.rows_over(&unsorted).is_err());
    }

    #[test]
    fn blocks_that_are_not_adjacent_do_not_merge() {
        assert!(block(0).merge(block(2)).is_err());
        assert!(CountBlock::from_bytes(b"\xff\xff").is_err());
    }
}
