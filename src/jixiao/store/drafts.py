"""Drafts: forms being filled in on the web 填报 page, kept whole as interchange JSON.

A draft is not a stored form: it has no document, no findings of its own in the
``findings`` table and is not seen by ``jixiao list``. It is saved as often as the user
likes and turned into a real form (or deleted) later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from jixiao.model import Form
from jixiao.model.jsonio import dumps, loads
from jixiao.store.errors import DraftNotFoundError
from jixiao.store.schema import DraftRow

__all__ = ["DraftInfo", "delete_draft", "draft_rows", "load_draft", "save_draft"]

_UNTITLED = "未命名草稿"


@dataclass(frozen=True)
class DraftInfo:
    """A draft as listed: its id, kind, title (the project name) and times."""

    id: int
    kind: str
    title: str
    created_at: datetime
    updated_at: datetime


def _not_found(draft_id: int) -> DraftNotFoundError:
    return DraftNotFoundError(f"没有编号为 {draft_id} 的草稿")


def save_draft(conn: Connection, form: Form, draft_id: int | None = None) -> int:
    """Insert ``form`` as a new draft, or overwrite draft ``draft_id``; the draft's id."""
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "kind": form.kind,
        "title": (form.project or "").strip() or _UNTITLED,
        "data": dumps([form], indent=None),
        "updated_at": now,
    }
    if draft_id is None:
        return conn.execute(
            insert(DraftRow).values(created_at=now, **values).returning(DraftRow.id)
        ).scalar_one()
    done = conn.execute(update(DraftRow).where(DraftRow.id == draft_id).values(**values))
    if done.rowcount == 0:
        raise _not_found(draft_id)
    return draft_id


def draft_rows(conn: Connection) -> list[DraftInfo]:
    """Every draft, most recently changed first."""
    query = select(
        DraftRow.id, DraftRow.kind, DraftRow.title, DraftRow.created_at, DraftRow.updated_at
    ).order_by(DraftRow.updated_at.desc(), DraftRow.id.desc())
    return [DraftInfo(**r._mapping) for r in conn.execute(query)]


def load_draft(conn: Connection, draft_id: int) -> Form:
    """The form kept in draft ``draft_id``; :class:`DraftNotFoundError` if none."""
    data = conn.execute(select(DraftRow.data).where(DraftRow.id == draft_id)).scalar()
    if data is None:
        raise _not_found(draft_id)
    (form,) = loads(data)
    return form


def delete_draft(conn: Connection, draft_id: int) -> bool:
    """Delete draft ``draft_id``; whether there was one."""
    return conn.execute(delete(DraftRow).where(DraftRow.id == draft_id)).rowcount > 0
