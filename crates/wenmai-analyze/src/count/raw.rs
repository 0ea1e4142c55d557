//! Rows of `(term id, count)` over a term list, from any source of counts, and their
//! concatenation and merge into one sorted vocabulary: the step before a [`DocTermMatrix`].

use rayon::prelude::*;

use super::intern::{Interner, WORD_BIT};
use super::merge::{merge_sorted, sorted_terms};
use super::rows::RowCounter;
use super::unit_counter::WordSet;
use crate::analyzer::Analyzer;
use crate::error::Result;
use crate::matrix::{DocTermMatrix, DtmOptions, Vocabulary};
use crate::unit::UnitRef;

/// Rows of `(term id, count)` over a term list: the raw material of a matrix.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawCounts {
    /// Terms, any order, distinct.
    pub(crate) terms: Vec<String>,
    /// Per row: (term id, count), any order, ids distinct within a row.
    pub(crate) rows: Vec<Vec<(u32, u32)>>,
}

impl RawCounts {
    /// Count bare token lists, in parallel (the interner per chunk is merged by sorting).
    pub(crate) fn from_token_lists<D, S>(docs: &[D]) -> RawCounts
    where
        D: AsRef<[S]> + Sync,
        S: AsRef<str> + Sync,
    {
        RawCounts::counted(docs, |d, add| {
            d.as_ref().iter().for_each(|t| add(t.as_ref()))
        })
    }

    /// Count the terms `analyzer` gives each text, as they come (no list of every term).
    pub(crate) fn from_texts<S: AsRef<str> + Sync>(analyzer: &Analyzer, texts: &[S]) -> RawCounts {
        RawCounts::counted(texts, |text, add| {
            analyzer.each_term(text.as_ref(), &mut |t| add(t))
        })
    }

    /// One row per item of the terms `each` hands to `add`: 256 items a task, each task with
    /// its own interner, the tasks' terms merged by sorting.
    fn counted<T: Sync>(items: &[T], each: impl Fn(&T, &mut dyn FnMut(&str)) + Sync) -> RawCounts {
        let parts: Vec<RawCounts> = items
            .par_chunks(256)
            .map(|chunk| {
                let mut interner = Interner::default();
                let rows = chunk
                    .iter()
                    .map(|item| {
                        let mut row = RowCounter::default();
                        each(item, &mut |t| row.add(interner.id(t)));
                        row.finish()
                    })
                    .collect();
                RawCounts {
                    terms: interner.into_terms(),
                    rows,
                }
            })
            .collect();
        RawCounts::concat(parts)
    }

    /// Concatenate row blocks with their own term lists into one, term ids sorted by term.
    ///
    /// Each block sorts its own terms (in parallel), the sorted lists are merged, and each
    /// block's rows are mapped to the merged ids (in parallel). Both orders are term order, so
    /// the map is increasing and mapped rows stay sorted.
    pub(crate) fn concat(mut parts: Vec<RawCounts>) -> RawCounts {
        parts.par_iter_mut().for_each(RawCounts::sort_terms);
        if parts.len() == 1 {
            return parts.pop().unwrap_or_default();
        }
        let (firsts, maps) = {
            let views: Vec<Vec<&str>> = parts
                .iter()
                .map(|p| p.terms.iter().map(String::as_str).collect())
                .collect();
            let lists: Vec<&[&str]> = views.iter().map(Vec::as_slice).collect();
            merge_sorted(&lists)
        };
        let terms: Vec<String> = firsts
            .iter()
            .map(|&(p, i)| std::mem::take(&mut parts[p].terms[i]))
            .collect();
        let blocks: Vec<Vec<Vec<(u32, u32)>>> = parts
            .into_par_iter()
            .zip(maps)
            .map(|(p, map)| {
                p.rows
                    .into_iter()
                    .map(|mut r| {
                        for e in &mut r {
                            e.0 = map[e.0 as usize];
                        }
                        r
                    })
                    .collect()
            })
            .collect();
        RawCounts {
            terms,
            rows: blocks.into_iter().flatten().collect(),
        }
    }

