"""``wenmai.CountVectorizer`` and ``wenmai.TfidfVectorizer``: scikit-learn's, parameter for
parameter, with jieba segmentation (in Rust) as the default word tokenizer."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np

from wenmai._wenmai import (
    Analyzer,
    dtm_from_texts,
    dtm_from_tokens,
    dtm_transform_texts,
    dtm_transform_tokens,
)

from ._base import _Params, check_documents, is_int, not_fitted
from ._text import _TextMixin, validate_df
from ._tfidf import FLOAT_DTYPES, TfidfTransformer, as_csr


class CountVectorizer(_TextMixin, _Params):
    """Documents to a matrix of term counts (scikit-learn's ``CountVectorizer``).

    Every parameter of scikit-learn's, with the same default and meaning, except that
    ``token_pattern=None`` (the default) tokenizes with jieba's dictionary in Rust instead of
    scikit-learn's regex ``r"(?u)\\b\\w\\w+\\b"`` (which keeps a run of Chinese characters
    whole); give that regex to get scikit-learn's tokens. ``stop_words``: "english"
    (scikit-learn's list), "zh" (wenmai's Chinese list), a list, or None. wenmai's additions
    for the jieba path: ``pos`` (POS tags to keep), ``min_len``, ``hmm``; ``analyzer=`` also
    takes a ``wenmai.Analyzer``; ``encoding="auto"`` detects GBK/UTF-8 per document.

    After fitting: ``vocabulary_``, ``fixed_vocabulary_``, ``stop_words_`` (the terms pruned
    by ``max_df`` / ``min_df`` / ``max_features``). At a ``max_features`` tie the first terms
    in term order are kept (scikit-learn's choice there is arbitrary).
    """

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: str | Callable[[str], str] | None = None,
        lowercase: bool = True,
        preprocessor: Callable[[str], str] | None = None,
        tokenizer: Callable[[str], list[str]] | None = None,
        stop_words: str | Iterable[str] | None = None,
        token_pattern: str | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        analyzer: str | Analyzer | Callable[[Any], list[str]] = "word",
        max_df: float | int = 1.0,
        min_df: float | int = 1,
        max_features: int | None = None,
        vocabulary: Iterable[str] | Mapping[str, int] | None = None,
        binary: bool = False,
        dtype: Any = np.int64,
        pos: Iterable[str] | None = None,
        min_len: int = 1,
        hmm: bool = True,
    ) -> None:
        self.input = input
        self.encoding = encoding
        self.decode_error = decode_error
        self.strip_accents = strip_accents
        self.lowercase = lowercase
        self.preprocessor = preprocessor
        self.tokenizer = tokenizer
        self.stop_words = stop_words
        self.token_pattern = token_pattern
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

    # --- vocabulary ------------------------------------------------------------------------
    def _validate_vocabulary(self) -> None:
        vocabulary = self.vocabulary
        if vocabulary is not None:
            if isinstance(vocabulary, set):
                vocabulary = sorted(vocabulary)
            if not isinstance(vocabulary, Mapping):
                vocab: dict[str, int] = {}
                for i, t in enumerate(vocabulary):
                    if vocab.setdefault(t, i) != i:
                        raise ValueError(f"Duplicate term in vocabulary: {t!r}")
                vocabulary = vocab
            else:
                indices = set(vocabulary.values())
                if len(indices) != len(vocabulary):
                    raise ValueError("Vocabulary contains repeated indices.")
                for i in range(len(vocabulary)):
                    if i not in indices:
                        raise ValueError(
                            f"Vocabulary of size {len(vocabulary)} doesn't contain index {i}."
                        )
            if not vocabulary:
                raise ValueError("empty vocabulary passed to fit")
            self.fixed_vocabulary_ = True
            self.vocabulary_ = dict(vocabulary)
        else:
            self.fixed_vocabulary_ = False

    def _check_vocabulary(self) -> None:
        if not hasattr(self, "vocabulary_"):
            self._validate_vocabulary()
            if not self.fixed_vocabulary_:
                raise not_fitted(self, "Vocabulary not fitted or provided")
        if len(self.vocabulary_) == 0:
            raise ValueError("Vocabulary is empty")

    def _columns(self) -> tuple[list[str], np.ndarray | None]:
        """``vocabulary_`` as sorted terms (what the Rust counter takes) and, when the
        columns are in another order, the sorted position of each column's term."""
        key = (id(self.vocabulary_), len(self.vocabulary_))
        cached = getattr(self, "_columns_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        by_col = [t for t, _ in sorted(self.vocabulary_.items(), key=lambda kv: kv[1])]
        terms = sorted(by_col)
        perm = None
        if terms != by_col:
            pos = {t: i for i, t in enumerate(terms)}
            perm = np.array([pos[t] for t in by_col], dtype=np.int64)
        self._columns_cache = (key, terms, perm)
        return terms, perm

    # --- counting --------------------------------------------------------------------------
    def _count_vocab(self, docs: list[Any], fixed: bool) -> tuple[list[str], Any]:
        """Counts as CSR; with ``fixed`` over ``vocabulary_`` (unknown terms ignored), else
        over every term seen, sorted."""
        native = self._native()
        if native is not None:
            texts = self._texts(docs)
        else:
            tokens = self._analyze_python(docs)
        if fixed:
            terms, perm = self._columns()
            m = (dtm_transform_texts(native, texts, terms, False) if native is not None
                 else dtm_transform_tokens(tokens, terms, False))
            x = m.to_scipy()
            if perm is not None:
                x = x[:, perm]
            return terms, x
        m = (dtm_from_texts(native, texts, 1, 1.0, None, False) if native is not None
             else dtm_from_tokens(tokens, 1, 1.0, None, False))
        terms = list(m.terms)
        if not terms:
            raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
        return terms, m.to_scipy()

    def _limit_features(self, x: Any, terms: list[str], high: float, low: float,
                        limit: int | None) -> tuple[Any, list[str], set[str]]:
        dfs = np.bincount(x.indices, minlength=x.shape[1])
        mask = (dfs <= high) & (dfs >= low)
        if limit is not None and mask.sum() > limit:
            tfs = np.asarray(x.sum(axis=0)).ravel()
            # stable: at a tie the first columns (the first terms in order) are kept
            order = np.argsort(-tfs[mask], kind="stable")[:limit]
            new_mask = np.zeros(len(dfs), dtype=bool)
            new_mask[np.where(mask)[0][order]] = True
            mask = new_mask
        kept = np.where(mask)[0]
        if len(kept) == 0:
            raise ValueError(
                "After pruning, no terms remain. Try a lower min_df or a higher max_df."
            )
        removed = {terms[i] for i in np.where(~mask)[0]}
        if len(kept) < len(terms):
            x = x[:, kept]
            terms = [terms[i] for i in kept]
        return x, terms, removed

    def _validate_all(self) -> None:
        self._validate_text_params()
        validate_df(self)
        self._validate_ngram_range()

    def _fit_counts(self, raw_documents: Any) -> Any:
        docs = check_documents(raw_documents)
        self._validate_all()
        self._warn_for_unused_params()
        self._validate_vocabulary()
        if self.fixed_vocabulary_ and self.lowercase:
            for term in self.vocabulary:  # type: ignore[union-attr]
                if any(map(str.isupper, term)):
                    warnings.warn(
                        "Upper case characters found in vocabulary while 'lowercase' is "
                        "True. These entries will not be matched with any documents",
                        stacklevel=3,
                    )
                    break
        terms, x = self._count_vocab(docs, self.fixed_vocabulary_)
        if self.binary:
            x.data.fill(1)
        if not self.fixed_vocabulary_:
            n_doc = x.shape[0]
            max_df, min_df = self.max_df, self.min_df
            max_count = max_df if is_int(max_df) else max_df * n_doc
            min_count = min_df if is_int(min_df) else min_df * n_doc
            if max_count < min_count:
                raise ValueError("max_df corresponds to < documents than min_df")
            x, terms, removed = self._limit_features(x, terms, max_count, min_count,
                                                     self.max_features)
            self.vocabulary_ = {t: i for i, t in enumerate(terms)}
            self.stop_words_ = removed
        return self._finish(x, self.dtype)

    def _transform_counts(self, raw_documents: Any) -> Any:
        docs = check_documents(raw_documents)
        self._check_vocabulary()
        _, x = self._count_vocab(docs, fixed=True)
        if self.binary:
            x.data.fill(1)
        return self._finish(x, self.dtype)

    @staticmethod
    def _finish(x: Any, dtype: Any) -> Any:
        if dtype is not None and x.dtype != np.dtype(dtype):
            x = x.astype(dtype)
        x.sort_indices()
        return x

    def fit(self, raw_documents: Iterable[Any], y: Any = None) -> CountVectorizer:
        """Learn the vocabulary of the documents."""
        self._fit_counts(raw_documents)
        return self

    def fit_transform(self, raw_documents: Iterable[Any], y: Any = None) -> Any:
        """Learn the vocabulary and return the document-term matrix (``scipy.sparse`` CSR;
        a DataFrame after ``set_output(transform="pandas")``)."""
        return self._wrap_output(self._fit_counts(raw_documents))

    def transform(self, raw_documents: Iterable[Any]) -> Any:
        """Count documents over the fitted (or given) vocabulary; unknown terms are ignored."""
        return self._wrap_output(self._transform_counts(raw_documents))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The terms, in column order (an object array, as scikit-learn returns)."""
        self._check_vocabulary()
        return np.asarray(
            [t for t, _ in sorted(self.vocabulary_.items(), key=lambda kv: kv[1])],
            dtype=object,
        )

    def inverse_transform(self, X: Any) -> list[np.ndarray]:
        """The terms with a non-zero value in each row of ``X``."""
        self._check_vocabulary()
        x = as_csr(X)
        names = self.get_feature_names_out().astype(str)
        return [names[x[i].nonzero()[-1]].ravel() for i in range(x.shape[0])]


class TfidfVectorizer(CountVectorizer):
    """Documents to a tf-idf matrix (scikit-learn's ``TfidfVectorizer``): counts as
    ``CountVectorizer``, then ``TfidfTransformer(norm, use_idf, smooth_idf, sublinear_tf)``
    exactly as scikit-learn computes it. ``idf_`` holds the fitted idf vector (and can be
    set, as in scikit-learn)."""

    def __init__(
        self,
        *,
        input: str = "content",
        encoding: str = "utf-8",
        decode_error: str = "strict",
        strip_accents: str | Callable[[str], str] | None = None,
        lowercase: bool = True,
        preprocessor: Callable[[str], str] | None = None,
        tokenizer: Callable[[str], list[str]] | None = None,
        analyzer: str | Analyzer | Callable[[Any], list[str]] = "word",
        stop_words: str | Iterable[str] | None = None,
        token_pattern: str | None = None,
        ngram_range: tuple[int, int] = (1, 1),
        max_df: float | int = 1.0,
        min_df: float | int = 1,
        max_features: int | None = None,
        vocabulary: Iterable[str] | Mapping[str, int] | None = None,
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
            input=input, encoding=encoding, decode_error=decode_error,
            strip_accents=strip_accents, lowercase=lowercase, preprocessor=preprocessor,
            tokenizer=tokenizer, analyzer=analyzer, stop_words=stop_words,
            token_pattern=token_pattern, ngram_range=ngram_range, max_df=max_df,
            min_df=min_df, max_features=max_features, vocabulary=vocabulary, binary=binary,
            dtype=dtype, pos=pos, min_len=min_len, hmm=hmm,
        )
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def _transformer(self) -> TfidfTransformer:
        TfidfTransformer._validate(self)  # type: ignore[arg-type]  (messages name this class)
        return TfidfTransformer(norm=self.norm, use_idf=self.use_idf,
                                smooth_idf=self.smooth_idf, sublinear_tf=self.sublinear_tf)

    @property
    def idf_(self) -> np.ndarray:
        """The idf vector, in column order (only with ``use_idf=True``)."""
        if not hasattr(self, "_tfidf"):
            raise not_fitted(self, f"{type(self).__name__} is not fitted yet. Call 'fit' "
                                   "with appropriate arguments before using this attribute.")
        return self._tfidf.idf_

    @idf_.setter
    def idf_(self, value: Any) -> None:
        if not self.use_idf:
            raise ValueError("`idf_` cannot be set when `user_idf=False`.")
        if not hasattr(self, "_tfidf"):
            self._tfidf = self._transformer()
        self._validate_vocabulary()
        if hasattr(self, "vocabulary_"):
            if len(self.vocabulary_) != len(value):
                raise ValueError(
                    f"idf length = {len(value)} must be equal to vocabulary size = "
                    f"{len(self.vocabulary_)}"
                )
            self._tfidf.n_features_in_ = len(value)
        self._tfidf.idf_ = value

    def _check_params(self) -> None:
        if self.dtype not in FLOAT_DTYPES:
            warnings.warn(
                f"Only {FLOAT_DTYPES} 'dtype' should be used. {self.dtype} 'dtype' will be "
                "converted to np.float64.",
                UserWarning,
                stacklevel=3,
            )

    def fit(self, raw_documents: Iterable[Any], y: Any = None) -> TfidfVectorizer:
        """Learn the vocabulary and idf."""
        self._check_params()
        self._tfidf = self._transformer()
        self._tfidf.fit(self._fit_counts(raw_documents))
        return self

    def fit_transform(self, raw_documents: Iterable[Any], y: Any = None) -> Any:
        """Learn the vocabulary and idf; return the tf-idf matrix (``scipy.sparse`` CSR)."""
        self._check_params()
        self._tfidf = self._transformer()
        x = self._fit_counts(raw_documents)
        self._tfidf.fit(x)
        return self._wrap_output(self._tfidf._transform(x, copy=False))

    def transform(self, raw_documents: Iterable[Any]) -> Any:
        """The tf-idf matrix of documents over the fitted vocabulary and idf."""
        if not hasattr(self, "_tfidf"):
            raise not_fitted(self, "The TF-IDF vectorizer is not fitted")
        x = self._transform_counts(raw_documents)
        return self._wrap_output(self._tfidf._transform(x, copy=False))
