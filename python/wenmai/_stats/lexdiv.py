"""``Corpus.lexdiv``: lexical diversity of every unit, quanteda's ``textstat_lexdiv``."""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from wenmai._params import check_int
from wenmai._wenmai import corpus_lexdiv

MEASURES = ("TTR", "C", "R", "CTTR", "U", "S", "K", "I", "D", "Vm", "Maas", "MATTR", "MSTTR")
DEFAULT = ("TTR", "CTTR", "MATTR", "MSTTR", "Maas", "K")


def lexdiv(corpus: Any, measures: str | Sequence[str] = DEFAULT, unit: str = "document",
           analyzer: Any = None, window: int = 100, segment: int = 100,
           log_base: float = 10) -> pd.DataFrame:
    """See ``Corpus.lexdiv``."""
    asked = [measures] if isinstance(measures, str) else list(measures)
    if "all" in asked:
        asked = list(MEASURES)
    unknown = [m for m in asked if m not in MEASURES]
    if unknown or not asked:
        raise ValueError(f"unknown lexdiv measure {unknown[0] if unknown else None!r}: choose "
                         f"from {', '.join(MEASURES)} or 'all'")
    window, segment = check_int("window", window, 1), check_int("segment", segment, 1)
    if isinstance(log_base, bool) or not isinstance(log_base, numbers.Real) or not (
            log_base > 0 and log_base != 1):
        raise ValueError(f"log_base must be a positive number other than 1, not {log_base!r}")
    columns: list[str] = []
    for m in asked:
        for c in (m, "lgV0", "lgeV0") if m == "Maas" else (m,):
            if c not in columns:
                columns.append(c)
    values, used_window, used_segment, documents, sections, indexes = corpus_lexdiv(
        corpus._core, columns, analyzer, unit, window, segment, float(log_base))
    # quanteda shortens the window (segment) to the shortest unit, and warns.
    if "MATTR" in columns and used_window < window:
        warnings.warn(f"window ({window}) exceeds some units' token counts, reset to "
                      f"{used_window}", stacklevel=3)
    if "MSTTR" in columns and used_segment < segment:
        warnings.warn(f"segment ({segment}) exceeds some units' token counts, reset to "
                      f"{used_segment}", stacklevel=3)
    ids = np.asarray(corpus.ids, dtype=object)
    df = pd.DataFrame({"doc_id": ids[np.asarray(documents, dtype=np.int64)]})
    if unit != "document":
        df["section"] = pd.array(sections, dtype="Int64")
        df["index"] = pd.array(indexes, dtype="Int64")
    for name, v in zip(columns, values, strict=True):
        df[name] = v
    return df
