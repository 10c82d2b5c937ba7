"""Writing one document and its forms in one transaction; rewriting the findings and
computed scores of stored forms (rescoring, cross-form checks)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from jixiao.model import Finding, Form
from jixiao.score.result import FormScore, RowScore
from jixiao.store.mapping import (
    finding_values,
    form_values,
    indicator_values,
    long_term_values,
    row_score_values,
    score_data,
    score_values,
    task_values,
)
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
from jixiao.store.texts import form_search_text, write_lines

__all__ = [
    "DocumentInfo",
    "delete_document",
    "document_id",
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


def delete_document(conn: Connection, content_hash: str) -> bool:
    """Delete a document and (by cascade) its forms, rows and findings."""
    doc = document_id(conn, content_hash)
    if doc is None:
        return False
    form_ids = select(FormRow.id).where(FormRow.document_id == doc).scalar_subquery()
    # Explicit deletes: SQLite only cascades with PRAGMA foreign_keys, which a
    # connection made elsewhere may lack.
    sides = (FindingRow, IndicatorRow, TaskRow, LongTermIndicatorRow, FormScoreRow, FormSearchRow)
    for side in sides:
        conn.execute(delete(side).where(side.form_id.in_(form_ids)))
    conn.execute(delete(FormRow).where(FormRow.document_id == doc))
    conn.execute(delete(DocumentTextRow).where(DocumentTextRow.document_id == doc))
    conn.execute(delete(DocumentRow).where(DocumentRow.id == doc))
    return True


def _row_scores(score: FormScore | None) -> dict[int, RowScore]:
    return {} if score is None else {r.position: r for r in score.rows}


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
    if scores is None:
        scores = [None] * len(forms)
    elif len(scores) != len(forms):
        raise ValueError(f"{len(forms)} forms but {len(scores)} scores")
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
    if lines is not None:
        write_lines(conn, doc_id, lines)
    if not forms:
        return doc_id
    form_ids = list(
        conn.execute(
            insert(FormRow).returning(FormRow.id, sort_by_parameter_order=True),
            [
                form_values(form, doc_id, i, score)
                for i, (form, score) in enumerate(zip(forms, scores, strict=True))
            ],
        ).scalars()
    )
    indicators = [
        indicator_values(ind, fid, i, rows.get(i))
        for fid, form, score in zip(form_ids, forms, scores, strict=True)
        for rows in (_row_scores(score),)
        for i, ind in enumerate(form.indicators)
    ]
    findings = [
        finding_values(item, fid, i)
        for fid, form in zip(form_ids, forms, strict=True)
        for i, item in enumerate(form.findings)
    ]
    if indicators:
        conn.execute(insert(IndicatorRow), indicators)
    _insert_parts(conn, form_ids, forms)
    if findings:
        conn.execute(insert(FindingRow), findings)
    conn.execute(
        insert(FormSearchRow),
        [
            {"form_id": fid, "text": form_search_text(f)}
            for fid, f in zip(form_ids, forms, strict=True)
        ],
    )
    _insert_scores(conn, dict(zip(form_ids, scores, strict=True)))
    return doc_id


def rewrite_form(conn: Connection, form_id: int, form: Form, score: FormScore | None) -> None:
    """Make ``form`` (with its computed ``score``) the content of stored form
    ``form_id``, which keeps its id, document and position. No commit here."""
    where = select(FormRow.document_id, FormRow.position).where(FormRow.id == form_id)
    doc_id, position = conn.execute(where).one()
    values = form_values(form, doc_id, position, score)
    conn.execute(update(FormRow).where(FormRow.id == form_id).values(**values))
    for table in (IndicatorRow, TaskRow, LongTermIndicatorRow, FindingRow, FormSearchRow):
        conn.execute(delete(table).where(table.form_id == form_id))
    conn.execute(delete(FormScoreRow).where(FormScoreRow.form_id == form_id))
    rows = _row_scores(score)
    indicators = [
        indicator_values(r, form_id, i, rows.get(i)) for i, r in enumerate(form.indicators)
    ]
    if indicators:
        conn.execute(insert(IndicatorRow), indicators)
    _insert_parts(conn, [form_id], [form])
    findings = [finding_values(item, form_id, i) for i, item in enumerate(form.findings)]
    if findings:
        conn.execute(insert(FindingRow), findings)
    conn.execute(insert(FormSearchRow).values(form_id=form_id, text=form_search_text(form)))
    _insert_scores(conn, {form_id: score})


def _insert_parts(conn: Connection, form_ids: Sequence[int], forms: Sequence[Form]) -> None:
    """The rows of the parts only some kinds have: a department's tasks, a
    declaration's 中长期 indicators."""
    pairs = list(zip(form_ids, forms, strict=True))
    tasks = [
        task_values(task, fid, i)
        for fid, form in pairs
        for i, task in enumerate(getattr(form, "tasks", ()))
    ]
    long_term = [
        long_term_values(ind, fid, i)
        for fid, form in pairs
        for i, ind in enumerate(getattr(form, "long_term_indicators", ()))
    ]
    if tasks:
        conn.execute(insert(TaskRow), tasks)
    if long_term:
        conn.execute(insert(LongTermIndicatorRow), long_term)


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
    per_form = {form_id: _row_scores(score) for form_id, score in scores.items()}
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
