//! The token stream: every unit's kept tokens as the analyzer makes them, sentence by sentence,
//! each with its char offsets into its document's text. KWIC, collocations and dictionary
//! lookup read it, so that they see exactly the tokens [`crate::Corpus::dtm`] counts.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use wenmai_parse::Document;
use wenmai_segment::{Dictionary, NO_WORD};

use crate::analyzer::Analyzer;
use crate::count::{TermCache, TermFn, WORD_BIT, WordSet, batches, joined, merge_keyed};
use crate::unit::{Unit, UnitRef, doc_units};

/// The kept tokens of every unit of a corpus, interned over one sorted term list.
///
/// Tokens are stored back to back in unit order; [`Tokens::sentences`] cuts them into
/// sentences and [`Tokens::unit_sentences`] groups sentences into units, so that nothing
/// built on them need cross a sentence. For a word-unigram analyzer (the default) the tokens
/// of a unit are the terms its row of `dtm()` counts. They are made on the counting path of
/// `dtm()` for such an analyzer; [`crate::CachedCorpus::tokens`] keeps them across calls.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Corpus, Unit};
/// let c = Corpus::from_texts(["发展经济。改革开放。"]);
/// let t = c.tokens(&Analyzer::default(), Unit::Document);
/// assert_eq!(t.unit_terms(0), ["发展", "经济", "改革开放"]);
/// assert_eq!(t.sentence_count(), 2);
/// let i = t.unit_range(0).start;
/// assert_eq!((t.starts[i], t.ends[i]), (0, 2));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// The distinct terms, sorted (a term's id is its place here).
    pub terms: Vec<String>,
    /// Every token's term id.
    pub ids: Vec<u32>,
    /// Every token's first char in its document's text.
    pub starts: Vec<u32>,
    /// Every token's end (exclusive) char in its document's text.
    pub ends: Vec<u32>,
    /// Sentence `k` is tokens `sentences[k]..sentences[k + 1]` (one more entry than
    /// sentences).
    pub sentences: Vec<usize>,
    /// Unit `u` is sentences `unit_sentences[u]..unit_sentences[u + 1]`.
    pub unit_sentences: Vec<usize>,
    /// The units, in document order.
    pub units: Vec<UnitRef>,
}

/// One document's tokens, interned locally.
#[derive(Default)]
struct Part {
    terms: Vec<String>,
    ids: Vec<u32>,
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Tokens per sentence.
    sentence_lens: Vec<usize>,
    /// Sentences per unit.
    unit_lens: Vec<usize>,
    units: Vec<UnitRef>,
}

/// One rayon task's tokens on the fast path, keyed as `dtm()` keys its counts (a dictionary
/// word that is its own term by `WORD_BIT | word id`, any other term by the task's interned
/// id), so that no token's string is hashed or copied; the batches of documents it took.
#[derive(Default)]
struct Block {
    cache: TermCache,
    /// The words keyed by `WORD_BIT`.
    words: WordSet,
    keys: Vec<u32>,
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Tokens per sentence.
    sentence_lens: Vec<usize>,
    /// Sentences per unit.
    unit_lens: Vec<usize>,
    units: Vec<UnitRef>,
    /// Per batch taken: its first document, and where its tokens, sentences and units start.
    taken: Vec<(usize, usize, usize, usize)>,
}