    /// [`concat`](Self::concat) for blocks counted by a [`UnitCounter`]: their rows also hold
    /// [`WORD_BIT`] keys, dictionary words that are their own term (`WORD_BIT | word id`, the
    /// block's [`WordSet`] the second item), which no block interned. The words are one more
    /// sorted list in the merge; a row that counted a term both ways (a word and an equal
    /// interned term) gets one entry with the sum. Rows come out in no particular order
    /// ([`into_matrix`](Self::into_matrix) sorts them).
    pub(crate) fn concat_keyed(parts: Vec<(RawCounts, WordSet)>) -> RawCounts {
        type Rows = Vec<Vec<(u32, u32)>>;
        let (blocks, rows): (Vec<(Vec<String>, WordSet)>, Vec<Rows>) = parts
            .into_iter()
            .map(|(p, w)| ((p.terms, w), p.rows))
            .unzip();
        let (terms, maps) = merge_keyed(blocks);
        let blocks: Vec<Rows> = rows
            .into_par_iter()
            .zip(maps)
            .map(|(rows, map)| {
                // Rows in parallel too: a block's rows are most of one thread's share.
                rows.into_par_iter()
                    .with_min_len(16)
                    .map(|mut r| {
                        // By term id, as a matrix row is: a sort of the row as packed integers.
                        let mut packed: Vec<u64> = r
                            .iter()
                            .map(|&(k, c)| (u64::from(map.get(k)) << 32) | u64::from(c))
                            .collect();
                        packed.sort_unstable();
                        // A term counted both as a word and as an interned term (rare: a word
                        // whose term is another word, or a word met in a width-folded
                        // sentence) has adjacent entries now: one entry with the sum.
                        r.clear();
                        for p in packed {
                            let (t, c) = ((p >> 32) as u32, p as u32);
                            match r.last_mut() {
                                Some(last) if last.0 == t => last.1 += c,
                                _ => r.push((t, c)),
                            }
                        }
                        r
                    })
                    .collect()
            })
            .collect();
        RawCounts {
            terms,
            rows: blocks.into_iter().flatten().collect(),
        }
    }

    fn sort_terms(&mut self) {
        let (terms, new_id) = sorted_terms(std::mem::take(&mut self.terms));
        self.terms = terms;
        for r in &mut self.rows {
            for e in r.iter_mut() {
                e.0 = new_id[e.0 as usize];
            }
            // Ids are distinct within a row.
            r.sort_unstable_by_key(|e| e.0);
        }
    }

    /// Apply scikit-learn's `min_df` / `max_df` / `max_features` and build the CSR matrix.
    /// Terms must be sorted and rows sorted by term id.
    pub(crate) fn into_matrix(
        self,
        opts: &DtmOptions,
        units: Vec<UnitRef>,
    ) -> Result<DocTermMatrix> {
        self.into_matrix_df(opts, units).map(|(m, _)| m)
    }

    /// [`into_matrix`](Self::into_matrix), and the document frequency of each kept term (as
    /// [`DocTermMatrix::document_frequency`] would count it again).
    pub(crate) fn into_matrix_df(
        self,
        opts: &DtmOptions,
        units: Vec<UnitRef>,
    ) -> Result<(DocTermMatrix, Vec<u64>)> {
        DocTermMatrix::from_counts(self.terms, &self.rows, opts, units)
    }
}

