"""Whether a computed total can stand for the form it was computed from.

A total is complete when every point the form gives was read: the weights read (with the
budget's) add up to the form's total weight (the printed 总分值, else the ruleset's
``full_marks``), every weighted row entered the total, and the budget score was computed
or reported. Otherwise the total is withheld (:attr:`FormScore.incomplete` says which rows
and why): a row the reader lost, counted as 0, would make the unit look lenient, and
weights that add up to more than the total weight would give more points than the form has.

Rows printed without a weight are fine when the others fill the total weight (the
``其中…`` sub-rows of a weighted row); a budget row printed without a weight is not scored
when the indicator weights alone fill it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.forms import Form, FundedEvaluation
from jixiao.score.explain import number
from jixiao.score.result import BudgetScore, RowScore
from jixiao.score.ruleset import Ruleset

__all__ = ["Completeness", "completeness", "row_list"]


@dataclass(frozen=True)
class Completeness:
    """``total_weight``: what the weights must add up to (and the cap of the total);
    ``budget_counts``: the budget score is part of the total; ``reasons``: why the total is
    incomplete (Chinese, empty when complete); ``rows``: the rows it could not count."""

    total_weight: Decimal
    budget_counts: bool
    reasons: tuple[str, ...] = ()
    rows: tuple[int, ...] = ()


def completeness(
    form: Form, rows: Sequence[RowScore], budget: BudgetScore | None, ruleset: Ruleset
) -> Completeness:
    """How complete the total of ``form`` scored as ``rows`` and ``budget`` is."""
    printed = getattr(form, "total_weight", None)
    expected = printed if printed is not None and printed > 0 else ruleset.full_marks
    against = f"表中总分值 {number(expected)} 分" if printed else f"满分 {number(expected)} 分"
    weights = [r.weight for r in form.indicators]
    read = sum((w for w in weights if w is not None), Decimal(0))
    slack = ruleset.tolerance.points
    budget_counts = budget is not None
    if budget is not None and _budget_weight_unprinted(form) and abs(read - expected) <= slack:
        budget_counts = False  # the indicators alone carry every point
    total = read + ((budget.weight or 0) if budget is not None and budget_counts else 0)
    reasons: list[str] = []
    lost: list[int] = []
    if abs(total - expected) > slack:
        missing = [i for i, w in enumerate(weights) if w is None]
        if not any(w is not None for w in weights):
            reasons.append("未读出任何指标的分值")
        elif missing and total < expected:
            reasons.append(
                f"{row_list(missing)}未读出分值，读出的分值合计 {number(total)} 分，少于{against}"
            )
            lost += missing
        else:
            reasons.append(f"各项分值合计 {number(total)} 分，与{against}不符")
    unscored = [r.position for r in rows if r.method != "unscored" and r.accepted is None]
    if unscored:
        reasons.append(f"{row_list(unscored)}无法复核且未填自评得分")
        lost += unscored
    if budget_counts and budget is not None and budget.computed is None and budget.reported is None:
        reasons.append("预算执行得分无法计算且未填自评得分")
    return Completeness(expected, budget_counts, tuple(reasons), tuple(sorted(set(lost))))


def _budget_weight_unprinted(form: Form) -> bool:
    return isinstance(form, FundedEvaluation) and form.funds.total.weight is None


def row_list(positions: Sequence[int], limit: int = 6) -> str:
    """``第 1、2 项指标`` for 0-based ``positions`` (the first ``limit``, then how many)."""
    shown = "、".join(str(p + 1) for p in positions[:limit])
    if len(positions) > limit:
        return f"第 {shown} 等 {len(positions)} 项指标"
    return f"第 {shown} 项指标"
