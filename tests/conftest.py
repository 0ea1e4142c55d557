"""Shared fixtures: the corpus, and the sample of it in tests/data.

The corpus is `$WENMAI_CORPUS`, default `../shared/corpus` next to the repository. Without
it, tests that need the whole corpus skip (saying how to get it), and tests that only need
real documents run on the sample in tests/data (the same relative paths; see its README).
Under `CI=true` a missing corpus fails instead, so CI cannot pass without it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
HOW = "needs the wenmai corpus: put it at ../shared/corpus or set WENMAI_CORPUS"


def corpus_path() -> Path:
    """`$WENMAI_CORPUS`, default `../shared/corpus` relative to the repo root (may not exist)."""
    env = os.environ.get("WENMAI_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def has_corpus() -> bool:
    return corpus_path().is_dir()


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _missing() -> None:
    """Skip the calling test, or fail it under CI."""
    msg = f"{HOW} (nothing at {corpus_path()})"
    if in_ci():
        pytest.fail(f"CI=true and the corpus is missing: {msg}", pytrace=False)
    pytest.skip(msg)


def corpus_root() -> Path:
    """The corpus; skips the test without it (fails under CI)."""
    path = corpus_path()
    if not path.is_dir():
        _missing()
    return path


def corpus_or_sample() -> Path:
    """The corpus when present, else the sample in tests/data (under CI: fails without it)."""
    path = corpus_path()
    if path.is_dir():
        return path
    if in_ci():
        _missing()
    return DATA


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The root of the shared corpus (skips without it)."""
    return corpus_root()


@pytest.fixture(scope="session")
def sample_or_corpus() -> Path:
    """The root of the corpus when present, else of the sample in tests/data."""
    return corpus_or_sample()


@pytest.fixture(scope="session")
def gov_reports(corpus: Path) -> list[Path]:
    """The 56 national government work reports, sorted by year (skips without the corpus)."""
    files = sorted((corpus / "gov_reports").glob("*.txt"))
    assert len(files) >= 50, "gov_reports is incomplete"
    return files


@pytest.fixture(scope="session")
def report_files(sample_or_corpus: Path) -> list[Path]:
    """The 56 government work reports, or without the corpus the sample's four, by year."""
    files = sorted((sample_or_corpus / "gov_reports").glob("*.txt"))
    if sample_or_corpus != DATA:
        assert len(files) >= 50, "gov_reports is incomplete"
    else:
        assert files, f"no reports in {DATA}"
    return files


@pytest.fixture(scope="session")
def seed_article() -> Path:
    """The sample article shipped with the repository."""
    return ROOT / "examples" / "seed-article.txt"


def news_documents(split: str = "dev") -> list[str]:
    """The articles of one split of the news (title line, body line, blank line each); skips
    without the corpus (fails under CI)."""
    path = corpus_root() / "news" / "inews_bdci2019" / f"{split}.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    docs = ("\n".join(lines[i : i + 3]).strip("\n") for i in range(0, len(lines), 3))
    return [d for d in docs if d]


@pytest.fixture(scope="session")
def news_texts() -> list[str]:
    """The articles of the news corpus's dev split (about a thousand; skips without it)."""
    return news_documents("dev")


@pytest.fixture(scope="session")
def reports(report_files: list[Path]) -> Any:
    """The government work reports as one ``wenmai.Corpus``, shared by the statistics tests
    (parsed and segmented once; do not change it: copy it to add document variables)."""
    import wenmai

    return wenmai.Corpus.from_files(report_files)


@pytest.fixture(scope="session")
def news(news_texts: list[str]) -> Any:
    """The news dev split as one ``wenmai.Corpus``, shared as :func:`reports` is."""
    import wenmai

    return wenmai.Corpus.from_texts(news_texts)
