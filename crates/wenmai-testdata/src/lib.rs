//! The documents the integration tests of the wenmai crates read: the real corpus
//! (`$WENMAI_CORPUS`, default
//! `../shared/corpus` next to the repository), and the sample of it in `tests/data` (the same
//! relative paths; see its README).
//!
//! Without the corpus, a test that needs all of it prints why on standard error and returns
//! early (Rust has no runtime skip): `let Some(x) = wenmai_testdata::gov_reports() else { return };`.
//! Tests that only need real documents run on the sample (`reports_or_sample`). Under
//! `CI=true` a missing corpus panics instead, so CI cannot pass without it.

use std::path::{Path, PathBuf};

pub const HOW: &str = "needs the wenmai corpus: put it at ../shared/corpus or set WENMAI_CORPUS";

fn corpus_path() -> PathBuf {
    std::env::var_os("WENMAI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"))
}

/// The sample of the corpus shipped in the repository (`tests/data`).
pub fn sample_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data")
}

fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes"))
        .unwrap_or(false)
}

/// Why the corpus is not used; panics under CI.
fn missing(dir: &Path) -> String {
    let msg = format!("{HOW} (nothing at {})", dir.display());
    assert!(!in_ci(), "CI=true and the corpus is missing: {msg}");
    msg
}

/// The corpus, or None (after printing why the test is skipped) when it is missing.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = corpus_path();
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {}", missing(&dir));
        None
    }
}

/// Whether the corpus is there; prints the reason for skipping when it is not.
pub fn has_corpus() -> bool {
    corpus_dir().is_some()
}

/// Whether the corpus is there, without printing (panics under CI when it is not).
pub fn present() -> bool {
    let dir = corpus_path();
    dir.is_dir() || {
        missing(&dir);
        false
    }
}

/// A file of the corpus, or None when the corpus is missing.
pub fn read(rel: &str) -> Option<String> {
    let dir = corpus_path();
    if !dir.is_dir() {
        return None;
    }
    let p = dir.join(rel);
    Some(std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display())))
}

fn reports_in(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            )
        })
        .collect()
}

/// The 56 government work reports (file name, text), or None when the corpus is missing.
pub fn gov_reports() -> Option<Vec<(String, String)>> {
    let reports = reports_in(&corpus_dir()?.join("gov_reports"));
    assert_eq!(reports.len(), 56, "expected the 56 government work reports");
    Some(reports)
}

/// The 56 government work reports, or without the corpus the sample's four (`tests/data`).
pub fn reports_or_sample() -> Vec<(String, String)> {
    let dir = corpus_path();
    if dir.is_dir() {
        let reports = reports_in(&dir.join("gov_reports"));
        assert_eq!(reports.len(), 56, "expected the 56 government work reports");
        return reports;
    }
    eprintln!(
        "{}: using the sample's reports in tests/data",
        missing(&dir)
    );
    let reports = reports_in(&sample_dir().join("gov_reports"));
    assert!(!reports.is_empty(), "no reports in tests/data");
    reports
}
