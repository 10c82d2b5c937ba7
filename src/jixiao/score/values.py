"""The typed target and actual of a row, as scoring reads them.

The one seam between scoring and the value grammar (:mod:`jixiao.model.value_grammar`):
every scoring function takes :class:`ParsedValue` objects, only this module reads text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.indicator import Indicator
from jixiao.model.value import Op, ParsedValue, Tier

__all__ = ["read_value", "row_values"]


def row_values(row: Indicator) -> tuple[ParsedValue | None, ParsedValue | None]:
    """The parsed target and actual of ``row`` (``None`` where nothing is printed)."""
    return read_value(row.target), read_value(row.actual)


def read_value(text: str | None) -> ParsedValue | None:
    """``text`` read by the value grammar; ``None`` for a missing or blank cell."""
    if text is None or not text.strip():
        return None
    return _interim_parse(text)


# Interim reader until jixiao.model.value_grammar lands (H1); replaced by parse_value.
_OPS = {"≥": Op.GE, ">=": Op.GE, "＞": Op.GT, ">": Op.GT, "=": Op.EQ, "＝": Op.EQ}
_OPS |= {"≤": Op.LE, "<=": Op.LE, "＜": Op.LT, "<": Op.LT}
_QTY = re.compile(
    r"^\s*(?P<op>≥|>=|≤|<=|＞|＜|>|<|=|＝)?\s*(?P<num>-?\d+(?:,\d{3})*(?:\.\d+)?)\s*"
    r"[(（]?\s*(?P<unit>[^\d()（）\s]{0,4}?)\s*[)）]?\s*$"
)
_TIERS = (
    ("未达成", Tier.NOT_ACHIEVED),
    ("部分达成", Tier.PARTIAL),
    ("达成", Tier.ACHIEVED),
)
_UNITS = {"百分比": "%", "％": "%", "名": "人"}


def _interim_parse(text: str) -> ParsedValue:
    m = _QTY.match(text)
    if m:
        unit = m.group("unit") or None
        return ParsedValue(
            kind="quantity",
            text=text,
            op=_OPS[m.group("op")] if m.group("op") else None,
            number=Decimal(m.group("num").replace(",", "")),
            unit=_UNITS.get(unit, unit) if unit else None,
        )
    for word, tier in _TIERS:
        if text.strip().startswith(word):
            return ParsedValue(kind="tier", text=text, tier=tier)
    if re.search(r"年底|月底|年内|\d+月|\d+年", text):
        return ParsedValue(kind="deadline", text=text, word=text.strip())
    return ParsedValue(kind="qualitative", text=text, word=text.strip())
