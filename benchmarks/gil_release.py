"""Is the GIL released while wenmai segments? Two Python threads calling
``Segmenter.cut_many`` on the two halves of a corpus, against one thread doing both halves.

Each call runs on a one-thread pool of its own (``threads=1``), so any speed-up comes from
the two Python threads running at once, which they can only do if the GIL is released.
Target: at least 1.6x on two cores. The default (``threads=None``, the shared pool over all
cores) is reported too. Last, the longest pause of a Python thread that runs while
``cut_many`` works (target: under half the call; with the GIL held it is the whole call).
``--check`` exits with status 1 when that target is missed. (The unit test
``test_gil_is_released_during_cut_many`` checks that the thread runs at all, without a clock.)

    python benchmarks/gil_release.py [CORPUS_DIR] [--repeat 5] [--check]

CORPUS_DIR defaults to ``$WENMAI_CORPUS/gov_reports`` (``../shared/corpus``), or the sample's
reports in ``tests/data`` when the corpus is not there.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

import wenmai


def load(root: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("**/*.txt"))]
    # split into paragraphs so both halves hold many texts of similar size
    return [para for t in texts for para in t.split("\n") if para.strip()]


def one_thread(seg: wenmai.Segmenter, a: list[str], b: list[str], threads: int | None) -> float:
    t = time.perf_counter()
    seg.cut_many(a, threads=threads)
    seg.cut_many(b, threads=threads)
    return time.perf_counter() - t


def two_threads(seg: wenmai.Segmenter, a: list[str], b: list[str], threads: int | None) -> float:
    workers = [threading.Thread(target=seg.cut_many, args=(h,), kwargs={"threads": threads})
               for h in (a, b)]
    t = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - t


def longest_stall(seg: wenmai.Segmenter, texts: list[str]) -> tuple[float, float]:
    """While one thread runs cut_many, another Python thread ticks: its longest pause
    between ticks equals the whole call when the GIL is held, and stays near Python's switch
    interval (5 ms) when it is released, whatever the machine's load. Returns (call time,
    longest pause)."""
    done = threading.Event()
    pauses = [0.0]

    def ticker() -> None:
        last = time.perf_counter()
        while not done.is_set():
            now = time.perf_counter()
            pauses[0] = max(pauses[0], now - last)
            last = now

    t = threading.Thread(target=ticker)
    t.start()
    time.sleep(0.05)
    start = time.perf_counter()
    seg.cut_many(texts, threads=1)
    call = time.perf_counter() - start
    done.set()
    t.join()
    return call, pauses[0]


def main() -> None:
    default = Path(os.environ.get("WENMAI_CORPUS", Path(__file__).resolve().parents[2]
                                  / "shared" / "corpus")) / "gov_reports"
    if not default.is_dir():
        default = Path(__file__).resolve().parents[1] / "tests" / "data" / "gov_reports"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=default)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when the longest pause is half the call or more")
    args = ap.parse_args()
    texts = load(args.corpus)
    half = len(texts) // 2
    a, b = texts[:half], texts[half:]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    seg = wenmai.Segmenter()
    seg.cut_many(texts[:100])  # load the dictionary
    print(f"corpus: {args.corpus} ({len(texts)} paragraphs, {mb:.1f} MB), "
          f"{os.cpu_count()} CPUs, best of {args.repeat}")
    for threads, label in ((1, "threads=1 per call"), (None, "shared pool (default)")):
        one = min(one_thread(seg, a, b, threads) for _ in range(args.repeat))
        two = min(two_threads(seg, a, b, threads) for _ in range(args.repeat))
        print(f"{label:>22}: one thread {one:.3f}s ({mb / one:.1f} MB/s), "
              f"two threads {two:.3f}s ({mb / two:.1f} MB/s), speed-up {one / two:.2f}x")
    call, pause = longest_stall(seg, texts)
    met = pause < 0.5 * call
    print(f"GIL check: cut_many took {call:.3f}s; a Python thread running meanwhile paused "
          f"at most {pause * 1000:.1f} ms ({pause / call:.1%} of the call; target under 50%: "
          f"{'met' if met else 'NOT met'})")
    if args.check and not met:
        sys.exit(1)


if __name__ == "__main__":
    main()
