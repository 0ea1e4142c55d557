"""``Corpus.save_idf``: the idf a corpus learnt, in jieba's ``idf.txt`` format, read back by
jieba 0.42.1's ``set_idf_path`` and by ``wenmai.keywords(idf=...)`` with the same keywords."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import jieba
import jieba.analyse as jieba_analyse
import pytest
import wenmai
import wenmai.jieba as wj


@pytest.fixture(scope="module")
def reports(report_files) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in report_files]


@pytest.fixture(scope="module")
def saved(reports, tmp_path_factory) -> tuple[wenmai.Corpus, Path]:
    corpus = wenmai.Corpus.from_texts(reports)
    path = tmp_path_factory.mktemp("idf") / "corpus_idf.txt"
    corpus.save_idf(path)
    return corpus, path


def test_values_are_ln_n_over_df_of_the_tokens(saved) -> None:
    corpus, path = saved
    docs = corpus.tokens(unit="document")
    df = Counter(t for doc in docs for t in set(doc))
    lines = path.read_text(encoding="utf-8").splitlines()
    pairs = [line.split(" ") for line in lines]
    assert [w for w, _ in pairs] == sorted(df)  # every term, in code point order
    worst = max(abs(float(v) - math.log(len(docs) / df[w])) for w, v in pairs)
    assert worst <= 1e-15, worst


def test_jieba_reads_it_and_gives_the_same_keywords(saved, reports) -> None:
    _, path = saved
    theirs = jieba_analyse.TFIDF(idf_path=str(path))
    shim = wj.analyse.TFIDF(idf_path=str(path))
    for text in reports[::7]:  # eight reports, 1954 to 2025: jieba is slow
        expected = theirs.extract_tags(text, topK=20, withWeight=True)
        ours = wenmai.keywords(text, top_k=20, idf=path)
        assert [w for w, _ in ours] == [w for w, _ in expected]
        for (_, a), (_, b) in zip(ours, expected, strict=True):
            assert abs(a - b) <= 1e-12 * max(1.0, abs(b))
        assert shim.extract_tags(text, topK=20, withWeight=True) == ours
        doc = wenmai.parse(text)
        assert wenmai.keywords(doc, top_k=20, idf=str(path)) == ours


def test_jiebas_own_table_gives_the_default(reports) -> None:
    own = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    for text in reports[::14]:
        for k in (20, 0):
            assert wenmai.keywords(text, top_k=k, idf=own) == wenmai.keywords(text, top_k=k)


def test_a_changed_file_is_read_again(tmp_path) -> None:
    text = "纽约的天气很好，北京烤鸭很好吃，纽约北京"
    path = tmp_path / "idf.txt"
    rest = "北京 0.5\n好吃 0.5\n北京烤鸭 0.5\n"  # the median for the words not listed
    path.write_text("天气 100.0\n纽约 0.5\n" + rest, encoding="utf-8")
    assert wenmai.keywords(text, idf=path)[0][0] == "天气"
    path.write_text("天气 0.1\n纽约 500.0\n" + rest, encoding="utf-8")
    assert wenmai.keywords(text, idf=path)[0][0] == "纽约"


def test_errors_say_what_to_change(tmp_path) -> None:
    with pytest.raises(ValueError, match="idf= is the table of method='tfidf'"):
        wenmai.keywords("文本", method="textrank", idf=tmp_path / "x.txt")
    with pytest.raises(ValueError, match="method must be one of"):
        wenmai.keywords("文本", method="bm25", idf=tmp_path / "x.txt")
    with pytest.raises(FileNotFoundError, match="x.txt"):
        wenmai.keywords("文本", idf=tmp_path / "x.txt")
    bigrams = wenmai.Analyzer(ngram_range=(1, 2))
    with pytest.raises(ValueError, match="holds a space"):
        wenmai.Corpus.from_texts(["改革开放，发展经济。"]).save_idf(tmp_path / "n.txt", bigrams)
    assert not (tmp_path / "n.txt").exists()
    with pytest.raises(ValueError, match="empty"):
        wenmai.Corpus.from_texts([]).save_idf(tmp_path / "e.txt")
