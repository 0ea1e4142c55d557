//! Corpora of parsed documents, units of analysis, and mergeable corpus statistics.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use wenmai_parse::{Document, Span};

use crate::analyzer::{Analyzer, Scratch, is_foldable};
use crate::error::{Error, Result};
use crate::keywords::IdfTable;
use crate::matrix::{
    DenseCounter, DocTermMatrix, DtmOptions, RawCounts, TermCache, TermFn, TfidfOptions,
    UnitCounter, WordSet,
};
use wenmai_segment::NO_WORD;
use wenmai_segment::chars::is_han_default;

/// What a row of a matrix is: a whole document, a section, a paragraph or a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// One row per document.
    #[default]
    Document,
    /// One row per section: the sentences whose innermost section it is (text before the first
    /// heading is a unit of its own, with no section).
    Section,
    /// One row per paragraph.
    Paragraph,
    /// One row per sentence.
    Sentence,
}

/// Bytes of text in a batch of documents counted by one task at a time: small enough that the
/// threads finish together, large enough that taking a batch costs nothing.
const BATCH_BYTES: usize = 32 << 10;

/// One unit of a corpus: which document, which section, where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UnitRef {
    /// The kind of unit.
    pub kind: Unit,
    /// Index of the document in the corpus.
    pub document: usize,
    /// Index of the innermost section in [`Document::sections`] (`None`: before any heading or
    /// a whole document).
    pub section: Option<usize>,
    /// Index of the paragraph or sentence (in [`Document::paragraphs`] / [`Document::sentences`]);
    /// the section index for sections; `None` for documents and the text before the first heading.
    pub index: Option<usize>,
    /// Where the unit is in the document text (for a section: from its first to its last
    /// sentence).
    pub span: Span,
}

/// A collection of parsed documents with ids.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Corpus, DtmOptions, Unit};
/// let corpus = Corpus::from_texts(["发展经济。改革开放。", "发展科技。"]);
/// let m = corpus.dtm(&Analyzer::default(), Unit::Document, &DtmOptions::default()).unwrap();
/// assert_eq!(m.terms, ["发展", "改革开放", "科技", "经济"]);
/// assert_eq!(m.n_rows(), 2);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    documents: Vec<Document>,
    ids: Vec<String>,
}

impl Corpus {
    /// A corpus of parsed documents, ids `0`, `1`, ….
    pub fn new(documents: Vec<Document>) -> Self {
        let ids = (0..documents.len()).map(|i| i.to_string()).collect();
        Corpus { documents, ids }
    }

    /// A corpus with ids of your own.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when the numbers of documents and ids differ.
    pub fn with_ids(documents: Vec<Document>, ids: Vec<String>) -> Result<Self> {
        if documents.len() != ids.len() {
            return Err(Error::InvalidParameter(format!(
                "{} documents, {} ids",
                documents.len(),
                ids.len()
            )));
        }
        Ok(Corpus { documents, ids })
    }

    /// Parse texts (in parallel) into a corpus.
    pub fn from_texts<I: IntoIterator<Item = S>, S: AsRef<str>>(texts: I) -> Self {
        let texts: Vec<S> = texts.into_iter().collect();
        let refs: Vec<&str> = texts.iter().map(AsRef::as_ref).collect();
        Corpus::new(refs.par_iter().map(|t| wenmai_parse::parse(t)).collect())
    }

    /// The documents.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The ids.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether there are no documents.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The units of one kind, in document order.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Corpus, Unit};
    /// let c = Corpus::from_texts(["一、总则\n发展经济。改革开放。"]);
    /// assert_eq!(c.units(Unit::Sentence).len(), c.documents()[0].sentences.len());
    /// ```
    pub fn units(&self, unit: Unit) -> Vec<UnitRef> {
        let mut out = Vec::new();
        for (i, d) in self.documents.iter().enumerate() {
            for (u, _) in doc_units(i, d, unit) {
                out.push(u);
            }
        }
        out
    }

