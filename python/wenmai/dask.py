"""Corpora on Dask: each partition read, parsed and counted in Rust on a worker, the counts
merged by a tree of pairwise merges, equal to the in-memory ``Corpus``.

``pip install 'wenmai[dask]'``. Whatever scheduler is active runs the work: a
``distributed.Client`` (a ``LocalCluster``, or a cluster over SSH, Slurm, Kubernetes), or
Dask's local threaded scheduler when there is none. A partition ships its counts (a
``CountBlock``, postcard bytes when pickled), its documents' metadata and the files it could
not read, never tokens or texts.

>>> import wenmai.dask as wd                                       # doctest: +SKIP
>>> dc = wd.from_dir("reports", npartitions=8)                     # doctest: +SKIP
>>> m = dc.dtm(min_df=2).compute()      # == Corpus.from_dir("reports").dtm(min_df=2)
>>> dc.errors                           # files that could not be read, by name
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from wenmai import _dask_stats as _ds
from wenmai._errors import FileError
from wenmai._params import check_choice, check_int
from wenmai._wenmai import Analyzer, CountBlock, DocTermMatrix, count_block
from wenmai.corpus import _docvars_frame, _frequency_table, _glob_files

try:
    import dask
    from dask import delayed
except ImportError as e:  # pragma: no cover - the extra is missing
    raise ImportError("wenmai.dask needs Dask: pip install 'wenmai[dask]'") from e

UNITS = ("document", "section", "paragraph", "sentence")

__all__ = ["DaskCorpus", "Lazy", "from_bag", "from_dir", "from_files"]

# A partition of work: its place and files, and (from a bag) a delayed list of its texts.
_Source = tuple[_ds.Partition, Any]
# A partition's result: its block, the ids and positions of the documents read, their
# metadata columns, and the files it could not read.
_Part = tuple[CountBlock, list[str], list[int], dict[str, list[Any]], list[tuple[str, ...]]]


def _count(part: _ds.Partition, texts: Any, analyzer: Analyzer | None, unit: str,
           encoding: str | None, max_bytes: int | None = 200_000_000) -> _Part:
    """On a worker: read and parse one partition, count its units (all in Rust, the GIL
    released)."""
    core, kept, bad = _ds.read(part, texts, encoding, max_bytes)
    block = count_block(core, analyzer, unit, part.index)
    return block, core.ids, kept, core.meta_columns(), bad


def _merge(*parts: _Part) -> _Part:
    """Adjacent partitions' results as one (blocks merged in one k-way merge, the rest
    concatenated in order)."""
    meta = {k: [v for p in parts for v in p[3][k]] for k in parts[0][3]}
    return (CountBlock.merge_all([p[0] for p in parts]), [i for p in parts for i in p[1]],
            [i for p in parts for i in p[2]], meta, [e for p in parts for e in p[4]])


# Results merged per step of the tree: few levels, none holding more than this many.
FAN_IN = 8


def _tree(parts: list[Any], merge: Callable[..., Any] = _merge) -> Any:
    """Merges of up to ``FAN_IN`` adjacent parts, level by level."""
    while len(parts) > 1:
        parts = [delayed(merge)(*parts[i:i + FAN_IN]) if len(parts[i:i + FAN_IN]) > 1
                 else parts[i] for i in range(0, len(parts), FAN_IN)]
    return parts[0]


def _client() -> Any:
    """The active ``distributed.Client``, if any."""
    try:
        from distributed import default_client
    except ImportError:
        return None
    try:
        return default_client()
    except ValueError:
        return None


class Lazy:
    """A result not computed yet: ``.compute(progress=False)`` runs it on the active
    scheduler (a ``distributed.Client``, else Dask's local one; other keyword arguments go
    to ``dask.compute``), with a tqdm bar of partitions counted when ``progress=True``.
    ``merge`` merges adjacent parts (``_merge`` for count blocks)."""

    def __init__(self, parts: list[Any], finish: Callable[[Any], Any],
                 merge: Callable[..., Any] = _merge) -> None:
        self.parts = parts
        self._finish = finish
        self._merge = merge

    def compute(self, progress: bool = False, **kwargs: Any) -> Any:
        try:
            client = _client()
            if client is not None and not kwargs:
                value = self._on_cluster(client, progress)
            elif progress:
                from tqdm.dask import TqdmCallback

                with TqdmCallback(desc="counting", unit="task"):
                    (value,) = dask.compute(_tree(self.parts, self._merge), **kwargs)
            else:
                (value,) = dask.compute(_tree(self.parts, self._merge), **kwargs)
        except Exception as e:
            if type(e).__name__ == "KilledWorker":
                raise MemoryError(
                    "a Dask worker died on every try of one partition (most often it ran out "
                    "of its memory limit): raise npartitions so that each partition is "
                    f"smaller, or give the workers more memory ({e})") from e
            raise
        return self._finish(value)

    def _on_cluster(self, client: Any, progress: bool) -> Any:
        """The partitions counted as futures (a bar as they finish), merged up to
        ``FAN_IN`` at a time on the workers until at most ``FAN_IN`` are left, which come to
        the client as each is done (their transfer overlaps the counting still running)
        and are merged there."""
        from distributed import as_completed

        futures = client.compute(self.parts)
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(futures), desc="counting", unit="partition")
        try:
            many = len(futures) > FAN_IN
            if many and bar is not None:
                for _ in as_completed(futures):
                    bar.update(1)
            while len(futures) > FAN_IN:
                futures = [client.submit(self._merge, *futures[i:i + FAN_IN], pure=False)
                           if len(futures[i:i + FAN_IN]) > 1 else futures[i]
                           for i in range(0, len(futures), FAN_IN)]
            place = {f.key: i for i, f in enumerate(futures)}
            parts: list[Any] = [None] * len(futures)
            for future, value in as_completed(futures, with_results=True):
                parts[place[future.key]] = value
                if bar is not None and not many:
                    bar.update(1)
        finally:
            if bar is not None:
                bar.close()
        return self._merge(*parts) if len(parts) > 1 else parts[0]

    def __repr__(self) -> str:
        return f"<wenmai.dask.Lazy of {len(self.parts)} partitions>"


def _keywords_frame(block: CountBlock, ids: list[str], stats: Any, top_k: int,
                    idf: str) -> pd.DataFrame:
    """The top-``k`` keywords of each document of a merged block (``doc_id, rank, term,
    weight``), the idf learnt from ``stats`` or jieba's."""
    rows = block.keywords(stats, top_k, idf)
    return pd.DataFrame(
        [(d, r + 1, t, w) for d, kws in zip(ids, rows, strict=True)
         for r, (t, w) in enumerate(kws)],
        columns=["doc_id", "rank", "term", "weight"])


