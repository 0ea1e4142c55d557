"""The report as one plain value: what ``wenmai report --format json`` prints and what the
HTML page (``--html``) shows. The keys are described in docs/report.md.

A folder's comes from :class:`~wenmai._cli.report.Analysis` and the Python API, as in the
terminal report; only the shape differs (all rows, full texts, numbers unformatted). One
document's is ``wenmai._cli.report_document.document_data``.
"""

from __future__ import annotations

from typing import Any

import wenmai
from wenmai._cli.output import frame_rows, plain
from wenmai._cli.report import Analysis
from wenmai._cli.report_corpus import (
    YEAR_TERMS,
    by_year,
    date_range,
    document_rows,
    missing_title_or_date,
)
from wenmai._cli.rhetoric import style_by_year


def _terms(frame: Any, columns: tuple[str, ...] = ("term", "count", "doc_count")) -> list:
    return [dict(zip(columns, map(plain, row), strict=True)) for row in frame_rows(frame, columns)]


def corpus_data(analysis: Analysis, name: str, top: int) -> dict[str, Any]:
    """A folder's report: counts, dates, skipped files, documents missing a title or date,
    top terms, top terms and keywords by year, every document's keywords, style by year."""
    loaded = analysis.loaded
    span = date_range(analysis)
    style = style_by_year(loaded.corpus)
    return {
        "kind": "corpus",
        "wenmai": wenmai.__version__,
        "keep_numbers": analysis.keep_numbers,
        "name": name,
        "summary": {
            "documents": len(loaded.documents),
            "characters": int(loaded.corpus.docvars["chars"].sum()),
            "tokens": int(analysis.tokens_per_doc.sum()),
            "terms": len(analysis.terms),
            "bad_files_skipped": len(loaded.failures),
        },
        "dates": {"first": plain(span[0]), "last": plain(span[1])} if span else None,
        "skipped": [{"file": f.name, "reason": f.reason} for f in loaded.failures],
        "missing_title_or_date": [
            {"doc_id": d, "missing": m.split(", ")} for d, m in missing_title_or_date(analysis)
        ],
        "top_terms": _terms(analysis.top_terms(top)),
        "by_year": [
            {
                "year": y.year,
                "documents": y.documents,
                "top_terms": [{"term": t, "count": c} for t, c in y.terms],
                "keywords": [{"term": t, "weight": w} for t, w in y.keywords],
            }
            for y in by_year(analysis, YEAR_TERMS)
        ],
        "documents": [
            {
                "doc_id": doc_id,
                "title": title,
                "published": plain(published),
                "tokens": int(tokens),
                "keywords": keywords.split(),
            }
            for (doc_id, title, published, keywords), tokens in zip(
                document_rows(analysis, top), analysis.tokens_per_doc, strict=True
            )
        ],
        "style_by_year": None if style is None else [
            {"year": plain(year), **{str(k): plain(v) for k, v in row.items()}}
            for year, row in style.iterrows()
        ],
    }


__all__ = ["corpus_data"]
