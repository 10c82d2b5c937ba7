"""Where a department's units stand in the cycle, and the due dates of its steps.

:func:`overview` counts the forms of every unit in the user's scope by state (a matrix
of units × states, imported forms in a column of their own); only roles that oversee
(主管部门审核人 and above) see it, scoped like everything else. :func:`set_due_date`
lets 财政 or an administrator set, for a year and kind of form, the date by which forms
waiting in a state should move on (without one, :data:`~jixiao.model.cycle.DEFAULT_DUE_DAYS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from jixiao.errors import UsageError
from jixiao.model.access import Action
from jixiao.model.cycle import CYCLE_KINDS, IMPORTED_LABEL, STATE_LABELS, WAITING_LABELS, State
from jixiao.service.access import Principal, require, store_for
from jixiao.store import Store
from jixiao.store import progress as rows
from jixiao.store.progress import DueDate

__all__ = [
    "CYCLE_KINDS",
    "IMPORTED",
    "DueDate",
    "Overview",
    "clear_due_date",
    "due_dates",
    "overview",
    "overview_forms",
    "set_due_date",
]

IMPORTED = "imported"
"""The column of imported forms (no state in the cycle)."""


@dataclass(frozen=True)
class OverviewRow:
    unit: str | None
    department: str | None
    counts: dict[str, int]
    total: int


@dataclass(frozen=True)
class Overview:
    """Columns ``(key, label)`` (the states, then :data:`IMPORTED`), one row per unit
    (units of the tree with no form too) and the totals per column."""

    columns: list[tuple[str, str]]
    rows: list[OverviewRow]
    totals: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def _kind(kind: str | None) -> str | None:
    if kind is not None and kind not in CYCLE_KINDS:
        raise UsageError("只能是绩效目标表（target_declaration）或自评表（self_evaluation）")
    return kind


def overview(
    store: Store, who: Principal, year: int | None = None, kind: str | None = None
) -> Overview:
    """The states × units matrix of the forms ``who`` sees (of ``year`` and ``kind``)."""
    require(who, Action.OVERSEE)
    seen = store_for(store, who)
    columns = [(s.value, label) for s, label in STATE_LABELS.items()]
    columns.append((IMPORTED, IMPORTED_LABEL))
    counts: dict[tuple[str | None, str | None], dict[str, int]] = {
        (unit, department): {} for unit, department in rows.org_units(seen)
    }
    by_unit: dict[str | None, tuple[str | None, str | None]] = {k[0]: k for k in counts}
    for r in rows.state_counts(seen, year, _kind(kind)):
        key = by_unit.setdefault(r["unit"], (r["unit"], r["department"]))
        cell = counts.setdefault(key, {})
        column = r["state"] or IMPORTED
        cell[column] = cell.get(column, 0) + r["n"]
    out = [
        OverviewRow(unit, department, cells, sum(cells.values()))
        for (unit, department), cells in sorted(
            counts.items(), key=lambda kv: (kv[0][1] or "", kv[0][0] or "")
        )
    ]
    totals = {key: sum(r.counts.get(key, 0) for r in out) for key, _ in columns}
    return Overview(columns, out, totals)


def overview_forms(
    store: Store,
    who: Principal,
    unit: str | None,
    state: str,
    year: int | None = None,
    kind: str | None = None,
) -> list[dict[str, Any]]:
    """The forms behind one cell of the matrix (``state`` a column key)."""
    require(who, Action.OVERSEE)
    if state != IMPORTED and state not in {s.value for s in State}:
        raise UsageError(f"没有这个状态：{state}")
    wanted = None if state == IMPORTED else state
    return rows.forms_in_state(
        store_for(store, who), wanted, unit=unit, year=year, kind=_kind(kind)
    )


def due_dates(store: Store, who: Principal) -> list[DueDate]:
    """The due dates set (anyone who may view forms may read them)."""
    require(who, Action.VIEW)
    return rows.due_dates(store)


def _checked(year: int, kind: str, state: str) -> None:
    _kind(kind)
    if not 1990 <= year <= 2100:
        raise UsageError(f"「{year}」不是年度（如 2024）")
    if state not in {s.value for s in WAITING_LABELS}:
        raise UsageError(f"不能为状态“{state}”设定期限")


def set_due_date(store: Store, who: Principal, year: int, kind: str, state: str, due: date) -> None:
    """Set the date by which forms of ``year`` and ``kind`` waiting in ``state`` are due."""
    require(who, Action.SCHEDULE)
    _checked(year, kind, state)
    rows.set_due_date(store, DueDate(year, kind, state, due))


def clear_due_date(store: Store, who: Principal, year: int, kind: str, state: str) -> bool:
    """Remove a due date (the default applies again); whether there was one."""
    require(who, Action.SCHEDULE)
    _checked(year, kind, state)
    return rows.clear_due_date(store, year, kind, state)
