//! Builds the default dictionary's trie once, at build time, so that a process reads it in
//! place instead of building it from `dict.txt` on its first cut.

#[path = "src/trie/build.rs"]
#[allow(dead_code)]
mod trie_build;

fn main() {
    println!("cargo::rerun-if-changed=data/dict.txt");
    println!("cargo::rerun-if-changed=src/trie/build.rs");
    let out =
        std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("trie.bin");
    // The image is in this machine's byte order: an empty one makes the library build the trie.
    let host_little = cfg!(target_endian = "little");
    let target_little = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("little");
    let image = if host_little == target_little {
        let text = std::fs::read_to_string("data/dict.txt").expect("data/dict.txt");
        trie_build::from_dict(&text).to_bytes()
    } else {
        Vec::new()
    };
    std::fs::write(&out, image).expect("writing the trie image");
}