    /// The documents in batches of about [`BATCH_BYTES`] of text (at least one document each),
    /// in order: the units of work that the counting threads take one after another.
    fn batches(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let (mut start, mut acc) = (0, 0);
        for (i, d) in self.documents.iter().enumerate() {
            acc += d.text.len() + 1;
            if acc >= BATCH_BYTES {
                out.push(start..i + 1);
                start = i + 1;
                acc = 0;
            }
        }
        if start < self.documents.len() {
            out.push(start..self.documents.len());
        }
        out
    }

    /// Count the terms of every unit in parallel: the raw material of matrices and statistics.
    ///
    /// One rayon task per thread, each with its own term cache and rows, takes
    /// [`batches`](Self::batches) of documents one after another until none is left (so a
    /// thread that runs slower, or texts that segment slower, hold no one up). The tasks'
    /// vocabularies are merged in term order and their rows put back in document order, so
    /// the result does not depend on how the work was split.
    fn raw_counts(&self, analyzer: &Analyzer, unit: Unit) -> (RawCounts, Vec<UnitRef>) {
        #[derive(Default)]
        struct Part {
            cache: TermCache,
            unit: UnitCounter,
            counter: DenseCounter,
            scratch: Scratch,
            rows: Vec<Vec<(u32, u32)>>,
            units: Vec<UnitRef>,
        }
        let per_token = analyzer.is_per_token();
        let term: &TermFn<'_> = &|w| analyzer.token_term(w);
        let known = analyzer.word_terms();
        // (counts and words, units, and per batch taken: its first document and first row)
        type Done = ((RawCounts, WordSet), Vec<UnitRef>, Vec<(usize, usize)>);
        let batches = self.batches();
        let next = AtomicUsize::new(0);
        let tasks = rayon::current_num_threads().clamp(1, batches.len().max(1));
        let parts: Vec<Done> = (0..tasks)
            .into_par_iter()
            .map(|_| {
                let mut p = Part::default();
                let mut taken = Vec::new();
                // The tokens of a unit are collected first (word ids by the unit counter, other
                // tokens here) and counted afterwards: counting between two segmentation calls
                // would find the counting tables evicted by the dictionary walk every time.
                let mut buf: Vec<&str> = Vec::new();
                analyzer.segmenter().with_dictionary(|dict| {
                    while let Some(range) = batches.get(next.fetch_add(1, Ordering::Relaxed)) {
                        taken.push((range.start, p.rows.len()));
                        for i in range.clone() {
                            let d = &self.documents[i];
                            for (u, sentences) in doc_units(i, d, unit) {
                                let Part {
                                    cache,
                                    unit: local,
                                    counter,
                                    scratch,
                                    ..
                                } = &mut p;
                                let pieces = if per_token && analyzer.joins_at_non_han() {
                                    joined(&d.text, &sentences)
                                } else {
                                    sentences.iter().map(|s| s.start..s.end).collect()
                                };
                                for s in pieces {
                                    let text = d.text.get(s).unwrap_or("");
                                    if per_token {
                                        let borrowed = analyzer.sentence_tokens_borrowed(
                                            dict,
                                            text,
                                            &mut |w, id| {
                                                if id == NO_WORD {
                                                    buf.push(w);
                                                } else {
                                                    local.add_word(id);
                                                }
                                            },
                                        );
                                        if !borrowed {
                                            // Width-folded: the tokens borrow a copy.
                                            analyzer.sentence_tokens_with_ids(
                                                dict,
                                                text,
                                                &mut |w, id| {
                                                    if id == NO_WORD {
                                                        local.add(w, cache, |w| {
                                                            analyzer.token_term(w)
                                                        });
                                                    } else {
                                                        local.add_word(id);
                                                    }
                                                },
                                            );
                                        }
                                    } else {
                                        analyzer.sentence_terms(dict, text, scratch, &mut |t| {
                                            counter.add(cache.interner.id(t));
                                        });
                                    }
                                }
                                let row = if per_token {
                                    for w in buf.drain(..) {
                                        local.add(w, cache, |w| analyzer.token_term(w));
                                    }
                                    local.take_row(cache, term, known)
                                } else {
                                    counter.take_row()
                                };
                                p.rows.push(row);
                                p.units.push(u);
                            }
                        }
                    }
                });
                let raw = RawCounts {
                    terms: p.cache.interner.into_terms(),
                    rows: p.rows,
                };
                let words = p.unit.take_words();
                ((raw, words), p.units, taken)
            })
            .collect();
        // The rows of each batch, where the tasks' rows are concatenated: (its first document,
        // first row, end).
        let mut spans: Vec<(usize, usize, usize)> = Vec::with_capacity(batches.len());
        let mut units = Vec::new();
        let mut raws = Vec::with_capacity(parts.len());
        for (raw, u, taken) in parts {
            let offset = units.len();
            for (k, &(doc, first)) in taken.iter().enumerate() {
                let end = taken.get(k + 1).map_or(u.len(), |t| t.1);
                spans.push((doc, offset + first, offset + end));
            }
            raws.push(raw);
            units.extend(u);
        }
        let mut counts = RawCounts::concat_keyed(raws);
        // Back in document order.
        spans.sort_unstable();
        if spans.windows(2).any(|w| w[0].2 != w[1].1) {
            let order: Vec<usize> = spans.iter().flat_map(|s| s.1..s.2).collect();
            counts.rows = order
                .iter()
                .map(|&i| std::mem::take(&mut counts.rows[i]))
                .collect();
            units = order.iter().map(|&i| units[i]).collect();
        }
        (counts, units)
    }

