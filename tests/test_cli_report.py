"""``wenmai report`` as an analyst reads it: numbers out of the lists, points in the outline,
a folder's dates, missing titles and years, ``--format json``, Parquet, ``parse --json``
texts. In-process (``wenmai.cli.main``), against the Python API's own numbers.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
import wenmai
from wenmai._cli.numbers import is_number
from wenmai._cli.report import MAX_ROWS
from wenmai.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "seed-article.txt"
BODY = (
    "今年经济增长百分之五，2025年完成3.5%的目标。2025年，我们继续推进改革，改革取得成效。\n"
    "一是要发展经济，二是要深化改革，三是要改善民生。\n"
    "二〇二五年，经济发展，民生改善，改革深化。\n"
)


@pytest.mark.parametrize("term", [
    "2025年", "2025", "3.5%", "１２", "1,000", "二〇二五", "二〇二五年", "一九五四年", "〇",
    "百分之五", "百分之", "百分之3.5", "十三", "二十五", "三千零五十", "两百", "万", "第二",
    "第十四", "五年", "12月", "3万", "5.2万亿",
])
def test_numbers(term: str) -> None:
    assert is_number(term)


@pytest.mark.parametrize("term", [
    "十三五", "十四五", "发展", "一定", "一些", "一带一路", "三农", "两会", "年", "第", "",
    "万物", "千方百计", "十分", "GDP", "万吨",
])
def test_not_numbers(term: str) -> None:
    assert not is_number(term)


def report_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["report", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_numbers_are_left_out_unless_kept(tmp_path: Path, capsys) -> None:
    path = tmp_path / "numbers.txt"
    path.write_text(BODY, encoding="utf-8")
    full = wenmai.Corpus.from_texts([BODY]).frequency()
    assert {"2025", "3.5%", "百分之五"} <= set(full["term"])  # what jieba gives
    data = report_json(capsys, str(path), "--top", "50")
    shown = [t["term"] for t in data["top_terms"]]
    assert shown == [t for t in full["term"] if not is_number(t)]
    assert "改革" in shown and not any(is_number(t) for t in shown)
    for method in ("tfidf", "textrank"):
        assert not any(is_number(k["term"]) for k in data["keywords"][method])
    kept = report_json(capsys, str(path), "--top", "50", "--keep-numbers")
    assert [t["term"] for t in kept["top_terms"]] == list(full["term"])
    assert "2025" in [k["term"] for k in kept["keywords"]["tfidf"]]
    # the terminal lists too
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    assert "改革" in out and "│ 2025 " not in out and "百分之五" not in out
    # and the top terms of sections.csv
    headed = tmp_path / "headed.txt"
    headed.write_text("一、总体要求\n" + BODY, encoding="utf-8")
    for keep, has_numbers in (((), False), (("--keep-numbers",), True)):
        out_dir = tmp_path / f"out{len(keep)}"
        assert main(["report", str(headed), "--out", str(out_dir), *keep]) == 0
        sections = pd.read_csv(out_dir / "sections.csv", encoding="utf-8-sig")
        terms = [t.split(":")[0] for t in sections["top_terms"][0].split()]
        assert "改革" in terms and any(is_number(t) for t in terms) == has_numbers, terms


def test_report_json_of_a_document(capsys) -> None:
    data = report_json(capsys, str(SAMPLE))
    doc = wenmai.read(SAMPLE)
    assert data["kind"] == "document"
    assert data["document"]["title"] == doc.meta.title
    assert data["document"]["points"] == len(doc.points) > 0
    # the points under their headings, in the outline, with their whole text
    outline_points = [p["text"] for s in data["outline"] for p in s["points"]]
    outline_points += [p["text"] for p in data["points_before_headings"]]
    assert sorted(outline_points) == sorted(p.text for p in doc.points)
    first = data["outline"][0]
    assert [p["text"] for p in first["points"]] == [p.text for p in doc.points if p.section == 0]
    assert first["points"][0]["marker"] == "一是"
    freq = wenmai.Corpus.from_texts([doc.text]).frequency().head(20)
    assert [t["term"] for t in data["top_terms"]] == list(freq["term"])
    assert [k["term"] for k in data["keywords"]["tfidf"]] == [
        t for t, _ in wenmai.keywords(doc, top_k=20)
    ]
    assert data["rhetoric"]["summary"][0]["measure"] == "parallel groups"
    style = wenmai.style(doc).iloc[0]
    for key in ("four_char_share", "idioms_per_1k", "parallel_per_1k", "readability3"):
        assert data["rhetoric"]["style"][key] == pytest.approx(float(style[key])), key
    assert data["rhetoric"]["outline"]["points"] == len(doc.points)


def test_the_outline_in_the_terminal_shows_the_points(capsys) -> None:
    assert main(["report", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    outline = out.split("Outline")[1].split("Top 20 terms")[0]
    assert "一是要围绕大局增强服务意识" in outline and "四是要具备亲和性" in outline
    assert outline.index("进一步增强服务意识") < outline.index("一是要围绕大局") \
        < outline.index("进一步提高服务本领")


def make_folder(root: Path, n: int) -> Path:
    """n reports, 2001 to 2001 + n - 1, with titles and dates, but for two documents
    without a header (so neither a title nor a date)."""
    folder = root / "reports"
    folder.mkdir()
    for i in range(n):
        year = 2001 + i
        header = f"{year}年工作报告\n发布时间:{year}-03-05 09:00:00\n" if i not in (3, 7) else ""
        extra = "创新驱动。" * (i % 3) + ("乡村振兴。" if i % 2 else "对外开放。")
        (folder / f"{year}.txt").write_text(header + BODY + extra, encoding="utf-8")
    return folder


def test_report_json_of_a_folder(tmp_path: Path, capsys) -> None:
    folder = make_folder(tmp_path, MAX_ROWS + 5)
    corpus = wenmai.Corpus.from_dir(folder)
    data = report_json(capsys, str(folder))
    assert data["kind"] == "corpus"
    assert data["summary"]["documents"] == len(corpus) == MAX_ROWS + 5
    assert data["dates"] == {"first": "2001-03-05T09:00:00", "last": "2025-03-05T09:00:00"}
    missing = {m["doc_id"]: m["missing"] for m in data["missing_title_or_date"]}
    expected = {
        doc_id: [k for k, v in (("title", d.meta.title), ("date", d.meta.published)) if not v]
        for doc_id, d in zip(corpus.ids, corpus, strict=True)
        if not (d.meta.title and d.meta.published)
    }
    assert missing == expected == {"2004": ["title", "date"], "2008": ["title", "date"]}
    # every document, in the JSON
    assert [d["doc_id"] for d in data["documents"]] == list(corpus.ids)
    # by year: the years that have a date; the top terms as Corpus.frequency(by="year")
    years = [y["year"] for y in data["by_year"]]
    assert years == sorted(int(y) for y in corpus.docvars["year"].dropna())
    by_year = corpus.frequency(by="year")
    first = by_year[by_year["year"] == years[0]]
    first = first[~first["term"].map(is_number)]
    assert [t["term"] for t in data["by_year"][0]["top_terms"]] == list(first["term"].head(10))
    # a year's keywords are what sets it apart: terms missing from some years, weighed as
    # Corpus.keywords weighs them (count / tokens x ln(years / years with the term))
    grouped = by_year.pivot_table(index="year", columns="term", values="count", fill_value=0)
    n_years = len(grouped)
    for row in data["by_year"]:
        counts = grouped.loc[row["year"]]
        for k in row["keywords"]:
            df = int((grouped[k["term"]] > 0).sum())
            assert 0 < df < n_years, k
            want = counts[k["term"]] / counts.sum() * math.log(n_years / df)
            assert k["weight"] == pytest.approx(want), k
    style = corpus.style(by="year")
    assert [r["year"] for r in data["style_by_year"]] == years == list(style.index)
    assert data["style_by_year"][0]["chars"] == style.iloc[0]["chars"]
    odd = {k["term"] for k in data["by_year"][1]["keywords"]}
    even = {k["term"] for k in data["by_year"][0]["keywords"]}
    assert "乡村" in odd and "乡村" not in even and "对外开放" in even - odd


def test_a_folder_shows_a_screenful_of_documents(tmp_path: Path, capsys) -> None:
    folder = make_folder(tmp_path, MAX_ROWS + 5)
    out_dir = tmp_path / "out"
    assert main(["report", str(folder), "--out", str(out_dir)]) == 0
    out = capsys.readouterr().out
    assert "2001-03-05" in out and "2025-03-05" in out  # the date range
    lacking = [line.split("│")[1].strip() for line in out.splitlines()
               if line.count("│") == 3 and "title, date" in line]
    assert lacking == ["2004", "2008"]
    assert "Top terms and keywords by year" in out
    listed = out.split("Keywords per document")[1].split("Style by year")[0]
    assert f"the first {MAX_ROWS} of {MAX_ROWS + 5}" in listed
    assert "│ 2020 " in listed and "│ 2021 " not in listed
    docs = pd.read_csv(out_dir / "documents.csv", encoding="utf-8-sig", dtype=str)
    assert len(docs) == MAX_ROWS + 5


def test_out_as_parquet(tmp_path: Path, capsys) -> None:
    folder = make_folder(tmp_path, 4)
    assert main(["report", str(folder), "--out", str(tmp_path / "csv")]) == 0
    assert main(["report", str(folder), "--out", str(tmp_path / "tables.parquet")]) == 0
    for name in ("documents", "sections", "terms", "keywords"):
        parquet = pd.read_parquet(tmp_path / "tables.parquet" / f"{name}.parquet")
        csv = pd.read_csv(tmp_path / "csv" / f"{name}.csv", encoding="utf-8-sig",
                          keep_default_na=False)
        assert list(parquet.columns) == list(csv.columns), name
        assert len(parquet) == len(csv), name
        assert len(csv) > 0 or name == "sections", name  # the reports have no headings
    terms = pd.read_parquet(tmp_path / "tables.parquet" / "terms.parquet")
    docs = pd.read_parquet(tmp_path / "tables.parquet" / "documents.parquet")
    assert terms["count"].sum() == docs["tokens"].sum()  # every term, numbers included
    assert terms.loc[terms["term"] == "2025", "number"].tolist() == [True]


def test_parse_json_sentences_carry_their_text(capsys) -> None:
    assert main(["parse", str(SAMPLE), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    doc = wenmai.read(SAMPLE)
    assert [s["text"] for s in record["sentences"]] == [s.text for s in doc.sentences]
    assert [p["text"] for p in record["paragraphs"]] == [p.text for p in doc.paragraphs]
    assert [p["text"] for p in record["points"]] == [p.text for p in doc.points]
