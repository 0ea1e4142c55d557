//! `Corpus.four_char`, `Corpus.enumerations`, `Corpus.style` and `wenmai.style`: the
//! documents handed to `wenmai_rhetoric`, the tables handed back as columns.

use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wenmai_rhetoric::enumeration::{Enumerations, Runs, enumerations_all};
use wenmai_rhetoric::fourchar::{four_char, idioms};
use wenmai_rhetoric::style::{Style, directive_words, style_rows};

use crate::analyze::PyAnalyzer;
use crate::corpus::{PyCorpusCore, analyzer_of};
use crate::document::PyDocument;
use crate::errors::run;

/// A named column of a table of rows of `T`.
type Column<T, V> = (&'static str, fn(&T) -> V);

/// The four-character expressions of the corpus as columns: `expression` (list of str),
/// `count`, `as_token`, `documents` (numpy int64), `idiom` (list of bool), and the
/// per-document counts flattened: `doc`, `expr`, `n` (numpy int64).
#[pyfunction]
#[pyo3(signature = (core, min_count=2, analyzer=None))]
pub fn corpus_four_char<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    min_count: u64,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<Bound<'py, PyDict>> {
    let an = analyzer_of(analyzer);
    let docs = core.core.corpus().documents();
    let t = run(py, || four_char(docs, an.segmenter(), min_count))?;
    let as_i64 = |v: &[u64]| v.iter().map(|&x| x as i64).collect::<Vec<i64>>();
    let (mut doc, mut expr, mut n) = (Vec::new(), Vec::new(), Vec::new());
    for (d, row) in t.per_document.iter().enumerate() {
        for &(e, c) in row {
            doc.push(d as i64);
            expr.push(i64::from(e));
            n.push(i64::from(c));
        }
    }
    let out = PyDict::new(py);
    out.set_item("count", as_i64(&t.count).into_pyarray(py))?;
    out.set_item("as_token", as_i64(&t.as_token).into_pyarray(py))?;
    out.set_item("documents", as_i64(&t.documents).into_pyarray(py))?;
    out.set_item("expression", t.expression)?;
    out.set_item("idiom", t.idiom)?;
    out.set_item("doc", doc.into_pyarray(py))?;
    out.set_item("expr", expr.into_pyarray(py))?;
    out.set_item("n", n.into_pyarray(py))?;
    Ok(out)
}

/// The enumerations of every document as columns (one value per document).
#[pyfunction]
pub fn corpus_enumerations<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
) -> PyResult<Bound<'py, PyDict>> {
    let docs = core.core.corpus().documents();
    let e = run(py, || enumerations_all(docs))?;
    let out = PyDict::new(py);
    let int =
        |f: &dyn Fn(&Enumerations) -> usize| e.iter().map(|x| f(x) as i64).collect::<Vec<i64>>();
    out.set_item("chars", int(&|x| x.chars).into_pyarray(py))?;
    out.set_item("depth", int(&|x| x.depth).into_pyarray(py))?;
    out.set_item(
        "sections_per_level",
        e.iter()
            .map(|x| x.sections_per_level.clone())
            .collect::<Vec<_>>(),
    )?;
    out.set_item(
        "families",
        e.iter().map(|x| x.families.clone()).collect::<Vec<_>>(),
    )?;
    out.set_item("points", int(&|x| x.points).into_pyarray(py))?;
    out.set_item(
        "points_per_section",
        e.iter()
            .map(|x| x.points_per_section().unwrap_or(f64::NAN))
            .collect::<Vec<f64>>()
            .into_pyarray(py),
    )?;
    out.set_item("runs", int(&|x| x.runs()).into_pyarray(py))?;
    let kinds: [Column<Enumerations, Runs>; 4] = [
        ("shi", |x| x.shi),
        ("yao", |x| x.yao),
        ("order", |x| x.order),
        ("di", |x| x.di),
    ];
    for (name, get) in kinds {
        out.set_item(
            format!("{name}_runs"),
            int(&|x| get(x).count).into_pyarray(py),
        )?;
        out.set_item(
            format!("{name}_longest"),
            int(&|x| get(x).longest).into_pyarray(py),
        )?;
        out.set_item(
            format!("{name}_chars"),
            int(&|x| get(x).chars).into_pyarray(py),
        )?;
    }
    Ok(out)
}

