"""Charts of the corpus statistics: keyness bars and co-occurrence networks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ._charts import _new_axes
from ._font import cjk_font, font_properties


def keyness(
    data: pd.DataFrame,
    top: int = 20,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    names: tuple[str, str] = ("target", "reference"),
    colors: tuple[Any, Any] = ("C3", "C0"),
) -> Axes:
    """Bar chart of ``corpus.keyness(...)`` as quanteda's ``textplot_keyness``: the ``top``
    terms most typical of the target (positive statistic) above, the ``top`` most typical
    of the reference (negative) below, each bar labelled with its term.

    Examples
    --------
    >>> import pandas as pd
    >>> import wenmai.plot as wp
    >>> k = pd.DataFrame({"term": ["新", "旧", "中"], "stat": [9.0, -4.0, 0.5]})
    >>> ax = wp.keyness(k, top=1)
    >>> [float(p.get_width()) for p in ax.patches]
    [9.0, -4.0]
    """
    if not {"term", "stat"} <= set(data.columns):
        raise ValueError("keyness expects corpus.keyness(...): a DataFrame with term and stat")
    ordered = data.sort_values("stat", ascending=False, kind="stable")
    pos = ordered[ordered["stat"] > 0].head(top)
    neg = ordered[ordered["stat"] < 0].tail(top)
    shown = pd.concat([pos, neg])
    values = shown["stat"].to_numpy(dtype=float)
    with cjk_font():
        ax = _new_axes(ax, (6.4, 0.28 * len(shown) + 1.4))
        y = np.arange(len(shown))
        bar_colors = [colors[0] if v > 0 else colors[1] for v in values]
        ax.barh(y, values, color=bar_colors)
        for yi, (term, v) in enumerate(zip(shown["term"], values, strict=True)):
            ax.text(v, yi, f" {term} ", va="center",
                    ha="left" if v >= 0 else "right", fontsize=8)
        ax.set_yticks([])
        ax.invert_yaxis()
        ax.axvline(0, color="0.3", linewidth=0.8)
        ax.margins(x=0.18)
        ax.set_xlabel(f"{_measure_name(data)}  (+ {names[0]}, − {names[1]})")
        ax.spines[["top", "right", "left"]].set_visible(False)
        if title:
            ax.set_title(title)
    return ax


def _measure_name(data: pd.DataFrame) -> str:
    return str(data.attrs.get("measure", "stat"))


def network(
    fcm: Any,
    top: int = 40,
    *,
    edges: int = 80,
    ax: Axes | None = None,
    title: str | None = None,
    seed: int = 0,
    node_color: Any = "C1",
    edge_color: Any = "0.55",
) -> Axes:
    """A co-occurrence network (quanteda's ``textplot_network``) of ``corpus.cooccurrence()``
    or a square DataFrame of terms: among the ``top`` terms with the most co-occurrences,
    ``edges`` links as lines (width by weight: each term's two strongest, then the
    strongest others) and the terms they join as
    nodes (area by their total), laid out by networkx's spring layout (``seed`` makes it
    repeatable).

    Examples
    --------
    >>> import pandas as pd
    >>> import wenmai.plot as wp
    >>> m = pd.DataFrame([[0, 3, 1], [3, 0, 0], [1, 0, 0]], index=list("甲乙丙"),
    ...                  columns=list("甲乙丙"))
    >>> ax = wp.network(m, top=3)
    >>> sorted(t.get_text() for t in ax.texts)
    ['丙', '乙', '甲']
    """
    import networkx as nx  # the layout library of the field; in the plot extra

    frame = fcm if isinstance(fcm, pd.DataFrame) else fcm.to_pandas()
    values = frame.to_numpy(dtype=float)
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise ValueError("network expects a square co-occurrence matrix (terms x terms)")
    off = values.copy()
    np.fill_diagonal(off, 0.0)
    # A symmetric matrix holds each pair twice; a triangular or ordered one once per direction.
    sym = off if np.allclose(off, off.T) else off + off.T
    terms = [str(t) for t in frame.index]
    strength = sym.sum(axis=1)
    keep = sorted(range(len(terms)), key=lambda i: (-strength[i], terms[i]))[:top]
    sub = sym[np.ix_(keep, keep)]
    pairs = [(sub[a, b], a, b) for a in range(len(keep)) for b in range(a + 1, len(keep))
             if sub[a, b] > 0]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    # Each term's two strongest links first, then the strongest others: the hubs' links
    # alone would leave most terms unlinked.
    backbone = {p for n in range(len(keep))
                for p in [q for q in pairs if n in (q[1], q[2])][:2]}
    shown = sorted(backbone, key=lambda p: (-p[0], p[1], p[2]))[:edges]
    shown += [p for p in pairs if p not in backbone][: max(0, edges - len(shown))]
    top_weight = max((w for w, _, _ in shown), default=1.0)
    graph = nx.Graph()
    # Layout weights in (0, 1]: raw counts of a few hub pairs would pull every node onto one spot.
    graph.add_weighted_edges_from((a, b, 0.1 + 0.9 * w / top_weight) for w, a, b in shown)
    pos = nx.spring_layout(graph, weight="weight", seed=seed,
                           k=2.0 / np.sqrt(max(graph.number_of_nodes(), 1)), iterations=200)
    # Terms without a shown link are left out: alone, they would only stretch the layout.
    linked = sorted(graph.nodes)
    with cjk_font():
        ax = _new_axes(ax, (7.0, 6.0))
        for w, a, b in shown:
            (x0, y0), (x1, y1) = pos[a], pos[b]
            ax.plot([x0, x1], [y0, y1], color=edge_color, alpha=0.6,
                    linewidth=0.5 + 3.5 * w / top_weight, zorder=1)
        size = strength[[keep[i] for i in linked]]
        area = 60 + 900 * size / (size.max() if size.size and size.max() > 0 else 1)
        xy = np.array([pos[i] for i in linked]).reshape(-1, 2)
        ax.scatter(xy[:, 0], xy[:, 1], s=area, color=node_color, alpha=0.8, zorder=2)
        fp = font_properties(9)
        for (x, y), i in zip(xy, linked, strict=True):
            ax.text(x, y, terms[keep[i]], ha="center", va="center", fontproperties=fp,
                    zorder=3)
        ax.set_axis_off()
        ax.margins(0.08)
        if title:
            ax.set_title(title)
    return ax
