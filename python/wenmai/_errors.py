"""The record of a file or table row that a corpus left out: its own module, so that
the readers (tables, the stream) and ``Corpus`` share it without importing each other."""

from __future__ import annotations

from typing import Any, NamedTuple


class FileError(NamedTuple):
    """A file that ``Corpus.from_dir(errors="skip")`` could not read, or a row of a table
    that ``Corpus.from_csv(errors="skip")`` (``from_dataframe``, …) left out."""

    path: str
    """The file (for a row of a DataFrame: ``"the DataFrame"``)."""
    kind: str
    """The exception type (``DecodeError``, ``FileNotFoundError``, ``TableError``, …)."""
    message: str
    """What went wrong."""
    row: Any = None
    """For a table: the row's index label (its position for a file), else None."""


__all__ = ["FileError"]
