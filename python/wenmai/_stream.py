"""``Corpus.stream``: the dtm, frequencies and keywords of a corpus larger than memory, read
in batches of files twice (once for the vocabulary and document frequencies, once for the
rows), the matrix written to disk as it is made; memory is one batch plus the vocabulary."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wenmai._errors import FileError
from wenmai._params import check_choice, check_int
from wenmai._wenmai import Analyzer, CorpusCore, CorpusStats, count_block


def _bound(name: str, value: Any, n: int) -> float:
    """A df bound as ``Corpus.dtm`` takes it: an int counts units, a float is a proportion."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be an int (units) or a float (a proportion), "
                         f"got {value!r}")
    if isinstance(value, (float, np.floating)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} = {value}: a proportion must be in [0, 1]")
        return float(value) * n
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return float(value)


# The names of the unit codes of ``CountBlock.unit_columns``.
_UNIT_NAMES = ("document", "section", "paragraph", "sentence")
_UNIT_COLUMNS = ("document", "unit", "section", "index", "start", "end")


class StreamedMatrix:
    """A document-term matrix written to ``path`` (``scipy.sparse.save_npz``'s format):
    ``terms``, ``units`` (a DataFrame as ``DocTermMatrix.units``, read from the file when
    first asked for), ``shape``, and ``load()`` -> ``scipy.sparse.csr_matrix``."""

    def __init__(self, path: Path, terms: list[str], ids: list[str],
                 shape: tuple[int, int]) -> None:
        self.path = path
        self.terms = terms
        self.shape = shape
        self._ids = ids
        self._units: pd.DataFrame | None = None

    @property
    def units(self) -> pd.DataFrame:
        if self._units is None:
            with np.load(self.path) as z:
                cols = [z[f"wenmai_units_{c}"].tolist() for c in _UNIT_COLUMNS]
                docs = z["wenmai_documents"].tolist()
            document, unit, section, index, start, end = cols
            ids = [self._ids[i] for i in docs]
            # Lists, as DocTermMatrix.units builds them, so that each column gets its dtype.
            self._units = pd.DataFrame({
                "doc_id": [ids[d] for d in document], "document": document,
                "unit": [_UNIT_NAMES[u] for u in unit],
                "section": [None if v < 0 else v for v in section],
                "index": [None if v < 0 else v for v in index],
                "start": start, "end": end})
        return self._units.copy()

    def load(self) -> Any:
        import scipy.sparse

        return scipy.sparse.load_npz(self.path)

    def __repr__(self) -> str:
        return f"<StreamedMatrix {self.shape[0]} x {self.shape[1]} at {self.path}>"


class _NpyWriter:
    """One 1-d array of an .npz written in chunks (its length known when it ends)."""

    def __init__(self, out: Path, name: str, dtype: Any) -> None:
        self.file = out.parent / f".{out.name}.{name}.raw"
        self.fh = self.file.open("wb")
        self.name, self.dtype, self.n = name, np.dtype(dtype), 0

    def write(self, values: np.ndarray) -> None:
        self.fh.write(np.ascontiguousarray(values, dtype=self.dtype).tobytes())
        self.n += len(values)

    def into(self, zf: zipfile.ZipFile) -> None:
        self.fh.close()
        with zf.open(f"{self.name}.npy", "w", force_zip64=True) as out:
            header = {"descr": np.lib.format.dtype_to_descr(self.dtype),
                      "fortran_order": False, "shape": (self.n,)}
            np.lib.format.write_array_header_2_0(out, header)
            with self.file.open("rb") as fh:
                while chunk := fh.read(1 << 24):
                    out.write(chunk)
        self.file.unlink()


def _small(zf: zipfile.ZipFile, name: str, value: np.ndarray) -> None:
    with zf.open(f"{name}.npy", "w") as out:
        np.lib.format.write_array(out, value, allow_pickle=False)


