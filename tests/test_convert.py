"""Traditional Chinese: ``wenmai.convert``, ``parse``/``read``/``Corpus.from_dir(convert=)``
and ``Analyzer(convert=)``, checked against OpenCC itself (PyPI ``opencc``) line by line.

wenmai converts through ``ferrous-opencc`` (OpenCC's tables in Rust) and keeps one char for
one, so that spans and token offsets hold in the original text; where OpenCC would change a
phrase's length the run is converted char by char (none of the SIGHAN lines needs it).

The tables differ from PyPI ``opencc`` 1.4.2's in a handful of variant characters that its
newer tables map and ``ferrous-opencc`` 0.4's do not (``沈重`` -> ``沉重``, ``拚命`` -> ``拼命``,
``逕`` -> ``径``, ``舖`` -> ``铺``; in ``tw2s``/``hk2s`` ``抬`` stays ``抬`` where ours gives
``擡``): 22 of AS's 14,429 lines under ``t2s``. The test pins exactly those and nothing else.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import opencc
import pytest
import wenmai
from conftest import corpus_root

TRAD = ("中華人民共和國國務院關於進一步發展經濟的決定。"
        "臺灣的軟體產業發展迅速，資訊科技與製造業並進！")


# (ours, OpenCC 1.4.2's): variants its newer tables convert and ferrous-opencc's do not
TABLE_DIFFERENCES = {("沈", "沉"), ("拚", "拼"), ("迳", "径"), ("舖", "铺"), ("擡", "抬")}


def _sighan(name: str) -> list[str]:
    path = corpus_root() / "sighan2005" / name
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("name", "conversion"), [
    ("as_test.utf8", "t2s"), ("as_test.utf8", "tw2s"), ("cityu_test.utf8", "t2s"),
    ("cityu_test.utf8", "hk2s"),
])
def test_convert_equals_opencc_on_every_sighan_line(name: str, conversion: str) -> None:
    lines = _sighan(name)
    ref = opencc.OpenCC(conversion)
    differ = 0
    for line in lines:
        ours, theirs = wenmai.convert(line, conversion), ref.convert(line)
        assert len(ours) == len(line)
        if ours == theirs:
            continue
        differ += 1
        assert len(theirs) == len(ours), (line, ours, theirs)
        pairs = {(a, b) for a, b in zip(ours, theirs, strict=True) if a != b}
        assert pairs <= TABLE_DIFFERENCES, (line, ours, theirs)
    assert len(lines) > 1000
    assert differ <= len(lines) * 0.01, f"{differ} of {len(lines)} lines differ"


def test_convert_keeps_one_char_for_one_and_round_trips_names() -> None:
    s = wenmai.convert(TRAD, "t2s")
    assert s == opencc.OpenCC("t2s").convert(TRAD)
    assert len(s) == len(TRAD)
    assert wenmai.convert("国务院关于发展经济的决定", "s2t") == "國務院關於發展經濟的決定"
    assert wenmai.convert("abc 123", "T2S.json") == "abc 123"
    with pytest.raises(ValueError, match="t2s, tw2s"):
        wenmai.convert(TRAD, "zh-hans")


def test_parse_through_conversion_points_into_the_original(tmp_path: Path) -> None:
    law = Path(__file__).parent / "data" / "laws" / "民法商法" / "电子商务法(2018-08-31).txt"
    simplified = wenmai.read(law)
    trad_text = wenmai.convert(simplified.text, "s2t")
    plain = wenmai.parse(trad_text)
    doc = wenmai.parse(trad_text, convert="t2s")
    assert doc.text == trad_text
    # the outline of the Simplified text, found on the Traditional one
    assert [s.marker for s in doc.sections] == [s.marker for s in simplified.sections]
    assert len(doc.sections) > len(plain.sections)
    assert doc.meta.title == simplified.meta.title
    for sent, ref in zip(doc.sentences, simplified.sentences, strict=True):
        assert (sent.start, sent.end) == (ref.start, ref.end)
        assert sent.text == doc.text[sent.start:sent.end] == wenmai.convert(ref.text, "s2t")
    path = tmp_path / "law.txt"
    path.write_text(trad_text, encoding="utf-8")
    read = wenmai.read(path, convert="t2s")
    assert read.text == trad_text and len(read.sections) == len(doc.sections)
    corpus = wenmai.Corpus.from_dir(tmp_path, convert="t2s")
    assert len(corpus[0].sections) == len(doc.sections)


def test_analyzer_convert_cuts_as_jieba_on_the_converted_text() -> None:
    lines = _sighan("as_test.utf8")[:3000]
    an = wenmai.Analyzer(convert="t2s", stopwords=None)
    plain = wenmai.Analyzer(stopwords=None)
    converted = [wenmai.convert(x, "t2s") for x in lines]
    assert an.analyze_many(lines) == plain.analyze_many(converted)
    # width folding and conversion together: full-width digits in Traditional text
    assert an.analyze("２０２４年經濟增長５．２％") == plain.analyze("2024年经济增长5.2%")
    corpus = wenmai.Corpus.from_texts([TRAD])
    m = corpus.dtm(analyzer=wenmai.Analyzer(convert="t2s"))
    assert "台湾" in m.terms and "软体" in m.terms and "臺灣" not in m.terms
    back = pickle.loads(pickle.dumps(an))
    assert back.analyze(TRAD) == an.analyze(TRAD)
    assert "convert='t2s'" in repr(an)
    with pytest.raises(ValueError, match="convert must be"):
        wenmai.Analyzer(convert="traditional")
