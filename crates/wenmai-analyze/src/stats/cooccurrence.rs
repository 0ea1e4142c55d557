//! The feature co-occurrence matrix (quanteda's `fcm`) over a token stream: how often two
//! terms occur near each other (within a window of tokens inside one sentence), in the same
//! sentence, or in the same unit.
//!
//! Each row is computed by one task from an inverted index of the row term's positions, in
//! position order, so the matrix (sums of floating-point weights included) is the same for
//! any number of threads, and memory is the token stream, the index and the result.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::stats::Tokens;

/// What two tokens must share to co-occur.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, Context, CooccurrenceOptions, Corpus, Unit};
/// let t = Corpus::from_texts(["经济发展。科技创新。"]).tokens(&Analyzer::default(), Unit::Document);
/// let o = |context| CooccurrenceOptions { context, tri: false, ..Default::default() };
/// let w = t.cooccurrence(&o(Context::Window)).unwrap();
/// let d = t.cooccurrence(&o(Context::Document)).unwrap();
/// assert_eq!(w.terms, ["创新", "发展", "科技", "经济"]);
/// assert_eq!((w.get(1, 2), d.get(1, 2)), (0.0, 1.0)); // 发展, 科技: two sentences, one unit
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Context {
    /// Within `window` tokens of each other, inside one sentence (never across one).
    #[default]
    Window,
    /// The same sentence.
    Sentence,
    /// The same unit (the `unit` the tokens were made for; quanteda's "document").
    Document,
}

/// How co-occurrences are counted.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, CoCount, CooccurrenceOptions, Corpus, Unit};
/// let t = Corpus::from_texts(["经济 科技 科技 经济 经济。"]).tokens(&Analyzer::default(), Unit::Document);
/// let o = |count| CooccurrenceOptions { count, window: 2, ..Default::default() };
/// let get = |count| t.cooccurrence(&o(count)).unwrap().get(0, 1); // 科技, 经济
/// assert_eq!((get(CoCount::Frequency), get(CoCount::Boolean)), (5.0, 1.0));
/// assert_eq!(get(CoCount::Weighted), 1.0 + 0.5 + 0.5 + 1.0 + 0.5); // d = 1, 2, 2, 1, 2
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CoCount {
    /// Every co-occurrence counts 1 (for sentence and document contexts, the product of the
    /// two terms' counts in the context).
    #[default]
    Frequency,
    /// A pair counts at most once per unit (window) or per context (sentence, document).
    Boolean,
    /// Window context only: a co-occurrence at distance `d` counts `1 / d`.
    Weighted,
}

/// Which terms make the rows and columns.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, CooccurrenceOptions, Corpus, TermSelection, Unit};
/// let t = Corpus::from_texts(["科技 经济 经济。"]).tokens(&Analyzer::default(), Unit::Document);
/// let of = |terms| t.cooccurrence(&CooccurrenceOptions { terms, ..Default::default() }).unwrap().terms;
/// assert_eq!(of(TermSelection::All), ["科技", "经济"]);
/// assert_eq!(of(TermSelection::Top(1)), ["经济"]);
/// assert_eq!(of(TermSelection::List(vec!["经济".into(), "无".into()])), ["经济"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum TermSelection {
    /// Every term, in sorted term order.
    #[default]
    All,
    /// These terms, in this order; terms no token is, and repeats, are left out (as
    /// quanteda's `fcm_select` keeps only the features present).
    List(Vec<String>),
    /// The `n` most frequent terms (by count over the tokens), most frequent first, ties in
    /// term order.
    Top(usize),
}

