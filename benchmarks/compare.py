"""wenmai against its peers (jieba, rjieba, jieba-fast-dat, jieba-next, scikit-learn) on a
folder of Chinese documents.

    pip install -r benchmarks/requirements.txt
    python benchmarks/compare.py                       # $WENMAI_CORPUS/gov_reports
    python benchmarks/compare.py --corpus news         # news articles, 3 lines each, split
    python benchmarks/compare.py --corpus DIR --json results.json

Tasks (each tool does what a user of it would write):

  segment    every document into words: Segmenter.cut_many / jieba.lcut / rjieba.cut /
             jieba_fast_dat.lcut (C++, pybind11) / jieba_next.lcut (a fork with Rust parts)
  keywords   top-20 tf-idf keywords per document, jieba's idf table:
             Corpus.from_texts(...).keywords(idf="jieba") / wenmai.keywords(text) per
             document (same results as extract_tags) / jieba.analyse.extract_tags
  tfidf      the corpus's tf-idf matrix: Corpus.from_texts(...).dtm().tfidf().to_scipy()
             / sklearn TfidfVectorizer(tokenizer=jieba.lcut) / the same with rjieba.cut
  dtm        the files' document-term matrix: Corpus.from_files(files).dtm() /
             wenmai.dask.from_files(files).dtm().compute() on a two-process LocalCluster
             (started outside the timing) / the same on Dask's threaded scheduler: the
             overhead of Dask ("x wenmai" is the Dask time over the in-memory one)
  readability  cntext's readability1-3 of every document: Corpus.from_texts(...).style()
             (all its measures; readability1-3 equal cntext's) / cntext 1.9.2's
             readability(text) per document (its stats module, loaded alone)
  parallelisms  the parallel groups (排比) of the files: Corpus.from_files(files).parallelisms()
             / Corpus.from_files(files).dtm() on the same files ("x wenmai" of the dtm row is
             the dtm time over the parallelisms time: issue 19 asks for 0.5 or more)
  newwords   new-word discovery (not run by default; meant for the provincial reports:
             --corpus $WENMAI_CORPUS/gov_reports_provincial/2025): Corpus.from_texts(texts)
             .new_words() / HarvestText's word_discover on the texts joined, with the same
             parameters (auto_param=False, min_freq just below 5 / chars, min_entropy 1.0,
             min_aggregation sqrt(chars) / 15, excluding_words=[]); the top-100 overlap is
             printed under the table
  formulations  discovery (not run by default) over the 56 reports and the 2025 provincial
             reports, whatever --corpus says: Corpus.formulations(by=None) on the parsed
             corpus (discovery, token boundaries and counting; no peer)
  e2e        read the files + all of the above: Corpus.from_dir (read, decode, parse),
             dtm().tfidf(), keywords(top_k=20) / open().read() + extract_tags +
             TfidfVectorizer(jieba.lcut) / open().read() + TfidfVectorizer(rjieba.cut) with
             the top-20 terms of each row as keywords (rjieba has no extract_tags)

Every (task, tool) pair runs in a fresh child process: it loads the texts, runs the task
once as a warm-up, then --repeat times, and reports the median wall time and its peak
resident memory (VmHWM: tracemalloc would not see Rust's allocations). Throughput is the
UTF-8 size of the documents divided by the median time. "x wenmai" is the peer's time over
wenmai's time. The "limit" row is bare jieba_rs::Jieba::cut over the same text on all cores
(crates/wenmai-segment/examples/limit.rs), run when cargo is available.

The "of limit" column divides two rows measured minutes apart, and on a shared machine the
load changes in between. --pairs N measures the wenmai e2e row and the limit row again, one
after the other, N times, and prints the ratio of each pair and their median: the fraction
of the limit with both sides under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TASKS = ("segment", "keywords", "tfidf", "e2e", "dtm", "readability", "parallelisms",
         "newwords", "formulations")
DEFAULT_TASKS = TASKS[:7]
TOOLS: dict[str, tuple[str, ...]] = {
    "dtm": ("wenmai", "wenmai.dask (2 workers)", "wenmai.dask (threads)"),
    "parallelisms": ("wenmai", "wenmai dtm"),
    "segment": ("wenmai", "jieba", "rjieba", "jieba-fast-dat", "jieba-next"),
    "keywords": ("wenmai", "wenmai.keywords", "jieba"),
    "tfidf": ("wenmai", "jieba+sklearn", "rjieba+sklearn"),
    "e2e": ("wenmai", "jieba+sklearn", "rjieba+sklearn"),
    "readability": ("wenmai", "cntext"),
    "newwords": ("wenmai", "harvesttext"),
    "formulations": ("wenmai",),
}
TOP_K = 20
NAMED_CORPORA = {
    # name: (folder under $WENMAI_CORPUS, lines per document or 0 for one file = one document)
    "gov_reports": ("gov_reports", 0),
    "news": ("news/inews_bdci2019", 3),
    "laws": ("laws", 0),
}


# --- the corpus -----------------------------------------------------------------------------


def corpus_root() -> Path:
    env = os.environ.get("WENMAI_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def source_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


def split_documents(folder: Path, every: int) -> list[str]:
    """Documents of a folder: one a file, or one every ``every`` lines (title, body, blank)."""
    docs = []
    for path in source_files(folder):
        text = path.read_text(encoding="utf-8")
        if every <= 0:
            docs.append(text)
            continue
        lines = text.split("\n")
        for i in range(0, len(lines), every):
            doc = "\n".join(lines[i : i + every]).strip("\n")
            if doc:
                docs.append(doc)
    return docs


def materialise(folder: Path, every: int, into: Path) -> Path:
    """A folder with one file per document, so that every task reads the same documents."""
    if every <= 0:
        return folder
    for i, doc in enumerate(split_documents(folder, every)):
        (into / f"{i:06d}.txt").write_text(doc + "\n", encoding="utf-8")
    return into


def read_folder(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in source_files(folder)]


# --- the tasks, one function per (task, tool); each returns a small check value ----------------


def _top_rows(matrix: Any, k: int) -> list[list[int]]:
    import numpy as np

    out = []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        data, cols = matrix.data[start:end], matrix.indices[start:end]
        out.append(cols[np.argsort(-data, kind="stable")[:k]].tolist())
    return out


def _sk_tfidf(tokenizer: Callable[[str], list[str]]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(tokenizer=tokenizer, lowercase=False, token_pattern=None)


def _warm_worker() -> tuple[int, int]:
    """A worker's first count, which loads its dictionary."""
    import wenmai

    return wenmai.Corpus.from_texts(["预热"]).dtm().shape


