"""A funds' total (合计) and the sources listed under it: do they add up?

A target declaration may list its funds by source under a printed total: ``合计 250``,
then ``一般公共预算拨款 | 小计 | 250`` with its parts (``市本级 250``, ``中央及自治区
补助``), then more sources (``政府性基金预算拨款``, ``其他资金``). A total is no source
of funds, and a 小计's parts are no sources of their own: :func:`sources_off` adds up
the sources alone and says where they differ from the printed total. Which rows are a
小计's parts is read from the amounts: the rows after it until their amounts make up the
小计 (rows printed empty add nothing either way); where they never do, nothing is said.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.parse.text import parse_number

__all__ = ["Listed", "sources_off"]


@dataclass(frozen=True)
class Listed:
    """One funding row under the total: its label, its amount as printed (``None``
    when empty), and whether a 小计 is printed beside it."""

    label: str
    amount: str | None
    subtotal: bool = False


def sources_off(total: str | None, rows: list[Listed]) -> tuple[Decimal, Decimal] | None:
    """(printed total, Σ sources) where the sources listed under ``total`` do not add
    up to it (beyond the rounding of each printed amount); ``None`` where they do, or
    where it cannot be told (no total, no amount, a 小计 whose parts never make it up)."""
    printed = _amount(total)
    if printed is None or not any(r.amount for r in rows):
        return None
    sources: list[str] = []
    left: Decimal | None = None  # what the open 小计's parts have still to make up
    for row in rows:
        value = _amount(row.amount)
        if row.amount is not None and value is None:
            return None
        if left is not None:
            if value is not None:
                left -= value
                if left < 0:
                    return None
                if left == 0:
                    left = None
            continue
        if row.amount is not None:
            sources.append(row.amount)
        if row.subtotal and value:
            left = value
    if left is not None:
        return None
    computed = sum((_amount(a) or Decimal(0) for a in sources), Decimal(0))
    slack = sum((_half_unit(a) for a in [total or "", *sources]), Decimal(0))
    return None if abs(computed - printed) <= slack else (printed, computed)


def _amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return parse_number(text)
    except (InvalidOperation, ValueError):
        return None


def _half_unit(text: str) -> Decimal:
    """Half the last printed place of an amount (``250`` → 0.5, ``89.97`` → 0.005)."""
    places = len(text.partition(".")[2])
    return Decimal(1).scaleb(-places) / 2
