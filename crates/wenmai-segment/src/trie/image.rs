//! The default dictionary's trie as the build script left it: arrays read in place.

use super::build::{ARRAYS, Cell, HEADER, MAGIC};
use super::{WordTrie, chars_of};

/// 16-byte alignment for the bytes included below, so the arrays can be read in place.
#[repr(C, align(16))]
struct Aligned<B: ?Sized>(B);

static IMAGE: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/trie.bin")));

/// The trie of the image, `None` if the image is empty (the build script makes none for a
/// target whose byte order differs from the build machine's) or does not fit this layout.
pub(super) fn load() -> Option<WordTrie> {
    let bytes: &'static [u8] = &IMAGE.0;
    let word = |i: usize| -> Option<u64> {
        Some(u64::from_ne_bytes(
            bytes.get(i * 8..i * 8 + 8)?.try_into().ok()?,
        ))
    };
    if bytes.len() < HEADER || word(0)? != MAGIC {
        return None;
    }
    let log_total = f64::from_bits(word(1)?);
    let mut arrays: [&'static [u8]; ARRAYS] = [&[]; ARRAYS];
    for (k, a) in arrays.iter_mut().enumerate() {
        let (at, len) = (word(2 + 2 * k)? as usize, word(3 + 2 * k)? as usize);
        *a = bytes.get(at..at.checked_add(len)?)?;
    }
    let [
        cells,
        log_probs,
        codes,
        chars,
        node_of_word,
        rank,
        ranked_text,
        ranked_ends,
        tags,
        tag_text,
    ] = arrays;
    let u32s = |b: &'static [u8]| bytemuck::try_cast_slice::<u8, u32>(b).ok();
    Some(WordTrie {
        cells: bytemuck::try_cast_slice::<u8, Cell>(cells).ok()?,
        log_probs: bytemuck::try_cast_slice::<u8, f64>(log_probs).ok()?,
        codes: u32s(codes)?,
        chars: chars_of(u32s(chars)?),
        log_total,
        node_of_word: u32s(node_of_word)?,
        rank: u32s(rank)?,
        ranked_text: std::str::from_utf8(ranked_text).ok()?,
        ranked_ends: u32s(ranked_ends)?,
        tags,
        tag_names: std::str::from_utf8(tag_text).ok()?.split('\n').collect(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn image_is_the_trie_built_from_dict_txt() {
        let image = super::load().expect("the build script's image");
        let built = super::WordTrie::from_dict(&super::super::DICT_TXT);
        assert_eq!(image.cells.len(), built.cells.len());
        assert!(image.cells.iter().zip(built.cells).all(|(a, b)| {
            (a.base, a.check, a.word, a.prob) == (b.base, b.check, b.word, b.prob)
        }));
        assert_eq!(image.log_probs, built.log_probs);
        assert_eq!(image.log_total, built.log_total);
        assert_eq!(image.codes, built.codes);
        assert_eq!(image.chars, built.chars);
        assert_eq!(image.node_of_word, built.node_of_word);
        assert_eq!(image.rank, built.rank);
        assert_eq!(image.ranked_text, built.ranked_text);
        assert_eq!(image.ranked_ends, built.ranked_ends);
        assert_eq!(image.tags, built.tags);
        assert_eq!(image.tag_names, built.tag_names);
    }
}