class CorpusStream:
    """A corpus of files read ``batch_size`` files at a time, never all in memory. See
    ``Corpus.stream``."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]], ids: Sequence[str] | None,
                 batch_size: int, errors: str, encoding: str | None, progress: bool,
                 max_bytes: int | None = 200_000_000) -> None:
        check_choice("errors", errors, ("raise", "skip"))
        batch_size = check_int("batch_size", batch_size, 1)
        self._paths = [os.fspath(p) for p in paths]
        self._ids = ([str(i) for i in ids] if ids is not None
                     else [Path(p).stem for p in self._paths])
        if len(self._ids) != len(self._paths):
            raise ValueError(f"{len(self._ids)} ids for {len(self._paths)} files")
        self._batch, self._errors, self._encoding = batch_size, errors, encoding
        self._progress = progress
        self._max_bytes = max_bytes
        self.errors: list[Any] = []
        """Files left out (``FileError``), set by each pass."""

    def __len__(self) -> int:
        return len(self._paths)

    def _cores(self, desc: str) -> Iterator[tuple[int, CorpusCore, list[int]]]:
        """Each batch read and parsed, in order, with the positions of its documents in the
        stream; bad files recorded (or raised)."""
        self.errors = []
        bar = None
        if self._progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(self._paths), desc=desc, unit="file")
        try:
            for k, start in enumerate(range(0, len(self._paths), self._batch)):
                paths = self._paths[start:start + self._batch]
                core, bad = CorpusCore.from_paths(
                    paths, self._ids[start:start + self._batch], encoding=self._encoding,
                    errors="strict", skip=self._errors == "skip", max_bytes=self._max_bytes)
                self.errors.extend(FileError(*b) for b in bad)
                failed = {b[0] for b in bad}
                kept = [start + i for i, p in enumerate(paths) if p not in failed]
                if bar is not None:
                    bar.update(len(paths))
                yield k, core, kept
                # Let the batch go before the next is read: one batch in memory, not two.
                del core
        finally:
            if bar is not None:
                bar.close()

    def stats(self, analyzer: Analyzer | None = None, unit: str = "document") -> CorpusStats:
        """The corpus statistics (units; per term its document and collection frequency),
        merged batch by batch."""
        total: CorpusStats | None = None
        for k, core, _ in self._cores("counting"):
            s = count_block(core, analyzer, unit, k).stats()
            del core
            total = s if total is None else total.merge(s)
        if total is None:
            raise ValueError("the stream has no files: give some paths")
        return total

    def frequency(self, analyzer: Analyzer | None = None, top: int | None = None
                  ) -> pd.DataFrame:
        """``Corpus.frequency()``: ``term, count, doc_count``, most frequent first."""
        top = check_int("top", top, 0, none=True)
        terms, cf, df = self.stats(analyzer).frequency()
        out = pd.DataFrame({"term": np.array(terms, dtype=object),
                            "count": np.asarray(cf, dtype=np.int64),
                            "doc_count": np.asarray(df, dtype=np.int64)})
        out = out[out["count"] > 0]
        out = out.sort_values(["count", "term"], ascending=[False, True], kind="stable")
        out = out.reset_index(drop=True)
        return out.head(top) if top is not None else out

    def keywords(self, top_k: int = 20, idf: str = "corpus",
                 analyzer: Analyzer | None = None) -> pd.DataFrame:
        """``Corpus.keywords(method="tfidf")``, the idf learnt from the whole stream."""
        top_k = check_int("top_k", top_k, 0)
        check_choice("idf", idf, ("corpus", "jieba"))
        stats = self.stats(analyzer)
        frames = []
        for k, core, _ in self._cores("keywords"):
            rows = count_block(core, analyzer, "document", k).keywords(stats, top_k, idf)
            frames.append(pd.DataFrame(
                [(d, r + 1, t, w) for d, kws in zip(core.ids, rows, strict=True)
                 for r, (t, w) in enumerate(kws)],
                columns=["doc_id", "rank", "term", "weight"]))
            del core
        return pd.concat(frames, ignore_index=True)

    def dtm(self, out: str | os.PathLike[str], analyzer: Analyzer | None = None,
            unit: str = "document", min_df: int | float = 1, max_df: int | float = 1.0,
            max_features: int | None = None, binary: bool = False) -> StreamedMatrix:
        """``Corpus.dtm(...)`` of the whole stream written to ``out`` (an ``.npz`` that
        ``scipy.sparse.load_npz`` reads): the same terms, rows and values as the in-memory
        corpus of the same files."""
        stats = self.stats(analyzer, unit)
        n = stats.n_units
        terms, cf, df = stats.frequency()
        dfa, cfa = np.asarray(df, dtype=np.int64), np.asarray(cf, dtype=np.int64)
        low, high = _bound("min_df", min_df, n), _bound("max_df", max_df, n)
        if high < low:
            raise ValueError("max_df corresponds to < documents than min_df")
        mask = (dfa >= low) & (dfa <= high)
        if max_features is not None:
            max_features = check_int("max_features", max_features, 1, none=True)
            kept = np.flatnonzero(mask)
            if len(kept) > max_features:
                # As scikit-learn: stable, so ties keep term order.
                ranked = (dfa if binary else cfa)[kept]
                top = kept[np.argsort(-ranked, kind="stable")[:max_features]]
                mask = np.zeros(len(terms), dtype=bool)
                mask[top] = True
        kept_terms = [t for t, m in zip(terms, mask, strict=True) if m]
        if not kept_terms and terms:
            raise ValueError("After pruning, no terms remain. Try a lower min_df or a "
                             "higher max_df.")
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        writers = {name: _NpyWriter(path, name, dtype) for name, dtype in
                   [("indices", np.int32), ("data", np.float64),
                    ("wenmai_documents", np.int64)]
                   + [(f"wenmai_units_{c}", np.int64) for c in _UNIT_COLUMNS]}
        indptr = [np.zeros(1, dtype=np.int64)]
        rows, at, docs = 0, 0, 0
        for k, core, kept in self._cores("writing"):
            block = count_block(core, analyzer, unit, k)
            del core
            # The batch's rows over the kept terms, made in Rust (no matrix of the batch).
            lens, cols, counts = block.rows_over(kept_terms)
            writers["indices"].write(cols)
            writers["data"].write(np.ones(len(counts)) if binary else counts)
            indptr.append(at + np.cumsum(lens, dtype=np.int64))
            at += int(lens.sum())
            for name, col in zip(_UNIT_COLUMNS, block.unit_columns(), strict=True):
                writers[f"wenmai_units_{name}"].write(col + docs if name == "document"
                                                     else col)
            writers["wenmai_documents"].write(np.asarray(kept, dtype=np.int64))
            docs += len(kept)
            rows += len(lens)
            del block, lens, cols, counts
        shape = (rows, len(kept_terms))
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED,
                             allowZip64=True) as zf:
            for w in writers.values():
                w.into(zf)
            _small(zf, "indptr", np.concatenate(indptr).astype(np.int64))
            _small(zf, "format", np.array("csr"))
            _small(zf, "shape", np.array(shape, dtype=np.int64))
        return StreamedMatrix(path, kept_terms, self._ids, shape)
