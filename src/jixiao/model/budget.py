"""A form's budget figures, whatever its kind: what lists, filters and exports show as
年初预算数, 全年预算数, 全年执行数 and 执行率."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

__all__ = ["BudgetFigures"]


class BudgetFigures(NamedTuple):
    """年初预算数, 全年预算数 (the year's budget), 全年执行数 and 执行率 (percent) of a
    form, in its ``money_unit``; ``None`` where the form does not state one."""

    initial: Decimal | None = None
    adjusted: Decimal | None = None
    executed: Decimal | None = None
    rate: Decimal | None = None
