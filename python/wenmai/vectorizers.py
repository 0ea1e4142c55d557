"""scikit-learn-compatible vectorizers: ``wenmai.CountVectorizer`` and
``wenmai.TfidfVectorizer``.

Same parameter names, defaults and numbers as scikit-learn's where they make sense for
Chinese; segmentation, counting, pruning and weighting run in Rust. scikit-learn is not
needed: ``get_params`` / ``set_params`` follow its ``BaseEstimator`` conventions, so the
vectorizers work in ``sklearn.pipeline.Pipeline``, ``GridSearchCV`` and ``sklearn.base.clone``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from wenmai._wenmai import (
    Analyzer,
    DocTermMatrix,
    dtm_from_texts,
    dtm_from_tokens,
    dtm_transform_texts,
    dtm_transform_tokens,
)


class _Params:
    """``get_params`` / ``set_params`` as scikit-learn's ``BaseEstimator`` does them."""

    @classmethod
    def _get_param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return sorted(
            p.name for p in sig.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        )

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters (with ``deep``, nested ones as ``name__param``)."""
        out: dict[str, Any] = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                for k, v in value.get_params().items():
                    out[f"{name}__{k}"] = v
            out[name] = value
        return out

    def set_params(self, **params: Any) -> Any:
        """Set constructor parameters (``name__param`` for nested ones); returns self."""
        valid = self.get_params(deep=True)
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            name, sep, sub = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for estimator {self}. "
                    f"Valid parameters are: {self._get_param_names()!r}."
                )
            if sep:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
                valid[name] = value
        for name, sub_params in nested.items():
            valid[name].set_params(**sub_params)
        return self

    def __repr__(self) -> str:
        defaults = {
            p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()
        }
        changed = []
        for k in self._get_param_names():
            v = getattr(self, k)
            d = defaults.get(k, inspect.Parameter.empty)
            try:
                same = bool(v == d) if not isinstance(v, np.ndarray) else False
            except Exception:
                same = False
            if not same:
                changed.append(f"{k}={v!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type=None,
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags(),
            input_tags=_input_tags(),
        )


def _input_tags() -> Any:
    from sklearn.utils import InputTags

    return InputTags(string=True, two_d_array=False)


def _check_documents(raw_documents: Any) -> list[Any]:
    if isinstance(raw_documents, (str, bytes)):
        raise ValueError(
            "Iterable over raw text documents expected, string object received."
        )
    return list(raw_documents)


def _word_ngrams(tokens: list[str], stop_words: Any, ngram_range: tuple[int, int]) -> list[str]:
    # scikit-learn's _VectorizerMixin._word_ngrams, literally.
    if stop_words is not None:
        tokens = [w for w in tokens if w not in stop_words]
    min_n, max_n = ngram_range
    if max_n == 1:
        return tokens
    original = tokens
    if min_n == 1:
        tokens = list(original)
        min_n += 1
    else:
        tokens = []
    n_original = len(original)
    for n in range(min_n, min(max_n + 1, n_original + 1)):
        for i in range(n_original - n + 1):
            tokens.append(" ".join(original[i: i + n]))
    return tokens


class CountVectorizer(_Params):
    """Documents to a matrix of term counts (scikit-learn's ``CountVectorizer``).

    By default texts are segmented with jieba's dictionary by a ``wenmai.Analyzer`` built from
    ``stop_words`` (None, "zh" for the built-in Chinese list, or a list), ``ngram_range``,
    ``lowercase``, ``pos``, ``min_len`` and ``hmm`` — all in Rust, in parallel. Give
    ``analyzer=`` a ``wenmai.Analyzer`` to use your own, or a callable (text -> tokens);
    ``tokenizer=`` a callable (text -> tokens) for parity with scikit-learn (stop words and
    n-grams are then applied as scikit-learn applies them).

    ``min_df`` / ``max_df``: an int is a number of documents, a float a proportion;
    ``max_features``: keep the most frequent terms. Terms are in sorted order.
    """

    def __init__(
        self,
        *,
        input: str = "content",
        lowercase: bool = True,
        preprocessor: Callable[[str], str] | None = None,
        tokenizer: Callable[[str], list[str]] | None = None,
        stop_words: str | Iterable[str] | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        analyzer: Analyzer | Callable[[Any], list[str]] | str | None = None,
        max_df: float | int = 1.0,
        min_df: float | int = 1,
        max_features: int | None = None,
        vocabulary: Iterable[str] | dict[str, int] | None = None,
        binary: bool = False,
        dtype: Any = np.int64,
        pos: Iterable[str] | None = None,
        min_len: int = 1,
        hmm: bool = True,
    ) -> None:
        self.input = input
        self.lowercase = lowercase
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.stop_words = stop_words
        self.ngram_range = ngram_range
        self.analyzer = analyzer
        self.max_df = max_df
        self.min_df = min_df
        self.max_features = max_features
        self.vocabulary = vocabulary
        self.binary = binary
        self.dtype = dtype
        self.pos = pos
        self.min_len = min_len
        self.hmm = hmm

    # --- how documents become tokens ---------------------------------------------------------
    def _python_analyzer(self) -> Callable[[Any], list[str]] | None:
        """A Python callable producing the tokens of one document, or None when the whole
        analysis runs in Rust."""
        if isinstance(self.analyzer, Analyzer):
            return None
        if callable(self.analyzer):
            return self.analyzer
        if self.analyzer not in (None, "word"):
            raise ValueError(
                f"analyzer must be None, 'word', a wenmai.Analyzer or a callable, "
                f"not {self.analyzer!r}"
            )
        if self.tokenizer is None and self.preprocessor is None:
            return None
        tokenizer = self.tokenizer
        if tokenizer is None:
            native = self._native_analyzer()
            assert native is not None
            tokenizer = native.analyze
        stop = self._stop_word_set() if self.tokenizer is not None else None
        pre = self.preprocessor
        lower = self.lowercase
        ngram = tuple(self.ngram_range) if self.tokenizer is not None else (1, 1)

        def analyze(doc: Any) -> list[str]:
            if pre is not None:
                doc = pre(doc)
            elif lower:
                doc = doc.lower()
            return _word_ngrams(list(tokenizer(doc)), stop, ngram)  # type: ignore[arg-type]

        return analyze

    def _stop_word_set(self) -> frozenset[str] | None:
        if self.stop_words is None:
            return None
        if isinstance(self.stop_words, str):
            if self.stop_words != "zh":
                raise ValueError(f"stop_words must be 'zh', None or a list, not "
                                 f"{self.stop_words!r}")
            return _builtin_stopwords()
        return frozenset(self.stop_words)

    def _native_analyzer(self) -> Analyzer | None:
        if isinstance(self.analyzer, Analyzer):
            return self.analyzer
        if self.stop_words is None:
            stopwords: Any = None
        elif isinstance(self.stop_words, str):
            stopwords = self.stop_words
        else:
            stopwords = list(self.stop_words)
        return Analyzer(
            stopwords=stopwords,
            pos=list(self.pos) if self.pos is not None else None,
            min_len=self.min_len,
            ngram_range=tuple(self.ngram_range),
            hmm=self.hmm,
            normalize=self.lowercase,
        )

    def build_analyzer(self) -> Callable[[Any], list[str]]:
        """The callable that turns one document into its terms."""
        py = self._python_analyzer()
        if py is not None:
            return py
        native = self._native_analyzer()
        assert native is not None
        return native.analyze

    # --- counting ----------------------------------------------------------------------------
    def _fixed_terms(self) -> tuple[list[str], np.ndarray | None] | None:
        """The user's vocabulary as sorted terms plus the column order it asks for."""
        if self.vocabulary is None:
            return None
        if isinstance(self.vocabulary, dict):
            order = sorted(self.vocabulary.items(), key=lambda kv: kv[1])
            if [i for _, i in order] != list(range(len(order))):
                raise ValueError("vocabulary indices must be 0 … n-1")
            wanted = [t for t, _ in order]
        else:
            wanted = list(self.vocabulary)
            if len(set(wanted)) != len(wanted):
                raise ValueError("Duplicate term in vocabulary")
        if not wanted:
            raise ValueError("empty vocabulary passed to fit")
        terms = sorted(wanted)
        pos = {t: i for i, t in enumerate(terms)}
        perm = np.array([pos[t] for t in wanted], dtype=np.int64)
        return terms, (None if wanted == terms else perm)

    def _read_input(self, docs: list[Any]) -> list[Any]:
        """``input="filename"``: paths read and decoded by wenmai (encoding detected);
        ``input="file"``: file objects read (bytes decoded as by ``wenmai.decode``)."""
        if self.input == "content":
            return docs
        from wenmai._wenmai import decode, read

        if self.input == "filename":
            return [read(d).text for d in docs]
        if self.input == "file":
            out = []
            for f in docs:
                data = f.read()
                out.append(decode(data) if isinstance(data, bytes) else data)
            return out
        raise ValueError(f"input must be 'content', 'filename' or 'file', not {self.input!r}")

    def _count(self, raw_documents: Any, fit: bool) -> DocTermMatrix:
        docs = self._read_input(_check_documents(raw_documents))
        py = self._python_analyzer()
        fixed = self._fixed_terms()
        if fit and fixed is None:
            if py is None:
                return dtm_from_texts(self._native_analyzer(), docs, self.min_df, self.max_df,
                                      self.max_features, self.binary)
            tokens = [py(d) for d in docs]
            return dtm_from_tokens(tokens, self.min_df, self.max_df, self.max_features,
                                   self.binary)
        terms = fixed[0] if fixed is not None else self._terms
        if py is None:
            return dtm_transform_texts(self._native_analyzer(), docs, terms, self.binary)
        return dtm_transform_tokens([py(d) for d in docs], terms, self.binary)

    def _to_output(self, m: DocTermMatrix, dtype: Any) -> Any:
        x = m.to_scipy()
        fixed = self._fixed_terms()
        if fixed is not None and fixed[1] is not None:
            x = x[:, fixed[1]]
        if dtype is not None and x.dtype != np.dtype(dtype):
            x = x.astype(dtype)
        x.sort_indices()
        return x

    def _set_vocabulary(self, m: DocTermMatrix) -> None:
        fixed = self._fixed_terms()
        if fixed is None and not m.terms:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        if fixed is not None:
            terms, perm = fixed
            order = [terms[i] for i in perm] if perm is not None else terms
        else:
            order = m.terms
        self._terms = list(m.terms) if fixed is None else fixed[0]
        self.vocabulary_ = {t: i for i, t in enumerate(order)}
        self._feature_names = np.asarray(order, dtype=object)

    def fit(self, raw_documents: Iterable[Any], y: Any = None) -> CountVectorizer:
        """Learn the vocabulary of the documents."""
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents: Iterable[Any], y: Any = None) -> Any:
        """Learn the vocabulary and return the document-term matrix (``scipy.sparse`` CSR)."""
        m = self._count(raw_documents, fit=True)
        self._set_vocabulary(m)
        return self._to_output(m, self.dtype)

    def transform(self, raw_documents: Iterable[Any]) -> Any:
        """Count documents over the fitted vocabulary (unknown terms are ignored)."""
        self._check_fitted()
        return self._to_output(self._count(raw_documents, fit=False), self.dtype)

    def _check_fitted(self) -> None:
        if not hasattr(self, "vocabulary_"):
            if self.vocabulary is not None:
                fixed = self._fixed_terms()
                assert fixed is not None
                self._set_vocabulary(_empty_matrix(fixed[0]))
                return
            raise _not_fitted(self)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The terms, in column order (an object array, as scikit-learn returns)."""
        self._check_fitted()
        return self._feature_names.copy()

    def inverse_transform(self, X: Any) -> list[np.ndarray]:
        """The terms present in every row of ``X``."""
        self._check_fitted()
        import scipy.sparse as sp

        x = sp.csr_matrix(X)
        names = self._feature_names
        return [names[x[i].indices] for i in range(x.shape[0])]


def _empty_matrix(terms: list[str]) -> DocTermMatrix:
    return dtm_transform_tokens([], terms, False)


def _not_fitted(est: Any) -> Exception:
    try:
        from sklearn.exceptions import NotFittedError
    except ImportError:  # scikit-learn is optional
        return ValueError(f"This {type(est).__name__} instance is not fitted yet.")
    return NotFittedError(
        f"This {type(est).__name__} instance is not fitted yet. Call 'fit' with "
        "appropriate arguments before using this estimator."
    )


_BUILTIN: frozenset[str] | None = None


def _builtin_stopwords() -> frozenset[str]:
    global _BUILTIN
    if _BUILTIN is None:
        from wenmai._wenmai import builtin_stopwords

        _BUILTIN = frozenset(builtin_stopwords())
    return _BUILTIN


class TfidfVectorizer(CountVectorizer):
    """Documents to a tf-idf matrix (scikit-learn's ``TfidfVectorizer``): counts as
    ``CountVectorizer``, then ``sublinear_tf``, idf (``smooth_idf``) and ``norm`` exactly as
    scikit-learn computes them. ``idf_`` holds the fitted idf vector."""

    def __init__(
        self,
        *,
        input: str = "content",
        lowercase: bool = True,
        preprocessor: Callable[[str], str] | None = None,
        tokenizer: Callable[[str], list[str]] | None = None,
        stop_words: str | Iterable[str] | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        analyzer: Analyzer | Callable[[Any], list[str]] | str | None = None,
        max_df: float | int = 1.0,
        min_df: float | int = 1,
        max_features: int | None = None,
        vocabulary: Iterable[str] | dict[str, int] | None = None,
        binary: bool = False,
        dtype: Any = np.float64,
        norm: str | None = "l2",
        use_idf: bool = True,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        pos: Iterable[str] | None = None,
        min_len: int = 1,
        hmm: bool = True,
    ) -> None:
        super().__init__(
            input=input, lowercase=lowercase, preprocessor=preprocessor, tokenizer=tokenizer,
            stop_words=stop_words, ngram_range=ngram_range, analyzer=analyzer, max_df=max_df,
            min_df=min_df, max_features=max_features, vocabulary=vocabulary, binary=binary,
            dtype=dtype, pos=pos, min_len=min_len, hmm=hmm,
        )
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def _weigh(self, counts: DocTermMatrix) -> DocTermMatrix:
        idf = self._idf_sorted if self.use_idf else None
        return counts.apply_idf(idf, self.norm, self.sublinear_tf)

    def fit_transform(self, raw_documents: Iterable[Any], y: Any = None) -> Any:
        """Learn the vocabulary and idf; return the tf-idf matrix (``scipy.sparse`` CSR)."""
        counts = self._count(raw_documents, fit=True)
        self._set_vocabulary(counts)
        self._idf_sorted = counts.idf_vector(self.smooth_idf)
        return self._to_output(self._weigh(counts), self.dtype)

    def transform(self, raw_documents: Iterable[Any]) -> Any:
        """The tf-idf matrix of documents over the fitted vocabulary and idf."""
        self._check_fitted()
        if not hasattr(self, "_idf_sorted"):
            raise _not_fitted(self)
        return self._to_output(self._weigh(self._count(raw_documents, fit=False)), self.dtype)

    @property
    def idf_(self) -> np.ndarray:
        """The fitted idf vector, in column order."""
        if not hasattr(self, "_idf_sorted"):
            raise AttributeError("idf_ is set by fit")
        fixed = self._fixed_terms()
        if fixed is not None and fixed[1] is not None:
            return self._idf_sorted[fixed[1]]
        return self._idf_sorted


__all__ = ["CountVectorizer", "TfidfVectorizer"]
