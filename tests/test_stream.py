"""Corpus.stream: the dtm written to disk batch by batch, its frequencies and keywords, equal
to the in-memory corpus of the same files for any batch size."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import wenmai

OPTIONS = [
    {},
    {"min_df": 2, "max_df": 0.8},
    {"max_features": 300},
    {"unit": "section", "binary": True, "min_df": 2},
    {"unit": "sentence", "max_features": 1000},
]


def same(m, streamed) -> None:
    a, b = m.to_scipy(), streamed.load()
    assert streamed.terms == list(m.terms)
    assert streamed.shape == a.shape == b.shape
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    np.testing.assert_array_equal(a.data, b.data)
    pd.testing.assert_frame_equal(m.units, streamed.units)


@pytest.mark.parametrize(("options", "batch_size"),
                         [*((o, 5) for o in OPTIONS), ({}, 1), (OPTIONS[1], 1000)],
                         ids=lambda v: ",".join(map(str, v.items())) if isinstance(v, dict)
                         else str(v))
def test_dtm_equals_the_in_memory_one(reports, report_files, tmp_path, batch_size, options):
    s = wenmai.Corpus.stream(report_files, batch_size=batch_size)
    same(reports.dtm(**options), s.dtm(tmp_path / "m.npz", **options))
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


def test_frequency_and_keywords_equal_the_in_memory_ones(reports, report_files):
    s = wenmai.Corpus.stream(report_files, batch_size=4)
    pd.testing.assert_frame_equal(reports.frequency(), s.frequency())
    pd.testing.assert_frame_equal(reports.frequency(top=50), s.frequency(top=50))
    pd.testing.assert_frame_equal(reports.keywords(top_k=10), s.keywords(top_k=10))


def test_news_in_batches(news_texts, tmp_path):
    files = []
    for i, doc in enumerate(news_texts[:300]):
        path = tmp_path / f"{i:04d}.txt"
        path.write_text(doc + "\n", encoding="utf-8")
        files.append(path)
    c = wenmai.Corpus.from_files(files)
    same(c.dtm(max_df=0.5), wenmai.Corpus.stream(files, batch_size=64).dtm(
        tmp_path / "out" / "news.npz", max_df=0.5))


def test_a_bad_file_is_named_and_the_others_read(report_files, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01 binary \xff" * 40)
    files = [*report_files[:2], bad, *report_files[2:4]]
    s = wenmai.Corpus.stream(files, batch_size=2)
    m = s.dtm(tmp_path / "m.npz")
    assert [e.path for e in s.errors] == [str(bad)]
    same(wenmai.Corpus.from_files([*report_files[:2], *report_files[2:4]]).dtm(), m)
    with pytest.raises(wenmai.WenmaiError, match="bad.txt"):
        wenmai.Corpus.stream(files, batch_size=2, errors="raise").frequency()


def test_bad_arguments_say_what_to_change(report_files, tmp_path):
    with pytest.raises(ValueError, match="batch_size"):
        wenmai.Corpus.stream(report_files, batch_size=0)
    with pytest.raises(ValueError, match="errors must be"):
        wenmai.Corpus.stream(report_files, errors="ignore")
    s = wenmai.Corpus.stream(report_files[:2])
    with pytest.raises(ValueError, match="proportion"):
        s.dtm(tmp_path / "m.npz", max_df=1.5)
    with pytest.raises(ValueError, match="max_df corresponds"):
        s.dtm(tmp_path / "m.npz", min_df=5, max_df=1)
    with pytest.raises(ValueError, match="no files"):
        wenmai.Corpus.stream([]).frequency()
