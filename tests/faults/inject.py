"""Editing a form to plant one anomaly: the building blocks of :mod:`.anomalies`.

Each edit keeps everything else on the form consistent (a raised row score raises the
printed 总分 by as much, and the printed grade follows the total when it did before), so
the audit should report exactly the planted problem and nothing new at error level.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from random import Random
from typing import Any

from jixiao.audit.precision import unit_of
from jixiao.model import Form, FundRow, Indicator, LegacySelfEvaluation, SelfEvaluation
from jixiao.score.explain import number
from jixiao.score.result import FormScore, RowScore
from jixiao.score.ruleset import Ruleset, grade_in

__all__ = [
    "Anomaly",
    "Injection",
    "Injector",
    "at_precision",
    "fund_row",
    "pick",
    "quantity_text",
    "rescore_row",
    "restate_actual",
    "row_name",
    "scored_rows",
    "set_row",
    "shift_total",
]


@dataclass(frozen=True)
class Injection:
    """A form with one planted anomaly, the field where its finding is expected and a
    Chinese line saying what was changed."""

    form: Form
    field: str
    detail: str


Injector = Callable[[Form, FormScore, Ruleset, Random], Injection | None]
"""Plant one anomaly in a form (scored under its ruleset), rows chosen with the given
random source; ``None`` when the form has no place for it."""


@dataclass(frozen=True)
class Anomaly:
    """One kind of anomaly: ``code`` is the finding that must report it; ``companions``
    are other error codes it may rightly add at the same place (a score above its weight
    is also above the computed score)."""

    name: str
    label: str
    code: str
    inject: Injector
    companions: frozenset[str] = frozenset()


def at_precision(value: Decimal, like: Decimal) -> Decimal:
    """``value`` printed with the digits of ``like`` (truncated)."""
    return value.quantize(unit_of(like), rounding=ROUND_DOWN)


def quantity_text(value: Decimal, unit: str | None, like: str | None = None) -> str:
    """A 实际完成值 cell as forms print it: ``50人``, ``95%``; ``50.00(人)`` when the
    target ``like`` puts its unit in brackets."""
    if unit and like and f"({unit})" in like:
        return f"{number(value)}({unit})"
    return f"{number(value)}{unit or ''}"


def scored_rows(
    form: Form, score: FormScore, keep: Callable[[Indicator, RowScore], bool]
) -> list[int]:
    """Positions of the rows with a weight and a reported score that ``keep`` accepts."""
    return [
        r.position
        for r in score.rows
        if r.weight is not None
        and r.weight > 0
        and r.reported is not None
        and keep(form.indicators[r.position], r)
    ]


def row_name(form: Form, position: int) -> str:
    """``第 3 行「培训人数」``: how a planted change names its row."""
    return f"第 {position + 1} 行「{form.indicators[position].name or '（无名称）'}」"


def pick(rng: Random, positions: list[int]) -> int | None:
    """One of ``positions`` at random, ``None`` when there is none."""
    return rng.choice(positions) if positions else None


def set_row(form: Form, position: int, **changes: Any) -> Form:
    """``form`` with row ``position`` changed."""
    rows = list(form.indicators)
    rows[position] = rows[position].model_copy(update=changes)
    return form.model_copy(update={"indicators": tuple(rows)})


def shift_total(form: Form, delta: Decimal, ruleset: Ruleset) -> Form:
    """``form`` with its printed 总分 moved by ``delta``; a printed grade that agreed
    with the old total is changed to the one the new total earns."""
    if not isinstance(form, SelfEvaluation | LegacySelfEvaluation) or form.total_score is None:
        return form
    old = form.total_score
    new = old + delta
    update: dict[str, Any] = {"total_score": new}
    names = _grade_names(form, ruleset)
    if form.grade is not None and names and names(old) == form.grade:
        update["grade"] = names(new)
    if isinstance(form, LegacySelfEvaluation) and form.legacy.grade_stated == form.grade:
        grade = update.get("grade", form.grade)
        update["legacy"] = form.legacy.model_copy(update={"grade_stated": grade})
    return form.model_copy(update=update)


def _grade_names(form: Form, ruleset: Ruleset) -> Callable[[Decimal], str] | None:
    if isinstance(form, LegacySelfEvaluation) and form.legacy.grade_rule:
        bands = [(b.grade, b.min_score) for b in form.legacy.grade_rule]
        return lambda total: grade_in(bands, total)
    return ruleset.grade_for


def rescore_row(
    form: Form, position: int, score: Decimal, ruleset: Ruleset, detail: str, **changes: Any
) -> Injection:
    """Row ``position`` given ``score`` (and ``changes``), the printed 总分 moved by as much:
    the anomaly is expected at the row's score."""
    old = form.indicators[position].score or Decimal(0)
    changed = set_row(form, position, score=score, **changes)
    changed = shift_total(changed, score - old, ruleset)
    return Injection(changed, f"indicators.{position}.score", detail)


def restate_actual(form: Form, position: int, actual: str, detail: str) -> Injection:
    """Row ``position`` with a new 实际完成值 and its score kept: the anomaly is expected
    at the row's score."""
    changed = set_row(form, position, actual=actual)
    return Injection(changed, f"indicators.{position}.score", detail)


def fund_row(form: SelfEvaluation, key: str, **changes: Any) -> SelfEvaluation:
    """``form`` with one funding row (``total``, ``appropriation`` …) changed."""
    row: FundRow = getattr(form.funds, key)
    funds = form.funds.model_copy(update={key: row.model_copy(update=changes)})
    return form.model_copy(update={"funds": funds})