/// Document `i`'s tokens into `b`, on the counting path of `dtm()` ([`crate::count`]): raw
/// tokens with their dictionary word ids, a word's term looked up once per analyzer
/// (`WordTerms`) and any other token's once per task.
fn document_into(
    b: &mut Block,
    dict: &Dictionary,
    i: usize,
    d: &Document,
    analyzer: &Analyzer,
    unit: Unit,
) {
    let term: &TermFn<'_> = &|t| analyzer.token_term(t);
    let known = analyzer.word_terms();
    for (u, sentences) in doc_units(i, d, unit) {
        // Sentences joined where that cannot change the tokens, as `dtm()` segments them:
        // each token goes to the sentence that holds its first char.
        let pieces = if analyzer.joins_at_non_han() {
            joined(&d.text, &sentences)
        } else {
            sentences.iter().map(|s| s.start..s.end).collect()
        };
        let Block {
            cache,
            words,
            keys,
            starts,
            ends,
            sentence_lens,
            ..
        } = b;
        let (mut k, mut before) = (0usize, keys.len());
        for piece in pieces {
            let Some(first) = sentences.get(k) else { break };
            let base = first.char_start as u32;
            let text = d.text.get(piece.clone()).unwrap_or("");
            analyzer.sentence_tokens_at(dict, text, &mut |t, start, end, word| {
                let key = if word == NO_WORD {
                    cache.term(t, term)
                } else {
                    cache.key_of_word(word, term, known)
                };
                let Some(key) = key else { return };
                if key & WORD_BIT != 0 {
                    words.insert(key & !WORD_BIT);
                }
                let (start, end) = (base + start, base + end);
                while k + 1 < sentences.len() && start as usize >= sentences[k].char_end {
                    sentence_lens.push(keys.len() - before);
                    (k, before) = (k + 1, keys.len());
                }
                keys.push(key);
                starts.push(start);
                ends.push(end);
            });
            // The piece's sentences are done.
            while k < sentences.len() && sentences[k].end <= piece.end {
                sentence_lens.push(keys.len() - before);
                (k, before) = (k + 1, keys.len());
            }
        }
        // Sentences no piece held (none, unless the spans are out of order).
        while k < sentences.len() {
            sentence_lens.push(keys.len() - before);
            (k, before) = (k + 1, keys.len());
        }
        b.unit_lens.push(sentences.len());
        b.units.push(u);
    }
}

/// The tokens of every unit on the fast path: rayon tasks take batches of documents one after
/// another (as `dtm()`'s counting does), their vocabularies merged in term order and their
/// batches put back in document order, so that nothing depends on how the work was split.
fn tokens_fast(documents: &[Document], analyzer: &Analyzer, unit: Unit) -> Tokens {
    let batches = batches(documents);
    let next = AtomicUsize::new(0);
    let tasks = rayon::current_num_threads().clamp(1, batches.len().max(1));
    let mut blocks: Vec<Block> = (0..tasks)
        .into_par_iter()
        .map(|_| {
            let mut b = Block::default();
            analyzer.segmenter().with_dictionary(|dict| {
                while let Some(range) = batches.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let at = (b.keys.len(), b.sentence_lens.len(), b.units.len());
                    b.taken.push((range.start, at.0, at.1, at.2));
                    for i in range.clone() {
                        document_into(&mut b, dict, i, &documents[i], analyzer, unit);
                    }
                }
            });
            b
        })
        .collect();
    let vocab: Vec<(Vec<String>, WordSet)> = blocks
        .iter_mut()
        .map(|b| {
            let terms = std::mem::take(&mut b.cache).interner.into_terms();
            (terms, std::mem::take(&mut b.words).complete())
        })
        .collect();
    let (terms, maps) = merge_keyed(vocab);
    // Every batch as (first document, block, where it starts), in document order.
    let mut order: Vec<(usize, usize, usize)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(bi, b)| (0..b.taken.len()).map(move |k| (b.taken[k].0, bi, k)))
        .collect();
    order.sort_unstable();
    // Each batch's block, and its tokens, sentences and units there.
    type Span = (usize, Range<usize>, Range<usize>, Range<usize>);
    let spans: Vec<Span> = order
        .iter()
        .map(|&(_, bi, k)| {
            let b = &blocks[bi];
            let (_, t0, s0, u0) = b.taken[k];
            let (t1, s1, u1) = b.taken.get(k + 1).map_or(
                (b.keys.len(), b.sentence_lens.len(), b.units.len()),
                |&(_, t, s, u)| (t, s, u),
            );
            (bi, t0..t1, s0..s1, u0..u1)
        })
        .collect();
    let n: usize = blocks.iter().map(|b| b.keys.len()).sum();
    let mut out = Tokens::empty(terms, 0);
    // The token columns filled batch by batch in parallel, each batch into its own place,
    // its keys mapped to merged ids there (no mapped copy of every block first).
    let (mut ids, mut starts, mut ends) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let mut places = Vec::with_capacity(spans.len());
    let (mut ri, mut rs, mut re) = (&mut ids[..], &mut starts[..], &mut ends[..]);
    for (bi, t, _, _) in &spans {
        let (i, ri_rest) = std::mem::take(&mut ri).split_at_mut(t.len());
        let (s, rs_rest) = std::mem::take(&mut rs).split_at_mut(t.len());
        let (e, re_rest) = std::mem::take(&mut re).split_at_mut(t.len());
        (ri, rs, re) = (ri_rest, rs_rest, re_rest);
        places.push((*bi, t.clone(), i, s, e));
    }
    places.into_par_iter().for_each(|(bi, t, i, s, e)| {
        let b = &blocks[bi];
        for (dst, &k) in i.iter_mut().zip(&b.keys[t.clone()]) {
            *dst = maps[bi].get(k);
        }
        s.copy_from_slice(&b.starts[t.clone()]);
        e.copy_from_slice(&b.ends[t]);
    });
    (out.ids, out.starts, out.ends) = (ids, starts, ends);
    for (bi, _, sr, ur) in spans {
        let b = &blocks[bi];
        for &len in &b.sentence_lens[sr] {
            let last = *out.sentences.last().unwrap_or(&0);
            out.sentences.push(last + len);
        }
        for &len in &b.unit_lens[ur.clone()] {
            let last = *out.unit_sentences.last().unwrap_or(&0);
            out.unit_sentences.push(last + len);
        }
        out.units.extend_from_slice(&b.units[ur]);
    }
    out
}

