"""``wenmai report``: the analysis of a folder (and of one document for ``--out`` and
``--html``) as DataFrames, and the CSV or Parquet tables.

All numbers come from the Python API (``wenmai.Corpus``, its ``dtm``, ``frequency`` and
``keywords``); this module only arranges them. One document on the terminal or as JSON is
``wenmai._cli.report_document``, which needs no pandas.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import wenmai
from wenmai._cli.inputs import Loaded
from wenmai._cli.numbers import drop_numbers, is_number
from wenmai._cli.output import frame_rows, plain, write_csv
from wenmai._cli.report_document import (
    META_FIELDS,
    NUMBER_MARGIN,
    SECTION_TERMS,
    top_terms_of_texts,
)

METHODS = ("tfidf", "textrank")
DOCUMENT_COLUMNS = (
    "doc_id",
    "path",
    *META_FIELDS,
    "characters",
    "paragraphs",
    "sentences",
    "sections",
    "tokens",
    "terms",
)
SECTION_COLUMNS = (
    "doc_id",
    "section",
    "parent",
    "level",
    "marker",
    "number",
    "heading",
    "start",
    "end",
    "characters",
    "top_terms",
)
TERM_COLUMNS = ("term", "count", "doc_count", "number")
KEYWORD_COLUMNS = ("doc_id", "method", "rank", "term", "weight")
# Per-document rows a folder's terminal overview shows: a screenful; --out has them all.
MAX_ROWS = 20


@dataclass
class Analysis:
    """What a report shows, computed once through the Python API."""

    loaded: Loaded
    counts: Any  # scipy.sparse.csr_matrix, documents x terms
    terms: list[str]
    frequency: Any  # DataFrame: term, count, doc_count, most frequent first (every term)
    keywords: dict[str, Any]  # method -> DataFrame: doc_id, rank, term, weight
    keep_numbers: bool = False
    dtm: Any = None  # the DocTermMatrix counts come from

    def top_terms(self, k: int | None = None) -> Any:
        """The most frequent terms, numbers left out unless ``keep_numbers``."""
        freq = self.frequency if self.keep_numbers else drop_numbers(self.frequency)
        return freq if k is None else freq.head(k)

    @property
    def tokens_per_doc(self) -> np.ndarray:
        return np.asarray(self.counts.sum(axis=1)).ravel().astype(np.int64)

    @property
    def terms_per_doc(self) -> np.ndarray:
        return np.diff(self.counts.indptr).astype(np.int64)


def keywords_of(
    loaded: Loaded,
    top: int,
    method: str,
    idf: str,
    progress: bool = False,
    keep_numbers: bool = True,
    fetch: Any = None,
) -> Any:
    """Keywords of every document as a DataFrame ``doc_id, rank, term, weight``.

    tf-idf with idf learnt from the documents is ``Corpus.keywords``; with jieba's idf table,
    and TextRank, it is ``wenmai.keywords`` per document, which gives what
    ``jieba.analyse.extract_tags`` / ``textrank`` give. Without ``keep_numbers`` the numbers
    are left out and the others ranked again (``top`` of them when there are so many).
    ``fetch(k)`` gives the top ``k`` when they come from elsewhere (a Dask cluster).
    """
    def get(k: int) -> Any:
        return fetch(k) if fetch is not None else _keywords(loaded, k, method, idf, progress)

    if keep_numbers:
        return get(top)
    frame = drop_numbers(get(top + NUMBER_MARGIN))
    frame["rank"] = frame.groupby("doc_id", sort=False).cumcount() + 1
    return frame[frame["rank"] <= top].reset_index(drop=True)


def _keywords(loaded: Loaded, top: int, method: str, idf: str, progress: bool) -> Any:
    if method == "tfidf" and idf == "corpus":
        return loaded.corpus.keywords(top_k=top, method="tfidf", idf="corpus")
    from tqdm import tqdm

    docs = tqdm(
        list(zip(loaded.ids, loaded.documents, strict=True)),
        desc=f"keywords ({method})",
        unit="doc",
        file=sys.stderr,
        disable=not progress or len(loaded.documents) < 2,
        leave=False,
    )
    rows = [
        (doc_id, rank, term, weight)
        for doc_id, doc in docs
        for rank, (term, weight) in enumerate(
            wenmai.keywords(doc, top_k=top, method=method), start=1
        )
    ]
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "weight"])


def analyse(
    loaded: Loaded,
    top: int,
    idf: str,
    methods: tuple[str, ...] = METHODS,
    progress: bool = False,
    keep_numbers: bool = False,
) -> Analysis:
    """Frequencies, matrix and keywords (tf-idf, TextRank) of the loaded documents."""
    corpus = loaded.corpus
    dtm = corpus.dtm()
    frequency = corpus.frequency()
    keywords = {m: keywords_of(loaded, top, m, idf, progress, keep_numbers) for m in methods}
    return Analysis(
        loaded, dtm.to_scipy(), list(dtm.terms), frequency, keywords, keep_numbers, dtm
    )


def top_of_rows(
    matrix: Any, terms: list[str], k: int, keep_numbers: bool, kind: Any = float
) -> list[list[tuple[str, Any]]]:
    """The k largest values of each row of a csr matrix with their terms (ties in term
    order), numbers left out unless ``keep_numbers``."""
    shown = None if keep_numbers else np.array([not is_number(t) for t in terms], dtype=bool)
    out = []
    for i in range(matrix.shape[0]):
        row = matrix.getrow(i)
        data, indices = row.data, row.indices
        if shown is not None:
            mask = shown[indices]
            data, indices = data[mask], indices[mask]
        # Columns are in term order, so a stable sort on -value breaks ties by term.
        order = np.argsort(-data, kind="stable")[:k]
        out.append([(terms[indices[j]], kind(data[j])) for j in order])
    return out


def write_tables(analysis: Analysis, out: Path, *, bom: bool) -> list[Path]:
    """documents.csv, sections.csv, terms.csv and keywords.csv in ``out``; ``.parquet``
    files instead when the folder's name ends in ``.parquet`` (pyarrow writes them).

    terms.csv has every term (its counts add up to the tokens of documents.csv), with a
    column ``number`` saying which of them the report's lists leave out as numbers."""
    parquet = out.suffix.lower() == ".parquet"
    if parquet:
        _need_pyarrow()
    out.mkdir(parents=True, exist_ok=True)
    loaded = analysis.loaded
    tokens, terms = analysis.tokens_per_doc, analysis.terms_per_doc
    documents = []
    all_sections = []
    for i, (source, doc) in enumerate(zip(loaded.sources, loaded.documents, strict=True)):
        documents.append(
            (
                source.doc_id,
                source.path or "",
                *(plain(getattr(doc.meta, f, None)) for f in META_FIELDS),
                len(doc.text),
                len(doc.paragraphs),
                len(doc.sentences),
                len(doc.sections),
                int(tokens[i]),
                int(terms[i]),
            )
        )
        all_sections += [(source.doc_id, j, s) for j, s in enumerate(doc.sections)]
    section_terms = top_terms_of_texts(
        [s.text for _, _, s in all_sections], SECTION_TERMS, analysis.keep_numbers
    )
    sections = [
        (
            doc_id,
            j,
            s.parent,
            s.level,
            s.marker,
            s.number,
            s.heading,
            s.start,
            s.end,
            s.end - s.start,
            " ".join(f"{t}:{c}" for t, c in top),
        )
        for (doc_id, j, s), top in zip(all_sections, section_terms, strict=True)
    ]
    keywords = []
    for method, frame in analysis.keywords.items():
        for doc_id, rank, term, weight in frame_rows(frame, ("doc_id", "rank", "term", "weight")):
            keywords.append((doc_id, method, rank, term, weight))
    freq = analysis.frequency
    freq = freq.assign(number=freq["term"].map(is_number).astype(bool))
    files = {
        "documents": (documents, DOCUMENT_COLUMNS),
        "sections": (sections, SECTION_COLUMNS),
        "terms": (frame_rows(freq, TERM_COLUMNS), TERM_COLUMNS),
        "keywords": (keywords, KEYWORD_COLUMNS),
    }
    written = []
    for name, (rows, columns) in files.items():
        path = out / f"{name}.{'parquet' if parquet else 'csv'}"
        if parquet:
            frame = pd.DataFrame([[plain(v) for v in r] for r in rows], columns=list(columns))
            frame.to_parquet(path, index=False)
        else:
            write_csv(rows, columns, path, bom=bom)
        written.append(path)
    return written


def _need_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ValueError(
            "--out with a name ending in .parquet writes Parquet files, which needs pyarrow: "
            "pip install 'wenmai[tables]', or give a folder name without .parquet for CSV"
        ) from None


__all__ = [
    "Analysis",
    "analyse",
    "keywords_of",
    "top_of_rows",
    "write_tables",
]