/// The options of [`Tokens::cooccurrence`] (quanteda `fcm`'s arguments).
///
/// # Examples
/// ```
/// use wenmai_analyze::{CoCount, Context, CooccurrenceOptions};
/// let o = CooccurrenceOptions::default();
/// assert_eq!((o.window, o.context, o.count, o.ordered, o.tri), (5, Context::Window, CoCount::Frequency, false, true));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CooccurrenceOptions {
    /// Tokens at most this many positions apart co-occur (window context; at least 1).
    pub window: usize,
    /// What two tokens must share.
    pub context: Context,
    /// How co-occurrences are counted.
    pub count: CoCount,
    /// The rows and columns.
    pub terms: TermSelection,
    /// Window context only: count `b` after `a` in row `a` only, not `a` after `b` too (the
    /// matrix is then not symmetric and `tri` is ignored, as in quanteda).
    pub ordered: bool,
    /// Keep only the upper triangle, diagonal included, in the order of the terms.
    pub tri: bool,
}

impl Default for CooccurrenceOptions {
    fn default() -> Self {
        CooccurrenceOptions {
            window: 5,
            context: Context::Window,
            count: CoCount::Frequency,
            terms: TermSelection::All,
            ordered: false,
            tri: true,
        }
    }
}

/// A square feature co-occurrence matrix in CSR form, rows and columns in [`Self::terms`]
/// order.
///
/// # Examples
/// ```
/// use wenmai_analyze::{Analyzer, CooccurrenceOptions, Corpus, Unit};
/// let c = Corpus::from_texts(["发展经济，发展科技。"]);
/// let t = c.tokens(&Analyzer::default(), Unit::Document);
/// let opts = CooccurrenceOptions { window: 1, tri: false, ..Default::default() };
/// let m = t.cooccurrence(&opts).unwrap();
/// assert_eq!(m.terms, ["发展", "科技", "经济"]);
/// assert_eq!(m.get(0, 2), 2.0); // 发展 经济 | 经济 发展
/// assert_eq!(m.get(0, 1), 1.0);
/// assert_eq!(m.get(1, 2), 0.0);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cooccurrence {
    /// The row (and column) terms.
    pub terms: Vec<String>,
    /// Row `r` is entries `indptr[r]..indptr[r + 1]` (one more entry than rows).
    pub indptr: Vec<usize>,
    /// The column of every entry, increasing within a row.
    pub indices: Vec<u32>,
    /// The value of every entry (whole numbers unless the count is weighted).
    pub data: Vec<f64>,
}

impl Cooccurrence {
    /// Number of rows (= columns).
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there is no term.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The value of cell `(row, col)` (0 where nothing is stored).
    pub fn get(&self, row: usize, col: usize) -> f64 {
        let r = self.indptr[row]..self.indptr[row + 1];
        let cols = &self.indices[r.clone()];
        cols.binary_search(&(col as u32))
            .map_or(0.0, |k| self.data[r.start + k])
    }
}

/// Marks a token outside the selected terms: it still takes its place in a window.
pub(crate) const SKIP: u32 = u32::MAX - 1;
/// Marks the end of a sentence in the window sequence.
const STOP: u32 = u32::MAX;

