"""``wenmai report --html``: one self-contained page, every text escaped, and Chinese that
renders as glyphs, not boxes (tofu), in headless Chromium on a machine without CJK fonts.

The screenshot test gives Chromium a fontconfig that knows only DejaVu Sans (no CJK glyph),
renders the page as written and the same page with its embedded font removed, and checks
that the title has ink in the first and looks different from the boxes of the second.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import wenmai
from conftest import in_ci
from wenmai.cli import main

pytest.importorskip("matplotlib")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "seed-article.txt"
TITLE = "把握服务内涵 提高服务水平"
HEADINGS = ("进一步增强服务意识", "进一步提高服务本领", "进一步保证服务效果")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    assert main(["report", str(SAMPLE), "--html", str(path)]) == 0
    return path


def test_the_page_holds_the_report(page: Path) -> None:
    html = page.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert f"<h1>{TITLE}</h1>" in html
    for title in ("Metadata", "Outline", "Top 20 terms", "Keywords",
                  "Top terms of each top-level section", "Rhetoric"):
        assert f"<h2>{title}</h2>" in html, title
    doc = wenmai.read(SAMPLE)
    for p in doc.points:  # the points in the outline, under their headings
        assert p.text in html
    outline = html.split("<h2>Outline</h2>")[1].split("<h2>")[0]
    order = [outline.index(h) for h in HEADINGS]
    assert order == sorted(order)
    assert outline.index(HEADINGS[0]) < outline.index("一是要围绕大局") < outline.index(HEADINGS[1])
    # charts: the bars, the keywords face to face, the section heat map, as inline SVG
    assert html.count("<svg") == 3


def test_the_page_needs_no_network(page: Path) -> None:
    html = page.read_text("utf-8")
    # nothing fetched: no src= or href= to anything, no url() but data:, no @import
    assert not re.search(r"""\b(?:src|href)\s*=\s*(?!["']?(?:#|data:))""", html, re.I)
    assert not re.search(r"""url\(\s*(?!["']?(?:data:|#))""", html, re.I)
    assert "@import" not in html and "<script" not in html
    assert "url(data:font/otf;base64," in html  # the CJK font, embedded


def test_every_text_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    title = '<script>alert("x")</script>关于&lt;工作'
    path.write_text(f"{title}\n一、总体要求 <b>\n发展经济，深化改革。\n", encoding="utf-8")
    out = tmp_path / "bad.html"
    assert main(["report", str(path), "--html", str(out)]) == 0
    html = out.read_text("utf-8")
    assert wenmai.read(path).meta.title == title
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;关于&amp;lt;工作" in html


def test_the_page_of_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for year in (2001, 2002, 2003):
        body = "发展经济，深化改革，改善民生。" * (year - 2000) + ("乡村振兴。" if year % 2 else "")
        (folder / f"{year}.txt").write_text(
            f"{year}年工作报告\n发布时间:{year}-03-05 09:00:00\n{body}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("没有标题和日期的笔记，发展经济。\n", encoding="utf-8")
    out = tmp_path / "folder.html"
    assert main(["report", str(folder), "--html", str(out)]) == 0
    html = out.read_text("utf-8")
    for title in ("Summary", "Documents missing a title or date (1)", "Trends",
                  "Top terms and keywords by year", "Style by year"):
        assert f"<h2>{title}</h2>" in html, title
    assert "2001-03-05" in html and "2003-03-05" in html  # the date range
    assert "<td>notes</td>" in html
    # every document in its table; charts: the top terms, the trend, years x terms
    documents = html.split("<h2>Documents (4)")[1].split("<h2>")[0]
    assert all(f"<td>{d}</td>" in documents for d in ("2001", "2002", "2003", "notes"))
    assert html.count("<svg") == 3


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if in_ci():
            pytest.fail("chromium is missing: scripts/test.sh installs it under CI=true")
        pytest.skip("needs chromium (apt-get install chromium; scripts/test.sh does it)")
    return found


def _screenshot(browser: str, html: Path, png: Path, fonts_conf: Path) -> np.ndarray:
    from PIL import Image

    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf), "HOME": str(png.parent)}
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         # no name resolves: the page must render from itself alone
         "--host-resolver-rules=MAP * ~NOTFOUND",
         f"--screenshot={png}", "--window-size=1200,2000", html.as_uri()],
        env=env, capture_output=True, timeout=60, check=True,
    )
    return np.asarray(Image.open(png).convert("L"), dtype=float)


def test_chinese_renders_as_glyphs_not_boxes(page: Path, tmp_path: Path) -> None:
    browser = _chromium()
    import matplotlib

    # A fontconfig with one font, which has no CJK glyph: what a bare server has.
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf", fonts)
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    html = page.read_text("utf-8")
    bare = tmp_path / "without-font.html"
    bare.write_text(re.sub(r"@font-face \{[^}]*\}", "", html, count=1), encoding="utf-8")
    assert len(bare.read_text("utf-8")) < len(html)
    shown = _screenshot(browser, page, tmp_path / "page.png", conf)
    boxes = _screenshot(browser, bare, tmp_path / "boxes.png", conf)
    assert shown.shape == boxes.shape == (2000, 1200)
    # The title, in the top 110 pixels (the h1 and nothing else above the first h2).
    title, title_boxes = shown[:110], boxes[:110]
    ink = (title < 128).mean()
    differ = (np.abs(title - title_boxes) > 64).mean()
    assert ink > 0.01, ink  # the title is there, dark on white
    assert differ > 0.02, differ  # and it is not the boxes a font without CJK draws
    # The rest of the page shows the same glyphs too: the metadata and outline differ.
    assert (np.abs(shown[110:1000] - boxes[110:1000]) > 64).mean() > 0.005
