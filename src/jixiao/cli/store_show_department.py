"""``jixiao show`` for the parts only some kinds have: a department form's 年度主要任务,
按支出性质分 and 金额合计, and a target declaration's 中长期 indicator block."""

from __future__ import annotations

from decimal import Decimal

from rich.console import RenderableType
from rich.table import Table

from jixiao.model import DepartmentSelfEvaluation, DepartmentTargetDeclaration, Form
from jixiao.model.department import TASK_AMOUNTS
from jixiao.model.labels import (
    FUND_FIELD_LABELS,
    INDICATOR_FIELD_LABELS,
    SPENDING_ROW_LABELS,
    TASK_FIELD_LABELS,
)

__all__ = ["extra_parts"]

_TEXTS = ("name", "content", "project", "status")


def _s(value: object) -> str:
    if value is None or value == "":
        return "—"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def extra_parts(form: Form) -> list[RenderableType]:
    """The tables for the parts ``form`` has beyond the project forms' (none for those)."""
    parts: list[RenderableType] = []
    tasks = getattr(form, "tasks", ())
    if tasks:
        shown = [f for f in (*_TEXTS, *TASK_AMOUNTS) if any(getattr(t, f) for t in tasks)]
        table = Table(title="年度主要任务", title_justify="left")
        for name in shown:
            justify = "right" if name in TASK_AMOUNTS else "left"
            table.add_column(TASK_FIELD_LABELS[name], justify=justify, overflow="fold")  # type: ignore[arg-type]
        for task in tasks:
            table.add_row(*(_s(getattr(task, name)) for name in shown))
        parts.append(table)
    if isinstance(form, DepartmentTargetDeclaration):
        amounts = "　".join(
            f"{TASK_FIELD_LABELS[n]} {_s(getattr(form.amounts, n))}" for n in TASK_AMOUNTS
        )
        parts.append(Table(title=f"金额合计：{amounts}", title_justify="left", show_header=False))
    if isinstance(form, DepartmentSelfEvaluation | DepartmentTargetDeclaration):
        spending = Table(title="按支出性质分", title_justify="left")
        spending.add_column("")
        columns = ("initial", "adjusted", "executed", "rate")
        for column in columns:
            spending.add_column(FUND_FIELD_LABELS[column], justify="right")
        for key, label in SPENDING_ROW_LABELS.items():
            row = getattr(form.spending, key)
            if any(getattr(row, c) is not None for c in columns):
                spending.add_row(label, *(_s(getattr(row, c)) for c in columns))
        if spending.row_count:
            parts.append(spending)
    long_term = getattr(form, "long_term_indicators", ())
    if long_term:
        table = Table(title="中长期绩效指标", title_justify="left")
        levels = (INDICATOR_FIELD_LABELS[c] for c in ("level1", "level2", "name"))
        for header in (*levels, "指标值"):
            table.add_column(header, overflow="fold")
        for ind in long_term:
            table.add_row(_s(ind.level1), _s(ind.level2), _s(ind.name), _s(ind.target))
        parts.append(table)
    return parts
