//! A corpus of parsed documents with ids, and the analyses over it: counts, matrices,
//! statistics and keywords, in parallel and the same for any number of threads.

use rayon::prelude::*;
use wenmai_parse::Document;

use crate::analyzer::Analyzer;
use crate::count::count_units;
use crate::error::{Error, Result};
use crate::keywords::IdfTable;
use crate::matrix::{DocTermMatrix, DtmOptions, TfidfOptions};
use crate::stats::{CorpusStats, Tokens};
use crate::unit::{Unit, UnitRef, doc_units};

mod cached;
mod stats;

pub use cached::{CachedCorpus, IdfSource, KeywordMethod, KeywordTable};

/// Documents done between two progress reports, when progress is asked for.
const CHUNK: usize = 64;

/// A progress callback: told how many more items are done, it returns `false` to stop.
pub type Progress<'a> = Option<&'a mut (dyn FnMut(usize) -> bool + Send)>;

/// `f` of every item in parallel, in order: in one pass, or with `progress` in chunks of
/// [`CHUNK`] with a report after each (the result is the same).
fn in_chunks<T: Sync, R: Send>(
    items: &[T],
    mut progress: Progress<'_>,
    f: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Result<Vec<R>> {
    let Some(report) = progress.as_mut() else {
        return Ok(f(items));
    };
    let mut out = Vec::with_capacity(items.len());
    for part in items.chunks(CHUNK) {
        out.extend(f(part));
        if !report(part.len()) {
            return Err(Error::Cancelled);
        }
    }
    Ok(out)
}

/// What [`Corpus::read_files`] read: the corpus of the files that could be read, the index in
/// the paths of each of its documents, and the index and error of every other file.
#[derive(Debug)]
pub struct ReadFiles {
    /// The documents read, in the paths' order.
    pub corpus: Corpus,
    /// For each document, the index of its path.
    pub read: Vec<usize>,
    /// The files that could not be read, in the paths' order.
    pub failed: Vec<(usize, wenmai_parse::Error)>,
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

    /// Read, decode and parse files in parallel: every file that can be read is a document
    /// (with the id at its place in `ids`), every other is named in [`ReadFiles::failed`].
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when the numbers of paths and ids differ;
    /// [`Error::Cancelled`] when `progress` asks to stop.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::Corpus;
    /// let dir = std::env::temp_dir().join("wenmai-read-files-doc");
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("a.txt"), "发展经济。").unwrap();
    /// let paths = [dir.join("a.txt"), dir.join("missing.txt")];
    /// let ids = ["a".to_string(), "b".to_string()];
    /// let r = Corpus::read_files(&paths, &ids, &Default::default(), None).unwrap();
    /// assert_eq!((r.corpus.ids(), r.read.as_slice()), (&["a".to_string()][..], &[0][..]));
    /// assert_eq!(r.failed[0].0, 1);
    /// ```
    pub fn read_files<P: AsRef<std::path::Path> + Sync>(
        paths: &[P],
        ids: &[String],
        opts: &wenmai_parse::ReadOptions,
        progress: Progress<'_>,
    ) -> Result<ReadFiles> {
        if paths.len() != ids.len() {
            return Err(Error::InvalidParameter(
                "paths and ids differ in length".into(),
            ));
        }
        let results = in_chunks(paths, progress, |part| {
            part.par_iter()
                .map(|p| wenmai_parse::read_with(p, opts))
                .collect()
        })?;
        let (mut documents, mut kept_ids, mut read, mut failed) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, r) in results.into_iter().enumerate() {
            match r {
                Ok(d) => {
                    documents.push(d);
                    kept_ids.push(ids[i].clone());
                    read.push(i);
                }
                Err(e) => failed.push((i, e)),
            }
        }
        let corpus = Corpus {
            documents,
            ids: kept_ids,
        };
        Ok(ReadFiles {
            corpus,
            read,
            failed,
        })
    }

    /// Parse texts in parallel into a corpus with ids of your own, reporting `progress`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when the numbers of texts and ids differ;
    /// [`Error::Cancelled`] when `progress` asks to stop.
    pub fn parse_texts<S: AsRef<str> + Sync>(
        texts: &[S],
        ids: Vec<String>,
        progress: Progress<'_>,
    ) -> Result<Self> {
        if texts.len() != ids.len() {
            return Err(Error::InvalidParameter(format!(
                "{} texts but {} ids",
                texts.len(),
                ids.len()
            )));
        }
        let documents = in_chunks(texts, progress, |part| {
            part.par_iter()
                .map(|t| wenmai_parse::parse(t.as_ref()))
                .collect()
        })?;
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

    /// The document-term matrix over units of one kind (scikit-learn's `CountVectorizer`
    /// pruning and term order). Deterministic for any number of threads.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for bad bounds or when pruning leaves no term.
    pub fn dtm(&self, analyzer: &Analyzer, unit: Unit, opts: &DtmOptions) -> Result<DocTermMatrix> {
        let (raw, units) = count_units(&self.documents, analyzer, unit);
        raw.into_matrix(opts, units)
    }

    /// The kept tokens of every unit, sentence by sentence with char offsets: what `dtm()`
    /// counts (see [`Tokens`]). Deterministic for any number of threads.
    pub fn tokens(&self, analyzer: &Analyzer, unit: Unit) -> Tokens {
        Tokens::of(&self.documents, analyzer, unit)
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
        let (raw, _) = count_units(&self.documents, analyzer, unit);
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
        keywords_of(&self.documents, analyzer, k, idf)
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
        let (raw, units) = count_units(&self.documents, analyzer, unit);
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

/// [`Corpus::keywords`] of some documents.
fn keywords_of(
    documents: &[Document],
    analyzer: &Analyzer,
    k: usize,
    idf: &IdfTable,
) -> Vec<Vec<(String, f64)>> {
    let (raw, units) = count_units(documents, analyzer, Unit::Document);
    // With default options nothing is pruned and nothing can fail.
    match raw.into_matrix(&DtmOptions::default(), units) {
        Ok(m) => m.keywords(k, idf),
        Err(_) => vec![Vec::new(); documents.len()],
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
}
