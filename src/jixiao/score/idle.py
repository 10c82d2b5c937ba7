"""A reverse cost indicator (``≤3500元/人``) whose actual is 0 because nothing was executed.

When the budget was (almost) not executed, a cost of 0 says that nothing was bought, not
that the cost was kept under its ceiling: the row is not achieved (0 points), with the
reason, instead of full marks for a reverse target met.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.indicator import Indicator
from jixiao.model.value import Op
from jixiao.score.explain import number, quantity, value_text
from jixiao.score.verdict import Verdict

__all__ = ["idle_cost", "is_cost"]

_MONEY = "元"
_COST = "成本"


def is_cost(row: Indicator) -> bool:
    """Whether ``row`` measures a cost: an amount of money (元, 万元, 元/人 …) or a row
    under a 成本 heading."""
    target = row.parsed_target
    unit = target.unit if target is not None else None
    if unit and _MONEY in unit:
        return True
    return any(_COST in (text or "") for text in (row.level1, row.level2, row.name))


def idle_cost(row: Indicator, verdict: Verdict, executed_rate: Decimal) -> Verdict | None:
    """The verdict of a met reverse cost target whose actual is 0 while the budget was
    executed at ``executed_rate`` % (at most the ruleset's near-zero rate); ``None`` when
    the row is something else."""
    target, actual = row.parsed_target, row.parsed_actual
    if verdict.method != "reverse" or verdict.computed is None or verdict.computed == 0:
        return None
    if target is None or actual is None or actual.number != 0 or actual.op not in (None, Op.EQ):
        return None
    if target.op not in (Op.LE, Op.LT) or not target.number or target.number <= 0:
        return None
    if not is_cost(row):
        return None
    return Verdict(
        "reverse",
        f"反向成本指标：实际 {quantity(Decimal(0), actual.unit or target.unit)}，"
        f"但预算执行率仅 {number(executed_rate.quantize(Decimal('0.01')))}%，成本为 0 是因未执行，"
        f"不是控制在目标 {value_text(target)} 以内，按未达成计 0 分",
        computed=Decimal(0),
    )
