"""Peak memory of ``Corpus.stream(...).dtm(out)`` as the corpus grows: it should stay flat.

    python benchmarks/stream_memory.py                     # 0.25, 1 and 4 GB
    python benchmarks/stream_memory.py --sizes 0.25,1 --batch-size 200

Each corpus is written to a temporary folder (deleted afterwards) from the news articles of
``$WENMAI_CORPUS/news``, repeated with new ids, 100 articles a file; each run is a fresh
child process that streams the matrix to disk and reports its peak resident memory (VmHWM)
and wall time. The in-memory ``Corpus.from_files(...).dtm()`` of the smallest corpus is
measured too, for comparison.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import _rss_mb, corpus_root, split_documents  # noqa: E402

PER_FILE = 100


def build(folder: Path, gigabytes: float) -> list[Path]:
    """Files of news articles, repeated (each copy numbered, so ids and texts differ)."""
    docs = split_documents(corpus_root() / "news" / "inews_bdci2019", 3)
    target = int(gigabytes * 1e9)
    files, size, copy = [], 0, 0
    while size < target:
        for start in range(0, len(docs), PER_FILE):
            text = "\n\n".join(f"{d}\n（第{copy}版）" for d in docs[start:start + PER_FILE])
            path = folder / f"{len(files):07d}.txt"
            data = text.encode("utf-8")
            path.write_bytes(data)
            files.append(path)
            size += len(data)
            if size >= target:
                break
        copy += 1
    return files


def child(listing: str, mode: str, batch_size: int, out: str) -> dict:
    import wenmai

    files = Path(listing).read_text(encoding="utf-8").split("\n")
    t0 = time.perf_counter()
    if mode == "stream":
        m = wenmai.Corpus.stream(files, batch_size=batch_size).dtm(out)
        shape = m.shape
    else:
        shape = wenmai.Corpus.from_files(files).dtm().shape
    return {"mode": mode, "seconds": time.perf_counter() - t0, "shape": list(shape),
            "peak_rss_mb": _rss_mb("VmHWM")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0.25,1,4", help="corpus sizes in GB")
    ap.add_argument("--batch-size", type=int, default=200, help="files per batch")
    ap.add_argument("--json", help="write the rows here too")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        listing, mode, batch, out = args.child
        print(json.dumps(child(listing, mode, int(batch), out)))
        return
    rows = []
    for i, gb in enumerate(float(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d)
            files = build(folder, gb)
            listing = folder / "files.txt"
            listing.write_text("\n".join(map(str, files)), encoding="utf-8")
            modes = ["stream", "memory"] if i == 0 else ["stream"]
            for mode in modes:
                cmd = [sys.executable, __file__, "--child", str(listing), mode,
                       str(args.batch_size), str(folder / "m.npz")]
                done = subprocess.run(cmd, capture_output=True, text=True, check=True)
                row = json.loads(done.stdout.strip().splitlines()[-1])
                row.update(gigabytes=gb, files=len(files))
                rows.append(row)
                print(f"{gb:>5} GB {len(files):>6} files {mode:>6}: "
                      f"{row['seconds']:8.1f} s, peak {row['peak_rss_mb']:7.0f} MB, "
                      f"{row['shape'][0]} x {row['shape'][1]}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
