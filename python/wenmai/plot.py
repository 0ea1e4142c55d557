"""Charts of wenmai results whose Chinese text renders on any machine.

``pip install 'wenmai[plot]'`` brings matplotlib, `mplfonts
<https://pypi.org/project/mplfonts/>`_ (which ships Noto Sans CJK SC, SIL Open Font
Licence) and wordcloud. When this module is imported it picks that font once and registers
it with matplotlib's font manager for this process only: it does not copy files into
matplotlib's folders, does not write a ``matplotlibrc`` and leaves ``matplotlib.rcParams``
as they were. Each helper draws inside :func:`cjk_font` (which sets ``font.family`` for the
duration of the call), so the titles, labels, ticks and legends it creates carry the CJK
font, and your other plots keep your settings. To use the font in your own plots, wrap them
in ``with wenmai.plot.cjk_font():`` or call :func:`use_cjk_font` once.

Set the environment variable ``WENMAI_CJK_FONT`` to a ``.otf``/``.ttf`` file before the
import to use another font.

The helpers take what wenmai returns (pandas DataFrames such as ``corpus.frequency()`` and
``corpus.keywords()``, lists of ``(term, weight)`` pairs from ``wenmai.keywords``, a
document-term matrix) and return the matplotlib ``Axes`` they drew on (``ax.figure`` is the
``Figure``), so you can restyle or save them:

- :func:`frequency`: bar chart of the most frequent terms;
- :func:`keywords`: tf-idf and TextRank keywords side by side;
- :func:`heatmap`: units (sections, documents, decades) x terms;
- :func:`trend`: frequency of terms per 10,000 tokens over a document variable such as year;
- :func:`wordcloud`: a word cloud (the ``wordcloud`` package) drawn with the CJK font;
- :func:`keyness`: the terms most typical of a target and of its reference, as bars;
- :func:`network`: a co-occurrence network of ``corpus.cooccurrence()`` (networkx layout).

Examples
--------
>>> import wenmai.plot as wp
>>> ax = wp.frequency({"服务": 60, "工作": 25, "创新": 12}, title="词频")
>>> [t.get_text() for t in ax.get_yticklabels()]
['服务', '工作', '创新']
"""

from __future__ import annotations

import contextlib
import importlib.util
import math
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

__all__ = [
    "FONT_ENV",
    "FONT_FAMILY",
    "FONT_PATH",
    "cjk_font",
    "font_properties",
    "frequency",
    "heatmap",
    "keyness",
    "keywords",
    "missing_glyphs",
    "network",
    "rc_params",
    "trend",
    "use_cjk_font",
    "wordcloud",
]

#: Environment variable naming a font file to use instead of the packaged one.
FONT_ENV = "WENMAI_CJK_FONT"

# Font files of the ``mplfonts`` package, in order of preference (all SIL OFL 1.1).
_MPLFONTS_FILES = (
    "NotoSansCJKsc-Regular.otf",
    "SourceHanSerifSC-Regular.otf",
    "NotoSerifCJKsc-Regular.otf",
)


def _find_font_file() -> Path:
    """The CJK font file: ``$WENMAI_CJK_FONT``, else one shipped by ``mplfonts``."""
    env = os.environ.get(FONT_ENV)
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"{FONT_ENV}={env!r} is not a font file")
        return path.resolve()
    # find_spec locates the package without importing it (importing mplfonts changes nothing
    # either, but we only need its data files).
    spec = importlib.util.find_spec("mplfonts")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for name in _MPLFONTS_FILES:
            path = Path(folder) / "fonts" / name
            if path.is_file():
                return path.resolve()
    raise ImportError(
        "wenmai.plot needs a font with Chinese characters: install the plotting extra "
        "(pip install 'wenmai[plot]', which brings the mplfonts package) or set "
        f"{FONT_ENV} to a .otf/.ttf file"
    )


def _register(path: Path) -> str:
    """Add ``path`` to matplotlib's font manager (this process only); return its family."""
    font_manager.fontManager.addfont(str(path))
    return font_manager.ttfFontProperty(font_manager.get_font(str(path))).name


#: Path of the CJK font file every helper draws with.
FONT_PATH: str = str(_find_font_file())
#: The family name under which matplotlib knows :data:`FONT_PATH`.
FONT_FAMILY: str = _register(Path(FONT_PATH))


def font_properties(size: float | str | None = None) -> font_manager.FontProperties:
    """A ``FontProperties`` for the CJK font, to pass as ``fontproperties=`` to any artist.

    Examples
    --------
    >>> import wenmai.plot as wp
    >>> wp.font_properties(12).get_file() == wp.FONT_PATH
    True
    """
    return font_manager.FontProperties(fname=FONT_PATH, size=size)


def rc_params() -> dict[str, Any]:
    """The rcParams the helpers draw with: the CJK font first, then your font families.

    matplotlib falls back family by family for glyphs a font lacks, so Latin text still finds
    a font if the CJK one misses a glyph.

    Examples
    --------
    >>> import wenmai.plot as wp
    >>> wp.rc_params()["font.family"][0] == wp.FONT_FAMILY
    True
    """
    families = [f for f in matplotlib.rcParams["font.family"] if f != FONT_FAMILY]
    return {"font.family": [FONT_FAMILY, *families]}


@contextlib.contextmanager
def cjk_font() -> Iterator[None]:
    """Context manager: text created inside it uses the CJK font (see :func:`rc_params`).

    Only ``rcParams["font.family"]`` is set inside and put back on exit. (Unlike
    ``matplotlib.rc_context``, other settings changed inside stay changed: the first figure
    of a Jupyter session switches matplotlib to interactive mode, which must survive.)

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import wenmai.plot as wp
    >>> with wp.cjk_font():
    ...     fig, ax = plt.subplots()
    ...     _ = ax.set_title("服务")
    >>> ax.title.get_fontfamily()[0] == wp.FONT_FAMILY
    True
    >>> plt.close(fig)
    """
    saved = matplotlib.rcParams["font.family"]
    matplotlib.rcParams["font.family"] = rc_params()["font.family"]
    try:
        yield
    finally:
        matplotlib.rcParams["font.family"] = saved


def use_cjk_font() -> None:
    """Make the CJK font the first font family for all later plots of this process.

    This is the one function here that changes ``matplotlib.rcParams`` (``font.family``).

    Examples
    --------
    >>> import matplotlib
    >>> import wenmai.plot as wp
    >>> with matplotlib.rc_context():
    ...     wp.use_cjk_font()
    ...     matplotlib.rcParams["font.family"][0] == wp.FONT_FAMILY
    True
    """
    matplotlib.rcParams["font.family"] = rc_params()["font.family"]


@lru_cache(maxsize=1)
def _charmap() -> frozenset[int]:
    return frozenset(font_manager.get_font(FONT_PATH).get_charmap())


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of ``text`` (other than whitespace) the CJK font cannot draw.

    Examples
    --------
    >>> import wenmai.plot as wp
    >>> wp.missing_glyphs("把握服务内涵 提高服务水平")
    []
    """
    have = _charmap()
    return sorted({c for c in text if not c.isspace() and ord(c) not in have})


# --- input normalisation -------------------------------------------------------------------

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
