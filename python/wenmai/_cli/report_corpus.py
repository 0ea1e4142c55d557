"""What a folder's report adds to its counts: the date range, the documents missing a title
or a date, and the top terms and keywords of each year.

All numbers come from the Python API: ``Corpus.docvars`` for the dates, and the report's
``DocTermMatrix`` grouped by year (``dtm.group("year")``, summed as quanteda's
``dfm_group``) for the terms; keywords of a year are its terms weighed as
``Corpus.keywords`` weighs a document's (count / tokens x ln(years / years with the term)),
so a year's keywords are what sets it apart from the other years.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from rich.console import Console
from rich.rule import Rule
from rich.text import Text
from scipy import sparse

from wenmai._cli.output import cell, frame_rows, plain, table
from wenmai._cli.report import MAX_ROWS, Analysis, top_of_rows

YEAR_TERMS = 10  # terms and keywords shown per year
DOC_KEYWORDS = 10  # keywords shown per document


@dataclass
class YearRow:
    """One year of the corpus: its documents, its top terms and its keywords."""

    year: int
    documents: int
    terms: list[tuple[str, int]]
    keywords: list[tuple[str, float]]


def date_range(analysis: Analysis) -> tuple[Any, Any] | None:
    """The earliest and the latest publication date, or None when no document has one."""
    dates = [d.meta.published for d in analysis.loaded.documents if d.meta.published]
    if not dates:
        return None
    # Dates and dates with a time compare by their ISO text, which sorts the same way.
    ordered = sorted(dates, key=lambda d: str(plain(d)))
    return ordered[0], ordered[-1]


def missing_title_or_date(analysis: Analysis) -> list[tuple[str, str]]:
    """``(doc_id, "title" | "date" | "title, date")`` for each document lacking them."""
    out = []
    for source, doc in zip(analysis.loaded.sources, analysis.loaded.documents, strict=True):
        lacks = [name for name, value in (("title", doc.meta.title),
                                          ("date", doc.meta.published)) if not value]
        if lacks:
            out.append((source.doc_id, ", ".join(lacks)))
    return out


def by_year(analysis: Analysis, k: int) -> list[YearRow]:
    """Top terms (by count) and keywords (tf-idf over the years) of each year, when at least
    two years have documents; numbers left out unless the analysis keeps them."""
    docvars = analysis.loaded.corpus.docvars
    if analysis.dtm is None or "year" not in docvars.columns:
        return []
    if docvars["year"].dropna().nunique() < 2:
        return []
    grouped = analysis.dtm.group("year")
    units = grouped.units
    terms = list(grouped.terms)
    keep = analysis.keep_numbers
    matrix = grouped.to_scipy()
    counts = top_of_rows(matrix, terms, k, keep, int)
    # Weighed as Corpus.keywords weighs documents (count / total x ln(n / df)), over years.
    idf = np.log(matrix.shape[0] / np.maximum(grouped.document_frequency().astype(float), 1))
    totals = np.maximum(np.asarray(matrix.sum(axis=1)).ravel(), 1)
    weighted = sparse.diags(1 / totals) @ matrix @ sparse.diags(idf)
    weighted = sparse.csr_matrix(weighted)
    weighted.eliminate_zeros()  # a term of every year sets no year apart
    weights = top_of_rows(weighted, terms, k, keep, float)
    return [
        YearRow(int(year), int(n), c, w)
        for year, n, c, w in zip(units["year"], units["n_units"], counts, weights, strict=True)
    ]


def document_rows(analysis: Analysis, k: int = DOC_KEYWORDS) -> list[tuple[Any, ...]]:
    """``(doc_id, title, published, keywords)`` of every document, in input order."""
    tfidf = analysis.keywords["tfidf"]
    grouped = {key: g.sort_values("rank") for key, g in tfidf.groupby("doc_id", sort=False)}
    rows = []
    loaded = analysis.loaded
    for source, doc in zip(loaded.sources, loaded.documents, strict=True):
        g = grouped.get(source.doc_id)
        terms = " ".join(g["term"].head(k)) if g is not None else ""
        rows.append((source.doc_id, doc.meta.title, doc.meta.published, terms))
    return rows


def render_corpus(console: Console, analysis: Analysis, name: str, top: int) -> None:
    """A folder: size, dates, skipped files and documents missing a title or date, top
    terms, top terms and keywords by year, keywords per document (a screenful)."""
    loaded = analysis.loaded
    console.print(Rule(Text(f"Corpus: {name}", style="bold")))
    span = date_range(analysis)
    summary: list[tuple[str, Any]] = [
        ("documents", len(loaded.documents)),
        ("characters", int(loaded.corpus.docvars["chars"].sum())),
        ("tokens", int(analysis.tokens_per_doc.sum())),
        ("terms", len(analysis.terms)),
        ("bad files skipped", len(loaded.failures)),
        ("dates", f"{cell(span[0])} – {cell(span[1])}" if span else "none found"),
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
    missing = missing_title_or_date(analysis)
    if missing:
        console.print(table(f"Documents missing a title or date ({len(missing)})",
                            ("document", "missing"), missing))
    freq = analysis.top_terms(top)
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
    years = by_year(analysis, YEAR_TERMS)
    if years:
        console.print(table(
            "Top terms and keywords by year (keywords: tf-idf over the years)",
            ("year", "docs", "top terms", "keywords"),
            [(y.year, y.documents, " ".join(t for t, _ in y.terms),
              " ".join(t for t, _ in y.keywords)) for y in years],
            numeric=("year", "docs"),
        ))
    rows = document_rows(analysis)
    title = "Keywords per document (tf-idf, idf learnt from these documents)"
    if len(rows) > MAX_ROWS:
        title += f": the first {MAX_ROWS} of {len(rows)}"
    console.print(table(title, ("document", "title", "published", "keywords"),
                        rows[:MAX_ROWS]))
    if len(rows) > MAX_ROWS:
        console.print(Text(f"… {len(rows) - MAX_ROWS} more documents: every row is in "
                           "documents.csv and keywords.csv with --out DIR", style="dim"))


__all__ = [
    "YearRow",
    "by_year",
    "date_range",
    "document_rows",
    "missing_title_or_date",
    "render_corpus",
]
