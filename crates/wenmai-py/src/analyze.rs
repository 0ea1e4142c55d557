//! `wenmai.Analyzer`, `wenmai.DocTermMatrix`, keywords, and the token-matrix glue behind the
//! scikit-learn-compatible vectorizers.

use std::sync::{Arc, LazyLock};

use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple};
use wenmai_analyze::{Analyzer, Conversion, DocTermMatrix, Norm, TfidfOptions};

use crate::errors::{WenmaiError, analyze_error, count, count_pair, run, segment_error};
use wenmai_segment::CutMode;

use crate::convert::{self, Int, Wrap, dtm_options, unit_name};
use crate::segmenter::{PySegmenter, dictionary_bytes};
use crate::text::{extract_text, extract_texts};

/// Tokens to terms: segmentation, normalisation (NFKC width folding, ASCII lowercase),
/// stopwords, POS filters, minimum length, punctuation and number filters, word or char
/// n-grams that never cross a sentence.
///
/// `stopwords`: "zh" (the built-in Chinese list), None (none), or an iterable of words
/// (used instead of the built-in list; `extra_stopwords=` adds to it). `pos`: POS tags to keep
/// (None keeps all); `pos_deny`: tags to drop. `ngram_range=(1, 2)` adds word bigrams;
/// `char_ngrams=(2, 3)` uses char n-grams instead of words.
#[derive(Debug)]
#[pyclass(frozen, name = "Analyzer", module = "wenmai")]
pub struct PyAnalyzer {
    pub(crate) inner: Analyzer,
    params: Py<PyDict>,
    /// The constructor's arguments as read (iterables as lists, a user dictionary as the
    /// segmenter it made), for pickling.
    init: Py<PyDict>,
}

