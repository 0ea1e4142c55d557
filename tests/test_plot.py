"""wenmai.plot: the CJK font, and helpers that draw Chinese without missing glyphs."""

from __future__ import annotations

import doctest
import io
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import wenmai.plot as wp  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.text import Text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "seed-article.txt"
TERMS = ["改革", "开放", "创新", "服务", "阶级斗争", "高质量发展"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _has_cjk(s: str) -> bool:
    return any("\u3400" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" for c in s)


def draw_and_check(fig) -> list[str]:
    """Render ``fig``; return the missing-glyph warnings matplotlib gave while drawing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def chinese_texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and _has_cjk(t.get_text())]


def resolved_font(text: Text) -> str:
    return os.path.realpath(font_manager.findfont(text.get_fontproperties()))


# --- the font ------------------------------------------------------------------------------


def test_font_comes_from_a_python_package_not_the_system():
    if os.environ.get(wp.FONT_ENV):
        assert Path(wp.FONT_PATH) == Path(os.environ[wp.FONT_ENV]).resolve()
    else:
        import mplfonts

        package_dir = Path(mplfonts.__file__).resolve().parent
        assert Path(wp.FONT_PATH).is_relative_to(package_dir)
        assert Path(wp.FONT_PATH).name == "NotoSansCJKsc-Regular.otf"
    assert Path(wp.FONT_PATH).is_file()


def test_font_covers_the_sample_article_and_the_trend_terms():
    cmap = TTFont(wp.FONT_PATH, fontNumber=0, lazy=True).getBestCmap()
    text = SAMPLE.read_text(encoding="utf-8") + "".join(TERMS) + "政府工作报告年代词频关键词"
    chars = {c for c in text if not c.isspace()}
    missing = sorted(c for c in chars if ord(c) not in cmap)
    assert missing == []
    assert len(chars) > 500  # the sample article really was read
    # wenmai's own coverage check agrees with fontTools, both ways
    assert wp.missing_glyphs(text) == []
    assert wp.missing_glyphs("服务\U0001f600") == ["\U0001f600"]
    assert 0x1F600 not in cmap


def test_import_changes_no_rcparams_and_writes_no_files(tmp_path):
    """Importing wenmai.plot leaves rcParams, matplotlibrc and matplotlib's fonts alone."""
    config = tmp_path / "mplconfig"
    config.mkdir()
    code = f"""
import json, os, matplotlib
matplotlib.use("Agg")
from pathlib import Path
data = Path(matplotlib.get_data_path(), "fonts", "ttf")
fonts_before = sorted(os.listdir(data))
before = {{k: repr(v) for k, v in matplotlib.rcParams.items()}}
import wenmai.plot as wp
after = {{k: repr(v) for k, v in matplotlib.rcParams.items()}}
changed = sorted(k for k in before if before[k] != after[k])
ax = wp.frequency({{"服务": 3}})
after_plot = {{k: repr(v) for k, v in matplotlib.rcParams.items()}}
changed_by_plot = sorted(k for k in before if before[k] != after_plot[k])
print(json.dumps({{"changed": changed, "changed_by_plot": changed_by_plot,
    "fonts_same": sorted(os.listdir(data)) == fonts_before,
    "config": sorted(os.listdir({str(config)!r})),
    "family": wp.FONT_FAMILY}}))
"""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["MPLCONFIGDIR"] = str(config)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["changed"] == []
    assert result["changed_by_plot"] == []
    assert result["fonts_same"]
    assert "matplotlibrc" not in result["config"]
    assert "CJK" in result["family"]


def test_the_missing_glyph_check_can_fail():
    """Control: the same check flags Chinese drawn with matplotlib's default Latin font."""
    fig, ax = plt.subplots()
    ax.set_title("服务", fontfamily="DejaVu Sans")
    warned = draw_and_check(fig)
    assert any("missing from font(s) DejaVu Sans" in w for w in warned)


# --- every helper draws Chinese with the CJK font ------------------------------------------

FREQ = pd.DataFrame(
    {
        "term": ["服务", "工作", "创新", "落实", "学习"],
        "count": [60, 25, 12, 12, 9],
        "doc_count": [1, 1, 1, 1, 1],
    }
)
LONG = pd.DataFrame(
    {
        "year": [1978, 1978, 1978, 2000, 2000, 2000, 2024, 2024],
        "term": ["阶级斗争", "改革", "的", "改革", "开放", "的", "高质量发展", "的"],
        "count": [10, 5, 985, 30, 10, 1960, 40, 3960],
    }
)


def _frequency():
    return wp.frequency(FREQ, title="词频：服务")


def _keywords():
    return wp.keywords(
        [("服务", 0.8), ("落实", 0.4), ("创新", 0.2)],
        pd.DataFrame({"term": ["服务", "创新", "本领"], "weight": [1.0, 0.7, 0.5]}),
        title="关键词：tf-idf 与 TextRank",
    )


def _heatmap():
    df = pd.DataFrame(
        {"服务": [20, 15, 18], "创新": [9, 1, 2], "学习": [0, 12, 0]},
        index=["一、进一步增强服务意识", "二、进一步提高服务本领", "三、进一步保证服务效果"],
    )
    return wp.heatmap(df, title="章节 × 词")


def _trend():
    return wp.trend(LONG, ["改革", "开放", "阶级斗争", "高质量发展"], title="每万词频次")


def _wordcloud():
    return wp.wordcloud(FREQ, title="词云")


HELPERS = [_frequency, _keywords, _heatmap, _trend, _wordcloud]


@pytest.mark.parametrize("make", HELPERS, ids=lambda f: f.__name__.strip("_"))
def test_helper_draws_chinese_with_the_cjk_font_and_no_missing_glyph(make):
    ax = make()
    fig = ax.figure
    warned = draw_and_check(fig)
    assert warned == []
    texts = chinese_texts(fig)
    assert texts, "the helper drew no Chinese text"
    for text in texts:
        assert resolved_font(text) == os.path.realpath(wp.FONT_PATH), text.get_text()


def test_helpers_leave_the_users_other_plots_alone():
    _frequency()
    fig, ax = plt.subplots()
    title = ax.set_title("plain")
    assert wp.FONT_FAMILY not in title.get_fontfamily()


def test_cjk_font_context_for_users_own_plots():
    with wp.cjk_font():
        fig, ax = plt.subplots()
        ax.set_title("我的图：服务")
        ax.set_xticks([0, 1], labels=["改革", "开放"])
    assert draw_and_check(fig) == []
    assert all(resolved_font(t) == os.path.realpath(wp.FONT_PATH) for t in chinese_texts(fig))
    assert wp.font_properties().get_file() == wp.FONT_PATH


# --- what the helpers compute --------------------------------------------------------------


def test_frequency_draws_the_top_terms_in_order_with_ties_by_term():
    ax = wp.frequency(FREQ, top=4)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["服务", "工作", "创新", "落实"]
    assert [p.get_width() for p in ax.patches] == [60, 25, 12, 12]
    # pairs, mappings and Series give the same chart; repeated terms are summed
    pairs = wp.frequency([("工作", 20), ("服务", 60), ("工作", 5)])
    assert [p.get_width() for p in pairs.patches] == [60, 25]
    series = wp.frequency(pd.Series({"服务": 60, "工作": 25}))
    assert [t.get_text() for t in series.get_yticklabels()] == ["服务", "工作"]


def test_frequency_draws_on_a_given_axes():
    fig, (a, b) = plt.subplots(1, 2)
    assert wp.frequency(FREQ, ax=b) is b
    assert len(b.patches) == 5 and len(a.patches) == 0


def test_keywords_scales_each_side_and_orders_by_best_rank():
    ax = wp.keywords([("服务", 0.8), ("落实", 0.4)], [("创新", 2.0), ("服务", 1.0)])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["服务", "创新", "落实"]
    widths = [p.get_width() for p in ax.patches]
    left, right = widths[:3], widths[3:]
    assert left == pytest.approx([-1.0, 0.0, -0.5])
    assert right == pytest.approx([0.5, 1.0, 0.0])


def test_heatmap_values_terms_and_rates():
    df = pd.DataFrame({"服务": [20, 10], "创新": [5, 0], "的": [75, 90]}, index=["甲", "乙"])
    ax = wp.heatmap(df, ["创新", "服务", "缺席"], per=100)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["创新", "服务", "缺席"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["甲", "乙"]
    np.testing.assert_allclose(ax.images[0].get_array(), [[5, 20, 0], [0, 10, 0]])
    top = wp.heatmap(df, top=2, colorbar=False)
    assert [t.get_text() for t in top.get_xticklabels()] == ["的", "服务"]


def test_heatmap_of_a_document_term_matrix_uses_all_terms_for_rates():
    import scipy.sparse

    class Matrix:  # the shape of corpus.dtm(...): to_scipy(), terms, units
        terms = ["创新", "服务", "的"]
        units = pd.DataFrame({"doc_id": ["a", "b"], "heading": ["一、意识", "二、本领"]})

        def to_scipy(self):
            return scipy.sparse.csr_matrix(np.array([[1, 3, 6], [0, 2, 2]]))

    ax = wp.heatmap(Matrix(), ["服务"], per=10)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["一、意识", "二、本领"]
    np.testing.assert_allclose(ax.images[0].get_array(), [[3.0], [5.0]])


def test_heatmap_labels_sections_of_a_matrix_without_headings():
    import scipy.sparse

    class Matrix:
        terms = ["服务"]
        units = pd.DataFrame(
            {
                "doc_id": ["a", "a", "a", "b"],
                "unit": ["section"] * 4,
                "section": [np.nan, 0.0, 1.0, np.nan],
            }
        )

        def to_scipy(self):
            return scipy.sparse.csr_matrix(np.ones((4, 1)))

    ax = wp.heatmap(Matrix())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a §0", "a §1", "a §2", "b §0"]


def test_keywords_refuses_keywords_of_several_documents():
    many = pd.DataFrame(
        {"doc_id": ["a", "b"], "rank": [1, 1], "term": ["服务", "创新"], "weight": [1.0, 1.0]}
    )
    with pytest.raises(ValueError, match="several documents"):
        wp.keywords(many, many)
    ax = wp.keywords(many[many.doc_id == "a"], many[many.doc_id == "b"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["创新", "服务"]


def test_trend_is_per_10000_tokens_of_each_group():
    terms = ["改革", "开放", "阶级斗争", "高质量发展"]
    ax = wp.trend(LONG, terms)
    totals = LONG.groupby("year")["count"].sum()
    for line, term in zip(ax.lines, terms, strict=True):
        assert line.get_label() == term
        assert line.get_xdata().tolist() == [1978, 2000, 2024]
        counts = [
            LONG[(LONG["year"] == y) & (LONG["term"] == term)]["count"].sum() for y in totals.index
        ]
        expected = np.array(counts) / totals.to_numpy() * 10_000
        np.testing.assert_allclose(line.get_ydata(), expected)
    assert ax.lines[0].get_ydata()[0] == pytest.approx(50.0)


def test_trend_breaks_lines_where_years_are_missing():
    wide = pd.DataFrame({"改革": [1, 2, 3, 4]}, index=[2000, 2001, 2002, 2005])
    ax = wp.trend(wide, ["改革"], per=None)
    xs = np.asarray(ax.lines[0].get_xdata(), dtype=float)
    np.testing.assert_array_equal(np.isnan(xs), [False, False, False, True, False])
    joined = wp.trend(wide, ["改革"], per=None, gaps=False)
    assert joined.lines[0].get_xdata().tolist() == [2000, 2001, 2002, 2005]


def test_helpers_keep_settings_changed_while_they_draw():
    """matplotlib switches to interactive mode during the first figure of a Jupyter session;
    the font context must not undo that (else no later figure is shown)."""
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with wp.cjk_font():
            matplotlib.interactive(True)
            assert matplotlib.rcParams["font.family"][0] == wp.FONT_FAMILY
        assert matplotlib.is_interactive()
        assert matplotlib.rcParams["font.family"][0] != wp.FONT_FAMILY
    finally:
        matplotlib.interactive(was)


def test_trend_wide_table_and_categorical_groups():
    wide = pd.DataFrame({"decade": ["1980s", "1950s"], "改革": [8, 1]})
    ax = wp.trend(wide, ["改革"], by="decade", totals={"1950s": 100, "1980s": 400})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1950s", "1980s"]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [100.0, 200.0])
    with pytest.raises(ValueError, match="totals"):
        wp.trend(wide, ["改革"], by="decade")
    raw = wp.trend(wide, ["改革"], by="decade", per=None)
    np.testing.assert_allclose(raw.lines[0].get_ydata(), [1, 8])


def test_wordcloud_uses_the_cjk_font_and_the_frequencies():
    ax = wp.wordcloud(FREQ, top=3)
    cloud = ax.wordcloud
    assert cloud.font_path == wp.FONT_PATH
    assert list(cloud.words_) == ["服务", "工作", "创新"]
    assert cloud.words_["服务"] == 1.0


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: wp.frequency(pd.DataFrame({"word": ["a"], "count": [1]})), ValueError),
        (lambda: wp.frequency(pd.DataFrame({"term": ["a"], "x": ["y"]})), ValueError),
        (lambda: wp.frequency(42), TypeError),
        (lambda: wp.frequency([("a", 1, 2)]), ValueError),
        (lambda: wp.heatmap([[1, 2]]), TypeError),
        (lambda: wp.heatmap(pd.DataFrame({"a": [1]}), labels=["x", "y"]), ValueError),
        (lambda: wp.trend(LONG, []), ValueError),
        (lambda: wp.trend(LONG, ["改革"], by="decade"), ValueError),
        (lambda: wp.trend([1, 2], ["改革"]), TypeError),
        (lambda: wp.wordcloud({"服务": 0}), ValueError),
    ],
)
def test_bad_input_is_a_clear_error(call, error):
    with pytest.raises(error):
        call()


def test_docstring_examples():
    from wenmai.plot import _charts, _font, _stats

    results = [doctest.testmod(m, optionflags=doctest.ELLIPSIS)
               for m in (wp, _font, _charts, _stats)]
    assert sum(r.attempted for r in results) >= 10
    assert sum(r.failed for r in results) == 0


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_vector_formats_embed_the_cjk_font(fmt):
    ax = _heatmap()
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.savefig(buffer, format=fmt)
    data = buffer.getvalue()
    assert len(data) > 1000
    if fmt == "pdf":
        assert b"NotoSansCJK" in data  # the subset font is embedded under its PostScript name


def test_public_names_have_docstrings():
    assert (wp.__doc__ or "").strip()
    for name in wp.__all__:
        obj = getattr(wp, name)
        if callable(obj):
            assert (obj.__doc__ or "").strip(), name


def test_a_given_axes_gets_the_cjk_font_for_its_title():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()  # made outside cjk_font(): its title text has the default font
    wp.heatmap(pd.DataFrame({"服务": [1, 2]}, index=["一", "二"]), ax=ax, title="各年代的词频")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