pub(crate) fn style_columns<'py>(py: Python<'py>, rows: &[Style]) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    let int = |f: fn(&Style) -> usize| rows.iter().map(|r| f(r) as i64).collect::<Vec<i64>>();
    let float = |f: fn(&Style) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
    out.set_item("documents", int(|r| r.documents).into_pyarray(py))?;
    out.set_item("chars", int(|r| r.chars).into_pyarray(py))?;
    out.set_item("sentences", int(|r| r.sentences).into_pyarray(py))?;
    let floats: [Column<Style, f64>; 13] = [
        ("sentence_len_mean", |r| r.sentence_len_mean),
        ("sentence_len_median", |r| r.sentence_len_median),
        ("clause_len_mean", |r| r.clause_len_mean),
        ("clause_len_median", |r| r.clause_len_median),
        ("four_char_share", |r| r.four_char_share),
        ("idioms_per_1k", |r| r.idioms_per_1k),
        ("enumeration_density", |r| r.enumeration_density),
        ("directives_per_1k", |r| r.directives_per_1k),
        ("numbers_per_1k", |r| r.numbers_per_1k),
        ("readability1", |r| r.readability1),
        ("readability2", |r| r.readability2),
        ("readability3", |r| r.readability3),
        ("parallel_per_1k", |r| r.parallel_per_1k.unwrap_or(f64::NAN)),
    ];
    out.set_item("clauses", int(|r| r.clauses).into_pyarray(py))?;
    for (name, f) in floats {
        out.set_item(name, float(f).into_pyarray(py))?;
    }
    out.set_item(
        "parallel_share",
        float(|r| r.parallel_share.unwrap_or(f64::NAN)).into_pyarray(py),
    )?;
    Ok(out)
}

/// Style measures as columns: one row per document, or per group when `groups` (a group
/// code or `None` per document) and `n_groups` are given.
#[pyfunction]
#[pyo3(signature = (core, groups=None, n_groups=0, analyzer=None))]
pub fn corpus_style<'py>(
    py: Python<'py>,
    core: PyRef<'py, PyCorpusCore>,
    groups: Option<Vec<Option<usize>>>,
    n_groups: usize,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<Bound<'py, PyDict>> {
    let an = analyzer_of(analyzer);
    let docs = core.core.corpus().documents();
    let rows = run(py, || {
        style_rows(
            docs,
            an.segmenter(),
            groups.as_deref().map(|g| (g, n_groups)),
        )
    })?;
    style_columns(py, &rows)
}

/// Style measures of one document as columns of one row.
#[pyfunction]
#[pyo3(signature = (doc, analyzer=None))]
pub fn document_style<'py>(
    py: Python<'py>,
    doc: PyRef<'py, PyDocument>,
    analyzer: Option<PyRef<'py, PyAnalyzer>>,
) -> PyResult<Bound<'py, PyDict>> {
    let an = analyzer_of(analyzer);
    let d = doc.doc.clone();
    let rows = run(py, || {
        style_rows(std::slice::from_ref(&*d), an.segmenter(), None)
    })?;
    style_columns(py, &rows)
}

/// The shipped lists: the idioms (sorted) and the directive words (in their file's order).
#[pyfunction]
pub fn rhetoric_word_lists() -> (Vec<&'static str>, Vec<&'static str>) {
    let mut list: Vec<&'static str> = idioms().iter().copied().collect();
    list.sort_unstable();
    (list, directive_words())
}
