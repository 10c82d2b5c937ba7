"""The rows of the two department-level forms (部门整体支出绩效自评表 / 目标表).

A department form has no single project: it lists the year's main tasks (年度主要任务),
and the self-evaluation splits the year's money by nature of spending (按支出性质分：
基本支出 / 项目支出) beside the usual split by source of income.
"""

from __future__ import annotations

from jixiao.model.base import Frozen
from jixiao.model.funds import FundRow
from jixiao.model.number import Number
from jixiao.model.source import LineRange

__all__ = ["TASK_AMOUNTS", "DepartmentAmounts", "DepartmentTask", "Spending"]

TASK_AMOUNTS: tuple[str, ...] = ("total", "appropriation", "other")
"""预算金额 总额 / 财政拨款 / 其他资金, in printed order (a task and the 金额合计 row)."""


class DepartmentTask(Frozen):
    """One row of 年度主要任务. Amounts are in the form's ``money_unit``."""

    name: str | None = None
    """任务名称."""
    content: str | None = None
    """主要内容."""
    project: str | None = None
    """支出项目名称 (the project that pays for the task, where printed)."""
    status: str | None = None
    """完成情况 (self-evaluations of some provinces)."""
    total: Number | None = None
    """预算金额：总额."""
    appropriation: Number | None = None
    """预算金额：财政拨款."""
    other: Number | None = None
    """预算金额：其他资金."""
    lines: LineRange | None = None


class DepartmentAmounts(Frozen):
    """金额合计 of a 部门整体支出绩效目标表: 总额 / 财政拨款 / 其他资金."""

    total: Number | None = None
    appropriation: Number | None = None
    other: Number | None = None


class Spending(Frozen):
    """年度资金总额 by nature of spending (按支出性质分)."""

    basic: FundRow = FundRow()
    """基本支出."""
    project: FundRow = FundRow()
    """项目支出."""
