//! The files under a directory that a `pathlib` glob pattern selects (what Python's
//! `wenmai.Corpus.from_dir` reads): the same files, order and ids as
//! `sorted((p for p in root.glob(pattern) if p.is_file()), key=lambda p: p.parts)`.
//!
//! The walk follows pathlib's selectors (CPython 3.10, 3.11) one pattern component at a time:
//! `**` is the directory and every directory below it, not entering symlinked directories; a
//! wildcard component is matched (with `globset`) against each entry of the directory, and
//! enters symlinked directories when more components follow; a plain component is looked up.
//! `*` matches names starting with `.`, and matching is case-sensitive.
//!
//! Whatever this cannot reproduce exactly gives `None`, and the caller lists with pathlib:
//! patterns pathlib rejects or reads differently from `globset` (`{a,b}`, `\`, `[!x]`; `?` and
//! `[报告]`, which `globset` matches against one byte; `..`, absolute, a trailing `/` or `**`,
//! two `**`), names that are not UTF-8, and any I/O error other than a missing entry (pathlib
//! skips some silently and raises others).

use std::fs::{self, DirEntry, FileType};
use std::io;
use std::path::Path;

use globset::{GlobBuilder, GlobMatcher};
use walkdir::WalkDir;

/// Why the walk cannot give pathlib's answer (the caller then asks pathlib).
#[derive(Debug)]
struct Unsupported;

/// One component of a pattern, as pathlib's selectors read it.
#[derive(Debug)]
enum Component {
    /// `**`: the directory itself and every directory below it, not through symlinks.
    Recursive,
    /// A name with `*`, `?` or `[...]`, matched against every entry of the directory.
    Wildcard(GlobMatcher),
    /// A plain name, looked up directly.
    Name(String),
}

/// A glob pattern that the walk reproduces exactly.
#[derive(Debug)]
struct FileGlob {
    components: Vec<Component>,
}