    /// The document-term matrix over units of one kind (scikit-learn's `CountVectorizer`
    /// pruning and term order). Deterministic for any number of threads.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for bad bounds or when pruning leaves no term.
    pub fn dtm(&self, analyzer: &Analyzer, unit: Unit, opts: &DtmOptions) -> Result<DocTermMatrix> {
        let (raw, units) = self.raw_counts(analyzer, unit);
        raw.into_matrix(opts, units)
    }

    /// Corpus statistics (document frequency over units, collection frequency, units).
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, Corpus, Unit};
    /// let s = Corpus::from_texts(["发展经济，发展科技。"]).stats(&Analyzer::default(), Unit::Document);
    /// assert_eq!((s.n_units, s.df["发展"], s.cf["发展"]), (1, 1, 2));
    /// ```
    pub fn stats(&self, analyzer: &Analyzer, unit: Unit) -> CorpusStats {
        let (raw, _) = self.raw_counts(analyzer, unit);
        CorpusStats::from_raw(&raw)
    }

    /// Top-`k` keywords of every document: tf-idf weights of its terms (the analyzer's terms,
    /// counted over the document) with the idf from `idf` (jieba's table, or one learnt from a
    /// corpus), as jieba's `extract_tags` weighs them (`tf / total * idf`); ties broken by term
    /// order. In parallel; deterministic.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, Corpus, IdfTable};
    /// let c = Corpus::from_texts(["发展经济，发展科技，发展教育。"]);
    /// let k = c.keywords(&Analyzer::default(), 1, IdfTable::jieba());
    /// assert_eq!(k[0][0].0, "发展");
    /// ```
    pub fn keywords(
        &self,
        analyzer: &Analyzer,
        k: usize,
        idf: &IdfTable,
    ) -> Vec<Vec<(String, f64)>> {
        let (raw, units) = self.raw_counts(analyzer, Unit::Document);
        // With default options nothing is pruned and nothing can fail.
        match raw.into_matrix(&DtmOptions::default(), units) {
            Ok(m) => m.keywords(k, idf),
            Err(_) => vec![Vec::new(); self.len()],
        }
    }

    /// The whole analysis path in one call: count units, build the matrix, weigh it with tf-idf,
    /// and take each row's top-`k` terms. Returns the weighted matrix and the keywords.
    ///
    /// # Errors
    /// As [`Corpus::dtm`].
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, Corpus, DtmOptions, TfidfOptions, Unit};
    /// let c = Corpus::from_texts(["发展经济。", "发展科技。"]);
    /// let (m, k) = c.tfidf_keywords(&Analyzer::default(), Unit::Document, &DtmOptions::default(), &TfidfOptions::default(), 1).unwrap();
    /// assert_eq!(k[0][0].0, "经济");
    /// assert_eq!(m.n_rows(), 2);
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn tfidf_keywords(
        &self,
        analyzer: &Analyzer,
        unit: Unit,
        opts: &DtmOptions,
        tfidf: &TfidfOptions,
        k: usize,
    ) -> Result<(DocTermMatrix, Vec<Vec<(String, f64)>>)> {
        let (raw, units) = self.raw_counts(analyzer, unit);
        let (m, df) = raw.into_matrix_df(opts, units)?;
        let (w, _) = m.into_tfidf_df(&df, tfidf);
        let top = w.top_k(k);
        let kw = top
            .into_par_iter()
            .map(|r| {
                r.into_iter()
                    .map(|(j, v)| (w.terms[j].clone(), v))
                    .collect()
            })
            .collect();
        Ok((w, kw))
    }
}

