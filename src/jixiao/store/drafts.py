"""Drafts: forms being filled in on the web 填报 page, kept whole as interchange JSON.

A draft is not a stored form: it has no document, no findings of its own in the
``findings`` table and is not seen by ``jixiao list``. It is saved as often as the user
likes and turned into a real form (or deleted) later. It keeps the unit it is filled for
(its 单位名称) and the account that started it: a :class:`~jixiao.store.filters.Visibility`
sees the drafts of its units and its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, insert, literal, or_, select, update
from sqlalchemy.engine import Connection

from jixiao.model import Form
from jixiao.model.jsonio import dumps, loads
from jixiao.store.errors import DraftNotFoundError, OutOfScopeError
from jixiao.store.filters import Visibility
from jixiao.store.schema import DraftRow

__all__ = ["DraftInfo", "delete_draft", "draft_rows", "load_draft", "save_draft", "unit_seen"]

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


def _seen(visibility: Visibility | None) -> list[ColumnElement[bool]]:
    """The drafts ``visibility`` sees: those of its units and its account's own."""
    if visibility is None:
        return []
    either = [visibility.unit_condition(DraftRow.unit)]
    if visibility.user_id is not None:
        either.append(DraftRow.user_id == visibility.user_id)
    return [or_(*either)]


def unit_seen(conn: Connection, unit: str | None, visibility: Visibility) -> bool:
    """Whether ``visibility`` sees unit ``unit`` (a bound parameter, never SQL text)."""
    if not unit:
        return False
    return bool(conn.execute(select(visibility.unit_condition(literal(unit)))).scalar())


def save_draft(
    conn: Connection,
    form: Form,
    draft_id: int | None = None,
    visibility: Visibility | None = None,
) -> int:
    """Insert ``form`` as a new draft, or overwrite draft ``draft_id``; the draft's id.
    Under ``visibility``, only over a draft it sees and only for a unit it sees."""
    unit = (form.unit or "").strip() or None
    if visibility is not None and not unit_seen(conn, unit, visibility):
        raise OutOfScopeError(f"无权为单位“{unit or '（未填写）'}”填报")
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "kind": form.kind,
        "title": (form.project or "").strip() or _UNTITLED,
        "data": dumps([form], indent=None),
        "unit": unit,
        "updated_at": now,
    }
    if draft_id is None:
        user_id = visibility.user_id if visibility is not None else None
        return conn.execute(
            insert(DraftRow)
            .values(created_at=now, user_id=user_id, **values)
            .returning(DraftRow.id)
        ).scalar_one()
    done = conn.execute(
        update(DraftRow).where(DraftRow.id == draft_id, *_seen(visibility)).values(**values)
    )
    if done.rowcount == 0:
        raise _not_found(draft_id)
    return draft_id


def draft_rows(conn: Connection, visibility: Visibility | None = None) -> list[DraftInfo]:
    """Every draft (``visibility`` sees), most recently changed first."""
    query = (
        select(DraftRow.id, DraftRow.kind, DraftRow.title, DraftRow.created_at, DraftRow.updated_at)
        .where(*_seen(visibility))
        .order_by(DraftRow.updated_at.desc(), DraftRow.id.desc())
    )
    return [DraftInfo(**r._mapping) for r in conn.execute(query)]


def load_draft(conn: Connection, draft_id: int, visibility: Visibility | None = None) -> Form:
    """The form kept in draft ``draft_id``; :class:`DraftNotFoundError` if none (that
    ``visibility`` sees)."""
    data = conn.execute(
        select(DraftRow.data).where(DraftRow.id == draft_id, *_seen(visibility))
    ).scalar()
    if data is None:
        raise _not_found(draft_id)
    (form,) = loads(data)
    return form


def delete_draft(conn: Connection, draft_id: int, visibility: Visibility | None = None) -> bool:
    """Delete draft ``draft_id``; whether there was one (that ``visibility`` sees)."""
    done = conn.execute(delete(DraftRow).where(DraftRow.id == draft_id, *_seen(visibility)))
    return done.rowcount > 0