#[pymethods]
impl PyAnalyzer {
    #[new]
    #[pyo3(signature = (stopwords=Some(StopwordsArg::Name("zh".into())), pos=None, min_len=Int::Fits(1), ngram_range=(Int::Fits(1), Int::Fits(1)),
        user_dict=None, hmm=true, normalize=true, *, pos_deny=None, extra_stopwords=None,
        char_ngrams=None, drop_punct=true, drop_numbers=false, mode=Wrap(CutMode::Precise), segmenter=None, convert=None),
        text_signature = "(stopwords=..., pos=None, min_len=1, ngram_range=..., user_dict=None, hmm=True, normalize=True, *, pos_deny=None, extra_stopwords=None, char_ngrams=None, drop_punct=True, drop_numbers=False, mode=..., segmenter=None, convert=None)")]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        stopwords: Option<StopwordsArg<'_>>,
        pos: Option<Bound<'_, PyAny>>,
        min_len: Int,
        ngram_range: (Int, Int),
        user_dict: Option<Bound<'_, PyAny>>,
        hmm: bool,
        normalize: bool,
        pos_deny: Option<Bound<'_, PyAny>>,
        extra_stopwords: Option<Bound<'_, PyAny>>,
        char_ngrams: Option<(Int, Int)>,
        drop_punct: bool,
        drop_numbers: bool,
        mode: Wrap<CutMode>,
        segmenter: Option<PyRef<'_, PySegmenter>>,
        convert: Option<Wrap<Conversion>>,
    ) -> PyResult<Self> {
        let min_len = count("min_len", min_len, 0)?;
        let ngram_range = count_pair("ngram_range", ngram_range)?;
        let char_ngrams = char_ngrams
            .map(|r| count_pair("char_ngrams", r))
            .transpose()?;
        // Iterables are read once (a generator would be empty the second time).
        let stop_list = match &stopwords {
            Some(StopwordsArg::Words(w)) => Some(extract_texts(w, "stopwords")?),
            _ => None,
        };
        let extra_list = match &extra_stopwords {
            Some(s) => Some(extract_texts(s, "extra_stopwords")?),
            None => None,
        };
        let params = PyDict::new(py);
        match &stopwords {
            None => params.set_item("stopwords", py.None())?,
            Some(StopwordsArg::Name(n)) => params.set_item("stopwords", n)?,
            Some(StopwordsArg::Words(w)) => params.set_item("stopwords", w)?,
        }
        params.set_item("pos", &pos)?;
        params.set_item("min_len", min_len)?;
        params.set_item("ngram_range", ngram_range)?;
        params.set_item("user_dict", &user_dict)?;
        params.set_item("hmm", hmm)?;
        params.set_item("normalize", normalize)?;
        let mut b = Analyzer::builder()
            .min_len(min_len)
            .ngram_range(ngram_range.0, ngram_range.1)
            .normalize(normalize)
            .hmm(hmm)
            .drop_punct(drop_punct)
            .drop_numbers(drop_numbers)
            .cut_mode(mode.0)
            .convert(convert.map(|c| c.0));
        match &stopwords {
            None => b = b.stopwords(false),
            Some(StopwordsArg::Name(s)) => {
                if s != "zh" {
                    return Err(PyValueError::new_err(format!(
                        "stopwords must be 'zh', None or a list of words, not {s:?}"
                    )));
                }
            }
            Some(StopwordsArg::Words(_)) => {
                b = b
                    .stopwords(false)
                    .add_stopwords(stop_list.clone().unwrap_or_default())
            }
        }
        if let Some(s) = &extra_list {
            b = b.add_stopwords(s.clone());
        }
        if let Some(p) = &pos {
            b = b.pos_allow(tags(p, "pos")?);
        }
        if let Some(p) = &pos_deny {
            b = b.pos_deny(tags(p, "pos_deny")?);
        }
        if let Some((lo, hi)) = char_ngrams {
            b = b.char_ngrams(lo, hi);
        }
        let seg = match (&segmenter, &user_dict) {
            (Some(s), _) => Some(s.inner.clone()),
            (None, Some(u)) => {
                let bytes = dictionary_bytes(py, u)?;
                Some(
                    run(py, || {
                        wenmai_segment::Segmenter::with_user_dict(bytes.as_slice())
                    })?
                    .map_err(segment_error)?,
                )
            }
            (None, None) => None,
        };
        let init = PyDict::new(py);
        match &stopwords {
            None => init.set_item("stopwords", py.None())?,
            Some(StopwordsArg::Name(n)) => init.set_item("stopwords", n)?,
            Some(StopwordsArg::Words(_)) => init.set_item("stopwords", &stop_list)?,
        }
        if let Some(p) = &pos {
            init.set_item("pos", tags(p, "pos")?)?;
        }
        if let Some(p) = &pos_deny {
            init.set_item("pos_deny", tags(p, "pos_deny")?)?;
        }
        if let Some(s) = &extra_list {
            init.set_item("extra_stopwords", s)?;
        }
        init.set_item("min_len", min_len)?;
        init.set_item("ngram_range", ngram_range)?;
        init.set_item("hmm", hmm)?;
        init.set_item("normalize", normalize)?;
        init.set_item("char_ngrams", char_ngrams)?;
        init.set_item("drop_punct", drop_punct)?;
        init.set_item("drop_numbers", drop_numbers)?;
        let mode_name = match mode.0 {
            CutMode::Precise => "precise",
            CutMode::Full => "full",
            CutMode::Search => "search",
        };
        init.set_item("mode", mode_name)?;
        if let Some(c) = convert {
            params.set_item("convert", c.0.name())?;
            init.set_item("convert", c.0.name())?;
        }
        if let Some(seg) = &seg {
            let s = Py::new(py, PySegmenter::wrap(seg.clone(), hmm))?;
            init.set_item("segmenter", s)?;
        }
        if let Some(seg) = seg {
            b = b.segmenter(seg);
        }
        let inner = b.build().map_err(analyze_error)?;
        Ok(PyAnalyzer {
            inner,
            params: params.unbind(),
            init: init.unbind(),
        })
    }

    /// Pickle as the constructor's arguments (a user dictionary travels as its segmenter).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let f = py.import("wenmai._pickle")?.getattr("analyzer")?;
        let init = self.init.bind(py).copy()?;
        Ok((f, (init,).into_pyobject(py)?.into_any()))
    }

    /// The terms of one text, in order.
    fn analyze(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let text = extract_text(text, "text")?;
        run(py, || self.inner.analyze(&text))
    }

    /// The terms of many texts, in parallel (GIL released).
    fn analyze_many(&self, py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<String>>> {
        let texts = extract_texts(texts, "texts")?;
        run(py, || self.inner.analyze_many(&texts))
    }

    /// Calling the analyzer is `analyze` (so it can be given as scikit-learn's `analyzer=`).
    fn __call__(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        self.analyze(py, text)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let items = self.params.bind(py).items();
        let mut parts = Vec::new();
        for item in items.iter() {
            let (k, v): (String, Bound<'_, PyAny>) = item.extract()?;
            parts.push(format!("{k}={}", v.repr()?));
        }
        Ok(format!("Analyzer({})", parts.join(", ")))
    }
}

/// `stopwords=`: a name ("zh") or an iterable of words.
#[derive(Debug, FromPyObject)]
pub enum StopwordsArg<'py> {
    /// A built-in list by name.
    Name(String),
    /// Words of your own.
    Words(Bound<'py, PyAny>),
}

fn tags(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if obj.is_instance_of::<PyString>() {
        return Ok(vec![obj.extract()?]);
    }
    extract_texts(obj, what)
}

/// The default analyzer (shared, built once).
pub static DEFAULT_ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

/// A document-term matrix in CSR form: rows are units (documents, sections, paragraphs or
/// sentences, or the documents given to a vectorizer), columns are `terms` in sorted order.
/// `to_scipy()` gives a `scipy.sparse.csr_matrix`; `tfidf(...)` the weighted matrix.
#[derive(Debug)]
#[pyclass(frozen, name = "DocTermMatrix", module = "wenmai")]
pub struct PyDocTermMatrix {
    pub(crate) m: Arc<DocTermMatrix>,
    /// The values when they are not `m.data`: a weighted matrix shares the terms, indices and
    /// units of the counts it was computed from (copying 10^5 or more terms costs more than
    /// weighing).
    values: Option<Arc<Vec<f64>>>,
    ids: Arc<Vec<String>>,
    idf: Option<Arc<Vec<f64>>>,
    context: Arc<MatrixContext>,
}

/// What a matrix knows beyond its rows: where to get its corpus's docvars (for `group(by)`)
/// and, for a grouped matrix, the table that says each group (its `units`).
#[derive(Debug, Default)]
pub(crate) struct MatrixContext {
    pub(crate) docvars: Option<Py<PyAny>>,
    pub(crate) units: Option<Py<PyAny>>,
}

impl PyDocTermMatrix {
    /// Wrap a matrix; `ids` are the corpus's document ids (for `units`).
    pub fn new(m: DocTermMatrix, ids: Arc<Vec<String>>) -> Self {
        PyDocTermMatrix::shared(Arc::new(m), ids)
    }

    /// Wrap a shared matrix (see [`PyDocTermMatrix::new`]).
    pub fn shared(m: Arc<DocTermMatrix>, ids: Arc<Vec<String>>) -> Self {
        PyDocTermMatrix {
            m,
            values: None,
            ids,
            idf: None,
            context: Arc::default(),
        }
    }

    /// A matrix with its context (see [`MatrixContext`]).
    pub(crate) fn with_context(mut self, context: MatrixContext) -> Self {
        self.context = Arc::new(context);
        self
    }

    /// The corpus document ids and the context of the matrix.
    pub(crate) fn origin(&self) -> (&Arc<Vec<String>>, &MatrixContext) {
        (&self.ids, &self.context)
    }

    /// The matrix as borrowed CSR arrays (with its values).
    pub(crate) fn view(&self) -> wenmai_analyze::stats::CsrView<'_> {
        wenmai_analyze::stats::CsrView {
            data: self.values(),
            ..wenmai_analyze::stats::CsrView::of(&self.m)
        }
    }

    /// The matrix itself (its values may be kept apart: see [`PyDocTermMatrix::view`]).
    pub(crate) fn counts(&self) -> &DocTermMatrix {
        &self.m
    }

    /// The values of the matrix.
    fn values(&self) -> &[f64] {
        self.values.as_deref().map_or(&self.m.data, |v| v)
    }

    /// The matrix as one Rust value (a copy with the values when they are kept apart).
    fn matrix(&self) -> Arc<DocTermMatrix> {
        match &self.values {
            None => Arc::clone(&self.m),
            Some(v) => Arc::new(DocTermMatrix {
                terms: self.m.terms.clone(),
                indptr: self.m.indptr.clone(),
                indices: self.m.indices.clone(),
                data: v.to_vec(),
                units: self.m.units.clone(),
            }),
        }
    }

    /// A matrix with this one's terms, indices and units and the given values.
    fn with_values(&self, values: Vec<f64>, idf: Option<Vec<f64>>) -> PyDocTermMatrix {
        PyDocTermMatrix {
            m: Arc::clone(&self.m),
            values: Some(Arc::new(values)),
            ids: Arc::clone(&self.ids),
            idf: idf.map(Arc::new),
            context: Arc::clone(&self.context),
        }
    }
}

