//! A corpus with the document counts of the last analyzer kept, so that `dtm`, frequencies
//! and keywords segment the corpus once between them; and the keywords of every document by
//! any method, as one table.

use std::hash::Hash;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Corpus, Progress, in_chunks, keywords_of};
use crate::analyzer::Analyzer;
use crate::error::{Error, Result};
use crate::keywords::{IdfTable, KeywordExtractor};
use crate::matrix::{DocTermMatrix, DtmOptions};
use crate::unit::Unit;

/// How to weigh keywords of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum KeywordMethod {
    /// tf x idf of the analyzer's terms, with the idf from [`IdfSource`].
    TfIdf(IdfSource),
    /// jieba's TextRank over the words with these POS tags.
    TextRank {
        /// The tags of the words that become nodes (jieba's `allowPOS`).
        allow_pos: Vec<String>,
    },
}

/// Where the idf of [`KeywordMethod::TfIdf`] comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum IdfSource {
    /// Learnt from the corpus's documents (`ln(n / df)`, as [`crate::CorpusStats::idf_table`]).
    #[default]
    Corpus,
    /// jieba's table ([`IdfTable::jieba`]).
    Jieba,
}

/// Keywords of every document as columns: how many each document has, the code of each
/// keyword (its place among the distinct keywords) and its weight, in document order, and the
/// distinct keywords in order of first appearance.
#[derive(Debug, Clone)]
pub struct KeywordTable {
    /// The number of keywords of each document.
    pub sizes: Vec<usize>,
    /// Each keyword's place in [`terms`](Self::terms).
    pub codes: Vec<u32>,
    /// Each keyword's weight.
    pub weights: Vec<f64>,
    distinct: Distinct,
}

/// The distinct keywords: columns of a shared matrix (no string copied), or strings.
#[derive(Debug, Clone)]
enum Distinct {
    Columns(Arc<DocTermMatrix>, Vec<usize>),
    Words(Vec<String>),
}

impl KeywordTable {
    /// The table of rows of `(key, weight)`; equal keys are one distinct keyword.
    fn of<K: Copy + Eq + Hash>(rows: &[Vec<(K, f64)>]) -> (Self, Vec<K>) {
        let sizes = rows.iter().map(Vec::len).collect();
        let weights = rows.iter().flatten().map(|(_, w)| *w).collect();
        let mut code_of: FxHashMap<K, u32> = FxHashMap::default();
        let mut distinct = Vec::new();
        let codes = rows
            .iter()
            .flatten()
            .map(|&(k, _)| {
                *code_of.entry(k).or_insert_with(|| {
                    distinct.push(k);
                    distinct.len() as u32 - 1
                })
            })
            .collect();
        let table = KeywordTable {
            sizes,
            codes,
            weights,
            distinct: Distinct::Words(Vec::new()),
        };
        (table, distinct)
    }

    fn of_columns(counts: Arc<DocTermMatrix>, rows: &[Vec<(usize, f64)>]) -> Self {
        let (mut table, columns) = KeywordTable::of(rows);
        table.distinct = Distinct::Columns(counts, columns);
        table
    }

    fn of_words(rows: &[Vec<(String, f64)>]) -> Self {
        let keyed: Vec<Vec<(&str, f64)>> = rows
            .iter()
            .map(|r| r.iter().map(|(t, w)| (t.as_str(), *w)).collect())
            .collect();
        let (mut table, words) = KeywordTable::of(&keyed);
        table.distinct = Distinct::Words(words.into_iter().map(str::to_owned).collect());
        table
    }

    /// The distinct keywords, in order of first appearance.
    pub fn terms(&self) -> Vec<&str> {
        match &self.distinct {
            Distinct::Columns(m, cols) => cols.iter().map(|&j| m.terms[j].as_str()).collect(),
            Distinct::Words(w) => w.iter().map(String::as_str).collect(),
        }
    }

    /// The keywords of each document as `(term, weight)`, best first.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, CachedCorpus, Corpus, IdfSource, KeywordMethod};
    /// let c = CachedCorpus::new(Corpus::from_texts(["发展经济。", "发展科技。"]));
    /// let k = c.keywords(&Analyzer::default(), 1, &KeywordMethod::TfIdf(IdfSource::Corpus), None).unwrap();
    /// assert_eq!(k.rows()[0][0].0, "经济");
    /// ```
    pub fn rows(&self) -> Vec<Vec<(&str, f64)>> {
        let terms = self.terms();
        let mut at = 0;
        self.sizes
            .iter()
            .map(|&n| {
                let row = (at..at + n)
                    .map(|i| (terms[self.codes[i] as usize], self.weights[i]))
                    .collect();
                at += n;
                row
            })
            .collect()
    }
}

/// The unpruned document counts of one analyzer, at one dictionary generation.
#[derive(Debug)]
struct DocumentCounts {
    analyzer: Analyzer,
    generation: u64,
    counts: Arc<DocTermMatrix>,
}

