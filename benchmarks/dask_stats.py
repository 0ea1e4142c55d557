"""The corpus statistics on wenmai.dask against the in-memory Corpus: wall time of each on a
two-worker LocalCluster and in memory, and the bytes of the co-occurrence blocks shipped.

    python benchmarks/dask_stats.py [--corpus DIR] [--npartitions 8]

Needs the government work reports (``$WENMAI_CORPUS/gov_reports`` or ``--corpus``)."""

from __future__ import annotations

import argparse
import glob
import os
import time
from collections.abc import Callable
from typing import Any

import distributed
import wenmai
import wenmai.dask as wd
from wenmai import _dask_stats as ds


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.environ.get("WENMAI_CORPUS", "corpus")
    ap.add_argument("--corpus", default=os.path.join(root, "gov_reports"))
    ap.add_argument("--npartitions", type=int, default=8)
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.corpus, "*.txt")))
    if not files:
        raise SystemExit(f"no .txt files in {args.corpus}")
    mb = sum(os.path.getsize(f) for f in files) / 1e6
    runs = {
        "keyness('year >= 2013')": lambda c: c.keyness("year >= 2013"),
        "cooccurrence(terms=5000)": lambda c: c.cooccurrence(terms=5000),
        "style(by='year')": lambda c: c.style(by="year"),
    }
    print(f"{len(files)} files, {mb:.2f} MB; load {os.getloadavg()[0]:.1f}")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=40) as cluster, \
            distributed.Client(cluster):
        dc = wd.from_files(files, npartitions=args.npartitions)
        dc.dtm().compute()  # the workers' dictionaries loaded
        for name, run in runs.items():
            mem, _ = timed(lambda run=run: run(wenmai.Corpus.from_files(files)))
            dask, _ = timed(lambda run=run: run(dc).compute())
            print(f"{name}: in memory (from_files included) {mem:.2f} s, LocalCluster "
                  f"{dask:.2f} s ({mem / dask:.2f} of in-memory speed)")
    counter = ds.bind(ds.cooccurrence_counter, None, "document", 5, "window", "frequency",
                      False)
    sizes = [len(ds.count(part, texts, None, None, counter)[0].to_bytes())
             for part, texts in dc._sources]
    print(f"co-occurrence blocks (window 5): {sum(sizes) / 1e6:.2f} MB, "
          f"{sum(sizes) / 1e6 / mb:.2f} MB per MB of text, the largest "
          f"{max(sizes) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
