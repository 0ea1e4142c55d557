//! `wenmai.Segmenter`: jieba segmentation over `wenmai_analyze::Segmenter`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use std::collections::HashMap;

use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use wenmai_segment::{CutMode, InternedCuts, InternedTags, Segmenter};

use crate::convert::{Int, Wrap};
use crate::errors::{count, count_in, run, segment_error};
use crate::text::{extract_text, extract_texts, text_of};

/// Interned word lists as a Python list of lists of `str` (one `str` per distinct word).
pub fn interned_to_py<'py>(
    py: Python<'py>,
    cuts: InternedCuts<'_>,
) -> PyResult<Bound<'py, PyList>> {
    let strings: Vec<Bound<'py, PyString>> =
        cuts.words.iter().map(|w| PyString::new(py, w)).collect();
    let out = PyList::empty(py);
    for row in cuts.rows {
        out.append(PyList::new(py, row.iter().map(|&i| &strings[i as usize]))?)?;
    }
    Ok(out)
}

/// Words as a Python list of `str`, one `str` per distinct word (shared: `str` is immutable).
pub fn words_to_py<'py>(py: Python<'py>, words: &[&str]) -> PyResult<Bound<'py, PyList>> {
    let mut strings: HashMap<&str, Bound<'py, PyString>> = HashMap::new();
    PyList::new(
        py,
        words.iter().map(|&w| {
            strings
                .entry(w)
                .or_insert_with(|| PyString::new(py, w))
                .clone()
        }),
    )
}

/// Tagged words as a list of `(word, tag)` tuples, one tuple per distinct pair (shared).
pub fn tags_to_py<'py>(py: Python<'py>, tagged: &InternedTags<'_>) -> PyResult<Bound<'py, PyList>> {
    let mut tags: HashMap<&str, Bound<'py, PyString>> = HashMap::new();
    let pairs = tagged
        .pairs
        .iter()
        .map(|(w, t)| {
            let t = tags.entry(t).or_insert_with(|| PyString::new(py, t));
            PyTuple::new(py, [PyString::new(py, w), t.clone()])
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, tagged.ids.iter().map(|&i| &pairs[i as usize]))
}

/// A jieba segmenter. `Segmenter()` shares the process-wide dictionary (jieba's `dict.txt`,
/// loaded once on first use, also used by `wenmai.jieba`); `user_dict=` or `private=True`
/// gives a private copy; `dictionary=` a main dictionary of your own (`jieba.Tokenizer`).
///
/// All methods release the GIL; `cut_many` segments in parallel.
#[derive(Debug)]
#[pyclass(frozen, name = "Segmenter", module = "wenmai")]
pub struct PySegmenter {
    pub(crate) inner: Segmenter,
    hmm: bool,
}

impl PySegmenter {
    /// Wrap a segmenter (sharing its dictionary).
    pub(crate) fn wrap(inner: Segmenter, hmm: bool) -> Self {
        PySegmenter { inner, hmm }
    }

    fn hmm(&self, hmm: Option<bool>) -> bool {
        hmm.unwrap_or(self.hmm)
    }
}

/// The bytes of a dictionary given as a path, or a file object opened in text or binary mode.
pub fn dictionary_bytes(py: Python<'_>, f: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if f.hasattr("read")? {
        let data = f.call_method0("read")?;
        if let Ok(s) = data.cast::<PyString>() {
            return Ok(text_of(s)?.into_owned().into_bytes());
        }
        return Ok(data.cast::<PyBytes>()?.as_bytes().to_vec());
    }
    let path: std::path::PathBuf = f.extract()?;
    run(py, || std::fs::read(&path))?.map_err(|e| {
        let args = (
            e.raw_os_error().unwrap_or(0),
            e.to_string(),
            path.display().to_string(),
        );
        match e.kind() {
            std::io::ErrorKind::NotFound => pyo3::exceptions::PyFileNotFoundError::new_err(args),
            std::io::ErrorKind::PermissionDenied => {
                pyo3::exceptions::PyPermissionError::new_err(args)
            }
            _ => pyo3::exceptions::PyOSError::new_err(args),
        }
    })
}