/// One document's tokens for any analyzer: the tokens the analyzer keeps, interned by value.
fn document_part(i: usize, d: &Document, analyzer: &Analyzer, unit: Unit) -> Part {
    let mut p = Part::default();
    let mut local: FxHashMap<String, u32> = FxHashMap::default();
    analyzer.segmenter().with_dictionary(|dict| {
        for (u, sentences) in doc_units(i, d, unit) {
            for s in &sentences {
                let before = p.ids.len();
                let text = d.text.get(s.start..s.end).unwrap_or("");
                let base = s.char_start as u32;
                let Part {
                    terms,
                    ids,
                    starts,
                    ends,
                    ..
                } = &mut p;
                analyzer.sentence_kept_tokens(dict, text, &mut |t, a, b| {
                    let id = match local.get(t) {
                        Some(&id) => id,
                        None => {
                            let id = terms.len() as u32;
                            terms.push(t.to_owned());
                            local.insert(t.to_owned(), id);
                            id
                        }
                    };
                    ids.push(id);
                    starts.push(base + a as u32);
                    ends.push(base + b as u32);
                });
                p.sentence_lens.push(p.ids.len() - before);
            }
            p.unit_lens.push(sentences.len());
            p.units.push(u);
        }
    });
    p
}

impl Tokens {
    /// No tokens yet over `terms`, with room for `n`.
    fn empty(terms: Vec<String>, n: usize) -> Tokens {
        Tokens {
            terms,
            ids: Vec::with_capacity(n),
            starts: Vec::with_capacity(n),
            ends: Vec::with_capacity(n),
            sentences: vec![0],
            unit_sentences: vec![0],
            units: Vec::new(),
        }
    }

    /// The tokens of every unit of `documents`, segmented in parallel and merged in document
    /// order over one sorted term list: the same for any number of threads.
    pub(crate) fn of(documents: &[Document], analyzer: &Analyzer, unit: Unit) -> Tokens {
        if analyzer.is_per_token() {
            tokens_fast(documents, analyzer, unit)
        } else {
            Tokens::by_value(documents, analyzer, unit)
        }
    }

    /// [`Tokens::of`] for any analyzer: one task per document, terms interned by value.
    fn by_value(documents: &[Document], analyzer: &Analyzer, unit: Unit) -> Tokens {
        let parts: Vec<Part> = documents
            .par_iter()
            .enumerate()
            .map(|(i, d)| document_part(i, d, analyzer, unit))
            .collect();
        let mut all: Vec<&str> = parts
            .iter()
            .flat_map(|p| p.terms.iter().map(String::as_str))
            .collect();
        all.par_sort_unstable();
        all.dedup();
        let global: FxHashMap<&str, u32> = all
            .iter()
            .enumerate()
            .map(|(k, &t)| (t, k as u32))
            .collect();
        let n: usize = parts.iter().map(|p| p.ids.len()).sum();
        let mut out = Tokens::empty(all.iter().map(|&t| t.to_owned()).collect(), n);
        for p in &parts {
            let map: Vec<u32> = p.terms.iter().map(|t| global[t.as_str()]).collect();
            out.ids.extend(p.ids.iter().map(|&id| map[id as usize]));
            out.starts.extend_from_slice(&p.starts);
            out.ends.extend_from_slice(&p.ends);
            for &len in &p.sentence_lens {
                let last = *out.sentences.last().unwrap_or(&0);
                out.sentences.push(last + len);
            }
            for &len in &p.unit_lens {
                let last = *out.unit_sentences.last().unwrap_or(&0);
                out.unit_sentences.push(last + len);
            }
            out.units.extend_from_slice(&p.units);
        }
        out
    }

