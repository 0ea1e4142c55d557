"""Corpora from tables (DataFrame, CSV, JSON Lines, Parquet, polars) and document variables
from file paths (``docvars_from``)."""

from __future__ import annotations

import importlib.util
import io
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
import wenmai
from wenmai import Corpus, TableError

REPORT = ("2019年政府工作报告\n\n一、过去一年的工作\n\n"
          "经济运行保持在合理区间。改革开放取得新突破。\n")
NOTICE = ("关于做好防汛工作的通知\n\n各区人民政府：\n\n一、提高认识\n\n"
          "防汛工作事关人民群众生命财产安全。\n")
SPEECH = "在全市经济工作会议上的讲话\n\n同志们：\n\n今年经济发展稳中有进。\n"


def _table() -> pd.DataFrame:
    return pd.DataFrame({
        "key": ["r2019", "n1", "s1"],
        "text": [REPORT, NOTICE, SPEECH],
        "year": pd.array([2019, 2020, None], dtype="Int64"),
        "province": ["上海市", "北京市", "上海市"],
        "score": [0.5, 1.5, 2.0],
        "title": ["报告", "通知", "讲话"],
    })


def _same_documents(corpus: Corpus, texts: list[str]) -> None:
    parsed = Corpus.from_texts(texts)
    assert [d.text for d in corpus] == [d.text for d in parsed]
    assert [d.outline() for d in corpus] == [d.outline() for d in parsed]


def test_from_dataframe_texts_ids_and_typed_docvars() -> None:
    df = _table()
    c = Corpus.from_dataframe(df, text="text", id="key")
    assert c.ids == ["r2019", "n1", "s1"] and c.errors == []
    _same_documents(c, list(df["text"]))
    dv = c.docvars
    assert list(dv["doc_id"]) == ["r2019", "n1", "s1"]
    # Every other column is a docvar with its dtype; text and id columns are not.
    assert "text" not in dv.columns and "key" not in dv.columns
    assert str(dv["year"].dtype) == "Int64" and dv["year"].tolist()[:2] == [2019, 2020]
    assert dv["year"].isna().tolist() == [False, False, True]
    assert dv["score"].dtype == "float64" and dv["score"].tolist() == [0.5, 1.5, 2.0]
    # The table's column wins over the parsed metadata of the same name.
    assert c[0].meta.title == "2019年政府工作报告"
    assert dv["title"].tolist() == ["报告", "通知", "讲话"]
    # ... and the grouping statistics see it.
    by = c.frequency(by="province")
    assert set(by["province"]) == {"上海市", "北京市"}
    counts = by.groupby("province")["count"].sum()
    whole = c.frequency()["count"].sum()
    assert counts.sum() == whole


def test_from_dataframe_default_ids_and_doc_id_column() -> None:
    df = _table().drop(columns=["key"])
    c = Corpus.from_dataframe(df)
    assert c.ids == ["0", "1", "2"]
    # A doc_id column (what corpus.docvars writes, and quanteda's default) gives the ids.
    df["doc_id"] = ["a", "b", "c"]
    c = Corpus.from_dataframe(df)
    assert c.ids == ["a", "b", "c"] and list(c.docvars["doc_id"]) == ["a", "b", "c"]
    # A non-default index does not matter: rows are taken in order.
    c = Corpus.from_dataframe(df.set_index(pd.Index([10, 20, 30])), id="doc_id")
    assert c.ids == ["a", "b", "c"] and c.docvars["province"].tolist()[0] == "上海市"


