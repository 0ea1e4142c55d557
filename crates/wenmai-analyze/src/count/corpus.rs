//! Counting a corpus: the units of every document segmented and counted in parallel, into
//! one vocabulary and rows in document order, whatever the number of threads.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use wenmai_parse::{Document, Span};
use wenmai_segment::NO_WORD;
use wenmai_segment::chars::is_han_default;

use super::intern::{TermCache, TermFn};
use super::raw::RawCounts;
use super::rows::DenseCounter;
use super::unit_counter::{UnitCounter, WordSet};
use crate::analyzer::{Analyzer, Scratch, is_foldable};
use crate::unit::{Unit, UnitRef, doc_units};

/// Bytes of text in a batch of documents counted by one task at a time: small enough that the
/// threads finish together, large enough that taking a batch costs nothing.
const BATCH_BYTES: usize = 32 << 10;

/// Adjacent sentences joined wherever that cannot change precise-mode segmentation (see
/// [`Analyzer::joins_at_non_han`]), so that a unit is segmented in a few calls, not one per
/// sentence.
pub(crate) fn joined(text: &str, sentences: &[Span]) -> Vec<Range<usize>> {
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

/// The documents in batches of about [`BATCH_BYTES`] of text (at least one document each),
/// in order: the units of work that the counting threads take one after another.
pub(crate) fn batches(documents: &[Document]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, d) in documents.iter().enumerate() {
        acc += d.text.len() + 1;
        if acc >= BATCH_BYTES {
            out.push(start..i + 1);
            start = i + 1;
            acc = 0;
        }
    }
    if start < documents.len() {
        out.push(start..documents.len());
    }
    out
}

/// Count the terms of every unit in parallel: the raw material of matrices and statistics.
///
/// One rayon task per thread, each with its own term cache and rows, takes
/// [`batches`] of documents one after another until none is left (so a
/// thread that runs slower, or texts that segment slower, hold no one up). The tasks'
/// vocabularies are merged in term order and their rows put back in document order, so
/// the result does not depend on how the work was split.
pub(crate) fn count_units(
    documents: &[Document],
    analyzer: &Analyzer,
    unit: Unit,
) -> (RawCounts, Vec<UnitRef>) {
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
    let batches = batches(documents);
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
                        let d = &documents[i];
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
                                                    local.add(w, cache, |w| analyzer.token_term(w));
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

#[cfg(test)]
mod tests {
    use super::*;

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
