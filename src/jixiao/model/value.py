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
    """For ``quantity``: the number as printed (``10万`` is 100000); for a range, its lower end."""
    upper: Number | None = None
    """For a range (``90%-95%``, ``3~5个``): its upper end, with ``op`` ``>=`` the lower one."""
    unit: str | None = None
    """Normalised unit: ``%`` (also 百分比), ``个百分点``, ``人次``, ``人`` (also 名), ``元``,
    ``万元``, ``天``, ``件`` …; ``None`` when none is printed."""
    tier: Tier | None = None
    word: str | None = None
    """For ``qualitative``: the normalised phrase (健全, 较上年增长 …); for ``deadline``: the
    date or period (``2024年12月31日前``, ``年底前``, ``每月中旬``); for ``quantity``: the
    words printed around the number (``帮扶家庭`` in 帮扶家庭不少于80户次), if any."""
