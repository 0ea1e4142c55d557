"""Writing results: rich tables for people, CSV and JSON for programs.

Tables are drawn by ``rich``, which measures East Asian wide characters, so columns of
Chinese text line up in a terminal. CSV files are written as UTF-8 with a byte-order mark
(``utf-8-sig``) so that Excel opens them correctly, unless ``--no-bom`` is given; CSV sent to
standard output never gets a byte-order mark (it is a stream for other programs).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def make_console(file: IO[str] | None = None) -> Console:
    """A console on standard output; wide enough for CJK tables when output is piped."""
    stream = file if file is not None else sys.stdout
    width = None
    if not stream.isatty() and "COLUMNS" not in os.environ:
        width = 120
    return Console(file=stream, width=width, highlight=False, soft_wrap=False)


def error_console() -> Console:
    """A console on standard error for warnings and failures."""
    return Console(file=sys.stderr, highlight=False, soft_wrap=True)


def plain(value: Any) -> Any:
    """A JSON- and CSV-friendly version of a value (dates as ISO text, NaN as None)."""
    if value is None:
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if hasattr(value, "isoformat") and callable(value.isoformat):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def cell(value: Any, digits: int = 4) -> str:
    """How a value is shown in a table."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Iterable[str] = (),
) -> Table:
    """A rich table with right-aligned numeric columns."""
    right = set(numeric)
    t = Table(title=title, title_justify="left", header_style="bold")
    for name in columns:
        t.add_column(name, justify="right" if name in right else "left", overflow="fold")
    for row in rows:
        t.add_row(*(Text(cell(v)) for v in row))
    return t


def write_csv(
    rows: Iterable[Sequence[Any]],
    columns: Sequence[str],
    target: Path | IO[str],
    *,
    bom: bool = True,
) -> None:
    """Writes rows as CSV to a file path (with BOM unless ``bom=False``) or an open stream."""
    if isinstance(target, Path):
        encoding = "utf-8-sig" if bom else "utf-8"
        with target.open("w", encoding=encoding, newline="") as f:
            _write_rows(f, columns, rows)
    else:
        _write_rows(target, columns, rows)


def _write_rows(f: IO[str], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if (v := plain(x)) is None else v for x in row])


def write_json(value: Any, target: Path | IO[str]) -> None:
    """Writes a value as JSON (UTF-8, Chinese kept as is)."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=plain)
    if isinstance(target, Path):
        target.write_text(text + "\n", encoding="utf-8")
    else:
        target.write(text + "\n")


def frame_rows(frame: Any, columns: Sequence[str]) -> list[list[Any]]:
    """The rows of a pandas DataFrame as lists, in the given column order."""
    return [list(r) for r in frame[list(columns)].itertuples(index=False, name=None)]
