//! Idf tables: jieba 0.42.1's `idf.txt` (shipped in `data/idf.txt`), or one learnt from a
//! corpus, read and written in jieba's format.

use std::io::{BufRead, Write};
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdfTable {
    idf: FxHashMap<String, f64>,
    /// Words in the order they were read, for saving.
    order: Vec<String>,
    median: f64,
}

static JIEBA_IDF: LazyLock<IdfTable> = LazyLock::new(|| {
    let mut pairs: Vec<(String, f64)> = Vec::with_capacity(270_132);
    for line in JIEBA_IDF_TXT.lines() {
        if let Some((w, v)) = line.split_once(' ')
            && let Ok(v) = v.trim().parse::<f64>()
        {
            pairs.push((w.to_owned(), v));
        }
    }
    // Saved in word order, so that a saved table is the same file whatever was read first.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    IdfTable::from_pairs(pairs)
});

impl IdfTable {
    /// jieba 0.42.1's default idf table (`jieba/analyse/idf.txt`, 270,131 words), loaded once.
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

    /// A table of `(word, idf)` pairs (a later pair for the same word wins, as in jieba).
    pub fn from_pairs<I: IntoIterator<Item = (String, f64)>>(pairs: I) -> Self {
        let mut idf = FxHashMap::default();
        let mut order = Vec::new();
        for (w, v) in pairs {
            if idf.insert(w.clone(), v).is_none() {
                order.push(w);
            }
        }
        let mut values: Vec<f64> = idf.values().copied().collect();
        values.sort_by(f64::total_cmp);
        let median = values.get(values.len() / 2).copied().unwrap_or(0.0);
        IdfTable { idf, order, median }
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
        for w in &self.order {
            // `{:?}` prints the shortest string that reads back to the same f64.
            writeln!(writer, "{w} {:?}", self.idf[w])?;
        }
        Ok(())
    }

    /// The `(word, idf)` pairs in the order they were read.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.order.iter().map(|w| (w.as_str(), self.idf[w]))
    }

    /// The same table with another median (jieba's `median_idf`, which a script may set).
    pub fn with_median(mut self, median: f64) -> Self {
        self.median = median;
        self
    }

    /// The idf of `word`, the median for unknown words.
    #[inline]
    pub fn get(&self, word: &str) -> f64 {
        self.idf.get(word).copied().unwrap_or(self.median)
    }

    /// The idf of `word` if it is in the table.
    pub fn lookup(&self, word: &str) -> Option<f64> {
        self.idf.get(word).copied()
    }

    /// The median idf (`sorted(values)[len // 2]`).
    pub fn median(&self) -> f64 {
        self.median
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.idf.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }
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
    }

    #[test]
    fn bad_idf_line_is_an_error() {
        assert!(matches!(
            IdfTable::load("经济\n".as_bytes()),
            Err(Error::IdfTable { line: 1, .. })
        ));
    }
}
