"""``wenmai report --html FILE``: the report as one self-contained HTML page.

The page needs no network: the CSS is inline, the charts are inline SVG drawn by
``wenmai.plot`` (their text turned into outlines, so they need no font), and the page's own
text is set in the CJK font the plots use, embedded as a subset holding only the characters
the page shows (fontTools), so Chinese renders on a machine without any CJK font. Every text
is escaped. What is shown comes from the same value ``--format json`` prints
(:mod:`wenmai._cli.report_data`), plus the charts drawn from the analysis.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

from wenmai._cli.html_page import (
    CSS,
    FONT_FAMILY,
    bar_table,
    chart,
    element,
    esc,
    key_values,
    outline_list,
    page,
    pair,
    rows_table,
    section,
)
from wenmai._cli.output import cell
from wenmai._cli.report import Analysis
from wenmai._cli.report_document import SECTION_TERMS, section_label, top_terms_of_texts
from wenmai._cli.rhetoric import corpus_style

HEATMAP_TERMS = 15  # columns of a heat map
TREND_TERMS = 6  # lines of the trend chart
MAX_GROUPS = 60  # parallel groups listed on the page


def write_html(data: dict[str, Any], analysis: Analysis, path: Path) -> None:
    """Writes the page for ``data`` (``document_data`` or ``corpus_data``) to ``path``."""
    path.write_text(render_html(data, analysis), encoding="utf-8")


def render_html(data: dict[str, Any], analysis: Analysis) -> str:
    """The page as a string (see the module's docstring)."""
    charts = _Charts()
    if data["kind"] == "document":
        title, body = _document_body(data, analysis, charts)
    else:
        title, body = _corpus_body(data, analysis, charts)
    footer = element("footer", f"wenmai {esc(data['wenmai'])} · numbers "
                     + ("kept" if data["keep_numbers"] else "left out of the term lists")
                     + ("" if charts.available else " · charts need matplotlib (wenmai[plot])"))
    body += footer
    return page(title, body, CSS, font_face(title + body))


def font_face(text: str) -> str:
    """``@font-face`` for the CJK font the plots use, cut down to the characters of
    ``text``; empty when the font or fontTools is not there (the browser's fonts then)."""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont

        from wenmai.plot import FONT_PATH
    except ImportError:
        return ""
    if not FONT_PATH:
        return ""
    wanted = {c for c in text if ord(c) > 0x7F} | {chr(c) for c in range(0x20, 0x7F)}
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.hinting = False
    options.notdef_outline = True
    # A fixed timestamp keeps the page the same from one run to the next.
    font = TTFont(FONT_PATH, lazy=True, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(wanted)))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    kind = "opentype" if str(FONT_PATH).lower().endswith(".otf") else "truetype"
    mime = "font/otf" if kind == "opentype" else "font/ttf"
    return (f"@font-face {{ font-family: '{FONT_FAMILY}'; "
            f"src: url(data:{mime};base64,{data}) format('{kind}'); }}")


class _Charts:
    """Draws with ``wenmai.plot`` into figures of their own (no pyplot, no global state),
    as inline SVG; nothing when matplotlib is not installed."""

    def __init__(self) -> None:
        try:
            from matplotlib.figure import Figure

            import wenmai.plot as wp
        except ImportError:
            self.available = False
            return
        self.available = True
        self.wp, self.Figure = wp, Figure

    def draw(self, name: str, size: tuple[float, float], **kwargs: Any) -> str:
        if not self.available:
            return ""
        import matplotlib

        fig = self.Figure(figsize=size, layout="constrained")
        ax = fig.add_subplot()
        getattr(self.wp, name)(ax=ax, **kwargs)
        buffer = io.StringIO()
        # Fixed ids and no date: the same input gives the same page.
        with matplotlib.rc_context({"svg.hashsalt": "wenmai", "svg.fonttype": "path"}):
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        return chart(buffer.getvalue())


def _figure_height(rows: int) -> float:
    return max(2.5, 0.3 * rows + 1.2)


