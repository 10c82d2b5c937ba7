"""The funding block of a self-evaluation: four rows of amounts, weight, rate, score."""

from __future__ import annotations

from jixiao.model.base import Frozen
from jixiao.model.number import Number

__all__ = ["FUND_ROWS", "FundRow", "Funds"]

FUND_ROWS: tuple[str, ...] = ("total", "appropriation", "carryover", "other")
"""年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金, in printed order."""


class FundRow(Frozen):
    """One funding row. Amounts are in the form's ``money_unit``; ``rate`` in percent."""

    initial: Number | None = None
    adjusted: Number | None = None
    executed: Number | None = None
    weight: Number | None = None
    rate: Number | None = None
    score: Number | None = None


class Funds(Frozen):
    """年度资金总额 and its three sub-rows."""

    total: FundRow = FundRow()
    appropriation: FundRow = FundRow()
    carryover: FundRow = FundRow()
    other: FundRow = FundRow()
