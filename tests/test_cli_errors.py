"""The ``wenmai`` command never prints a traceback: a problem is one line on standard error
(``wenmai: error: …`` or ``wenmai: PATH: reason``) and exit status 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from wenmai.cli import _one_line

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def run(args: list[str], cwd: Path, *, shell_stdin: str = "",
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "wenmai", *args]
    full_env = {k: v for k, v in os.environ.items() if k != "WENMAI_DEBUG"}
    full_env.update({"PYTHONIOENCODING": "utf-8", **(env or {})})
    if shell_stdin:  # a redirection only a shell can make (`<&-` closes standard input)
        line = " ".join(f"'{a}'" for a in cmd) + " " + shell_stdin
        return subprocess.run(["sh", "-c", line], cwd=cwd, capture_output=True, text=True,
                              env=full_env, timeout=120)
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=full_env,
                          timeout=120)


def one_line_error(p: subprocess.CompletedProcess[str], expected: str) -> None:
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    lines = [line for line in p.stderr.splitlines() if line.startswith("wenmai")]
    assert len(lines) == 1 and expected in lines[0], p.stderr


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "doc.txt").write_text("第一条 发展经济，建设国家。\n", encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    return tmp_path


def test_out_under_a_file_is_one_line(folder: Path) -> None:
    p = run(["report", "doc.txt", "--out", "afile/sub"], folder)
    one_line_error(p, "wenmai: error: afile/sub: Not a directory")


@pytest.mark.parametrize("flag, target", [("--out", "afile/sub"), ("--html", "nodir/r.html")])
def test_unwritable_output_fails_before_the_report(folder: Path, flag: str, target: str) -> None:
    for doc in ("doc.txt", "."):  # one document, and a folder
        p = run(["report", doc, flag, target], folder)
        one_line_error(p, f"wenmai: error: {target}: ")
        assert p.stdout == ""  # nothing printed, no work done, before the error


@pytest.mark.skipif(ROOT or sys.platform == "win32", reason="root writes anywhere")
def test_out_in_a_read_only_folder_is_one_line(folder: Path) -> None:
    ro = folder / "ro"
    ro.mkdir(mode=0o500)
    try:
        one_line_error(run(["report", "doc.txt", "--out", "ro/x"], folder), "Permission denied")
    finally:
        ro.chmod(0o700)


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes standard input")
def test_closed_stdin_is_one_line(folder: Path) -> None:
    p = run(["parse", "-"], folder, shell_stdin="<&-")
    one_line_error(p, "wenmai: <stdin>: standard input is closed")


def test_missing_path_is_one_line(folder: Path) -> None:
    one_line_error(run(["parse", "nosuch.txt"], folder),
                   "wenmai: nosuch.txt: no such file or directory")


@pytest.mark.skipif(ROOT or sys.platform == "win32", reason="root reads anything")
def test_unreadable_path_is_one_line(folder: Path) -> None:
    (folder / "doc.txt").chmod(0)
    try:
        one_line_error(run(["parse", "doc.txt"], folder), "permission denied")
    finally:
        (folder / "doc.txt").chmod(0o600)


def test_wenmai_debug_shows_the_traceback(folder: Path) -> None:
    p = run(["keywords", "doc.txt", "-o", "afile/k.csv"], folder, env={"WENMAI_DEBUG": "1"})
    assert p.returncode == 1 and "Traceback" in p.stderr


def test_one_line_of_each_kind_of_error() -> None:
    err = PermissionError(13, "Permission denied", "out/x.csv")
    assert _one_line(err) == "out/x.csv: Permission denied"
    assert _one_line(ValueError("top_k must be >= 0, got -1\nmore")) == \
        "top_k must be >= 0, got -1"
    assert _one_line(KeyError("no document variable 'x'")) == "no document variable 'x'"
    unexpected = _one_line(RuntimeError("boom"))
    assert unexpected == "RuntimeError: boom (run with WENMAI_DEBUG=1 for the traceback)"
