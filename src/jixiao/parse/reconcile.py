"""The sums a self-evaluation prints: Σ indicator scores + budget score = 总分 and
Σ weights + budget weight = 总分值.

Pure arithmetic, no findings: the audit (:mod:`jixiao.audit.arithmetic`) turns a sum that
does not match into A001/A002, and the OCR digit resolver
(:mod:`jixiao.parse.layouts.grid._digits`) uses :func:`adds_up` to choose a reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import Form, FundedEvaluation, LegacySelfEvaluation

__all__ = ["FormSum", "adds_up", "form_sums", "sum_or_none"]


def sum_or_none(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum, or ``None`` when any value is missing."""
    total = Decimal(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


@dataclass(frozen=True)
class FormSum:
    """One printed total and the parts it should be the sum of.

    ``field`` is ``total_score`` (Σ scores) or ``total_weight`` (Σ weights); ``rows`` the
    sum over the indicator rows, ``budget`` the budget row's part (0 on legacy forms).
    """

    field: str
    terms: tuple[Decimal, ...]
    rows: Decimal
    budget: Decimal
    printed: Decimal

    @property
    def computed(self) -> Decimal:
        return self.rows + self.budget

    @property
    def diff(self) -> Decimal:
        """Printed minus computed."""
        return self.printed - self.computed


def form_sums(form: Form) -> tuple[FormSum, ...]:
    """The sums of ``form`` that can be checked (every part and the total printed)."""
    if not isinstance(form, FundedEvaluation | LegacySelfEvaluation):
        return ()
    budget_row = form.funds.total if isinstance(form, FundedEvaluation) else None
    found: list[FormSum] = []
    for field, part, printed in (
        ("total_score", "score", form.total_score),
        ("total_weight", "weight", form.total_weight),
    ):
        values = [getattr(r, part) for r in form.indicators]
        rows = sum_or_none(values)
        budget = getattr(budget_row, part) if budget_row else Decimal(0)
        if rows is None or budget is None or printed is None:
            continue
        terms = tuple(v for v in values if v is not None)
        if budget_row:
            terms += (budget,)
        found.append(FormSum(field, terms, rows, budget, printed))
    return tuple(found)


def adds_up(form: Form) -> bool:
    """Whether every checkable sum of ``form`` matches its printed total exactly."""
    return all(s.diff == 0 for s in form_sums(form))
