"""``Corpus.tokens``: exactly the tokens ``dtm()`` counts, unit by unit."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import wenmai

UNITS = ["document", "section", "paragraph", "sentence"]


@pytest.fixture(scope="module")
def reports(report_files: list[Path]) -> wenmai.Corpus:
    return wenmai.Corpus.from_files(report_files)


@pytest.mark.parametrize("unit", UNITS)
def test_tokens_are_what_dtm_counts(reports: wenmai.Corpus, unit: str) -> None:
    toks = reports.tokens(unit=unit)
    m = reports.dtm(unit=unit)
    x = m.to_scipy().tocsr()
    terms = list(m.terms)
    assert len(toks) == x.shape[0]
    for i, row in enumerate(toks):
        got = Counter(row)
        lo, hi = x.indptr[i], x.indptr[i + 1]
        want = {terms[j]: int(v) for j, v in zip(x.indices[lo:hi], x.data[lo:hi], strict=True)}
        assert got == want, f"{unit} {i}"
    assert sum(len(r) for r in toks) == int(np.asarray(x.sum()))


def test_tokens_take_the_analyzer(reports: wenmai.Corpus) -> None:
    an = wenmai.Analyzer(stopwords=None, drop_punct=False)
    toks = reports.tokens(an, unit="document")
    m = reports.dtm(an, unit="document")
    assert sum(len(r) for r in toks) == int(np.asarray(m.to_scipy().sum()))
    assert "的" in toks[0] and "的" not in reports.tokens(unit="document")[0]


def test_bad_unit_is_a_value_error(reports: wenmai.Corpus) -> None:
    with pytest.raises(ValueError, match="unit"):
        reports.tokens(unit="chapter")
