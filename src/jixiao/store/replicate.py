"""Copies of the stored documents, made in SQL: a large database for benchmarks in
seconds rather than the minutes that parsing, scoring and storing every form takes.

``replicate(store, forms)`` copies the documents already stored (with their forms,
indicators, findings, scores, search texts, tasks and lines) round after round until
the store holds ``forms`` forms. Every column is copied as it is, except the keys that
must differ: ids are offset, and copy ``r`` of a document has ``~r`` at the end of its
file name and content hash and ``（副本r）`` after each project name (and its
comparison key, identity and search text), so every copy is a project of its own; a
copy of a superseded form is superseded by the copy of its newer version. One
``INSERT … SELECT`` per table and round, all in one transaction; the copied search
texts are then added to the full-text index (:mod:`jixiao.store.fulltext`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Table, func, insert, literal, select, text
from sqlalchemy.engine import Connection

from jixiao.model.keys import text_key
from jixiao.store.fulltext import index_texts
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
from jixiao.store.store import Store

__all__ = ["replicate"]

_FORM_PARTS: tuple[type[Any], ...] = (
    IndicatorRow,
    FindingRow,
    TaskRow,
    LongTermIndicatorRow,
    FormScoreRow,
    FormSearchRow,
)
"""Tables of rows that belong to a form (by ``form_id``)."""


def replicate(store: Store, forms: int) -> int:
    """Copy the stored documents until the store holds at least ``forms`` forms (whole
    documents: the last round copies only as many as needed); returns the count. The
    copies are every form stored now, so call it on a store holding only the originals."""
    with store.engine.begin() as conn:
        per_doc = conn.execute(
            select(FormRow.document_id, func.count()).group_by(FormRow.document_id)
        ).all()
        have = sum(n for _, n in per_doc)
        if not have:
            return 0
        max_doc = conn.execute(select(func.max(DocumentRow.id))).scalar_one()
        max_form = conn.execute(select(func.max(FormRow.id))).scalar_one()
        copy = 0
        while have < forms:
            copy += 1
            last_doc, taken = _documents_for(sorted(per_doc), forms - have)
            _copy_round(conn, copy, copy * max_doc, copy * max_form, last_doc)
            have += taken
        if conn.dialect.name == "postgresql":
            for table in (DocumentRow, FormRow):
                name = table.__tablename__
                sequence = f"pg_get_serial_sequence('{name}', 'id')"
                conn.execute(text(f"SELECT setval({sequence}, max(id)) FROM {name}"))
        return have


def _documents_for(per_doc: list[tuple[int, int]], wanted: int) -> tuple[int, int]:
    """The last document id to copy (in id order) for ``wanted`` forms, and the forms."""
    taken = 0
    for doc, n in per_doc:
        taken += n
        if taken >= wanted:
            return doc, taken
    return per_doc[-1][0], taken


def _copy_round(conn: Connection, copy: int, doc_offset: int, form_offset: int, last: int) -> None:
    tag, project_tag = f"~{copy}", f"（副本{copy}）"
    documents = _table(DocumentRow)
    _copy(
        conn,
        documents,
        documents.c.id <= last,
        id=documents.c.id + doc_offset,
        file_name=documents.c.file_name + tag,
        content_hash=func.substr(documents.c.content_hash, 1, 64 - len(tag), type_=String) + tag,
    )
    texts = _table(DocumentTextRow)
    _copy(
        conn,
        texts,
        texts.c.document_id <= last,
        document_id=texts.c.document_id + doc_offset,
    )
    forms = _table(FormRow)
    _copy(
        conn,
        forms,
        forms.c.document_id <= last,
        id=forms.c.id + form_offset,
        document_id=forms.c.document_id + doc_offset,
        project=forms.c.project + project_tag,
        project_key=forms.c.project_key + text_key(project_tag),
        identity_key=forms.c.identity_key + text_key(project_tag),
        superseded_by=forms.c.superseded_by + form_offset,
    )
    copied = select(FormRow.id).where(FormRow.document_id <= last)
    for part in _FORM_PARTS:
        table = _table(part)
        extra: dict[str, Any] = {"form_id": table.c.form_id + form_offset}
        if "id" in table.c and table.c.id.primary_key:
            extra["id"] = None  # a new id of its own
        if part is FormSearchRow:
            extra["text"] = table.c.text + literal(" " + project_tag.lower())
        _copy(conn, table, table.c.form_id.in_(copied), **extra)
    texts_copied = select(FormSearchRow.form_id, FormSearchRow.text).where(
        FormSearchRow.form_id.in_(
            select(FormRow.id + form_offset).where(FormRow.document_id <= last)
        )
    )
    index_texts(conn, [(r.form_id, r.text) for r in conn.execute(texts_copied)])


def _table(mapped: type[Any]) -> Table:
    table: Table = mapped.__table__
    return table


def _copy(conn: Connection, table: Table, where: Any, **changed: Any) -> None:
    """``INSERT INTO table SELECT …`` of the rows ``where`` selects, every column as it
    is except those ``changed`` gives (``None``: left out, so the database numbers it)."""
    names = [c.name for c in table.c if changed.get(c.name, c) is not None]
    exprs = [changed.get(name, table.c[name]) for name in names]
    conn.execute(insert(table).from_select(names, select(*exprs).where(where)))