def _document_body(data: dict[str, Any], analysis: Analysis, charts: _Charts) -> tuple[str, str]:
    doc = data["document"]
    title = doc["title"] or doc["doc_id"]
    parts = [element("h1", esc(title))]
    facts = [*doc["meta"].items(), ("file", doc["doc_id"])] + [
        (k, doc[k]) for k in ("characters", "paragraphs", "sentences", "sections", "points",
                              "tokens", "terms")
    ]
    parts.append(section("Metadata", key_values(facts)))
    if data["outline"] or data["points_before_headings"]:
        parts.append(section("Outline", outline_list(data["outline"],
                                                     data["points_before_headings"])))
    terms = data["top_terms"]
    bars = charts.draw("frequency", (6.5, _figure_height(len(terms))),
                       data={t["term"]: t["count"] for t in terms}, top=len(terms))
    ranked = bar_table(("term", "count"), [(t["term"], t["count"]) for t in terms], "count")
    parts.append(section(f"Top {len(terms)} terms", pair(bars, ranked)))
    kw = data["keywords"]
    tfidf = [(k["term"], k["weight"]) for k in kw.get("tfidf", [])]
    textrank = [(k["term"], k["weight"]) for k in kw.get("textrank", [])]
    n = max(len(tfidf), len(textrank))
    pad = [("", None)] * n
    faces = charts.draw("keywords", (7.5, _figure_height(n)), tfidf=tfidf,
                        textrank=textrank, top=n)
    lists = rows_table(("rank", "tf-idf", "weight", "TextRank", "weight"),
                       [(i + 1, *(tfidf + pad)[i], *(textrank + pad)[i]) for i in range(n)])
    parts.append(section("Keywords", pair(faces, lists)))
    parts.append(_section_heatmap(data, analysis, charts))
    parts.append(_rhetoric(data["rhetoric"]))
    return title, "".join(parts)


def _section_heatmap(data: dict[str, Any], analysis: Analysis, charts: _Charts) -> str:
    """Top-level sections x the document's top terms, per 1,000 tokens of the section."""
    doc = analysis.loaded.documents[0]
    tops = [s for s in doc.sections if s.parent is None]
    if not tops:
        return ""
    rows = [(s["section"], "  ".join(f"{t['term']} {t['count']}" for t in s["terms"]))
            for s in data["section_terms"]]
    table = rows_table(("section", f"top {SECTION_TERMS} terms (count)"), rows)
    if not charts.available or len(tops) < 2:
        return section("Top terms of each top-level section", table)
    import pandas as pd

    terms = [t["term"] for t in data["top_terms"][:HEATMAP_TERMS]]
    counts = top_terms_of_texts([s.text for s in tops], 10**6, True)
    frame = pd.DataFrame([{t: dict(c).get(t, 0) for t in terms} for c in counts],
                         index=[section_label(s) for s in tops])
    totals = [sum(v for _, v in c) for c in counts]
    heat = charts.draw("heatmap", (max(4.0, 0.55 * len(terms) + 3.5), _figure_height(len(tops))),
                       data=frame, terms=terms, per=1000, totals=totals,
                       colorbar_label="per 1,000 tokens of the section")
    return section("Top terms of each top-level section", heat + table)


def _rhetoric(r: dict[str, Any]) -> str:
    parts = [key_values([(s["measure"], s["value"]) for s in r["summary"]])]
    groups = r["parallel_groups"]
    if groups:
        shown = groups[:MAX_GROUPS]
        more = f" (the first {MAX_GROUPS} of {len(groups)})" if len(groups) > MAX_GROUPS else ""
        parts.append(element("h3", esc(f"Parallel groups (排比){more}")))
        parts.append(rows_table(("#", "kind", "frame", "members", "text"),
                                [(i + 1, g["kind"], g["frame"], g["members"], g["text"])
                                 for i, g in enumerate(shown)]))
    if r["idioms"]:
        parts.append(element("h3", esc(f"Idioms ({len(r['idioms'])})")))
        parts.append(element("p", esc("  ".join(f"{i['idiom']} {i['count']}"
                                                for i in r["idioms"])), cls="terms"))
    if r["enumerations"]:
        parts.append(element("h3", "Enumerations"))
        parts.append(rows_table(("kind", "runs", "longest", "share of text"),
                                [(e["kind"], e["runs"], e["longest"], e["share"])
                                 for e in r["enumerations"]]))
    return section("Rhetoric", "".join(parts))