#[pymethods]
impl PyDocTermMatrix {
    /// The column labels (terms), sorted.
    #[getter]
    fn terms(&self) -> Vec<String> {
        self.m.terms.clone()
    }
    /// `(n_units, n_terms)`.
    #[getter]
    fn shape(&self) -> (usize, usize) {
        (self.m.n_rows(), self.m.terms.len())
    }
    /// The CSR row pointers (int64, `n_units + 1`).
    #[getter]
    fn indptr<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i64>> {
        self.m.indptr.clone().into_pyarray(py)
    }
    /// The CSR column indices (int32).
    #[getter]
    fn indices<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<i32>> {
        self.m.indices.clone().into_pyarray(py)
    }
    /// The CSR values (float64).
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        self.values().to_vec().into_pyarray(py)
    }
    /// The idf vector used to weigh this matrix (after `tfidf`), else None.
    #[getter]
    fn idf<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyArray1<f64>>> {
        self.idf.as_ref().map(|v| v.to_vec().into_pyarray(py))
    }
    /// The matrix as a `scipy.sparse.csr_matrix` (the arrays are handed over, not copied
    /// element by element).
    fn to_scipy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let sparse = py.import("scipy.sparse")?;
        let arrays = PyTuple::new(
            py,
            [
                self.data(py).into_any(),
                self.indices(py).into_any(),
                self.indptr(py).into_any(),
            ],
        )?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("shape", self.shape())?;
        kwargs.set_item("copy", false)?;
        sparse.getattr("csr_matrix")?.call((arrays,), Some(&kwargs))
    }
    /// The matrix as a dense numpy array (mind the size).
    fn to_numpy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_scipy(py)?.call_method0("toarray")
    }
    /// What each row is, as a pandas DataFrame: `doc_id`, `document` (index), `unit`,
    /// `section` and `index` (None where not applicable), `start`, `end` (char offsets).
    /// Empty columns when the matrix was built from bare token lists.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if let Some(table) = &self.context.units {
            return table.bind(py).call_method0("copy");
        }
        let u = &self.m.units;
        let cols = PyDict::new(py);
        cols.set_item(
            "doc_id",
            u.iter()
                .map(|r| self.ids.get(r.document).cloned().unwrap_or_default())
                .collect::<Vec<_>>(),
        )?;
        cols.set_item("document", u.iter().map(|r| r.document).collect::<Vec<_>>())?;
        cols.set_item(
            "unit",
            u.iter().map(|r| unit_name(r.kind)).collect::<Vec<_>>(),
        )?;
        cols.set_item("section", u.iter().map(|r| r.section).collect::<Vec<_>>())?;
        cols.set_item("index", u.iter().map(|r| r.index).collect::<Vec<_>>())?;
        cols.set_item(
            "start",
            u.iter().map(|r| r.span.char_start).collect::<Vec<_>>(),
        )?;
        cols.set_item("end", u.iter().map(|r| r.span.char_end).collect::<Vec<_>>())?;
        py.import("pandas")?.getattr("DataFrame")?.call1((cols,))
    }
    /// Document frequency of every term (number of rows where it occurs), int64... as uint64.
    fn document_frequency<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        self.matrix().document_frequency().into_pyarray(py)
    }
    /// Column sums (total count or weight of every term).
    fn column_sums<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        self.matrix().column_sums().into_pyarray(py)
    }
    /// The idf of every term as scikit-learn computes it: `ln((n + s) / (df + s)) + 1`,
    /// `s = 1` with `smooth_idf`.
    #[pyo3(signature = (smooth_idf=true))]
    fn idf_vector<'py>(&self, py: Python<'py>, smooth_idf: bool) -> Bound<'py, PyArray1<f64>> {
        self.matrix().idf(smooth_idf).into_pyarray(py)
    }
    /// tf-idf weights as scikit-learn's `TfidfTransformer` computes them (idf learnt from
    /// this matrix): a new `DocTermMatrix` whose `idf` is set.
    #[pyo3(signature = (norm=Some(Wrap(Norm::L2)), smooth_idf=true, sublinear_tf=false, use_idf=true))]
    fn tfidf(
        &self,
        py: Python<'_>,
        norm: Option<Wrap<Norm>>,
        smooth_idf: bool,
        sublinear_tf: bool,
        use_idf: bool,
    ) -> PyResult<PyDocTermMatrix> {
        let opts = TfidfOptions {
            norm: convert::norm(norm),
            use_idf,
            smooth_idf,
            sublinear_tf,
        };
        let m = self.matrix();
        let (values, idf) = run(py, move || {
            let idf = m.idf(opts.smooth_idf);
            (m.weighted_values(use_idf.then_some(&idf), &opts), idf)
        })?;
        Ok(self.with_values(values, use_idf.then(|| idf.to_vec())))
    }
    /// Weigh this count matrix with a given (fitted) idf vector, or none:
    /// `sublinear_tf`, idf, then `norm` (scikit-learn's `TfidfTransformer.transform`).
    #[pyo3(signature = (idf=None, norm=Some(Wrap(Norm::L2)), sublinear_tf=false))]
    fn apply_idf(
        &self,
        py: Python<'_>,
        idf: Option<PyReadonlyArray1<'_, f64>>,
        norm: Option<Wrap<Norm>>,
        sublinear_tf: bool,
    ) -> PyResult<PyDocTermMatrix> {
        let idf = idf.map(|a| a.as_array().to_owned());
        if let Some(v) = &idf
            && v.len() != self.m.terms.len()
        {
            return Err(PyValueError::new_err(format!(
                "idf has {} values for {} terms",
                v.len(),
                self.m.terms.len()
            )));
        }
        let opts = TfidfOptions {
            norm: convert::norm(norm),
            use_idf: idf.is_some(),
            smooth_idf: true,
            sublinear_tf,
        };
        let m = self.matrix();
        let values = run(py, || m.weighted_values(idf.as_ref(), &opts))?;
        Ok(self.with_values(values, idf.map(|v| v.to_vec())))
    }
    /// The `k` largest entries of every row: a list of `[(term, value), …]` per row
    /// (ties broken by term order).
    fn top_terms(&self, py: Python<'_>, k: Int) -> PyResult<Vec<Vec<(String, f64)>>> {
        let m = self.matrix();
        let k = count("k", k, 0)?;
        run(py, move || {
            m.top_k(k)
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|(j, v)| (m.terms[j].clone(), v))
                        .collect()
                })
                .collect()
        })
    }
    /// Similarity (or distance) of every pair of units (`margin="units"`) or terms
    /// (`"terms"`): `method` "cosine", "jaccard", "correlation" or "euclidean" (a distance).
    /// A dense numpy array, or with `top_k` each item's `top_k` nearest neighbours as a
    /// `scipy.sparse.csr_matrix` (see `wenmai._stats.similarity.similarity`).
    #[pyo3(signature = (method="cosine", margin="units", top_k=None))]
    fn similarity<'py>(
        slf: &Bound<'py, Self>,
        method: &str,
        margin: &str,
        top_k: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let f = slf.py().import("wenmai._stats.similarity")?;
        f.getattr("similarity")?.call1((slf, method, margin, top_k))
    }
    /// The rows summed per group (quanteda's `dfm_group`): `by` a docvar name, "document",
    /// "section" or one label per row (see `wenmai._stats.group.group`).
    fn group<'py>(slf: &Bound<'py, Self>, by: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let f = slf.py().import("wenmai._stats.group")?;
        f.getattr("group")?.call1((slf, by))
    }
    /// This matrix with `docvars`, a callable returning its corpus's docvars DataFrame (what
    /// `Corpus.dtm` attaches, for `group(by)`).
    fn _with_docvars(&self, py: Python<'_>, docvars: Py<PyAny>) -> PyDocTermMatrix {
        let units = self.context.units.as_ref().map(|u| u.clone_ref(py));
        PyDocTermMatrix {
            m: Arc::clone(&self.m),
            values: self.values.clone(),
            ids: Arc::clone(&self.ids),
            idf: self.idf.clone(),
            context: Arc::new(MatrixContext {
                docvars: Some(docvars),
                units,
            }),
        }
    }
    /// The docvars DataFrame of the corpus this matrix was counted from, else None.
    fn _docvars<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.context
            .docvars
            .as_ref()
            .map(|f| f.bind(py).call0())
            .transpose()
    }
    fn __len__(&self) -> usize {
        self.m.n_rows()
    }
    /// Pickle as the matrix (postcard bytes), its values, ids and idf, and the docvars and
    /// group table it carries (the docvars as they are now).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let state = (
            &*self.m,
            self.values.as_deref(),
            &*self.ids,
            self.idf.as_deref(),
        );
        let blob = run(py, || postcard::to_stdvec(&state))?
            .map_err(|e| WenmaiError::new_err(format!("cannot serialise the matrix: {e}")))?;
        let docvars = self._docvars(py)?;
        let units = self.context.units.as_ref().map(|u| u.bind(py).clone());
        let f = py.import("wenmai._pickle")?.getattr("doc_term_matrix")?;
        let args = (PyBytes::new(py, &blob), docvars, units).into_pyobject(py)?;
        Ok((f, args.into_any()))
    }
    /// A matrix from `__reduce__`'s state; `docvars` a callable giving the docvars frame.
    #[staticmethod]
    fn _from_state(
        py: Python<'_>,
        blob: &[u8],
        docvars: Option<Py<PyAny>>,
        units: Option<Py<PyAny>>,
    ) -> PyResult<PyDocTermMatrix> {
        type State = (
            DocTermMatrix,
            Option<Vec<f64>>,
            Vec<String>,
            Option<Vec<f64>>,
        );
        let blob = blob.to_vec();
        let (m, values, ids, idf): State = run(py, move || postcard::from_bytes(&blob))?
            .map_err(|e| PyValueError::new_err(format!("not a pickled matrix: {e}")))?;
        Ok(PyDocTermMatrix {
            m: Arc::new(m),
            values: values.map(Arc::new),
            ids: Arc::new(ids),
            idf: idf.map(Arc::new),
            context: Arc::new(MatrixContext { docvars, units }),
        })
    }
    fn __repr__(&self) -> String {
        let (r, c) = self.shape();
        format!(
            "DocTermMatrix({r} units x {c} terms, {} stored values{})",
            self.values().len(),
            if self.idf.is_some() { ", tf-idf" } else { "" }
        )
    }
}

