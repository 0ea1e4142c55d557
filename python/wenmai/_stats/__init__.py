"""The corpus statistics behind ``Corpus.kwic``, ``keyness``, ``collocations``,
``cooccurrence``, ``lexdiv`` and ``lookup``: argument checks and the DataFrames around what
``wenmai._wenmai`` computes in Rust, one module per statistic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pandas as pd


class CorpusLike(Protocol):
    """What the statistics read of a ``wenmai.Corpus``: typed here so that these modules
    need not import ``wenmai.corpus``, which imports them."""

    _core: Any

    @property
    def ids(self) -> list[str]: ...

    @property
    def docvars(self) -> pd.DataFrame: ...
