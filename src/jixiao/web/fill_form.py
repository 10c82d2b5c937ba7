"""填报: the editor's fields ↔ the model, with validation in Chinese.

Every input of the editor is named by the model's dotted field path — ``project``,
``funds.total.executed``, ``target_meta.goal``, ``indicators.3.actual`` — the same
path a finding's :attr:`~jixiao.model.Location.field` names, so a finding lands on its
input. :func:`form_from_fields` builds a :class:`SelfEvaluation` or
:class:`TargetDeclaration` from the posted fields (numbers parsed as ``Decimal``; text
that is not a number leaves the field empty and an error keyed by the field's name);
:func:`fields_from_form` gives the fields of a form back. Indicator rows are numbered
in the order they are posted, whatever numbers the browser used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from jixiao.model import (
    TARGET_AMOUNTS,
    FundRow,
    Funds,
    Indicator,
    SelfEvaluation,
    Source,
    TargetDeclaration,
    TargetMeta,
)
from jixiao.model.fields import form_fields as fields_from_form
from jixiao.model.fields import row_fields
from jixiao.model.funds import FUND_ROWS
from jixiao.service import parse_number, parse_percent

__all__ = [
    "DRAFT_SOURCE",
    "EDITABLE_KINDS",
    "EditKind",
    "Edited",
    "blank_form",
    "editable_copy",
    "fields_from_form",
    "form_from_fields",
    "row_fields",
    "self_evaluation_from_target",
]

EditKind = Literal["self_evaluation", "target_declaration"]
EDITABLE_KINDS: tuple[EditKind, ...] = ("self_evaluation", "target_declaration")

DRAFT_SOURCE = Source(file="网页填报", lines=(1, 1))
"""The provenance of a form typed in the browser."""

_ROW_NUMBERS = frozenset({"weight", "score"})
_FUND_AMOUNTS = ("initial", "adjusted", "executed")
_META_TEXT = (
    "category",
    "start",
    "end",
    "perf_type",
    "overview",
    "basis",
    "necessity",
    "measures",
    "plan",
    "goal",
)
_HEADER = ("project", "department", "unit")
_MONEY_UNITS = ("元", "万元")
_ROW_KEY = re.compile(r"^indicators\.(\d+)\.(\w+)$")
_SKELETON = (
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("产出指标", "成本指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
)
"""The rows a new form starts with (the usual 一级/二级 indicators)."""


@dataclass(frozen=True)
class Edited:
    """The form built from the editor's fields, the errors by field, the fields as typed
    (rows renumbered in posted order) and the number of indicator rows."""

    form: SelfEvaluation | TargetDeclaration
    errors: dict[str, str]
    values: dict[str, str]
    rows: int


class _Reader:
    """Reads posted text into model values, collecting errors by field name."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.errors: dict[str, str] = {}

    def text(self, name: str) -> str | None:
        return self.values.get(name, "").strip() or None

    def number(self, name: str, *, percent: bool = False, signed: bool = False) -> Decimal | None:
        raw = self.text(name)
        try:
            value = parse_percent(raw) if percent else parse_number(raw)
        except ValueError:
            self.errors[name] = f"「{raw}」不是数字"
            return None
        if value is not None and value < 0 and not signed:
            self.errors[name] = "不能为负数"
            return None
        return value

    def year(self) -> int | None:
        raw = self.text("year")
        if raw is None:
            return None
        if not re.fullmatch(r"\d{4}", raw) or not 1990 <= int(raw) <= 2100:
            self.errors["year"] = f"「{raw}」不是年份（如 2024）"
            return None
        return int(raw)

    def choice(self, name: str, allowed: Iterable[str]) -> str | None:
        raw = self.text(name)
        if raw is not None and raw not in allowed:
            self.errors[name] = f"只能是 {'、'.join(allowed)}"
            return None
        return raw


def _renumbered(pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, str], int]:
    """The posted fields with indicator rows numbered 0, 1, … in the order posted."""
    values: dict[str, str] = {}
    positions: dict[str, int] = {}
    for key, value in pairs:
        match = _ROW_KEY.match(key)
        if match:
            number, field = match.groups()
            position = positions.setdefault(number, len(positions))
            key = f"indicators.{position}.{field}"
        values[key] = value
    return values, len(positions)