/// Count token lists over a vocabulary fitted on them (`CountVectorizer.fit_transform` with
/// pre-tokenised documents).
#[pyfunction]
#[pyo3(signature = (docs, min_df, max_df, max_features=None, binary=false))]
pub fn dtm_from_tokens(
    py: Python<'_>,
    docs: &Bound<'_, PyAny>,
    min_df: &Bound<'_, PyAny>,
    max_df: &Bound<'_, PyAny>,
    max_features: Option<Int>,
    binary: bool,
) -> PyResult<PyDocTermMatrix> {
    let opts = dtm_options(min_df, max_df, max_features, binary)?;
    let docs = token_lists(docs)?;
    let m = run(py, || DocTermMatrix::from_tokens(&docs, &opts))?.map_err(analyze_error)?;
    Ok(PyDocTermMatrix::new(m, Arc::new(Vec::new())))
}

/// Count token lists over a fixed vocabulary (`CountVectorizer.transform`); unknown tokens
/// are ignored.
#[pyfunction]
#[pyo3(signature = (docs, terms, binary=false))]
pub fn dtm_transform_tokens(
    py: Python<'_>,
    docs: &Bound<'_, PyAny>,
    terms: Vec<String>,
    binary: bool,
) -> PyResult<PyDocTermMatrix> {
    let docs = token_lists(docs)?;
    let m = run(py, || {
        let vocab = wenmai_analyze::Vocabulary::new(terms);
        DocTermMatrix::transform_tokens(&docs, &vocab, binary)
    })?;
    Ok(PyDocTermMatrix::new(m, Arc::new(Vec::new())))
}