impl Tokens {
    /// The feature co-occurrence matrix of these tokens, as quanteda's `fcm` defines it:
    ///
    /// - window, frequency / weighted: cell `(a, b)` sums, over every ordered pair of
    ///   positions `i != j` at most `window` apart in one sentence with `a` at `i` and `b` at
    ///   `j`, the weight 1 (frequency) or `1 / |i - j|` (weighted). The matrix is symmetric
    ///   and the diagonal holds each pair of equal tokens twice (quanteda's `weight * 2`).
    ///   With `ordered`, only `j > i` counts (`b` after `a`), each equal pair once.
    /// - window, boolean: 1 for each unit in which the pair occurs so at least once (2 on
    ///   the diagonal unless `ordered`, as quanteda).
    /// - sentence / document, frequency: the sum over contexts of `n_a * n_b` (`a != b`),
    ///   and of `n_a (n_a - 1) / 2` on the diagonal (quanteda's `crossprod` and
    ///   `choose(n, 2)`); boolean: the contexts holding both, and on the diagonal those
    ///   holding `a` twice or more.
    ///
    /// Tokens outside [`CooccurrenceOptions::terms`] keep their place in a window (the
    /// matrix is the full one with rows and columns selected). With `tri` (and not
    /// `ordered`) only cells with `col >= row` are kept.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for `window == 0`, a weighted count or `ordered` outside
    /// the window context, or `Top(0)`.
    ///
    /// # Examples
    /// ```
    /// use wenmai_analyze::{Analyzer, CoCount, Context, CooccurrenceOptions, Corpus, Unit};
    /// let c = Corpus::from_texts(["经济 经济 科技。科技 经济。"]);
    /// let t = c.tokens(&Analyzer::default(), Unit::Document);
    /// let opts = CooccurrenceOptions { context: Context::Sentence, ..Default::default() };
    /// let m = t.cooccurrence(&opts).unwrap();
    /// assert_eq!(m.terms, ["科技", "经济"]);
    /// // 经济 x 科技: 2 * 1 + 1 * 1; 经济 twice in one sentence: choose(2, 2)
    /// assert_eq!((m.get(0, 1), m.get(1, 1), m.get(0, 0)), (3.0, 1.0, 0.0));
    /// let w = CooccurrenceOptions { count: CoCount::Weighted, window: 2, ..Default::default() };
    /// let m = t.cooccurrence(&w).unwrap();
    /// assert_eq!((m.get(0, 1), m.get(1, 1)), (1.0 + 0.5 + 1.0, 2.0));
    /// ```
    pub fn cooccurrence(&self, opts: &CooccurrenceOptions) -> Result<Cooccurrence> {
        check(opts)?;
        let (terms, out_of) = self.select(&opts.terms);
        let rows = match opts.context {
            Context::Window => self.window_rows(&out_of, terms.len(), opts),
            Context::Sentence => {
                context_rows(&self.ids, &self.sentences, &out_of, terms.len(), opts)
            }
            Context::Document => {
                let ctx: Vec<usize> = self
                    .unit_sentences
                    .iter()
                    .map(|&s| self.sentences[s])
                    .collect();
                context_rows(&self.ids, &ctx, &out_of, terms.len(), opts)
            }
        };
        Ok(assemble(terms, rows))
    }

    /// The selected terms and, for every term id, its row (or [`SKIP`]).
    fn select(&self, sel: &TermSelection) -> (Vec<String>, Vec<u32>) {
        let chosen = choose(&self.terms, sel, || {
            let mut cf = vec![0u64; self.terms.len()];
            for &id in &self.ids {
                cf[id as usize] += 1;
            }
            cf
        });
        let out_of = rows_of(&chosen, self.terms.len());
        let terms = chosen
            .iter()
            .map(|&id| self.terms[id as usize].clone())
            .collect();
        (terms, out_of)
    }

    /// Rows of the window context: the tokens as rows (or [`SKIP`]) with a [`STOP`] after
    /// each sentence, and the positions of each row in that sequence.
    fn window_rows(&self, out_of: &[u32], k: usize, opts: &CooccurrenceOptions) -> Vec<Row> {
        let mut seq = Vec::with_capacity(self.ids.len() + self.sentence_count());
        // Where each unit starts in `seq`, for the boolean count's once-per-unit rule.
        let mut unit_starts = Vec::with_capacity(self.len());
        for u in 0..self.len() {
            unit_starts.push(seq.len());
            for s in self.unit_sentence_range(u) {
                seq.extend(
                    self.ids[self.sentence_range(s)]
                        .iter()
                        .map(|&id| out_of[id as usize]),
                );
                seq.push(STOP);
            }
        }
        let (starts, positions) = invert(&seq, k);
        // No two tokens are further apart than the sequence is long: a huge window (2**40)
        // must not size the weight table.
        let w = opts.window.min(seq.len());
        let weights: Vec<f64> = (0..=w)
            .map(|d| match opts.count {
                CoCount::Weighted if d > 0 => 1.0 / d as f64,
                _ => 1.0,
            })
            .collect();
        let boolean = opts.count == CoCount::Boolean;
        let (ordered, tri) = (opts.ordered, opts.tri && !opts.ordered);
        (0..k)
            .into_par_iter()
            .map_init(
                || Scratch::new(k, boolean),
                |sc, r| {
                    let r32 = r as u32;
                    for &p in &positions[starts[r]..starts[r + 1]] {
                        let p = p as usize;
                        let stamp = if boolean {
                            unit_starts.partition_point(|&s| s <= p) as u32
                        } else {
                            0
                        };
                        let mut add = |c: u32, d: usize| {
                            if c == SKIP || (tri && c < r32) {
                                return;
                            }
                            if boolean {
                                // Unordered, a diagonal pair is quanteda's `weight * 2`.
                                let v = if c == r32 && !ordered { 2.0 } else { 1.0 };
                                sc.add_once(c, v, stamp);
                            } else {
                                sc.add(c, weights[d]);
                            }
                        };
                        if !ordered {
                            for d in 1..=w.min(p) {
                                let c = seq[p - d];
                                if c == STOP {
                                    break;
                                }
                                add(c, d);
                            }
                        }
                        for d in 1..=w {
                            let c = seq[p + d];
                            if c == STOP {
                                break;
                            }
                            add(c, d);
                        }
                    }
                    sc.take_row()
                },
            )
            .collect()
    }
}

