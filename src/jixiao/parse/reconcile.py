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
    new: list[Finding] = []
    budget_score = form.funds.total.score if isinstance(form, SelfEvaluation) else Decimal(0)
    budget_weight = form.funds.total.weight if isinstance(form, SelfEvaluation) else Decimal(0)
    loc = Location(file=form.source.file, lines=form.source.lines)
    scores = sum_or_none(r.score for r in form.indicators)
    if "A001" not in have and scores is not None and budget_score is not None:
        computed = scores + budget_score
        printed = form.total_score
        if printed is not None and computed != printed:
            new.append(
                finding(
                    "A001",
                    loc.model_copy(update={"field": "total_score"}),
                    indicators=scores,
                    budget=budget_score,
                    computed=computed,
                    printed=printed,
                    diff=printed - computed,
                )
            )
    weights = sum_or_none(r.weight for r in form.indicators)
    if "A002" not in have and weights is not None and budget_weight is not None:
        computed = weights + budget_weight
        printed = form.total_weight
        if printed is not None and computed != printed:
            new.append(
                finding(
                    "A002",
                    loc.model_copy(update={"field": "total_weight"}),
                    computed=computed,
                    printed=printed,
                    diff=printed - computed,
                )
            )
    if not new:
        return form
    return form.model_copy(update={"findings": (*form.findings, *new)})
