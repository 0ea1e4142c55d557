"""wenmai.parse / wenmai.read and the Document API (names from API.md)."""

from __future__ import annotations

import datetime as dt
import json

import wenmai


def test_seed_article(seed_article) -> None:
    doc = wenmai.read(seed_article)
    m = doc.meta
    assert m.title == "把握服务内涵 提高服务水平"
    assert m.published == dt.datetime(2008, 12, 9, 8, 26)
    assert isinstance(m.published, dt.datetime)
    assert (m.author, m.source, m.author_note) == ("艾立明", "黑龙江日报", "黑龙江省委办公厅副主任")
    assert m.visits is None
    assert isinstance(m.extra, dict)
    top = [s for s in doc.sections if s.level == 1]
    assert [s.heading for s in top] == [
        "进一步增强服务意识", "进一步提高服务本领", "进一步保证服务效果"
    ]
    assert [s.family for s in top] == ["chinese"] * 3
    counts = [sum(p.section == i for p in doc.points) for i in range(3)]
    assert counts == [3, 4, 3]
    assert doc.outline().splitlines()[0] == "一、 进一步增强服务意识"


def test_offsets_are_char_offsets_into_text(seed_article) -> None:
    doc = wenmai.read(seed_article)
    for part in [*doc.paragraphs, *doc.sentences, *doc.points, *doc.sections]:
        assert doc.text[part.start:part.end] == part.text
    for s in doc.sentences:
        assert s.paragraph is not None and 0 <= s.paragraph < len(doc.paragraphs)
    for s in doc.sections:
        assert doc.text[s.heading_start:s.heading_end].startswith(s.marker)
    for i, s in enumerate(doc.sections):
        assert s.parent is None or s.parent < i
    assert len(doc) == len(doc.text)


def test_dates_are_date_objects() -> None:
    doc = wenmai.parse(
        "关于某事的决定\n（2017年3月5日第十二届全国人民代表大会第五次会议通过）\n正文。"
    )
    assert doc.meta.published == dt.date(2017, 3, 5)
    assert type(doc.meta.published) is dt.date
    assert all(isinstance(d, dt.date) for _, d in doc.meta.dates)


def test_to_dict_and_json_round_trip(seed_article) -> None:
    doc = wenmai.read(seed_article)
    d = doc.to_dict()
    assert d["meta"]["title"] == doc.meta.title
    assert d["meta"]["published"] == "2008-12-09T08:26:00"
    assert json.loads(doc.to_json()) == d
    assert json.loads(doc.to_json(indent=2)) == d
    assert "\n  " in doc.to_json(indent=2)
    json.dumps(d, ensure_ascii=False)
    assert len(d["sections"]) == len(doc.sections)


def test_repr_html(seed_article) -> None:
    doc = wenmai.read(seed_article)
    html = doc._repr_html_()
    assert "<table>" in html and "<details>" in html
    assert "把握服务内涵" in html and "进一步增强服务意识" in html
    evil = wenmai.parse("<script>alert(1)</script>\n正文")
    assert "<script>" not in evil._repr_html_()
    assert "Document(" in repr(doc) and "Meta(" in repr(doc.meta)


def test_gbk_utf16_and_crlf_files(tmp_path) -> None:
    text = "政府工作报告\r\n一、总体要求\r\n发展经济。"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for name in ("gbk.txt", "u16.txt", "bom.txt"):
        doc = wenmai.read(tmp_path / name)
        assert doc.text == text.replace("\r\n", "\n"), name
        assert doc.meta.title == "政府工作报告"
    assert wenmai.read(tmp_path / "gbk.txt", encoding="gbk").text.startswith("政府")
    assert wenmai.decode(text.encode("gb18030")) == text.replace("\r\n", "\n")


def test_html(tmp_path) -> None:
    page = ("<html><head><title>标题</title><script>x=1</script></head>"
            "<body><p>正文&amp;内容。</p></body></html>")
    doc = wenmai.parse_html(page)
    assert doc.meta.title == "标题" and "x=1" not in doc.text and "正文&内容。" in doc.text
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    assert wenmai.read(tmp_path / "a.html").meta.title == "标题"
    assert "<p>" in wenmai.read(tmp_path / "a.html", html=False).text


def test_parts_are_read_only(seed_article) -> None:
    doc = wenmai.read(seed_article)
    import pytest

    with pytest.raises(AttributeError):
        doc.text = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        doc.sections[0].heading = "x"  # type: ignore[misc]
