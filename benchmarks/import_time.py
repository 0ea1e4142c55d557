"""Time to ``import`` and segment a first sentence, in a fresh interpreter each time:
``wenmai`` (``Segmenter().cut``), ``wenmai.jieba`` (``lcut``) and ``jieba`` (``lcut``, with
its dictionary cache warm, as on a user's second run).

    python benchmarks/import_time.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

SENTENCE = "我来到北京清华大学，参加政府工作报告的学习讨论。"
PROGRAMS = {
    "wenmai": "import wenmai\nt1 = time.perf_counter()\nwenmai.Segmenter().cut(S)",
    "wenmai.jieba": "import wenmai.jieba as jieba\nt1 = time.perf_counter()\njieba.lcut(S)",
    "jieba": "import jieba\njieba.setLogLevel(60)\nt1 = time.perf_counter()\njieba.lcut(S)",
}


def run(body: str) -> tuple[float, float]:
    code = (
        "import time\nt0 = time.perf_counter()\n"
        f"S = {SENTENCE!r}\n{body}\nt2 = time.perf_counter()\n"
        "print(t1 - t0, t2 - t1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    run(PROGRAMS["jieba"])  # make sure jieba's dictionary cache exists
    results = {}
    for name, body in PROGRAMS.items():
        runs = [run(body) for _ in range(args.repeat)]
        imp = statistics.median(r[0] for r in runs)
        first = statistics.median(r[1] for r in runs)
        results[name] = imp + first
        print(f"{name:>13}: import {imp * 1000:7.1f} ms, first cut {first * 1000:7.1f} ms, "
              f"total {(imp + first) * 1000:7.1f} ms (median of {args.repeat})")
    print(f"jieba / wenmai total: {results['jieba'] / results['wenmai']:.2f}x")


if __name__ == "__main__":
    main()
