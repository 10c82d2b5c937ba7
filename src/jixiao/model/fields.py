"""A form as the fields a person types and reads — ``project``, ``funds.total.executed``,
``target_meta.goal``, ``indicators.3.target`` (the dotted paths a finding's
:attr:`~jixiao.model.Location.field` names) — and the difference of two versions of a
form field by field (what a unit changed when it resubmitted a returned form).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.forms import Form, SelfEvaluation, TargetDeclaration
from jixiao.model.funds import FUND_ROWS
from jixiao.model.labels import field_label

__all__ = ["FieldChange", "field_changes", "form_fields", "row_fields"]

_SELF_ROW = ("level1", "level2", "name", "target", "actual", "weight", "score", "note")
_TARGET_ROW = ("level1", "level2", "name", "target")
_HEADER = ("project", "department", "unit")
_SELF_TOTALS = ("goal_expected", "goal_actual", "total_weight", "total_score", "grade")


def row_fields(kind: str) -> tuple[str, ...]:
    """The fields of an indicator row of a form of ``kind`` (as the 填报 editor has them)."""
    return _TARGET_ROW if kind == "target_declaration" else _SELF_ROW


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def form_fields(form: Form) -> dict[str, str]:
    """Every field of ``form`` a person fills in, as text (``""`` when empty), in the
    order of the official table."""
    out: dict[str, str] = {"year": _text(form.year), "money_unit": _text(form.money_unit)}
    out.update({name: _text(getattr(form, name)) for name in _HEADER})
    if isinstance(form, SelfEvaluation):
        for row in FUND_ROWS:
            for column, value in getattr(form.funds, row).model_dump().items():
                out[f"funds.{row}.{column}"] = _text(value)
        out.update({name: _text(getattr(form, name)) for name in _SELF_TOTALS})
    if isinstance(form, TargetDeclaration):
        for name, value in form.target_meta.model_dump().items():
            out[f"target_meta.{name}"] = _text(value)
    for i, indicator in enumerate(form.indicators):
        for name in row_fields(form.kind):
            out[f"indicators.{i}.{name}"] = _text(getattr(indicator, name))
    return out


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between two versions: its path, its caption
    (``第 2 项指标·年度指标值``), the old text and the new (``""``: empty)."""

    field: str
    label: str
    old: str
    new: str


def field_changes(old: Form, new: Form) -> list[FieldChange]:
    """The fields whose text differs from ``old`` to ``new``, in the new form's order
    (then the fields only the old one had: rows removed). Rows are compared by position."""
    before, after = form_fields(old), form_fields(new)
    names = [*after, *(name for name in before if name not in after)]
    return [
        FieldChange(name, field_label(name), before.get(name, ""), after.get(name, ""))
        for name in names
        if before.get(name, "") != after.get(name, "")
    ]
