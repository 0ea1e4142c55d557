"""Shared fixtures: the corpus (tests that need it FAIL when it is missing)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def corpus_root() -> Path:
    """`$WENMAI_CORPUS`, default `../shared/corpus` relative to the repo root."""
    env = os.environ.get("WENMAI_CORPUS")
    path = Path(env) if env else ROOT.parent / "shared" / "corpus"
    assert path.is_dir(), f"the corpus is missing: {path} (set WENMAI_CORPUS)"
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The root of the shared corpus."""
    return corpus_root()


@pytest.fixture(scope="session")
def gov_reports(corpus: Path) -> list[Path]:
    """The 56 national government work reports, sorted by year."""
    files = sorted((corpus / "gov_reports").glob("*.txt"))
    assert len(files) >= 50, "gov_reports is incomplete"
    return files


@pytest.fixture(scope="session")
def seed_article() -> Path:
    """The sample article shipped with the repository."""
    return ROOT / "examples" / "seed-article.txt"
