"""One document's ``wenmai report``, computed without pandas (``wenmai._cli.report_document``):
every number equals the pandas API's (``Corpus.frequency``, ``Corpus.keywords``,
``Corpus.style``, ``Corpus.four_char``, ``Corpus.enumerations``, scipy's rows), and the
command imports neither pandas nor scipy.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import wenmai
from wenmai._cli.inputs import Source, load
from wenmai._cli.numbers import drop_numbers, is_number
from wenmai._cli.report import keywords_of
from wenmai._cli.report_document import SECTION_TERMS, document_data
from wenmai._cli.rhetoric import document_rhetoric

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "seed-article.txt"
TOP = 30


def _documents(report_files: list[Path]) -> list[Path]:
    # The sample, an early and a recent report: short and long outlines, numbers, points.
    return [SAMPLE, report_files[0], report_files[-1]]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if isinstance(a, (list, np.ndarray)) or isinstance(b, (list, np.ndarray)):
        return list(a) == list(b)  # type: ignore[arg-type]
    return a == b


@pytest.mark.parametrize("keep_numbers", [False, True])
def test_numbers_equal_the_pandas_api(report_files: list[Path], keep_numbers: bool) -> None:
    for path in _documents(report_files):
        loaded = load([Source(doc_id=path.name, path=str(path))], progress=False)
        data = document_data(loaded, TOP, keep_numbers)
        corpus, doc = loaded.corpus, loaded.documents[0]

        freq = corpus.frequency()
        assert data["document"]["tokens"] == int(freq["count"].sum())
        assert data["document"]["terms"] == len(freq)
        shown = freq if keep_numbers else drop_numbers(freq)
        assert data["top_terms"] == [
            {"term": t, "count": int(c), "doc_count": int(d)}
            for t, c, d in shown.head(TOP)[["term", "count", "doc_count"]].itertuples(
                index=False)
        ]

        for method in ("tfidf", "textrank"):
            frame = keywords_of(loaded, TOP, method, "jieba", keep_numbers=keep_numbers)
            assert [(k["term"], k["weight"]) for k in data["keywords"][method]] == list(
                zip(frame["term"], frame["weight"].astype(float), strict=True))

        tops = [s for s in doc.sections if s.parent is None]
        if tops:
            m = wenmai.Corpus.from_texts([s.text for s in tops]).dtm()
            x, terms = m.to_scipy(), np.asarray(m.terms, dtype=object)
            for row, got in zip(range(x.shape[0]), data["section_terms"], strict=True):
                r = x.getrow(row)
                order = np.lexsort((r.indices, -r.data))  # most frequent, then term order
                pairs = [(terms[r.indices[j]], int(r.data[j])) for j in order]
                pairs = [p for p in pairs if keep_numbers or not is_number(p[0])]
                assert [(t["term"], t["count"]) for t in got["terms"]] == pairs[:SECTION_TERMS]

        rhetoric = document_rhetoric(corpus, doc)
        style = corpus.style().iloc[0].to_dict()
        assert list(rhetoric["style"]) == list(style)
        assert all(_same(rhetoric["style"][k], style[k]) for k in style)
        four = corpus.four_char(min_count=2)
        idioms = four[four["idiom"]]
        assert rhetoric["idioms"] == list(
            zip(idioms["expression"], idioms["count"].astype(int), strict=True))
        enum = corpus.enumerations().iloc[0].to_dict()
        assert list(rhetoric["outline"]) == list(enum)
        assert all(_same(rhetoric["outline"][k], enum[k]) for k in enum)


def test_one_document_report_loads_neither_pandas_nor_scipy(tmp_path: Path) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from wenmai.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['report']) == 0\n"
        "    assert main(['report', '--format', 'json']) == 0\n"
        "print(sorted(m for m in ('pandas', 'scipy', 'sklearn', 'matplotlib')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    assert json.loads(out.stdout.replace("'", '"')) == []
