"""``Corpus.cooccurrence``: the feature co-occurrence matrix (quanteda's ``fcm``), counted in
Rust (``wenmai._wenmai.corpus_cooccurrence``) and held here as a small class around its CSR
arrays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wenmai._params import check_choice, check_int
from wenmai._wenmai import Analyzer, CorpusCore, corpus_cooccurrence

CONTEXTS = ("window", "sentence", "document")
COUNTS = ("frequency", "boolean", "weighted")


class Cooccurrence:
    """A square feature co-occurrence matrix: rows and columns are :attr:`terms`, in that
    order. ``to_scipy()`` (CSR), ``to_numpy()``, ``to_pandas()``, ``shape``; and the settings
    it was counted with (``window``, ``context``, ``count``, ``ordered``, ``tri``, ``unit``).

    Values are whole numbers (``int64``) unless ``count="weighted"`` (``float64``)."""

    def __init__(self, terms: list[str], indptr: npt.NDArray[np.int64],
                 indices: npt.NDArray[np.int32], data: npt.NDArray[np.float64],
                 settings: dict[str, Any]) -> None:
        self._terms = terms
        self._indptr = indptr
        self._indices = indices
        self._data = data if settings["count"] == "weighted" else data.astype(np.int64)
        self.window: int = settings["window"]
        self.context: str = settings["context"]
        self.count: str = settings["count"]
        self.ordered: bool = settings["ordered"]
        self.tri: bool = settings["tri"]
        self.unit: str = settings["unit"]

    @property
    def terms(self) -> list[str]:
        """The row (and column) terms."""
        return list(self._terms)

    @property
    def shape(self) -> tuple[int, int]:
        """``(n_terms, n_terms)``."""
        n = len(self._terms)
        return (n, n)

    @property
    def nnz(self) -> int:
        """Number of stored (non-zero) cells."""
        return int(self._data.size)

    def to_scipy(self) -> Any:
        """The matrix as a ``scipy.sparse.csr_matrix`` (a copy)."""
        from scipy.sparse import csr_matrix

        return csr_matrix((self._data.copy(), self._indices.copy(), self._indptr.copy()),
                          shape=self.shape)

    def to_numpy(self) -> npt.NDArray[Any]:
        """The matrix as a dense numpy array (``n_terms`` squared cells: mind the size)."""
        out = np.zeros(self.shape, dtype=self._data.dtype)
        rows = np.repeat(np.arange(self.shape[0]), np.diff(self._indptr))
        out[rows, self._indices] = self._data
        return out

    def to_pandas(self) -> pd.DataFrame:
        """The dense matrix as a DataFrame indexed (and with columns) by the terms."""
        index = pd.Index(self._terms, name="term")
        return pd.DataFrame(self.to_numpy(), index=index, columns=index.rename(None))

    def __len__(self) -> int:
        return len(self._terms)

    def __repr__(self) -> str:
        n = len(self._terms)
        how = f"window={self.window}, " if self.context == "window" else ""
        extra = ", ordered" if self.ordered else (", upper triangle" if self.tri else "")
        return (f"<Cooccurrence {n:,} x {n:,} terms, {self.nnz:,} stored cells: "
                f"context={self.context!r}, {how}count={self.count!r}{extra}>")


def check_args(window: int, context: str, count: str,
               terms: int | str | Sequence[str] | None,
               ordered: bool) -> tuple[int, list[str] | None, int | None]:
    """The window, the terms listed and the number of most frequent terms, checked
    (``ValueError`` saying what to change)."""
    window = check_int("window", window, 1)
    check_choice("context", context, CONTEXTS)
    check_choice("count", count, COUNTS)
    if count == "weighted" and context != "window":
        raise ValueError("count='weighted' (1/distance) needs context='window'; use "
                         "count='frequency' or 'boolean' with a sentence or document context")
    if ordered and context != "window":
        raise ValueError("ordered=True needs context='window'; set ordered=False here")
    top: int | None = None
    selected: list[str] | None = None
    if isinstance(terms, bool):
        raise ValueError("terms must be a list of terms or a positive int, not a bool")
    if isinstance(terms, (int, np.integer)):
        top = check_int("terms", terms, 1)
    elif isinstance(terms, str):
        selected = [terms]
    elif terms is not None:
        selected = [str(t) for t in terms]
    return int(window), selected, top


def wrap(parts: tuple[Any, ...], window: int, context: str, count: str, ordered: bool,
         tri: bool, unit: str) -> Cooccurrence:
    """The Rust CSR arrays as a ``Cooccurrence`` (in memory and from ``wenmai.dask``)."""
    settings = {"window": window, "context": context, "count": count,
                "ordered": bool(ordered), "tri": bool(tri) and not ordered, "unit": unit}
    return Cooccurrence(*parts, settings=settings)


def cooccurrence(core: CorpusCore, analyzer: Analyzer | None, unit: str, window: int,
                 context: str, count: str, terms: int | str | Sequence[str] | None,
                 ordered: bool, tri: bool) -> Cooccurrence:
    """Check the arguments (``ValueError`` saying what to change), count in Rust, wrap."""
    window, selected, top = check_args(window, context, count, terms, ordered)
    parts = corpus_cooccurrence(core, analyzer, unit, window, context, count, selected,
                                top, bool(ordered), bool(tri))
    return wrap(parts, window, context, count, ordered, tri, unit)
