"""The pandas habits users bring (issue 22): ``corpus.docvars`` is one frame whose edits
persist, grouped tables keep the docvar's dtype and name the missing group, ``Document``
compares by value."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import wenmai

DATA = Path(__file__).parent / "data"


def test_docvars_edits_persist_and_reach_the_analyses() -> None:
    c = wenmai.Corpus.from_texts(["发展经济。改革。", "改革开放。", "发展。"])
    c.docvars["party"] = ["a", "b", "b"]
    c.docvars.loc[0, "party"] = "z"
    assert c.docvars["party"].tolist() == ["z", "b", "b"]
    freq = c.frequency(by="party")
    assert set(freq["party"]) == {"z", "b"}
    assert freq[freq["party"] == "b"].set_index("term")["count"].to_dict() == {
        "改革开放": 1, "发展": 1}
    c.set_docvar("n", [1, 2, 3])
    assert c.docvars["party"].tolist() == ["z", "b", "b"] and c.docvars["n"].tolist() == [1, 2, 3]
    back = pickle.loads(pickle.dumps(c))
    assert back.docvars["party"].tolist() == ["z", "b", "b"]
    # a query on the edited column sees the edit
    key = c.keyness('party == "b"').set_index("term")
    assert key.loc["改革开放", "n_target"] == 1 and key.loc["改革", "n_reference"] == 1


def test_grouped_frequency_keeps_the_dtype_and_names_the_missing_group() -> None:
    reports = wenmai.Corpus.from_dir(DATA / "gov_reports")
    assert reports.docvars["year"].dtype == "Int64"
    freq = reports.frequency(by="year")
    assert freq["year"].dtype == "Int64"
    assert set(freq["year"]) == set(reports.docvars["year"])
    c = wenmai.Corpus.from_texts(["发展经济。", "改革开放。", "发展。"])
    c.set_docvar("year", [2000, 2001, None])  # whole numbers with a gap stay Int64
    assert c.docvars["year"].dtype == "Int64"
    freq = c.frequency(by="year")
    assert str(freq["year"].dtype) == "Int64"
    assert freq["year"].isna().sum() == 1  # the third document's group: <NA>, not dropped
    assert freq.loc[freq["year"].isna(), "term"].tolist() == ["发展"]
    assert "2000" in freq.to_string() and "2000.0" not in freq.to_string()


def test_documents_compare_by_value() -> None:
    text = (DATA / "gov_reports").glob("*.txt").__next__().read_text(encoding="utf-8")
    a, b = wenmai.parse(text), wenmai.parse(text)
    assert a == b and a is not b and hash(a) == hash(b)
    assert a != wenmai.parse(text + "补充。") and a != text
    assert pickle.loads(pickle.dumps(a)) == a
    assert len({a, b}) == 1
    assert pd.Series([a, b]).nunique() == 1
