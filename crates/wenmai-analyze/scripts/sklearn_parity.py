"""Compare wenmai's document-term and tf-idf matrices with scikit-learn's on the same tokens.

Tokens: jieba.lcut of every government work report (one document each) and of each of their
paragraphs (one document each). For several parameter sets, runs
`cargo run --release -p wenmai-analyze --example dtm_from_tokens` and scikit-learn's
CountVectorizer / TfidfVectorizer (analyzer=callable, so both see the same tokens), and prints
the vocabulary size, nnz and the largest absolute difference.

Usage (repository root): python crates/wenmai-analyze/scripts/sklearn_parity.py CORPUS_DIR
"""

import glob
import json
import os
import subprocess
import sys

import jieba
import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

jieba.setLogLevel(60)

PARAMS = [
    {},
    {"min_df": 2, "max_df": 0.9},
    {"min_df": 0.05, "max_df": 30, "max_features": 500},
    {"max_features": 1000, "binary": True},
    {"norm": "l1", "smooth_idf": False, "sublinear_tf": True},
    {"norm": None, "sublinear_tf": True, "min_df": 3},
]


def run(docs, params):
    full = {
        "min_df": 1,
        "max_df": 1.0,
        "max_features": None,
        "binary": False,
        "norm": "l2",
        "smooth_idf": True,
        "sublinear_tf": False,
        **params,
    }
    env = dict(os.environ)
    out = subprocess.run(
        [
            "cargo",
            "run",
            "--quiet",
            "--release",
            "-p",
            "wenmai-analyze",
            "--example",
            "dtm_from_tokens",
        ],
        input=json.dumps({"docs": docs, **full}),
        capture_output=True,
        text=True,
        env=env,
    )
    common = dict(
        analyzer=lambda d: d,
        min_df=full["min_df"],
        max_df=full["max_df"],
        max_features=full["max_features"],
        binary=full["binary"],
    )
    cv = CountVectorizer(**common)
    try:
        x = cv.fit_transform(docs)
    except ValueError as e:
        both = out.returncode != 0
        print(
            f"{json.dumps(params, ensure_ascii=False):70s} scikit-learn: {e}; wenmai: "
            f"{out.stderr.strip().splitlines()[-1] if both else 'no error'}"
        )
        return both
    w = json.loads(out.stdout)
    tv = TfidfVectorizer(
        **common,
        norm=full["norm"],
        smooth_idf=full["smooth_idf"],
        sublinear_tf=full["sublinear_tf"],
    )
    t = tv.fit_transform(docs)
    terms_ok = list(cv.get_feature_names_out()) == w["terms"]
    if not terms_ok:
        # scikit-learn >= 1.x ranks max_features with numpy's unstable argsort: which of the
        # terms tied at the cut-off survive is up to numpy. wenmai keeps the first in term order.
        ours, theirs = set(w["terms"]), set(cv.get_feature_names_out())
        total = CountVectorizer(analyzer=lambda d: d, binary=full["binary"]).fit(docs)
        xs = total.transform(docs).sum(axis=0).A1
        cf = {t: xs[i] for t, i in total.vocabulary_.items()}
        only = sorted(ours ^ theirs)
        cut = min(cf[t] for t in ours)
        tied = (
            len(ours) == len(theirs)
            and cut == min(cf[t] for t in theirs)
            and all(cf[t] == cut for t in only)
        )
        print(
            f"{json.dumps(params, ensure_ascii=False):70s} vocab differs in {len(only)} terms, "
            f"{'all tied at the cut-off frequency ' + str(cut) if tied else 'NOT ties'}: "
            f"{[(t, int(cf[t])) for t in only[:6]]}"
        )
        return tied
    x.sort_indices()
    t.sort_indices()
    same_structure = x.indptr.tolist() == w["indptr"] and x.indices.tolist() == w["indices"]
    count_diff = float(np.max(np.abs(x.data - np.array(w["data"])))) if x.nnz else 0.0
    tfidf_diff = float(np.max(np.abs(t.data - np.array(w["tfidf_data"])))) if t.nnz else 0.0
    idf_diff = float(np.max(np.abs(tv.idf_ - np.array(w["idf"]))))
    print(
        f"{json.dumps(params, ensure_ascii=False):70s} terms {len(w['terms']):6d} nnz {x.nnz:7d} "
        f"vocab {'same' if terms_ok else 'DIFF'} csr {'same' if same_structure else 'DIFF'} "
        f"count diff {count_diff:.1e} tfidf diff {tfidf_diff:.1e} idf diff {idf_diff:.1e}"
    )
    return (
        terms_ok
        and same_structure
        and count_diff == 0
        and tfidf_diff <= 1e-12
        and idf_diff <= 1e-12
    )


def main(corpus):
    files = sorted(glob.glob(os.path.join(corpus, "gov_reports", "*.txt")))
    texts = [open(f, encoding="utf-8").read() for f in files]
    docs = [jieba.lcut(t) for t in texts]
    paragraphs = [jieba.lcut(p) for t in texts for p in t.split("\n") if p.strip()]
    ok = True
    for name, d in (("documents", docs), ("paragraphs", paragraphs)):
        print(f"== {name}: {len(d)}")
        for p in PARAMS:
            ok &= run(d, p)
    print("ALL EQUAL (up to ties at the max_features cut-off)" if ok else "DIFFERENCES FOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
