"""benchmarks/compare.py runs as its README section says (a smoke test on two reports: the
numbers themselves are for the benchmark's own runs, not for tests; the sample's reports in
tests/data without the corpus)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPARE = ROOT / "benchmarks" / "compare.py"
# compare.py's limit row is a release build of an example (cargo run --release).
pytestmark = pytest.mark.slow


def _two_reports(tmp_path: Path, root: Path) -> Path:
    folder = tmp_path / "two"
    folder.mkdir()
    for src in sorted((root / "gov_reports").glob("*.txt"))[-2:]:
        shutil.copy(src, folder / src.name)
    return folder


def test_pairs_of_e2e_and_limit(tmp_path: Path, sample_or_corpus: Path) -> None:
    folder = _two_reports(tmp_path, sample_or_corpus)
    out = tmp_path / "result.json"
    done = subprocess.run(
        [sys.executable, str(COMPARE), "--corpus", str(folder), "--tasks", "e2e", "--repeat",
         "1", "--pairs", "2", "--json", str(out)],
        capture_output=True, text=True, check=False, env=os.environ | {"PYTHONUTF8": "1"},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    e2e = next(r for r in result["results"] if r["tool"] == "wenmai")
    assert e2e["task"] == "e2e" and e2e["documents"] == 2 and e2e["seconds"] > 0
    assert result["limit"]["mb_per_s"] > 0
    pairs = result["pairs"]
    assert len(pairs) == 2
    for p in pairs:
        assert p["e2e_seconds"] > 0 and p["limit_seconds"] > 0
        # Throughput over throughput on the same bytes: the limit's time over wenmai's.
        assert abs(p["of_limit"] - p["limit_seconds"] / p["e2e_seconds"]) < 1e-9
    assert "2 pairs run one after the other: median" in done.stdout


def test_pairs_need_the_limit(tmp_path: Path, sample_or_corpus: Path) -> None:
    folder = _two_reports(tmp_path, sample_or_corpus)
    done = subprocess.run(
        [sys.executable, str(COMPARE), "--corpus", str(folder), "--pairs", "2", "--no-limit"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert "--pairs needs the limit row" in done.stderr
