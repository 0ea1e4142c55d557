"""``wenmai.HashingVectorizer``: stateless term hashing with scikit-learn's columns (its
``FeatureHasher``: signed MurmurHash3 x86 32-bit, seed 0, on the UTF-8 bytes), hashed in
Rust; the terms come from the same analysis as ``CountVectorizer``'s."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from wenmai._wenmai import Analyzer, hash_texts, hash_tokens

from ._base import _Params, check_param, is_int, normalize_rows
from ._text import _TextMixin


class HashingVectorizer(_TextMixin, _Params):
    """Documents to a matrix of hashed term counts (scikit-learn's ``HashingVectorizer``).

    No vocabulary is kept, so ``fit`` only checks the parameters and ``transform`` needs no
    fit: for streaming and for ``dask_ml``. A term goes to column ``abs(h) % n_features``
    (``h`` its signed MurmurHash3), with sign ``+1`` for ``h >= 0`` and ``-1`` otherwise when
    ``alternate_sign``; rows are then made ``binary`` and normalised by ``norm``. The text
    parameters are ``CountVectorizer``'s (``token_pattern=None``: jieba segmentation in Rust).
    """

    _requires_fit = False

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
        n_features: int = 2**20,
        binary: bool = False,
        norm: str | None = "l2",
        alternate_sign: bool = True,
        dtype: Any = np.float64,
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
        self.n_features = n_features
        self.binary = binary
        self.norm = norm
        self.alternate_sign = alternate_sign
        self.dtype = dtype
        self.pos = pos
        self.min_len = min_len
        self.hmm = hmm

    def _validate(self) -> None:
        self._validate_text_params()
        n = self.n_features
        check_param(self, "n_features", is_int(n) and 1 <= n < 2**31 - 1,
                    "an int in the range [1, 2147483647)")
        check_param(self, "norm", self.norm in ("l1", "l2", None),
                    "a str among {'l1', 'l2'} or None")
        for name in ("binary", "alternate_sign"):
            check_param(self, name, isinstance(getattr(self, name), (bool, np.bool_)),
                        "an instance of 'bool' or an instance of 'numpy.bool'")

    def partial_fit(self, X: Any, y: Any = None) -> HashingVectorizer:
        """Only checks the parameters (there is nothing to learn)."""
        self._validate()
        return self

    def fit(self, X: Any, y: Any = None) -> HashingVectorizer:
        """Only checks the parameters (there is nothing to learn)."""
        if isinstance(X, str):
            raise ValueError(
                "Iterable over raw text documents expected, string object received."
            )
        self._validate()
        self._warn_for_unused_params()
        self._validate_ngram_range()
        return self

    def transform(self, X: Any) -> Any:
        """The hashed, normalised ``len(X) x n_features`` matrix (``scipy.sparse`` CSR)."""
        import scipy.sparse as sp

        if isinstance(X, str):
            raise ValueError(
                "Iterable over raw text documents expected, string object received."
            )
        self._validate()
        self._validate_ngram_range()
        docs = list(X)
        native = self._native()
        if native is not None:
            indptr, indices, data = hash_texts(native, self._texts(docs), self.n_features,
                                               self.alternate_sign)
        else:
            indptr, indices, data = hash_tokens(self._analyze_python(docs), self.n_features,
                                                self.alternate_sign)
        x = sp.csr_matrix((data, indices, indptr), shape=(len(docs), self.n_features),
                          dtype=self.dtype)
        if self.binary:
            x.data.fill(1)
        return normalize_rows(x, self.norm)

    def fit_transform(self, X: Any, y: Any = None) -> Any:
        """``fit(X).transform(X)``."""
        return self.fit(X, y).transform(X)

    def set_output(self, *, transform: str | None = None) -> Any:
        """Only ``"default"`` / None: hashed columns have no names for a DataFrame."""
        if transform not in (None, "default"):
            raise ValueError(
                "HashingVectorizer's columns are hashes without names; a DataFrame output "
                "is not available (use transform='default')"
            )
        return self
