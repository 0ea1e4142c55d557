"""wenmai.parallelisms and Corpus.parallelisms: the groups issue 19 names in the sample
article, precision and recall on the hand-marked development set (tests/data/parallelism,
see its README), the DataFrame, determinism over thread counts, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import wenmai

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "parallelism"
SAMPLE = ROOT / "examples" / "seed-article.txt"


@pytest.fixture(scope="module")
def sample() -> wenmai.Document:
    return wenmai.read(str(SAMPLE))


@pytest.fixture(scope="module")
def groups(sample: wenmai.Document) -> list[wenmai.Parallelism]:
    return wenmai.parallelisms(sample)


def by_text(groups: list[wenmai.Parallelism], text: str) -> wenmai.Parallelism:
    found = [g for g in groups if g.text == text]
    assert found, f"no group {text!r} among {[g.text for g in groups]}"
    return found[0]


def test_the_groups_of_the_issue(groups: list[wenmai.Parallelism]) -> None:
    g = by_text(groups, "说老实话、办老实事、做老实人")
    assert (g.kind, g.frame, len(g.members)) == ("shape", "…老实…", 3)
    g = by_text(groups, "推动落实、指导落实、检查落实、考核落实、反馈落实、完善落实")
    assert (g.kind, g.frame, len(g.members)) == ("tail", "…落实", 6)
    assert [m.text for m in g.members][:2] == ["推动落实", "指导落实"]
    g = by_text(groups, "不断创新载体平台,不断创新形式内容,不断创新制度规范")
    assert (g.kind, g.frame) == ("head", "不断创新…")
    g = by_text(groups, "抓住主要矛盾,向核心问题倾力;找准主攻方向,向发展目标聚力;"
                        "突破关键环节,向重点任务着力")
    assert [m.text for m in g.members] == [
        "抓住主要矛盾,向核心问题倾力", "找准主攻方向,向发展目标聚力", "突破关键环节,向重点任务着力"]
    assert not [g for g in groups if "知识、技能" in g.text]


def test_fields_point_into_the_document(sample: wenmai.Document,
                                        groups: list[wenmai.Parallelism]) -> None:
    for g in groups:
        assert sample.text[g.start:g.end] == g.text == str(g)
        assert len(g) == len(g.members) >= 3
        for m in g.members:
            assert isinstance(m, wenmai.Span)
            assert sample.text[m.start:m.end] == m.text
            assert g.start <= m.start < m.end <= g.end
            assert (m.section, m.paragraph) == (g.section, g.paragraph)
        assert sample.paragraphs[g.paragraph].section == g.section
        assert g.kind in ("head", "tail", "head_tail", "shape")
    assert repr(groups[0]).startswith("Parallelism(kind=")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def test_precision_and_recall_on_the_development_set() -> None:
    marked_n = recalled = found_n = correct = 0
    kinds = set()
    for path in sorted(DATA.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        kinds.add(spec["kind"].split(",")[0])
        doc = wenmai.read(str((DATA / spec["file"]).resolve()))
        marked = []
        for text in spec["groups"]:
            at = doc.text.find(text)
            assert at >= 0, f"{path.name}: {text!r} is not in {spec['file']}"
            marked.append((at, at + len(text)))
        found = [(g.start, g.end) for g in wenmai.parallelisms(doc)]
        # Found when a found group covers half a marked one or more; right when half a found
        # group or more lies in a marked one.
        recalled += sum(any(2 * _overlap(m, f) >= m[1] - m[0] for f in found) for m in marked)
        correct += sum(any(2 * _overlap(m, f) >= f[1] - f[0] for m in marked) for f in found)
        marked_n += len(marked)
        found_n += len(found)
    recall, precision = recalled / marked_n, correct / found_n
    print(f"parallelisms on the development set: recall {recall:.3f} ({recalled}/{marked_n}), "
          f"precision {precision:.3f} ({correct}/{found_n})")
    assert marked_n >= 150
    assert len(kinds) >= 4
    assert recall >= 0.85
    assert precision >= 0.85


def test_corpus_dataframe_matches_the_function() -> None:
    paths = [str(p) for p in sorted(DATA.glob("*.txt"))]
    corpus = wenmai.Corpus.from_files(paths)
    df = corpus.parallelisms()
    assert list(df.columns) == ["doc_id", "start", "end", "text", "frame", "kind", "members",
                                "section", "paragraph"]
    rows = []
    for i, doc_id in enumerate(corpus.ids):
        for g in wenmai.parallelisms(corpus._core.document(i)):
            rows.append((doc_id, g.start, g.end, g.text, g.frame, g.kind, len(g.members),
                         g.section, g.paragraph))
    got = [(r.doc_id, r.start, r.end, r.text, r.frame, r.kind, r.members,
            None if pd.isna(r.section) else int(r.section), r.paragraph)
           for r in df.itertuples()]
    assert got == rows and len(rows) > 50
    assert corpus.parallelisms(min_members=5)["members"].min() >= 5
    empty = wenmai.Corpus.from_texts(["", "没有排比。"]).parallelisms()
    assert len(empty) == 0 and list(empty.columns) == list(df.columns)


SCRIPT = r"""
import hashlib, sys, wenmai
c = wenmai.Corpus.from_files(sys.argv[1:])
print(hashlib.sha256(c.parallelisms().to_csv().encode()).hexdigest())
"""


def test_same_result_with_1_2_and_8_threads() -> None:
    paths = [str(p) for p in sorted(DATA.glob("*.txt"))] * 3
    digests = set()
    for n in (1, 2, 8):
        env = dict(os.environ, RAYON_NUM_THREADS=str(n))
        out = subprocess.run([sys.executable, "-c", SCRIPT, *paths], env=env,
                             capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


@pytest.mark.parametrize("bad", [1, 0, -3, 2.5, "3", True, None])
def test_bad_min_members(sample: wenmai.Document, bad: object) -> None:
    with pytest.raises(ValueError, match="min_members"):
        wenmai.parallelisms(sample, min_members=bad)  # type: ignore[arg-type]


def test_bad_arguments(sample: wenmai.Document) -> None:
    with pytest.raises(ValueError, match="wenmai.Document"):
        wenmai.parallelisms("不断创新，不断创新，不断创新")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Segmenter"):
        wenmai.parallelisms(sample, segmenter="jieba")  # type: ignore[arg-type]
    seg = wenmai.Segmenter()
    assert [g.text for g in wenmai.parallelisms(sample, segmenter=seg)] == \
        [g.text for g in wenmai.parallelisms(sample)]


@pytest.mark.parametrize("text", [
    "", "\n", "、、、、", "，；：。！？", "\ud800、\udfff、\ud800", "a、b、c、d",
    "一、\n（一）\n1.\n①", "“”“”、《》《》、（）（）", "的" * 5000, "、".join(["落实"] * 2000),
])
def test_odd_input_never_fails(text: str) -> None:
    doc = wenmai.parse(text)
    for g in wenmai.parallelisms(doc, min_members=2):
        assert doc.text[g.start:g.end] == g.text
