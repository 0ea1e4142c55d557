"""The rhetoric part of ``wenmai report`` (issue 19): for one document its parallel groups,
four-character share, idioms and enumerations; for a folder the style table by year. Each
number shown is the Python API's (``wenmai.parallelisms``, ``Corpus.style``,
``Corpus.four_char``, ``Corpus.enumerations``)."""

from __future__ import annotations

import wenmai
from conftest import corpus_root
from test_cli import SAMPLE, run


def _rows(out: str, title: str) -> list[list[str]]:
    """The body rows of the rich table titled ``title`` in ``out`` (cells stripped)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(title))
    rows = []
    for line in lines[start + 4:]:
        if not line.startswith("│"):
            break
        rows.append([c.strip() for c in line.strip("│").split("│")])
    return rows


def test_report_on_one_document_shows_its_rhetoric() -> None:
    code, out, err = run("report")
    assert code == 0, err
    doc = wenmai.read(SAMPLE)
    groups = wenmai.parallelisms(doc)
    summary = dict(r for r in _rows(out, "Rhetoric") if len(r) == 2)
    assert summary["parallel groups"] == str(len(groups))
    style = wenmai.Corpus.from_files([SAMPLE]).style().iloc[0]
    assert summary["four-character share of words"] == f"{style['four_char_share']:.3f}"
    shown = _rows(out, "Parallel groups")
    assert [r[2] for r in shown if r[0]] == [g.frame for g in groups[:20]]
    six = "推动落实、指导落实、检查落实、考核落实、反馈落实、完善落实"
    for text in ("说老实话、办老实事、做老实人", six):
        assert text in out, text
    idioms = {r[0] for r in _rows(out, "Idioms")}
    assert {"表里如一", "精益求精"} <= idioms
    assert _rows(out, "Enumerations")[0][0] == "一是…N是"


def test_report_on_the_reports_shows_style_by_year() -> None:
    gov = corpus_root() / "gov_reports"
    code, out, err = run("report", str(gov), "--top", "5")
    assert code == 0, err
    rows = {r[0]: r for r in _rows(out, "Style by year")}
    assert {"1954", "1978", "2025"} <= set(rows)
    corpus = wenmai.Corpus.from_dir(gov)
    style = corpus.style(by="year")
    assert rows["2025"][5] == f"{style.loc[2025, 'parallel_per_1k']:.2f}"
    assert rows["1954"][3] == f"{style.loc[1954, 'four_char_share']:.3f}"
