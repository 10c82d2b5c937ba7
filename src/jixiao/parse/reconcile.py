"""Does a parsed form add up? Adds A001/A002 findings saying by how much it does not.

Σ indicator scores + budget score = 总分 and Σ weights (+ budget weight) = 总分值.
Run on every parsed form by the registry; a missing number skips the check (the
parser already reported it).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.model import (
    Finding,
    Form,
    LegacySelfEvaluation,
    Location,
    SelfEvaluation,
    finding,
)

__all__ = ["reconcile", "sum_or_none"]


def sum_or_none(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or ``None`` when any value is missing."""
    total = Decimal(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


def reconcile(form: Form) -> Form:
    """Return ``form`` with A001/A002 findings added where its sums do not match."""
    if not isinstance(form, SelfEvaluation | LegacySelfEvaluation):
        return form
    have = {f.code for f in form.findings}
    row = form.funds.total if isinstance(form, SelfEvaluation) else None
    budget_score = row.score if row else Decimal(0)
    budget_weight = row.weight if row else Decimal(0)
    loc = Location(file=form.source.file, lines=form.source.lines)
    new: list[Finding] = []
    scores = sum_or_none(r.score for r in form.indicators)
    weights = sum_or_none(r.weight for r in form.indicators)
    checks = (
        ("A001", "total_score", scores, budget_score, form.total_score),
        ("A002", "total_weight", weights, budget_weight, form.total_weight),
    )
    for code, field, rows, budget, printed in checks:
        if code in have or rows is None or budget is None or printed is None:
            continue
        computed = rows + budget
        if computed != printed:
            extra = {"indicators": rows, "budget": budget} if code == "A001" else {}
            where = loc.model_copy(update={"field": field})
            new.append(
                finding(
                    code,
                    where,
                    computed=computed,
                    printed=printed,
                    diff=printed - computed,
                    **extra,
                )
            )
    if not new:
        return form
    return form.model_copy(update={"findings": (*form.findings, *new)})
