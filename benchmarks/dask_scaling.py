"""wenmai.dask on one and two workers: the numbers docs/scaling.md extrapolates from.

    python benchmarks/dask_scaling.py                     # the news, 8 and 32 partitions
    python benchmarks/dask_scaling.py --partitions 16 --repeat 3 --json scaling.json

The news articles of ``$WENMAI_CORPUS/news`` are written one a file to a temporary folder.
For 1 and 2 worker processes of a ``LocalCluster`` (one thread each, warmed outside the
timing) and each partition count it reports: the wall time of ``dtm().compute()``
(median of --repeat), the peak resident memory of each worker, and the bytes a partition
ships: its pickled ``CountBlock`` (postcard) per MB of text, summed over the partitions,
and the largest. The in-memory ``Corpus.from_files(files).dtm()`` in this process is the
yardstick.
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import corpus_root, split_documents  # noqa: E402


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--partitions", default="8,32")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--json")
    args = ap.parse_args()

    import dask
    import wenmai
    import wenmai.dask as wd
    from distributed import Client, LocalCluster

    rows = []
    with tempfile.TemporaryDirectory() as d:
        docs = split_documents(corpus_root() / "news" / "inews_bdci2019", 3)
        files = []
        for i, doc in enumerate(docs):
            path = Path(d) / f"{i:05d}.txt"
            path.write_text(doc + "\n", encoding="utf-8")
            files.append(str(path))
        mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
        wenmai.Corpus.from_files(files[:10]).dtm()
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            wenmai.Corpus.from_files(files).dtm()
            times.append(time.perf_counter() - t0)
        base = statistics.median(times)
        print(f"news: {len(files)} files, {mb:.1f} MB; in memory: {base:.2f} s", flush=True)
        rows.append({"tool": "in memory", "seconds": base, "mb": mb})
        for workers in (int(w) for w in args.workers.split(",")):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              memory_limit="6GB", dashboard_address=":0",
                              silence_logs=50) as cluster, Client(cluster) as client:
                client.run(lambda: wenmai.Corpus.from_texts(["预热"]).dtm().shape)
                for parts in (int(p) for p in args.partitions.split(",")):
                    dc = wd.from_files(files, npartitions=parts)
                    times = []
                    for _ in range(args.repeat):
                        t0 = time.perf_counter()
                        dc.dtm().compute()
                        times.append(time.perf_counter() - t0)
                    blocks = dask.compute(*dc.dtm().parts)
                    sizes = [len(pickle.dumps(b[0])) for b in blocks]
                    peaks = list(client.run(_peak_mb).values())
                    row = {"tool": "wenmai.dask", "workers": workers, "partitions": parts,
                           "seconds": statistics.median(times), "x in memory":
                           base / statistics.median(times), "worker_peak_mb": peaks,
                           "block_bytes_per_text_mb": sum(sizes) / mb,
                           "largest_block_mb": max(sizes) / 1e6}
                    rows.append(row)
                    print(f"{workers} workers, {parts:>3} partitions: {row['seconds']:6.2f} s "
                          f"({row['x in memory']:.2f} of in memory), worker peaks "
                          f"{', '.join(f'{p:.0f}' for p in peaks)} MB, blocks "
                          f"{row['block_bytes_per_text_mb'] / 1e6:.2f} MB per MB of text "
                          f"(largest {row['largest_block_mb']:.1f} MB)", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