def _cntext_stats() -> Any:
    """cntext's stats module alone (its package __init__ imports gensim and more, which
    readability does not use)."""
    import importlib.util

    spec = importlib.util.find_spec("cntext")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("cntext is not installed: pip install cntext==1.9.2")
    path = Path(list(spec.submodule_search_locations)[0]) / "stats.py"
    mod_spec = importlib.util.spec_from_file_location("cntext_stats", path)
    assert mod_spec is not None and mod_spec.loader is not None
    module = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(module)
    return module


def _top100(words: list[tuple[str, int]]) -> list[str]:
    """The 100 most frequent words, ties by word (the same rule for wenmai and the peer)."""
    return [w for w, _ in sorted(words, key=lambda x: (-x[1], x[0]))[:100]]


def rhetoric_task(task: str, tool: str, folder: Path) -> tuple[Callable[[], Any], list[str]]:
    """The new-word and formulation rows."""
    import wenmai

    if task == "formulations":
        root = corpus_root()
        files = [str(p) for p in source_files(root / "gov_reports")
                 + source_files(root / "gov_reports_provincial" / "2025")]
        corpus = wenmai.Corpus.from_files(files)
        return (lambda: len(corpus.formulations(by=None))), [d.text for d in corpus]
    texts = read_folder(folder)
    chars = wenmai.Corpus.from_texts(texts).new_words().attrs["chars"]
    if tool == "wenmai":
        def ours() -> Any:
            w = wenmai.Corpus.from_texts(texts).new_words(6, 5, 1.0)
            return _top100(list(zip(w["word"], map(int, w["count"]), strict=True)))

        return ours, texts
    import warnings

    from harvesttext import HarvestText

    warnings.filterwarnings("ignore")
    ht = HarvestText()

    def peer() -> Any:
        w = ht.word_discover(texts, auto_param=False, max_word_len=6, min_freq=4.5 / chars,
                             min_entropy=1.0, min_aggregation=chars ** 0.5 / 15,
                             excluding_words=[])
        return _top100([(x, round(f * chars)) for x, f in zip(w.index, w["freq"], strict=True)])

    return peer, texts


