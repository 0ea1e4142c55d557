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

from ._charts import frequency, heatmap, keywords, trend, wordcloud
from ._font import (
    FONT_ENV,
    FONT_FAMILY,
    FONT_PATH,
    cjk_font,
    font_properties,
    missing_glyphs,
    rc_params,
    use_cjk_font,
)
from ._stats import keyness, network

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
