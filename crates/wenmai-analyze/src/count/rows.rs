//! Counters of the term ids of one row: a hash map for sparse rows, a dense array reused
//! row after row for an interner's ids.

use rustc_hash::FxHashMap;

/// Counts of the term ids of one row.
#[derive(Debug, Default)]
pub(crate) struct RowCounter {
    counts: FxHashMap<u32, u32>,
}

impl RowCounter {
    #[inline]
    pub(crate) fn add(&mut self, id: u32) {
        *self.counts.entry(id).or_insert(0) += 1;
    }

    pub(crate) fn finish(self) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> = self.counts.into_iter().collect();
        v.sort_unstable();
        v
    }
}

/// Counts of dense term ids (an interner's), reused row after row: one array increment per
/// token, no hashing.
#[derive(Debug, Default)]
pub(crate) struct DenseCounter {
    counts: Vec<u32>,
    pub(crate) touched: Vec<u32>,
}

impl DenseCounter {
    #[inline]
    pub(crate) fn add(&mut self, id: u32) {
        self.add_n(id, 1);
    }

    /// Add `n` (> 0) occurrences of `id`.
    #[inline]
    pub(crate) fn add_n(&mut self, id: u32, n: u32) {
        let i = id as usize;
        if i >= self.counts.len() {
            self.counts.resize((i + 1).max(self.counts.len() * 2), 0);
        }
        if self.counts[i] == 0 {
            self.touched.push(id);
        }
        self.counts[i] += n;
    }

    /// The row's (id, count) pairs in the order the ids were first added (unsorted:
    /// [`RawCounts::concat`] sorts every row by its final term id); the counter is empty again
    /// afterwards.
    pub(crate) fn take_row(&mut self) -> Vec<(u32, u32)> {
        let mut row = Vec::with_capacity(self.touched.len());
        self.drain_into(&mut row);
        row
    }

    /// [`DenseCounter::take_row`] appended to `row`.
    pub(crate) fn drain_into(&mut self, row: &mut Vec<(u32, u32)>) {
        row.extend(
            self.touched
                .iter()
                .map(|&id| (id, std::mem::take(&mut self.counts[id as usize]))),
        );
        self.touched.clear();
    }
}