/// Adjacent sentences joined wherever that cannot change precise-mode segmentation (see
/// [`Analyzer::joins_at_non_han`]), so that a unit is segmented in a few calls, not one per
/// sentence.
fn joined(text: &str, sentences: &[Span]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in sentences {
        if let Some(last) = out.last_mut()
            && last.end == s.start
            && text
                .get(..last.end)
                .and_then(|t| t.chars().next_back())
                .is_some_and(|c| c != '\r' && !is_han_default(c) && !is_foldable(c))
        {
            last.end = s.end;
        } else {
            out.push(s.start..s.end);
        }
    }
    out
}

/// The units of one document with the sentences each consists of.
fn doc_units(i: usize, d: &Document, unit: Unit) -> Vec<(UnitRef, Vec<Span>)> {
    let whole = Span {
        start: 0,
        end: d.text.len(),
        char_start: 0,
        char_end: d.text.chars().count(),
    };
    // A document without sentences (empty, or not parsed) is one sentence of its whole text.
    let sentences: Vec<(Span, usize, Option<usize>)> =
        if d.sentences.is_empty() && !d.text.is_empty() {
            vec![(whole, 0, None)]
        } else {
            d.sentences
                .iter()
                .map(|s| (s.span, s.paragraph, s.section))
                .collect()
        };
    let join = |spans: &[Span]| match (spans.first(), spans.last()) {
        (Some(a), Some(b)) => Span {
            start: a.start,
            end: b.end,
            char_start: a.char_start,
            char_end: b.char_end,
        },
        _ => Span::default(),
    };
    match unit {
        Unit::Document => {
            let spans: Vec<Span> = sentences.iter().map(|s| s.0).collect();
            vec![(
                UnitRef {
                    kind: unit,
                    document: i,
                    section: None,
                    index: None,
                    span: whole,
                },
                spans,
            )]
        }
        Unit::Sentence => sentences
            .iter()
            .enumerate()
            .map(|(k, &(span, _, section))| {
                (
                    UnitRef {
                        kind: unit,
                        document: i,
                        section,
                        index: Some(k),
                        span,
                    },
                    vec![span],
                )
            })
            .collect(),
        Unit::Paragraph => {
            let mut groups: BTreeMap<usize, (Option<usize>, Vec<Span>)> = BTreeMap::new();
            for &(span, p, section) in &sentences {
                groups
                    .entry(p)
                    .or_insert((section, Vec::new()))
                    .1
                    .push(span);
            }
            groups
                .into_iter()
                .map(|(p, (section, spans))| {
                    let span = d
                        .paragraphs
                        .get(p)
                        .map_or_else(|| join(&spans), |pp| pp.span);
                    (
                        UnitRef {
                            kind: unit,
                            document: i,
                            section,
                            index: Some(p),
                            span,
                        },
                        spans,
                    )
                })
                .collect()
        }
        Unit::Section => {
            // Keyed so that the text before the first heading (None) comes first.
            let mut groups: BTreeMap<Option<usize>, Vec<Span>> = BTreeMap::new();
            for &(span, _, section) in &sentences {
                groups.entry(section).or_default().push(span);
            }
            groups
                .into_iter()
                .map(|(section, spans)| {
                    (
                        UnitRef {
                            kind: unit,
                            document: i,
                            section,
                            index: section,
                            span: join(&spans),
                        },
                        spans,
                    )
                })
                .collect()
        }
    }
}

