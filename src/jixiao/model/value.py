"""The typed reading of a 年度指标值 or 实际完成值 string (DESIGN §5 ``parsed_target``).

One flat, JSON-friendly class for every category, so the interchange format, the store
and the scoring code share one shape. The grammar that produces it is
:func:`jixiao.model.value_grammar.parse_value`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from jixiao.model.base import Frozen
from jixiao.model.number import Number

__all__ = ["Op", "ParsedValue", "Tier", "ValueKind"]


class Op(StrEnum):
    """A comparison, always in its ASCII form (``≥`` is read as ``>=``)."""

    GE = ">="
    GT = ">"
    EQ = "="
    LE = "<="
    LT = "<"


class Tier(StrEnum):
    """The three qualitative tiers of an 实际完成值."""

    ACHIEVED = "achieved"
    """达成(年度/预期)指标."""
    PARTIAL = "partial"
    """部分达成(年度/预期)指标并具有一定效果."""
    NOT_ACHIEVED = "not_achieved"
    """未达成(年度/预期)指标且效果较差."""


ValueKind = Literal["quantity", "tier", "qualitative", "deadline", "unreadable"]
"""``quantity``: [op] number [unit]; ``tier``: one of :class:`Tier`; ``qualitative``: a free
word such as 健全 or 较上年增长 (``word``); ``deadline``: a date or period such as
年底前 (``word``); ``unreadable``: the grammar could not read it."""


class ParsedValue(Frozen):
    """What a target or actual string says. ``text`` is the string as printed."""

    kind: ValueKind
    text: str
    op: Op | None = None
    """For ``quantity``: the comparison; ``None`` when the string has none (``365.00(天)``)."""
    number: Number | None = None
    unit: str | None = None
    """Normalised unit: ``%`` (also 百分比), ``个百分点``, ``人次``, ``人`` (also 名), ``元``,
    ``万元``, ``天``, ``件`` …; ``None`` when none is printed."""
    tier: Tier | None = None
    word: str | None = None
