"""The funding block of a self-evaluation: four rows of amounts, weight, rate, score."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.base import Frozen

__all__ = ["FUND_ROWS", "FundRow", "Funds"]

FUND_ROWS: tuple[str, ...] = ("total", "appropriation", "carryover", "other")
"""年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金, in printed order."""


class FundRow(Frozen):
    """One funding row. Amounts are in the form's ``money_unit``; ``rate`` in percent."""

    initial: Decimal | None = None
    adjusted: Decimal | None = None
    executed: Decimal | None = None
    weight: Decimal | None = None
    rate: Decimal | None = None
    score: Decimal | None = None


class Funds(Frozen):
    """年度资金总额 and its three sub-rows."""

    total: FundRow = FundRow()
    appropriation: FundRow = FundRow()
    carryover: FundRow = FundRow()
    other: FundRow = FundRow()