/// Whether a wildcard component means the same to `globset` as to `fnmatch`: `*` and classes
/// of plain ASCII characters and ascending ranges (`[tT]`, `[0-9]`). Not `?` nor a class with
/// a character outside ASCII: `globset` matches them against one byte, not one character.
/// No braces, escapes, negated classes, or brackets outside a class.
fn fnmatch_compatible(component: &str) -> bool {
    const SPECIAL: &[char] = &[
        '[', ']', '\\', '!', '^', '&', '~', '|', '-', '*', '?', '{', '}',
    ];
    let plain = |c: char| c.is_ascii() && !SPECIAL.contains(&c);
    let mut chars = component.chars();
    while let Some(c) = chars.next() {
        match c {
            '?' | '{' | '}' | '\\' | ']' => return false,
            '[' => {
                let mut body = Vec::new();
                loop {
                    match chars.next() {
                        None => return false,
                        Some(']') => break,
                        Some(c) => body.push(c),
                    }
                }
                if body.is_empty() {
                    return false;
                }
                let mut i = 0;
                while i < body.len() {
                    if !plain(body[i]) {
                        return false;
                    }
                    if body.get(i + 1) == Some(&'-') {
                        match body.get(i + 2) {
                            Some(&hi) if plain(hi) && body[i] <= hi => i += 3,
                            _ => return false,
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            _ => {}
        }
    }
    true
}

impl FileGlob {
    /// The pattern's components, or `None` where pathlib would read it otherwise (or fail).
    fn new(pattern: &str) -> Option<FileGlob> {
        if pattern.is_empty() || pattern.starts_with('/') || pattern.ends_with('/') {
            return None;
        }
        // pathlib drops empty and `.` components.
        let parts: Vec<&str> = pattern
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        let recursive = parts.iter().filter(|p| **p == "**").count();
        if parts.is_empty() || recursive > 1 || parts.last() == Some(&"**") {
            return None;
        }
        let components = parts
            .into_iter()
            .map(|part| {
                if part == "**" {
                    Some(Component::Recursive)
                } else if part == ".." || part.contains("**") {
                    None
                } else if part.contains(['*', '?', '[']) {
                    if !fnmatch_compatible(part) {
                        return None;
                    }
                    let glob = GlobBuilder::new(part)
                        .literal_separator(true)
                        .backslash_escape(false)
                        .build()
                        .ok()?;
                    Some(Component::Wildcard(glob.compile_matcher()))
                } else {
                    Some(Component::Name(part.to_string()))
                }
            })
            .collect::<Option<Vec<_>>>()?;
        Some(FileGlob { components })
    }

    /// The files under `root` (a directory) that the pattern selects, as paths relative to
    /// `root` with `/` between components, sorted component by component.
    fn files(&self, root: &Path) -> Result<Vec<String>, Unsupported> {
        let mut out = Vec::new();
        self.select(0, root, "", &mut out)?;
        // By components: as bytes with `/` lower than any other byte (names hold no NUL), so
        // that the sort compares plain byte strings instead of splitting at every comparison.
        out.sort_by_cached_key(|r| slash_lowest(r));
        out.dedup();
        Ok(out)
    }

    /// Apply components `k..` inside the directory `dir` (`rel` relative to the root).
    fn select(
        &self,
        k: usize,
        dir: &Path,
        rel: &str,
        out: &mut Vec<String>,
    ) -> Result<(), Unsupported> {
        let last = k + 1 == self.components.len();
        match &self.components[k] {
            Component::Name(name) => {
                let path = dir.join(name);
                let rel = child(rel, name);
                if last {
                    if followed(&path, |t| t.is_file())? {
                        out.push(rel);
                    }
                } else if followed(&path, |t| t.is_dir())? {
                    self.select(k + 1, &path, &rel, out)?;
                }
            }
            Component::Wildcard(glob) => {
                for entry in fs::read_dir(dir).map_err(|_| Unsupported)? {
                    let entry = entry.map_err(|_| Unsupported)?;
                    // pathlib tests for a directory before matching the name.
                    if !last && !entry_is(&entry, |t| t.is_dir())? {
                        continue;
                    }
                    let name = entry.file_name();
                    let name = name.to_str().ok_or(Unsupported)?;
                    if !glob.is_match(name) {
                        continue;
                    }
                    let rel = child(rel, name);
                    if last {
                        if entry_is(&entry, |t| t.is_file())? {
                            out.push(rel);
                        }
                    } else {
                        self.select(k + 1, &entry.path(), &rel, out)?;
                    }
                }
            }
            Component::Recursive => self.recurse(k, dir, rel, out)?,
        }
        Ok(())
    }

    /// `**` at component `k` (never the last): components `k + 1..` in `dir` and in every
    /// directory below it, not through symlinked directories (as pathlib).
    fn recurse(
        &self,
        k: usize,
        dir: &Path,
        rel: &str,
        out: &mut Vec<String>,
    ) -> Result<(), Unsupported> {
        let next_is_last = k + 2 == self.components.len();
        let rel_of = |entry: &walkdir::DirEntry| -> Result<String, Unsupported> {
            let sub = entry.path().strip_prefix(dir).map_err(|_| Unsupported)?;
            let sub = sub.to_str().ok_or(Unsupported)?;
            Ok(match (rel.is_empty(), sub.is_empty()) {
                (_, true) => rel.to_string(),
                (true, false) => sub.to_string(),
                (false, false) => format!("{rel}/{sub}"),
            })
        };
        for entry in WalkDir::new(dir).follow_links(false) {
            let entry = entry.map_err(|_| Unsupported)?;
            // Every name is checked: one that is not UTF-8 could match in pathlib.
            let name = entry.file_name().to_str().ok_or(Unsupported)?;
            let matched = match (&self.components[k + 1], next_is_last) {
                // The common `**/*.txt`: the walk's own entries are the candidates (every
                // entry below `dir` is in a directory that `**` selects).
                (Component::Wildcard(glob), true) => glob.is_match(name),
                (Component::Name(n), true) => name == n,
                _ => {
                    if entry.depth() == 0 || entry.file_type().is_dir() {
                        self.select(k + 1, entry.path(), &rel_of(&entry)?, out)?;
                    }
                    continue;
                }
            };
            if matched && entry.depth() > 0 && walked_is_file(entry.path(), entry.file_type())? {
                out.push(rel_of(&entry)?);
            }
        }
        Ok(())
    }
}

/// `rel/name`, or `name` at the root.
fn child(rel: &str, name: &str) -> String {
    if rel.is_empty() {
        name.to_string()
    } else {
        format!("{rel}/{name}")
    }
}

/// pathlib's order: by `parts`, component by component (code points, as UTF-8 bytes).
#[cfg(test)]
fn by_components(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// A sort key for [`by_components`] order: the bytes with `/` as 0 (a shorter component, a
/// prefix of the other, then sorts first, as with `split('/')`).
fn slash_lowest(rel: &str) -> Vec<u8> {
    rel.bytes().map(|b| if b == b'/' { 0 } else { b }).collect()
}

/// Whether `path`, following symlinks, has a type that passes `test`; a missing entry (or a
/// broken link) does not, any other error is left to pathlib.
fn followed(path: &Path, test: impl Fn(&FileType) -> bool) -> Result<bool, Unsupported> {
    match fs::metadata(path) {
        Ok(m) => Ok(test(&m.file_type())),
        Err(e) if missing(&e) => Ok(false),
        Err(_) => Err(Unsupported),
    }
}

/// As [`followed`] for a directory entry, without a `stat` unless it is a symlink.
fn entry_is(entry: &DirEntry, test: impl Fn(&FileType) -> bool) -> Result<bool, Unsupported> {
    let t = entry.file_type().map_err(|_| Unsupported)?;
    if t.is_symlink() {
        followed(&entry.path(), test)
    } else {
        Ok(test(&t))
    }
}

/// `is_file()` of an entry of the walk (whose type is the link's own).
fn walked_is_file(path: &Path, t: FileType) -> Result<bool, Unsupported> {
    if t.is_symlink() {
        followed(path, |t| t.is_file())
    } else {
        Ok(t.is_file())
    }
}

fn missing(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

/// A document id: the path relative to the root without its extension (as
/// `wenmai.corpus._id_of`: a name's last `.` starts the extension unless it is first or last).
fn id_of(rel: &str) -> String {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 && dot + 1 < name.len() => &name[..dot],
        _ => name,
    };
    if dir.is_empty() {
        stem.to_string()
    } else {
        format!("{dir}/{stem}")
    }
}

/// The files of a [`glob_files`] listing, in pathlib's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileList {
    /// Each file as `root` joined with its relative path, as pathlib joins them.
    pub paths: Vec<String>,
    /// Each file's id: its path relative to `root`, without its extension.
    pub ids: Vec<String>,
}

/// The files that `pathlib.Path(root).glob(pattern)` gives and that are files, sorted by their
/// parts. `root` must be a normalized path string (`os.fspath(Path(...))`). `None` when the
/// listing cannot be guaranteed to be pathlib's (see the module doc): the caller then lists
/// with pathlib.
///
/// # Examples
/// ```
/// let root = std::env::temp_dir().join(format!("wenmai-glob-doctest-{}", std::process::id()));
/// std::fs::create_dir_all(root.join("sub")).unwrap();
/// for f in ["b.txt", "sub/a.txt", "c.md"] {
///     std::fs::write(root.join(f), "正文。").unwrap();
/// }
/// let root_str = root.to_str().unwrap();
/// let list = wenmai_parse::glob_files(root_str, "**/*.txt").unwrap();
/// assert_eq!(list.ids, ["b", "sub/a"]);
/// assert_eq!(list.paths[1], format!("{root_str}/sub/a.txt"));
/// assert!(wenmai_parse::glob_files(root_str, "?.txt").is_none()); // `?` is left to pathlib
/// std::fs::remove_dir_all(&root).unwrap();
/// ```
pub fn glob_files(root: &str, pattern: &str) -> Option<FileList> {
    let rels = FileGlob::new(pattern)?.files(Path::new(root)).ok()?;
    let prefix = match root {
        "." => String::new(),
        r if r.ends_with('/') => r.to_string(),
        r => format!("{r}/"),
    };
    let ids = rels.iter().map(|r| id_of(r)).collect();
    let paths = rels.into_iter().map(|r| format!("{prefix}{r}")).collect();
    Some(FileList { paths, ids })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_left_to_pathlib() {
        for p in [
            "",
            "/a/*.txt",
            "*.txt/",
            "**",
            "a/**",
            "**/**/*.txt",
            "../*.txt",
            "a**",
            "*.{txt,md}",
            "[!a]*.txt",
            "[^a]*.txt",
            "\\*.txt",
            "[a",
            "a]*",
            "[]a]*",
            "[z-a]*",
            "[a-]*",
            "[&&]*",
            ".",
        ] {
            assert!(FileGlob::new(p).is_none(), "{p:?}");
        }
        for p in [
            "**/*.txt",
            "*.txt",
            "sub/*.txt",
            "**/*",
            "**/报告*.txt",
            "*.[tT][xX][tT]",
            "./*.txt",
            "a//b/*.txt",
            "[0-9]*.txt",
            "{a,b}.txt",
            "{a,b}/*.txt",
        ] {
            assert!(FileGlob::new(p).is_some(), "{p:?}");
        }
    }

    #[test]
    fn ids_drop_the_extension_as_python() {
        assert_eq!(id_of("a/b.txt"), "a/b");
        assert_eq!(id_of(".hidden"), ".hidden");
        assert_eq!(id_of("a/b."), "a/b.");
        assert_eq!(id_of("x.tar.gz"), "x.tar");
        assert_eq!(id_of("报告.txt"), "报告");
    }

    #[test]
    fn order_is_by_components() {
        let mut v = vec!["a.b", "a/b", "a-c", "a"];
        v.sort_by(|a, b| by_components(a, b));
        assert_eq!(v, ["a", "a/b", "a-c", "a.b"]);
        // The sort key gives the same order, on every pair of a mixed list.
        let names = [
            "a", "a/b", "a-c", "a.b", "a/b/c", "a/b-c", "a/b.c", "a b/c", "报告/1", "报告1",
            "报/告", "ab", "a/", "b", "a/a/a", "a!/b", "a/!b", "é/x", "e/x",
        ];
        for x in names {
            for y in names {
                assert_eq!(
                    slash_lowest(x).cmp(&slash_lowest(y)),
                    by_components(x, y),
                    "{x:?} {y:?}"
                );
            }
        }
    }
}
