"""HTML views for Jupyter (``_repr_html_``), rendered from the data the native classes expose.

``wenmai.Document._repr_html_`` calls :func:`document_html`; it is attached to the native
class when the package is imported (``wenmai/__init__.py``): a table of the metadata and the
size, and the outline as a collapsible list. Every text is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any


def escape(text: str) -> str:
    """``&``, ``<``, ``>``, ``"`` and ``'`` as entities (``'`` as ``&#39;``)."""
    return html.escape(text, quote=True).replace("&#x27;", "&#39;")


def _date(value: dt.date) -> str:
    """A date as ``2008-12-09``, a date and time as ``2008-12-09 08:26:00`` (with a fraction
    of a second in milliseconds or microseconds when there is one)."""
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    micro = value.microsecond
    if micro:
        text += f".{micro // 1000:03d}" if micro % 1000 == 0 else f".{micro:06d}"
    return text


def document_html(doc: Any) -> str:
    """HTML for Jupyter: a metadata table and a collapsible outline."""
    m = doc.meta
    rows: list[tuple[str, str]] = []
    for key in ("title", "subtitle"):
        value = getattr(m, key)
        if value is not None:
            rows.append((key, value))
    if m.published is not None:
        rows.append(("published", _date(m.published)))
    for key in ("source", "author", "author_note", "doc_number", "issuer"):
        value = getattr(m, key)
        if value is not None:
            rows.append((key, value))
    if m.visits is not None:
        rows.append(("visits", str(m.visits)))
    rows.extend(m.extra_pairs)
    sections = doc.sections
    rows.append((
        "size",
        f"{len(doc)} chars, {len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, "
        f"{len(sections)} sections, {len(doc.points)} points",
    ))
    out = ['<div class="wenmai-document">\n<table>\n']
    for key, value in rows:
        out.append(
            f'<tr><th style="text-align:left">{escape(key)}</th>'
            f'<td style="text-align:left">{escape(value)}</td></tr>\n'
        )
    out.append("</table>\n")
    out.append(f"<details><summary>Outline ({len(sections)} headings)</summary>\n<div>\n")
    for s in sections:
        out.append(
            f'<div style="padding-left:{(max(s.level, 1) - 1) * 2}em">'
            f"{escape(s.marker)} {escape(s.heading)}</div>\n"
        )
    out.append("</div></details>\n</div>")
    return "".join(out)


def _repr_html_(self: Any) -> str:
    """HTML for Jupyter: a metadata table and a collapsible outline."""
    return document_html(self)