class DaskCorpus:
    """A corpus in partitions, read on the workers when a result is computed. Make one with
    ``from_files``, ``from_dir`` or ``from_bag``; results are ``Lazy`` (``.compute()``)."""

    def __init__(self, sources: list[_Source], errors: str, encoding: str | None,
                 docvars: pd.DataFrame | None, max_bytes: int | None = 200_000_000) -> None:
        self._sources = sources
        self._raise = errors == "raise"
        self._encoding = encoding
        self._max_bytes = max_bytes
        self._extra = docvars
        # What a folder's listing left out (wenmai._listing.unlisted), in every `errors`.
        self._unlisted: list[FileError] = []
        self.errors: list[FileError] = []
        """Files left out, set by each ``compute()``: ``FileError(path, kind, message)``."""

    @property
    def npartitions(self) -> int:
        return len(self._sources)

    def __repr__(self) -> str:
        return f"<wenmai.dask.DaskCorpus: {self.npartitions} partitions>"

    def _counts(self, analyzer: Analyzer | None, unit: str) -> Any:
        return [delayed(_count, pure=True)(part, texts, analyzer, unit, self._encoding,
                                           self._max_bytes)
                for part, texts in self._sources]

    def _done(self, result: _Part) -> tuple[CountBlock, list[str], pd.DataFrame]:
        block, ids, docvars = self._done_lazily(result)
        return block, ids, docvars()

    def _done_lazily(self, result: _Part
                     ) -> tuple[CountBlock, list[str], Callable[[], pd.DataFrame]]:
        """The merged block, the ids, and a function that makes the docvars (a matrix
        makes them only when asked for, as the in-memory ``dtm()`` does); ``errors`` set,
        or raised when ``errors="raise"``."""
        block, ids, kept, meta, bad = result
        self.errors = sorted(self._unlisted + [FileError(*b) for b in bad],
                             key=lambda e: e.path)
        if self._raise and self.errors:
            first = self.errors[0]
            raise OSError(f"{first.path}: {first.message} (errors='skip' reads the others)")
        extra = self._extra

        def docvars() -> pd.DataFrame:
            rows = extra.iloc[kept].reset_index(drop=True) if extra is not None else None
            return _docvars_frame(meta, rows)

        return block, ids, docvars

    def dtm(self, analyzer: Analyzer | None = None, unit: str = "document",
            min_df: int | float = 1, max_df: int | float = 1.0,
            max_features: int | None = None, binary: bool = False) -> Lazy:
        """``Corpus.dtm`` on the cluster: the same matrix as the in-memory corpus of the
        same files (terms, rows in file order, units), for any number of partitions."""

        def finish(result: tuple) -> DocTermMatrix:
            block, ids, docvars = self._done_lazily(result)
            m = block.matrix(ids, min_df, max_df, max_features, binary)
            return m._with_docvars(docvars)

        return Lazy(self._counts(analyzer, unit), finish)

    def frequency(self, analyzer: Analyzer | None = None, by: str | None = None,
                  top: int | None = None) -> Lazy:
        """``Corpus.frequency`` on the cluster (``by`` a document variable)."""
        top = check_int("top", top, 0, none=True)

        def finish(result: tuple) -> pd.DataFrame:
            block, ids, docvars = self._done(result)
            return _frequency_table(block.matrix(ids), docvars, by, top)

        return Lazy(self._counts(analyzer, "document"), finish)

    def keywords(self, top_k: int = 20, idf: str = "corpus",
                 analyzer: Analyzer | None = None) -> Lazy:
        """``Corpus.keywords(method="tfidf")`` on the cluster: a DataFrame ``doc_id, rank,
        term, weight``; the idf learnt from the whole corpus (``"corpus"``) or jieba's."""
        top_k = check_int("top_k", top_k, 0)
        check_choice("idf", idf, ("corpus", "jieba"))

        def finish(result: tuple) -> pd.DataFrame:
            block, ids, _ = self._done(result)
            return _keywords_frame(block, ids, block.stats(), top_k, idf)

        return Lazy(self._counts(analyzer, "document"), finish)

    def _stat_counts(self, counter: Callable[..., Any]) -> list[Any]:
        return [delayed(_ds.count, pure=True)(part, texts, self._encoding, self._max_bytes,
                                              counter)
                for part, texts in self._sources]

    def keyness(self, target: Any, measure: str = "chi2", correction: str = "default",
                analyzer: Analyzer | None = None, unit: str = "document") -> Lazy:
        """``Corpus.keyness`` on the cluster: the same table as the in-memory corpus of the
        same files. The partitions' count blocks are merged and the target (an expression
        on ``docvars``, a mask, doc ids or positions) is resolved on the merged docvars."""
        from wenmai._stats.keyness import check_args, frame, target_mask

        check_args(measure, correction, unit)

        def finish(result: tuple) -> pd.DataFrame:
            block, ids, docvars = self._done(result)
            mask = target_mask(_ds.View(ids, docvars), target)
            return frame(block.keyness(mask.tolist(), measure, correction))

        return Lazy(self._counts(analyzer, unit), finish)

    def cooccurrence(self, window: int = 5, context: str = "window",
                     count: str = "frequency", terms: int | Sequence[str] | None = None,
                     analyzer: Analyzer | None = None, ordered: bool = False,
                     tri: bool = True, unit: str = "document") -> Lazy:
        """``Corpus.cooccurrence`` on the cluster: each partition counts every pair of its
        tokens (every context lies in one document), the cells are summed, and the terms
        (``terms=N``: the most frequent over the whole corpus) are chosen after the merge.
        Equal to the in-memory matrix; ``count="weighted"`` sums each cell's partition sums,
        so its floats may differ from the in-memory ones in the last bits."""
        from wenmai._stats.cooccurrence import check_args, wrap

        check_choice("unit", unit, UNITS)
        window, selected, top = check_args(window, context, count, terms, ordered)
        counter = _ds.bind(_ds.cooccurrence_counter, analyzer, unit, window, context, count,
                           bool(ordered))

        def finish(result: tuple) -> Any:
            block, _, _ = self._done(result)
            parts = block.finish(window, context, count, selected, top, bool(ordered),
                                 bool(tri))
            return wrap(parts, window, context, count, ordered, tri, unit)

        return Lazy(self._stat_counts(counter), finish, _ds.cooccurrence_merge)

    def formulations(self, phrases: Any, by: str | None = "year",
                     analyzer: Analyzer | None = None) -> Lazy:
        """``Corpus.formulations`` of the ``phrases`` given, on the cluster: each document's
        counts come from its worker and the table is made as in memory. Discovering the
        phrases (``phrases=None``) needs the whole corpus at once: run it in memory."""
        from wenmai._rhetoric.formulation import check_by, check_phrases, frame

        chosen = check_phrases(phrases)
        if chosen is None:
            raise ValueError("formulations on Dask count the phrases given: pass phrases (a "
                             "string or a list); discovering them needs the whole corpus in "
                             "memory (Corpus.formulations(phrases=None))")
        counter = _ds.bind(_ds.formulation_counter, chosen, analyzer)

        def finish(result: tuple) -> pd.DataFrame:
            (counts, chars), _, docvars = self._done(result)
            check_by(docvars, by)
            return frame(chosen, counts, chars, docvars, by)

        return Lazy(self._stat_counts(counter), finish, _ds.formulation_merge)

    def style(self, by: str | None = None, analyzer: Analyzer | None = None) -> Lazy:
        """``Corpus.style`` on the cluster: one row per document, or per value of ``by``, a
        metadata column (``"year"``, ``"source"``…; not a docvar given to ``from_files``).
        Each partition sums its groups' parts (lengths and counts), the parts are merged and
        the rows made from them as in memory."""
        meta = ("title", "subtitle", "published", "year", "source", "author", "doc_number",
                "issuer")
        if by is not None and (by not in meta or (self._extra is not None
                                                  and by in self._extra.columns)):
            raise ValueError(f"style on Dask groups by a metadata column: choose one of "
                             f"{', '.join(meta)} (or None), not {by!r}")
        counter = _ds.bind(_ds.style_counter, by, analyzer)

        def finish(result: tuple) -> pd.DataFrame:
            kept = result[2]
            groups, ids, docvars = self._done(result)
            return _ds.style_finish(groups, by, ids, kept, docvars)

        return Lazy(self._stat_counts(counter), finish, _ds.style_merge)

    @property
    def docvars(self) -> Lazy:
        """The documents' metadata and the docvars given (as ``Corpus.docvars``)."""
        return Lazy(self._counts(None, "document"), lambda r: self._done(r)[2])


