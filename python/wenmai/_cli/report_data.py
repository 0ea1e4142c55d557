"""The report as one plain value: what ``wenmai report --format json`` prints and what the
HTML page (``--html``) shows. The keys are described in docs/report.md.

Everything comes from :class:`~wenmai._cli.report.Analysis` and the Python API, as in the
terminal report; only the shape differs (all rows, full texts, numbers unformatted).
"""

from __future__ import annotations

from typing import Any

import wenmai
from wenmai._cli.output import frame_rows, plain
from wenmai._cli.report import (
    SECTION_TERMS,
    Analysis,
    keyword_lists,
    meta_rows,
    points_by_section,
    section_label,
    top_terms_of_texts,
)
from wenmai._cli.report_corpus import (
    YEAR_TERMS,
    by_year,
    date_range,
    document_rows,
    missing_title_or_date,
)
from wenmai._cli.rhetoric import document_rhetoric, style_by_year


def _terms(frame: Any, columns: tuple[str, ...] = ("term", "count", "doc_count")) -> list:
    return [dict(zip(columns, map(plain, row), strict=True)) for row in frame_rows(frame, columns)]


def _point(p: Any) -> dict[str, Any]:
    return {"marker": p.marker, "number": p.number, "text": p.text, "start": p.start,
            "end": p.end}


def document_data(analysis: Analysis, top: int) -> dict[str, Any]:
    """One document's report: metadata and counts, outline with points, top terms,
    keywords by tf-idf and TextRank, top terms of each top-level section, rhetoric."""
    source, doc = analysis.loaded.sources[0], analysis.loaded.documents[0]
    meta = {name: plain(value) for name, value in meta_rows(doc)}
    under = points_by_section(doc.points)
    outline = [
        {
            "index": i,
            "level": s.level,
            "parent": s.parent,
            "marker": s.marker,
            "number": s.number,
            "heading": s.heading,
            "label": section_label(s),
            "start": s.start,
            "end": s.end,
            "points": [_point(p) for p in under.get(i, [])],
        }
        for i, s in enumerate(doc.sections)
    ]
    tops = [(i, s) for i, s in enumerate(doc.sections) if s.parent is None]
    per_section = top_terms_of_texts([s.text for _, s in tops], SECTION_TERMS,
                                     analysis.keep_numbers)
    keywords = keyword_lists(analysis, source.doc_id)
    return {
        "kind": "document",
        "wenmai": wenmai.__version__,
        "keep_numbers": analysis.keep_numbers,
        "document": {
            "doc_id": source.doc_id,
            "path": source.path,
            "title": doc.meta.title,
            "meta": meta,
            "characters": len(doc.text),
            "paragraphs": len(doc.paragraphs),
            "sentences": len(doc.sentences),
            "sections": len(doc.sections),
            "points": len(doc.points),
            "tokens": int(analysis.tokens_per_doc.sum()),
            "terms": int(analysis.terms_per_doc.sum()),
        },
        "outline": outline,
        "points_before_headings": [_point(p) for p in under.get(None, [])],
        "top_terms": _terms(analysis.top_terms(top)),
        "keywords": {
            method: [{"term": t, "weight": float(w)} for t, w in pairs]
            for method, pairs in keywords.items()
        },
        "section_terms": [
            {"index": i, "section": section_label(s),
             "terms": [{"term": t, "count": c} for t, c in terms]}
            for (i, s), terms in zip(tops, per_section, strict=True)
        ],
        "rhetoric": _plain_rhetoric(document_rhetoric(analysis.loaded.corpus, doc)),
    }


def _plain_rhetoric(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "summary": [{"measure": m, "value": plain(v)} for m, v in data["summary"]],
        "style": {str(k): plain(v) for k, v in data["style"].items()},
        "outline": {str(k): plain(v) for k, v in data["outline"].items()},
        "parallel_groups": data["groups"],
        "idioms": [{"idiom": i, "count": c} for i, c in data["idioms"]],
        "enumerations": [
            {"kind": k, "runs": r, "longest": n, "share": s}
            for k, r, n, s in data["enumerations"]
        ],
    }


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
            "characters": sum(len(d.text) for d in loaded.documents),
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


__all__ = ["corpus_data", "document_data"]