def _corpus_body(data: dict[str, Any], analysis: Analysis, charts: _Charts) -> tuple[str, str]:
    title = f"Corpus: {data['name']}"
    parts = [element("h1", esc(title))]
    summary = list(data["summary"].items())
    dates = data["dates"]
    summary.append(("dates", f"{cell(dates['first'])} – {cell(dates['last'])}"
                    if dates else "none found"))
    parts.append(section("Summary", key_values([(k.replace("_", " "), v)
                                                 for k, v in summary])))
    if data["skipped"]:
        parts.append(section("Skipped files", rows_table(
            ("file", "reason"), [(f["file"], f["reason"]) for f in data["skipped"]])))
    missing = data["missing_title_or_date"]
    if missing:
        parts.append(section(f"Documents missing a title or date ({len(missing)})", rows_table(
            ("document", "missing"), [(m["doc_id"], ", ".join(m["missing"])) for m in missing])))
    terms = data["top_terms"]
    bars = charts.draw("frequency", (6.5, _figure_height(len(terms))),
                       data={t["term"]: t["count"] for t in terms}, top=len(terms))
    ranked = bar_table(("term", "count", "documents"),
                       [(t["term"], t["count"], t["doc_count"]) for t in terms], "count")
    parts.append(section(f"Top {len(terms)} terms", pair(bars, ranked)))
    if data["by_year"]:
        parts.append(_trends(data, analysis, charts))
        parts.append(section(
            "Top terms and keywords by year",
            rows_table(("year", "docs", "top terms", "keywords"),
                       [(y["year"], y["documents"],
                         " ".join(t["term"] for t in y["top_terms"]),
                         " ".join(t["term"] for t in y["keywords"])) for y in data["by_year"]]),
        ))
    parts.append(section(
        f"Documents ({len(data['documents'])}): keywords by tf-idf, idf learnt from these",
        rows_table(("document", "title", "published", "tokens", "keywords"),
                   [(d["doc_id"], d["title"], cell(d["published"]), d["tokens"],
                     " ".join(d["keywords"])) for d in data["documents"]]),
    ))
    style = corpus_style(analysis.loaded.corpus)
    if style is not None:
        parts.append(section("Style by year", rows_table(style[0], style[1])))
    return title, "".join(parts)


def _trends(data: dict[str, Any], analysis: Analysis, charts: _Charts) -> str:
    """The top terms per 10,000 tokens by year: lines, and a heat map of years x terms."""
    if not charts.available:
        return ""
    freq = analysis.loaded.corpus.frequency(by="year")
    freq = freq[freq["year"].notna()].astype({"year": "int64"})
    terms = [t["term"] for t in data["top_terms"]]
    lines = charts.draw("trend", (9.0, 4.4), data=freq, terms=terms[:TREND_TERMS],
                        title=f"The top {min(TREND_TERMS, len(terms))} terms by year")
    wide = freq.pivot_table(index="year", columns="term", values="count", aggfunc="sum",
                            fill_value=0)
    totals = wide.sum(axis=1).to_numpy()
    shown = terms[:HEATMAP_TERMS]
    heat = charts.draw("heatmap", (max(4.0, 0.55 * len(shown) + 3.5),
                                   _figure_height(len(wide))),
                       data=wide.reindex(columns=shown, fill_value=0), terms=shown,
                       per=10_000, totals=totals)
    return section("Trends", lines + heat)


__all__ = ["font_face", "render_html", "write_html"]
