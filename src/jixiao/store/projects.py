"""The stored forms of one project, found by the model's rule
(:func:`~jixiao.model.keys.project_identity`): the indexed ``forms.project_key``
narrows the search, the whole identity (unit, department) decides."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.engine import Connection

from jixiao.model import DEPARTMENT_KINDS, Form
from jixiao.model.keys import project_identity
from jixiao.store.filters import Visibility, current_forms
from jixiao.store.schema import DocumentRow, FormRow

__all__ = ["document_projects", "same_project_rows", "shared_projects"]

_COLUMNS = (FormRow.id, FormRow.year, FormRow.kind, FormRow.total_score, FormRow.grade)


def same_project_rows(
    conn: Connection,
    form: Form,
    exclude: int | None,
    limit: int,
    visibility: Visibility | None = None,
) -> list[dict[str, Any]]:
    """``id``, ``year``, ``kind``, ``total_score`` and ``grade`` of at most ``limit``
    stored forms of ``form``'s project (a department form: its department's), other
    than form ``exclude`` and those ``visibility`` hides, by year then id."""
    key = project_identity(form.kind, form.project, form.unit, form.department)
    if key is None:
        return []
    where: list[ColumnElement[bool]]
    if form.kind in DEPARTMENT_KINDS:
        where = [FormRow.kind.in_(sorted(DEPARTMENT_KINDS)), FormRow.department.is_not(None)]
    else:
        where = [FormRow.project_key == form.project_key]
    where.append(current_forms())
    if exclude is not None:
        where.append(FormRow.id != exclude)
    if visibility is not None:
        where.append(visibility.form_condition())
    query = (
        select(*_COLUMNS, FormRow.project, FormRow.unit, FormRow.department)
        .where(*where)
        .order_by(FormRow.year, FormRow.id)
    )
    out: list[dict[str, Any]] = []
    for r in conn.execute(query):
        if len(out) == limit:
            break
        if project_identity(r.kind, r.project, r.unit, r.department) == key:
            out.append({c.key: getattr(r, c.key) for c in _COLUMNS})
    return out


def shared_projects(conn: Connection, keys: list[str]) -> list[str]:
    """Those of the project ``keys`` (:func:`~jixiao.model.keys.project_key`) whose
    current forms are in more than one stored document."""
    query = (
        select(FormRow.project_key)
        .where(FormRow.project_key.in_(keys), current_forms())
        .group_by(FormRow.project_key)
        .having(func.count(func.distinct(FormRow.document_id)) > 1)
        .order_by(FormRow.project_key)
    )
    return [p for p in conn.execute(query).scalars() if p is not None]


def document_projects(conn: Connection, content_hash: str) -> list[str]:
    """The project names of the forms of the document with ``content_hash``."""
    query = (
        select(FormRow.project)
        .join(DocumentRow, DocumentRow.id == FormRow.document_id)
        .where(DocumentRow.content_hash == content_hash, FormRow.project.is_not(None))
        .distinct()
        .order_by(FormRow.project)
    )
    return [name for name in conn.execute(query).scalars() if name]
