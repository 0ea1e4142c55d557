"""The statistics of wenmai.dask (keyness, co-occurrence, formulations, style) and
``wenmai report --scheduler`` on a real two-process LocalCluster: each equal to the in-memory
result on the same files, for 1, 3 and 16 partitions."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import wenmai

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
wd = pytest.importorskip("wenmai.dask")

from test_dask import client  # noqa: E402, F401  (the module's one cluster)


def same_cooccurrence(a, b, exact: bool = True) -> None:
    x, y = a.to_scipy(), b.to_scipy()
    assert a.terms == b.terms
    np.testing.assert_array_equal(x.indptr, y.indptr)
    np.testing.assert_array_equal(x.indices, y.indices)
    if exact:
        np.testing.assert_array_equal(x.data, y.data)
    else:
        np.testing.assert_allclose(x.data, y.data, rtol=1e-12, atol=0)
    assert (a.window, a.context, a.count, a.tri, a.unit) == \
        (b.window, b.context, b.count, b.tri, b.unit)


@pytest.mark.parametrize("npartitions", [1, 3, 16])
def test_keyness_equals_the_in_memory_one(client, reports, report_files,  # noqa: F811
                                          npartitions):
    dc = wd.from_files(report_files, npartitions=npartitions)
    years = reports.docvars["year"].dropna()
    # The split on the reports; the sample's four years (2018-2024) split at their median.
    cut = 2013 if years.min() < 2013 <= years.max() else int(years.median())
    target = f"year >= {cut}"
    pd.testing.assert_frame_equal(reports.keyness(target), dc.keyness(target).compute(),
                                  check_exact=True)
    if npartitions == 3:
        ids = reports.ids[: len(reports) // 2]
        pd.testing.assert_frame_equal(
            reports.keyness(ids, measure="lr", unit="sentence"),
            dc.keyness(ids, measure="lr", unit="sentence").compute(), check_exact=True)


def test_keyness_on_the_cluster_says_what_to_change(client, report_files):  # noqa: F811
    dc = wd.from_files(report_files[:4], npartitions=2)
    with pytest.raises(ValueError, match="unknown measure"):
        dc.keyness("year > 0", measure="odds")
    with pytest.raises(ValueError, match="selects every document"):
        dc.keyness([True] * 4).compute()


@pytest.mark.parametrize("npartitions", [1, 3, 16])
def test_cooccurrence_equals_the_in_memory_one(client, reports, report_files,  # noqa: F811
                                               npartitions):
    dc = wd.from_files(report_files, npartitions=npartitions)
    same_cooccurrence(reports.cooccurrence(terms=300),
                      dc.cooccurrence(terms=300).compute())
    if npartitions == 16:
        # Partition sums of 1/distance added in another order: equal within 1e-12.
        same_cooccurrence(reports.cooccurrence(window=3, count="weighted", terms=100),
                          dc.cooccurrence(window=3, count="weighted", terms=100).compute(),
                          exact=False)
        chosen = ["发展", "改革", "经济", "人民", "没有这个词"]
        same_cooccurrence(
            reports.cooccurrence(context="sentence", count="boolean", terms=chosen,
                                 unit="sentence", tri=False),
            dc.cooccurrence(context="sentence", count="boolean", terms=chosen,
                            unit="sentence", tri=False).compute())
        same_cooccurrence(reports.cooccurrence(window=2, ordered=True, terms=150),
                          dc.cooccurrence(window=2, ordered=True, terms=150).compute())


def test_cooccurrence_on_the_cluster_says_what_to_change(report_files):
    dc = wd.from_files(report_files[:2], npartitions=2)
    with pytest.raises(ValueError, match="needs context='window'"):
        dc.cooccurrence(context="document", count="weighted")
    with pytest.raises(ValueError, match="unit"):
        dc.cooccurrence(unit="chapter")


@pytest.mark.parametrize("npartitions", [1, 3])
def test_style_equals_the_in_memory_one(client, reports, report_files,  # noqa: F811
                                        npartitions):
    dc = wd.from_files(report_files, npartitions=npartitions)
    pd.testing.assert_frame_equal(reports.style(by="year"), dc.style(by="year").compute(),
                                  check_exact=True)
    if npartitions == 3:
        few = wenmai.Corpus.from_files(report_files[:5])
        pd.testing.assert_frame_equal(
            few.style(), wd.from_files(report_files[:5], npartitions=3).style().compute(),
            check_exact=True)
    with pytest.raises(ValueError, match="metadata column"):
        dc.style(by="party")


@pytest.mark.parametrize("npartitions", [1, 3, 16])
def test_formulations_equal_the_in_memory_ones(client, reports, report_files,  # noqa: F811
                                               npartitions):
    phrases = ["改革开放", "高质量发展", "社会主义", "实事求是"]
    dc = wd.from_files(report_files, npartitions=npartitions)
    for by in ("year", None) if npartitions == 3 else ("year",):
        pd.testing.assert_frame_equal(reports.formulations(phrases, by=by),
                                      dc.formulations(phrases, by=by).compute(),
                                      check_exact=True)
    with pytest.raises(ValueError, match="count the phrases given"):
        dc.formulations(None)


def test_report_on_the_scheduler_equals_the_in_memory_report(client, report_files,  # noqa: F811
                                                             tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    chosen = report_files[:: max(1, len(report_files) // 6)][:6]
    for f in chosen:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "bad.txt").write_bytes(b"\x00\x01 binary \xff" * 40)
    address = client.scheduler.address
    args = [sys.executable, "-m", "wenmai", "report", str(folder), "--top", "8"]

    def run(*more: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([*args, *more], capture_output=True, text=True, check=False,
                              env=env)

    here, there = run("--format", "json"), run("--format", "json", "--scheduler", address)
    assert here.returncode == there.returncode == 1, there.stderr  # the bad file
    data = json.loads(there.stdout)
    assert data == json.loads(here.stdout)
    assert data["summary"]["documents"] == len(chosen)
    assert [s["file"] for s in data["skipped"]] == [str(folder / "bad.txt")]
    assert "bad.txt" in there.stderr
    # The terminal tables too, the address from the environment.
    table = run(env=os.environ | {"DASK_SCHEDULER_ADDRESS": address, "COLUMNS": "200"})
    local = run(env=os.environ | {"COLUMNS": "200"})
    assert table.returncode == local.returncode == 1
    assert table.stdout == local.stdout and "Style by year" in table.stdout
    refused = run("--scheduler", address, "--out", str(tmp_path / "out"))
    assert refused.returncode == 2 and "--scheduler reports a folder" in refused.stderr
    # Only the environment's address: what a cluster cannot report runs here.
    one = subprocess.run([sys.executable, "-m", "wenmai", "report", str(chosen[0]),
                          "--format", "json"], capture_output=True, text=True, check=False,
                         env=os.environ | {"DASK_SCHEDULER_ADDRESS": address})
    assert one.returncode == 0 and json.loads(one.stdout)["kind"] == "document"


def test_the_threaded_scheduler_merges_the_statistics_alike(reports, report_files):
    # compute(scheduler=...) takes Dask's own tree (_tree), not the cluster's futures.
    dc = wd.from_files(report_files, npartitions=10)
    same_cooccurrence(reports.cooccurrence(terms=200),
                      dc.cooccurrence(terms=200).compute(scheduler="threads"))
    pd.testing.assert_frame_equal(reports.style(by="year"),
                                  dc.style(by="year").compute(scheduler="threads"),
                                  check_exact=True)
