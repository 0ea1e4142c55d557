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
use crate::stats::{Kwic, Lookup, LookupOptions, Pattern, Tokens};
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

/// The token stream of one analyzer by sentence, at one dictionary generation.
#[derive(Debug)]
struct SentenceTokens {
    analyzer: Analyzer,
    generation: u64,
    tokens: Arc<Tokens>,
}

/// A corpus and the unpruned document x term counts of the last analyzer it was counted
/// with, kept until another analyzer is used or the analyzer's dictionary changes; and, apart,
/// the token stream of the last analyzer the statistics read ([`tokens`](Self::tokens)).
///
/// The kept tokens are one stream for every unit (a term id and two char offsets per token,
/// 12 bytes, and the terms once): a statistic by another unit regroups its sentences.
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
    tokens: Mutex<Option<SentenceTokens>>,
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
        let tokens = self
            .tokens
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if corpus.len() >= 256 {
            rayon::spawn(move || drop((corpus, counts, tokens)));
        }
    }
}

impl CachedCorpus {
    /// A corpus with nothing counted yet.
    pub fn new(corpus: Corpus) -> Self {
        CachedCorpus {
            corpus: Arc::new(corpus),
            counts: Mutex::new(None),
            tokens: Mutex::new(None),
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

    /// [`Corpus::tokens`], from the kept token stream of `analyzer` when it is the last one
    /// asked for at its dictionary's current generation (segmented once and kept otherwise,
    /// replacing the last): KWIC, collocations, co-occurrence, lookup and lexical diversity
    /// called one after another segment the corpus once. The stream is kept by sentence; for
    /// another unit its sentences are regrouped (copied, not segmented again).
    ///
    /// # Examples
    /// ```
    /// use std::sync::Arc;
    /// use wenmai_analyze::{Analyzer, CachedCorpus, Corpus, Unit};
    /// let c = CachedCorpus::new(Corpus::from_texts(["发展经济。改革开放。"]));
    /// let an = Analyzer::default();
    /// let a = c.tokens(&an, Unit::Sentence);
    /// assert!(Arc::ptr_eq(&a, &c.tokens(&an, Unit::Sentence)));
    /// assert_eq!(*c.tokens(&an, Unit::Document), c.corpus().tokens(&an, Unit::Document));
    /// ```
    pub fn tokens(&self, analyzer: &Analyzer, unit: Unit) -> Arc<Tokens> {
        let generation = analyzer.segmenter().generation();
        let kept = {
            let kept = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
            kept.as_ref()
                .filter(|t| t.analyzer.same_as(analyzer) && t.generation == generation)
                .map(|t| Arc::clone(&t.tokens))
        };
        let sentences = match kept {
            Some(t) => t,
            None => {
                // Segmented without the lock: another thread may be reading the kept tokens.
                let t = Arc::new(self.corpus.tokens(analyzer, Unit::Sentence));
                *self.tokens.lock().unwrap_or_else(|e| e.into_inner()) = Some(SentenceTokens {
                    analyzer: analyzer.clone(),
                    generation,
                    tokens: Arc::clone(&t),
                });
                t
            }
        };
        if unit == Unit::Sentence {
            sentences
        } else {
            Arc::new(sentences.regroup(self.corpus.documents(), unit))
        }
    }

    /// [`Corpus::kwic`] over the kept tokens ([`tokens`](Self::tokens)).
    ///
    /// # Errors
    /// As [`Corpus::kwic`].
    pub fn kwic(
        &self,
        analyzer: &Analyzer,
        unit: Unit,
        pattern: &Pattern,
        window: usize,
    ) -> Result<Kwic> {
        if window == 0 {
            return Kwic::of(&[], &Tokens::default(), pattern, window);
        }
        Kwic::of(
            self.corpus.documents(),
            &self.tokens(analyzer, unit),
            pattern,
            window,
        )
    }

    /// [`Corpus::lookup`] over the kept tokens ([`tokens`](Self::tokens)).
    ///
    /// # Errors
    /// As [`Corpus::lookup`].
    pub fn lookup(
        &self,
        analyzer: &Analyzer,
        unit: Unit,
        dictionary: &Lookup,
        opts: &LookupOptions,
    ) -> Result<DocTermMatrix> {
        dictionary.count(&self.tokens(analyzer, unit), opts)
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
