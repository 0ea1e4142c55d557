"""Compare wenmai's segmentation and keywords with jieba 0.42.1 on the same input.

Usage (from the repository root, with jieba installed):
    cargo run --release -p wenmai-segment --example dump_tokens -- FILES... > tokens.jsonl
    python crates/wenmai-analyze/scripts/parity.py tokens tokens.jsonl
    cargo run --release -p wenmai-analyze --example dump_keywords -- FILES... > kw.jsonl
    python crates/wenmai-analyze/scripts/parity.py keywords kw.jsonl

Prints, per file set, the share of lines whose tokens are identical to jieba.lcut (HMM on and
off) and examples of each differing line; for keywords, the share of documents with identical
top-20 sets / identical order, and the mean set overlap.
"""

import collections
import json
import os
import sys

import jieba
import jieba.analyse

jieba.setLogLevel(60)


def file_set(path):
    parts = path.split(os.sep)
    for name in (
        "sighan2005",
        "gov_reports_provincial",
        "gov_reports",
        "news",
        "laws",
        "cpc_congress_reports",
    ):
        if name in parts:
            if name == "sighan2005":
                return os.path.basename(path)
            return name
    return os.path.dirname(path)


def tokens(dump):
    stats = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # lines, hmm, nohmm, full, search
    diffs = collections.defaultdict(list)
    with open(dump, encoding="utf-8") as f:
        for row in f:
            r = json.loads(row)
            key = file_set(r["file"])
            line = lines_of(r["file"])[r["line"]]
            s = stats[key]
            s[0] += 1
            modes = (
                (lambda s: jieba.lcut(s, HMM=True), "hmm"),
                (lambda s: jieba.lcut(s, HMM=False), "nohmm"),
                (lambda s: jieba.lcut(s, cut_all=True), "full"),
                (jieba.lcut_for_search, "search"),
            )
            for i, (cut, name) in enumerate(modes, 1):
                if name not in r:
                    continue
                want = cut(line)
                if want == r[name]:
                    s[i] += 1
                else:
                    diffs[(key, name)].append((r["file"], r["line"], first_diff(want, r[name])))
    for key, (n, a, b, c, d) in sorted(stats.items()):
        print(
            f"{key}: lines {n}  identical HMM on {a} ({a / n:.5%})  HMM off {b} ({b / n:.5%})  "
            f"full {c} ({c / n:.5%})  search {d} ({d / n:.5%})"
        )
    for (key, name), ds in sorted(diffs.items()):
        print(f"--- {key} {name}: {len(ds)} differing lines")
        for d in ds[:15]:
            print("   ", d)


_LINES = {}


def lines_of(path):
    if path not in _LINES:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        _LINES[path] = [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]
    return _LINES[path]


def first_diff(want, got):
    i = 0
    while i < min(len(want), len(got)) and want[i] == got[i]:
        i += 1
    return {"jieba": want[max(0, i - 2) : i + 4], "wenmai": got[max(0, i - 2) : i + 4]}


def keywords(dump):
    n = 0
    same = {"tfidf": [0, 0, 0.0], "textrank": [0, 0, 0.0]}  # same set, same order, overlap sum
    examples = collections.defaultdict(list)
    with open(dump, encoding="utf-8") as f:
        for row in f:
            r = json.loads(row)
            with open(r["file"], encoding="utf-8") as g:
                text = g.read()
            n += 1
            want = {
                "tfidf": jieba.analyse.extract_tags(text, topK=20),
                "textrank": jieba.analyse.textrank(text, topK=20),
            }
            for name in ("tfidf", "textrank"):
                got = [w for w, _ in r[name]]
                s = same[name]
                inter = len(set(got) & set(want[name]))
                s[2] += inter / max(1, len(want[name]))
                if set(got) == set(want[name]):
                    s[0] += 1
                else:
                    examples[name].append(
                        (
                            r["file"],
                            sorted(set(want[name]) - set(got)),
                            sorted(set(got) - set(want[name])),
                        )
                    )
                if got == want[name]:
                    s[1] += 1
    for name, (a, b, o) in same.items():
        print(
            f"{name}: documents {n}  identical set {a} ({a / n:.2%})  "
            f"identical order {b} ({b / n:.2%})  mean overlap {o / n:.4f}"
        )
        for e in examples[name][:10]:
            print("   ", e)


def tags(dump):
    import jieba.posseg

    n = same_words = same = 0
    kinds = collections.Counter()
    examples = []
    with open(dump, encoding="utf-8") as f:
        for row in f:
            r = json.loads(row)
            line = lines_of(r["file"])[r["line"]]
            want = [[p.word, p.flag] for p in jieba.posseg.lcut(line)]
            got = r["tags"]
            n += 1
            if [w for w, _ in want] == [w for w, _ in got]:
                same_words += 1
                if want == got:
                    same += 1
                else:
                    for a, b in zip(want, got, strict=True):
                        if a != b:
                            kinds[(a[1], b[1])] += 1
                            if len(examples) < 20:
                                examples.append((a, b))
            elif len(examples) < 40:
                examples.append(first_diff(want, got))
    print(
        f"lines {n}  identical words {same_words} ({same_words / n:.4%})  "
        f"identical words+tags {same} ({same / n:.4%})"
    )
    print("tag differences (jieba, wenmai):", kinds.most_common(15))
    for e in examples:
        print("   ", e)


if __name__ == "__main__":
    {"tokens": tokens, "keywords": keywords, "tags": tags}[sys.argv[1]](sys.argv[2])
