"""wenmai.plot on real data: the sample article's section x term heat map and the trends of
terms in the government work reports, written as PNG files.

The files go to pytest's temporary folder; set ``WENMAI_PLOT_DIR`` to keep a copy where people
can look at them (the paths are printed; run pytest with ``-s`` to see them).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import jieba  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import wenmai  # noqa: E402
import wenmai.plot as wp  # noqa: E402
from conftest import corpus_root  # noqa: E402
from matplotlib.text import Text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "seed-article.txt"
TERMS = ["改革", "开放", "创新", "服务", "阶级斗争", "高质量发展"]


def corpus_dir() -> Path:
    """All 56 reports (the trends span 1954-2025): skips without the corpus."""
    path = ROOT / os.environ.get("WENMAI_CORPUS", "../shared/corpus") / "gov_reports"
    if not path.is_dir():
        corpus_root()  # skips, or fails under CI
    assert path.is_dir(), f"the corpus is missing: {path} (set WENMAI_CORPUS)"
    return path


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def save(fig, tmp_path: Path, name: str) -> Path:
    """Write ``fig`` as PNG; fail on a missing-glyph warning; copy to $WENMAI_PLOT_DIR."""
    out = tmp_path / name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(out, dpi=110)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == []
    keep = os.environ.get("WENMAI_PLOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(keep) / name)
        print("figure:", Path(keep) / name)
    return out


def assert_cjk_font(fig) -> None:
    from matplotlib import font_manager

    texts = [t for t in fig.findobj(Text) if re.search(r"[\u4e00-\u9fff]", t.get_text())]
    assert texts
    for t in texts:
        found = font_manager.findfont(t.get_fontproperties())
        assert os.path.realpath(found) == os.path.realpath(wp.FONT_PATH), t.get_text()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_sample_article_section_term_heatmap_png(tmp_path):
    doc = wenmai.read(SAMPLE)
    corpus = wenmai.Corpus.from_texts([doc.text], ids=["sample"])
    analyzer = wenmai.Analyzer(stopwords="zh", min_len=2)
    m = corpus.dtm(analyzer=analyzer, unit="section")
    counts = np.asarray(m.to_scipy().todense())
    totals = counts.sum(axis=0)
    order = sorted(range(len(m.terms)), key=lambda j: (-totals[j], m.terms[j]))[:12]
    terms = [m.terms[j] for j in order]
    assert terms[0] == "服务"

    heading = {i: f"{s.marker}{s.heading}" for i, s in enumerate(doc.sections)}
    labels = [heading.get(s, "(前言)") if s == s else "(前言)" for s in m.units["section"]]
    ax = wp.heatmap(m, terms, labels=labels, title="《把握服务内涵 提高服务水平》各部分词频")
    assert [t.get_text() for t in ax.get_xticklabels()] == terms
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    np.testing.assert_array_equal(ax.images[0].get_array(), counts[:, order])

    # the peer: jieba's tokens of each section's text give the same counts of 服务
    for row, section in enumerate(m.units["section"]):
        if section == section and section is not None:
            sec = doc.sections[int(section)]
            text = doc.text[sec.start : sec.end]
            assert counts[row, m.terms.index("服务")] == jieba.lcut(text).count("服务")

    assert_cjk_font(ax.figure)
    out = save(ax.figure, tmp_path, "sample-article-section-heatmap.png")
    width, height = png_size(out)
    assert width > 400 and height > 200


def test_government_work_report_trends_png(tmp_path):
    folder = corpus_dir()
    corpus = wenmai.Corpus.from_dir(folder, pattern="*.txt")
    analyzer = wenmai.Analyzer(stopwords="zh", user_dict=io.StringIO("高质量发展\n"))
    m = corpus.dtm(analyzer=analyzer, unit="document")
    x = m.to_scipy()
    years = [int(Path(p).stem[:4]) for p in corpus.docvars["path"]]
    assert len(years) == 56 and min(years) == 1954 and max(years) == 2025

    import pandas as pd

    col = {t: j for j, t in enumerate(m.terms)}
    counts = pd.DataFrame(
        {t: np.asarray(x[:, col[t]].todense()).ravel() for t in TERMS}, index=years
    ).sort_index()
    tokens = pd.Series(np.asarray(x.sum(axis=1)).ravel(), index=years).sort_index()
    ax = wp.trend(counts, TERMS, by="year", totals=tokens, title="政府工作报告中的词频（每万词）")
    for line, term in zip(ax.lines, TERMS, strict=True):
        assert line.get_label() == term
        xs, ys = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        drawn = ~np.isnan(xs)  # NaN breaks the line where years have no report
        assert xs[drawn].tolist() == list(counts.index)
        np.testing.assert_allclose(ys[drawn], counts[term] / tokens * 10_000)
    # the line is broken at the years without a report (1961-63, 1965-74, 1976-77, 2020)
    breaks = np.flatnonzero(np.isnan(np.asarray(ax.lines[0].get_xdata())))
    assert len(breaks) == 4
    assert [t.get_text() for t in ax.get_legend().get_texts()] == TERMS

    # spot check against jieba on three reports: same counts of the six terms (a tokenizer
    # of its own, so the user word does not leak into other tests)
    tokenizer = jieba.Tokenizer()
    tokenizer.add_word("高质量发展")
    for year in (1964, 1985, 2024):
        words = tokenizer.lcut((folder / f"{year}.txt").read_text(encoding="utf-8"))
        for term in TERMS:
            assert counts.loc[year, term] == words.count(term), (year, term)

    assert_cjk_font(ax.figure)
    out = save(ax.figure, tmp_path, "government-work-reports-trends.png")
    width, height = png_size(out)
    assert width > 600 and height > 300
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")
