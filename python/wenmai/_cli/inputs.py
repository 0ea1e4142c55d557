"""Turning the command line's PATH arguments into documents.

A PATH is a file, a folder (its files matching ``--pattern``, recursively), a glob
(``reports/20*.txt``), or ``-`` for standard input. Inputs that cannot be read are recorded
as failures, named on standard error, and the others are processed. A ``.csv``, ``.tsv``,
``.jsonl`` or ``.parquet`` file is a table: one document per row, its text in
``--text-column``, its other columns document variables.
"""

from __future__ import annotations

import errno
import glob
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import wenmai

STDIN = "-"
SAMPLE_NAME = "seed-article.txt"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """One input: a file, standard input, or the bundled sample."""

    doc_id: str
    """How the document is named in tables, CSV files and messages."""
    path: str | None
    """The file to read, or None for standard input and the sample."""
    kind: str = "file"
    """``file``, ``stdin``, ``sample``, or ``row`` (of a table: ``path`` is the table)."""


@dataclass(frozen=True)
class Failure:
    """An input that could not be used, and why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass
class Loaded:
    """The documents that were read (as a ``wenmai.Corpus``), and the inputs that failed."""

    sources: list[Source] = field(default_factory=list)
    documents: list[Any] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    corpus: Any = None

    @property
    def ids(self) -> list[str]:
        return [s.doc_id for s in self.sources]


def sample_source() -> Source:
    """The sample article bundled inside the package."""
    return Source(doc_id=SAMPLE_NAME, path=None, kind="sample")


def _is_glob(arg: str) -> bool:
    return any(c in _GLOB_CHARS for c in arg)


def _files_in(folder: Path, pattern: str) -> list[tuple[str, str]]:
    """A folder's files matching ``pattern`` as ``(path, id)``, listed as ``Corpus.from_dir``
    lists them (ids relative, without extension); in path order, as the CLI names them."""
    from wenmai.corpus import _glob_files  # here: wenmai.corpus loads pandas

    paths, ids = _glob_files(folder, pattern)
    return sorted(zip(paths, ids, strict=True))


def expand(args: list[str], pattern: str) -> tuple[list[Source], list[Failure]]:
    """Expands PATH arguments into sources, in order, without duplicates."""
    sources: list[Source] = []
    failures: list[Failure] = []
    seen: set[str] = set()

    def add(source: Source) -> None:
        key = source.kind if source.path is None else os.path.realpath(source.path)
        if key not in seen:
            seen.add(key)
            sources.append(source)

    def add_folder(folder: Path, name: str) -> None:
        from wenmai._listing import unlisted

        files = _files_in(folder, pattern)
        # What the listing leaves out (FIFOs, broken links, unreadable folders) is named.
        odd = unlisted(folder, pattern)
        for e in odd:
            failures.append(Failure(e.path, e.message.removeprefix(f"{e.path}: ")))
        if not files and not odd:
            failures.append(Failure(name, f"folder has no files matching {pattern!r}"))
        for path, doc_id in files:
            add(Source(doc_id=doc_id, path=path))

    for arg in args:
        if arg == STDIN:
            add(Source(doc_id="<stdin>", path=None, kind="stdin"))
            continue
        path = Path(arg)
        if path.is_dir():
            add_folder(path, arg)
        elif path.exists():
            add(Source(doc_id=arg, path=arg))
        elif _is_glob(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                failures.append(Failure(arg, "no files match this pattern"))
            for m in matches:
                if Path(m).is_dir():
                    add_folder(Path(m), m)
                else:
                    add(Source(doc_id=m, path=m))
        else:
            failures.append(Failure(arg, "no such file or directory"))
    return _unique_ids(sources), failures


def _unique_ids(sources: list[Source]) -> list[Source]:
    """Sources whose short id is shared by another (same name in two folders) keep the path."""
    count: dict[str, int] = {}
    for s in sources:
        count[s.doc_id] = count.get(s.doc_id, 0) + 1
    return [
        Source(doc_id=s.path, path=s.path, kind=s.kind)
        if count[s.doc_id] > 1 and s.path is not None
        else s
        for s in sources
    ]


def _reason(error: BaseException, source: Source) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    message = str(error) or type(error).__name__
    # The Rust errors already name the file; say it once.
    if source.path and message.startswith(source.path):
        message = message[len(source.path) :].lstrip(": ")
    return message


def read_source(source: Source, max_bytes: int | None = 200_000_000) -> Any:
    """Reads, decodes and parses one source into a ``wenmai.Document``."""
    if source.kind == "sample":
        text = resources.files("wenmai").joinpath("data", SAMPLE_NAME).read_text("utf-8")
        return wenmai.parse(text)
    if source.kind == "stdin":
        if sys.stdin is None:  # the shell closed it (`wenmai parse - <&-`)
            raise OSError(errno.EBADF, "standard input is closed")
        return wenmai.parse(wenmai.decode(sys.stdin.buffer.read()))
    return wenmai.read(str(source.path), max_bytes=max_bytes)


def _table_kind(source: Source) -> str | None:
    from wenmai._tables import TABLE_SUFFIXES

    if source.kind != "file" or source.path is None:
        return None
    return TABLE_SUFFIXES.get(Path(source.path).suffix.lower())


def load(sources: list[Source], progress: bool, text_column: str = "text",
         max_bytes: int | None = 200_000_000) -> Loaded:
    """Reads every source into one corpus; the ones that fail are recorded, the others kept
    in order. Files are read, decoded and parsed in parallel by ``Corpus.from_files``;
    tables give one document per row."""
    loaded = Loaded()
    if not sources:
        return loaded
    if any(_table_kind(s) for s in sources):
        return _load_with_tables(sources, progress, text_column, max_bytes)
    # Binary files (a NUL byte and no byte-order mark) are refused by the decoder itself
    # ("binary data, not text"), like any other bad file.
    if all(s.kind == "file" for s in sources):
        corpus = wenmai.Corpus.from_files(
            [str(s.path) for s in sources],
            ids=[s.doc_id for s in sources],
            errors="skip",
            progress=progress and len(sources) > 1,
            max_bytes=max_bytes,
        )
        by_path = {str(s.path): s for s in sources}
        for e in corpus.errors:
            source = by_path.get(e.path, Source(doc_id=e.path, path=e.path))
            reason = _file_error_reason(e, source)
            loaded.failures.append(Failure(source.path or source.doc_id, reason))
        kept = set(corpus.ids)
        loaded.sources = [s for s in sources if s.doc_id in kept]
    else:
        texts = []
        for source in sources:
            try:
                doc = read_source(source, max_bytes)
            except (OSError, UnicodeError, ValueError, wenmai.WenmaiError) as error:
                reason = _reason(error, source)
                loaded.failures.append(Failure(source.path or source.doc_id, reason))
                continue
            loaded.sources.append(source)
            texts.append(doc.text)
        corpus = wenmai.Corpus.from_texts(texts, ids=loaded.ids)
    loaded.corpus = corpus
    loaded.documents = list(corpus)
    return loaded


def _load_with_tables(sources: list[Source], progress: bool, text_column: str,
                      max_bytes: int | None) -> Loaded:
    """Tables and other inputs together: each table's rows (ids: its ``doc_id`` column or
    the row numbers, after the table's name when there are several inputs), the other
    inputs one document each; the table columns are the corpus' document variables."""
    import pandas as pd

    from wenmai._tables import read_table, table_rows

    loaded = Loaded()
    texts: list[str] = []
    frames: list[Any] = []
    several = len(sources) > 1
    for source in sources:
        kind = _table_kind(source)
        name = source.path or source.doc_id
        try:
            if kind is None:
                doc = read_source(source, max_bytes)
                rows, docvars = [doc.text], pd.DataFrame(index=[0])
                found = [source]
            else:
                df = read_table(str(source.path), kind, {}, text_column, max_bytes)
                rows, ids, docvars, bad = table_rows(df, text_column, None, "skip", name)
                row_ids = ids if ids is not None else [str(i) for i in range(len(rows))]
                if several:
                    row_ids = [f"{source.doc_id}:{i}" for i in row_ids]
                found = [Source(doc_id=i, path=source.path, kind="row") for i in row_ids]
                loaded.failures += [Failure(name, e.message) for e in bad]
        except (OSError, UnicodeError, ValueError, wenmai.WenmaiError) as error:
            loaded.failures.append(Failure(name, _reason(error, source)))
            continue
        loaded.sources += found
        texts += rows
        frames.append(docvars)
    count = Counter(s.doc_id for s in loaded.sources)
    repeated = {doc_id for doc_id, n in count.items() if n > 1}
    if repeated:
        # Two inputs naming a document alike: both are left out rather than one guessed.
        keep = [s.doc_id not in repeated for s in loaded.sources]
        for doc_id in sorted(repeated):
            loaded.failures.append(Failure(doc_id, "this document id is given twice"))
        loaded.sources = [s for s, k in zip(loaded.sources, keep, strict=True) if k]
        texts = [t for t, k in zip(texts, keep, strict=True) if k]
        frames = [pd.concat(frames, ignore_index=True)[keep].reset_index(drop=True)]
    docvars = pd.concat(frames, ignore_index=True) if frames else None
    if docvars is not None and not len(docvars.columns):
        docvars = None
    corpus = wenmai.Corpus.from_texts(texts, ids=loaded.ids, docvars=docvars,
                                      progress=progress and len(texts) > 1)
    loaded.corpus = corpus
    loaded.documents = list(corpus)
    return loaded


def _file_error_reason(error: Any, source: Source) -> str:
    kinds = {
        "FileNotFoundError": "no such file or directory",
        "IsADirectoryError": "is a directory",
        "PermissionError": "permission denied",
    }
    if error.kind in kinds:
        return kinds[error.kind]
    message = error.message or error.kind
    if source.path and message.startswith(source.path):
        message = message[len(source.path) :].lstrip(": ")
    return message