/// A corpus and the unpruned document x term counts of the last analyzer it was counted
/// with, kept until another analyzer is used or the analyzer's dictionary changes.
///
/// # Examples
/// ```
/// use std::sync::Arc;
/// use wenmai_analyze::{Analyzer, CachedCorpus, Corpus, DtmOptions, Unit};
/// let c = CachedCorpus::new(Corpus::from_texts(["发展经济。", "发展科技。"]));
/// let an = Analyzer::default();
/// let a = c.dtm(&an, Unit::Document, &DtmOptions::default()).unwrap();
/// let b = c.document_counts(&an).unwrap();
/// assert!(Arc::ptr_eq(&a, &b));
/// ```
#[derive(Debug, Default)]
pub struct CachedCorpus {
    corpus: Arc<Corpus>,
    counts: Mutex<Option<DocumentCounts>>,
}

impl Drop for CachedCorpus {
    /// A large corpus (its texts and spans, counts over 10^5 terms or more) takes tens of
    /// milliseconds to free on one thread: it is freed on rayon's pool.
    fn drop(&mut self) {
        let corpus = std::mem::take(&mut self.corpus);
        let counts = self
            .counts
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if corpus.len() >= 256 {
            rayon::spawn(move || drop((corpus, counts)));
        }
    }
}

impl CachedCorpus {
    /// A corpus with nothing counted yet.
    pub fn new(corpus: Corpus) -> Self {
        CachedCorpus {
            corpus: Arc::new(corpus),
            counts: Mutex::new(None),
        }
    }

    /// The corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The kept counts, if they are `analyzer`'s at its dictionary's current generation.
    fn kept_counts(&self, analyzer: &Analyzer) -> Option<Arc<DocTermMatrix>> {
        let generation = analyzer.segmenter().generation();
        let kept = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let c = kept.as_ref()?;
        (c.analyzer.same_as(analyzer) && c.generation == generation).then(|| Arc::clone(&c.counts))
    }

    /// The unpruned document x term counts of `analyzer`, counted once and kept.
    ///
    /// # Errors
    /// As [`Corpus::dtm`].
    pub fn document_counts(&self, analyzer: &Analyzer) -> Result<Arc<DocTermMatrix>> {
        let generation = analyzer.segmenter().generation();
        if let Some(counts) = self.kept_counts(analyzer) {
            return Ok(counts);
        }
        // Counted without the lock: another thread may be reading the kept counts.
        let counts = Arc::new(
            self.corpus
                .dtm(analyzer, Unit::Document, &DtmOptions::default())?,
        );
        *self.counts.lock().unwrap_or_else(|e| e.into_inner()) = Some(DocumentCounts {
            analyzer: analyzer.clone(),
            generation,
            counts: Arc::clone(&counts),
        });
        Ok(counts)
    }

    /// [`Corpus::dtm`], the documents' matrix pruned from the kept counts (the kept matrix
    /// itself when nothing is pruned).
    ///
    /// # Errors
    /// As [`Corpus::dtm`].
    pub fn dtm(
        &self,
        analyzer: &Analyzer,
        unit: Unit,
        opts: &DtmOptions,
    ) -> Result<Arc<DocTermMatrix>> {
        if unit == Unit::Document {
            self.document_counts(analyzer)?.prune_shared(opts)
        } else {
            self.corpus.dtm(analyzer, unit, opts).map(Arc::new)
        }
    }

    /// The top-`k` keywords of every document: tf-idf from the kept counts (one segmentation
    /// pass shared with [`dtm`](Self::dtm)), or TextRank per document in parallel. With
    /// `progress`, documents are done in chunks and `progress(n)` is called after every `n`
    /// documents (the result is the same); it returns `false` to stop.
    ///
    /// # Errors
    /// [`Error::Cancelled`] when `progress` asks to stop; as [`Corpus::dtm`] otherwise.
    pub fn keywords(
        &self,
        analyzer: &Analyzer,
        k: usize,
        method: &KeywordMethod,
        progress: Progress<'_>,
    ) -> Result<KeywordTable> {
        let docs = self.corpus.documents();
        match method {
            KeywordMethod::TfIdf(source) => {
                // One pass over the whole corpus, unless progress is to be seen along the way
                // and nothing is counted yet.
                if progress.is_none() || self.kept_counts(analyzer).is_some() {
                    let counts = self.document_counts(analyzer)?;
                    let idf = (*source == IdfSource::Jieba).then(IdfTable::jieba);
                    let rows = counts.keyword_columns(k, idf);
                    if let Some(report) = progress
                        && !report(docs.len())
                    {
                        return Err(Error::Cancelled);
                    }
                    return Ok(KeywordTable::of_columns(counts, &rows));
                }
                let learnt;
                let idf = match source {
                    IdfSource::Jieba => IdfTable::jieba(),
                    IdfSource::Corpus => {
                        learnt = self.corpus.stats(analyzer, Unit::Document).idf_table();
                        &learnt
                    }
                };
                let rows = in_chunks(docs, progress, |part| keywords_of(part, analyzer, k, idf))?;
                Ok(KeywordTable::of_words(&rows))
            }
            KeywordMethod::TextRank { allow_pos } => {
                let pos: Vec<&str> = allow_pos.iter().map(String::as_str).collect();
                let ex = KeywordExtractor::with_segmenter(analyzer.segmenter().clone());
                let rows = in_chunks(docs, progress, |part| {
                    part.par_iter()
                        .map(|d| {
                            ex.textrank(&d.text, Some(k), &pos, false)
                                .into_iter()
                                .map(|kw| (kw.word, kw.weight))
                                .collect::<Vec<_>>()
                        })
                        .collect()
                })?;
                Ok(KeywordTable::of_words(&rows))
            }
        }
    }
}