impl DocTermMatrix {
    /// Fit a vocabulary on already tokenised documents and count them (scikit-learn's
    /// `CountVectorizer(analyzer=lambda d: d).fit_transform(docs)`).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for bounds out of range, `max_df` below `min_df`, or when no
    /// term survives the pruning.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DfBound, DocTermMatrix, DtmOptions};
    /// let docs = [vec!["a", "b"], vec!["a"], vec!["a", "c"]];
    /// let o = DtmOptions { min_df: DfBound::Count(2), ..DtmOptions::default() };
    /// assert_eq!(DocTermMatrix::from_tokens(&docs, &o).unwrap().terms, ["a"]);
    /// ```
    pub fn from_tokens<D, S>(docs: &[D], opts: &DtmOptions) -> Result<DocTermMatrix>
    where
        D: AsRef<[S]> + Sync,
        S: AsRef<str> + Sync,
    {
        RawCounts::from_token_lists(docs).into_matrix(opts, Vec::new())
    }

    /// Fit a vocabulary on the terms `analyzer` gives each text and count them
    /// (`from_tokens` of [`Analyzer::analyze_many`], without holding every term).
    ///
    /// # Errors
    /// As [`DocTermMatrix::from_tokens`].
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, DocTermMatrix, DtmOptions};
    /// let an = Analyzer::default();
    /// let m = DocTermMatrix::from_texts(&an, &["发展经济", "经济"], &DtmOptions::default()).unwrap();
    /// assert_eq!((m.terms, m.data), (vec!["发展".to_string(), "经济".into()], vec![1.0, 1.0, 1.0]));
    /// ```
    pub fn from_texts<S: AsRef<str> + Sync>(
        analyzer: &Analyzer,
        texts: &[S],
        opts: &DtmOptions,
    ) -> Result<DocTermMatrix> {
        RawCounts::from_texts(analyzer, texts).into_matrix(opts, Vec::new())
    }

    /// Count the terms `analyzer` gives each text over a fixed vocabulary (`transform_tokens`
    /// of [`Analyzer::analyze_many`], without holding every term).
    pub fn transform_texts<S: AsRef<str> + Sync>(
        analyzer: &Analyzer,
        texts: &[S],
        vocabulary: &Vocabulary,
        binary: bool,
    ) -> DocTermMatrix {
        let rows: Vec<Vec<(u32, u32)>> = texts
            .par_iter()
            .map(|text| {
                let mut row = RowCounter::default();
                analyzer.each_term(text.as_ref(), &mut |t| {
                    if let Some(j) = vocabulary.get(t) {
                        row.add(j as u32);
                    }
                });
                row.finish()
            })
            .collect();
        DocTermMatrix::from_fixed_rows(vocabulary, rows, binary)
    }

    /// Count already tokenised documents over a fixed vocabulary (scikit-learn's `transform`):
    /// unknown tokens are ignored.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{DocTermMatrix, Vocabulary};
    /// let v = Vocabulary::new(["a", "b"]);
    /// let m = DocTermMatrix::transform_tokens(&[vec!["b", "z", "b"]], &v, false);
    /// assert_eq!((m.indices, m.data), (vec![1], vec![2.0]));
    /// ```
    pub fn transform_tokens<D, S>(
        docs: &[D],
        vocabulary: &Vocabulary,
        binary: bool,
    ) -> DocTermMatrix
    where
        D: AsRef<[S]> + Sync,
        S: AsRef<str> + Sync,
    {
        let rows: Vec<Vec<(u32, u32)>> = docs
            .par_iter()
            .map(|d| {
                let mut row = RowCounter::default();
                for t in d.as_ref() {
                    if let Some(j) = vocabulary.get(t.as_ref()) {
                        row.add(j as u32);
                    }
                }
                row.finish()
            })
            .collect();
        DocTermMatrix::from_fixed_rows(vocabulary, rows, binary)
    }

    /// The matrix of rows of `(column, count)` over a fixed vocabulary.
    fn from_fixed_rows(vocabulary: &Vocabulary, rows: Vec<Vec<(u32, u32)>>, binary: bool) -> Self {
        let mut m = DocTermMatrix {
            terms: vocabulary.terms().to_vec(),
            indptr: vec![0],
            ..Default::default()
        };
        for r in rows {
            for (j, c) in r {
                m.indices.push(j as i32);
                m.data.push(if binary { 1.0 } else { f64::from(c) });
            }
            m.indptr.push(m.indices.len() as i64);
        }
        m
    }
}

