"""Where the units stand in the cycle: forms counted by unit and state, the forms of one
unit in one state, the units of the organisation tree, and the due dates of the steps.

Counts, lists and units keep to the store's visibility (a department's reviewer sees
its units only); the due dates are the same for everyone (set behind an action check).
A form with no state row was imported: its state is ``None`` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, delete, func, insert, select

from jixiao.model.cycle import CYCLE_KINDS
from jixiao.store.filters import current_forms
from jixiao.store.schema import FormRow
from jixiao.store.schema_access import FormStateRow, OrgUnitRow
from jixiao.store.schema_cycle import DueDateRow
from jixiao.store.store import Store

__all__ = [
    "DueDate",
    "clear_due_date",
    "due_dates",
    "forms_in_state",
    "org_units",
    "set_due_date",
    "state_counts",
]


@dataclass(frozen=True)
class DueDate:
    """The date by which forms of ``year`` and ``kind`` waiting in ``state`` should move on."""

    year: int
    kind: str
    state: str
    due: date


def _conditions(store: Store, year: int | None, kind: str | None) -> list[ColumnElement[bool]]:
    out = [FormRow.kind.in_(CYCLE_KINDS) if kind is None else FormRow.kind == kind, current_forms()]
    if year is not None:
        out.append(FormRow.year == year)
    if store.visibility is not None:
        out.append(store.visibility.form_condition())
    return out


def state_counts(
    store: Store, year: int | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    """``unit``, ``department``, ``state`` (``None``: imported) and ``n``: the forms
    (of ``year`` and ``kind``, if given) the store sees, counted."""
    query = (
        select(FormRow.unit, FormRow.department, FormStateRow.state, func.count().label("n"))
        .outerjoin(FormStateRow, FormStateRow.form_id == FormRow.id)
        .where(*_conditions(store, year, kind))
        .group_by(FormRow.unit, FormRow.department, FormStateRow.state)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def forms_in_state(
    store: Store,
    state: str | None,
    *,
    unit: str | None,
    year: int | None = None,
    kind: str | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    """The forms the store sees of ``unit`` (``None``: no unit named) in ``state``
    (``None``: imported): ``id``, ``kind``, ``year``, ``project``, ``since``."""
    where = _conditions(store, year, kind)
    where.append(FormRow.unit.is_(None) if unit is None else FormRow.unit == unit)
    where.append(FormStateRow.state.is_(None) if state is None else FormStateRow.state == state)
    query = (
        select(FormRow.id, FormRow.kind, FormRow.year, FormRow.project, FormStateRow.since)
        .outerjoin(FormStateRow, FormStateRow.form_id == FormRow.id)
        .where(*where)
        .order_by(FormRow.year.desc(), FormRow.project, FormRow.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def org_units(store: Store) -> list[tuple[str, str]]:
    """``(unit, department)`` of the organisation tree the store sees, by department."""
    query = select(OrgUnitRow.name, OrgUnitRow.department).order_by(
        OrgUnitRow.department, OrgUnitRow.name
    )
    if store.visibility is not None:
        query = query.where(store.visibility.unit_condition(OrgUnitRow.name, OrgUnitRow.department))
    with store.engine.connect() as conn:
        return [(r.name, r.department) for r in conn.execute(query)]


def due_dates(store: Store) -> list[DueDate]:
    """Every due date set, newest year first."""
    query = select(DueDateRow.year, DueDateRow.kind, DueDateRow.state, DueDateRow.due).order_by(
        DueDateRow.year.desc(), DueDateRow.kind, DueDateRow.state
    )
    with store.engine.connect() as conn:
        return [DueDate(**r._mapping) for r in conn.execute(query)]


def _where(year: int, kind: str, state: str) -> list[ColumnElement[bool]]:
    return [DueDateRow.year == year, DueDateRow.kind == kind, DueDateRow.state == state]


def set_due_date(store: Store, due: DueDate) -> None:
    """Set (or move) the due date of ``due``'s year, kind and state."""
    with store.engine.begin() as conn:
        conn.execute(delete(DueDateRow).where(*_where(due.year, due.kind, due.state)))
        conn.execute(insert(DueDateRow).values(**due.__dict__))


def clear_due_date(store: Store, year: int, kind: str, state: str) -> bool:
    """Remove a due date (the default applies again); whether there was one."""
    with store.engine.begin() as conn:
        return conn.execute(delete(DueDateRow).where(*_where(year, kind, state))).rowcount > 0
