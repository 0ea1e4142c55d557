"""Which terms are numbers: ``2025年``, ``3.5%``, ``二〇二五``, ``百分之五``, ``十三``, ``第二``.

``wenmai report`` leaves them out of its term and keyword lists unless ``--keep-numbers`` is
given: a year or a percentage is rarely what an analyst reads a term list for. Chinese
numerals are recognised by their grammar, so ``十三五`` (the 13th five-year plan, not a
number) stays while ``二十五`` and ``二〇二五`` go.
"""

from __future__ import annotations

import re
from typing import Any

_DIGIT = "一二三四五六七八九"
_NONZERO = f"[{_DIGIT}两]"
_ZERO = "[零〇]"
# Below 10,000 in positional form: 三千零五十, 十三, 两百, 百.
_UNDER_WAN = (
    f"(?:{_NONZERO}?千)?(?:{_ZERO}?{_NONZERO}?百)?(?:{_ZERO}?[{_DIGIT}]?十)?(?:{_ZERO}?[{_DIGIT}])?"
)
_POSITIONAL = f"(?:{_UNDER_WAN}亿)?(?:{_UNDER_WAN}万)?{_UNDER_WAN}"
# Digit by digit, as years are written: 二〇二五, 一九五四.
_DIGITS = f"[{_DIGIT}〇零]+"
_ARABIC = r"[0-9０-９]+(?:[.．,，][0-9０-９]+)*"
_CHINESE = f"(?:{_DIGITS}|{_POSITIONAL})"
_UNITS = "(?:年|年度|月|月份|日|号|时|点|个|次|倍|成|多|余|万|亿|万亿|千|百|%|％|‰)?"
_NUMBER = re.compile(
    rf"第?(?P<n>{_ARABIC}(?:万|亿|万亿)?|{_CHINESE}|百分之(?:{_ARABIC}|{_CHINESE})?|"
    rf"千分之(?:{_ARABIC}|{_CHINESE})?){_UNITS}"
)


def is_number(term: str) -> bool:
    """Whether ``term`` is a number, a year, a date part, an ordinal or a percentage."""
    match = _NUMBER.fullmatch(term)
    return match is not None and bool(match.group("n"))


def drop_numbers(frame: Any, column: str = "term") -> Any:
    """The rows of a DataFrame whose ``column`` is not a number (index reset)."""
    keep = ~frame[column].map(is_number).astype(bool)
    return frame[keep].reset_index(drop=True)


__all__ = ["drop_numbers", "is_number"]