/// The ids of the terms `sel` selects from the sorted `terms`, in row order; `cf` gives
/// each term's count over the tokens (asked for only by [`TermSelection::Top`]).
pub(crate) fn choose(
    terms: &[String],
    sel: &TermSelection,
    cf: impl FnOnce() -> Vec<u64>,
) -> Vec<u32> {
    match sel {
        TermSelection::All => (0..terms.len() as u32).collect(),
        TermSelection::List(list) => {
            let mut seen = vec![false; terms.len()];
            let mut v = Vec::new();
            for t in list {
                if let Ok(id) = terms.binary_search_by(|x| x.as_str().cmp(t))
                    && !seen[id]
                {
                    seen[id] = true;
                    v.push(id as u32);
                }
            }
            v
        }
        TermSelection::Top(n) => {
            let cf = cf();
            let mut v: Vec<u32> = (0..terms.len() as u32).collect();
            v.par_sort_unstable_by_key(|&id| (std::cmp::Reverse(cf[id as usize]), id));
            v.truncate(*n);
            v
        }
    }
}

/// For every one of `n` term ids, its row among `chosen` (or [`SKIP`]).
pub(crate) fn rows_of(chosen: &[u32], n: usize) -> Vec<u32> {
    let mut out_of = vec![SKIP; n];
    for (r, &id) in chosen.iter().enumerate() {
        out_of[id as usize] = r as u32;
    }
    out_of
}

pub(crate) fn check(opts: &CooccurrenceOptions) -> Result<()> {
    let bad = |m: &str| Err(Error::InvalidParameter(m.to_string()));
    if opts.window == 0 {
        return bad("window must be at least 1 (tokens at most `window` apart co-occur)");
    }
    if opts.context != Context::Window && opts.count == CoCount::Weighted {
        return bad(
            "count='weighted' needs context='window' (weights are 1/distance in a window); \
             use count='frequency' or 'boolean' for sentence or document contexts",
        );
    }
    if opts.context != Context::Window && opts.ordered {
        return bad("ordered=True needs context='window'; set ordered=False for this context");
    }
    if opts.terms == TermSelection::Top(0) {
        return bad("terms must be a positive number of most frequent terms, or a list");
    }
    Ok(())
}

/// One finished row: its columns (increasing) and values.
pub(crate) type Row = (Vec<u32>, Vec<f64>);

/// A dense accumulator for one row at a time, reset after each row through the touched list.
struct Scratch {
    vals: Vec<f64>,
    /// For the boolean count: the last unit (1-based) each column was counted in.
    seen: Vec<u32>,
    touched: Vec<u32>,
}

impl Scratch {
    fn new(k: usize, boolean: bool) -> Self {
        Scratch {
            vals: vec![0.0; k],
            seen: if boolean { vec![0; k] } else { Vec::new() },
            touched: Vec::new(),
        }
    }

    fn add(&mut self, c: u32, v: f64) {
        let x = &mut self.vals[c as usize];
        if *x == 0.0 {
            self.touched.push(c);
        }
        *x += v;
    }

