"""Governing what is stored, in SQL: duplicates (a form's current version), withdrawing
and restoring documents and forms (soft delete), purging them for good, undoing an
import run, corrections of misread cells, and the audit log every change writes.

What a withdrawn or superseded form is hidden from is decided in one place,
:func:`jixiao.store.filters.current_forms`; this module only sets the columns it reads.
Every function here writes its audit-log entry in the caller's transaction, so a change
and its record are committed together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, insert, literal, or_, select, union_all, update
from sqlalchemy.engine import Connection

from jixiao.model.governance import ChangeAction
from jixiao.store.filters import Visibility, current_forms
from jixiao.store.runs import documents_of
from jixiao.store.save import delete_forms
from jixiao.store.schema import DocumentRow, FormRow, ImportRunRow
from jixiao.store.schema_access import TransitionRow
from jixiao.store.schema_governance import ChangeRow, CorrectionRow

__all__ = [
    "Actor",
    "Change",
    "LogFilters",
    "Supersede",
    "change_rows",
    "corrections",
    "current_duplicates",
    "log_changes",
    "purge_document",
    "purge_form",
    "run_document_ids",
    "set_withdrawn",
    "supersede",
    "undo_run",
    "versions",
    "write_correction",
]


@dataclass(frozen=True)
class Actor:
    """Who makes a change (an account, or the person at the command line)."""

    user_id: int | None
    username: str


@dataclass(frozen=True)
class Change:
    """One entry of the audit log (``summary`` a Chinese sentence)."""

    action: ChangeAction
    summary: str
    document_id: int | None = None
    form_id: int | None = None
    run_id: int | None = None
    details: dict[str, Any] | None = None


@dataclass(frozen=True)
class Supersede:
    """The stored forms ``form_ids`` that the ``position``-th form of a document being
    written takes the place of (``how``: ``replace`` or ``version``), and the forms at
    ``positions`` of the same document (an earlier copy of it in the same file)."""

    position: int
    form_ids: tuple[int, ...]
    how: str
    positions: tuple[int, ...] = ()


@dataclass(frozen=True)
class LogFilters:
    """Which audit-log entries to list: an action, a user name (part of it), a form, a
    document, a time range (``since`` inclusive, ``until`` exclusive)."""

    action: str | None = None
    username: str | None = None
    form_id: int | None = None
    document_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500
    offset: int = 0


def _now() -> datetime:
    return datetime.now(UTC)


def log_changes(conn: Connection, actor: Actor, changes: Sequence[Change]) -> None:
    """Append ``changes`` to the audit log, made by ``actor`` now. No commit here."""
    if not changes:
        return
    at = _now()
    conn.execute(
        insert(ChangeRow),
        [
            {
                "at": at,
                "user_id": actor.user_id,
                "username": actor.username[:64],
                "action": c.action.value,
                "document_id": c.document_id,
                "form_id": c.form_id,
                "run_id": c.run_id,
                "summary": c.summary,
                "details": c.details,
            }
            for c in changes
        ],
    )


def current_duplicates(conn: Connection, keys: Sequence[str]) -> dict[str, list[int]]:
    """The current forms (:func:`~jixiao.store.filters.current_forms`) of each identity
    key (:func:`~jixiao.model.keys.form_identity`) among ``keys``, oldest first."""
    found: dict[str, list[int]] = {}
    if not keys:
        return found
    query = (
        select(FormRow.identity_key, FormRow.id)
        .where(FormRow.identity_key.in_(sorted(set(keys))), current_forms())
        .order_by(FormRow.id)
    )
    for key, form_id in conn.execute(query):
        if key is not None:
            found.setdefault(key, []).append(form_id)
    return found


def supersede(
    conn: Connection, document_id: int, items: Sequence[Supersede]
) -> list[tuple[int, int, str]]:
    """Mark the forms each of ``items`` names as superseded by the form at its position
    in document ``document_id``; ``(old id, new id, how)`` for each. No commit here."""
    if not items:
        return []
    new_ids = dict(
        conn.execute(
            select(FormRow.position, FormRow.id).where(FormRow.document_id == document_id)
        ).all()
    )
    done: list[tuple[int, int, str]] = []
    for item in items:
        new_id = new_ids[item.position]
        old_ids = (*item.form_ids, *(new_ids[p] for p in item.positions))
        conn.execute(
            update(FormRow)
            .where(FormRow.id.in_(old_ids))
            .values(superseded_by=new_id, supersede=item.how)
        )
        done += [(old, new_id, item.how) for old in old_ids]
    return done


def versions(conn: Connection, form_id: int) -> list[dict[str, Any]]:
    """Every stored form with the identity of form ``form_id`` (itself too), oldest
    first: ``id``, ``superseded_by``, ``supersede``, ``withdrawn_at``, ``file_name``,
    ``imported_at``, ``document_withdrawn_at`` and ``current`` (whether it is the one
    every list shows, :func:`~jixiao.store.filters.current_forms`)."""
    key = select(FormRow.identity_key).where(FormRow.id == form_id).scalar_subquery()
    query = (
        select(
            FormRow.id,
            FormRow.superseded_by,
            FormRow.supersede,
            FormRow.withdrawn_at,
            DocumentRow.file_name,
            DocumentRow.imported_at,
            DocumentRow.withdrawn_at.label("document_withdrawn_at"),
            current_forms().label("current"),
        )
        .join(DocumentRow, DocumentRow.id == FormRow.document_id)
        .where(or_(FormRow.identity_key == key, FormRow.id == form_id))
        .order_by(FormRow.id)
    )
    return [{**r._mapping, "current": bool(r.current)} for r in conn.execute(query)]


def _withdrawal(withdrawn: bool, actor: Actor, reason: str) -> dict[str, Any]:
    if not withdrawn:
        return {"withdrawn_at": None, "withdrawn_by": None, "withdrawn_reason": None}
    return {"withdrawn_at": _now(), "withdrawn_by": actor.username[:64], "withdrawn_reason": reason}


def set_withdrawn(
    conn: Connection,
    table: type[DocumentRow] | type[FormRow],
    row_id: int,
    withdrawn: bool,
    actor: Actor,
    reason: str,
) -> bool:
    """Withdraw (or restore) document or form ``row_id`` of ``table`` (a form on its
    own); whether it changed. No commit here."""
    column = table.withdrawn_at
    was = column.is_(None) if withdrawn else column.is_not(None)
    done = conn.execute(
        update(table).where(table.id == row_id, was).values(**_withdrawal(withdrawn, actor, reason))
    )
    return done.rowcount > 0


def _release(conn: Connection, new_ids: ColumnElement[bool] | Sequence[int]) -> list[int]:
    """The forms superseded by ``new_ids`` become current again; their ids."""
    condition = (
        new_ids if isinstance(new_ids, ColumnElement) else FormRow.superseded_by.in_(new_ids)
    )
    ids = list(conn.execute(select(FormRow.id).where(condition)).scalars())
    if ids:
        conn.execute(
            update(FormRow).where(FormRow.id.in_(ids)).values(superseded_by=None, supersede=None)
        )
    return ids


def purge_form(conn: Connection, form_id: int) -> list[int]:
    """Delete form ``form_id`` for good; the forms it had superseded become current
    again (their ids). No commit here."""
    released = _release(conn, [form_id])
    delete_forms(conn, [form_id])
    return released


def purge_document(conn: Connection, document_id: int) -> list[int]:
    """Delete document ``document_id`` with its forms for good; the forms they had
    superseded become current again (their ids)."""
    form_ids = list(
        conn.execute(select(FormRow.id).where(FormRow.document_id == document_id)).scalars()
    )
    released = _release(conn, form_ids)
    delete_forms(conn, form_ids, document_id)
    return released


def run_document_ids(conn: Connection, run_id: int) -> list[int]:
    """The documents import run ``run_id`` stored (still stored), in order."""
    query = select(DocumentRow.id).where(documents_of(run_id)).order_by(DocumentRow.id)
    return list(conn.execute(query).scalars())


def undo_run(
    conn: Connection, run_id: int, actor: Actor, reason: str
) -> tuple[list[int], list[int]]:
    """Withdraw every document run ``run_id`` stored and make current again the forms
    its forms superseded; ``(documents withdrawn, forms released)``. The run is marked
    ``undone``. No commit here."""
    documents = run_document_ids(conn, run_id)
    withdrawn = [d for d in documents if set_withdrawn(conn, DocumentRow, d, True, actor, reason)]
    new_forms = select(FormRow.id).where(FormRow.document_id.in_(documents))
    released = _release(conn, FormRow.superseded_by.in_(new_forms))
    conn.execute(update(ImportRunRow).where(ImportRunRow.id == run_id).values(status="undone"))
    return withdrawn, released


def write_correction(
    conn: Connection,
    form_id: int,
    path: str,
    original: str | None,
    value: str | None,
    actor: Actor,
    reason: str,
) -> None:
    """Record a corrected cell (the form itself is rewritten by the caller)."""
    conn.execute(
        insert(CorrectionRow).values(
            form_id=form_id,
            field=path,
            original=original,
            value=value,
            user_id=actor.user_id,
            username=actor.username[:64],
            at=_now(),
            reason=reason,
        )
    )


def corrections(conn: Connection, form_id: int) -> list[dict[str, Any]]:
    """The corrections of form ``form_id``, oldest first."""
    table = CorrectionRow.__table__
    query = select(table).where(table.c.form_id == form_id).order_by(table.c.at, table.c.id)
    return [dict(r._mapping) for r in conn.execute(query)]


def _seen_forms(visibility: Visibility) -> Any:
    return select(FormRow.id).where(visibility.form_condition())


def change_rows(
    conn: Connection, filters: LogFilters, visibility: Visibility | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The audit log, newest first: the changes recorded here and the steps of the
    review cycle (``action`` ``cycle``), as ``at``, ``username``, ``action``,
    ``document_id``, ``form_id``, ``run_id``, ``summary``, ``details``; and how many
    match in all. A scoped reader sees the entries of forms (and documents) it sees."""
    cycle = select(
        TransitionRow.at,
        TransitionRow.username,
        TransitionRow.step.label("action"),
        TransitionRow.form_id,
        TransitionRow.from_state,
        TransitionRow.to_state,
        TransitionRow.comment,
    )
    changes = select(ChangeRow.__table__)
    f = filters
    own: list[ColumnElement[bool]] = []
    steps: list[ColumnElement[bool]] = []
    if f.username:
        own.append(ChangeRow.username.icontains(f.username, autoescape=True))
        steps.append(TransitionRow.username.icontains(f.username, autoescape=True))
    if f.form_id is not None:
        own.append(ChangeRow.form_id == f.form_id)
        steps.append(TransitionRow.form_id == f.form_id)
    if f.document_id is not None:
        own.append(ChangeRow.document_id == f.document_id)
        doc_forms = select(FormRow.id).where(FormRow.document_id == f.document_id)
        steps.append(TransitionRow.form_id.in_(doc_forms))
    for column, other in ((ChangeRow.at, TransitionRow.at),):
        if f.since is not None:
            own.append(column >= f.since)
            steps.append(other >= f.since)
        if f.until is not None:
            own.append(column < f.until)
            steps.append(other < f.until)
    if visibility is not None:
        seen = _seen_forms(visibility)
        seen_docs = select(FormRow.document_id).where(visibility.form_condition())
        own.append(or_(ChangeRow.form_id.in_(seen), ChangeRow.document_id.in_(seen_docs)))
        steps.append(TransitionRow.form_id.in_(seen))
    want_own = f.action is None or f.action != ChangeAction.CYCLE.value
    want_steps = f.action is None or f.action == ChangeAction.CYCLE.value
    if f.action is not None and want_own:
        own.append(ChangeRow.action == f.action)
    ids = []
    if want_own:
        ids.append(select(ChangeRow.at, ChangeRow.id, _kind(0)).where(*own))
    if want_steps:
        ids.append(select(TransitionRow.at, TransitionRow.id, _kind(1)).where(*steps))
    merged = union_all(*ids).subquery()
    total = conn.execute(select(func.count()).select_from(merged)).scalar_one()
    page = conn.execute(
        select(merged)
        .order_by(merged.c.at.desc(), merged.c.id.desc())
        .limit(f.limit)
        .offset(f.offset)
    ).all()
    own_ids = [r.id for r in page if r.kind == 0]
    step_ids = [r.id for r in page if r.kind == 1]
    found: dict[tuple[int, int], dict[str, Any]] = {}
    if own_ids:
        for r in conn.execute(changes.where(ChangeRow.id.in_(own_ids))):
            found[(0, r.id)] = dict(r._mapping)
    if step_ids:
        for r in conn.execute(
            cycle.add_columns(TransitionRow.id).where(TransitionRow.id.in_(step_ids))
        ):
            found[(1, r.id)] = {
                "id": r.id,
                "at": r.at,
                "user_id": None,
                "username": r.username,
                "action": ChangeAction.CYCLE.value,
                "document_id": None,
                "form_id": r.form_id,
                "run_id": None,
                "summary": r.comment,
                "details": {"step": r.action, "from": r.from_state, "to": r.to_state},
            }
    return [found[(r.kind, r.id)] for r in page if (r.kind, r.id) in found], int(total)


def _kind(n: int) -> Any:
    return literal(n).label("kind")
