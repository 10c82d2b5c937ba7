"""Forms to table rows and back. Every field of the model has a home, so nothing is lost.

``form_from_rows(form_values(f), indicator rows, finding rows)`` equals ``f``, and
``score_from_data(score_data(s), indicator rows)`` equals ``s``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter

from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    DepartmentTask,
    Finding,
    Form,
    FundedEvaluation,
    Indicator,
    LegacySelfEvaluation,
    SelfEvaluation,
)
from jixiao.model import TargetDeclaration as _Target
from jixiao.model.department import TASK_AMOUNTS
from jixiao.model.funds import FUND_ROWS
from jixiao.model.governance import form_key
from jixiao.score.result import FormScore, RowScore
from jixiao.store.schema import FUND_COLUMNS, fund_column, spending_column
from jixiao.store.types import decode_values, encode_values

__all__ = [
    "budget_values",
    "finding_values",
    "form_from_rows",
    "form_values",
    "indicator_values",
    "long_term_values",
    "row_score_values",
    "score_data",
    "score_from_data",
    "score_values",
    "task_values",
]

_FORM: TypeAdapter[Form] = TypeAdapter(Form)
_MODELS: dict[str, type[Any]] = {
    "self_evaluation": SelfEvaluation,
    "legacy_self_evaluation": LegacySelfEvaluation,
    "target_declaration": _Target,
    "department_self_evaluation": DepartmentSelfEvaluation,
    "department_target_declaration": DepartmentTargetDeclaration,
}
_SPENDING_ROWS = ("basic", "project")
_EXTRAS = ("legacy", "target_meta")
_PLAIN = ("goal_expected", "goal_actual", "total_weight", "total_score", "grade")
_ROW_OWN = {"position", "weight", "reported"}
"""What :func:`score_data` keeps of a row score; the rest is in the ``indicators`` columns."""


def form_values(
    form: Form, document_id: int, position: int, score: FormScore | None = None
) -> dict[str, Any]:
    """The ``forms`` row of ``form``, the ``position``-th form of its document."""
    row: dict[str, Any] = {
        "document_id": document_id,
        "position": position,
        "kind": form.kind,
        "year": form.year,
        "project": form.project,
        "project_key": form.project_key,
        "identity_key": form_key(form),
        "department": form.department,
        "unit": form.unit,
        "money_unit": form.money_unit,
        "category": getattr(form, "category", None),
        **budget_values(form),
        "source_file": form.source.file,
        "source_start": form.source.lines[0],
        "source_end": form.source.lines[1],
        "extras": None,
        **score_values(score),
    }
    for name in _PLAIN:
        row[name] = getattr(form, name, None)
    if isinstance(form, DepartmentTargetDeclaration):
        row["goal_expected"] = form.goal  # 年度总体目标: the one goal it prints
    for fund_row in FUND_ROWS:
        amounts = getattr(form.funds, fund_row) if isinstance(form, FundedEvaluation) else None
        for column in FUND_COLUMNS:
            value = getattr(amounts, column) if amounts is not None else None
            row[fund_column(fund_row, column)] = value
    spending = getattr(form, "spending", None)
    for spending_row in _SPENDING_ROWS:
        part = getattr(spending, spending_row) if spending is not None else None
        for column in FUND_COLUMNS:
            row[spending_column(spending_row, column)] = getattr(part, column, None)
    amounts_row = getattr(form, "amounts", None)
    for name in TASK_AMOUNTS:
        row[f"amounts_{name}"] = getattr(amounts_row, name, None)
    extras: dict[str, Any] = {}
    for name in _EXTRAS:
        extra = getattr(form, name, None)
        if extra is not None:
            extras[name] = extra.model_dump(mode="json")
    funds_extra = getattr(form, "funds_extra", None)
    if funds_extra:
        extras["funds_extra"] = {k: v.model_dump(mode="json") for k, v in funds_extra.items()}
    row["extras"] = extras or None
    return row


def budget_values(form: Form) -> dict[str, Any]:
    """``budget_total``/``budget_executed``/``budget_rate`` (see
    :class:`~jixiao.model.budget.BudgetFigures`)."""
    figures = form.budget
    return {
        "budget_total": figures.adjusted,
        "budget_executed": figures.executed,
        "budget_rate": figures.rate,
    }


def score_values(score: FormScore | None) -> dict[str, Any]:
    """The computed-score columns of a ``forms`` row (all ``None`` without a score)."""
    if score is None:
        return {
            "ruleset": None,
            "computed_total": None,
            "computed_grade": None,
            "computed_budget_rate": None,
            "computed_budget_score": None,
        }
    budget = score.budget
    return {
        "ruleset": score.ruleset,
        "computed_total": score.total,
        "computed_grade": score.grade,
        "computed_budget_rate": budget.rate if budget else None,
        "computed_budget_score": budget.computed if budget else None,
    }


def score_data(score: FormScore) -> dict[str, Any]:
    """The ``form_scores.data`` of a score: all but what its rows keep on ``indicators``."""
    return {
        **score.model_dump(mode="json", exclude={"rows"}),
        "rows": [r.model_dump(mode="json", include=_ROW_OWN) for r in score.rows],
    }


def row_score_values(row: RowScore | None) -> dict[str, Any]:
    """The computed-score columns of an ``indicators`` row."""
    return {
        "computed_score": row.computed if row else None,
        "band_low": row.band_low if row else None,
        "band_high": row.band_high if row else None,
        "accepted": row.accepted if row else None,
        "score_method": row.method if row else None,
        "explanation": row.explanation if row else None,
    }


def score_from_data(
    data: Mapping[str, Any] | None, indicators: Sequence[Mapping[str, Any]]
) -> FormScore | None:
    """The :class:`FormScore` kept in ``form_scores.data`` and the form's indicator rows,
    if it was scored (the rows' computed columns live on ``indicators`` only)."""
    if data is None:
        return None
    by_position = {r["position"]: r for r in indicators}
    rows = []
    for own in data.get("rows", ()):
        ind = by_position[own["position"]]
        rows.append(
            {
                **own,
                "method": ind["score_method"],
                "computed": ind["computed_score"],
                "band_low": ind["band_low"],
                "band_high": ind["band_high"],
                "accepted": ind["accepted"],
                "explanation": ind["explanation"],
            }
        )
    return FormScore.model_validate({**data, "rows": rows})


def indicator_values(
    indicator: Indicator, form_id: int, position: int, score: RowScore | None = None
) -> dict[str, Any]:
    """The ``indicators`` row of one indicator (with its computed score, if any)."""
    lines = indicator.lines
    return {
        "form_id": form_id,
        "position": position,
        "level1": indicator.level1,
        "level2": indicator.level2,
        "name": indicator.name,
        "target": indicator.target,
        "actual": indicator.actual,
        "weight": indicator.weight,
        "score": indicator.score,
        "note": indicator.note,
        "line_start": lines[0] if lines else None,
        "line_end": lines[1] if lines else None,
        **row_score_values(score),
    }


def task_values(task: DepartmentTask, form_id: int, position: int) -> dict[str, Any]:
    """The ``department_tasks`` row of one 年度主要任务."""
    lines = task.lines
    return {
        "form_id": form_id,
        "position": position,
        **task.model_dump(exclude={"lines"}),
        "line_start": lines[0] if lines else None,
        "line_end": lines[1] if lines else None,
    }


def long_term_values(indicator: Indicator, form_id: int, position: int) -> dict[str, Any]:
    """The ``long_term_indicators`` row of one 中长期 indicator."""
    values = indicator_values(indicator, form_id, position)
    return {k: v for k, v in values.items() if k in _LONG_TERM_COLUMNS}


_LONG_TERM_COLUMNS = frozenset(
    {"form_id", "position", "level1", "level2", "name", "target", "actual"}
    | {"weight", "score", "note", "line_start", "line_end"}
)


def finding_values(item: Finding, form_id: int, position: int) -> dict[str, Any]:
    """The ``findings`` row of one finding."""
    loc = item.location
    return {
        "form_id": form_id,
        "position": position,
        "code": item.code,
        "severity": item.severity.value,
        "message": item.message,
        "file": loc.file,
        "line_start": loc.lines[0] if loc.lines else None,
        "line_end": loc.lines[1] if loc.lines else None,
        "row": loc.row,
        "field": loc.field,
        "values": encode_values(dict(item.values)),
    }


def form_from_rows(
    form: Mapping[str, Any],
    indicators: Sequence[Mapping[str, Any]],
    findings: Sequence[Mapping[str, Any]],
    tasks: Sequence[Mapping[str, Any]] = (),
    long_term: Sequence[Mapping[str, Any]] = (),
) -> Form:
    """Rebuild the model from its ``forms`` row and its rows, in ``position`` order
    (``tasks`` of a department form, the 中长期 ``long_term`` rows of a declaration)."""
    kind = str(form["kind"])
    fields = _MODELS[kind].model_fields
    data: dict[str, Any] = {
        "kind": kind,
        "year": form["year"],
        "project": form["project"],
        "department": form["department"],
        "unit": form["unit"],
        "money_unit": form["money_unit"],
        "source": {
            "file": form["source_file"],
            "lines": (form["source_start"], form["source_end"]),
        },
        "indicators": [_indicator(r) for r in sorted(indicators, key=lambda r: r["position"])],
        "findings": [_finding(r) for r in sorted(findings, key=lambda r: r["position"])],
    }
    for name in _PLAIN:
        if name in fields:
            data[name] = form[name]
    if "funds" in fields:
        data["funds"] = {
            fund_row: {c: form[fund_column(fund_row, c)] for c in FUND_COLUMNS}
            for fund_row in FUND_ROWS
        }
    if "spending" in fields:
        data["spending"] = {
            part: {c: form.get(spending_column(part, c)) for c in FUND_COLUMNS}
            for part in _SPENDING_ROWS
        }
    if "amounts" in fields:
        data["amounts"] = {name: form.get(f"amounts_{name}") for name in TASK_AMOUNTS}
    if "goal" in fields:
        data["goal"] = form["goal_expected"]
    if "tasks" in fields:
        data["tasks"] = [_task(r) for r in sorted(tasks, key=lambda r: r["position"])]
    if "long_term_indicators" in fields:
        data["long_term_indicators"] = [
            _indicator(r) for r in sorted(long_term, key=lambda r: r["position"])
        ]
    if "category" in fields:
        data["category"] = form.get("category")
    extras = form["extras"] or {}
    for name in (*_EXTRAS, "funds_extra"):
        if name in fields and name in extras:
            data[name] = extras[name]
    return _FORM.validate_python(data)


def _lines(row: Mapping[str, Any]) -> tuple[int, int] | None:
    start, end = row["line_start"], row["line_end"]
    return None if start is None or end is None else (start, end)


def _indicator(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "level1": row["level1"],
        "level2": row["level2"],
        "name": row["name"],
        "target": row["target"],
        "actual": row["actual"],
        "weight": row["weight"],
        "score": row["score"],
        "note": row["note"],
        "lines": _lines(row),
    }


def _task(row: Mapping[str, Any]) -> dict[str, Any]:
    names = ("name", "content", "project", "status", *TASK_AMOUNTS)
    return {**{name: row[name] for name in names}, "lines": _lines(row)}


def _finding(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": row["code"],
        "severity": row["severity"],
        "message": row["message"],
        "location": {
            "file": row["file"],
            "lines": _lines(row),
            "row": row["row"],
            "field": row["field"],
        },
        "values": decode_values(row["values"]),
    }