    /// Add `v` unless column `c` was counted already in context `stamp` (1-based).
    fn add_once(&mut self, c: u32, v: f64, stamp: u32) {
        let s = &mut self.seen[c as usize];
        if *s != stamp {
            *s = stamp;
            self.add(c, v);
        }
    }

    fn take_row(&mut self) -> Row {
        self.touched.sort_unstable();
        let vals = self
            .touched
            .iter()
            .map(|&c| std::mem::take(&mut self.vals[c as usize]))
            .collect();
        for &c in &self.touched {
            if let Some(s) = self.seen.get_mut(c as usize) {
                *s = 0;
            }
        }
        (std::mem::take(&mut self.touched), vals)
    }
}

/// For each of `k` rows, where it occurs in `seq` (counting sort): row `r` is
/// `positions[starts[r]..starts[r + 1]]`, increasing.
fn invert(seq: &[u32], k: usize) -> (Vec<usize>, Vec<u32>) {
    let mut starts = vec![0usize; k + 1];
    for &c in seq {
        if (c as usize) < k {
            starts[c as usize + 1] += 1;
        }
    }
    for r in 0..k {
        starts[r + 1] += starts[r];
    }
    let mut fill = starts.clone();
    let mut positions = vec![0u32; starts[k]];
    for (p, &c) in seq.iter().enumerate() {
        if (c as usize) < k {
            positions[fill[c as usize]] = p as u32;
            fill[c as usize] += 1;
        }
    }
    (starts, positions)
}

/// Rows of a sentence or document context; context `x` is tokens `bounds[x]..bounds[x + 1]`.
fn context_rows(
    ids: &[u32],
    bounds: &[usize],
    out_of: &[u32],
    k: usize,
    opts: &CooccurrenceOptions,
) -> Vec<Row> {
    // Each context as (row, count) pairs sorted by row.
    let contexts: Vec<Vec<(u32, u32)>> = bounds
        .par_windows(2)
        .map(|b| {
            let mut v: Vec<u32> = ids[b[0]..b[1]]
                .iter()
                .map(|&id| out_of[id as usize])
                .filter(|&r| r != SKIP)
                .collect();
            v.sort_unstable();
            let mut out: Vec<(u32, u32)> = Vec::new();
            for r in v {
                match out.last_mut() {
                    Some((last, n)) if *last == r => *n += 1,
                    _ => out.push((r, 1)),
                }
            }
            out
        })
        .collect();
    // For each row, the contexts holding it with its count there.
    let mut starts = vec![0usize; k + 1];
    for ctx in &contexts {
        for &(r, _) in ctx {
            starts[r as usize + 1] += 1;
        }
    }
    for r in 0..k {
        starts[r + 1] += starts[r];
    }
    let mut fill = starts.clone();
    let mut inv = vec![(0u32, 0u32); starts[k]];
    for (x, ctx) in contexts.iter().enumerate() {
        for &(r, n) in ctx {
            inv[fill[r as usize]] = (x as u32, n);
            fill[r as usize] += 1;
        }
    }
    let boolean = opts.count == CoCount::Boolean;
    let tri = opts.tri;
    (0..k)
        .into_par_iter()
        .map_init(
            || Scratch::new(k, false),
            |sc, r| {
                let r32 = r as u32;
                for &(x, na) in &inv[starts[r]..starts[r + 1]] {
                    let ctx = &contexts[x as usize];
                    // With `tri`, only columns from `r` on: the context is sorted by row.
                    let from = if tri {
                        ctx.partition_point(|&(c, _)| c < r32)
                    } else {
                        0
                    };
                    for &(c, nb) in &ctx[from..] {
                        let v = match (c == r32, boolean) {
                            (true, false) => f64::from(na) * (f64::from(na) - 1.0) / 2.0,
                            (true, true) => f64::from(u8::from(na > 1)),
                            (false, false) => f64::from(na) * f64::from(nb),
                            (false, true) => 1.0,
                        };
                        if v != 0.0 {
                            sc.add(c, v);
                        }
                    }
                }
                sc.take_row()
            },
        )
        .collect()
}