/// A block's row key ([`WORD_BIT`] `| word id`, or its own interned id) to the merged term id.
pub(crate) struct KeyMap {
    /// The merged id of each interned id, then of each word of `words` in id order.
    to_merged: Vec<u32>,
    n_local: usize,
    words: WordSet,
}

impl KeyMap {
    /// The merged term id of `key`, a key of the block.
    #[inline]
    pub(crate) fn get(&self, key: u32) -> u32 {
        let i = if key & WORD_BIT == 0 {
            key as usize
        } else {
            self.n_local + self.words.place(key & !WORD_BIT)
        };
        self.to_merged[i]
    }
}

/// The vocabulary of blocks keyed as a [`UnitCounter`](super::unit_counter::UnitCounter)
/// keys them, each block its interned terms (any order) and the words it keyed by
/// [`WORD_BIT`] (a complete [`WordSet`]): the merged terms in string order, and per block
/// the map from its keys to them. A term both a word and interned gets one id.
pub(crate) fn merge_keyed(blocks: Vec<(Vec<String>, WordSet)>) -> (Vec<String>, Vec<KeyMap>) {
    let (parts, sets): (Vec<Vec<String>>, Vec<WordSet>) = blocks.into_iter().unzip();
    // The words keyed anywhere, in string order: the set of their ranks, each word's place in
    // `word_list` a popcount over it.
    let trie = wenmai_segment::Lexicon::default_words();
    let part_ranks: Vec<Vec<u32>> = sets
        .par_iter()
        .map(|w| w.ids.iter().map(|&id| trie.rank(id)).collect())
        .collect();
    let mut ranks = WordSet::default();
    for &r in part_ranks.iter().flatten() {
        ranks.insert(r);
    }
    let ranks = ranks.complete();
    let word_list: Vec<&str> = ranks.ids.iter().map(|&r| trie.word_at_rank(r)).collect();
    // Each block's own terms, sorted, and the sorted position of each of its term ids.
    let mut sorted: Vec<(Vec<String>, Vec<u32>)> =
        parts.into_par_iter().map(sorted_terms).collect();
    let (firsts, maps) = {
        let locals: Vec<Vec<&str>> = sorted
            .iter()
            .map(|s| s.0.iter().map(String::as_str).collect())
            .collect();
        let lists: Vec<&[&str]> = std::iter::once(word_list.as_slice())
            .chain(locals.iter().map(Vec::as_slice))
            .collect();
        merge_sorted(&lists)
    };
    // The words' strings allocated in parallel; the blocks' own strings moved, not copied.
    let mut terms: Vec<String> = firsts
        .par_iter()
        .map(|&(l, i)| {
            if l == 0 {
                word_list[i].to_owned()
            } else {
                String::new()
            }
        })
        .collect();
    for (t, &(l, i)) in terms.iter_mut().zip(&firsts) {
        if l > 0 {
            *t = std::mem::take(&mut sorted[l - 1].0[i]);
        }
    }
    let mut maps = maps.into_iter();
    let word_map = maps.next().unwrap_or_default();
    let keyed = sorted
        .into_par_iter()
        .zip(maps.collect::<Vec<_>>())
        .zip(part_ranks)
        .zip(sets)
        .map(|((((_, position), map), word_ranks), words)| {
            let n_local = position.len();
            let to_merged = position
                .iter()
                .map(|&p| map[p as usize])
                .chain(word_ranks.iter().map(|&r| word_map[ranks.place(r)]))
                .collect();
            KeyMap {
                to_merged,
                n_local,
                words,
            }
        })
        .collect();
    (terms, keyed)
}
