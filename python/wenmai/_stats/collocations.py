"""``Corpus.collocations``: argument checks, and the DataFrame around
``wenmai._wenmai.corpus_collocations`` (counting and scoring are in Rust)."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

import pandas as pd

from wenmai._params import check_choice, check_int, check_range
from wenmai._wenmai import corpus_collocations

MEASURES = ("pmi", "llr", "chi2", "t", "lambda")
"""The measures ``collocations`` computes, in its default order."""

UNITS = ("document", "section", "paragraph", "sentence")


def check_measures(measures: str | Sequence[str]) -> list[str]:
    """The measures as a list without repeats; a ValueError naming the choices otherwise."""
    given = [measures] if isinstance(measures, str) else list(measures)
    out: list[str] = []
    for m in given:
        if not isinstance(m, str) or m not in MEASURES:
            raise ValueError(
                f"unknown collocation measure {m!r}; choose from {', '.join(MEASURES)}"
            )
        if m not in out:
            out.append(m)
    return out


def collocations(
    core: Any,
    size: int = 2,
    min_count: int = 2,
    measures: str | Sequence[str] = MEASURES,
    analyzer: Any = None,
    unit: str = "sentence",
    smoothing: float = 0.5,
) -> pd.DataFrame:
    """See ``Corpus.collocations``."""
    size = check_range("size", size, 2, 5)
    min_count = check_int("min_count", min_count, 1)
    names = check_measures(measures)
    check_choice("unit", unit, UNITS)
    if isinstance(smoothing, bool) or not isinstance(smoothing, numbers.Real) or not (
        0 <= float(smoothing) < float("inf")
    ):
        raise ValueError(f"smoothing must be a finite number >= 0, got {smoothing!r}")
    joined, tokens, count, columns = corpus_collocations(
        core, size, min_count, names, float(smoothing), analyzer, unit
    )
    # The object arrays are new and this frame's alone: taken as they are, not copied.
    data: dict[str, Any] = {
        "collocation": pd.Series(joined, dtype=object, copy=False),
        "count": count,
    }
    for name, values in columns:
        data[name] = values
    data["tokens"] = pd.Series(tokens, dtype=object, copy=False)
    return pd.DataFrame(data, copy=False)
