"""Writing one document and its forms in one transaction; rewriting the findings and
computed scores of stored forms (rescoring, cross-form checks)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from jixiao.model import Finding, Form
from jixiao.score.result import FormScore
from jixiao.store.bulk import insert_numbered, insert_rows
from jixiao.store.fulltext import index_texts, unindex_forms
from jixiao.store.mapping import finding_values, row_score_values, score_data, score_values
from jixiao.store.rows import DocumentRows, FormRows, document_rows, form_rows, row_scores
from jixiao.store.schema import (
    DocumentRow,
    DocumentTextRow,
    FindingRow,
    FormRow,
    FormScoreRow,
    FormSearchRow,
    IndicatorRow,
    LongTermIndicatorRow,
    TaskRow,
)

__all__ = [
    "DocumentInfo",
    "begin_batch",
    "delete_document",
    "delete_forms",
    "document_id",
    "insert_document_rows",
    "replace_findings",
    "replace_scores",
    "rewrite_form",
    "write_document",
]


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
    run_id: int | None = None
    """The import run storing it, if any."""


def document_id(conn: Connection, content_hash: str) -> int | None:
    """The id of the document with ``content_hash``, if stored."""
    found = conn.execute(
        select(DocumentRow.id).where(DocumentRow.content_hash == content_hash)
    ).scalar_one_or_none()
    return found


def begin_batch(conn: Connection) -> None:
    """Open the transaction of ``conn`` on the database now, holding the write lock, so
    that savepoints nest inside it. (Python's sqlite3 opens one only before an
    ``INSERT``/``UPDATE``/``DELETE``: a savepoint taken first would be a transaction of
    its own, committed when released.)"""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


_SIDES = (FindingRow, IndicatorRow, TaskRow, LongTermIndicatorRow, FormScoreRow, FormSearchRow)
"""The tables of a form's parts, its findings, score and search text."""


def delete_document(conn: Connection, content_hash: str) -> bool:
    """Delete a document and (by cascade) its forms, rows and findings."""
    doc = document_id(conn, content_hash)
    if doc is None:
        return False
    form_ids = select(FormRow.id).where(FormRow.document_id == doc)
    delete_forms(conn, list(conn.execute(form_ids).scalars()), doc)
    return True


def delete_forms(conn: Connection, form_ids: Sequence[int], document: int | None = None) -> None:
    """Delete forms ``form_ids`` with their rows and findings, and document ``document``
    (its text too) if given. No commit here."""
    # Explicit deletes: SQLite only cascades with PRAGMA foreign_keys, which a
    # connection made elsewhere may lack.
    ids = list(form_ids)
    unindex_forms(conn, ids)
    for side in _SIDES:
        conn.execute(delete(side).where(side.form_id.in_(ids)))
    conn.execute(delete(FormRow).where(FormRow.id.in_(ids)))
    if document is not None:
        conn.execute(delete(DocumentTextRow).where(DocumentTextRow.document_id == document))
        conn.execute(delete(DocumentRow).where(DocumentRow.id == document))


def write_document(
    conn: Connection,
    info: DocumentInfo,
    forms: Sequence[Form],
    scores: Sequence[FormScore | None] | None = None,
    lines: Sequence[str] | None = None,
) -> int:
    """Insert the document, its ``lines`` (the text the parser saw, if given) and its
    forms (``scores[i]`` the computed score of ``forms[i]``, if given); returns the
    document id. No commit here."""
    return insert_document_rows(conn, info, document_rows(forms, scores, lines))


def insert_document_rows(conn: Connection, info: DocumentInfo, rows: DocumentRows) -> int:
    """Insert the document ``info`` with its ``rows``; returns the document id. No commit
    here."""
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
            run_id=info.run_id,
        )
        .returning(DocumentRow.id)
    ).scalar_one()
    if rows.lines is not None:
        count, data = rows.lines
        conn.execute(
            insert(DocumentTextRow).values(document_id=doc_id, line_count=count, data=data)
        )
    if not rows.forms:
        return doc_id
    form_ids = insert_numbered(
        conn, FormRow, [{**f.form, "document_id": doc_id} for f in rows.forms]
    )
    _insert_form_parts(conn, list(zip(form_ids, rows.forms, strict=True)))
    return doc_id


