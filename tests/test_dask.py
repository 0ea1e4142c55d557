"""wenmai.dask on a real two-process LocalCluster: every result equal to the in-memory
Corpus's for 1, 3 and 16 partitions, a bad file named and the others read, a worker killed
mid-run changing nothing."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import wenmai

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
wd = pytest.importorskip("wenmai.dask")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=40)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def news_files(tmp_path_factory) -> list[Path]:
    """600 articles of the news, one file each (new ids), so the cluster reads files."""
    from conftest import news_documents

    folder = tmp_path_factory.mktemp("news")
    files = []
    for i, doc in enumerate(news_documents("dev")[:600]):
        path = folder / f"{i:04d}.txt"
        path.write_text(doc + "\n", encoding="utf-8")
        files.append(path)
    return files


def same_matrix(m, dm) -> None:
    a, b = m.to_scipy(), dm.to_scipy()
    assert list(m.terms) == list(dm.terms)
    np.testing.assert_array_equal(a.indptr, b.indptr)
    np.testing.assert_array_equal(a.indices, b.indices)
    np.testing.assert_array_equal(a.data, b.data)
    pd.testing.assert_frame_equal(m.units, dm.units)


@pytest.mark.parametrize("npartitions", [1, 3, 16])
def test_dtm_equals_the_in_memory_one_on_the_reports(client, reports, report_files,
                                                     npartitions):
    dc = wd.from_files(report_files, npartitions=npartitions)
    assert dc.npartitions == min(npartitions, len(report_files))
    same_matrix(reports.dtm(), dc.dtm().compute())
    assert dc.errors == []


def test_default_partitions_keep_every_worker_thread_busy(client, reports, report_files,
                                                          monkeypatch):
    # Two single-thread workers: two partitions of the 3.5 MB of reports (fewer bytes than
    # one default partition), and the same matrix as in memory.
    dc = wd.from_files(report_files)
    assert dc.npartitions == 2
    same_matrix(reports.dtm(), dc.dtm().compute())
    # Without a client, the local scheduler: one partition, which Rust counts on every core.
    monkeypatch.setattr(wd, "_client", lambda: None)
    assert wd.from_files(report_files).npartitions == 1


def test_sections_frequency_and_docvars_equal_the_in_memory_ones(client, reports,
                                                                 report_files):
    dc = wd.from_files(report_files, npartitions=3)
    same_matrix(reports.dtm(unit="section", min_df=2, max_features=500),
                dc.dtm(unit="section", min_df=2, max_features=500).compute())
    pd.testing.assert_frame_equal(reports.frequency(by="year"),
                                  dc.frequency(by="year").compute())
    pd.testing.assert_frame_equal(reports.docvars, dc.docvars.compute())


@pytest.mark.parametrize("npartitions", [1, 3, 16])
def test_dtm_and_keywords_equal_the_in_memory_ones_on_the_news(client, news_files,
                                                               npartitions):
    c = wenmai.Corpus.from_files(news_files)
    dc = wd.from_files(news_files, npartitions=npartitions)
    same_matrix(c.dtm(max_df=0.5), dc.dtm(max_df=0.5).compute())
    pd.testing.assert_frame_equal(c.keywords(top_k=10), dc.keywords(top_k=10).compute())
    pd.testing.assert_frame_equal(c.frequency(top=200), dc.frequency(top=200).compute())


def test_the_threaded_scheduler_gives_the_same(news_files):
    c = wenmai.Corpus.from_files(news_files[:100])
    with dask.config.set(scheduler="threads"):
        same_matrix(c.dtm(), wd.from_files(news_files[:100], npartitions=5).dtm().compute())


def test_a_bad_file_is_named_and_the_others_read(client, report_files, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary \xff\xfe\x00" * 50)
    missing = tmp_path / "missing.txt"
    files = [*report_files[:3], bad, *report_files[3:6], missing]
    years = pd.DataFrame({"k": range(len(files))})
    dc = wd.from_files(files, npartitions=3, docvars=years)
    m = dc.dtm().compute()
    assert sorted(e.path for e in dc.errors) == sorted([str(bad), str(missing)])
    good = [*report_files[:3], *report_files[3:6]]
    same_matrix(wenmai.Corpus.from_files(good).dtm(), m)
    # The given docvars follow the documents read.
    assert dc.docvars.compute()["k"].tolist() == [0, 1, 2, 4, 5, 6]
    with pytest.raises(OSError, match="bad.txt"):
        wd.from_files(files, npartitions=3, errors="raise").dtm().compute()


def test_a_worker_killed_mid_run_changes_nothing(client, news_files):
    want = wenmai.Corpus.from_files(news_files).dtm()
    pids = client.run(os.getpid)
    lazy = wd.from_files(news_files, npartitions=40).dtm()
    killed: list[int] = []

    def kill_one_when_busy() -> None:
        for _ in range(400):
            busy = [w for w, tasks in client.processing().items() if tasks]
            if busy:
                time.sleep(0.05)
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(pids[busy[0]])
                return
            time.sleep(0.01)

    t = threading.Thread(target=kill_one_when_busy)
    t.start()
    got = lazy.compute()
    t.join()
    assert killed, "no worker was busy to kill"
    same_matrix(want, got)
    client.wait_for_workers(2, timeout=60)


def test_from_bag_equals_from_texts(client, news_files):
    import dask.bag as db

    texts = [p.read_text(encoding="utf-8") for p in news_files[:120]]
    dc = wd.from_bag(db.from_sequence(texts, npartitions=7))
    same_matrix(wenmai.Corpus.from_texts(texts).dtm(), dc.dtm().compute())


def test_bad_arguments_say_what_to_change(tmp_path):
    with pytest.raises(ValueError, match="errors must be"):
        wd.from_files([tmp_path / "a.txt"], errors="ignore")
    with pytest.raises(FileNotFoundError, match="no file matches"):
        wd.from_files(str(tmp_path / "*.txt"))
    with pytest.raises(ValueError, match="no files"):
        wd.from_files([])


def test_progress_bars_on_the_cluster_and_the_threads(client, report_files, capsys):
    want = wenmai.Corpus.from_files(report_files[:8]).dtm()
    dc = wd.from_files(report_files[:8], npartitions=4)
    same_matrix(want, dc.dtm().compute(progress=True))
    assert "counting" in capsys.readouterr().err
    with dask.config.set(scheduler="threads"):
        same_matrix(want, dc.dtm().compute(progress=True, scheduler="threads"))
    assert "counting" in capsys.readouterr().err


def test_a_partition_past_the_memory_limit_says_to_raise_npartitions(news_files, tmp_path):
    # One worker of 350 MB, no retries: a partition of about 60 MB of text cannot fit.
    big = tmp_path / "big.txt"
    text = "\n".join(p.read_text(encoding="utf-8") for p in news_files)
    big.write_text(text * max(1, 60_000_000 // len(text.encode("utf-8"))), encoding="utf-8")
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                     memory_limit="350MB", dashboard_address=":0",
                                     silence_logs=50) as cluster, \
            distributed.Client(cluster):
        with pytest.raises(MemoryError, match="raise npartitions"):
            wd.from_files([big], npartitions=1).dtm().compute()


def test_the_cli_counts_on_the_scheduler(client, report_files, tmp_path):
    import json
    import subprocess
    import sys

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01 binary \xff" * 40)
    args = [sys.executable, "-m", "wenmai", "freq", *map(str, report_files[:5]), str(bad),
            "--by", "year", "--top", "5", "--format", "json"]
    here = subprocess.run(args, capture_output=True, text=True, check=False)
    there = subprocess.run([*args, "--scheduler", client.scheduler.address],
                           capture_output=True, text=True, check=False)
    env = subprocess.run(args, capture_output=True, text=True, check=False,
                         env=os.environ | {"DASK_SCHEDULER_ADDRESS": client.scheduler.address})
    assert here.returncode == there.returncode == env.returncode == 1  # the bad file
    assert json.loads(there.stdout) == json.loads(here.stdout) == json.loads(env.stdout)
    assert "bad.txt" in there.stderr


def test_a_custom_analyzer_travels_to_the_workers(client, report_files):
    an = wenmai.Analyzer(stopwords=["发展", "建设"], min_len=2)
    want = wenmai.Corpus.from_files(report_files[:6]).dtm(analyzer=an, min_df=2)
    dc = wd.from_files(report_files[:6], npartitions=3)
    same_matrix(want, dc.dtm(analyzer=an, min_df=2).compute())
