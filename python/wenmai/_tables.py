"""Corpora from tables (pandas / polars DataFrames, CSV, JSON Lines, Parquet) and document
variables from file paths (``docvars_from="{year}/{province}.txt"``, as R's readtext)."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenmai._errors import FileError
from wenmai._params import check_choice
from wenmai._wenmai import DecodeError, WenmaiError, decode

if TYPE_CHECKING:
    import pandas as pd

# pandas is imported where a table is read: the CLI asks this module which files are tables
# before it reads any, and a one-document report needs no pandas.


class TableError(WenmaiError, ValueError):
    """A table that cannot become a corpus: its text (or id) column is missing, a text cell
    is not a string, ids repeat, or the file is not the table its extension says."""


# The extensions read as tables by the CLI, and how.
TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".parquet": "parquet", ".pq": "parquet"}

_SHOWN = 5


def _listed(items: Sequence[Any]) -> str:
    """At most five items, then how many more (messages stay one line on big tables)."""
    shown = ", ".join(repr(x) for x in items[:_SHOWN])
    more = len(items) - _SHOWN
    return f"{shown} (and {more} more)" if more > 0 else shown


def to_pandas(df: Any) -> pd.DataFrame:
    """A pandas DataFrame of ``df``: a pandas one as it is, a polars one (or a pyarrow
    Table, anything with ``to_pandas``) converted; polars itself is never imported here."""
    import pandas as pd

    if isinstance(df, pd.DataFrame):
        return df
    module = type(df).__module__.split(".")[0]
    if module == "polars":
        try:
            return df.to_pandas()
        except ModuleNotFoundError:
            # polars converts through pyarrow; without it, column by column (numpy dtypes).
            return pd.DataFrame({name: df.get_column(name).to_list() for name in df.columns})
    if hasattr(df, "to_pandas"):
        return df.to_pandas()
    raise TypeError(f"expected a pandas or polars DataFrame, got {type(df).__name__}")


def _not_text(value: Any) -> str:
    import pandas as pd

    if value is None or value is pd.NA:
        return "missing (None)"
    if isinstance(value, float) and value != value:
        return "missing (NaN)"
    return f"a {type(value).__name__} ({value!r}), not a str"


def from_dataframe(cls: Any, df: Any, text: str, id: str | None, errors: str,
                   source: str | None, progress: bool) -> Any:
    """``Corpus.from_dataframe``; ``source`` names the file the table came from."""
    texts, ids, docvars, skipped = table_rows(df, text, id, errors, source)
    corpus = cls.from_texts(texts, ids=ids, docvars=docvars if len(docvars.columns) else None,
                            progress=progress)
    corpus.errors = skipped
    return corpus


def table_rows(df: Any, text: str, id: str | None, errors: str, source: str | None
               ) -> tuple[list[str], list[str] | None, pd.DataFrame, list[FileError]]:
    """The texts, ids (None: from_texts' own), docvars and skipped rows of a table."""
    import pandas as pd

    check_choice("errors", errors, ("raise", "skip"))
    df = to_pandas(df)
    where = source if source is not None else "the DataFrame"
    columns = list(df.columns)
    if df.columns.has_duplicates:
        dup = df.columns[df.columns.duplicated()].unique().tolist()
        raise TableError(f"{where}: the columns {_listed(dup)} appear more than once")
    if text not in columns:
        raise TableError(f"{where}: no text column {text!r}; the columns are {columns} "
                         "(name the text column with text=, on the command line with "
                         "--text-column)")
    if id is None and "doc_id" in columns and text != "doc_id":
        id = "doc_id"  # as quanteda's corpus() of a data frame, and what corpus.docvars writes
    if id is not None and id not in columns:
        raise TableError(f"{where}: no id column {id!r}; the columns are {columns}")
    if id == text:
        raise TableError(f"{where}: the id column and the text column are both {text!r}")
    if id is not None and id != "doc_id" and "doc_id" in columns:
        raise TableError(f"{where}: a doc_id column besides the id column {id!r}: the ids "
                         "would not be corpus.docvars' doc_id; rename or drop one")

    values = df[text].to_numpy(dtype=object)
    ok = [isinstance(v, str) for v in values]
    skipped: list[FileError] = []
    if not all(ok):
        labels = df.index.to_numpy(dtype=object)
        bad = [(labels[i], values[i]) for i, good in enumerate(ok) if not good]
        if errors == "raise":
            rows = ", ".join(f"row {label!r}: {_not_text(v)}" for label, v in bad[:_SHOWN])
            more = f" (and {len(bad) - _SHOWN} more)" if len(bad) > _SHOWN else ""
            raise TableError(f"{where}: {len(bad)} cell(s) of the text column {text!r} are "
                             f"not text: {rows}{more}; fill or drop them, or pass "
                             "errors='skip' to leave those rows out")
        skipped = [FileError(where, "TableError",
                             f"row {label!r}: the text column {text!r} is {_not_text(v)}",
                             row=label) for label, v in bad]
        df = df[ok]
        values = values[ok]

    # Without an id column the ids are the rows' positions in the table, skipped or not.
    ids = None if all(ok) else [str(i) for i, good in enumerate(ok) if good]
    if id is not None:
        id_values = df[id]
        if id_values.isna().any():
            missing = df.index[id_values.isna().to_numpy()].tolist()
            raise TableError(f"{where}: the id column {id!r} is missing in row(s) "
                             f"{_listed(missing)}; every document needs an id")
        ids = [str(v) for v in id_values.to_numpy(dtype=object)]
        if len(set(ids)) != len(ids):
            as_series = pd.Series(ids, dtype=object)
            dup = as_series[as_series.duplicated(keep=False)].unique().tolist()
            raise TableError(f"{where}: the id column {id!r} repeats {_listed(dup)}; doc "
                             "ids must be unique")
    drop = [text] if id is None else [text, id]
    docvars = df.drop(columns=drop).reset_index(drop=True)
    return list(values), ids, docvars, skipped


def _need_pyarrow() -> None:
    if importlib.util.find_spec("pyarrow") is None:
        raise ImportError("reading Parquet needs pyarrow: pip install wenmai[tables] "
                          "(or pip install pyarrow)")


def read_table(path: str | os.PathLike[str], kind: str, read_kwargs: dict[str, Any],
               text: str | None = None, max_bytes: int | None = None) -> pd.DataFrame:
    """The table at ``path`` (``kind``: csv, jsonl, parquet) as pandas reads it, the
    ``text`` column as strings (pandas would make numbers of texts such as ``2019``). Text
    files are decoded as ``wenmai.read`` decodes (UTF-8, UTF-16, GB18030 detected: Excel in
    China writes GBK) unless ``encoding`` is given; every error names the file. A file
    larger than ``max_bytes`` (the CLI's ``--max-bytes``) is refused before it is read."""
    import pandas as pd

    name = os.fspath(path)
    size = os.stat(path).st_size if max_bytes is not None else 0
    if max_bytes is not None and size > max_bytes:
        raise TableError(f"{name}: {size} bytes, more than the limit of {max_bytes} bytes a "
                         "file (raise it with --max-bytes; 0 reads any size)")
    if kind == "parquet":
        _need_pyarrow()
        import pyarrow

        try:
            return pd.read_parquet(path, engine="pyarrow", **read_kwargs)
        except pyarrow.ArrowException as e:
            raise TableError(f"{name}: not a Parquet file pyarrow can read: {e}") from e
    kwargs = dict(read_kwargs)
    dtype = kwargs.get("dtype")
    if text is not None and (dtype is None or isinstance(dtype, dict) and text not in dtype):
        # CSV: str keeps missing cells NaN; JSON: object keeps what the line holds.
        kwargs["dtype"] = {**(dtype or {}), text: str if kind == "csv" else object}
    source: Any = path
    if "encoding" not in kwargs:
        data = Path(path).read_bytes()
        try:
            text_of_file = decode(data)
        except DecodeError as e:
            raise DecodeError(f"{name}: {e}") from e
        # As UTF-8 bytes: pandas parses a StringIO several times slower.
        source = io.BytesIO(text_of_file.encode("utf-8"))
        kwargs["encoding"] = "utf-8"
    try:
        if kind == "csv":
            if "sep" not in kwargs and "delimiter" not in kwargs and name.lower().endswith(".tsv"):
                kwargs["sep"] = "\t"
            return pd.read_csv(source, **kwargs)
        kwargs.setdefault("lines", True)
        return pd.read_json(source, **kwargs)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as e:
        what = "CSV" if kind == "csv" else "JSON Lines"
        raise TableError(f"{name}: not a {what} table pandas can read: {e}") from e


# --- docvars from paths --------------------------------------------------------------------
_FIELD = re.compile(r"\{([^{}]*)\}|\*\*|\*")


class _PathPattern:
    """A pattern such as ``{year}/{province}.txt``: ``{name}`` (or ``{name:int}``,
    ``{name:str}``) a field, which never holds ``/``; ``*`` anything within one part of the
    path, ``**`` anything; the rest literal."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.fields: list[str] = []
        self.types: dict[str, str | None] = {}
        regex = []
        end = 0
        for m in _FIELD.finditer(pattern):
            regex.append(re.escape(pattern[end:m.start()]))
            end = m.end()
            if m.group(0) == "**":
                regex.append(".*")
                continue
            if m.group(0) == "*":
                regex.append("[^/]*")
                continue
            name, _, typ = m.group(1).partition(":")
            if not name.isidentifier():
                raise ValueError(f"docvars_from={pattern!r}: {{{m.group(1)}}} is not a field "
                                 "(a name, optionally :int or :str, as {year} or {code:str})")
            if typ not in ("", "int", "str"):
                raise ValueError(f"docvars_from={pattern!r}: field type {typ!r} is not "
                                 "'int' or 'str'")
            if name == "doc_id":
                raise ValueError(f"docvars_from={pattern!r}: doc_id is the document id, "
                                 "not a field; call the field otherwise")
            if name in self.types:
                raise ValueError(f"docvars_from={pattern!r}: field {name!r} appears twice")
            self.fields.append(name)
            kind = typ or ("int" if name == "year" else None)
            self.types[name] = kind
            regex.append(f"(?P<{name}>[0-9]+)" if kind == "int" else f"(?P<{name}>[^/]+?)")
        regex.append(re.escape(pattern[end:]))
        if not self.fields:
            raise ValueError(f"docvars_from={pattern!r} has no field such as {{year}}")
        # Matched against the end of the path, at a part boundary: "{province}.txt" reads
        # the file name alone, "{year}/{province}.txt" the folder above too.
        self.regex = re.compile(r"(?:^|/)" + "".join(regex) + r"\Z")

    def match(self, path: str) -> dict[str, str] | None:
        path = path.replace(os.sep, "/") if os.sep != "/" else path
        # First without the extension ("{year}/{name}" names the file as its doc id does),
        # then as it is ("{year}/{name}.txt").
        stem, dot, ext = path.rpartition(".")
        m = self.regex.search(stem) if dot and "/" not in ext and stem else None
        if m is None:
            m = self.regex.search(path)
        return m.groupdict() if m is not None else None

    def column(self, name: str, values: list[str | None]) -> pd.Series:
        """One field's values typed: ``int`` (and ``year``) as Int64, ``str`` as text, and
        untyped fields Int64 when every value is digits without a leading zero (codes such
        as ``007`` stay text), else text."""
        import pandas as pd

        kind = self.types[name]
        present = [v for v in values if v is not None]
        if kind is None and present and all(v.isascii() and v.isdigit()
                                            and (v == "0" or v[0] != "0") for v in present):
            kind = "int"
        if kind == "int":
            return pd.Series([int(v) if v is not None else None for v in values],
                             dtype="Int64")
        return pd.Series(values, dtype=object).infer_objects()


def path_docvars(pattern: str, paths: list[str], shown: list[str]) -> pd.DataFrame:
    """The fields of ``pattern`` matched against each of ``paths`` (``shown`` names them in
    the warning), one column per field; paths that do not match get NA, with one warning."""
    import pandas as pd

    compiled = _PathPattern(pattern)
    rows = [compiled.match(p) for p in paths]
    missed = [s for s, r in zip(shown, rows, strict=True) if r is None]
    if missed:
        warnings.warn(f"{len(missed)} of {len(paths)} files do not match "
                      f"docvars_from={pattern!r} (their {', '.join(compiled.fields)} are NA): "
                      f"{_listed(missed)}", UserWarning, stacklevel=4)
    return pd.DataFrame({name: compiled.column(name, [r[name] if r else None for r in rows])
                         for name in compiled.fields})