def form_from_fields(kind: str, pairs: Iterable[tuple[str, str]]) -> Edited:
    """The form of ``kind`` the posted ``(name, value)`` pairs describe."""
    values, n_rows = _renumbered(pairs)
    read = _Reader(values)
    common: dict[str, Any] = {
        "year": read.year(),
        "money_unit": read.choice("money_unit", _MONEY_UNITS),
        "source": DRAFT_SOURCE,
        **{name: read.text(name) for name in _HEADER},
    }
    fields = row_fields(kind)
    rows = tuple(
        Indicator(
            **{
                f: (read.number(key) if f in _ROW_NUMBERS else read.text(key))
                for f in fields
                for key in [f"indicators.{i}.{f}"]
            }
        )
        for i in range(n_rows)
    )
    form: SelfEvaluation | TargetDeclaration
    if kind == "target_declaration":
        meta = TargetMeta(
            gov_purchase={"是": True, "否": False}.get(read.text("target_meta.gov_purchase") or ""),
            **{f: read.text(f"target_meta.{f}") for f in _META_TEXT},
            **{f: read.number(f"target_meta.{f}") for f in TARGET_AMOUNTS},
        )
        form = TargetDeclaration(**common, indicators=rows, target_meta=meta)
    else:
        funds = Funds(**{row: _fund_row(read, row) for row in FUND_ROWS})
        form = SelfEvaluation(
            **common,
            indicators=rows,
            funds=funds,
            goal_expected=read.text("goal_expected"),
            goal_actual=read.text("goal_actual"),
            total_weight=read.number("total_weight"),
            total_score=read.number("total_score"),
            grade=read.text("grade"),
        )
    return Edited(form, read.errors, values, n_rows)


def _fund_row(read: _Reader, row: str) -> FundRow:
    prefix = f"funds.{row}."
    amounts = {c: read.number(prefix + c) for c in _FUND_AMOUNTS}
    return FundRow(
        **amounts,
        rate=read.number(prefix + "rate", percent=True),
        weight=read.number(prefix + "weight") if row == "total" else None,
        score=read.number(prefix + "score") if row == "total" else None,
    )


def blank_form(kind: EditKind, year: int | None = None) -> SelfEvaluation | TargetDeclaration:
    """A new form of ``kind`` with the usual indicator rows and, for a self-evaluation,
    the 预算执行率 weight of 10 points."""
    rows = tuple(Indicator(level1=l1, level2=l2) for l1, l2 in _SKELETON)
    if kind == "target_declaration":
        return TargetDeclaration(year=year, money_unit="万元", indicators=rows, source=DRAFT_SOURCE)
    funds = Funds(total=FundRow(weight=Decimal(10)))
    return SelfEvaluation(
        year=year,
        money_unit="万元",
        indicators=rows,
        funds=funds,
        total_weight=Decimal(100),
        source=DRAFT_SOURCE,
    )


def editable_copy(form: SelfEvaluation | TargetDeclaration) -> SelfEvaluation | TargetDeclaration:
    """A stored form as the start of a new one typed in the browser: the same content,
    without parse findings and source lines."""
    rows = tuple(r.model_copy(update={"lines": None}) for r in form.indicators)
    return form.model_copy(update={"source": DRAFT_SOURCE, "findings": (), "indicators": rows})


def self_evaluation_from_target(target: TargetDeclaration) -> SelfEvaluation:
    """A new self-evaluation of the project ``target`` declares: header, the declared
    goal as 预期目标, the current budget as 年初/全年预算数, every row with its target."""
    budget = target.budget.adjusted  # the year's budget
    rows = tuple(
        Indicator(level1=r.level1, level2=r.level2, name=r.name, target=r.target)
        for r in target.indicators
    )
    return SelfEvaluation(
        year=target.year,
        project=target.project,
        department=target.department,
        unit=target.unit,
        money_unit=target.money_unit,
        funds=Funds(total=FundRow(initial=budget, adjusted=budget, weight=Decimal(10))),
        goal_expected=target.target_meta.goal,
        indicators=rows,
        total_weight=Decimal(100),
        source=DRAFT_SOURCE,
    )
