"""Anomalies planted in a form's totals, funds and grade (see :mod:`jixiao.audit.anomalies`)."""

from __future__ import annotations

from decimal import Decimal
from random import Random

from faults.inject import (
    Injection,
    at_precision,
    fund_row,
    pick,
    row_name,
    scored_rows,
    set_row,
    shift_total,
)
from jixiao.audit.precision import HUNDRED, unit_of
from jixiao.model import Form, LegacySelfEvaluation, SelfEvaluation
from jixiao.parse.reconcile import form_sums
from jixiao.score.result import FormScore
from jixiao.score.ruleset import Ruleset, grade_in

__all__ = [
    "budget_above_weight",
    "budget_score_off",
    "executed_off",
    "grade_off",
    "idle_budget",
    "negative_amount",
    "rate_off",
    "sub_rows_off",
    "total_off",
    "weights_off",
]


def total_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not any(s.field == "total_score" for s in form_sums(form)):
        return None
    delta = Decimal(rng.choice((1, 2, 5)))
    assert isinstance(form, SelfEvaluation | LegacySelfEvaluation)
    assert form.total_score is not None
    delta = -delta if form.total_score + delta > HUNDRED else delta
    changed = shift_total(form, delta, rs)
    return Injection(
        changed, "total_score", f"总分 {form.total_score} 改为 {form.total_score + delta}"
    )


def weights_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation | LegacySelfEvaluation):
        return None
    if form.total_weight is not None and not any(
        s.field == "total_weight" for s in form_sums(form)
    ):
        return None
    i = pick(rng, scored_rows(form, score, lambda ind, r: True))
    if i is None:
        return None
    w = form.indicators[i].weight
    assert w is not None
    delta = Decimal(rng.choice((1, 2, 3)))
    changed = set_row(form, i, weight=w + delta)
    return Injection(changed, "total_weight", f"{row_name(form, i)}分值 {w} 改为 {w + delta}")


def grade_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation | LegacySelfEvaluation):
        return None
    if form.total_score is None or form.grade is None:
        return None
    if isinstance(form, LegacySelfEvaluation) and form.legacy.grade_rule:
        bands = [(b.grade, b.min_score) for b in form.legacy.grade_rule]
    else:
        bands = [(g.name, g.min) for g in rs.grades]
    earned = grade_in(bands, form.total_score)
    if form.grade != earned:
        return None
    other = rng.choice([name for name, _ in bands if name != earned])
    changed = form.model_copy(update={"grade": other})
    return Injection(changed, "grade", f"总分 {form.total_score}，等级「{earned}」改为「{other}」")


def rate_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if isinstance(form, LegacySelfEvaluation):
        rate, field = form.legacy.rate, "legacy.rate"
    elif isinstance(form, SelfEvaluation):
        rate, field = form.funds.total.rate, "funds.total.rate"
    else:
        return None
    if rate is None or not _has_rate_inputs(form):
        return None
    whole = rate == rate.to_integral_value()  # may be the ratio rounded to whole percent
    delta = Decimal(rng.choice((2, 5, 10) if whole else (1, 2, 5, 10)))
    new = rate - delta if rate - delta > rs.audit.near_zero_rate else rate + delta
    new = new.quantize(unit_of(rate))
    if isinstance(form, LegacySelfEvaluation):
        changed: Form = form.model_copy(
            update={"legacy": form.legacy.model_copy(update={"rate": new})}
        )
    else:
        assert isinstance(form, SelfEvaluation)
        changed = fund_row(form, "total", rate=new)
    return Injection(changed, field, f"执行率 {rate}% 改为 {new}%")


def _has_rate_inputs(form: Form) -> bool:
    if isinstance(form, LegacySelfEvaluation):
        budget, executed = form.legacy.budget, form.legacy.executed
    else:
        assert isinstance(form, SelfEvaluation)
        budget, executed = form.funds.total.adjusted, form.funds.total.executed
    return executed is not None and budget is not None and budget > 0


def executed_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    """全年执行数 lowered (in the total and the 当年财政拨款 row alike), rates left as printed."""
    if not isinstance(form, SelfEvaluation):
        return None
    row, part = form.funds.total, form.funds.appropriation
    if row.executed is None or row.rate is None or not row.adjusted or row.executed <= 0:
        return None
    share = Decimal(rng.choice(("0.5", "0.7", "0.8")))
    new = at_precision(row.executed * share, row.executed)
    if row.rate * share <= rs.audit.near_zero_rate:
        return None
    changed = fund_row(form, "total", executed=new)
    if part.executed is not None and part.executed >= row.executed - new:
        changed = fund_row(changed, "appropriation", executed=part.executed - (row.executed - new))
    return Injection(
        changed, "funds.total.rate", f"全年执行数 {row.executed} 改为 {new}，执行率仍印 {row.rate}%"
    )


def budget_score_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    row = form.funds.total
    if row.score is None or row.weight is None or row.rate is None or row.score < 2:
        return None
    delta = max(Decimal(1), at_precision(row.score * Decimal("0.3"), row.score))
    changed = shift_total(fund_row(form, "total", score=row.score - delta), -delta, rs)
    return Injection(
        changed, "funds.total.score", f"预算执行得分 {row.score} 改为 {row.score - delta}"
    )


def sub_rows_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    total, part = form.funds.total.initial, form.funds.appropriation.initial
    if total is None or part is None or total <= 0:
        return None
    delta = max(unit_of(total) * 10, at_precision(total / 10, total))
    changed = fund_row(form, "appropriation", initial=part + delta)
    return Injection(
        changed, "funds.total.initial", f"当年财政拨款年初预算数 {part} 改为 {part + delta}"
    )


def idle_budget(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    row = form.funds.total
    outputs = [r for r in form.indicators if r.level1 and "产出" in r.level1]
    if not outputs or not all(
        r.weight and r.score is not None and r.score >= r.weight for r in outputs
    ):
        return None
    if row.executed is None or row.rate is None or row.score is None or not row.adjusted:
        return None
    changed: Form = form
    for key in ("total", "appropriation", "carryover", "other"):
        sub = getattr(form.funds, key)
        zero = {
            f: Decimal(0).quantize(unit_of(v))
            for f in ("executed", "rate", "score")
            if (v := getattr(sub, f)) is not None
        }
        assert isinstance(changed, SelfEvaluation)
        changed = fund_row(changed, key, **zero)
    changed = shift_total(changed, -row.score, rs)
    return Injection(
        changed,
        "funds.total.rate",
        f"全年执行数 {row.executed} 改为 0（执行率 0%），产出指标仍全部满分",
    )


def budget_above_weight(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    row = form.funds.total
    if row.score is None or row.weight is None:
        return None
    delta = max(Decimal(1), row.weight - row.score + 1)
    changed = shift_total(fund_row(form, "total", score=row.score + delta), delta, rs)
    return Injection(
        changed,
        "funds.total.score",
        f"预算执行得分 {row.score} 改为 {row.score + delta}（分值 {row.weight}）",
    )


def negative_amount(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    key = rng.choice(("initial", "adjusted", "executed"))
    value = getattr(form.funds.total, key)
    if value is None or value <= 0:
        return None
    changed = fund_row(form, "total", **{key: -value})
    return Injection(changed, f"funds.total.{key}", f"年度资金总额的{key}（{value}）改为负数")
