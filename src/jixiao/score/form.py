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
from jixiao.score.completeness import completeness
from jixiao.score.explain import points
from jixiao.score.result import BudgetScore, FormScore, RowScore
from jixiao.score.row import score_row, unscored_row
from jixiao.score.ruleset import Rounding, Ruleset, grade_in

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
    rate = _executed_rate(form)
    rows = tuple(score_row(row, ruleset, i, rate) for i, row in enumerate(form.indicators))
    if isinstance(form, LegacySelfEvaluation):
        rows = _with_legacy_rate(form, rows, ruleset)
    budget = _budget(form, ruleset)
    whole = completeness(form, rows, budget, ruleset)
    r = ruleset.rounding
    parts = sum((row.accepted for row in rows if row.accepted is not None), Decimal(0))
    budget_points, budget_text = _budget_points(budget, whole.budget_counts, r)
    raw = r.points(parts + (budget_points or 0))
    total = min(raw, whole.total_weight)
    sum_text = f"指标合计 {points(parts, r)} 分"
    if budget is not None:
        sum_text = f"预算执行 {budget_text} + 指标 {points(parts, r)} 分 = {points(raw, r)} 分"
    if total < raw:
        sum_text += f"，超过总分值，以 {points(total, r)} 分为上限"
    if whole.reasons:
        incomplete = "；".join(whole.reasons)
        return FormScore(
            ruleset=ruleset.name,
            rows=rows,
            budget=budget,
            reported_total=form.total_score,
            incomplete=incomplete,
            incomplete_rows=whole.rows,
            partial_total=total,
            explanation=f"{sum_text}；复核总分不完整（{incomplete}），不评等级，不与自评总分比较",
        )
    grade, how = _grade(form, ruleset, total)
    return FormScore(
        ruleset=ruleset.name,
        rows=rows,
        budget=budget,
        total=total,
        reported_total=form.total_score,
        grade=grade,
        explanation=f"{sum_text}，{how}",
    )


def _budget_points(
    budget: BudgetScore | None, counts: bool, r: Rounding
) -> tuple[Decimal | None, str]:
    """The budget part of the total and how the sum shows it: the computed score, else the
    reported one (within 0 and the weight), else nothing."""
    if budget is None:
        return None, ""
    if not counts:
        return None, "不计分（表中未印分值，各项指标分值已合计满分）"
    if budget.computed is not None:
        return budget.computed, f"{points(budget.computed, r)} 分"
    if budget.reported is not None and budget.weight is not None:
        accepted = max(Decimal(0), min(budget.reported, budget.weight))
        return accepted, f"{points(accepted, r)} 分（无法复核，采用自评得分）"
    return None, "0 分（未能计算）"


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


def _executed_rate(form: Form) -> Decimal | None:
    """The form's 预算执行率 in percent: 执行数 / 预算数, else as printed."""
    figures = form.budget
    if figures.executed is not None and figures.adjusted:
        return figures.executed / figures.adjusted * 100
    return figures.rate


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
