"""Every corpus statistic gives the same result with 1, 2 and 8 threads.

One child process per thread count (``RAYON_NUM_THREADS``) computes all of them on the
government work reports and prints a digest of each, written with every float's 17
significant digits; the digests must agree statistic by statistic. One script for all of
them, so the reports are parsed three times, not three times per statistic.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import hashlib, json, sys
import numpy as np
import wenmai

c = wenmai.Corpus.from_files(sys.argv[1:])
out = {}

def digest(name, value):
    h = hashlib.sha256()
    if hasattr(value, "to_csv"):
        h.update(value.to_csv(float_format="%.17g").encode())
    elif hasattr(value, "to_scipy"):
        x = value.to_scipy()
        for part in (x.indptr, x.indices, x.data):
            h.update(np.ascontiguousarray(part).tobytes())
        h.update("\n".join(value.terms).encode())
    else:
        h.update(np.ascontiguousarray(value).tobytes())
    out[name] = h.hexdigest()

h = hashlib.sha256()
for sentence in c.tokens():
    h.update("\x1f".join(sentence).encode() + b"\x1e")
out["tokens"] = h.hexdigest()
for measure in ("chi2", "lr", "pmi", "exact"):
    digest(f"keyness {measure}", c.keyness("year >= 2013", measure=measure))
for size in (2, 3, 4, 5):
    digest(f"collocations {size}", c.collocations(size=size, min_count=3))
for context, count in (("window", "frequency"), ("window", "weighted"),
                       ("window", "boolean"), ("sentence", "frequency")):
    digest(f"cooccurrence {context} {count}",
           c.cooccurrence(context=context, count=count, terms=2000))
m = c.dtm()
for method in ("cosine", "jaccard", "correlation", "euclidean"):
    digest(f"similarity {method}", m.similarity(method))
digest("similarity top_k", m.similarity("cosine", top_k=5).toarray())
digest("group", m.group("year"))
digest("lexdiv", c.lexdiv())
for pattern in ("发展", "全面从严治党", ["改革", "开放"], "改革*"):
    digest(f"kwic {pattern}", c.kwic(pattern, window=5))
digest("kwic regex", c.kwic("^经济", regex=True))
d = wenmai.Dictionary({"经济": ["经济*", "市场"],
                       "改革": {"深化": ["深化 改革"], "开放": ["开放*"]}})
digest("lookup", c.lookup(d))
digest("lookup sentence", c.lookup(d, unit="sentence", exclusive=False))
digest("formulations", c.formulations(by=None))
digest("new_words", c.new_words())
print(json.dumps(out))
"""


def test_every_statistic_is_the_same_for_1_2_and_8_threads(report_files: list[Path]) -> None:
    import json

    runs = {}
    for n in ("1", "2", "8"):
        env = {**os.environ, "RAYON_NUM_THREADS": n}
        done = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, report_files)],
                              env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        runs[n] = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(runs["1"]) >= 22
    for name, value in runs["1"].items():
        assert runs["2"][name] == value, f"{name}: 1 and 2 threads differ"
        assert runs["8"][name] == value, f"{name}: 1 and 8 threads differ"