# The text a partition holds by default, per core that counts it (Rust counts a partition
# on all of its worker's cores): enough that each has work, few enough partitions that
# Dask's cost per task stays small; at most 8 cores' worth, so that a worker of a few GB
# holds several.
PARTITION_BYTES = 16 << 20


def _worker_threads() -> int:
    """The threads of the active ``distributed.Client``'s workers (1 without a client: the
    local scheduler's threads share one process, where Rust counts on every core)."""
    client = _client()
    if client is None:
        return 1
    try:
        workers = client.scheduler_info().get("workers", {})
        return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))
    except Exception:  # a client that cannot say: one partition per core, as before
        return os.cpu_count() or 1


def _stem(path: str) -> str:
    """``Path(path).stem``, without building a ``Path`` (a tenth of the time, for a list of
    a million files)."""
    name = os.path.basename(path.rstrip(os.sep))
    if name in ("", ".", ".."):
        return Path(path).stem
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # read (and reported) by the worker


def _split(files: list[str], npartitions: int | None) -> list[range]:
    """Consecutive files in ``npartitions`` ranges of about equal bytes (default: one per
    ``PARTITION_BYTES`` times this machine's cores, up to 8, and at least one per thread of
    the active cluster's workers)."""
    sizes = [_size(f) for f in files]
    total = sum(sizes)
    if npartitions is None:
        per = PARTITION_BYTES * min(os.cpu_count() or 1, 8)
        npartitions = max(-(-total // per), _worker_threads())
    k = max(1, min(len(files), npartitions))
    out, start, acc = [], 0, 0
    for i, size in enumerate(sizes):
        acc += size
        # Cut when this range has its share of the bytes, leaving a file for each range left.
        if (len(out) < k - 1 and acc * k >= total * (len(out) + 1)
                and len(files) - (i + 1) >= k - 1 - len(out)):
            out.append(range(start, i + 1))
            start = i + 1
    out.append(range(start, len(files)))
    return out


def from_files(paths: str | Iterable[str | os.PathLike[str]], npartitions: int | None = None,
               docvars: pd.DataFrame | None = None, errors: str = "skip", *,
               ids: Sequence[str] | None = None, encoding: str | None = None,
               max_bytes: int | None = 200_000_000) -> DaskCorpus:
    """A corpus of files in ``npartitions`` partitions of consecutive files of about equal
    size (default: one per 16 MB of files per core of this machine, up to 128 MB, and at
    least one per thread of the active cluster's workers). ``paths``: a list, or a
    glob string (``"reports/**/*.txt"``, sorted).
    Ids are the file stems unless given; ``docvars`` one row per file, in order.
    ``errors="skip"`` leaves unreadable files out and lists them in ``errors`` after each
    ``compute()``; ``"raise"`` raises on the first. ``max_bytes`` (default 200 MB, ``None``
    no limit) refuses larger files before they are read."""
    check_choice("errors", errors, ("raise", "skip"))
    if isinstance(paths, str):
        import glob

        files = sorted(glob.glob(paths, recursive=True))
        if not files:
            raise FileNotFoundError(f"no file matches {paths!r}")
    else:
        files = [os.fspath(p) for p in paths]
    if not files:
        raise ValueError("no files: give paths, or a glob or folder that holds some")
    names = [str(i) for i in ids] if ids is not None else [_stem(p) for p in files]
    if len(names) != len(files):
        raise ValueError(f"{len(names)} ids for {len(files)} files")
    if docvars is not None and len(docvars) != len(files):
        raise ValueError(f"docvars has {len(docvars)} rows for {len(files)} files")
    sources = [(_ds.Partition(k, r.start, files[r.start:r.stop], names[r.start:r.stop]), None)
               for k, r in enumerate(_split(files, npartitions))]
    extra = pd.DataFrame(docvars).reset_index(drop=True) if docvars is not None else None
    return DaskCorpus(sources, errors, encoding, extra, max_bytes)


def from_dir(path: str | os.PathLike[str], pattern: str = "**/*.txt",
             npartitions: int | None = None, errors: str = "skip", *,
             encoding: str | None = None, max_bytes: int | None = 200_000_000) -> DaskCorpus:
    """The files under ``path`` matching ``pattern``, as ``Corpus.from_dir`` lists them
    (sorted; ids the relative paths without the extension; what the listing leaves out,
    such as FIFOs and broken links, is in ``errors``)."""
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(root))
    from wenmai._listing import as_exception, unlisted

    files, ids = _glob_files(root, pattern)
    odd = unlisted(root, pattern)
    if odd and errors == "raise":
        raise as_exception(odd[0])
    dc = from_files(files, npartitions, errors=errors, ids=ids, encoding=encoding,
                    max_bytes=max_bytes)
    dc._unlisted = odd
    return dc


def from_bag(bag: Any) -> DaskCorpus:
    """A corpus of a ``dask.bag`` of texts, one partition per bag partition: each partition's
    texts are made and counted on the same worker. Ids are ``"0"``, ``"1"``, … in bag order
    (the partition sizes are computed first, on the workers)."""
    sizes = bag.map_partitions(lambda p: [len(list(p))]).compute()
    parts = bag.to_delayed()
    sources, at = [], 0
    for k, (n, texts) in enumerate(zip(sizes, parts, strict=True)):
        sources.append((_ds.Partition(k, at, [], []), texts))
        at += n
    return DaskCorpus(sources, "skip", None, None)
