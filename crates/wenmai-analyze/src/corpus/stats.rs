//! The corpus-level entry points of the statistics that need more than the token stream
//! (kwic and lookup over the corpus's tokens, keyness over its kept counts): here, so that
//! `stats/` builds on tokens and counts and never on the corpus.

use crate::analyzer::Analyzer;
use crate::corpus::{CachedCorpus, Corpus};
use crate::error::Result;
use crate::matrix::{DocTermMatrix, DtmOptions};
use crate::stats::{
    Keyness, KeynessCorrection, KeynessMeasure, Kwic, Lookup, LookupOptions, Pattern, Tokens,
    check_keyness, check_target,
};
use crate::unit::Unit;

impl Corpus {
    /// Keywords in context: every match of `pattern` in the tokens `analyzer` keeps, with up
    /// to `window` tokens on each side within each `unit` (see [`Kwic`]).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] when `window` is 0.
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
        let tokens = self.tokens(analyzer, unit);
        Kwic::of(self.documents(), &tokens, pattern, window)
    }
}

impl Corpus {
    /// Dictionary look-up: each unit's matches of `dictionary`'s entries counted under their
    /// categories, as quanteda's `dfm(tokens_lookup(...))` (see [`LookupOptions`]); columns
    /// sorted by name. Deterministic for any number of threads.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for an empty or invalid entry (named).
    pub fn lookup(
        &self,
        analyzer: &Analyzer,
        unit: Unit,
        dictionary: &Lookup,
        opts: &LookupOptions,
    ) -> Result<DocTermMatrix> {
        dictionary.count(&self.tokens(analyzer, unit), opts)
    }
}

impl CachedCorpus {
    /// Keyness of the target documents (`target[i]` for document `i`) against the others,
    /// over the counts `dtm()` makes of `unit`s (for documents, the kept counts).
    ///
    /// # Errors
    /// As [`Keyness::from_matrix`]; a mask that is not one entry per document.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, CachedCorpus, Corpus, KeynessCorrection, KeynessMeasure, Unit};
    /// let c = CachedCorpus::new(Corpus::from_texts(["改革开放，改革发展。", "经济发展，经济增长。"]));
    /// let (m, none) = (KeynessMeasure::Lr, KeynessCorrection::None);
    /// let k = c.keyness(&Analyzer::default(), Unit::Document, &[true, false], m, none).unwrap();
    /// let i = k.terms.iter().position(|t| t == "改革").unwrap();
    /// assert_eq!((k.n_target[i], k.n_reference[i]), (1, 0));
    /// assert!(k.stat[i] > 0.0 && k.stat[k.len() - 1] < 0.0);
    /// assert!(c.keyness(&Analyzer::default(), Unit::Document, &[true, true], m, none).is_err());
    /// ```
    pub fn keyness(
        &self,
        analyzer: &Analyzer,
        unit: Unit,
        target: &[bool],
        measure: KeynessMeasure,
        correction: KeynessCorrection,
    ) -> Result<Keyness> {
        check_keyness(measure, correction)?;
        check_target(target, self.corpus().len())?;
        let m = self.dtm(analyzer, unit, &DtmOptions::default())?;
        Keyness::from_matrix(&m, target, measure, correction)
    }
}
