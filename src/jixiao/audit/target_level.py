"""Q006: a target set far below what was done. Reviewers read a target met many times
over (年度指标值 ``≥2次``, 实际完成值 ``42次``) as a target set to be met, not to be
reached for; the ruleset says how many times over is too many
(``[audit] target_low_ratio``). The same measure compares a target declaration with last
year's actuals (X007, :mod:`jixiao.audit.cross_targets`)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from jixiao.audit.locate import row_location
from jixiao.audit.registry import form_check
from jixiao.model import Finding, Form, FundedEvaluation, finding
from jixiao.model.value import Op, ParsedValue
from jixiao.score.explain import number
from jixiao.score.result import FormScore
from jixiao.score.ruleset import Ruleset

__all__ = ["check_low_targets", "times_over"]

_AT_LEAST = (None, Op.EQ, Op.GE, Op.GT)


def times_over(target: ParsedValue | None, actual: ParsedValue | None) -> Decimal | None:
    """How many times ``actual`` is ``target``: both quantities, the
    target a positive lower bound (``≥``, ``>``, ``=`` or none, not a range) with a unit
    printed, the actual in the same unit (or none) and not an upper bound; else ``None``."""
    if target is None or actual is None or target.kind != "quantity" or actual.kind != "quantity":
        return None
    if target.number is None or actual.number is None or target.number <= 0:
        return None
    if target.op not in _AT_LEAST or actual.op not in _AT_LEAST or target.upper is not None:
        return None
    if not target.unit or (actual.unit is not None and actual.unit != target.unit):
        return None
    return actual.number / target.number


@form_check("Q006")
def check_low_targets(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """Q006 an actual at least ``target_low_ratio`` times its target, in the same unit."""
    if not isinstance(form, FundedEvaluation):
        return
    limit = ruleset.audit.target_low_ratio
    for i, ind in enumerate(form.indicators):
        ratio = times_over(ind.parsed_target, ind.parsed_actual)
        if ratio is not None and ratio >= limit:
            yield finding(
                "Q006",
                row_location(form, i, "target"),
                indicator=ind.name,
                target=ind.target,
                actual=ind.actual,
                ratio=number(ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)),
                limit=number(limit),
            )
