"""The rhetoric part of ``wenmai report``: for one document its parallel groups (排比) with
their frames, four-character share and idioms, enumerations; for a folder the style table
by year when the documents have dates.

All numbers come from the Python API (``wenmai.parallelisms``, ``Corpus.style``,
``Corpus.four_char``, ``Corpus.enumerations``, for one document through the pandas-free
functions under them); this module arranges them.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

import wenmai
from wenmai._cli.output import plain, table

MAX_GROUPS = 20
MAX_IDIOMS = 30
GROUP_CHARS = 60
RUN_KINDS = (("shi", "一是…N是"), ("yao", "一要…"), ("order", "首先…最后"), ("di", "第一，…"))
YEAR_STYLE = (
    ("chars", "characters", "{:,.0f}"),
    ("sentence_len_mean", "sentence", "{:.1f}"),
    ("four_char_share", "4-char", "{:.3f}"),
    ("idioms_per_1k", "idioms/1k", "{:.2f}"),
    ("parallel_per_1k", "parallel/1k", "{:.2f}"),
    ("parallel_share", "in parallel", "{:.3f}"),
    ("enumeration_density", "points/1k", "{:.2f}"),
    ("directives_per_1k", "directives/1k", "{:.1f}"),
    ("readability3", "readability3", "{:.1f}"),
)


def _short(text: str, n: int = GROUP_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _fmt(value: Any, spec: str) -> str:
    try:
        return spec.format(value)
    except (TypeError, ValueError):
        return str(value)


def document_rhetoric(corpus: Any, doc: Any) -> dict[str, Any]:
    """The rhetoric of one document as plain data: ``summary`` (measure, value) pairs,
    ``groups`` (parallel groups), ``idioms`` (idiom, count) and ``enumerations``; the values of
    ``Corpus.style``, ``Corpus.four_char`` and ``Corpus.enumerations``, read without pandas."""
    from wenmai._rhetoric.enumeration import enumeration_columns
    from wenmai._rhetoric.style import style_values
    from wenmai._wenmai import corpus_four_char

    groups = wenmai.parallelisms(doc)
    style = style_values(doc)
    four = corpus_four_char(corpus._core, 2, None)
    idioms = [(str(e), int(c)) for e, c, idiom in
              zip(four["expression"], four["count"], four["idiom"], strict=True) if idiom]
    enum = {k: v[0] for k, v in enumeration_columns(corpus).items()}
    summary = [
        ("parallel groups", len(groups)),
        ("parallel groups per 1,000 characters", _fmt(style.get("parallel_per_1k"), "{:.2f}")),
        ("share of text in parallel groups", _fmt(style.get("parallel_share"), "{:.3f}")),
        ("four-character share of words", _fmt(style["four_char_share"], "{:.3f}")),
        ("idioms (distinct, occurrences per 1,000)",
         f"{len(idioms)}, {_fmt(style['idioms_per_1k'], '{:.2f}')}"),
        ("outline depth", int(enum["depth"])),
        ("enumeration points", int(enum["points"])),
        ("directive words per 1,000", _fmt(style["directives_per_1k"], "{:.1f}")),
        ("readability (cntext 1-3)", ", ".join(
            _fmt(style[f"readability{i}"], "{:.2f}") for i in (1, 2, 3))),
    ]
    runs = [(label, int(enum[f"{k}_runs"]), int(enum[f"{k}_longest"]),
             _fmt(enum[f"{k}_share"], "{:.3f}"))
            for k, label in RUN_KINDS if int(enum[f"{k}_runs"])]
    return {
        "summary": summary,
        "groups": [{"kind": g.kind, "frame": g.frame, "members": len(g.members),
                    "text": g.text, "start": g.start, "end": g.end} for g in groups],
        "idioms": idioms,
        "enumerations": runs,
        "style": style,
        "outline": enum,
    }


def plain_rhetoric(data: dict[str, Any]) -> dict[str, Any]:
    """``document_rhetoric`` as JSON would have it (records, plain values)."""
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


def render_document_rhetoric(console: Console, rhetoric: dict[str, Any]) -> None:
    """Parallel groups, four-character expressions and idioms, enumerations of one document,
    from the ``rhetoric`` of ``document_data``."""
    console.print(table("Rhetoric", ("measure", "value"),
                        [(r["measure"], r["value"]) for r in rhetoric["summary"]]))
    groups = rhetoric["parallel_groups"]
    if groups:
        rows = [(i + 1, g["kind"], g["frame"], g["members"], _short(g["text"]))
                for i, g in enumerate(groups[:MAX_GROUPS])]
        title = f"Parallel groups ({len(groups)}" + (
            f", first {MAX_GROUPS})" if len(groups) > MAX_GROUPS else ")")
        console.print(table(title, ("#", "kind", "frame", "members", "text"), rows,
                            numeric=("#", "members")))
    idioms = [(r["idiom"], r["count"]) for r in rhetoric["idioms"]]
    if idioms:
        console.print(table(f"Idioms ({len(idioms)})", ("idiom", "count"),
                            idioms[:MAX_IDIOMS], numeric=("count",)))
    runs = [(r["kind"], r["runs"], r["longest"], r["share"]) for r in rhetoric["enumerations"]]
    if runs:
        console.print(table("Enumerations", ("kind", "runs", "longest", "share of text"),
                            runs, numeric=("runs", "longest")))


def style_by_year(corpus: Any) -> Any:
    """``corpus.style(by="year")`` when at least two documents have a year; else None."""
    docvars = corpus.docvars
    if "year" not in docvars.columns or docvars["year"].dropna().nunique() < 2:
        return None
    return corpus.style(by="year")


def corpus_style(corpus: Any) -> tuple[list[str], list[tuple[str, ...]]] | None:
    """The style table by year (column labels, formatted rows), when at least two documents
    have a year; else None."""
    frame = style_by_year(corpus)
    if frame is None:
        return None
    columns = [(c, label, spec) for c, label, spec in YEAR_STYLE if c in frame.columns]
    rows = [(str(year), *(_fmt(row[c], spec) for c, _, spec in columns))
            for year, row in frame.iterrows()]
    return ["year", *(label for _, label, _ in columns)], rows


def render_corpus_style(console: Console, corpus: Any) -> None:
    """The style table by year, when at least two documents have a year."""
    found = corpus_style(corpus)
    if found is None:
        return
    columns, rows = found
    console.print(table("Style by year", columns, rows, numeric=tuple(columns[1:])))


__all__ = ["corpus_style", "document_rhetoric", "plain_rhetoric", "render_corpus_style",
           "render_document_rhetoric", "style_by_year"]
