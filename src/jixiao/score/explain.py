"""How numbers appear in the one-line Chinese explanations of a score.

Printed quantities keep only their significant digits (``365.00`` → ``365``), points are
shown at the ruleset's places (``9.33 分``), percents with a ``%`` and no space.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.value import Op, ParsedValue
from jixiao.score.ruleset import Rounding

__all__ = ["OP_SIGNS", "number", "points", "quantity", "value_text"]

OP_SIGNS = {Op.GE: "≥", Op.GT: ">", Op.EQ: "=", Op.LE: "≤", Op.LT: "<"}


def number(value: Decimal) -> str:
    """``value`` without trailing zeros or exponent: ``365.00`` → ``365``, ``0.50`` → ``0.5``."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def points(value: Decimal, rounding: Rounding) -> str:
    """Points at the ruleset's places, e.g. ``9.33``."""
    return format(rounding.points(value), "f")


def quantity(value: Decimal, unit: str | None) -> str:
    """A number with its unit: ``56 人``, ``95%``."""
    if not unit:
        return number(value)
    sep = "" if unit in ("%", "‰") else " "
    return f"{number(value)}{sep}{unit}"


def value_text(value: ParsedValue | None) -> str:
    """A parsed value as a reader would say it: ``≥ 95%``, ``达成指标``, ``健全``."""
    if value is None:
        return "（空）"
    if value.kind == "quantity" and value.number is not None:
        if value.upper is not None:
            return f"{number(value.number)}–{quantity(value.upper, value.unit)}"
        sign = f"{OP_SIGNS[value.op]} " if value.op is not None else ""
        return sign + quantity(value.number, value.unit)
    return value.word or value.text
