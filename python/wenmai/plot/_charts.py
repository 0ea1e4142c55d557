"""Charts of counts and keywords: frequency, keywords, heatmap, trend, wordcloud."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from ._font import FONT_PATH, cjk_font

_VALUE_COLUMNS = ("count", "weight", "tfidf", "frequency", "freq", "value")


def _series(data: Any, term: str = "term", value: str | None = None) -> pd.Series:
    """``term -> value`` from a DataFrame, Series, mapping or ``(term, value)`` pairs.

    Repeated terms are summed. Sorted by value descending, ties by term.
    """
    if isinstance(data, pd.DataFrame):
        if term not in data.columns:
            raise ValueError(
                f"the DataFrame has no {term!r} column (columns: {list(data.columns)})"
            )
        if value is None:
            value = next((c for c in _VALUE_COLUMNS if c in data.columns), None)
        if value is None or value not in data.columns:
            raise ValueError(
                f"cannot tell which column holds the values (pass value=; columns: "
                f"{list(data.columns)})"
            )
        series = data.groupby(term, sort=False)[value].sum()
    elif isinstance(data, pd.Series):
        series = data.groupby(level=0, sort=False).sum()
    elif isinstance(data, Mapping):
        series = pd.Series(dict(data), dtype=float)
    elif isinstance(data, Iterable) and not isinstance(data, str | bytes):
        pairs = [tuple(p) for p in data]
        if any(len(p) != 2 for p in pairs):
            raise ValueError("expected (term, value) pairs")
        frame = pd.DataFrame(pairs, columns=["term", "value"])
        series = frame.groupby("term", sort=False)["value"].sum()
    else:
        raise TypeError(
            "expected a DataFrame, a Series, a mapping or (term, value) pairs, "
            f"not {type(data).__name__}"
        )
    series = pd.to_numeric(series, errors="raise").dropna()
    series.index = series.index.map(str)
    order = sorted(range(len(series)), key=lambda i: (-series.iloc[i], series.index[i]))
    return series.iloc[order]


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        # A given Axes made its title and tick texts before cjk_font(): give the titles the
        # current font, and let the ticks be made again (lazily, under it).
        for text in (ax.title, ax._left_title, ax._right_title):
            text.set_fontfamily(matplotlib.rcParams["font.family"])
        ax.xaxis.reset_ticks()
        ax.yaxis.reset_ticks()
        return ax
    import matplotlib.pyplot as plt

    _fig, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def _number_format(values: np.ndarray) -> str:
    finite = values[np.isfinite(values)]
    if finite.size and np.allclose(finite, np.round(finite)):
        return "{:.0f}"
    largest = float(np.max(np.abs(finite))) if finite.size else 1.0
    if largest >= 100:
        return "{:.0f}"
    if largest >= 10:
        return "{:.1f}"
    return "{:.2f}" if largest >= 0.1 else "{:.3f}"


# --- helpers -------------------------------------------------------------------------------


def frequency(
    data: Any,
    top: int = 20,
    *,
    term: str = "term",
    value: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    color: Any = None,
    labels: bool = True,
) -> Axes:
    """Horizontal bar chart of the ``top`` terms, the most frequent at the top.

    ``data``: ``corpus.frequency()`` (columns ``term``, ``count``, …; repeated terms, as
    with ``by=``, are summed), a Series or mapping ``term -> count``, or ``(term, count)``
    pairs. ``value`` picks the column (default: ``count``, else ``weight``). ``labels``
    writes each bar's value at its end.

    Examples
    --------
    >>> import pandas as pd
    >>> import wenmai.plot as wp
    >>> df = pd.DataFrame({"term": ["服务", "工作", "创新"], "count": [60, 25, 12]})
    >>> ax = wp.frequency(df, top=2)
    >>> [float(p.get_width()) for p in ax.patches]
    [60.0, 25.0]
    """
    series = _series(data, term, value).head(top)
    with cjk_font():
        ax = _new_axes(ax, (6.4, 0.32 * len(series) + 1.2))
        bars = ax.barh(range(len(series)), series.to_numpy(dtype=float), color=color or "C0")
        ax.set_yticks(range(len(series)), labels=list(series.index))
        ax.invert_yaxis()
        if labels and len(series):
            fmt = _number_format(series.to_numpy(dtype=float))
            ax.bar_label(bars, labels=[fmt.format(v) for v in series], padding=2, fontsize=8)
            ax.margins(x=0.1)
        ax.set_xlabel(xlabel if xlabel is not None else (value or _guess_value(data)))
        if title:
            ax.set_title(title)
        ax.spines[["top", "right"]].set_visible(False)
    return ax


def _guess_value(data: Any) -> str:
    if isinstance(data, pd.DataFrame):
        return next((c for c in _VALUE_COLUMNS if c in data.columns), "")
    return ""


def keywords(
    tfidf: Any,
    textrank: Any,
    *,
    top: int = 15,
    names: tuple[str, str] = ("tf-idf", "TextRank"),
    ax: Axes | None = None,
    title: str | None = None,
    colors: tuple[Any, Any] = ("C0", "C1"),
) -> Axes:
    """Two keyword lists face to face: tf-idf to the left, TextRank to the right.

    ``tfidf`` and ``textrank``: what ``wenmai.keywords(..., method=...)`` returns
    (``(term, weight)`` pairs), a ``corpus.keywords()`` DataFrame for one document (columns
    ``term``, ``weight``), a Series or a mapping. The ``top`` terms of each list are shown;
    each side is scaled to its own largest weight (the two methods' weights are on
    different scales), and a term in only one list has a bar on that side only. Rows are
    ordered by the better of the two ranks.

    Examples
    --------
    >>> import wenmai.plot as wp
    >>> ax = wp.keywords([("服务", 0.9), ("落实", 0.3)], [("服务", 1.0), ("创新", 0.5)])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['服务', '创新', '落实']
    """
    for side in (tfidf, textrank):
        if isinstance(side, pd.DataFrame) and "doc_id" in side.columns:
            if side["doc_id"].nunique() > 1:
                raise ValueError(
                    "keywords of several documents: select one, e.g. df[df.doc_id == '…']"
                )
    left = _series(tfidf, value="weight").head(top)
    right = _series(textrank, value="weight").head(top)
    rank_l = {t: i for i, t in enumerate(left.index)}
    rank_r = {t: i for i, t in enumerate(right.index)}
    missing = top + 1
    terms = sorted(
        set(rank_l) | set(rank_r),
        key=lambda t: (
            min(rank_l.get(t, missing), rank_r.get(t, missing)),
            rank_l.get(t, missing) + rank_r.get(t, missing),
            t,
        ),
    )
    scale_l = float(left.max()) if len(left) and left.max() > 0 else 1.0
    scale_r = float(right.max()) if len(right) and right.max() > 0 else 1.0
    lvals = np.array([-left.get(t, 0.0) / scale_l for t in terms], dtype=float)
    rvals = np.array([right.get(t, 0.0) / scale_r for t in terms], dtype=float)
    y = np.arange(len(terms))
    with cjk_font():
        ax = _new_axes(ax, (7.0, 0.32 * len(terms) + 1.4))
        ax.barh(y, lvals, color=colors[0], label=names[0])
        ax.barh(y, rvals, color=colors[1], label=names[1])
        ax.axvline(0, color="0.3", linewidth=0.8)
        ax.set_yticks(y, labels=terms)
        ax.invert_yaxis()
        ax.set_xlim(-1.15, 1.15)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{abs(x):g}"))
        ax.set_xlabel(f"weight / largest weight  (← {names[0]} | {names[1]} →)")
        for i, t in enumerate(terms):
            if t in rank_l:
                ax.text(
                    lvals[i] - 0.02,
                    i,
                    f"{rank_l[t] + 1}",
                    ha="right",
                    va="center",
                    fontsize=7,
                    color="0.35",
                )
            if t in rank_r:
                ax.text(
                    rvals[i] + 0.02,
                    i,
                    f"{rank_r[t] + 1}",
                    ha="left",
                    va="center",
                    fontsize=7,
                    color="0.35",
                )
        ax.legend(loc="lower right", fontsize=8)
        if title:
            ax.set_title(title)
        ax.spines[["top", "right"]].set_visible(False)
    return ax


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _unit_labels(units: Any, n: int) -> list[str]:
    """Row labels from a matrix's ``units`` DataFrame.

    A ``label``, ``heading`` or ``title`` column if there is one; otherwise the ``doc_id``,
    followed for sections by ``§k`` (``§0``: the text before the first heading) and for
    paragraphs and sentences by ``#k`` (1-based) when a document has several units.
    """
    if not isinstance(units, pd.DataFrame) or len(units) != n:
        return [str(i) for i in range(n)]
    for col in ("label", "heading", "title"):
        if col in units.columns:
            return [
                str(units.index[i]) if _missing(v) else str(v) for i, v in enumerate(units[col])
            ]
    if "doc_id" not in units.columns:
        return [str(i) for i in range(n)]
    ids = [str(v) for v in units["doc_id"]]
    if len(set(ids)) == len(ids):
        return ids
    kinds = units["unit"].tolist() if "unit" in units.columns else [None] * n
    sections = units["section"].tolist() if "section" in units.columns else [None] * n
    indexes = units["index"].tolist() if "index" in units.columns else [None] * n
    labels = []
    for doc, kind, section, index in zip(ids, kinds, sections, indexes, strict=True):
        if kind == "section":
            labels.append(f"{doc} §{0 if _missing(section) else int(section) + 1}")
        elif not _missing(index):
            labels.append(f"{doc} #{int(index) + 1}")
        else:
            labels.append(doc)
    return labels


def _matrix_frame(data: Any, labels: Any) -> tuple[pd.DataFrame, np.ndarray]:
    """``(frame, row_totals)`` from a DataFrame, a document-term matrix or a 2-D array."""
    if isinstance(data, pd.DataFrame):
        frame = data.copy()
        frame.index = frame.index.map(str)
        frame.columns = frame.columns.map(str)
        if labels is not None:
            frame.index = _labels(labels, data.index, len(frame))
        totals = frame.select_dtypes("number").sum(axis=1).to_numpy(dtype=float)
        return frame, totals
    if hasattr(data, "to_scipy") and hasattr(data, "terms"):
        sparse = data.to_scipy()
        dense = np.asarray(sparse.todense(), dtype=float)
        units = getattr(data, "units", None)
        rows = (
            _labels(labels, units, dense.shape[0])
            if labels is not None
            else _unit_labels(units, dense.shape[0])
        )
        frame = pd.DataFrame(dense, index=rows, columns=[str(t) for t in data.terms])
        return frame, dense.sum(axis=1)
    raise TypeError(
        "heatmap expects a DataFrame (rows x terms) or a document-term matrix "
        f"(corpus.dtm(...)), not {type(data).__name__}"
    )


def _labels(labels: Any, units: Any, n: int) -> list[str]:
    if isinstance(labels, str):
        if isinstance(units, pd.DataFrame) and labels in units.columns:
            return [str(v) for v in units[labels]]
        raise ValueError(f"no column {labels!r} to label the rows with")
    out = [str(v) for v in labels]
    if len(out) != n:
        raise ValueError(f"{len(out)} labels for {n} rows")
    return out


def heatmap(
    data: Any,
    terms: Sequence[str] | None = None,
    *,
    top: int | None = None,
    labels: Sequence[Any] | str | None = None,
    per: float | None = None,
    totals: Sequence[float] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    cmap: str = "YlOrRd",
    annotate: bool | None = None,
    colorbar: bool = True,
    colorbar_label: str | None = None,
) -> Axes:
    """Heat map of units (rows: sections, documents, decades, …) x terms (columns).

    ``data``: a DataFrame with one row per unit and one numeric column per term, or the
    matrix ``corpus.dtm(...)`` returns (its ``units`` give the row labels: a ``heading`` or
    ``title`` column, else the ``doc_id`` with ``§k`` for the k-th section, ``§0`` being
    the text before the first heading; or pass ``labels``, a sequence or a ``units`` column
    name).
    ``terms`` picks and orders the columns (a term the data lacks is a column of zeros);
    otherwise ``top`` keeps the columns with the largest totals (default: all columns, at
    most 30). ``per`` turns counts into rates: value / row total * ``per`` (for example
    ``per=10_000`` for "per 10,000 tokens"); the row total is ``totals`` if given, else the
    sum over all columns of ``data`` (for a matrix: over all its terms, not only those
    shown). ``annotate`` writes the values in the cells (default: when there are at most
    400 cells).

    Examples
    --------
    >>> import pandas as pd
    >>> import wenmai.plot as wp
    >>> df = pd.DataFrame({"服务": [20, 15], "创新": [9, 1]}, index=["一、意识", "二、本领"])
    >>> ax = wp.heatmap(df, ["创新", "服务"])
    >>> ax.images[0].get_array().tolist()
    [[9.0, 20.0], [1.0, 15.0]]
    """
    frame, row_totals = _matrix_frame(data, labels)
    if totals is not None:
        row_totals = np.asarray(list(totals), dtype=float)
        if row_totals.shape != (len(frame),):
            raise ValueError(f"{row_totals.size} totals for {len(frame)} rows")
    if terms is not None:
        cols = [str(t) for t in terms]
        frame = frame.reindex(columns=cols, fill_value=0)
    else:
        numeric = frame.select_dtypes("number")
        keep = top if top is not None else min(30, numeric.shape[1])
        sums = numeric.sum(axis=0)
        order = sorted(sums.index, key=lambda c: (-sums[c], c))[:keep]
        frame = numeric[order]
    values = frame.to_numpy(dtype=float)
    if per is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(row_totals[:, None] > 0, values / row_totals[:, None] * per, 0.0)
    n_rows, n_cols = values.shape
    if annotate is None:
        annotate = n_rows * n_cols <= 400
    with cjk_font():
        ax = _new_axes(ax, (max(4.0, 0.55 * n_cols + 2.8), max(2.5, 0.38 * n_rows + 1.6)))
        image = ax.imshow(values, cmap=cmap, aspect="auto", interpolation="nearest")
        ax.set_xticks(range(n_cols), labels=list(frame.columns))
        ax.set_yticks(range(n_rows), labels=list(frame.index))
        ax.tick_params(top=True, labeltop=True, bottom=False, labelbottom=False)
        if n_cols > 8:
            for label in ax.get_xticklabels():
                label.set_rotation(60)
                label.set_horizontalalignment("left")
                label.set_rotation_mode("anchor")
        ax.set_xticks(np.arange(n_cols + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(n_rows + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="white", linewidth=1)
        ax.tick_params(which="minor", length=0)
        ax.spines[:].set_visible(False)
        if annotate and values.size:
            fmt = _number_format(values)
            vmax = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
            for i in range(n_rows):
                for j in range(n_cols):
                    v = values[i, j]
                    dark = vmax > 0 and v > 0.6 * vmax
                    ax.text(
                        j,
                        i,
                        fmt.format(v),
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if dark else "0.15",
                    )
        if colorbar:
            bar = ax.figure.colorbar(image, ax=ax, shrink=0.8)
            bar_label = colorbar_label
            if bar_label is None:
                bar_label = f"per {per:,g} tokens" if per is not None else "count"
            bar.set_label(bar_label)
        if title:
            ax.set_title(title)
    return ax


def trend(
    data: Any,
    terms: Sequence[str],
    *,
    by: str = "year",
    per: float | None = 10_000,
    totals: Any = None,
    term: str = "term",
    value: str = "count",
    ax: Axes | None = None,
    title: str | None = None,
    ylabel: str | None = None,
    marker: str = "o",
    gaps: bool = True,
) -> Axes:
    """Lines of term frequency per ``per`` tokens (default 10,000) over a document variable.

    ``data``: ``corpus.frequency(by="year")`` or any long table with columns ``by``,
    ``term`` and ``value`` (default ``count``); the tokens of a group are the sum of
    ``value`` over all its rows, so pass the whole table, not only the rows of ``terms``,
    or give ``totals`` (a Series or mapping ``group -> tokens``). A wide table (one row per
    group, one column per term, the group in the index or in column ``by``) needs
    ``totals`` unless ``per=None`` (plot the values as they are). A term missing in a group
    counts 0. Numeric groups (years) are placed on a number line; other groups (such as
    ``"1950s"``) one after the other in sorted order. With ``gaps`` (the default) a line
    is broken where numeric groups are missing (a step more than 1.5 times the smallest
    step, such as the years without a report), instead of drawing across them.

    Examples
    --------
    >>> import pandas as pd
    >>> import wenmai.plot as wp
    >>> freq = pd.DataFrame({"year": [2000, 2000, 2010, 2010],
    ...                      "term": ["改革", "的", "改革", "的"],
    ...                      "count": [5, 95, 1, 199]})
    >>> ax = wp.trend(freq, ["改革"])
    >>> ax.lines[0].get_ydata().tolist()
    [500.0, 50.0]
    """
    terms = [str(t) for t in terms]
    if not terms:
        raise ValueError("trend needs at least one term")
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"trend expects a DataFrame, not {type(data).__name__}")
    if term in data.columns:
        if by not in data.columns:
            raise ValueError(f"the table has no {by!r} column (columns: {list(data.columns)})")
        if value not in data.columns:
            raise ValueError(f"the table has no {value!r} column (columns: {list(data.columns)})")
        table = data.assign(**{term: data[term].map(str)})
        wide = table.pivot_table(index=by, columns=term, values=value, aggfunc="sum", fill_value=0)
        group_totals = table.groupby(by)[value].sum()
    else:
        wide = data.set_index(by) if by in data.columns else data
        wide = wide.copy()
        wide.columns = wide.columns.map(str)
        group_totals = None
    wide = wide.reindex(columns=terms, fill_value=0).sort_index()
    counts = wide.to_numpy(dtype=float)
    if per is not None:
        if totals is not None:
            group_totals = pd.Series(totals) if isinstance(totals, Mapping) else totals
        if group_totals is None:
            raise ValueError("a wide table needs totals= (tokens per group) or per=None")
        tot = pd.Series(group_totals).reindex(wide.index).to_numpy(dtype=float)
        if np.isnan(tot).any():
            raise ValueError("totals lack some groups of the table")
        with np.errstate(divide="ignore", invalid="ignore"):
            counts = np.where(tot[:, None] > 0, counts / tot[:, None] * per, 0.0)
    groups = list(wide.index)
    numeric = all(
        isinstance(g, int | float | np.integer | np.floating)
        and not (isinstance(g, float) and math.isnan(g))
        for g in groups
    )
    x = np.asarray(groups, dtype=float) if numeric else np.arange(len(groups), dtype=float)
    if numeric and gaps and len(x) > 2:
        steps = np.diff(x)
        smallest = steps[steps > 0].min() if (steps > 0).any() else 0.0
        breaks = np.flatnonzero(steps > 1.5 * smallest) + 1
        x = np.insert(x, breaks, np.nan)
        counts = np.insert(counts, breaks, np.nan, axis=0)
    with cjk_font():
        ax = _new_axes(ax, (9.0, 4.2))
        for j, name in enumerate(terms):
            ax.plot(x, counts[:, j], marker=marker, markersize=3, linewidth=1.4, label=name)
        if not numeric:
            ax.set_xticks(range(len(groups)), labels=[str(g) for g in groups])
        ax.set_xlabel(by)
        if ylabel is None:
            ylabel = f"per {per:,g} tokens" if per is not None else value
        ax.set_ylabel(ylabel)
        ax.set_ylim(bottom=0)
        ax.legend(
            ncols=min(len(terms), 6),
            fontsize=9,
            frameon=False,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.14),
        )
        ax.grid(axis="y", color="0.9")
        ax.spines[["top", "right"]].set_visible(False)
        if title:
            ax.set_title(title)
    return ax


def wordcloud(
    data: Any,
    top: int = 200,
    *,
    term: str = "term",
    value: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    width: int = 1000,
    height: int = 500,
    background_color: str = "white",
    colormap: str = "Dark2",
    random_state: int = 0,
    **options: Any,
) -> Axes:
    """A word cloud of the ``top`` terms, drawn by the ``wordcloud`` package with the CJK font.

    ``data`` as for :func:`frequency`. ``options`` go to ``wordcloud.WordCloud`` (for
    example ``mask=`` or ``max_font_size=``); ``random_state`` fixes the layout. The
    ``WordCloud`` object is kept as ``ax.wordcloud``.

    Examples
    --------
    >>> import wenmai.plot as wp
    >>> ax = wp.wordcloud({"服务": 60, "工作": 25, "创新": 12})
    >>> sorted(ax.wordcloud.words_)
    ['创新', '工作', '服务']
    """
    try:
        from wordcloud import WordCloud
    except ImportError as err:  # pragma: no cover - the plot extra brings it
        raise ImportError("wenmai.plot.wordcloud needs: pip install 'wenmai[plot]'") from err
    series = _series(data, term, value).head(top)
    series = series[series > 0]
    if series.empty:
        raise ValueError("no terms with a positive value to draw")
    cloud = WordCloud(
        font_path=FONT_PATH,
        width=width,
        height=height,
        background_color=background_color,
        colormap=colormap,
        random_state=random_state,
        max_words=top,
        **options,
    ).generate_from_frequencies({t: float(v) for t, v in series.items()})
    with cjk_font():
        ax = _new_axes(ax, (width / 100, height / 100 + (0.4 if title else 0)))
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
        if title:
            ax.set_title(title)
    ax.wordcloud = cloud  # type: ignore[attr-defined]
    return ax



# --- corpus statistics -----------------------------------------------------------------------