/// Analyze texts and count them over a vocabulary fitted on them (`fit_transform` on raw
/// texts: segmentation and counting both in Rust, in parallel).
#[pyfunction]
#[pyo3(signature = (analyzer, texts, min_df, max_df, max_features=None, binary=false))]
pub fn dtm_from_texts(
    py: Python<'_>,
    analyzer: Option<PyRef<'_, PyAnalyzer>>,
    texts: &Bound<'_, PyAny>,
    min_df: &Bound<'_, PyAny>,
    max_df: &Bound<'_, PyAny>,
    max_features: Option<Int>,
    binary: bool,
) -> PyResult<PyDocTermMatrix> {
    let opts = dtm_options(min_df, max_df, max_features, binary)?;
    let texts = extract_texts(texts, "raw_documents")?;
    let an = analyzer.map_or_else(|| DEFAULT_ANALYZER.clone(), |a| a.inner.clone());
    let m = run(py, || DocTermMatrix::from_texts(&an, &texts, &opts))?.map_err(analyze_error)?;
    Ok(PyDocTermMatrix::new(m, Arc::new(Vec::new())))
}

/// Analyze texts and count them over a fixed vocabulary (`transform` on raw texts).
#[pyfunction]
#[pyo3(signature = (analyzer, texts, terms, binary=false))]
pub fn dtm_transform_texts(
    py: Python<'_>,
    analyzer: Option<PyRef<'_, PyAnalyzer>>,
    texts: &Bound<'_, PyAny>,
    terms: Vec<String>,
    binary: bool,
) -> PyResult<PyDocTermMatrix> {
    let texts = extract_texts(texts, "raw_documents")?;
    let an = analyzer.map_or_else(|| DEFAULT_ANALYZER.clone(), |a| a.inner.clone());
    let m = run(py, || {
        let vocab = wenmai_analyze::Vocabulary::new(terms);
        DocTermMatrix::transform_texts(&an, &texts, &vocab, binary)
    })?;
    Ok(PyDocTermMatrix::new(m, Arc::new(Vec::new())))
}

pub(crate) fn token_lists(docs: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<String>>> {
    if docs.is_instance_of::<PyString>() {
        return Err(PyValueError::new_err(
            "Iterable over raw text documents expected, string object received.",
        ));
    }
    let mut out = Vec::new();
    for d in docs.try_iter()? {
        let d = d?;
        let mut row = Vec::new();
        for t in d.try_iter()? {
            row.push(extract_text(&t?, "token")?);
        }
        out.push(row);
    }
    Ok(out)
}

/// The built-in Chinese stopword list (`stopwords="zh"`), sorted.
#[pyfunction]
pub fn builtin_stopwords() -> Vec<String> {
    let mut v: Vec<String> = wenmai_analyze::analyzer::chinese_stopwords()
        .iter()
        .cloned()
        .collect();
    v.sort();
    v
}