pub(crate) fn assemble(terms: Vec<String>, rows: Vec<Row>) -> Cooccurrence {
    let nnz = rows.iter().map(|(c, _)| c.len()).sum();
    let mut m = Cooccurrence {
        terms,
        indptr: Vec::with_capacity(rows.len() + 1),
        indices: Vec::with_capacity(nnz),
        data: Vec::with_capacity(nnz),
    };
    m.indptr.push(0);
    for (cols, vals) in rows {
        m.indices.extend_from_slice(&cols);
        m.data.extend_from_slice(&vals);
        m.indptr.push(m.indices.len());
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Corpus, Unit};

    fn tokens() -> Tokens {
        let texts = [
            "发展经济，发展科技，经济发展。改革开放，开放发展。",
            "科技创新，创新驱动发展。经济 经济 经济。",
            "改革改革改革，深化改革。",
        ];
        Corpus::from_texts(texts).tokens(&Analyzer::default(), Unit::Document)
    }

    /// The definitions of the docstring, cell by cell, over all terms.
    fn naive(t: &Tokens, o: &CooccurrenceOptions) -> Vec<Vec<f64>> {
        let k = t.terms.len();
        let mut x = vec![vec![0.0; k]; k];
        let contexts: Vec<Vec<Vec<u32>>> = (0..t.len())
            .map(|u| {
                t.unit_sentence_range(u)
                    .map(|s| t.ids[t.sentence_range(s)].to_vec())
                    .collect()
            })
            .collect();
        for unit in &contexts {
            let mut seen = std::collections::BTreeSet::new();
            let flat: Vec<u32> = unit.concat();
            let bags: Vec<&[u32]> = match o.context {
                Context::Sentence => unit.iter().map(Vec::as_slice).collect(),
                _ => vec![flat.as_slice()],
            };
            if o.context != Context::Window {
                for bag in bags {
                    let mut n = vec![0.0f64; k];
                    for &a in bag {
                        n[a as usize] += 1.0;
                    }
                    for a in 0..k {
                        for b in 0..k {
                            x[a][b] += match (a == b, o.count == CoCount::Boolean) {
                                (true, false) => n[a] * (n[a] - 1.0) / 2.0,
                                (true, true) => f64::from(u8::from(n[a] > 1.0)),
                                (false, false) => n[a] * n[b],
                                (false, true) => f64::from(u8::from(n[a] > 0.0 && n[b] > 0.0)),
                            };
                        }
                    }
                }
                continue;
            }
            for s in unit {
                for i in 0..s.len() {
                    for j in 0..s.len() {
                        let d = i.abs_diff(j);
                        if d == 0 || d > o.window || (o.ordered && j < i) {
                            continue;
                        }
                        let (a, b) = (s[i] as usize, s[j] as usize);
                        match o.count {
                            CoCount::Boolean => {
                                seen.insert((a, b));
                            }
                            CoCount::Weighted => x[a][b] += 1.0 / d as f64,
                            CoCount::Frequency => x[a][b] += 1.0,
                        }
                    }
                }
            }
            for (a, b) in seen {
                x[a][b] += if a == b && !o.ordered { 2.0 } else { 1.0 };
            }
        }
        x
    }

    fn dense(m: &Cooccurrence) -> Vec<Vec<f64>> {
        (0..m.len())
            .map(|r| (0..m.len()).map(|c| m.get(r, c)).collect())
            .collect()
    }

    fn all_options() -> Vec<CooccurrenceOptions> {
        let mut v = Vec::new();
        for count in [CoCount::Frequency, CoCount::Boolean, CoCount::Weighted] {
            for ordered in [false, true] {
                for window in [1, 2, 5] {
                    v.push(CooccurrenceOptions {
                        window,
                        count,
                        ordered,
                        tri: false,
                        ..Default::default()
                    });
                }
            }
        }
        for context in [Context::Sentence, Context::Document] {
            for count in [CoCount::Frequency, CoCount::Boolean] {
                v.push(CooccurrenceOptions {
                    context,
                    count,
                    tri: false,
                    ..Default::default()
                });
            }
        }
        v
    }

    #[test]
    fn every_context_and_count_follows_the_definitions() {
        let t = tokens();
        for o in all_options() {
            let m = t.cooccurrence(&o).unwrap();
            assert_eq!(m.terms, t.terms);
            let want = naive(&t, &o);
            for (r, row) in dense(&m).iter().enumerate() {
                for (c, &v) in row.iter().enumerate() {
                    assert!((v - want[r][c]).abs() < 1e-12, "{o:?} {r} {c}");
                }
            }
            let tri = t.cooccurrence(&CooccurrenceOptions {
                tri: true,
                ..o.clone()
            });
            for (r, row) in dense(&tri.unwrap()).iter().enumerate() {
                for (c, &v) in row.iter().enumerate() {
                    let keep = c >= r || o.ordered;
                    assert_eq!(v, if keep { want[r][c] } else { 0.0 }, "tri {o:?}");
                }
            }
        }
    }

    #[test]
    fn selected_terms_are_rows_and_columns_of_the_full_matrix() {
        let t = tokens();
        let full = t.cooccurrence(&CooccurrenceOptions {
            tri: false,
            ..Default::default()
        });
        let full = full.unwrap();
        let o = CooccurrenceOptions {
            terms: TermSelection::Top(3),
            tri: false,
            ..Default::default()
        };
        let m = t.cooccurrence(&o).unwrap();
        let mut by_count: Vec<(std::cmp::Reverse<usize>, &str)> = t
            .terms
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let n = t.ids.iter().filter(|&&id| id as usize == k).count();
                (std::cmp::Reverse(n), s.as_str())
            })
            .collect();
        by_count.sort();
        let top: Vec<&str> = by_count[..3].iter().map(|p| p.1).collect();
        assert_eq!(m.terms, top);
        let at = |s: &str| full.terms.iter().position(|x| x == s).unwrap();
        for (r, a) in m.terms.iter().enumerate() {
            for (c, b) in m.terms.iter().enumerate() {
                assert_eq!(m.get(r, c), full.get(at(a), at(b)));
            }
        }
        let list = TermSelection::List(vec!["科技".into(), "无".into(), "科技".into()]);
        let m = t.cooccurrence(&CooccurrenceOptions {
            terms: list,
            ..Default::default()
        });
        assert_eq!(m.unwrap().terms, ["科技"]);
    }

    #[test]
    fn same_for_any_number_of_threads() {
        let t = tokens();
        let run = |n: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap();
            pool.install(|| {
                all_options()
                    .iter()
                    .map(|o| t.cooccurrence(o).unwrap())
                    .collect::<Vec<_>>()
            })
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert_eq!(one, run(8));
    }

    #[test]
    fn a_huge_window_is_the_whole_sentence() {
        // Found by tests/test_property.py: window=2**40 sized a table of 2**40 weights.
        let t = tokens();
        for count in [CoCount::Frequency, CoCount::Weighted, CoCount::Boolean] {
            let o = |window| CooccurrenceOptions {
                window,
                count,
                ..Default::default()
            };
            assert_eq!(
                t.cooccurrence(&o(1 << 40)).unwrap(),
                t.cooccurrence(&o(1000)).unwrap()
            );
        }
    }

    #[test]
    fn bad_options_are_invalid_parameters() {
        let t = tokens();
        let bad = [
            CooccurrenceOptions {
                window: 0,
                ..Default::default()
            },
            CooccurrenceOptions {
                context: Context::Sentence,
                count: CoCount::Weighted,
                ..Default::default()
            },
            CooccurrenceOptions {
                context: Context::Document,
                ordered: true,
                ..Default::default()
            },
            CooccurrenceOptions {
                terms: TermSelection::Top(0),
                ..Default::default()
            },
        ];
        for o in bad {
            assert!(
                matches!(t.cooccurrence(&o), Err(Error::InvalidParameter(_))),
                "{o:?}"
            );
        }
    }
}
