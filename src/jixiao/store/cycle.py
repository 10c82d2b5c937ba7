"""The management cycle in the database: each form's state and its history.

A step is written in one transaction: the state moves only if it still is the state the
step started from (two reviewers acting at once: the second is told it has moved), and
the transition is appended to the history, which is never changed or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from jixiao.store.drafts import unit_seen
from jixiao.store.filters import current_forms
from jixiao.store.schema import FormRow
from jixiao.store.schema_access import FormStateRow, TransitionRow
from jixiao.store.store import Store

__all__ = [
    "Transition",
    "document_form_ids",
    "history",
    "move",
    "move_in",
    "sees_unit",
    "state_of",
    "waiting",
]


@dataclass(frozen=True)
class Transition:
    """One step of a form: who, when, from which state to which, with what comment."""

    form_id: int
    step: str
    from_state: str | None
    to_state: str
    user_id: int | None
    username: str
    at: datetime
    comment: str


def _state(conn: Connection, form_id: int) -> str | None:
    found = conn.execute(select(FormStateRow.state).where(FormStateRow.form_id == form_id))
    return found.scalar()


def state_of(store: Store, form_id: int) -> str | None:
    """The state of form ``form_id``, ``None`` when it never entered the cycle."""
    with store.engine.connect() as conn:
        return _state(conn, form_id)


def move(store: Store, transition: Transition) -> bool:
    """Take ``transition`` if the form is still in its ``from_state`` (``None``: not yet
    in the cycle); whether it was taken."""
    with store.engine.begin() as conn:
        return move_in(conn, transition)


def move_in(conn: Connection, transition: Transition) -> bool:
    """:func:`move` inside the caller's transaction (nothing written when not taken)."""
    t = transition
    if t.from_state is None:
        if _state(conn, t.form_id) is not None:
            return False
        conn.execute(insert(FormStateRow).values(form_id=t.form_id, state=t.to_state, since=t.at))
    else:
        done = conn.execute(
            update(FormStateRow)
            .where(FormStateRow.form_id == t.form_id, FormStateRow.state == t.from_state)
            .values(state=t.to_state, since=t.at)
        )
        if done.rowcount == 0:
            return False
    conn.execute(insert(TransitionRow).values(**t.__dict__))
    return True


def history(store: Store, form_id: int) -> list[Transition]:
    """Every step form ``form_id`` took, oldest first."""
    columns = [getattr(TransitionRow, name) for name in Transition.__dataclass_fields__]
    query = (
        select(*columns)
        .where(TransitionRow.form_id == form_id)
        .order_by(TransitionRow.at, TransitionRow.id)
    )
    with store.engine.connect() as conn:
        return [Transition(**r._mapping) for r in conn.execute(query)]


def waiting(store: Store, states: frozenset[str]) -> list[dict[str, Any]]:
    """The forms (the store sees) in one of ``states``: ``id``, ``kind``, ``year``,
    ``project``, ``unit``, ``department``, ``state`` and ``since``, longest waiting first."""
    if not states:
        return []
    seen = [store.visibility.form_condition()] if store.visibility is not None else []
    query = (
        select(
            FormRow.id,
            FormRow.kind,
            FormRow.year,
            FormRow.project,
            FormRow.unit,
            FormRow.department,
            FormStateRow.state,
            FormStateRow.since,
        )
        .join(FormStateRow, FormStateRow.form_id == FormRow.id)
        .where(FormStateRow.state.in_(sorted(states)), current_forms(), *seen)
        .order_by(FormStateRow.since, FormRow.id)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def sees_unit(store: Store, unit: str | None) -> bool:
    """Whether the store sees the forms of unit ``unit`` (an unscoped store: every unit;
    a scoped one: not a blank unit)."""
    if store.visibility is None:
        return True
    with store.engine.connect() as conn:
        return unit_seen(conn, unit, store.visibility)


def document_form_ids(store: Store, document_id: int) -> list[int]:
    """The ids of a stored document's forms, in their order."""
    query = select(FormRow.id).where(FormRow.document_id == document_id).order_by(FormRow.position)
    with store.engine.connect() as conn:
        return list(conn.execute(query).scalars())
