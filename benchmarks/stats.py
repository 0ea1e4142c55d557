"""The corpus statistics of wenmai against the peer a user would reach for, on the news.

    pip install -r benchmarks/requirements.txt
    python benchmarks/stats.py                          # every task, $WENMAI_CORPUS/news
    python benchmarks/stats.py --tasks kwic,collocations --repeat 3
    python benchmarks/stats.py --corpus gov_reports --json stats.json

Tasks (the peer does what its user would write, on the same documents):

  dtm           Corpus.from_texts(docs).dtm(): the yardstick of "each statistic costs at most
                twice dtm()" (no peer)
  kwic          corpus.kwic("发展") / "jieba+nltk": what an NLTK user writes from the texts,
                jieba.lcut per document, then ConcordanceIndex(...).find_concordance("发展");
                "nltk (tokens given)": ConcordanceIndex over wenmai's own tokens (built, then
                find_concordance), the tokens made outside the timing
  collocations  corpus.collocations(size=2) / jieba.lcut per document, then NLTK's
                BigramCollocationFinder.from_documents scored with pmi, llr, chi2 and t
  collocations5 corpus.collocations(size=5, min_count=2) (no peer: its peak memory)
  cooccurrence  corpus.cooccurrence(window=5, terms=5000) / "python": a plain Python Counter
                over the same tokens (given, made outside the timing), restricted to the same
                5,000 terms
  similarity    m.similarity("cosine") of every document with every other on the tf-idf
                matrix / sklearn.metrics.pairwise.cosine_similarity of the same matrix
  keyness       corpus.keyness(first half of the documents) / scipy.stats.chi2_contingency on
                every term's 2x2 table

Every (task, tool) pair runs in a fresh child process: it builds its inputs (the wenmai
corpus parsed, or the peer's tokens); wenmai's rows run once as a warm-up, then --repeat
times, the peers' --peer-repeat times (default once: jieba + NLTK on the news takes minutes),
with a fresh Corpus each time (so no cached tokens: the time includes segmentation), and
reports the median wall time and the peak resident memory (VmHWM, which sees Rust's
allocations). "wenmai (tokens cached)" (kwic, cooccurrence) times the statistic on one
corpus whose tokens one corpus.tokens() call outside the timing has kept: the statistic
alone, as the tokens-given peers are timed. "x wenmai" is the peer's time over wenmai's (for
a tokens-given peer, over "wenmai (tokens cached)"); "x dtm" is wenmai's time over the dtm
row's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import NAMED_CORPORA, _rss_mb, corpus_root, split_documents  # noqa: E402

TASKS: dict[str, tuple[str, ...]] = {
    "dtm": ("wenmai",),
    "kwic": ("wenmai", "wenmai (tokens cached)", "jieba+nltk", "nltk (tokens given)"),
    "collocations": ("wenmai", "jieba+nltk"),
    "collocations5": ("wenmai",),
    "cooccurrence": ("wenmai", "wenmai (tokens cached)", "python"),
    "similarity": ("wenmai", "sklearn"),
    "keyness": ("wenmai", "scipy"),
}
KWIC_TERM = "发展"
CACHED = "wenmai (tokens cached)"
# The peers timed on tokens made outside the timing: compared with CACHED.
TOKENS_GIVEN = {"nltk (tokens given)", "python"}
TOP_TERMS = 5000


def _corpus(docs: list[str]) -> Any:
    import wenmai

    return wenmai.Corpus.from_texts(docs)


def _wenmai_tokens(docs: list[str]) -> list[list[str]]:
    return _corpus(docs).tokens(unit="sentence")


def make_task(task: str, tool: str, docs: list[str]) -> Callable[[], Any]:
    """The timed call of one (task, tool): inputs are built here, outside the timing."""
    if tool == "wenmai" and task == "similarity":
        # The same input as scikit-learn's: the tf-idf matrix, built outside the timing.
        m = _corpus(docs).dtm().tfidf()
        return lambda: m.similarity("cosine")
    if tool in ("wenmai", CACHED):
        half = list(range(len(docs) // 2))
        calls: dict[str, Callable[[Any], Any]] = {
            "dtm": lambda c: c.dtm(),
            "kwic": lambda c: c.kwic(KWIC_TERM),
            "collocations": lambda c: c.collocations(size=2),
            "collocations5": lambda c: c.collocations(size=5, min_count=2),
            "cooccurrence": lambda c: c.cooccurrence(window=5, terms=TOP_TERMS),
            "keyness": lambda c: c.keyness(c.ids[: len(half)]),
        }
        call = calls[task]
        if tool == CACHED:
            kept = _corpus(docs)
            kept.tokens()  # segmented once, outside the timing; the corpus keeps the tokens
            return lambda: call(kept)
        return lambda: call(_corpus(docs))
    if task == "kwic" and tool == "jieba+nltk":
        import jieba
        from nltk.text import ConcordanceIndex

        jieba.initialize()

        def jieba_nltk_kwic() -> Any:
            flat = [t for d in docs for t in jieba.lcut(d)]
            return ConcordanceIndex(flat).find_concordance(KWIC_TERM, width=80)

        return jieba_nltk_kwic
    if task == "kwic":
        from nltk.text import ConcordanceIndex

        flat = [t for sentence in _wenmai_tokens(docs) for t in sentence]

        def nltk_kwic() -> Any:
            return ConcordanceIndex(flat).find_concordance(KWIC_TERM, width=80)

        return nltk_kwic
    if task == "collocations":
        import jieba
        from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

        jieba.initialize()
        m = BigramAssocMeasures

        def jieba_nltk() -> Any:
            finder = BigramCollocationFinder.from_documents(jieba.lcut(d) for d in docs)
            finder.apply_freq_filter(2)
            return [finder.score_ngrams(f) for f in
                    (m.pmi, m.likelihood_ratio, m.chi_sq, m.student_t)]

        return jieba_nltk
    if task == "cooccurrence":
        from collections import Counter

        sentences = _wenmai_tokens(docs)
        counts = Counter(t for s in sentences for t in s)
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
        rank = {t: k for k, (t, _) in enumerate(top)}

        def python_fcm() -> Any:
            # wenmai's matrix: the upper triangle in rank order, equal pairs twice (quanteda)
            fcm: Counter[tuple[int, int]] = Counter()
            for s in sentences:
                for i, a in enumerate(s):
                    ra = rank.get(a)
                    if ra is None:
                        continue
                    for b in s[i + 1 : i + 6]:
                        rb = rank.get(b)
                        if rb is None:
                            continue
                        if ra == rb:
                            fcm[(ra, ra)] += 2
                        else:
                            fcm[(ra, rb) if ra < rb else (rb, ra)] += 1
            return fcm

        return python_fcm
    if task == "similarity":
        from sklearn.metrics.pairwise import cosine_similarity

        x = _corpus(docs).dtm().tfidf().to_scipy()
        return lambda: cosine_similarity(x)
    if task == "keyness":
        import numpy as np
        from scipy.stats import chi2_contingency

        x = _corpus(docs).dtm().to_scipy()
        target = np.zeros(x.shape[0], dtype=bool)
        target[: x.shape[0] // 2] = True

        def scipy_keyness() -> Any:
            a = np.asarray(x[target].sum(axis=0)).ravel()
            b = np.asarray(x[~target].sum(axis=0)).ravel()
            na, nb = a.sum(), b.sum()
            return [chi2_contingency([[a[j], b[j]], [na - a[j], nb - b[j]]])[0]
                    for j in range(x.shape[1])]

        return scipy_keyness
    raise ValueError(f"no tool {tool!r} for {task!r}")


def child(task: str, tool: str, corpus: str, repeat: int) -> dict[str, Any]:
    docs = documents(corpus)
    fn = make_task(task, tool, docs)
    if tool.startswith("wenmai"):
        fn()  # warm-up; a peer's set-up (jieba's dictionary) is made outside its timed call
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return {"task": task, "tool": tool, "seconds": statistics.median(times),
            "peak_rss_mb": _rss_mb("VmHWM")}


def documents(corpus: str) -> list[str]:
    folder, every = NAMED_CORPORA[corpus]
    return split_documents(corpus_root() / folder, every)


def measure(task: str, tool: str, corpus: str, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", task, tool, "--corpus", corpus,
           "--repeat", str(repeat)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"task": task, "tool": tool, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def render(results: list[dict[str, Any]], header: str) -> str:
    wenmai = {r["task"]: r for r in results if r["tool"] == "wenmai" and "seconds" in r}
    cached = {r["task"]: r for r in results if r["tool"] == CACHED and "seconds" in r}
    dtm = wenmai.get("dtm", {}).get("seconds")
    lines = [header, "",
             "| task | tool | median s | peak RSS MB | x wenmai | x dtm |",
             "|---|---|---:|---:|---:|---:|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['task']} | {r['tool']} | error: {r['error']} | | | |")
            continue
        own = wenmai.get(r["task"])
        if r["tool"] in TOKENS_GIVEN:
            own = cached.get(r["task"], own)
        ratio = (f"{r['seconds'] / own['seconds']:.1f}"
                 if own and r["tool"] not in ("wenmai", CACHED) else "")
        of_dtm = (f"{r['seconds'] / dtm:.2f}"
                  if dtm and r["tool"] == "wenmai" and r["task"] != "dtm" else "")
        lines.append(f"| {r['task']} | {r['tool']} | {r['seconds']:.3f} | "
                     f"{r['peak_rss_mb']:.0f} | {ratio} | {of_dtm} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", default="news", choices=sorted(NAMED_CORPORA))
    p.add_argument("--tasks", default=",".join(TASKS))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--peer-repeat", type=int, default=1,
                   help="timed runs of each peer, without a warm-up (default: %(default)s)")
    p.add_argument("--json", type=Path)
    p.add_argument("--child", nargs=2, metavar=("TASK", "TOOL"), help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.child:
        print(json.dumps(child(a.child[0], a.child[1], a.corpus, a.repeat)))
        return 0
    tasks = [t for t in a.tasks.split(",") if t]
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        p.error(f"unknown task(s) {unknown}; choose from {list(TASKS)}")
    if "dtm" not in tasks:
        tasks.insert(0, "dtm")
    docs = documents(a.corpus)
    size = sum(len(d.encode()) for d in docs) / 1e6
    header = (f"corpus {NAMED_CORPORA[a.corpus][0]} ({len(docs)} documents, {size:.1f} MB), "
              f"{os.cpu_count()} cores, Python {platform.python_version()}, "
              f"wenmai: median of {a.repeat} after a warm-up; peers: median of "
              f"{a.peer_repeat}; load average {os.getloadavg()[0]:.1f} at start")
    results = []
    for task in tasks:
        for tool in TASKS[task]:
            n = a.repeat if tool.startswith("wenmai") else a.peer_repeat
            results.append(measure(task, tool, a.corpus, n))
            print(results[-1], file=sys.stderr)
    print(render(results, header))
    if a.json:
        a.json.write_text(json.dumps({"header": header, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
