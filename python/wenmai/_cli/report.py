"""``wenmai report``: the main job, on one document or on a folder.

All numbers come from the Python API (``wenmai.Corpus``, its ``dtm``, ``frequency`` and
``keywords``); this module only arranges them into tables, a tree and CSV files.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from rich.console import Console
from rich.rule import Rule
from rich.text import Text
from rich.tree import Tree

import wenmai
from wenmai._cli.inputs import Loaded
from wenmai._cli.numbers import drop_numbers, is_number
from wenmai._cli.output import frame_rows, plain, table, write_csv

METHODS = ("tfidf", "textrank")
META_FIELDS = (
    "title",
    "subtitle",
    "published",
    "source",
    "author",
    "author_note",
    "doc_number",
    "issuer",
    "visits",
)
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
MAX_TREE_NODES = 80
SECTION_TERMS = 8
# Keywords fetched beyond --top, so that --top remain once numbers are left out.
NUMBER_MARGIN = 20
MAX_POINTS = 12  # enumeration points shown under one heading of the outline
POINT_CHARS = 40
# Per-document rows a folder's terminal overview shows: a screenful; --out has them all.
MAX_ROWS = 20


def make_corpus(texts: list[str], ids: list[str]) -> Any:
    """A corpus over texts already read and decoded (the CLI reads files itself)."""
    return wenmai.Corpus.from_texts(texts, ids=ids)


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
) -> Any:
    """Keywords of every document as a DataFrame ``doc_id, rank, term, weight``.

    tf-idf with idf learnt from the documents is ``Corpus.keywords``; with jieba's idf table,
    and TextRank, it is ``wenmai.keywords`` per document, which gives what
    ``jieba.analyse.extract_tags`` / ``textrank`` give. Without ``keep_numbers`` the numbers
    are left out and the others ranked again (``top`` of them when there are so many).
    """
    if keep_numbers:
        return _keywords(loaded, top, method, idf, progress)
    frame = drop_numbers(_keywords(loaded, top + NUMBER_MARGIN, method, idf, progress))
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


def top_terms_of_texts(
    texts: list[str], k: int, keep_numbers: bool = True
) -> list[list[tuple[str, int]]]:
    """The k most frequent terms of each text (ties in term order)."""
    if not texts:
        return []
    dtm = make_corpus(texts, [str(i) for i in range(len(texts))]).dtm()
    return top_of_rows(dtm.to_scipy(), list(dtm.terms), k, keep_numbers, int)


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


def section_label(section: Any) -> str:
    marker, heading = section.marker or "", section.heading or ""
    if marker and heading and marker[-1] not in "、.．)）:：":
        return f"{marker} {heading}"
    return f"{marker}{heading}"


def point_label(point: Any) -> str:
    """An enumeration point as the outline shows it: its marker and the start of its text."""
    text = " ".join(point.text.split())
    return text if len(text) <= POINT_CHARS else text[: POINT_CHARS - 1] + "…"


def points_by_section(points: list[Any]) -> dict[int | None, list[Any]]:
    """The enumeration points under each heading (``None``: before the first heading)."""
    out: dict[int | None, list[Any]] = {}
    for p in points:
        out.setdefault(p.section, []).append(p)
    return out


def _add_points(node: Tree, points: list[Any]) -> None:
    for p in points[:MAX_POINTS]:
        node.add(Text(point_label(p), style="cyan"))
    if len(points) > MAX_POINTS:
        node.add(Text(f"… {len(points) - MAX_POINTS} more points", style="dim"))


def outline_tree(title: str, sections: list[Any], points: list[Any] | None = None) -> Tree:
    """The outline as a tree, with the enumeration points (一是…) under their headings;
    deep levels are cut when there are too many headings."""
    tree = Tree(Text(title), guide_style="dim")
    under = points_by_section(points or [])
    _add_points(tree, under.get(None, []))
    max_level = max((s.level for s in sections), default=0)
    while max_level > 1 and sum(s.level <= max_level for s in sections) > MAX_TREE_NODES:
        max_level -= 1
    nodes: dict[int, Tree] = {}
    shown = 0
    for i, s in enumerate(sections):
        if s.level > max_level:
            continue
        if shown == MAX_TREE_NODES:
            tree.add(Text(f"… {len(sections) - i} more headings", style="dim"))
            break
        parent = nodes.get(s.parent) if s.parent is not None else tree
        nodes[i] = (parent or tree).add(Text(section_label(s)))
        _add_points(nodes[i], under.get(i, []))
        shown += 1
    hidden = sum(s.level > max_level for s in sections)
    if hidden:
        tree.add(Text(f"({hidden} headings below level {max_level} not shown)", style="dim"))
    return tree


def meta_rows(doc: Any) -> list[tuple[str, Any]]:
    rows = [(name, getattr(doc.meta, name, None)) for name in META_FIELDS]
    extra = getattr(doc.meta, "extra", None) or {}
    rows += list(extra.items())
    return [(k, v) for k, v in rows if v not in (None, "")]


def keyword_lists(analysis: Analysis, doc_id: str) -> dict[str, list[tuple[str, float]]]:
    out = {}
    for method, frame in analysis.keywords.items():
        rows = frame[frame["doc_id"] == doc_id].sort_values("rank")
        out[method] = list(zip(rows["term"], rows["weight"], strict=True))
    return out


def render_document(console: Console, analysis: Analysis, top: int) -> None:
    """One document: metadata, outline, top terms, keywords, top terms per section."""
    source, doc = analysis.loaded.sources[0], analysis.loaded.documents[0]
    title = doc.meta.title or source.doc_id
    console.print(Rule(Text(title, style="bold")))
    facts = meta_rows(doc) + [
        ("file", source.doc_id),
        ("characters", len(doc.text)),
        ("paragraphs", len(doc.paragraphs)),
        ("sentences", len(doc.sentences)),
        ("sections", len(doc.sections)),
        ("tokens", int(analysis.tokens_per_doc.sum())),
        ("terms", int(analysis.terms_per_doc.sum())),
    ]
    console.print(table("Metadata", ("field", "value"), facts))
    if doc.sections or doc.points:
        console.print(Text("Outline", style="bold"))
        console.print(outline_tree(title, doc.sections, doc.points))
    else:
        console.print(Text("Outline: no headings found", style="dim"))
    freq = analysis.top_terms(top)
    console.print(
        table(
            f"Top {len(freq)} terms",
            ("rank", "term", "count"),
            [(i + 1, *row) for i, row in enumerate(frame_rows(freq, ("term", "count")))],
            numeric=("rank", "count"),
        )
    )
    kw = keyword_lists(analysis, source.doc_id)
    n = max(len(kw["tfidf"]), len(kw["textrank"]))
    pad = [("", None)] * n
    console.print(
        table(
            "Keywords",
            ("rank", "tf-idf", "weight", "TextRank", "weight "),
            [(i + 1, *(kw["tfidf"] + pad)[i], *(kw["textrank"] + pad)[i]) for i in range(n)],
            numeric=("rank", "weight", "weight "),
        )
    )
    tops = [s for s in doc.sections if s.parent is None]
    if tops:
        per_section = top_terms_of_texts(
            [s.text for s in tops], SECTION_TERMS, analysis.keep_numbers
        )
        console.print(
            table(
                "Top terms of each top-level section",
                ("section", "top terms (count)"),
                [
                    (section_label(s), "  ".join(f"{t} {c}" for t, c in terms))
                    for s, terms in zip(tops, per_section, strict=True)
                ],
            )
        )


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
    "meta_rows",
    "outline_tree",
    "render_document",
    "write_tables",
]
