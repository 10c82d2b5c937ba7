"""Numbers as the pages and the command line print them: amounts with thousands
separators (``7,762,496.10 万元``), points with their own digits, differences of points
with their sign. (The JSON and CSV exports keep the bare digits.)"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["DASH", "money", "pct", "points", "signed_points"]

DASH = "—"
"""What an empty value prints as."""


def money(value: Decimal | None, unit: str | None = None) -> str:
    """An amount with thousands separators and the digits it was printed with."""
    if value is None:
        return DASH
    text = format(value, ",f")
    return f"{text} {unit}" if unit else text


def points(value: Decimal | None) -> str:
    """Points (分值/得分) with their printed digits."""
    return DASH if value is None else format(value, "f")


def pct(value: Decimal | None) -> str:
    """A percentage (执行率) with its digits and ``%``."""
    return DASH if value is None else f"{value:f}%"


def signed_points(value: Decimal | None) -> str:
    """A difference of points with its sign: ``+20.00``, ``-0.33``, ``0.00``."""
    if value is None:
        return DASH
    return format(value, "+f") if value else format(value.copy_abs(), "f")