def make_task(task: str, tool: str, folder: Path) -> tuple[Callable[[], Any], list[str]]:
    """The function to time, and the texts it works on (read before timing)."""
    if task in ("newwords", "formulations"):
        return rhetoric_task(task, tool, folder)
    texts = read_folder(folder)
    if tool.startswith("wenmai.dask"):
        import dask
        import wenmai.dask as wd

        files = [str(p) for p in source_files(folder)]
        if "workers" in tool:
            from distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=50)
            client = Client(cluster)
            # Each worker loads its dictionary once, outside the timing, as the in-memory
            # path's process has by its warm-up.
            client.run(_warm_worker)
            return (lambda: (client, wd.from_files(files).dtm().compute().to_scipy().nnz)[1]
                    ), texts
        dask.config.set(scheduler="threads")  # for the rest of this child process
        return (lambda: wd.from_files(files).dtm().compute().to_scipy().nnz), texts
    if task == "parallelisms":
        import wenmai

        files = [str(p) for p in source_files(folder)]
        if tool == "wenmai dtm":
            return (lambda: wenmai.Corpus.from_files(files).dtm().to_scipy().nnz), texts
        return (lambda: len(wenmai.Corpus.from_files(files).parallelisms())), texts
    if tool == "wenmai.keywords":
        import wenmai

        # The per-document function, whose results are jieba's extract_tags's.
        return (lambda: sum(len(wenmai.keywords(t, top_k=TOP_K)) for t in texts)), texts
    if tool == "wenmai":
        import wenmai

        if task == "segment":
            seg = wenmai.Segmenter()
            return (lambda: sum(len(t) for t in seg.cut_many(texts))), texts
        if task == "keywords":
            return (
                lambda: len(wenmai.Corpus.from_texts(texts).keywords(top_k=TOP_K, idf="jieba"))
            ), texts
        if task == "tfidf":
            return (lambda: wenmai.Corpus.from_texts(texts).dtm().tfidf().to_scipy().nnz), texts
        if task == "readability":
            cols = ["readability1", "readability2", "readability3"]
            return (lambda: wenmai.Corpus.from_texts(texts).style()[cols].to_numpy().tolist()
                    ), texts
        if task == "dtm":
            files = [str(p) for p in source_files(folder)]
            return (lambda: wenmai.Corpus.from_files(files).dtm().to_scipy().nnz), texts

        def wenmai_e2e() -> Any:
            corpus = wenmai.Corpus.from_dir(str(folder))
            matrix = corpus.dtm().tfidf().to_scipy()
            keywords = corpus.keywords(top_k=TOP_K)
            return matrix.nnz, len(keywords)

        return wenmai_e2e, texts

    import jieba
    import jieba.analyse

    jieba.setLogLevel(60)
    if tool == "cntext":
        m = _cntext_stats()
        return (lambda: [list(map(float, m.readability(t).values())) for t in texts]), texts
    if tool == "rjieba" or tool.startswith("rjieba"):
        import rjieba

        cut: Callable[[str], list[str]] = rjieba.cut
    elif tool in ("jieba-fast-dat", "jieba-next"):
        import importlib

        # Both keep jieba's API (lcut, HMM on); their dictionaries load in the warm-up.
        peer = importlib.import_module(tool.replace("-", "_"))
        cut = peer.lcut
    else:
        cut = jieba.lcut
    if task == "segment":
        return (lambda: sum(len(cut(t)) for t in texts)), texts
    if task == "keywords":
        return (lambda: sum(len(jieba.analyse.extract_tags(t, topK=TOP_K)) for t in texts)), texts
    if task == "tfidf":
        return (lambda: _sk_tfidf(cut).fit_transform(texts).nnz), texts

    def peer_e2e() -> Any:
        docs = read_folder(folder)
        matrix = _sk_tfidf(cut).fit_transform(docs).tocsr()
        if tool.startswith("jieba"):
            keywords = [jieba.analyse.extract_tags(d, topK=TOP_K) for d in docs]
        else:
            keywords = _top_rows(matrix, TOP_K)
        return matrix.nnz, sum(len(k) for k in keywords)

    return peer_e2e, texts


