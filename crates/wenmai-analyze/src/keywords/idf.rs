//! Idf tables: jieba 0.42.1's `idf.txt` (shipped in `data/idf.txt`), or one learnt from a
//! corpus, read and written in jieba's format.

use std::io::{BufRead, Write};
use std::sync::{Arc, LazyLock};

use crate::error::{Error, Result};

include_flate::flate!(static JIEBA_IDF_TXT: str from "data/idf.txt" with zstd);

/// An idf table: word -> idf, with the median for unknown words.
///
/// # Examples
/// ```
/// use wenmai_analyze::IdfTable;
/// let t = IdfTable::load("经济 2.0\n发展 4.0\n科技 3.0\n".as_bytes()).unwrap();
/// assert_eq!(t.get("经济"), 2.0);
/// assert_eq!(t.median(), 3.0);
/// assert_eq!(t.get("未知"), 3.0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct IdfTable {
    /// The words back to back in the order they were first read (the order they save in), and
    /// where each ends: one string, not one allocation per word.
    text: String,
    ends: Vec<u32>,
    idf: Vec<f64>,
    /// The index of each word, hashed by its text.
    index: hashbrown::HashTable<u32>,
    median: f64,
}

impl PartialEq for IdfTable {
    fn eq(&self, other: &Self) -> bool {
        (&self.text, &self.ends, &self.idf, self.median)
            == (&other.text, &other.ends, &other.idf, other.median)
    }
}

static JIEBA_IDF: LazyLock<Arc<IdfTable>> = LazyLock::new(|| {
    // The shipped file is in word order (see data/README.md), the order a table saves in.
    Arc::new(IdfTable::from_pairs(JIEBA_IDF_TXT.lines().filter_map(
        |line| {
            let (w, v) = line.split_once(' ')?;
            Some((w, v.trim().parse::<f64>().ok()?))
        },
    )))
});

