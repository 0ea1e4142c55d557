"""The pieces of the HTML report's page: its CSS, tables, the outline, the page itself.

Every text passes through :func:`esc` (``html.escape``); charts are SVG that matplotlib
wrote, inserted as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from wenmai._cli.output import cell
from wenmai._html import escape

FONT_FAMILY = "wenmai CJK"

CSS = f"""
:root {{ --ink: #1f2328; --dim: #656d76; --line: #d0d7de; --bar: #cfe3f7; }}
html {{ font-family: '{FONT_FAMILY}', sans-serif; color: var(--ink); background: #fff; }}
body {{ max-width: 1100px; margin: 0 auto; padding: 24px 32px; line-height: 1.55; }}
h1 {{ font-size: 30px; margin: 8px 0 20px; }}
h2 {{ font-size: 21px; border-bottom: 1px solid var(--line); padding-bottom: 4px;
      margin-top: 36px; }}
h3 {{ font-size: 16px; margin-top: 22px; }}
table {{ border-collapse: collapse; margin: 10px 0 16px; font-size: 14px; }}
th, td {{ border: 1px solid var(--line); padding: 3px 8px; text-align: left;
          vertical-align: top; }}
th {{ background: #f6f8fa; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td.bar {{ background-image: linear-gradient(to right, var(--bar), var(--bar));
          background-repeat: no-repeat; }}
table.kv th {{ width: 14em; font-weight: normal; color: var(--dim); }}
ul.outline, ul.outline ul {{ list-style: none; padding-left: 1.4em; margin: 2px 0; }}
ul.outline {{ padding-left: 0; }}
li.heading > span {{ font-weight: 600; }}
li.point {{ color: #0b5394; font-size: 14px; }}
li.point > span {{ display: inline-block; max-width: 60em; overflow: hidden;
                   text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }}
.chart svg {{ max-width: 100%; height: auto; }}
.pair {{ display: flex; gap: 28px; align-items: flex-start; flex-wrap: wrap; }}
.pair > .chart {{ flex: 1 1 520px; }}
p.terms {{ font-size: 14px; }}
footer {{ margin-top: 40px; color: var(--dim); font-size: 12px; }}
"""


def esc(value: Any) -> str:
    """A value as escaped text (as the terminal tables show it: dates as ISO, None empty)."""
    return escape(cell(value))


def element(tag: str, inner: str, cls: str | None = None) -> str:
    """``<tag class=…>inner</tag>``; ``inner`` is HTML already escaped."""
    attr = f' class="{escape(cls)}"' if cls else ""
    return f"<{tag}{attr}>{inner}</{tag}>"


def section(title: str, inner: str) -> str:
    return element("section", element("h2", esc(title)) + inner)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def rows_table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A table; numbers right-aligned."""
    head = "".join(element("th", esc(c)) for c in columns)
    body = "".join(
        element("tr", "".join(element("td", esc(v), "num" if _is_number(v) else None)
                              for v in row))
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def bar_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], bar: str) -> str:
    """A ranked table whose ``bar`` column carries a bar of its value (CSS only)."""
    j = list(columns).index(bar)
    top = max((float(r[j]) for r in rows), default=0.0) or 1.0
    head = "".join(element("th", esc(c)) for c in ("rank", *columns))
    body = []
    for i, row in enumerate(rows):
        cells = [element("td", esc(i + 1), "num")]
        for k, v in enumerate(row):
            if k == j:
                width = 100 * float(v) / top
                cells.append(f'<td class="num bar" style="background-size: {width:.1f}% 100%">'
                             f"{esc(v)}</td>")
            else:
                cells.append(element("td", esc(v), "num" if _is_number(v) else None))
        body.append(element("tr", "".join(cells)))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def key_values(rows: Iterable[tuple[str, Any]]) -> str:
    body = "".join(element("tr", element("th", esc(k)) + element("td", esc(v)))
                   for k, v in rows)
    return f'<table class="kv"><tbody>{body}</tbody></table>'


def _points(points: list[dict[str, Any]]) -> str:
    return "".join(
        f'<li class="point"><span title="{escape(p["text"])}">{escape(p["text"])}</span></li>'
        for p in points
    )


def outline_list(outline: list[dict[str, Any]], before: list[dict[str, Any]]) -> str:
    """The headings as nested lists, each with its enumeration points (一是…) under it."""
    children: dict[int | None, list[dict[str, Any]]] = {}
    for s in outline:
        children.setdefault(s["parent"], []).append(s)

    def items(parent: int | None) -> str:
        out = []
        for s in children.get(parent, []):
            inner = _points(s["points"]) + items(s["index"])
            sub = f"<ul>{inner}</ul>" if inner else ""
            out.append(f'<li class="heading"><span>{escape(s["label"])}</span>{sub}</li>')
        return "".join(out)

    return f'<ul class="outline">{_points(before)}{items(None)}</ul>'


def pair(first: str, second: str) -> str:
    """Two blocks side by side (a chart and its table), wrapping on a narrow screen."""
    return element("div", first + second, "pair")


def chart(svg: str) -> str:
    """An SVG document as an inline element (its XML prologue and doctype dropped)."""
    start = svg.find("<svg")
    return element("div", svg[start:] if start >= 0 else "", "chart")


def page(title: str, body: str, css: str, font_css: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        f"<style>{font_css}\n{css}</style></head>"
        f"<body>{body}</body></html>\n"
    )


__all__ = [
    "CSS",
    "FONT_FAMILY",
    "bar_table",
    "chart",
    "element",
    "esc",
    "key_values",
    "outline_list",
    "page",
    "pair",
    "rows_table",
    "section",
]
