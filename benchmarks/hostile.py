"""Wall time and peak memory of wenmai on hostile and large inputs (issue 23).

    python benchmarks/hostile.py                     # every case
    python benchmarks/hostile.py -k tag -k html      # cases whose name contains a word
    python benchmarks/hostile.py --timeout 60 --mem-gb 6 --json out.json
    python benchmarks/hostile.py -k "random 10MB" -k "的 10MB"   # the memory table's rows

Each case runs in its own child process (`hostile.py --one NAME`), which builds its input,
loads what it needs, then runs the call once. The parent waits for it with os.wait4 and
reports the child's own peak resident memory (ru_maxrss) and the wall time of the call as
the child measured it; "base" is the child's resident memory just before the call, so
"peak - base" is what the call itself held. A child is stopped after --timeout seconds and
its address space is capped at --mem-gb (a case over the cap fails with MemoryError or an
abort, reported as "over cap"): the machine is shared.

Pairs of cases that differ only by doubling the input (`... x1`, `... x2`) show whether a
path is linear: their time ratio should be near 2, and near 4 for a quadratic one.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

MB = 1_000_000
DE = "的"  # one dictionary character repeated: every char a word of its own
RARE = "龘䶮䲜𠀀"  # rare characters: no dictionary word, the HMM sees one long run
SENTENCE = "中华人民共和国经济社会发展"


def chars_for(mb: float, s: str) -> str:
    """`s` repeated to about `mb` megabytes of UTF-8."""
    return s * max(1, int(mb * MB / len(s.encode())))


def random_han(mb: float) -> str:
    """About `mb` megabytes of Han chars drawn at random (seeded) from U+4E00..U+9FFF: as many
    distinct words as text can have, the worst for vocabularies and per-call caches."""
    import random

    rng = random.Random(23)
    n, step = int(mb * MB / 3), 100_000
    # In pieces: a list of n one-char strs would outweigh the calls measured.
    return "".join(
        "".join(chr(rng.randrange(0x4E00, 0xA000)) for _ in range(min(step, n - i)))
        for i in range(0, n, step)
    )


KINDS: dict[str, Callable[[float], str]] = {
    "的": lambda mb: chars_for(mb, DE),
    "random": random_han,
}


def _cut(mb: float, kind: str) -> Callable[[], object]:
    import wenmai

    seg, text = wenmai.Segmenter(), KINDS[kind](mb)
    seg.cut("预热")
    return lambda: len(seg.cut(text))


def _tfidf(mb: float, kind: str) -> Callable[[], object]:
    import wenmai

    text = KINDS[kind](mb)
    wenmai.keywords("预热", method="tfidf")
    return lambda: wenmai.keywords(text, method="tfidf")


def _dtm(mb: float, kind: str) -> Callable[[], object]:
    import wenmai

    text = KINDS[kind](mb)
    wenmai.Segmenter().cut("预热")
    return lambda: wenmai.Corpus.from_texts([text]).dtm().shape


def _tag(mb: float, kind: str = "的") -> Callable[[], object]:
    import wenmai

    seg, text = wenmai.Segmenter(), KINDS[kind](mb)
    seg.cut("预热")
    return lambda: len(seg.tag(text))


def _textrank(mb: float, kind: str = "的") -> Callable[[], object]:
    import wenmai

    text = KINDS[kind](mb)
    wenmai.keywords("预热", method="textrank")
    return lambda: wenmai.keywords(text, method="textrank")


def _textrank_words(mb: float) -> Callable[[], object]:
    import wenmai

    text = chars_for(mb, "经济发展改革创新人民生活")
    wenmai.keywords("预热", method="textrank")
    return lambda: wenmai.keywords(text, method="textrank")


def _hmm(mb: float) -> Callable[[], object]:
    import wenmai

    seg, text = wenmai.Segmenter(), chars_for(mb, RARE)
    seg.cut("预热")
    return lambda: len(seg.cut(text))


def _ngrams(mb: float) -> Callable[[], object]:
    import wenmai

    line = chars_for(mb, SENTENCE)
    v = wenmai.CountVectorizer(ngram_range=(1, 50))
    return lambda: v.fit_transform([line]).shape


def _html(divs: int) -> Callable[[], object]:
    import wenmai

    page = "<div>" * divs + "正文"

    def run() -> object:
        # Deeper than wenmai.parse_html takes (1000): refused, which is the result timed.
        try:
            return len(wenmai.parse_html(page).text)
        except wenmai.ParseError as e:
            return f"refused: {str(e)[:40]}"

    return run


def _html_nested(blocks: int) -> Callable[[], object]:
    import wenmai

    # As deep as parse_html takes, closed, again and again: html5ever's worst accepted page.
    block = "<div>" * 999 + "正文" + "</div>" * 999
    page = block * blocks
    return lambda: len(wenmai.parse_html(page).text)


def _read_refused(kind: str) -> Callable[[], object]:
    import os

    import wenmai

    path = Path(tempfile.mkdtemp()) / "input.txt"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        with open(path, "wb") as f:  # sparse: 300 MB by its size, nothing on disk
            f.truncate(300 * MB)

    def run() -> object:
        try:
            return len(wenmai.read(path).text)
        except (wenmai.WenmaiError, OSError) as e:
            return f"refused: {str(e)[-50:]}"

    return run


def _parse(mb: float, s: str) -> Callable[[], object]:
    import wenmai

    text = chars_for(mb, s)
    return lambda: len(wenmai.parse(text).sentences)


def _report(mb: float, kind: str = "的") -> Callable[[], object]:
    tmp = Path(tempfile.mkdtemp())
    path = tmp / "repeat.txt"
    path.write_text(KINDS[kind](mb), encoding="utf-8")
    cmd = [sys.executable, "-m", "wenmai.cli", "report", str(path)]

    def run() -> object:
        # The CLI is itself a child of this child: its memory is in RUSAGE_CHILDREN.
        r = subprocess.run(cmd, capture_output=True, text=True)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return {
            "exit": r.returncode,
            "cli_peak_mb": round(peak / 1024, 1),
            "err": r.stderr.strip().splitlines()[-1:],
        }

    return run


CASES: dict[str, Callable[[], Callable[[], object]]] = {
    "tag 的 1MB": lambda: _tag(1),
    "tag 的 3MB (的*1_000_000)": lambda: _tag(3),
    "tag 的 10MB": lambda: _tag(10),
    "tag 的 50MB": lambda: _tag(50),
    "textrank 的 1MB": lambda: _textrank(1),
    "textrank 的 3MB": lambda: _textrank(3),
    "textrank 的 10MB": lambda: _textrank(10),
    "textrank 的 50MB": lambda: _textrank(50),
    "textrank words 10MB": lambda: _textrank_words(10),
    "hmm rare chars 1MB x1": lambda: _hmm(1),
    "hmm rare chars 2MB x2": lambda: _hmm(2),
    "hmm rare chars 10MB": lambda: _hmm(10),
    "ngram (1,50) 1MB line": lambda: _ngrams(1),
    "ngram (1,50) 3MB line": lambda: _ngrams(3),
    "parse_html <div>*100k x1": lambda: _html(100_000),
    "parse_html <div>*200k x2": lambda: _html(200_000),
    "parse_html 999-deep blocks 1.1MB x1": lambda: _html_nested(100),
    "parse_html 999-deep blocks 2.2MB x2": lambda: _html_nested(200),
    "read a FIFO": lambda: _read_refused("fifo"),
    "read a 300 MB file (default limit)": lambda: _read_refused("big"),
    "parse 。 5MB x1": lambda: _parse(5, "。"),
    "parse 。 10MB x2": lambda: _parse(10, "。"),
    "parse 一、 5MB x1": lambda: _parse(5, "一、\n"),
    "parse 一、 10MB x2": lambda: _parse(10, "一、\n"),
    "parse one line 5MB x1": lambda: _parse(5, SENTENCE),
    "parse one line 10MB x2": lambda: _parse(10, SENTENCE),
    "wenmai report 的 10MB file": lambda: _report(10),
    # The memory table (RESULTS.md): each entry point at 1, 10 and 50 MB of its worst kinds.
    **{
        f"{name} {kind} {mb}MB": (lambda f=f, mb=mb, kind=kind: f(mb, kind))
        for name, f in (
            ("cut", _cut),
            ("keywords tfidf", _tfidf),
            ("dtm", _dtm),
            ("wenmai report", _report),
        )
        for kind in KINDS
        for mb in (1, 10, 50)
    },
    **{f"tag random {mb}MB": (lambda mb=mb: _tag(mb, "random")) for mb in (1, 10, 50)},
    **{f"textrank random {mb}MB": (lambda mb=mb: _textrank(mb, "random")) for mb in (1, 10, 50)},
}


def run_one(name: str) -> None:
    call = CASES[name]()
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    out = call()
    wall = time.perf_counter() - t
    print(json.dumps({"wall": wall, "base_kb": base, "out": repr(out)[:200]}))


def measure(name: str, timeout: float, mem_gb: float) -> dict[str, object]:
    cap = int(mem_gb * 2**30)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    p = subprocess.Popen(
        [sys.executable, __file__, "--one", name],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=limit,
    )
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return {"case": name, "status": f"timeout > {timeout:.0f} s"}
    # Popen has reaped the child: its peak is in this process's RUSAGE_CHILDREN.
    row: dict[str, object] = {"case": name}
    if p.returncode != 0:
        last = (err.strip().splitlines() or ["?"])[-1]
        over = "MemoryError" in err or "memory allocation" in err or p.returncode < 0
        row["status"] = f"over {mem_gb:g} GB cap" if over else f"failed: {last[:120]}"
        return row
    data = json.loads(out.strip().splitlines()[-1])
    row.update(status="ok", wall_s=round(data["wall"], 2), out=data["out"])
    row["base_mb"] = round(data["base_kb"] / 1024, 1)
    return row


def child_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("-k", action="append", default=[], help="run cases containing this")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--mem-gb", type=float, default=8.0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if args.one:
        return run_one(args.one)
    rows = []
    print(f"{'case':32} {'status':>10} {'wall s':>8} {'peak MB':>9} {'base MB':>8}  output")
    for name in CASES:
        if args.k and not any(k in name for k in args.k):
            continue
        row = measure_peak(name, args.timeout, args.mem_gb)
        rows.append(row)
        print(
            f"{name:32} {row['status']:>10} {row.get('wall_s', ''):>8} "
            f"{row.get('peak_mb', ''):>9} {row.get('base_mb', ''):>8}  {row.get('out', '')[:60]}",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))


def measure_peak(name: str, timeout: float, mem_gb: float) -> dict[str, object]:
    """measure() in a fresh intermediate process, so RUSAGE_CHILDREN is this case's alone."""
    code = (
        "import json, resource, sys; sys.path.insert(0, sys.argv[1]); import hostile; "
        "row = hostile.measure(sys.argv[2], float(sys.argv[3]), float(sys.argv[4])); "
        "row['peak_mb'] = round(hostile.child_peak_mb(), 1) if row['status'] == 'ok' else ''; "
        "print(json.dumps(row))"
    )
    here = str(Path(__file__).resolve().parent)
    r = subprocess.run(
        [sys.executable, "-c", code, here, name, str(timeout), str(mem_gb)],
        capture_output=True,
        text=True,
    )
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        return {"case": name, "status": f"harness failed: {r.stderr.strip()[-120:]}"}


if __name__ == "__main__":
    main()