def test_dtypes_survive_in_docvars() -> None:
    df = pd.DataFrame({
        "text": [REPORT, NOTICE],
        "kind": pd.Categorical(["报告", "通知"]),
        "flag": [True, False],
        "when": pd.to_datetime(["2019-03-05", "2020-07-01"]),
        "n": pd.array([1, None], dtype="Int64"),
    })
    dv = Corpus.from_dataframe(df).docvars
    assert isinstance(dv["kind"].dtype, pd.CategoricalDtype)
    assert dv["flag"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(dv["when"])
    assert str(dv["n"].dtype) == "Int64"
    # set_docvar keeps dtypes too
    c = Corpus.from_texts([REPORT, NOTICE])
    c.set_docvar("n", pd.array([3, None], dtype="Int64"))
    assert str(c.docvars["n"].dtype) == "Int64"


def test_missing_text_column_names_the_column_and_the_columns() -> None:
    with pytest.raises(TableError, match=r"no text column 'body'.*'key', 'text'"):
        Corpus.from_dataframe(_table(), text="body")
    with pytest.raises(ValueError, match="no id column 'nope'"):
        Corpus.from_dataframe(_table(), id="nope")
    assert issubclass(TableError, wenmai.WenmaiError) and issubclass(TableError, ValueError)
    with pytest.raises(TableError, match="doc_id column besides the id column 'key'"):
        Corpus.from_dataframe(_table().assign(doc_id=["x", "y", "z"]), id="key")
    twice = pd.concat([_table(), _table()[["province"]]], axis=1)
    with pytest.raises(TableError, match="the columns 'province' appear more than once"):
        Corpus.from_dataframe(twice)


def test_duplicate_ids_are_named() -> None:
    df = _table()
    df["key"] = ["a", "b", "a"]
    with pytest.raises(TableError, match=r"the id column 'key' repeats 'a'; doc ids must be"):
        Corpus.from_dataframe(df, id="key")
    df["key"] = ["a", None, "c"]
    with pytest.raises(TableError, match=r"id column 'key' is missing in row\(s\) 1"):
        Corpus.from_dataframe(df, id="key")


def test_missing_text_raises_naming_the_row_or_is_skipped() -> None:
    df = _table()
    df.loc[1, "text"] = None
    df.loc[2, "text"] = float("nan")
    with pytest.raises(TableError, match=r"row 1: missing.*row 2: missing.*errors='skip'"):
        Corpus.from_dataframe(df, id="key")
    c = Corpus.from_dataframe(df, id="key", errors="skip")
    assert c.ids == ["r2019"]
    assert c.docvars["province"].tolist() == ["上海市"]
    assert [(e.path, e.kind, e.row) for e in c.errors] == [
        ("the DataFrame", "TableError", 1), ("the DataFrame", "TableError", 2)]
    assert "row 1" in c.errors[0].message and "'text'" in c.errors[0].message
    # A number is not a text either; an empty string is an empty document.
    df = pd.DataFrame({"text": [REPORT, 12, ""]})
    with pytest.raises(TableError, match=r"row 1: a int \(12\), not a str"):
        Corpus.from_dataframe(df)
    c = Corpus.from_dataframe(df, errors="skip")
    assert c.ids == ["0", "2"] and c[1].text == ""
    with pytest.raises(ValueError, match="errors must be"):
        Corpus.from_dataframe(df, errors="ignore")


def test_csv_jsonl_round_trip(tmp_path: Path) -> None:
    df = _table()
    csv = tmp_path / "docs.csv"
    df.to_csv(csv, index=False)
    jsonl = tmp_path / "docs.jsonl"
    df.to_json(jsonl, orient="records", lines=True, force_ascii=False)
    for c in (Corpus.from_csv(csv, id="key"), Corpus.from_jsonl(jsonl, id="key")):
        assert c.ids == ["r2019", "n1", "s1"]
        _same_documents(c, list(df["text"]))
        dv = c.docvars
        assert dv["province"].tolist() == ["上海市", "北京市", "上海市"]
        assert dv["score"].tolist() == [0.5, 1.5, 2.0]
        assert dv["year"].tolist()[:2] == [2019, 2020] and pd.isna(dv["year"].iloc[2])
    # read_kwargs go to pandas
    c = Corpus.from_csv(csv, id="key", usecols=["key", "text", "province"])
    assert "score" not in c.docvars.columns
    # Texts that look like numbers stay texts (pandas alone would read 2019 as an int).
    numbers = pd.DataFrame({"text": ["2019", "2020"], "n": [1, 2]})
    numbers.to_csv(csv, index=False)
    numbers.to_json(jsonl, orient="records", lines=True)
    for c in (Corpus.from_csv(csv), Corpus.from_jsonl(jsonl)):
        assert [d.text for d in c] == ["2019", "2020"] and c.docvars["n"].tolist() == [1, 2]


def test_csv_in_gbk_and_tsv(tmp_path: Path) -> None:
    # Excel in China saves CSV as GBK: decoded as wenmai.read decodes.
    df = _table()[["key", "text", "province"]]
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(df.to_csv(index=False).encode("gb18030"))
    c = Corpus.from_csv(gbk, id="key")
    assert c.docvars["province"].tolist()[1] == "北京市"
    _same_documents(c, list(df["text"]))
    tsv = tmp_path / "docs.tsv"
    df.to_csv(tsv, sep="\t", index=False)
    assert Corpus.from_csv(tsv, id="key").ids == ["r2019", "n1", "s1"]


def test_table_file_errors_name_the_file(tmp_path: Path) -> None:
    csv = tmp_path / "no_text.csv"
    csv.write_text("title,year\n报告,2019\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"no_text\.csv: no text column 'text'; the columns "
                                         r"are \['title', 'year'\]"):
        Corpus.from_csv(csv)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "一"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(TableError, match=r"bad\.jsonl: not a JSON Lines table"):
        Corpus.from_jsonl(bad)
    nan = tmp_path / "nan.csv"
    nan.write_text("id,text\na,第一篇。\nb,\nc,第三篇。\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"nan\.csv: 1 cell.*row 1: missing \(NaN\)"):
        Corpus.from_csv(nan, id="id")
    c = Corpus.from_csv(nan, id="id", errors="skip")
    assert c.ids == ["a", "c"]
    assert [(Path(e.path).name, e.row) for e in c.errors] == [("nan.csv", 1)]
    with pytest.raises(FileNotFoundError):
        Corpus.from_csv(tmp_path / "absent.csv")


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="needs pyarrow")
def test_parquet_round_trip(tmp_path: Path) -> None:
    df = _table()
    df["when"] = pd.to_datetime(["2019-03-05", "2020-07-01", "2021-01-01"])
    path = tmp_path / "docs.parquet"
    df.to_parquet(path, index=False)
    c = Corpus.from_parquet(path, id="key")
    assert c.ids == ["r2019", "n1", "s1"]
    _same_documents(c, list(df["text"]))
    dv = c.docvars
    assert str(dv["year"].dtype) == "Int64" and pd.api.types.is_datetime64_any_dtype(dv["when"])
    c = Corpus.from_parquet(path, columns=["text", "province"])
    assert c.ids == ["0", "1", "2"] and "score" not in c.docvars.columns
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet at all")
    with pytest.raises(TableError, match=r"junk\.parquet: not a Parquet file"):
        Corpus.from_parquet(junk)


def test_parquet_without_pyarrow_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pyarrow" else real(name, *a))
    with pytest.raises(ImportError, match=r"pip install wenmai\[tables\]"):
        Corpus.from_parquet(tmp_path / "x.parquet")


@pytest.mark.skipif(importlib.util.find_spec("polars") is None, reason="needs polars")
def test_polars_dataframe() -> None:
    import polars as pl

    df = pl.DataFrame({"key": ["r2019", "n1"], "text": [REPORT, NOTICE],
                       "year": [2019, None], "province": ["上海市", "北京市"]})
    c = Corpus.from_dataframe(df, id="key")
    assert c.ids == ["r2019", "n1"]
    _same_documents(c, [REPORT, NOTICE])
    assert c.docvars["province"].tolist() == ["上海市", "北京市"]
    assert c.docvars["year"].iloc[0] == 2019 and pd.isna(c.docvars["year"].iloc[1])
    with pytest.raises(TableError, match="no text column 'body'"):
        Corpus.from_dataframe(df, text="body")


@pytest.mark.skipif(importlib.util.find_spec("polars") is None, reason="needs polars")
def test_polars_without_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    import polars as pl

    def no_pyarrow(self: object, *args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError("No module named 'pyarrow'")

    monkeypatch.setattr(pl.DataFrame, "to_pandas", no_pyarrow)
    df = pl.DataFrame({"text": [REPORT, NOTICE], "n": [1, 2], "province": ["上海市", "北京市"]})
    c = Corpus.from_dataframe(df)
    _same_documents(c, [REPORT, NOTICE])
    assert c.docvars["n"].tolist() == [1, 2] and c.docvars["province"].tolist()[1] == "北京市"


def _tree(root: Path) -> None:
    for rel, text in {"2019/上海市.txt": REPORT, "2020/北京市.txt": NOTICE,
                      "2020/上海市.txt": SPEECH}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def test_docvars_from_paths(tmp_path: Path) -> None:
    _tree(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = Corpus.from_dir(tmp_path, docvars_from="{year}/{province}.txt")
    dv = c.docvars
    assert dv["doc_id"].tolist() == ["2019/上海市", "2020/上海市", "2020/北京市"]
    assert str(dv["year"].dtype) == "Int64" and dv["year"].tolist() == [2019, 2020, 2020]
    assert dv["province"].tolist() == ["上海市", "上海市", "北京市"]
    by = c.frequency(by="province")
    assert by["province"].unique().tolist() == ["上海市", "北京市"]
    sh = Corpus.from_texts([REPORT, SPEECH]).frequency()
    got = by[by["province"] == "上海市"].drop(columns="province").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, sh)
    assert c.frequency(by="year")["year"].unique().tolist() == [2019, 2020]
    # Without the extension, and the file name alone.
    c = Corpus.from_dir(tmp_path, docvars_from="{year}/{province}")
    assert c.docvars["province"].tolist() == ["上海市", "上海市", "北京市"]
    c = Corpus.from_dir(tmp_path, docvars_from="{province}.txt")
    assert c.docvars["province"].tolist() == ["上海市", "上海市", "北京市"]
    assert str(c.docvars["year"].dtype) == "Int64"  # the parsed year stays where no field


def test_docvars_from_unmatched_paths_warn_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "misc").mkdir()
    (tmp_path / "misc" / "说明.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "top.txt").write_text(NOTICE, encoding="utf-8")
    with pytest.warns(UserWarning, match=r"2 of 5 files do not match docvars_from="
                                         r"'\{year\}/\{province\}\.txt'.*说明\.txt") as rec:
        c = Corpus.from_dir(tmp_path, docvars_from="{year}/{province}.txt")
    assert len(rec) == 1 and rec[0].filename == __file__
    dv = c.docvars.set_index("doc_id")
    assert pd.isna(dv.loc["misc/说明", "year"]) and pd.isna(dv.loc["top", "province"])
    assert dv.loc["2019/上海市", "year"] == 2019


def test_docvars_from_field_types(tmp_path: Path) -> None:
    for rel in ("007_12_甲.txt", "010_3_乙.txt"):
        (tmp_path / rel).write_text(SPEECH, encoding="utf-8")
    c = Corpus.from_dir(tmp_path, docvars_from="{code}_{n}_{name}.txt")
    dv = c.docvars
    assert dv["code"].tolist() == ["007", "010"]  # a leading zero: a code, kept as text
    assert str(dv["n"].dtype) == "Int64" and dv["n"].tolist() == [12, 3]
    c = Corpus.from_dir(tmp_path, docvars_from="{code:int}_{n:str}_*.txt")
    assert c.docvars["code"].tolist() == [7, 10] and c.docvars["n"].tolist() == ["12", "3"]
    for bad, message in (("{year}/{year}.txt", "appears twice"), ("plain.txt", "no field"),
                         ("{doc_id}.txt", "doc_id is the document id"),
                         ("{a-b}.txt", "not a field"), ("{a:float}", "not 'int' or 'str'")):
        with pytest.raises(ValueError, match=message):
            Corpus.from_dir(tmp_path, docvars_from=bad)


def test_docvars_from_files_and_skipped_files(tmp_path: Path) -> None:
    _tree(tmp_path)
    paths = [tmp_path / "2020/北京市.txt", tmp_path / "2031/gone.txt",
             tmp_path / "2019/上海市.txt"]
    c = Corpus.from_files(paths, errors="skip", docvars_from="{year}/{province}.txt")
    # Ids (the stems) may repeat in from_files; the fields follow the files that were read.
    assert c.ids == ["北京市", "上海市"] and len(c.errors) == 1
    assert c.docvars["year"].tolist() == [2020, 2019]
    assert c.docvars["province"].tolist() == ["北京市", "上海市"]
    bad = tmp_path / "2021" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01binary")
    c = Corpus.from_dir(tmp_path, errors="skip", docvars_from="{year}/{province}.txt")
    assert c.docvars["province"].tolist() == ["上海市", "上海市", "北京市"]


def test_cli_reads_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wenmai.cli import main

    df = _table().rename(columns={"key": "doc_id", "text": "body"})
    df.loc[2, "body"] = None
    csv = tmp_path / "docs.csv"
    df.to_csv(csv, index=False)
    assert main(["freq", str(csv), "--text-column", "body", "--by", "province",
                 "--format", "csv", "--no-bom"]) == 1  # 1: a row had no text
    out, err = capsys.readouterr()
    frame = pd.read_csv(io.StringIO(out))
    want = Corpus.from_dataframe(df.iloc[:2], text="body", id="doc_id").frequency(
        by="province")
    assert frame["count"].tolist() == want["count"].tolist()
    assert frame["province"].tolist() == want["province"].tolist()
    assert "docs.csv: row 2: the text column 'body' is missing" in err
    parquet = tmp_path / "docs.parquet"
    if importlib.util.find_spec("pyarrow") is not None:
        df.iloc[:2].to_parquet(parquet, index=False)
        assert main(["parse", str(parquet), "--text-column", "body", "--json"]) == 0
        out, _ = capsys.readouterr()
        assert [json.loads(line)["path"] for line in out.splitlines()] == [
            f"{parquet}:r2019", f"{parquet}:n1"]
    # A table and a text file together: rows named after their table.
    txt = tmp_path / "speech.txt"
    txt.write_text(SPEECH, encoding="utf-8")
    assert main(["keywords", str(csv), str(txt), "--text-column", "body", "--format",
                 "json", "--top", "3"]) == 1
    out, _ = capsys.readouterr()
    assert [k["doc_id"] for k in json.loads(out)] == [f"{csv}:r2019", f"{csv}:n1", str(txt)]
    # Without the column: the file is named with the columns it has.
    assert main(["freq", str(csv), "--format", "csv"]) == 1
    _, err = capsys.readouterr()
    assert "docs.csv: no text column 'text'; the columns are ['doc_id', 'body'" in err


def test_cli_docvars_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wenmai.cli import main

    _tree(tmp_path)
    (tmp_path / "说明.txt").write_text(NOTICE, encoding="utf-8")
    assert main(["freq", str(tmp_path), "--docvars-from", "{year}/{province}.txt",
                 "--by", "province", "--format", "csv", "--no-bom", "--top", "3"]) == 0
    out, err = capsys.readouterr()
    frame = pd.read_csv(io.StringIO(out))
    assert frame["province"].dropna().unique().tolist() == ["上海市", "北京市"]
    assert frame["province"].isna().sum() == 3  # 说明.txt: no province, its own group
    assert "1 of 4 files do not match docvars_from='{year}/{province}.txt'" in err
    with pytest.raises(SystemExit):
        main(["freq", str(tmp_path), "--docvars-from", "{year}/{year}.txt"])
    assert "appears twice" in capsys.readouterr().err
