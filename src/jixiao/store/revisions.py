"""Versions of a form in the cycle and the comments pinned to its cells.

A form is stored as version 1 when submitted; a returned form resubmitted changed is
rewritten in place (same id, so its state and history carry on) and the new content
kept as the next version, with the step, in one transaction. Every version stays in
``form_versions`` as the interchange format; comments are never changed or deleted.
The callers (:mod:`jixiao.service.revisions`) have checked the form is in scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from jixiao.model import Form
from jixiao.score.result import FormScore
from jixiao.store.cycle import Transition, move_in
from jixiao.store.save import rewrite_form
from jixiao.store.schema_cycle import CellCommentRow, FormVersionRow
from jixiao.store.store import Store

__all__ = [
    "CellComment",
    "Version",
    "add_version",
    "comments",
    "resubmit",
    "step_with_comments",
    "versions",
]


@dataclass(frozen=True)
class Version:
    """A version of a form: its number (1, 2, …), the form as interchange JSON, who
    stored it and when."""

    form_id: int
    version: int
    data: str
    user_id: int | None
    username: str
    at: datetime


@dataclass(frozen=True)
class CellComment:
    """A reviewer's comment on field ``field`` of version ``version`` of a form."""

    form_id: int
    version: int
    field: str
    comment: str
    user_id: int | None
    username: str
    at: datetime


def _latest(conn: Connection, form_id: int) -> int:
    query = select(func.max(FormVersionRow.version)).where(FormVersionRow.form_id == form_id)
    return conn.execute(query).scalar() or 0


def add_version(store: Store, version: Version) -> None:
    """Keep ``version`` (its number must be new for the form)."""
    with store.engine.begin() as conn:
        conn.execute(insert(FormVersionRow).values(**version.__dict__))


def versions(store: Store, form_id: int) -> list[Version]:
    """Every kept version of form ``form_id``, oldest first."""
    columns = [getattr(FormVersionRow, name) for name in Version.__dataclass_fields__]
    query = (
        select(*columns).where(FormVersionRow.form_id == form_id).order_by(FormVersionRow.version)
    )
    with store.engine.connect() as conn:
        return [Version(**r._mapping) for r in conn.execute(query)]


def resubmit(
    store: Store,
    form: Form,
    score: FormScore | None,
    version: Version,
    step: Transition,
    first: Version | None = None,
) -> bool:
    """In one transaction: take ``step`` (as :func:`~jixiao.store.cycle.move`), make
    ``form`` the content of the form, keep ``version`` (and ``first``, the content
    before, when the form has no version yet); whether the step was taken."""
    with store.engine.begin() as conn:
        if not move_in(conn, step):
            return False
        if first is not None and _latest(conn, first.form_id) == 0:
            conn.execute(insert(FormVersionRow).values(**first.__dict__))
        rewrite_form(conn, version.form_id, form, score)
        conn.execute(insert(FormVersionRow).values(**version.__dict__))
    return True


def step_with_comments(store: Store, step: Transition, items: Sequence[CellComment]) -> bool:
    """In one transaction: take ``step`` (as :func:`~jixiao.store.cycle.move`) and keep
    the cell comments ``items`` made with it; whether the step was taken."""
    with store.engine.begin() as conn:
        if not move_in(conn, step):
            return False
        if items:
            conn.execute(insert(CellCommentRow), [c.__dict__ for c in items])
    return True


def comments(store: Store, form_id: int) -> list[CellComment]:
    """Every cell comment on form ``form_id``, oldest first."""
    columns = [getattr(CellCommentRow, name) for name in CellComment.__dataclass_fields__]
    query = (
        select(*columns)
        .where(CellCommentRow.form_id == form_id)
        .order_by(CellCommentRow.at, CellCommentRow.id)
    )
    with store.engine.connect() as conn:
        return [CellComment(**r._mapping) for r in conn.execute(query)]