#[pymethods]
impl PySegmenter {
    #[new]
    #[pyo3(signature = (user_dict=None, hmm=true, *, dictionary=None, private=false))]
    fn new(
        py: Python<'_>,
        user_dict: Option<&Bound<'_, PyAny>>,
        hmm: bool,
        dictionary: Option<&Bound<'_, PyAny>>,
        private: bool,
    ) -> PyResult<Self> {
        let inner = match dictionary {
            Some(d) => {
                let bytes = dictionary_bytes(py, d)?;
                run(py, || Segmenter::with_dict(bytes.as_slice()))?.map_err(segment_error)?
            }
            None if private || user_dict.is_some() => run(py, Segmenter::new)?,
            None => Segmenter::default(),
        };
        if let Some(u) = user_dict {
            let bytes = dictionary_bytes(py, u)?;
            run(py, || inner.load_userdict(bytes.as_slice()))?.map_err(segment_error)?;
        }
        Ok(PySegmenter { inner, hmm })
    }

    /// Whether the HMM finds words missing from the dictionary (the default of `hmm=`).
    #[getter(hmm)]
    fn get_hmm(&self) -> bool {
        self.hmm
    }

    /// Segment `text`: a list of words. `mode`: "precise" (jieba's `lcut`), "full"
    /// (`cut_all=True`) or "search" (`lcut_for_search`).
    /// A word repeated is one `str` object, shared (memory follows the distinct words).
    #[pyo3(signature = (text, mode=Wrap(CutMode::Precise), hmm=None))]
    fn cut<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'_, PyAny>,
        mode: Wrap<CutMode>,
        hmm: Option<bool>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = extract_text(text, "text")?;
        let (mode, hmm) = (mode.0, self.hmm(hmm));
        let words = run(py, || self.inner.cut(&text, mode, hmm))?;
        words_to_py(py, &words)
    }

    /// Segment `text` with char offsets: a list of `(word, start, end)` (jieba's `tokenize`);
    /// with `pos=True`, `(word, start, end, tag)` with `posseg`'s words and tags (precise mode).
    #[pyo3(signature = (text, mode=Wrap(CutMode::Precise), hmm=None, pos=false))]
    fn tokenize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'_, PyAny>,
        mode: Wrap<CutMode>,
        hmm: Option<bool>,
        pos: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = extract_text(text, "text")?;
        let (mode, hmm) = (mode.0, self.hmm(hmm));
        if pos {
            if mode != CutMode::Precise {
                return Err(PyValueError::new_err(
                    "pos=True tags the precise cut only: leave mode='precise'",
                ));
            }
            let rows: Vec<(String, usize, usize, String)> = run(py, || {
                self.inner
                    .tokenize_tagged(&text, hmm)
                    .into_iter()
                    .map(|(t, tag)| (t.word.to_owned(), t.start, t.end, tag))
                    .collect()
            })?;
            return Ok(rows.into_pyobject(py)?.into_any());
        }
        let rows: Vec<(String, usize, usize)> = run(py, || {
            self.inner
                .tokenize(&text, mode, hmm)
                .into_iter()
                .map(|t| (t.word.to_owned(), t.start, t.end))
                .collect()
        })?;
        Ok(rows.into_pyobject(py)?.into_any())
    }

    /// jieba's `FREQ.get(word)`: a word's frequency, 0 for a prefix of a word, None else.
    fn freq(&self, py: Python<'_>, word: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
        let Ok(word) = extract_text(word, "word") else {
            return Ok(None);
        };
        run(py, || self.inner.freq(&word))
    }

    /// jieba's `total`: the sum of the dictionary's frequencies.
    #[getter]
    fn total(&self, py: Python<'_>) -> PyResult<usize> {
        run(py, || self.inner.total())
    }

    /// jieba's `FREQ` as `(word, freq)` pairs (words and their prefixes, in jieba's order).
    fn freq_items(&self, py: Python<'_>) -> PyResult<Vec<(String, usize)>> {
        run(py, || self.inner.freq_items())
    }

    /// The number of entries in jieba's `FREQ`.
    fn freq_len(&self, py: Python<'_>) -> PyResult<usize> {
        run(py, || self.inner.freq_len())
    }

    /// jieba's `get_DAG`: per char, the char indices where a dictionary word starting there ends.
    fn dag(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Vec<Vec<usize>>> {
        let text = extract_text(text, "sentence")?;
        run(py, || self.inner.dag(&text))
    }

    /// jieba's `calc`: per char, `(log probability, end)` of the best route; the last is
    /// `(0.0, 0)`. `dag[i]` lists the ends of the words starting at char `i`.
    fn calc(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        dag: Vec<Vec<usize>>,
    ) -> PyResult<Vec<(f64, usize)>> {
        let text = extract_text(text, "sentence")?;
        run(py, || self.inner.calc(&text, &dag))?.ok_or_else(|| {
            PyValueError::new_err("the DAG does not fit the sentence: make it with get_DAG")
        })
    }

    /// The main dictionary's text, in jieba's `dict.txt` format (jieba's own unless the
    /// segmenter was made with `dictionary=`), without the changes made since.
    fn dictionary_text(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || self.inner.main_dictionary_text().to_string())
    }

    /// The changes made to the dictionary, in order: `(word, freq, tag)`.
    fn edits(&self, py: Python<'_>) -> PyResult<Vec<(String, usize, Option<String>)>> {
        run(py, || self.inner.edits())
    }

    /// Pickle as the dictionary's kind ("default" shared, "private", or a main dictionary's
    /// text), the HMM default and the changes made to the dictionary.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let shared = self.inner.shares_dictionary_with(&Segmenter::default());
        let text = run(py, || self.inner.dictionary_text())?;
        let kind = if shared { "default" } else { "private" };
        let text: Option<String> = text.map(|t| t.to_string());
        let edits = run(py, || self.inner.edits())?;
        let f = py.import("wenmai._pickle")?.getattr("segmenter")?;
        let args = (kind, text, self.hmm, edits).into_pyobject(py)?.into_any();
        Ok((f, args))
    }

    /// Rebuild a pickled segmenter (see `__reduce__`).
    #[staticmethod]
    fn _from_state(
        py: Python<'_>,
        kind: &str,
        text: Option<String>,
        hmm: bool,
        edits: Vec<(String, usize, Option<String>)>,
    ) -> PyResult<Self> {
        let inner = match (&text, kind) {
            (Some(t), _) => {
                run(py, || Segmenter::with_dict(t.as_bytes()))?.map_err(segment_error)?
            }
            (None, "default") => Segmenter::default(),
            (None, _) => run(py, Segmenter::new)?,
        };
        run(py, || inner.replay(&edits))?.map_err(segment_error)?;
        Ok(PySegmenter { inner, hmm })
    }

    /// Words with part-of-speech tags: a list of `(word, tag)` (jieba's `posseg.lcut`).
    /// A `(word, tag)` repeated is one tuple object, shared.
    #[pyo3(signature = (text, hmm=None))]
    fn tag<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'_, PyAny>,
        hmm: Option<bool>,
    ) -> PyResult<Bound<'py, PyList>> {
        let text = extract_text(text, "text")?;
        let hmm = self.hmm(hmm);
        let tagged = run(py, || self.inner.tag_interned(&text, hmm))?;
        tags_to_py(py, &tagged)
    }

    /// Segment many texts in parallel (GIL released): a list of word lists, in input order.
    /// `threads`: None uses the shared thread pool (all cores); a number runs this call on a
    /// pool of its own with that many threads (the result is the same).
    #[pyo3(signature = (texts, mode=Wrap(CutMode::Precise), hmm=None, threads=None))]
    fn cut_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'_, PyAny>,
        mode: Wrap<CutMode>,
        hmm: Option<bool>,
        threads: Option<Int>,
    ) -> PyResult<Bound<'py, PyList>> {
        // a pool is real threads: a typo such as 10**6 must not start them
        let threads = threads
            .map(|t| count_in("threads", t, 1, 1024))
            .transpose()?;
        let texts = extract_texts(texts, "texts")?;
        let (mode, hmm) = (mode.0, self.hmm(hmm));
        let pool = match threads {
            None => None,
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| crate::errors::WenmaiError::new_err(e.to_string()))?,
            ),
        };
        let interned = run(py, || match &pool {
            None => self.inner.cut_many_interned(&texts, mode, hmm),
            Some(p) => p.install(|| self.inner.cut_many_interned(&texts, mode, hmm)),
        })?;
        interned_to_py(py, interned)
    }

    /// Add a word to the dictionary (jieba's `add_word`); without `freq` one is computed that
    /// keeps the word whole. Returns the frequency.
    #[pyo3(signature = (word, freq=None, tag=None))]
    fn add_word(
        &self,
        py: Python<'_>,
        word: &Bound<'_, PyAny>,
        freq: Option<Int>,
        tag: Option<String>,
    ) -> PyResult<usize> {
        let freq = freq.map(|f| count("add_word: freq", f, 0)).transpose()?;
        let word = extract_text(word, "word")?;
        run(py, || self.inner.add_word(&word, freq, tag.as_deref()))?.map_err(segment_error)
    }

    /// Delete a word from the dictionary (jieba's `del_word`).
    fn del_word(&self, py: Python<'_>, word: &Bound<'_, PyAny>) -> PyResult<()> {
        let word = extract_text(word, "word")?;
        run(py, || self.inner.del_word(&word))?.map_err(segment_error)
    }

    /// jieba's `suggest_freq`: a str asks for a frequency that keeps it whole, a tuple of
    /// segments for one that splits their concatenation into them; `tune=True` applies it.
    #[pyo3(signature = (segment, tune=false))]
    fn suggest_freq(
        &self,
        py: Python<'_>,
        segment: &Bound<'_, PyAny>,
        tune: bool,
    ) -> PyResult<usize> {
        let segments = if segment.is_instance_of::<PyString>() {
            vec![extract_text(segment, "segment")?]
        } else {
            let mut v = Vec::new();
            for s in segment.try_iter()? {
                v.push(extract_text(&s?, "segment")?);
            }
            v
        };
        run(py, || self.inner.suggest_freq(&segments, tune))?.map_err(segment_error)
    }

    /// Load a user dictionary in jieba's format (a path or a file object); returns the number
    /// of entries added.
    fn load_userdict(&self, py: Python<'_>, f: &Bound<'_, PyAny>) -> PyResult<usize> {
        let bytes = dictionary_bytes(py, f)?;
        run(py, || self.inner.load_userdict(bytes.as_slice()))?.map_err(segment_error)
    }

    /// Whether `word` is a dictionary word (with a frequency above 0).
    fn __contains__(&self, py: Python<'_>, word: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(word) = extract_text(word, "word") else {
            return Ok(false);
        };
        run(py, || self.inner.contains(&word))?.map_err(segment_error)
    }

    /// Whether this segmenter and `other` share one dictionary.
    fn shares_dictionary_with(&self, other: &PySegmenter) -> bool {
        self.inner.shares_dictionary_with(&other.inner)
    }

    fn __repr__(&self) -> String {
        let shared = self.inner.shares_dictionary_with(&Segmenter::default());
        format!(
            "Segmenter(hmm={}, dictionary={})",
            if self.hmm { "True" } else { "False" },
            if shared { "'default'" } else { "'private'" }
        )
    }
}
