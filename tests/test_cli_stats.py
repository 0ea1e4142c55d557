"""``wenmai kwic``, ``keyness`` and ``collocations`` in a subprocess: the rows they print are
the Corpus methods' rows, and bad arguments are usage errors (exit 2) that say what to change."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import wenmai
from test_cli import corpus_dir, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports() -> tuple[str, wenmai.Corpus]:
    gov = corpus_dir()
    files = sorted(gov.glob("*.txt"))[-2:]
    return str(gov / "*.txt"), wenmai.Corpus.from_files(files)


@pytest.fixture(scope="module")
def last_two(reports: tuple[str, wenmai.Corpus]) -> str:
    glob, corpus = reports
    return glob.replace("*", "{" + ",".join(corpus.ids) + "}")


def _files(reports: tuple[str, wenmai.Corpus]) -> list[str]:
    glob, corpus = reports
    return [glob.replace("*", i) for i in corpus.ids]


def test_kwic_json_is_the_corpus_kwic(reports: tuple[str, wenmai.Corpus]) -> None:
    code, out, err = run("kwic", *_files(reports), "改革", "--window", "4", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    expected = reports[1].kwic("改革", window=4)
    assert len(rows) == len(expected) > 0
    # the command names documents by their paths as given, the corpus by file stems
    assert [(Path(r["doc_id"]).stem, r["start"], r["pre"], r["keyword"], r["post"])
            for r in rows] == [
        tuple(t) for t in expected[["doc_id", "start", "pre", "keyword", "post"]].itertuples(
            index=False, name=None)]


def test_kwic_table_and_no_match(reports: tuple[str, wenmai.Corpus]) -> None:
    code, out, err = run("kwic", *_files(reports), "改革")
    assert code == 0, err
    assert "Keyword in context" in out and "改革" in out
    code, out, err = run("kwic", *_files(reports), "不存在的词语组合")
    assert code == 0
    assert "no match" in err


def test_keyness_csv_is_the_corpus_keyness(reports: tuple[str, wenmai.Corpus]) -> None:
    corpus = reports[1]
    target = corpus.ids[-1]
    code, out, err = run("keyness", *_files(reports), "--target", target, "--measure", "lr",
                         "--top", "5", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    k = corpus.keyness([target], measure="lr")
    expected = list(k["term"].head(5)) + list(k["term"].tail(5))
    assert [r["term"] for r in rows] == expected
    assert float(rows[0]["stat"]) == pytest.approx(float(k["stat"].iloc[0]), rel=1e-12)
    assert float(rows[-1]["stat"]) < 0


def test_collocations_json_is_the_corpus_collocations(
        reports: tuple[str, wenmai.Corpus]) -> None:
    code, out, err = run("collocations", *_files(reports), "--size", "3", "--top", "10",
                         "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    expected = reports[1].collocations(size=3).head(10)
    assert [r["collocation"] for r in rows] == list(expected["collocation"])
    assert [r["count"] for r in rows] == list(expected["count"])


@pytest.mark.parametrize(("args", "says"), [
    (["kwic", "{files}", "(", "--regex"], "("),
    (["kwic", "{files}", "改革", "--window", "0"], "at least 1"),
    (["keyness", "{files}", "--target", "year > 3000"], "selects no document"),
    (["collocations", "{files}", "--size", "6"], "invalid choice"),
])
def test_bad_arguments_are_usage_errors(reports: tuple[str, wenmai.Corpus], args: list[str],
                                        says: str) -> None:
    files = _files(reports)
    expanded = [a for x in args for a in (files if x == "{files}" else [x])]
    code, out, err = run(*expanded)
    assert code == 2, err
    assert out == ""
    assert says in err
    assert "Traceback" not in err
