"""``Corpus.formulations``: given phrases are counted as ``str.count`` counts them, per year,
over all the government work reports; discovery on them finds the formulations political
scientists track with their first years; bad arguments are ``ValueError``s; ``wenmai
formulations`` prints the same rows."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import wenmai

PHRASES = ["全面从严治党", "供给侧结构性改革", "高质量发展", "改革开放", "阶级斗争", "科学发展观",
           "新质生产力", "社会主义", "人民", "一是", "，我们", "哈哈", "五年计划"]


@pytest.fixture(scope="module")
def reports(gov_reports: list[Path]) -> wenmai.Corpus:
    return wenmai.Corpus.from_files(gov_reports)


@pytest.fixture(scope="module")
def discovered(reports: wenmai.Corpus) -> pd.DataFrame:
    return reports.formulations(by=None)


def test_counts_are_substring_counts_by_year(reports: wenmai.Corpus) -> None:
    got = reports.formulations(PHRASES, by="year")
    years = reports.docvars["year"]
    rows = []
    for p in PHRASES:
        for year in sorted(set(years)):
            docs = [d for d, y in zip(reports, years, strict=True) if y == year]
            n = sum(d.text.count(p) for d in docs)
            chars = sum(len(d.text) for d in docs)
            rows.append((p, year, n, sum(p in d.text for d in docs), n * 10_000 / chars))
    assert len(got) == len(rows) == len(PHRASES) * len(set(years))
    assert list(got["phrase"]) == [r[0] for r in rows]
    assert list(got["year"]) == [r[1] for r in rows]
    assert list(got["count"]) == [r[2] for r in rows]
    assert list(got["documents"]) == [r[3] for r in rows]
    assert got["rate"].tolist() == pytest.approx([r[4] for r in rows], rel=1e-12)
    # First and last appearance: the earliest and latest report holding the phrase.
    heads = got.drop_duplicates("phrase")
    for p, first, last in zip(heads["phrase"], heads["first_doc"], heads["last_doc"],
                              strict=True):
        holding = [(d.meta.year, i) for i, d in zip(reports.ids, reports, strict=True)
                   if p in d.text]
        if holding:
            assert (first, last) == (min(holding)[1], max(holding)[1]), p
        else:
            assert pd.isna(first) and pd.isna(last), p


def test_discovery_finds_the_tracked_formulations(reports: wenmai.Corpus,
                                                  discovered: pd.DataFrame) -> None:
    found = discovered.set_index("phrase")
    assert found["count"].min() >= 1 and (found["documents"] >= 3).all()
    for p in ("全面从严治党", "供给侧结构性改革", "高质量发展"):
        assert p in found.index, p
        first_year = min(d.meta.year for d in reports if p in d.text)
        assert str(first_year) == found.loc[p, "first_doc"], p
        assert found.loc[p, "count"] == sum(d.text.count(p) for d in reports)
    # Maximal: no phrase lies inside a longer one with as many occurrences.
    counts = dict(zip(found.index, found["count"], strict=True))
    assert not [(a, b) for a in counts for b in ("推动" + a, a + "的") if counts.get(b) ==
                counts[a]]
    # Within clauses and on token boundaries.
    assert not any(set(p) & set("，。、；：！？（）《》“”") for p in found.index)
    assert all(4 <= len(p) <= 16 for p in found.index)


def test_small_corpus_and_bad_arguments(tmp_path: Path) -> None:
    texts = ["我们要推动高质量发展。", "必须推动高质量发展！", "推动高质量发展，是主题。"]
    for i, t in enumerate(texts):
        (tmp_path / f"{2018 + i}.txt").write_text(t, encoding="utf-8")
    c = wenmai.Corpus.from_files(sorted(tmp_path.glob("*.txt")))
    f = c.formulations(by=None)
    assert list(f["phrase"]) == ["推动高质量发展"]
    assert (f["count"].tolist(), f["documents"].tolist()) == ([3], [3])
    assert c.formulations(min_docs=4).empty
    g = c.formulations("高质量", by=None)
    assert g["count"].tolist() == [3]
    for bad in ({"phrases": [""]}, {"phrases": []}, {"phrases": [1]}, {"by": "nope"},
                {"min_docs": 0}):
        with pytest.raises(ValueError):
            c.formulations(**bad)


def test_cli_prints_the_corpus_rows(reports: wenmai.Corpus, gov_reports: list[Path]) -> None:
    files = [str(p) for p in gov_reports[-3:]]
    r = subprocess.run([sys.executable, "-m", "wenmai", "formulations", *files, "--phrase",
                        "高质量发展", "--phrase", "新质生产力", "--format", "csv"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    want = wenmai.Corpus.from_files(files).formulations(["高质量发展", "新质生产力"])
    assert [(x["phrase"], int(x["year"]), int(x["count"])) for x in rows] == \
        list(zip(want["phrase"], want["year"], want["count"], strict=True))
    r = subprocess.run([sys.executable, "-m", "wenmai", "formulations", *files,
                        "--min-docs", "0"], capture_output=True, text=True, check=False)
    assert r.returncode == 2 and "min-docs" in r.stderr


# The same result with 1, 2 and 8 threads: tests/test_stats_determinism.py (its script
# digests formulations and new words with the other statistics, in the same processes).