impl IdfTable {
    /// jieba 0.42.1's default idf table (`jieba/analyse/idf.txt`, 270,132 words), loaded once.
    ///
    /// # Examples
    /// ```
    /// let t = wenmai_analyze::IdfTable::jieba();
    /// assert!(t.len() > 200_000);
    /// assert!(t.get("经济") > 0.0);
    /// ```
    pub fn jieba() -> &'static IdfTable {
        &JIEBA_IDF
    }

    /// [`IdfTable::jieba`] as the one shared `Arc` every default extractor holds.
    pub fn jieba_shared() -> Arc<IdfTable> {
        Arc::clone(&JIEBA_IDF)
    }

    /// A table of `(word, idf)` pairs (a later pair for the same word wins, as in jieba).
    pub fn from_pairs<S: AsRef<str>, I: IntoIterator<Item = (S, f64)>>(pairs: I) -> Self {
        let mut t = IdfTable::default();
        for (w, v) in pairs {
            t.insert(w.as_ref(), v);
        }
        let mut values = t.idf.clone();
        values.sort_by(f64::total_cmp);
        t.median = values.get(values.len() / 2).copied().unwrap_or(0.0);
        t
    }

    fn insert(&mut self, word: &str, v: f64) {
        let hash = hash_of(word);
        let Self {
            text, ends, index, ..
        } = self;
        let at = |i: u32| word_at(text, ends, i);
        match index.find(hash, |&i| at(i) == word) {
            Some(&i) => self.idf[i as usize] = v,
            None => {
                let i = self.ends.len() as u32;
                self.text.push_str(word);
                self.ends.push(self.text.len() as u32);
                self.idf.push(v);
                let (text, ends) = (&self.text, &self.ends);
                self.index
                    .insert_unique(hash, i, |&j| hash_of(word_at(text, ends, j)));
            }
        }
    }

    /// The index of `word`, if it is in the table.
    #[inline]
    fn find(&self, word: &str) -> Option<usize> {
        self.index
            .find(hash_of(word), |&i| {
                word_at(&self.text, &self.ends, i) == word
            })
            .map(|&i| i as usize)
    }

    /// Load a table in jieba's `idf.txt` format (`word idf` per line, one space), as jieba's
    /// `set_idf_path` reads it.
    ///
    /// # Errors
    /// [`Error::IdfTable`] naming the line when it is not `word idf`; [`Error::Io`].
    pub fn load<R: BufRead>(reader: R) -> Result<Self> {
        let mut pairs = Vec::new();
        for (i, line) in reader.lines().enumerate() {
            let line = line?;
            let line = line.trim_start_matches('\u{feff}').trim();
            let mut parts = line.split(' ');
            let (Some(w), Some(v), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(Error::IdfTable {
                    line: i + 1,
                    message: format!("expected `word idf`, got `{line}`"),
                });
            };
            let v: f64 = v.parse().map_err(|e| Error::IdfTable {
                line: i + 1,
                message: format!("idf `{v}`: {e}"),
            })?;
            pairs.push((w.to_owned(), v));
        }
        Ok(IdfTable::from_pairs(pairs))
    }

    /// Save in jieba's `idf.txt` format (readable by `jieba.analyse.set_idf_path`).
    ///
    /// # Examples
    /// ```
    /// let t = wenmai_analyze::IdfTable::from_pairs([("经济".to_string(), 1.5)]);
    /// let mut out = Vec::new();
    /// t.save(&mut out).unwrap();
    /// assert_eq!(String::from_utf8(out).unwrap(), "经济 1.5\n");
    /// ```
    pub fn save<W: Write>(&self, mut writer: W) -> Result<()> {
        for (w, v) in self.iter() {
            // `{:?}` prints the shortest string that reads back to the same f64.
            writeln!(writer, "{w} {v:?}")?;
        }
        Ok(())
    }

    /// The `(word, idf)` pairs in the order they were read.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        (0..self.ends.len() as u32)
            .map(|i| (word_at(&self.text, &self.ends, i), self.idf[i as usize]))
    }

    /// The same table with another median (jieba's `median_idf`, which a script may set).
    pub fn with_median(mut self, median: f64) -> Self {
        self.median = median;
        self
    }

    /// The idf of `word`, the median for unknown words.
    #[inline]
    pub fn get(&self, word: &str) -> f64 {
        self.lookup(word).unwrap_or(self.median)
    }

    /// The idf of `word` if it is in the table.
    pub fn lookup(&self, word: &str) -> Option<f64> {
        self.find(word).map(|i| self.idf[i])
    }

    /// The median idf (`sorted(values)[len // 2]`).
    pub fn median(&self) -> f64 {
        self.median
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Word `i` of the words back to back in `text`, ending at `ends`.
#[inline]
fn word_at<'t>(text: &'t str, ends: &[u32], i: u32) -> &'t str {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

#[inline]
fn hash_of(word: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jieba_table_loaded() {
        let t = IdfTable::jieba();
        // jieba 0.42.1: len(idf_freq) == 270132, median_idf == 11.9547675029
        assert_eq!(t.len(), 270_132);
        assert_eq!(t.median(), 11.9547675029);
        assert_eq!(t.get("劳动防护"), 13.900677652);
        let words: Vec<&str> = t.iter().map(|(w, _)| w).collect();
        assert!(words.is_sorted(), "saved in word order");
    }

    #[test]
    fn later_pair_wins_in_the_first_place() {
        let t = IdfTable::from_pairs([("甲", 1.0), ("乙", 2.0), ("甲", 3.0)]);
        assert_eq!(t.iter().collect::<Vec<_>>(), [("甲", 3.0), ("乙", 2.0)]);
        assert_eq!((t.len(), t.get("甲"), t.lookup("丙")), (2, 3.0, None));
    }

    #[test]
    fn bad_idf_line_is_an_error() {
        assert!(matches!(
            IdfTable::load("经济\n".as_bytes()),
            Err(Error::IdfTable { line: 1, .. })
        ));
    }
}
