"""Writing one document and its forms in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from jixiao.model import Form
from jixiao.store.mapping import finding_values, form_values, indicator_values
from jixiao.store.schema import DocumentRow, FindingRow, FormRow, IndicatorRow

__all__ = ["DocumentInfo", "delete_document", "document_id", "write_document"]


@dataclass(frozen=True)
class DocumentInfo:
    """What the store keeps about a file besides its forms."""

    file_name: str
    content_hash: str
    format: str = "text"
    size: int | None = None
    layout: str | None = None
    encoding: str | None = None
    path: str | None = None


def document_id(conn: Connection, content_hash: str) -> int | None:
    """The id of the document with ``content_hash``, if stored."""
    found = conn.execute(
        select(DocumentRow.id).where(DocumentRow.content_hash == content_hash)
    ).scalar_one_or_none()
    return found


def delete_document(conn: Connection, content_hash: str) -> bool:
    """Delete a document and (by cascade) its forms, rows and findings."""
    doc = document_id(conn, content_hash)
    if doc is None:
        return False
    form_ids = select(FormRow.id).where(FormRow.document_id == doc).scalar_subquery()
    # Explicit deletes: SQLite only cascades with PRAGMA foreign_keys, which a
    # connection made elsewhere may lack.
    conn.execute(delete(FindingRow).where(FindingRow.form_id.in_(form_ids)))
    conn.execute(delete(IndicatorRow).where(IndicatorRow.form_id.in_(form_ids)))
    conn.execute(delete(FormRow).where(FormRow.document_id == doc))
    conn.execute(delete(DocumentRow).where(DocumentRow.id == doc))
    return True


def write_document(conn: Connection, info: DocumentInfo, forms: Sequence[Form]) -> int:
    """Insert the document and its forms; returns the document id. No commit here."""
    doc_id = conn.execute(
        insert(DocumentRow)
        .values(
            file_name=info.file_name,
            path=info.path,
            content_hash=info.content_hash,
            format=info.format,
            size=info.size,
            layout=info.layout,
            encoding=info.encoding,
            imported_at=datetime.now(UTC),
        )
        .returning(DocumentRow.id)
    ).scalar_one()
    if not forms:
        return doc_id
    form_ids = list(
        conn.execute(
            insert(FormRow).returning(FormRow.id, sort_by_parameter_order=True),
            [form_values(form, doc_id, i) for i, form in enumerate(forms)],
        ).scalars()
    )
    indicators = [
        indicator_values(ind, fid, i)
        for fid, form in zip(form_ids, forms, strict=True)
        for i, ind in enumerate(form.indicators)
    ]
    findings = [
        finding_values(item, fid, i)
        for fid, form in zip(form_ids, forms, strict=True)
        for i, item in enumerate(form.findings)
    ]
    if indicators:
        conn.execute(insert(IndicatorRow), indicators)
    if findings:
        conn.execute(insert(FindingRow), findings)
    return doc_id
