"""Checks of the Python API's parameters, with scikit-learn's wording (``top_k must be >= 0,
got -1``), shared so that every function says the same thing about the same mistake. The
native classes check theirs in Rust (``crates/wenmai-py/src/errors.rs``) with the same words.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import Any

INT_MAX = 2**63 - 1
"""The largest count the native layer takes (an ``i64``); past it the native functions raise
the ``ValueError`` that ``check_int`` does (``crates/wenmai-py/src/errors.rs``)."""


def check_int(name: str, value: Any, min: int = 0, *, none: bool = False) -> Any:
    """``value`` as an ``int`` (numpy ints too; never a bool) in ``[min, INT_MAX]``; ``None``
    passes through when ``none``. Otherwise a ``ValueError`` naming ``name``."""
    if value is None and none:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and value > INT_MAX:
        raise ValueError(f"{name} must be <= {INT_MAX}, got {value!r}")
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < min:
        if none:
            what = "a positive int" if min == 1 else f"an int >= {min}"
            raise ValueError(f"{name} must be {what} or None, got {value!r}")
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ValueError(f"{name} must be an int >= {min}, got {value!r}")
        raise ValueError(f"{name} must be >= {min}, got {value!r}")
    return int(value)


def check_range(name: str, value: Any, low: int, high: int) -> int:
    """``value`` as an ``int`` in ``[low, high]``, else a ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) \
            or not low <= value <= high:
        raise ValueError(f"{name} must be an int in [{low}, {high}], got {value!r}")
    return int(value)


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """``value`` if it is one of ``choices``, else a ``ValueError`` listing them."""
    options = tuple(choices)
    if not isinstance(value, (str, type(None))) or value not in options:
        listed = ", ".join(repr(c) for c in options)
        raise ValueError(f"{name} must be one of {listed}, got {value!r}")
    return value


UNITS = ("document", "section", "paragraph", "sentence")
"""The units of ``Corpus.dtm``, ``tokens``, ``kwic``…"""


def check_unit(value: Any) -> str:
    """A unit name (``"document"``, ``"section"``, ``"paragraph"``, ``"sentence"``)."""
    return str(check_choice("unit", value, UNITS))


def check_nonempty(corpus: Any, what: str) -> None:
    """A ``ValueError`` when ``corpus`` has no documents and ``what`` needs some."""
    if len(corpus) == 0:
        raise ValueError(f"the corpus is empty (0 documents): {what} needs at least one; "
                         "check the paths or texts it was made from")
