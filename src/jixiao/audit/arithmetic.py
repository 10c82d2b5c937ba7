"""A: arithmetic checks — the form's own numbers must agree with each other.

Every comparison allows for the precision the form printed (a figure printed with two
decimals may be off by rounding), so an A finding is an error only when the numbers
cannot agree however they were rounded.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.audit.locate import form_location, row_location, total_location
from jixiao.audit.precision import (
    HUNDRED,
    exact_amounts,
    fits,
    rate_agrees,
    ratio_range,
    sum_tolerance,
    unit_of,
)
from jixiao.audit.registry import form_check
from jixiao.model import (
    DepartmentSelfEvaluation,
    Finding,
    Form,
    FundedEvaluation,
    FundRow,
    LegacySelfEvaluation,
    TargetDeclaration,
    finding,
)
from jixiao.model.funds import FUND_ROWS
from jixiao.model.labels import FUND_FIELD_LABELS, FUND_ROW_LABELS, SPENDING_ROW_LABELS
from jixiao.parse.reconcile import form_sums
from jixiao.score.completeness import row_list
from jixiao.score.result import FormScore
from jixiao.score.ruleset import Ruleset

__all__ = [
    "check_budget_score",
    "check_funding_rows",
    "check_negative",
    "check_rates",
    "check_score_above_weight",
    "check_sums",
    "funding_rows",
    "sources_off",
]

_COLUMNS = ("initial", "adjusted", "executed")


@form_check("A001", "A002")
def check_sums(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """A001 Σ scores + budget score ≠ 总分; A002 Σ weights + budget weight ≠ 总分值."""
    for s in form_sums(form):
        if abs(s.diff) <= sum_tolerance(s.printed, s.terms):
            continue
        where = total_location(form, s.field)
        if s.field == "total_score":
            yield finding(
                "A001",
                where,
                indicators=s.rows,
                budget=s.budget,
                computed=s.computed,
                printed=s.printed,
                diff=s.diff,
            )
        else:
            yield finding(
                "A002",
                where,
                against="表中总分值",
                unread="",
                computed=s.computed,
                printed=s.printed,
                diff=s.diff,
            )
    yield from _weights_against_full_marks(form)
    yield from _weights_partly_read(form, ruleset)


def _weights_against_full_marks(form: Form) -> Iterator[Finding]:
    """A002 when no 总分值 is printed: every weight printed must add up to 100."""
    if not isinstance(form, FundedEvaluation | LegacySelfEvaluation):
        return
    if form.total_weight is not None:
        return
    budget = form.funds.total.weight if isinstance(form, FundedEvaluation) else Decimal(0)
    weights = [r.weight for r in form.indicators]
    if not weights or budget is None or any(w is None for w in weights):
        return
    computed = sum((w for w in weights if w is not None), budget)
    if computed != HUNDRED:
        yield finding(
            "A002",
            total_location(form, "total_weight"),
            against="满分",
            unread="",
            computed=computed,
            printed=HUNDRED,
            diff=HUNDRED - computed,
        )


def _weights_partly_read(form: Form, ruleset: Ruleset) -> Iterator[Finding]:
    """A002 when some weights were not read and those read (with the budget's) do not add
    up to the total weight: the computed total is then incomplete (the other A002 checks
    need every weight)."""
    if not isinstance(form, FundedEvaluation | LegacySelfEvaluation):
        return
    weights = [r.weight for r in form.indicators]
    missing = [i for i, w in enumerate(weights) if w is None]
    budget = form.funds.total.weight if isinstance(form, FundedEvaluation) else Decimal(0)
    if not missing or len(missing) == len(weights) or budget is None:
        return
    computed = sum((w for w in weights if w is not None), budget)
    printed = form.total_weight if form.total_weight else ruleset.full_marks
    if abs(printed - computed) <= ruleset.tolerance.points:
        return  # the rows without a weight are parts of weighted rows (其中…)
    yield finding(
        "A002",
        total_location(form, "total_weight"),
        against="表中总分值" if form.total_weight else "满分",
        unread=f"（{row_list(missing)}未读出分值）",
        computed=computed,
        printed=printed,
        diff=printed - computed,
    )


@form_check("A003", "A008")
def check_rates(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """A003 执行率 ≠ 执行数 / 预算数; A008 全年预算数 0 with money executed."""
    slack = ruleset.tolerance.rate
    checks: list[tuple[str, str, Decimal | None, Decimal | None, Decimal | None]] = []
    if isinstance(form, FundedEvaluation):
        for key, row, label in funding_rows(form):
            checks.append((f"{key}.rate", label, row.rate, row.executed, row.adjusted))
        total = form.funds.total
        if total.adjusted == 0 and total.executed:
            yield finding(
                "A008", form_location(form, "funds.total.adjusted"), executed=total.executed
            )
    elif isinstance(form, LegacySelfEvaluation):
        info = form.legacy
        checks.append(("legacy.rate", "项目", info.rate, info.executed, info.budget))
    for field, label, rate, executed, budget in checks:
        if rate is None or executed is None or budget is None or budget <= 0 or executed < 0:
            continue
        if rate_agrees(rate, executed, budget, slack, exact=exact_amounts(form.money_unit)):
            continue
        computed = ruleset.rounding.rate(executed / budget * HUNDRED)
        yield finding(
            "A003",
            form_location(form, field),
            row=label,
            printed=rate,
            executed=executed,
            adjusted=budget,
            computed=computed,
        )


@form_check("A004")
def check_budget_score(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """A004 预算执行得分 ≠ 执行率 × 分值, rounded or truncated to the score's digits —
    by the printed rate or by 执行数 / 预算数."""
    if not isinstance(form, FundedEvaluation):
        return
    row = form.funds.total
    if row.score is None or row.weight is None or row.rate is None:
        return
    spans = [(row.rate, row.rate)]
    if row.executed is not None and row.adjusted:
        span = ratio_range(row.executed, row.adjusted, exact_amounts(form.money_unit))
        spans += [span] if span else []
    unit, slack = unit_of(row.score), ruleset.tolerance.points
    for low, high in spans:
        least, most = (_budget_points(r, row.weight, ruleset) for r in (low, high))
        if fits(row.score, least, most, unit, slack):
            return
    computed = ruleset.rounding.points(_budget_points(row.rate, row.weight, ruleset))
    yield finding(
        "A004",
        form_location(form, "funds.total.score"),
        printed=row.score,
        rate=row.rate,
        weight=row.weight,
        computed=computed,
    )


def _budget_points(rate: Decimal, weight: Decimal, ruleset: Ruleset) -> Decimal:
    if ruleset.budget.cap:
        rate = min(rate, HUNDRED)
    return weight * rate / HUNDRED


@form_check("A005")
def check_funding_rows(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """A005 当年财政拨款 + 上年结转资金 + 其他资金 ≠ 年度资金总额: column by column on a
    self-evaluation, the 项目资金 block of a target declaration."""
    if isinstance(form, TargetDeclaration):
        meta = form.target_meta
        parts = [meta.appropriation, meta.carryover, meta.other]
        diff = sources_off(form, meta.current_budget, parts)
        if diff is not None:
            where = form_location(form, "target_meta.current_budget")
            yield finding("A005", where, column="项目资金", **diff)
    if not isinstance(form, FundedEvaluation):
        return
    funds = form.funds
    for column in _COLUMNS:
        printed: Decimal | None = getattr(funds.total, column)
        parts = [getattr(getattr(funds, key), column) for key in FUND_ROWS[1:]]
        diff = sources_off(form, printed, parts)
        if diff is not None:
            where = form_location(form, f"funds.total.{column}")
            yield finding("A005", where, column=FUND_FIELD_LABELS[column], **diff)


def sources_off(
    form: Form, printed: Decimal | None, parts: list[Decimal | None]
) -> dict[str, Decimal] | None:
    """``computed``/``printed``/``diff`` when the sources cannot add up to ``printed``."""
    known = [p for p in parts if p is not None]
    if printed is None or not known:
        return None
    computed = sum(known, Decimal(0))
    if len(known) < len(parts) and computed <= printed:
        return None  # a sub-row left blank may hold the rest
    slack = sum_tolerance(printed, tuple(known))
    if not exact_amounts(form.money_unit):  # 万元: every amount rounded on its own
        slack += sum((unit_of(k) / 2 for k in (printed, *known) if k), Decimal(0))
    if abs(printed - computed) <= slack:
        return None
    return {"computed": computed, "printed": printed, "diff": printed - computed}


@form_check("A006")
def check_score_above_weight(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """A006 a row's (or the budget row's) score above its weight."""
    if isinstance(form, FundedEvaluation):
        row = form.funds.total
        if row.score is not None and row.weight is not None and row.score > row.weight:
            yield finding(
                "A006",
                form_location(form, "funds.total.score"),
                what="预算执行率",
                score=row.score,
                weight=row.weight,
            )
    for i, ind in enumerate(form.indicators):
        if ind.score is not None and ind.weight is not None and ind.score > ind.weight:
            yield finding(
                "A006",
                row_location(form, i, "score"),
                what=f"指标「{ind.name or '（无名称）'}」",
                score=ind.score,
                weight=ind.weight,
            )


@form_check("A007")
def check_negative(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """A007 a negative amount, rate, weight or score."""
    if isinstance(form, FundedEvaluation):
        for key, row, label in funding_rows(form):
            for field in ("initial", "adjusted", "executed", "weight", "rate", "score"):
                value = getattr(row, field)
                if value is not None and value < 0:
                    what = f"{label}的{_FIELD_LABELS[field]}"
                    yield finding(
                        "A007", form_location(form, f"{key}.{field}"), what=what, value=value
                    )
    if isinstance(form, LegacySelfEvaluation):
        for field in ("budget", "prior_year_budget", "executed", "rate"):
            value = getattr(form.legacy, field)
            if value is not None and value < 0:
                what = _FIELD_LABELS[field]
                yield finding(
                    "A007", form_location(form, f"legacy.{field}"), what=what, value=value
                )
    for i, ind in enumerate(form.indicators):
        for field in ("weight", "score"):
            value = getattr(ind, field)
            if value is not None and value < 0:
                what = f"指标「{ind.name or '（无名称）'}」的{_FIELD_LABELS[field]}"
                yield finding("A007", row_location(form, i, field), what=what, value=value)


def funding_rows(form: FundedEvaluation) -> Iterator[tuple[str, FundRow, str]]:
    """Each funding row of a self-evaluation as (field path, row, label): 年度资金总额 and
    its sources, then a department's 基本支出 / 项目支出."""
    for key in FUND_ROWS:
        yield f"funds.{key}", getattr(form.funds, key), FUND_ROW_LABELS[key]
    if isinstance(form, DepartmentSelfEvaluation):
        for key, label in SPENDING_ROW_LABELS.items():
            yield f"spending.{key}", getattr(form.spending, key), label


_FIELD_LABELS = {
    **FUND_FIELD_LABELS,
    "budget": "预算数",
    "prior_year_budget": "上年预算数",
}
