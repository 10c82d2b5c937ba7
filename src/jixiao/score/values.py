"""The typed target and actual of a row, as scoring reads them.

The one seam between scoring and the value grammar (:mod:`jixiao.model.value_grammar`):
every scoring function takes :class:`ParsedValue` objects; rows carry them as
``parsed_target`` / ``parsed_actual``.
"""

from __future__ import annotations

from jixiao.model.indicator import Indicator
from jixiao.model.value import ParsedValue
from jixiao.model.value_grammar import parse_value

__all__ = ["read_value", "row_values"]


def row_values(row: Indicator) -> tuple[ParsedValue | None, ParsedValue | None]:
    """The parsed target and actual of ``row`` (``None`` where nothing is printed)."""
    return row.parsed_target, row.parsed_actual


def read_value(text: str | None) -> ParsedValue | None:
    """``text`` read by the value grammar; ``None`` for a missing or blank cell."""
    return parse_value(text)
