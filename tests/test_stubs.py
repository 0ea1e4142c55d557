"""The native module's type stub matches the built module (mypy.stubtest), and every public
name has a docstring."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import wenmai
import wenmai.jieba
import wenmai.jieba.analyse
import wenmai.jieba.posseg


def test_stubtest(tmp_path: Path) -> None:
    pkg = Path(wenmai.__file__).parent
    assert (pkg / "_wenmai.pyi").is_file() and (pkg / "py.typed").is_file()
    r = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "wenmai._wenmai"],
        # Run outside site-packages: there, unrelated top-level modules (mypy_extensions.py)
        # would shadow mypy's own imports.
        capture_output=True, text=True, cwd=tmp_path, timeout=600,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_docstrings_on_public_names() -> None:
    missing = []
    for mod in (wenmai, wenmai.jieba, wenmai.jieba.posseg, wenmai.jieba.analyse):
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if not callable(obj) and not isinstance(obj, type):
                continue
            if not (inspect.getdoc(obj) or "").strip():
                missing.append(f"{mod.__name__}.{name}")
            if isinstance(obj, type):
                for attr, val in vars(obj).items():
                    if attr.startswith("_") or not callable(val) and not isinstance(val, property):
                        continue
                    if not (inspect.getdoc(val) or "").strip():
                        missing.append(f"{mod.__name__}.{name}.{attr}")
    assert not missing, missing
    assert "Corpus" in (wenmai.Corpus.__doc__ or "")