def _rss_mb(field: str) -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def child(task: str, tool: str, folder: Path, repeat: int) -> dict[str, Any]:
    """Runs in a fresh process: warm-up, then ``repeat`` timed runs."""
    run, texts = make_task(task, tool, folder)
    base = _rss_mb("VmRSS")
    check = run()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        again = run()
        times.append(time.perf_counter() - start)
        if again != check:
            raise RuntimeError(f"{task}/{tool}: result changed between runs")
    return {
        "task": task,
        "tool": tool,
        "bytes": sum(len(t.encode("utf-8")) for t in texts),
        "documents": len(texts),
        "times": times,
        "seconds": statistics.median(times),
        "base_rss_mb": base,
        "peak_rss_mb": _rss_mb("VmHWM"),
        "check": check,
    }


def measure(task: str, tool: str, folder: Path, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", task, tool, str(folder), str(repeat)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"task": task, "tool": tool, "error": done.stderr.strip().splitlines()[-1:]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["mb_per_s"] = result["bytes"] / 1e6 / result["seconds"]
    return result


def limit_row(folder: Path, repeat: int) -> dict[str, Any] | None:
    """Bare jieba-rs on all cores over the same files, via cargo, if cargo is here."""
    cargo = shutil.which("cargo")
    if cargo is None:
        return None
    cmd = [
        cargo,
        "run",
        "--quiet",
        "--release",
        "-p",
        "wenmai-segment",
        "--example",
        "limit",
        "--",
        str(folder),
        "--repeat",
        str(repeat),
    ]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"task": "limit", "error": done.stderr.strip().splitlines()[-3:]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result.update(task="limit", tool="jieba-rs cut, all cores")
    return result


def limit_pairs(folder: Path, repeat: int, n: int) -> list[dict[str, Any]]:
    """The wenmai e2e row and the limit row, one right after the other, ``n`` times."""
    pairs = []
    for i in range(n):
        print(f"  pair {i + 1}/{n}: e2e / wenmai, limit …", file=sys.stderr, flush=True)
        e2e = measure("e2e", "wenmai", folder, repeat)
        limit = limit_row(folder, repeat)
        if limit is None or "error" in limit or "error" in e2e:
            raise RuntimeError(f"pair {i + 1}: {e2e.get('error') or (limit or {}).get('error')}")
        pairs.append(
            {
                "e2e_seconds": e2e["seconds"],
                "limit_seconds": limit["seconds"],
                "of_limit": e2e["mb_per_s"] / limit["mb_per_s"],
            }
        )
    return pairs


# --- printing -----------------------------------------------------------------------------------


def render(results: list[dict[str, Any]], limit: dict[str, Any] | None, header: str) -> str:
    lines = [header, ""]
    lines.append("| task | tool | MB/s | median s | peak RSS MB | x wenmai (time) | of limit |")
    lines.append("|---|---|---:|---:|---:|---:|---:|")
    limit_speed = limit.get("mb_per_s") if limit else None
    wenmai_time = {
        r["task"]: r["seconds"] for r in results if r.get("tool") == "wenmai" and "seconds" in r
    }
    for r in results:
        if "error" in r:
            lines.append(f"| {r['task']} | {r['tool']} | failed: {' '.join(r['error'])} |||||")
            continue
        base = wenmai_time.get(r["task"])
        ratio = f"{r['seconds'] / base:.1f}" if base else ""
        of_limit = (
            f"{r['mb_per_s'] / limit_speed:.2f}" if limit_speed and r["tool"] == "wenmai" else ""
        )
        lines.append(
            f"| {r['task']} | {r['tool']} | {r['mb_per_s']:.2f} | {r['seconds']:.3f} "
            f"| {r['peak_rss_mb']:.0f} | {ratio} | {of_limit} |"
        )
    if limit is not None:
        if "error" in limit:
            lines.append(f"| limit | jieba-rs | failed: {' '.join(limit['error'])} |||||")
        else:
            lines.append(
                f"| limit | bare jieba_rs::Jieba::cut, {limit['threads']} threads "
                f"| {limit['mb_per_s']:.2f} | {limit['seconds']:.3f} | | | 1.00 |"
            )
    return "\n".join(lines)


def render_pairs(pairs: list[dict[str, Any]]) -> str:
    ratios = [p["of_limit"] for p in pairs]
    each = ", ".join(
        f"{p['of_limit']:.2f} ({p['e2e_seconds']:.3f} s / {p['limit_seconds']:.3f} s)"
        for p in pairs
    )
    return (
        f"e2e / wenmai against the limit, {len(pairs)} pairs run one after the other: "
        f"median {statistics.median(ratios):.2f} of the limit; each pair (e2e s / limit s): {each}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus",
        default="gov_reports",
        help=f"a folder of .txt documents, or one of {', '.join(NAMED_CORPORA)} "
        "(under $WENMAI_CORPUS)",
    )
    parser.add_argument(
        "--split-every",
        type=int,
        default=None,
        help="each file holds one document every N lines (news: 3); default: per corpus, "
        "0 = one file one document",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of wenmai")
    parser.add_argument("--peer-repeat", type=int, default=None, help="timed runs of peers")
    parser.add_argument("--tasks", default=",".join(DEFAULT_TASKS),
                        help=f"comma-separated, of {', '.join(TASKS)} "
                        "(default: %(default)s)")
    parser.add_argument("--no-limit", action="store_true", help="skip the cargo limit row")
    parser.add_argument(
        "--pairs",
        type=int,
        default=0,
        help="then measure the wenmai e2e row and the limit row one after the other N times "
        "and print each pair's fraction of the limit (needs cargo)",
    )
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        task, tool, folder, repeat = args.child
        print(json.dumps(child(task, tool, Path(folder), int(repeat))))
        return 0

    name = args.corpus
    if name in NAMED_CORPORA:
        sub, every = NAMED_CORPORA[name]
        source = corpus_root() / sub
    else:
        source, every = Path(name), 0
    if args.split_every is not None:
        every = args.split_every
    if not source.is_dir():
        parser.error(f"no such folder: {source} (set WENMAI_CORPUS or --corpus)")
    tasks = [t for t in args.tasks.split(",") if t]
    unknown = set(tasks) - set(TASKS)
    if unknown:
        parser.error(f"unknown task(s): {', '.join(sorted(unknown))}")
    if args.pairs < 0:
        parser.error("--pairs: not a count")
    if args.pairs and (args.no_limit or shutil.which("cargo") is None):
        parser.error("--pairs needs the limit row (cargo, and no --no-limit)")
    peer_repeat = args.peer_repeat or args.repeat

    with tempfile.TemporaryDirectory(prefix="wenmai-bench-") as tmp:
        folder = materialise(source, every, Path(tmp))
        n_docs = len(source_files(folder))
        size = sum(len(t.encode("utf-8")) for t in read_folder(folder))
        import wenmai

        try:
            shown = f"$WENMAI_CORPUS/{source.resolve().relative_to(corpus_root().resolve())}"
        except ValueError:
            shown = source.name
        header = (
            f"corpus: {shown} ({n_docs} documents, {size / 1e6:.1f} MB"
            f"{f', split every {every} lines' if every else ''}); "
            f"wenmai {wenmai.__version__}; {os.cpu_count()} CPUs; Python "
            f"{platform.python_version()}; repeat {args.repeat} (peers {peer_repeat}), "
            "median after one warm-up"
        )
        print(header, file=sys.stderr)
        results = []
        load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        for task in tasks:
            for tool in TOOLS[task]:
                repeat = args.repeat if tool == "wenmai" else peer_repeat
                print(f"  {task} / {tool} …", file=sys.stderr, flush=True)
                results.append(measure(task, tool, folder, repeat))
        limit = None if args.no_limit else limit_row(folder, args.repeat)
        pairs = limit_pairs(folder, args.repeat, args.pairs)
        if load_before is not None:
            # Other work on the machine slows every row; say how busy it was.
            header += f"; load average {load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end"
    table = render(results, limit, header)
    tops = {r["tool"]: r["check"] for r in results if r.get("task") == "newwords"
            and "check" in r}
    if len(tops) == 2:
        a, b = tops.values()
        both = len(set(a) & set(b))
        table += f"\n\nnewwords: top-100 overlap of wenmai and HarvestText {both}/100"
    if pairs:
        table += "\n\n" + render_pairs(pairs)
    print(table)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"header": header, "results": results, "limit": limit, "pairs": pairs},
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