def _insert_form_parts(conn: Connection, pairs: Sequence[tuple[int, FormRows]]) -> None:
    """The rows of forms ``(id, rows)`` but their ``forms`` rows."""
    for table, part in (
        (IndicatorRow, "indicators"),
        (TaskRow, "tasks"),
        (LongTermIndicatorRow, "long_term"),
        (FindingRow, "findings"),
    ):
        insert_rows(
            conn, table, [{**r, "form_id": fid} for fid, f in pairs for r in getattr(f, part)]
        )
    insert_rows(conn, FormSearchRow, [{"form_id": fid, "text": f.search} for fid, f in pairs])
    index_texts(conn, [(fid, f.search) for fid, f in pairs])
    scored = [{"form_id": fid, "data": f.score} for fid, f in pairs if f.score is not None]
    insert_rows(conn, FormScoreRow, scored)


def rewrite_form(conn: Connection, form_id: int, form: Form, score: FormScore | None) -> None:
    """Make ``form`` (with its computed ``score``) the content of stored form
    ``form_id``, which keeps its id, document and position. No commit here."""
    where = select(FormRow.document_id, FormRow.position).where(FormRow.id == form_id)
    doc_id, position = conn.execute(where).one()
    rows = form_rows(form, position, score)
    values = {**rows.form, "document_id": doc_id}
    conn.execute(update(FormRow).where(FormRow.id == form_id).values(**values))
    unindex_forms(conn, [form_id])
    for table in (IndicatorRow, TaskRow, LongTermIndicatorRow, FindingRow, FormSearchRow):
        conn.execute(delete(table).where(table.form_id == form_id))
    conn.execute(delete(FormScoreRow).where(FormScoreRow.form_id == form_id))
    _insert_form_parts(conn, [(form_id, rows)])


def _insert_scores(conn: Connection, scores: Mapping[int, FormScore | None]) -> None:
    rows = [{"form_id": f, "data": score_data(s)} for f, s in scores.items() if s is not None]
    if rows:
        conn.execute(insert(FormScoreRow), rows)


def replace_findings(conn: Connection, findings: Mapping[int, Sequence[Finding]]) -> None:
    """Make ``findings[id]`` the findings of stored form ``id``. No commit here."""
    if not findings:
        return
    conn.execute(delete(FindingRow).where(FindingRow.form_id.in_(list(findings))))
    rows = [
        finding_values(item, form_id, i)
        for form_id, items in findings.items()
        for i, item in enumerate(items)
    ]
    if rows:
        conn.execute(insert(FindingRow), rows)


def replace_scores(conn: Connection, scores: Mapping[int, FormScore | None]) -> None:
    """Make ``scores[id]`` the computed score of stored form ``id`` (its ``forms`` columns
    and its indicator rows'; ``None`` clears them). No commit here."""
    if not scores:
        return
    conn.execute(
        update(FormRow).where(FormRow.id == bindparam("form_id")),
        [{"form_id": fid, **score_values(score)} for fid, score in scores.items()],
    )
    conn.execute(delete(FormScoreRow).where(FormScoreRow.form_id.in_(list(scores))))
    _insert_scores(conn, scores)
    per_form = {form_id: row_scores(score) for form_id, score in scores.items()}
    indicators = select(IndicatorRow.form_id, IndicatorRow.position).where(
        IndicatorRow.form_id.in_(list(scores))
    )
    rows = [
        {
            "row_form_id": r.form_id,
            "row_position": r.position,
            **row_score_values(per_form[r.form_id].get(r.position)),
        }
        for r in conn.execute(indicators)
    ]
    if rows:
        conn.execute(
            update(IndicatorRow).where(
                IndicatorRow.form_id == bindparam("row_form_id"),
                IndicatorRow.position == bindparam("row_position"),
            ),
            rows,
        )