    /// These tokens, of `Unit::Sentence` over `documents`, grouped into the units of `unit`
    /// instead: the same tokens as [`Tokens::of`] for `unit`, with no segmentation (the
    /// sentences are copied in the order the units take them).
    pub(crate) fn regroup(&self, documents: &[Document], unit: Unit) -> Tokens {
        if unit == Unit::Sentence {
            return self.clone();
        }
        // The first sentence of each document in these tokens.
        let mut first = vec![0usize; documents.len() + 1];
        for u in &self.units {
            first[u.document + 1] += 1;
        }
        for i in 0..documents.len() {
            first[i + 1] += first[i];
        }
        let mut out = Tokens::empty(self.terms.clone(), self.ids.len());
        let mut place: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        for (i, d) in documents.iter().enumerate() {
            // Each sentence of the document by its span: a unit lists its sentences' spans.
            place.clear();
            for k in first[i]..first[i + 1] {
                let s = self.units[k].span;
                place.entry((s.start, s.end)).or_insert(k);
            }
            for (u, spans) in doc_units(i, d, unit) {
                for s in &spans {
                    let Some(&k) = place.get(&(s.start, s.end)) else {
                        continue;
                    };
                    let r = self.sentence_range(k);
                    out.ids.extend_from_slice(&self.ids[r.clone()]);
                    out.starts.extend_from_slice(&self.starts[r.clone()]);
                    out.ends.extend_from_slice(&self.ends[r]);
                    out.sentences.push(out.ids.len());
                }
                out.unit_sentences.push(out.sentences.len() - 1);
                out.units.push(u);
            }
        }
        out
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Whether there is no unit.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Number of sentences.
    pub fn sentence_count(&self) -> usize {
        self.sentences.len() - 1
    }

    /// The tokens (as indexes into [`Tokens::ids`]) of sentence `k`.
    pub fn sentence_range(&self, k: usize) -> Range<usize> {
        self.sentences[k]..self.sentences[k + 1]
    }

    /// The sentences of unit `u`.
    pub fn unit_sentence_range(&self, u: usize) -> Range<usize> {
        self.unit_sentences[u]..self.unit_sentences[u + 1]
    }

    /// The tokens (as indexes into [`Tokens::ids`]) of unit `u`.
    pub fn unit_range(&self, u: usize) -> Range<usize> {
        let s = self.unit_sentence_range(u);
        self.sentences[s.start]..self.sentences[s.end]
    }

    /// The term ids of every sentence, in order.
    pub fn sentence_ids(&self) -> impl Iterator<Item = &[u32]> + '_ {
        self.sentences.windows(2).map(|w| &self.ids[w[0]..w[1]])
    }

    /// The term of token `i`.
    pub fn term(&self, i: usize) -> &str {
        &self.terms[self.ids[i] as usize]
    }

    /// The terms of unit `u`.
    pub fn unit_terms(&self, u: usize) -> Vec<&str> {
        self.unit_range(u).map(|i| self.term(i)).collect()
    }

    /// The id of `term`, if any token is it.
    pub fn id_of(&self, term: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .map(|k| k as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Corpus;

    #[test]
    fn the_fast_path_gives_the_tokens_of_the_generic_one() {
        let mut texts: Vec<String> = wenmai_testdata::reports_or_sample()
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        texts.push("ＧＤＰ增长２０２４年，iPhone 12发布。Wi-Fi 6。".to_owned());
        let c = Corpus::from_texts(&texts);
        let analyzers = [
            Analyzer::default(),
            Analyzer::builder()
                .stopwords(true)
                .add_stopwords(["发展"])
                .build()
                .unwrap(),
        ];
        for an in &analyzers {
            assert!(an.is_per_token());
            for unit in [Unit::Document, Unit::Sentence] {
                let fast = tokens_fast(c.documents(), an, unit);
                assert_eq!(fast, Tokens::by_value(c.documents(), an, unit));
            }
        }
    }
}
