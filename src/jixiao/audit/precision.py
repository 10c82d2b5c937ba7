"""Printed precision: how far printed figures may be from what they should be, given
the digits they are printed with.

A figure printed with two decimals was rounded (or truncated) to them; amounts in 万元
were themselves rounded, amounts in 元 are exact. The arithmetic checks allow exactly
that much and no more.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

__all__ = [
    "HUNDRED",
    "exact_amounts",
    "fits",
    "rate_agrees",
    "ratio_range",
    "sum_tolerance",
    "unit_of",
]

HUNDRED = Decimal(100)


def unit_of(value: Decimal) -> Decimal:
    """The unit of the last printed digit: ``97.67`` → ``0.01``, ``98`` → ``1``."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent > 0:
        return _ONE
    return _unit(exponent)


_ONE = Decimal(1)


@cache
def _unit(exponent: int) -> Decimal:
    """``10 ** exponent`` (made once per exponent: the checks ask for it on every figure)."""
    return _ONE.scaleb(exponent)


def exact_amounts(money_unit: str | None) -> bool:
    """Whether amounts in ``money_unit`` are exact as printed (元), not rounded (万元)."""
    return money_unit in (None, "元")


def sum_tolerance(printed: Decimal, terms: tuple[Decimal, ...]) -> Decimal:
    """How far a printed total may be from the sum of the printed parts: nothing when
    the total is printed to the digits of its parts (the rules round each part, then
    add); half a unit of the total when it is printed coarser (``98`` for 97.6)."""
    finest = min((unit_of(t) for t in terms), default=unit_of(printed))
    return unit_of(printed) / 2 if unit_of(printed) > finest else Decimal(0)


def fits(printed: Decimal, low: Decimal, high: Decimal, unit: Decimal, slack: Decimal) -> bool:
    """Whether ``printed`` can be some value in ``[low, high]`` rounded (half up) or
    truncated to ``unit``, allowing at least ``slack`` either way."""
    truncated = low < printed + max(unit, slack) and high >= printed - slack
    rounded = low < printed + max(unit / 2, slack) and high >= printed - max(unit / 2, slack)
    return truncated or rounded


def ratio_range(executed: Decimal, budget: Decimal, exact: bool) -> tuple[Decimal, Decimal] | None:
    """执行数 / 预算数 in percent: exact for amounts in 元, else the interval the rounded
    amounts allow; ``None`` when the budget may be 0."""
    half_e = Decimal(0) if exact else unit_of(executed) / 2
    half_b = Decimal(0) if exact else unit_of(budget) / 2
    if budget - half_b <= 0:
        return None
    low = (executed - half_e) / (budget + half_b) * HUNDRED
    return low, (executed + half_e) / (budget - half_b) * HUNDRED


def rate_agrees(
    rate: Decimal, executed: Decimal, budget: Decimal, slack: Decimal, exact: bool = True
) -> bool:
    """Whether a printed ``rate`` (percent) can be ``executed / budget`` rounded or
    truncated to the digits printed (and at least ``slack`` points either way).

    ``exact`` amounts (元) are taken as printed, and then a whole percent printed as
    ``95.00`` may be the ratio rounded to whole percent (the pre-2020 scorecards do
    this); amounts in 万元 are themselves rounded, so the ratio is an interval. A rate
    capped at 100 % when more than the budget was spent also agrees.
    """
    if rate == HUNDRED and executed > budget:
        return True
    span = ratio_range(executed, budget, exact)
    if span is None:
        return True
    unit = unit_of(rate)
    if exact and rate == rate.to_integral_value():
        unit = Decimal(1)
    return fits(rate, *span, unit, slack)
