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
TERM_COLUMNS = ("term", "count", "doc_count")
KEYWORD_COLUMNS = ("doc_id", "method", "rank", "term", "weight")
MAX_TREE_NODES = 80
SECTION_TERMS = 8


def make_corpus(texts: list[str], ids: list[str]) -> Any:
    """A corpus over texts already read and decoded (the CLI reads files itself)."""
    return wenmai.Corpus.from_texts(texts, ids=ids)


@dataclass
class Analysis:
    """What a report shows, computed once through the Python API."""

    loaded: Loaded
    counts: Any  # scipy.sparse.csr_matrix, documents x terms
    terms: list[str]
    frequency: Any  # DataFrame: term, count, doc_count, most frequent first
    keywords: dict[str, Any]  # method -> DataFrame: doc_id, rank, term, weight

    @property
    def tokens_per_doc(self) -> np.ndarray:
        return np.asarray(self.counts.sum(axis=1)).ravel().astype(np.int64)

    @property
    def terms_per_doc(self) -> np.ndarray:
        return np.diff(self.counts.indptr).astype(np.int64)


def keywords_of(loaded: Loaded, top: int, method: str, idf: str, progress: bool = False) -> Any:
    """Keywords of every document as a DataFrame ``doc_id, rank, term, weight``.

    tf-idf with idf learnt from the documents is ``Corpus.keywords``; with jieba's idf table,
    and TextRank, it is ``wenmai.keywords`` per document, which gives what
    ``jieba.analyse.extract_tags`` / ``textrank`` give.
    """
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
) -> Analysis:
    """Frequencies, matrix and keywords (tf-idf, TextRank) of the loaded documents."""
    corpus = loaded.corpus
    dtm = corpus.dtm()
    frequency = corpus.frequency()
    keywords = {m: keywords_of(loaded, top, m, idf, progress) for m in methods}
    return Analysis(loaded, dtm.to_scipy(), list(dtm.terms), frequency, keywords)


def top_terms_of_texts(texts: list[str], k: int) -> list[list[tuple[str, int]]]:
    """The k most frequent terms of each text (ties in term order)."""
    if not texts:
        return []
    dtm = make_corpus(texts, [str(i) for i in range(len(texts))]).dtm()
    counts, terms = dtm.to_scipy(), list(dtm.terms)
    out = []
    for i in range(counts.shape[0]):
        row = counts.getrow(i)
        # Columns are in term order, so a stable sort on -count breaks ties by term.
        order = np.argsort(-row.data, kind="stable")[:k]
        out.append([(terms[row.indices[j]], int(row.data[j])) for j in order])
    return out


def section_label(section: Any) -> str:
    marker, heading = section.marker or "", section.heading or ""
    if marker and heading and marker[-1] not in "、.．)）:：":
        return f"{marker} {heading}"
    return f"{marker}{heading}"


def outline_tree(title: str, sections: list[Any]) -> Tree:
    """The outline as a tree; deep levels are cut when there are too many headings."""
    tree = Tree(Text(title), guide_style="dim")
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
    if doc.sections:
        console.print(Text("Outline", style="bold"))
        console.print(outline_tree(title, doc.sections))
    else:
        console.print(Text("Outline: no headings found", style="dim"))
    freq = analysis.frequency.head(top)
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
        per_section = top_terms_of_texts([s.text for s in tops], SECTION_TERMS)
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


def render_corpus(console: Console, analysis: Analysis, name: str, top: int) -> None:
    """A folder: size, skipped files, top terms, keywords per document."""
    loaded = analysis.loaded
    console.print(Rule(Text(f"Corpus: {name}", style="bold")))
    summary = [
        ("documents", len(loaded.documents)),
        ("characters", sum(len(d.text) for d in loaded.documents)),
        ("tokens", int(analysis.tokens_per_doc.sum())),
        ("terms", len(analysis.terms)),
        ("bad files skipped", len(loaded.failures)),
    ]
    console.print(table("Summary", ("", "count"), summary, numeric=("count",)))
    if loaded.failures:
        console.print(
            table(
                "Skipped files",
                ("file", "reason"),
                [(f.name, f.reason) for f in loaded.failures],
            )
        )
    freq = analysis.frequency.head(top)
    console.print(
        table(
            f"Top {len(freq)} terms",
            ("rank", "term", "count", "documents"),
            [
                (i + 1, *row)
                for i, row in enumerate(frame_rows(freq, ("term", "count", "doc_count")))
            ],
            numeric=("rank", "count", "documents"),
        )
    )
    rows = []
    tfidf = analysis.keywords["tfidf"]
    grouped = {k: g.sort_values("rank") for k, g in tfidf.groupby("doc_id", sort=False)}
    for source, doc in zip(loaded.sources, loaded.documents, strict=True):
        g = grouped.get(source.doc_id)
        terms = " ".join(g["term"].head(10)) if g is not None else ""
        rows.append((source.doc_id, doc.meta.title, doc.meta.published, terms))
    console.print(
        table(
            "Keywords per document (tf-idf, idf learnt from these documents)",
            ("document", "title", "published", "keywords"),
            rows,
        )
    )


def write_tables(analysis: Analysis, out: Path, *, bom: bool) -> list[Path]:
    """documents.csv, sections.csv, terms.csv and keywords.csv in ``out``."""
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
    section_terms = top_terms_of_texts([s.text for _, _, s in all_sections], SECTION_TERMS)
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
    files = {
        "documents.csv": (documents, DOCUMENT_COLUMNS),
        "sections.csv": (sections, SECTION_COLUMNS),
        "terms.csv": (frame_rows(analysis.frequency, TERM_COLUMNS), TERM_COLUMNS),
        "keywords.csv": (keywords, KEYWORD_COLUMNS),
    }
    written = []
    for name, (rows, columns) in files.items():
        write_csv(rows, columns, out / name, bom=bom)
        written.append(out / name)
    return written


__all__ = [
    "Analysis",
    "analyse",
    "keywords_of",
    "meta_rows",
    "outline_tree",
    "render_corpus",
    "render_document",
    "write_tables",
]
