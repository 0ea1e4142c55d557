"""The statistics of ``wenmai.dask`` past the count blocks: each partition's mergeable counts
(co-occurrence cells and term counts, each document's phrase counts, style parts per
group) made in Rust on its worker, merged by the same tree of adjacent merges, and finished
by the code the in-memory ``Corpus`` uses (keyness from the merged count block needs no
counts of its own)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from wenmai._wenmai import (
    Analyzer,
    CooccurrenceBlock,
    CorpusCore,
    cooccurrence_block,
    corpus_formulations,
    corpus_style_parts,
    merge_style_parts,
    style_from_parts,
)


class Partition:
    """One partition's place (its index, its first document's position) and its files and
    ids (none when its texts come from a bag). Opaque to Dask, which would otherwise walk
    every path as it builds the graph, and tokenized by a hash of them."""

    __slots__ = ("first", "ids", "index", "paths")

    def __init__(self, index: int, first: int, paths: list[str], ids: list[str]) -> None:
        self.index, self.first, self.paths, self.ids = index, first, paths, ids

    def __dask_tokenize__(self) -> tuple:
        return ("wenmai.Partition", self.index, self.first, len(self.paths),
                hash(tuple(self.paths)), hash(tuple(self.ids)))


def read(part: Partition, texts: Any, encoding: str | None, max_bytes: int | None
         ) -> tuple[CorpusCore, list[int], list[tuple[str, ...]]]:
    """On a worker: one partition's documents (its files, or the ``texts`` of a bag's
    partition), their positions in the corpus and the files that could not be read."""
    first = part.first
    if texts is not None:
        texts = list(texts)
        core = CorpusCore.from_texts(texts, [str(first + i) for i in range(len(texts))])
        return core, list(range(first, first + len(texts))), []
    core, bad = CorpusCore.from_paths(part.paths, part.ids, encoding=encoding,
                                      errors="strict", skip=True, max_bytes=max_bytes)
    failed = {b[0] for b in bad}
    kept = [first + i for i, p in enumerate(part.paths) if p not in failed]
    return core, kept, [tuple(b) for b in bad]


def count(part: Partition, texts: Any, encoding: str | None, max_bytes: int | None,
          counter: Callable[[CorpusCore, list[int]], Any]) -> tuple:
    """On a worker: a partition's counts by ``counter`` in the place of the count block of
    ``wenmai.dask._Part``, with its ids, positions, metadata and bad files."""
    core, kept, bad = read(part, texts, encoding, max_bytes)
    return counter(core, kept), core.ids, kept, core.meta_columns(), bad


def merge(first: Callable[[list[Any]], Any], *parts: tuple) -> tuple:
    """Adjacent partitions' results as one: their counts merged by ``first``, the rest
    concatenated in order (as ``wenmai.dask._merge``)."""
    meta = {k: [v for p in parts for v in p[3][k]] for k in parts[0][3]}
    return (first([p[0] for p in parts]), [i for p in parts for i in p[1]],
            [i for p in parts for i in p[2]], meta, [e for p in parts for e in p[4]])


# Co-occurrence: the full matrix of each partition (CooccurrenceBlock), cells summed.

def cooccurrence_counter(analyzer: Analyzer | None, unit: str, window: int, context: str,
                         how: str, ordered: bool, core: CorpusCore,
                         kept: list[int]) -> CooccurrenceBlock:
    return cooccurrence_block(core, analyzer, unit, window, context, how, ordered)


def cooccurrence_merge(*parts: tuple) -> tuple:
    return merge(CooccurrenceBlock.merge_all, *parts)


# Formulations: each document's counts of the phrases given (rows in document order).

def formulation_counter(phrases: list[str], analyzer: Analyzer | None, core: CorpusCore,
                        kept: list[int]) -> tuple[np.ndarray, np.ndarray]:
    out = corpus_formulations(core, phrases, 1, analyzer=analyzer)
    counts = np.asarray(out["counts"], dtype=np.int64).reshape(len(kept), len(phrases))
    return counts, np.asarray(out["chars"], dtype=np.int64)


def formulation_stack(parts: list[tuple[np.ndarray, np.ndarray]]
                      ) -> tuple[np.ndarray, np.ndarray]:
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def formulation_merge(*parts: tuple) -> tuple:
    return merge(formulation_stack, *parts)


# Style: per group, the parts its rows are made of (sentence and clause lengths, counts).

def style_counter(by: str | None, analyzer: Analyzer | None, core: CorpusCore,
                  kept: list[int]) -> dict[Any, bytes]:
    """The style parts of each group of the partition's documents: by document position
    (``by=None``) or by the value of the metadata column ``by`` (documents without one
    left out, as ``Corpus.style`` leaves them)."""
    keys = list(kept) if by is None else core.meta_columns()[by]
    groups: dict[Any, int] = {}
    codes: list[int | None] = []
    for k in keys:
        if k is None:
            codes.append(None)
        else:
            codes.append(groups.setdefault(k, len(groups)))
    parts = corpus_style_parts(core, codes, len(groups), analyzer)
    return dict(zip(groups, parts, strict=True))


def style_merge_dicts(dicts: list[dict[Any, bytes]]) -> dict[Any, bytes]:
    """Groups' parts of adjacent partitions as one (a group's parts merged in order)."""
    keys: dict[Any, None] = {}
    for d in dicts:
        keys.update(dict.fromkeys(d))
    merged = merge_style_parts([[d[k] for d in dicts if k in d] for k in keys])
    return dict(zip(keys, merged, strict=True))


def style_merge(*parts: tuple) -> tuple:
    return merge(style_merge_dicts, *parts)


def style_finish(groups: dict[Any, bytes], by: str | None, ids: list[str], kept: list[int],
                 docvars: pd.DataFrame) -> pd.DataFrame:
    """The style rows as ``Corpus.style(by)`` gives them: one per document, or per sorted
    value of ``by``."""
    from wenmai._rhetoric.style import frame

    if by is None:
        cols = style_from_parts([[groups[k]] for k in kept])
        return frame(cols, pd.Index(ids, name="doc_id"))
    _, values = pd.factorize(docvars[by], sort=True)
    cols = style_from_parts([[groups[_key(v)]] for v in values])
    return frame(cols, pd.Index(values, name=by))


def _key(value: Any) -> Any:
    """A docvar's value as the worker's metadata gave it (numpy scalars as Python's)."""
    return value.item() if isinstance(value, np.generic) else value


class View:
    """What ``keyness``'s target needs of a corpus: its length, ids and docvars."""

    def __init__(self, ids: list[str], docvars: pd.DataFrame) -> None:
        self.ids = ids
        self.docvars = docvars

    def __len__(self) -> int:
        return len(self.ids)


def bind(fn: Callable[..., Any], *args: Any) -> Callable[..., Any]:
    """``fn`` with its first arguments given, picklable for the workers."""
    return partial(fn, *args)
