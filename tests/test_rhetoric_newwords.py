"""``Corpus.new_words`` side by side with HarvestText's ``word_discover`` (PyPI), the peer
whose measures it computes, on the same text with the same parameters: the same words and
every value equal (counts exactly, entropies and aggregations to rounding).

The intentional differences, pinned below:

- HarvestText drops Baidu's stop words by default (``excluding_words='baidu_stopwords'``);
  ``new_words`` keeps them (a stop word is not a new word, but whether to drop it is the
  caller's choice, and ``in_dictionary`` already marks every known word).
- HarvestText keeps values strictly above its thresholds and takes a share of the chars for
  frequency; ``new_words`` keeps values at or above them and takes a count (``min_count``),
  so a word seen exactly ``min_count`` times is kept.

HarvestText is slow (it sorts every substring in Python), so it runs on the sample article
here; the comparison on the provincial reports is in ``benchmarks/compare.py``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import wenmai

harvesttext = pytest.importorskip("harvesttext")
# HarvestText sorts in place, which pandas deprecates: its warning, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword")


@pytest.fixture(scope="module")
def text(seed_article: Path) -> str:
    return seed_article.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(text: str) -> wenmai.Corpus:
    return wenmai.Corpus.from_texts([text])


@pytest.fixture(scope="module")
def ht() -> object:
    return harvesttext.HarvestText()


def _peer(ht: object, text: str, chars: int, max_len: int, min_count: int, min_entropy: float,
          min_aggregation: float, **kw: object) -> pd.DataFrame:
    # min_freq just below min_count / chars: HarvestText's "freq > min_freq" is "count >=
    # min_count".
    return ht.word_discover(text, auto_param=False, max_word_len=max_len,  # type: ignore[attr-defined]
                            min_freq=(min_count - 0.5) / chars, min_entropy=min_entropy,
                            min_aggregation=min_aggregation, **kw)


@pytest.mark.parametrize(("max_len", "min_count", "min_entropy", "min_aggregation"),
                         [(4, 3, 0.5, 2.0), (6, 2, 0.3, 1.5), (2, 5, 1.0, 5.0)])
def test_every_value_equals_harvesttext(ht: object, text: str, corpus: wenmai.Corpus,
                                        max_len: int, min_count: int, min_entropy: float,
                                        min_aggregation: float) -> None:
    ours = corpus.new_words(max_len, min_count, min_entropy, min_aggregation)
    chars = ours.attrs["chars"]
    theirs = _peer(ht, text, chars, max_len, min_count, min_entropy, min_aggregation,
                   excluding_words=[])
    assert len(ours) > 10
    assert sorted(ours["word"]) == sorted(theirs.index)
    theirs = theirs.loc[list(ours["word"])]
    assert list(ours["count"]) == [round(f * chars) for f in theirs["freq"]]
    assert ours["left_entropy"].tolist() == pytest.approx(theirs["left_ent"].tolist(), abs=1e-12)
    assert ours["right_entropy"].tolist() == pytest.approx(theirs["right_ent"].tolist(),
                                                           abs=1e-12)
    assert ours["aggregation"].tolist() == pytest.approx(theirs["agg"].tolist(), rel=1e-12)
    # Sorted by count, then word; in_dictionary as jieba's dictionary says.
    assert list(ours["count"]) == sorted(ours["count"], reverse=True)
    seg = wenmai.Segmenter()
    assert list(ours["in_dictionary"]) == [(seg.freq(w) or 0) > 0 for w in ours["word"]]


def test_pinned_differences(ht: object, text: str, corpus: wenmai.Corpus) -> None:
    ours = corpus.new_words(4, 3, 0.5, 2.0)
    chars = ours.attrs["chars"]
    # Stop words: HarvestText's default drops them, ours keeps them.
    default = _peer(ht, text, chars, 4, 3, 0.5, 2.0)
    from harvesttext.resources import get_baidu_stopwords

    stop = get_baidu_stopwords()
    kept = set(ours["word"]) - set(default.index)
    assert kept and kept <= stop
    assert set(default.index) == set(ours["word"]) - stop
    # Thresholds: a word seen exactly min_count times is ours, not HarvestText's.
    exact = _peer(ht, text, chars, 4, 3, 0.5, 2.0, excluding_words=[]).index
    strict = ht.word_discover(text, auto_param=False, max_word_len=4,  # type: ignore[attr-defined]
                              min_freq=3 / chars, min_entropy=0.5, min_aggregation=2.0,
                              excluding_words=[])
    at_three = set(ours.loc[ours["count"] == 3, "word"])
    assert at_three and at_three <= set(exact) and not at_three & set(strict.index)


def test_user_dict_round_trip(corpus: wenmai.Corpus, text: str, tmp_path: Path) -> None:
    words = corpus.new_words(6, 2, 0.3, 1.5)
    new = words[~words["in_dictionary"]]
    assert len(new) > 0
    path = tmp_path / "user.dict"
    assert words.to_user_dict(path, tag="nz") == len(new)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"{new['word'].iloc[0]} {new['count'].iloc[0]} nz"
    seg = wenmai.Segmenter(user_dict=str(path))
    assert all(seg.freq(w) == c for w, c in zip(new["word"], new["count"], strict=True))
    before, after = set(wenmai.Segmenter().cut(text)), set(seg.cut(text))
    assert set(new["word"]) & (after - before)
    with pytest.raises(ValueError):
        words.to_user_dict(path, tag="n z")


def test_bad_arguments(corpus: wenmai.Corpus) -> None:
    for bad in ({"max_len": 1}, {"min_count": 0}, {"min_entropy": float("nan")},
                {"min_aggregation": "x"}, {"max_len": 2.5}):
        with pytest.raises(ValueError):
            corpus.new_words(**bad)  # type: ignore[arg-type]
    assert wenmai.Corpus.from_texts([""]).new_words().empty
