"""``wenmai report FILE``: one document's report, computed and drawn without pandas or scipy.

A folder's report needs DataFrames (``wenmai._cli.report``); one document needs only its
counts, its keywords and its rhetoric, which the native module gives as lists. Importing
pandas alone took longer than the rest of the sample's report, so this path never does.
The numbers are those of the Python API (``Corpus.frequency``, ``wenmai.keywords``,
``Corpus.style``…), as ``tests/test_cli_report.py`` checks.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.text import Text
from rich.tree import Tree

import wenmai
from wenmai._cli.inputs import Loaded
from wenmai._cli.numbers import is_number
from wenmai._cli.output import plain, table
from wenmai._wenmai import CorpusCore

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
MAX_TREE_NODES = 80
SECTION_TERMS = 8
# Keywords fetched beyond --top, so that --top remain once numbers are left out.
NUMBER_MARGIN = 20
MAX_POINTS = 12  # enumeration points shown under one heading of the outline
POINT_CHARS = 40


def term_counts(core: CorpusCore) -> list[list[tuple[str, int]]]:
    """Every term of each document with its count, most frequent first (ties in term
    order, as ``Corpus.frequency``)."""
    m = core.dtm()
    return [[(t, int(c)) for t, c in row] for row in m.top_terms(m.shape[1])]


def top_terms_of_texts(
    texts: list[str], k: int, keep_numbers: bool = True
) -> list[list[tuple[str, int]]]:
    """The k most frequent terms of each text (ties in term order), numbers left out unless
    ``keep_numbers``."""
    if not texts:
        return []
    rows = term_counts(CorpusCore.from_texts(texts, [str(i) for i in range(len(texts))]))
    return [[(t, c) for t, c in row if keep_numbers or not is_number(t)][:k] for row in rows]


def document_keywords(doc: Any, top: int, method: str, keep_numbers: bool) -> list:
    """``wenmai.keywords`` of one document (jieba's idf for tf-idf), numbers left out and
    the others ranked again unless ``keep_numbers``."""
    if keep_numbers:
        return wenmai.keywords(doc, top_k=top, method=method)
    pairs = wenmai.keywords(doc, top_k=top + NUMBER_MARGIN, method=method)
    return [(t, w) for t, w in pairs if not is_number(t)][:top]


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


def _point(p: Any) -> dict[str, Any]:
    return {"marker": p.marker, "number": p.number, "text": p.text, "start": p.start,
            "end": p.end}


def document_data(loaded: Loaded, top: int, keep_numbers: bool = False) -> dict[str, Any]:
    """One document's report as one plain value (``--format json``, the HTML page and the
    terminal all show it): metadata and counts, outline with points, top terms, keywords by
    tf-idf and TextRank, top terms of each top-level section, rhetoric."""
    from wenmai._cli.rhetoric import document_rhetoric, plain_rhetoric

    source, doc = loaded.sources[0], loaded.documents[0]
    counts = term_counts(loaded.corpus._core)[0]
    shown = counts if keep_numbers else [(t, c) for t, c in counts if not is_number(t)]
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
    per_section = top_terms_of_texts([s.text for _, s in tops], SECTION_TERMS, keep_numbers)
    return {
        "kind": "document",
        "wenmai": wenmai.__version__,
        "keep_numbers": keep_numbers,
        "document": {
            "doc_id": source.doc_id,
            "path": source.path,
            "title": doc.meta.title,
            "meta": {name: plain(value) for name, value in meta_rows(doc)},
            "characters": len(doc.text),
            "paragraphs": len(doc.paragraphs),
            "sentences": len(doc.sentences),
            "sections": len(doc.sections),
            "points": len(doc.points),
            "tokens": sum(c for _, c in counts),
            "terms": len(counts),
        },
        "outline": outline,
        "points_before_headings": [_point(p) for p in under.get(None, [])],
        "top_terms": [{"term": t, "count": c, "doc_count": 1} for t, c in shown[:top]],
        "keywords": {
            method: [{"term": t, "weight": float(w)}
                     for t, w in document_keywords(doc, top, method, keep_numbers)]
            for method in ("tfidf", "textrank")
        },
        "section_terms": [
            {"index": i, "section": section_label(s),
             "terms": [{"term": t, "count": c} for t, c in terms]}
            for (i, s), terms in zip(tops, per_section, strict=True)
        ],
        "rhetoric": plain_rhetoric(document_rhetoric(loaded.corpus, doc)),
    }


def render_document(console: Console, data: dict[str, Any], doc: Any) -> None:
    """One document on the terminal: metadata, outline, top terms, keywords, top terms per
    section, from ``document_data``."""
    info = data["document"]
    title = doc.meta.title or info["doc_id"]
    console.print(Rule(Text(title, style="bold")))
    facts = meta_rows(doc) + [
        ("file", info["doc_id"]),
        *((name, info[name]) for name in
          ("characters", "paragraphs", "sentences", "sections", "tokens", "terms")),
    ]
    console.print(table("Metadata", ("field", "value"), facts))
    if doc.sections or doc.points:
        console.print(Text("Outline", style="bold"))
        console.print(outline_tree(title, doc.sections, doc.points))
    else:
        console.print(Text("Outline: no headings found", style="dim"))
    terms = data["top_terms"]
    console.print(
        table(
            f"Top {len(terms)} terms",
            ("rank", "term", "count"),
            [(i + 1, r["term"], r["count"]) for i, r in enumerate(terms)],
            numeric=("rank", "count"),
        )
    )
    kw = {m: [(r["term"], r["weight"]) for r in rows] for m, rows in data["keywords"].items()}
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
    if data["section_terms"]:
        console.print(
            table(
                "Top terms of each top-level section",
                ("section", "top terms (count)"),
                [
                    (s["section"], "  ".join(f"{t['term']} {t['count']}" for t in s["terms"]))
                    for s in data["section_terms"]
                ],
            )
        )


__all__ = [
    "document_data",
    "document_keywords",
    "meta_rows",
    "outline_tree",
    "render_document",
    "top_terms_of_texts",
]