/// Corpus statistics: a commutative monoid, so threads, processes and partitions can each
/// compute theirs and [`merge`](CorpusStats::merge) them in any order.
///
/// # Examples
/// ```
/// use wenmai_analyze::CorpusStats;
/// let a = CorpusStats::from_tokens(&[vec!["经济", "经济"]]);
/// let b = CorpusStats::from_tokens(&[vec!["经济", "科技"]]);
/// let ab = a.clone().merge(b.clone());
/// assert_eq!(ab, b.merge(a));
/// assert_eq!((ab.n_units, ab.df["经济"], ab.cf["经济"]), (2, 2, 3));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStats {
    /// Number of units counted.
    pub n_units: u64,
    /// Document frequency: units containing the term.
    pub df: BTreeMap<String, u64>,
    /// Collection frequency: occurrences of the term.
    pub cf: BTreeMap<String, u64>,
}

impl CorpusStats {
    fn from_raw(raw: &RawCounts) -> Self {
        let mut df = vec![0u64; raw.terms.len()];
        let mut cf = vec![0u64; raw.terms.len()];
        for r in &raw.rows {
            for &(id, c) in r {
                df[id as usize] += 1;
                cf[id as usize] += u64::from(c);
            }
        }
        CorpusStats {
            n_units: raw.rows.len() as u64,
            df: raw.terms.iter().cloned().zip(df).collect(),
            cf: raw.terms.iter().cloned().zip(cf).collect(),
        }
    }

    /// Statistics of already tokenised units.
    pub fn from_tokens<D, S>(units: &[D]) -> Self
    where
        D: AsRef<[S]> + Sync,
        S: AsRef<str> + Sync,
    {
        CorpusStats::from_raw(&RawCounts::from_token_lists(units))
    }

    /// The statistics of both (associative and commutative; the empty value is the identity).
    pub fn merge(mut self, other: CorpusStats) -> CorpusStats {
        self.n_units += other.n_units;
        for (t, v) in other.df {
            *self.df.entry(t).or_insert(0) += v;
        }
        for (t, v) in other.cf {
            *self.cf.entry(t).or_insert(0) += v;
        }
        self
    }

    /// An idf table learnt from these statistics, in jieba's sense: `ln(n_units / df)`.
    ///
    /// # Examples
    /// ```
    /// let s = wenmai_analyze::CorpusStats::from_tokens(&[vec!["a"], vec!["a", "b"]]);
    /// let idf = s.idf_table();
    /// assert_eq!(idf.get("a"), 0.0);
    /// assert_eq!(idf.get("b"), 2f64.ln());
    /// ```
    pub fn idf_table(&self) -> IdfTable {
        let n = self.n_units as f64;
        IdfTable::from_pairs(
            self.df
                .iter()
                .map(|(t, &df)| (t.clone(), (n / df as f64).ln())),
        )
    }

