"""The ``wenmai`` command, run as a user runs it: in a subprocess, checking output and exit codes.

jieba 0.42.1 is the oracle for the numbers the command prints (term counts, keywords).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, corpus_root, in_ci

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "seed-article.txt"
# Every test starts the command in fresh interpreters (10-50 s each on a debug build).
pytestmark = pytest.mark.slow
SAMPLE_TITLE = "把握服务内涵 提高服务水平"
BOM = b"\xef\xbb\xbf"


def corpus_dir(full: bool = False) -> Path:
    """The government work reports of the corpus. Without the corpus: the sample's four
    (2018, 2019, 2023, 2024, in tests/data), or, with ``full``, skip (fail under CI)."""
    env = os.environ.get("WENMAI_CORPUS")
    root = Path(env) if env else ROOT.parent / "shared" / "corpus"
    gov = root / "gov_reports"
    if not root.is_dir():
        if full or in_ci():
            corpus_root()  # skips, or fails under CI
        return DATA / "gov_reports"
    assert gov.is_dir(), f"corpus not found at {gov}; set WENMAI_CORPUS"
    return gov


def script() -> str:
    exe = Path(sys.executable).parent / ("wenmai.exe" if os.name == "nt" else "wenmai")
    assert exe.exists(), f"console script not installed next to {sys.executable}"
    return str(exe)


def run(*args: str, stdin: bytes | None = None, via_script: bool = False, cwd: Path | None = None):
    cmd = [script()] if via_script else [sys.executable, "-m", "wenmai"]
    env = {**os.environ, "COLUMNS": "160", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [*cmd, *args], input=stdin, capture_output=True, env=env, cwd=cwd, timeout=600
    )
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def jieba_counts(text: str) -> dict[str, int]:
    import jieba

    counts: dict[str, int] = {}
    for w in jieba.lcut(text):
        counts[w] = counts.get(w, 0) + 1
    return counts


def jieba_tags(text: str, k: int = 20) -> list[str]:
    import jieba.analyse

    return jieba.analyse.extract_tags(text, topK=k)


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture()
def bad_inputs(tmp_path: Path, sample_text: str) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(sample_text.encode("gbk"))
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 64 + b"\x00\x00\xff\xfe\x00")
    good = tmp_path / "good.txt"
    good.write_text(sample_text, encoding="utf-8")
    return {"empty": empty, "gbk": gbk, "binary": binary, "good": good}


# --- help and usage ---


@pytest.mark.parametrize("via_script", [False, True])
def test_help_lists_every_subcommand(via_script: bool) -> None:
    code, out, _ = run("--help", via_script=via_script)
    assert code == 0
    for name in ("report", "parse", "keywords", "freq", "kwic", "keyness", "collocations",
                 "formulations"):
        assert name in out
    assert "examples:" in out and "exit status" in out


@pytest.mark.parametrize(
    "command",
    ["report", "parse", "keywords", "freq", "kwic", "keyness", "collocations", "formulations"],
)
def test_every_subcommand_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "examples:" in out
    assert f"wenmai {command}" in out.split("examples:", 1)[1]


@pytest.mark.parametrize(
    "args",
    [
        ["keywords"],  # PATH is required
        ["keywords", str(SAMPLE), "--top", "0"],
        ["keywords", str(SAMPLE), "--method", "bm25"],
        ["report", str(SAMPLE), "--top", "many"],
        ["nosuchcommand"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert "usage:" in err


def test_version() -> None:
    import wenmai

    code, out, _ = run("--version")
    assert code == 0
    assert out.strip() == f"wenmai {wenmai.__version__}"


# --- report on one document ---


@pytest.mark.parametrize("via_script", [False, True])
def test_report_without_path_reports_on_the_bundled_sample(
    via_script: bool, sample_text: str
) -> None:
    code, out, err = run("report", via_script=via_script)
    assert code == 0, err
    # metadata
    for value in (SAMPLE_TITLE, "2008-12-09", "艾立明", "黑龙江日报", "黑龙江省委办公厅副主任"):
        assert value in out, value
    # outline, as a tree: the three top-level headings, in order
    heads = ["进一步增强服务意识", "进一步提高服务本领", "进一步保证服务效果"]
    positions = [out.index(h) for h in heads]
    assert positions == sorted(positions)
    assert "Keywords" in out and "TextRank" in out and "tf-idf" in out
    assert "Top terms of each top-level section" in out


def test_report_on_a_document_counts_terms_like_jieba(sample_text: str) -> None:
    code, out, err = run("report", str(SAMPLE), "--top", "10")
    assert code == 0, err
    counts = jieba_counts(sample_text)
    # The most frequent content word of the sample, and its count, as jieba counts it.
    top_row = next(line for line in out.splitlines() if "│ 服务 " in line or " 服务 " in line)
    assert str(counts["服务"]) in top_row.split()
    # jieba's top tf-idf keywords appear in the keyword table
    for tag in jieba_tags(sample_text, 5):
        assert tag in out, tag


def test_report_out_writes_four_csv_files_with_bom(tmp_path: Path, sample_text: str) -> None:
    out_dir = tmp_path / "results"
    code, _, err = run("report", str(SAMPLE), "--out", str(out_dir))
    assert code == 0, err
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["documents.csv", "keywords.csv", "sections.csv", "terms.csv"]
    for p in out_dir.iterdir():
        assert p.read_bytes().startswith(BOM), p.name
    docs = list(csv.DictReader(io.StringIO((out_dir / "documents.csv").read_text("utf-8-sig"))))
    assert len(docs) == 1 and docs[0]["title"] == SAMPLE_TITLE
    assert docs[0]["published"].startswith("2008-12-09")
    sections = list(csv.DictReader(io.StringIO((out_dir / "sections.csv").read_text("utf-8-sig"))))
    top = [s["heading"] for s in sections if s["parent"] == ""]
    assert top == ["进一步增强服务意识", "进一步提高服务本领", "进一步保证服务效果"]
    terms = list(csv.DictReader(io.StringIO((out_dir / "terms.csv").read_text("utf-8-sig"))))
    counts = [int(t["count"]) for t in terms]
    assert counts == sorted(counts, reverse=True)
    assert {t["term"]: int(t["count"]) for t in terms}["服务"] == jieba_counts(sample_text)["服务"]
    keywords = list(csv.DictReader(io.StringIO((out_dir / "keywords.csv").read_text("utf-8-sig"))))
    assert {k["method"] for k in keywords} == {"tfidf", "textrank"}
    tfidf = [k["term"] for k in keywords if k["method"] == "tfidf"]
    assert len(set(tfidf[:20]) & set(jieba_tags(sample_text, 20))) >= 18


def test_report_out_no_bom(tmp_path: Path) -> None:
    code, _, err = run("report", str(SAMPLE), "--out", str(tmp_path), "--no-bom")
    assert code == 0, err
    for name in ("documents.csv", "sections.csv", "terms.csv", "keywords.csv"):
        data = (tmp_path / name).read_bytes()
        assert not data.startswith(BOM)
        data.decode("utf-8")


# --- report on a folder ---


def test_report_on_the_government_work_reports(tmp_path: Path) -> None:
    gov = corpus_dir()
    files = sorted(gov.glob("*.txt"))
    out_dir = tmp_path / "out"
    code, out, err = run("report", str(gov), "--out", str(out_dir), "--top", "15")
    assert code == 0, err
    assert "Corpus" in out
    summary = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in out.splitlines()
        if line.count("│") == 3
    }
    assert summary["documents"] == str(len(files))
    assert summary["bad files skipped"] == "0"
    assert "发展" in out  # the top term of seventy years of reports
    # Documents are named as Corpus.from_dir names them; a screenful of them in the terminal,
    # every one in the CSV files.
    for f in files[:20]:
        assert f"│ {f.stem} " in out, f.stem
    if len(files) > 20:
        assert f"the first 20 of {len(files)}" in out
        shown = out.split("Keywords per document")[1].split("Style by year")[0]
        assert f"│ {files[20].stem} " not in shown
    docs = list(csv.DictReader(io.StringIO((out_dir / "documents.csv").read_text("utf-8-sig"))))
    assert [Path(d["path"]).name for d in docs] == [f.name for f in files]
    assert all(int(d["tokens"]) > 1000 for d in docs)
    keywords = list(csv.DictReader(io.StringIO((out_dir / "keywords.csv").read_text("utf-8-sig"))))
    per_doc = {(k["doc_id"], k["method"]) for k in keywords}
    assert len(per_doc) == 2 * len(files)
    terms = list(csv.DictReader(io.StringIO((out_dir / "terms.csv").read_text("utf-8-sig"))))
    assert sum(int(t["count"]) for t in terms) == sum(int(d["tokens"]) for d in docs)


def test_report_on_a_folder_with_bad_files_skips_and_names_them(
    tmp_path: Path, bad_inputs: dict[str, Path]
) -> None:
    code, out, err = run("report", str(bad_inputs["good"].parent))
    assert code == 1
    assert "binary.txt" in err
    assert "gbk.txt" not in err and "good.txt" not in err
    assert "binary.txt" in out  # listed among the skipped files
    assert "进一步" in out or "服务" in out


# --- bad inputs ---


def test_empty_file_is_an_empty_document(bad_inputs: dict[str, Path]) -> None:
    code, out, err = run("keywords", str(bad_inputs["empty"]), "--format", "json")
    assert code == 0, err
    assert "empty document" in err
    assert json.loads(out) == [
        {"doc_id": str(bad_inputs["empty"]), "title": None, "method": "tfidf", "keywords": []}
    ]
    code, _, err = run("report", str(bad_inputs["empty"]))
    assert code == 0, err


def test_gbk_file_is_decoded(bad_inputs: dict[str, Path], sample_text: str) -> None:
    code, out, err = run("parse", str(bad_inputs["gbk"]), "--json")
    assert code == 0, err
    record = json.loads(out)
    assert record["path"] == str(bad_inputs["gbk"])
    assert record["meta"]["title"] == SAMPLE_TITLE
    _, gbk_kw, _ = run("keywords", str(bad_inputs["gbk"]), "--format", "json")
    _, utf8_kw, _ = run("keywords", str(bad_inputs["good"]), "--format", "json")
    assert json.loads(gbk_kw)[0]["keywords"] == json.loads(utf8_kw)[0]["keywords"]


def test_utf16_file_with_nul_bytes_is_text_not_binary(tmp_path: Path, sample_text: str) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(sample_text.encode("utf-16"))  # with a byte-order mark
    code, out, err = run("parse", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["meta"]["title"] == SAMPLE_TITLE


def test_binary_file_fails_and_the_others_are_processed(bad_inputs: dict[str, Path]) -> None:
    code, out, err = run(
        "keywords", str(bad_inputs["binary"]), str(bad_inputs["good"]), "--format", "json"
    )
    assert code == 1
    assert str(bad_inputs["binary"]) in err
    assert [r["doc_id"] for r in json.loads(out)] == [str(bad_inputs["good"])]


def test_missing_path_fails_and_the_others_are_processed(bad_inputs: dict[str, Path]) -> None:
    missing = str(bad_inputs["good"].parent / "no-such-file.txt")
    code, out, err = run("keywords", missing, str(bad_inputs["good"]), "--format", "csv")
    assert code == 1
    assert f"wenmai: {missing}: no such file or directory" in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["doc_id"] for r in rows} == {str(bad_inputs["good"])}
    code, out, err = run("report", missing)
    assert code == 1 and out == "" and missing in err


def test_only_failures_exit_1_with_nothing_on_stdout(bad_inputs: dict[str, Path]) -> None:
    code, out, err = run("parse", str(bad_inputs["binary"]))
    assert code == 1
    assert out == ""
    assert str(bad_inputs["binary"]) in err


# --- paths: stdin, globs ---


def test_stdin(sample_text: str) -> None:
    code, out, err = run("keywords", "-", "--format", "json", stdin=sample_text.encode("gbk"))
    assert code == 0, err
    result = json.loads(out)
    assert result[0]["doc_id"] == "<stdin>"
    assert result[0]["title"] == SAMPLE_TITLE
    assert [k["term"] for k in result[0]["keywords"]][:20] != []


def test_glob_selects_files(tmp_path: Path) -> None:
    gov = corpus_dir(full=True)
    code, out, err = run("keywords", str(gov / "201[0-2].txt"), "--top", "3", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted({Path(r["doc_id"]).name for r in rows}) == ["2010.txt", "2011.txt", "2012.txt"]
    assert not out.startswith("\ufeff")  # no BOM on standard output
    code, _, err = run("keywords", str(tmp_path / "*.nothing"))
    assert code == 1 and "no files match" in err


# --- keywords, parse, freq ---


def test_keywords_match_jieba_extract_tags_on_a_report() -> None:
    path = corpus_dir() / "2019.txt"
    code, out, err = run("keywords", str(path), "--format", "json")
    assert code == 0, err
    ours = [k["term"] for k in json.loads(out)[0]["keywords"]]
    assert ours == jieba_tags(path.read_text(encoding="utf-8"), 20)


def test_keywords_csv_to_file_has_bom(tmp_path: Path) -> None:
    target = tmp_path / "kw.csv"
    code, out, err = run("keywords", str(SAMPLE), "--format", "csv", "-o", str(target))
    assert code == 0, err
    assert out == ""
    assert target.read_bytes().startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(target.read_text("utf-8-sig"))))
    assert [int(r["rank"]) for r in rows] == list(range(1, 21))


def test_keywords_table_and_textrank() -> None:
    code, out, err = run("keywords", str(SAMPLE), "--method", "textrank", "--top", "5")
    assert code == 0, err
    assert "textrank" in out
    assert str(SAMPLE) in out


def test_parse_table_shows_metadata_and_outline() -> None:
    code, out, err = run("parse", str(SAMPLE))
    assert code == 0, err
    assert SAMPLE_TITLE in out and "黑龙江日报" in out and "进一步保证服务效果" in out


def test_parse_json_lines_one_per_document() -> None:
    gov = corpus_dir()
    code, out, err = run("parse", str(gov / "2023.txt"), str(gov / "2024.txt"), "--json")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["2023.txt", "2024.txt"]
    assert all(r["sections"] for r in records)


def test_freq_counts_like_jieba(sample_text: str) -> None:
    code, out, err = run("freq", str(SAMPLE), "--top", "5", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 5
    counts = jieba_counts(sample_text)
    for row in rows:
        assert row["count"] == counts[row["term"]], row
        assert row["doc_count"] == 1
    assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)


def test_freq_by_a_docvar() -> None:
    gov = corpus_dir(full=True)
    code, out, err = run(
        "freq", str(gov / "201[67].txt"), "--by", "year", "--top", "3", "--format", "csv"
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["year"] for r in rows] == ["2016"] * 3 + ["2017"] * 3
    for row in rows:
        counts = jieba_counts((gov / f"{row['year']}.txt").read_text(encoding="utf-8"))
        assert int(row["count"]) == counts[row["term"]], row
    code, _, err = run("freq", str(SAMPLE), "--by", "no_such_docvar")
    assert code == 2
    assert "no_such_docvar" in err and "available" in err


# --- progress bar ---


def _stderr_through_a_terminal(*args: str) -> tuple[int, str]:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    # A new pseudo-terminal is 0 columns wide, and tqdm draws nothing in 0 columns.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    env = {**os.environ, "COLUMNS": "160"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wenmai", *args],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=600), b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only() -> None:
    gov = corpus_dir()
    code, err = _stderr_through_a_terminal("keywords", str(gov), "--format", "csv")
    assert code == 0
    assert "keywords (tfidf)" in err and "doc" in err  # tqdm's bar, drawn on the terminal
    code, _, err = run("keywords", str(gov), "--format", "csv")
    assert code == 0
    assert err == ""  # standard error is a pipe here: no bar
    code, err = _stderr_through_a_terminal("keywords", str(gov), "--format", "csv", "--no-progress")
    assert code == 0 and "keywords (tfidf)" not in err
