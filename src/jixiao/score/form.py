"""A whole form: every row, the budget part, the total and the grade (DESIGN §6)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.forms import (
    Declaration,
    DepartmentSelfEvaluation,
    Form,
    LegacySelfEvaluation,
    SelfEvaluation,
)
from jixiao.model.labels import KIND_LABELS
from jixiao.model.number import in_arithmetic
from jixiao.score.budget import legacy_rate_note, score_budget
from jixiao.score.explain import points
from jixiao.score.result import BudgetScore, FormScore, RowScore
from jixiao.score.row import score_row, unscored_row
from jixiao.score.ruleset import Ruleset, grade_in

__all__ = ["score_form"]


@in_arithmetic
def score_form(form: Form, ruleset: Ruleset) -> FormScore:
    """Score ``form`` under ``ruleset`` (pure: the same inputs give the same result).

    Declarations (项目 and 部门整体 目标表) carry no scores: every row is ``unscored``
    (its target still read) and the total is ``None``. Choose the ruleset with :func:`ruleset_for`.
    """
    if isinstance(form, Declaration):
        label = KIND_LABELS[form.kind]
        rows = tuple(
            unscored_row(row, i, f"{label}不评分") for i, row in enumerate(form.indicators)
        )
        unread = sum(
            row.parsed_target is None or row.parsed_target.kind == "unreadable"
            for row in form.indicators
        )
        note = f"，其中 {unread} 项未填或无法读出" if unread else ""
        return FormScore(
            ruleset=ruleset.name,
            rows=rows,
            explanation=f"{label}不评分；已读取 {len(rows)} 项指标的目标{note}",
        )
    rows = tuple(score_row(row, ruleset, i) for i, row in enumerate(form.indicators))
    if isinstance(form, LegacySelfEvaluation):
        rows = _with_legacy_rate(form, rows, ruleset)
    budget = _budget(form, ruleset)
    r = ruleset.rounding
    parts = sum((row.accepted for row in rows if row.accepted is not None), Decimal(0))
    budget_points = budget.computed if budget is not None and budget.computed is not None else None
    total = r.points(parts + (budget_points or 0))
    grade, how = _grade(form, ruleset, total)
    sum_text = f"指标合计 {points(total, r)} 分"
    if budget is not None:
        shown = "0（未能计算）" if budget_points is None else points(budget_points, r)
        sum_text = f"预算执行 {shown} 分 + 指标 {points(parts, r)} 分 = {points(total, r)} 分"
    return FormScore(
        ruleset=ruleset.name,
        rows=rows,
        budget=budget,
        total=total,
        reported_total=form.total_score,
        grade=grade,
        explanation=f"{sum_text}，{how}",
    )


def _with_legacy_rate(
    form: LegacySelfEvaluation, rows: tuple[RowScore, ...], ruleset: Ruleset
) -> tuple[RowScore, ...]:
    note = legacy_rate_note(form.legacy, ruleset)
    out: list[RowScore] = []
    for row in rows:
        text = row.explanation
        if row.method == "unscorable" and form.indicators[row.position].actual is None:
            text = text.replace(_NO_ACTUAL, _LEGACY_NO_ACTUAL, 1)
        if (
            note
            and row.method == "unscorable"
            and "预算执行率" in (form.indicators[row.position].name or "")
        ):
            text = f"{note}；{text}"
        out.append(row if text == row.explanation else row.model_copy(update={"explanation": text}))
    return tuple(out)


_NO_ACTUAL = "未填实际完成值"
_LEGACY_NO_ACTUAL = "自我评价表没有实际完成值一栏"


def _budget(form: Form, ruleset: Ruleset) -> BudgetScore | None:
    if isinstance(form, SelfEvaluation | DepartmentSelfEvaluation):
        return score_budget(form.funds.total, ruleset)
    return None


def _grade(form: Form, ruleset: Ruleset, total: Decimal) -> tuple[str, str]:
    if isinstance(form, LegacySelfEvaluation) and form.legacy.grade_rule:
        bands = [(b.grade, b.min_score) for b in form.legacy.grade_rule]
        grade = grade_in(bands, total)
        return grade, f"按表内说明的等级划分为「{grade}」"
    grade = ruleset.grade_for(total)
    return grade, f"按「{ruleset.title}」为「{grade}」"
