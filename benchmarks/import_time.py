"""A first run, in a fresh interpreter each time: ``import`` and the first call of each kind,
with the process's peak memory, for wenmai, ``wenmai.jieba`` and jieba (its dictionary cache
warm, as on a user's second run); and ``wenmai report`` on the bundled sample, whole.

    python benchmarks/import_time.py [--repeat 7]

Each step is timed after the ones before it in the same process (``first keywords`` comes
after ``first cut``), so a step pays only for what it loads itself. Peak memory is the
process's ``ru_maxrss`` after its last step. Times and peaks are medians over the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

SENTENCE = "我来到北京清华大学，参加政府工作报告的学习讨论。"
# name -> (setup, [(step, code)]); the import is always the first step.
PROGRAMS: dict[str, list[tuple[str, str]]] = {
    "wenmai": [
        ("import", "import wenmai"),
        ("first cut", "wenmai.Segmenter().cut(S)"),
        ("first tag", "wenmai.Segmenter().tag(S)"),
        ("first keywords", "wenmai.keywords(S)"),
        ("first textrank", "wenmai.keywords(S, method='textrank')"),
        ("first dtm", "wenmai.Corpus.from_texts([S, S]).dtm()"),
    ],
    "wenmai.jieba": [
        ("import", "import wenmai.jieba as jieba"),
        ("first cut", "jieba.lcut(S)"),
    ],
    "jieba": [
        ("import", "import jieba\njieba.setLogLevel(60)"),
        ("first cut", "jieba.lcut(S)"),
        ("first tag", "import jieba.posseg\nlist(jieba.posseg.cut(S))"),
        ("first keywords", "import jieba.analyse\njieba.analyse.extract_tags(S)"),
        ("first textrank", "import jieba.analyse\njieba.analyse.textrank(S)"),
    ],
}


def run(steps: list[tuple[str, str]]) -> tuple[dict[str, float], float]:
    """Seconds per step, and the peak resident MB, of one fresh interpreter."""
    lines = ["import json, resource, time", f"S = {SENTENCE!r}", "T = {}"]
    for name, code in steps:
        lines.append("t = time.perf_counter()")
        lines.extend(code.splitlines())
        lines.append(f"T[{name!r}] = time.perf_counter() - t")
    lines.append("print(json.dumps([T, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))")
    out = subprocess.run([sys.executable, "-c", "\n".join(lines)], capture_output=True,
                         text=True, check=True).stdout
    times, peak_kb = json.loads(out.strip().splitlines()[-1])
    return times, peak_kb / 1024


def run_report() -> tuple[float, float]:
    """Wall seconds and peak resident MB of ``wenmai report`` on the bundled sample."""
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.execv(sys.executable, [sys.executable, "-m", "wenmai", "report"])
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("wenmai report failed")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    run(PROGRAMS["jieba"][:2])  # make sure jieba's dictionary cache exists
    for name, steps in PROGRAMS.items():
        runs = [run(steps) for _ in range(args.repeat)]
        parts = []
        total = 0.0
        for step, _ in steps:
            s = statistics.median(r[0][step] for r in runs)
            total += s if step in ("import", "first cut") else 0.0
            parts.append(f"{step} {s * 1000:.1f}")
        peak = statistics.median(r[1] for r in runs)
        print(f"{name:>13}: " + ", ".join(parts) + f" ms; import + first cut "
              f"{total * 1000:.1f} ms; peak {peak:.0f} MB (median of {args.repeat})")
    reports = [run_report() for _ in range(args.repeat)]
    print(f"wenmai report (sample): {statistics.median(r[0] for r in reports):.3f} s wall, "
          f"peak {statistics.median(r[1] for r in reports):.0f} MB (median of {args.repeat}; "
          f"min {min(r[0] for r in reports):.3f} s)")


if __name__ == "__main__":
    main()