    /// The statistics as a dense document-frequency vector over a term list (0 for absent terms).
    ///
    /// # Examples
    /// ```
    /// let s = wenmai_analyze::CorpusStats::from_tokens(&[vec!["a"], vec!["a", "b"]]);
    /// assert_eq!(s.df_vector(&["b".to_string(), "z".to_string()]).to_vec(), [1, 0]);
    /// ```
    pub fn df_vector(&self, terms: &[String]) -> ndarray::Array1<u64> {
        terms
            .iter()
            .map(|t| self.df.get(t).copied().unwrap_or(0))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_analyzer_learns_of_words_stays_its_own() {
        // `B超` is a dictionary word whose term is another string (`b超`); `发展` is its own
        // term for one analyzer and a stopword for the other. Both analyzers count twice,
        // interleaved, and the second count (cached word terms) must equal the first.
        let c = Corpus::from_texts(["发展经济，B超检查。", "发展科技，做B超。"]);
        let plain = Analyzer::default();
        let no_dev = Analyzer::builder().add_stopwords(["发展"]).build().unwrap();
        let opts = DtmOptions::default();
        let first = (
            c.dtm(&plain, Unit::Document, &opts).unwrap(),
            c.dtm(&no_dev, Unit::Document, &opts).unwrap(),
        );
        for _ in 0..2 {
            let a = c.dtm(&plain, Unit::Document, &opts).unwrap();
            let b = c.dtm(&no_dev, Unit::Document, &opts).unwrap();
            assert_eq!((&a.terms, &a.data), (&first.0.terms, &first.0.data));
            assert_eq!((&b.terms, &b.data), (&first.1.terms, &first.1.data));
            assert!(a.terms.iter().any(|t| t == "发展") && a.terms.iter().any(|t| t == "b超"));
            assert!(!b.terms.iter().any(|t| t == "发展") && b.terms.iter().any(|t| t == "b超"));
            assert!(!a.terms.iter().any(|t| t == "B超"));
        }
    }

    #[test]
    fn a_term_met_as_a_word_and_as_another_words_term_is_one_entry() {
        // `C++` and `c++` are both dictionary words; the term of `C++` (lowercased) is `c++`,
        // so a row counts `c++` once as its own word and once as `C++`'s term: one entry with
        // the sum, in a row whose columns still ascend.
        let texts = ["学习C++和c++，C++很难。", "c++，发展。", "C++。"];
        let c = Corpus::from_texts(texts);
        let an = Analyzer::default();
        for m in [
            c.dtm(&an, Unit::Document, &DtmOptions::default()).unwrap(),
            c.tfidf_keywords(
                &an,
                Unit::Document,
                &DtmOptions::default(),
                &Default::default(),
                3,
            )
            .unwrap()
            .0,
        ] {
            let j = m
                .terms
                .iter()
                .position(|t| t == "c++")
                .expect("c++ is a term") as i32;
            assert!(!m.terms.iter().any(|t| t == "C++"));
            for i in 0..m.n_rows() {
                let (cols, _) = m.row(i);
                assert!(cols.windows(2).all(|w| w[0] < w[1]), "row {i}: {cols:?}");
            }
            assert_eq!(m.row(0).0.iter().filter(|&&k| k == j).count(), 1);
        }
        let m = c.dtm(&an, Unit::Document, &DtmOptions::default()).unwrap();
        let j = m.terms.iter().position(|t| t == "c++").unwrap() as i32;
        let count_in = |i: usize| {
            let (cols, vals) = m.row(i);
            cols.iter().position(|&k| k == j).map(|p| vals[p])
        };
        assert_eq!(
            (count_in(0), count_in(1), count_in(2)),
            (Some(3.0), Some(1.0), Some(1.0))
        );
    }

    fn spans(text: &str, cuts: &[&str]) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for c in cuts {
            let end = start + c.len();
            assert_eq!(&text[start..end], *c);
            out.push(Span {
                start,
                end,
                char_start: 0,
                char_end: 0,
            });
            start = end;
        }
        out
    }

    /// The tokens of `pieces` segmented apart and segmented joined.
    fn apart_and_joined(an: &Analyzer, pieces: &[&str]) -> (Vec<String>, Vec<String>) {
        let mut apart = Vec::new();
        let mut joined = Vec::new();
        an.segmenter().with_dictionary(|d| {
            for p in pieces {
                an.sentence_tokens(d, p, &mut |w| apart.push(w.to_owned()));
            }
            an.sentence_tokens(d, &pieces.concat(), &mut |w| joined.push(w.to_owned()));
        });
        (apart, joined)
    }

    #[test]
    fn sentences_join_only_where_segmentation_cannot_tell() {
        let an = Analyzer::default();
        // After sentence-final punctuation: joined, and the tokens are the same.
        let pieces = ["经济增长。", "“我来到北京。”", "ＧＤＰ增长５％！", "完"];
        let text = pieces.concat();
        assert_eq!(joined(&text, &spans(&text, &pieces)), vec![(0..text.len())]);
        let (apart, together) = apart_and_joined(&an, &pieces);
        assert_eq!(apart, together);
        // A han character, a full-width form that folds into jieba's class, and `\r` before
        // `\n` would change the tokens: not joined.
        for pieces in [
            ["北京", "大学"],
            ["增长３．", "５倍"],
            ["第一行\r", "\n第二行"],
        ] {
            let text = pieces.concat();
            assert_eq!(joined(&text, &spans(&text, &pieces)).len(), 2, "{pieces:?}");
            let plain = Analyzer::builder()
                .stopwords(false)
                .drop_punct(false)
                .build()
                .unwrap();
            let (apart, together) = apart_and_joined(&plain, &pieces);
            assert_ne!(apart, together, "{pieces:?}");
        }
    }
}
