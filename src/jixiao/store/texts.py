"""Text the store keeps beside the forms: each document's lines (the 原文 panel shows
them, numbered as the findings' line numbers) and each form's search text.

A document's lines are one zlib-compressed JSON list per document (a 200-line text
file takes about 3 KiB); the search text is one lower-cased string per form, so the
free-text filter is one substring test over one narrow table.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from jixiao.model import Form
from jixiao.store.schema import DocumentTextRow

__all__ = [
    "DocumentLines",
    "form_search_text",
    "pack_lines",
    "read_lines",
    "search_text",
    "unpack_lines",
    "write_lines",
]


@dataclass(frozen=True)
class DocumentLines:
    """Some lines of a stored document: ``(number, text)`` pairs, and how many lines the
    whole document has."""

    count: int
    lines: tuple[tuple[int, str], ...]


def pack_lines(lines: Sequence[str]) -> bytes:
    """``lines`` as stored: a JSON list, UTF-8, zlib-compressed."""
    return zlib.compress(json.dumps(list(lines), ensure_ascii=False).encode("utf-8"), 6)


def unpack_lines(data: bytes) -> list[str]:
    """The inverse of :func:`pack_lines`."""
    lines = json.loads(zlib.decompress(data).decode("utf-8"))
    return [str(line) for line in lines]


def write_lines(conn: Connection, document_id: int, lines: Sequence[str]) -> None:
    """Store the lines of document ``document_id``. No commit here."""
    conn.execute(
        insert(DocumentTextRow).values(
            document_id=document_id, line_count=len(lines), data=pack_lines(lines)
        )
    )


def read_lines(
    conn: Connection, document_id: int, start: int = 1, end: int | None = None
) -> DocumentLines | None:
    """Lines ``start``–``end`` (1-based, inclusive, clipped to the document) of a
    stored document; ``None`` when its text was not stored (imported before 0005)."""
    row = conn.execute(
        select(DocumentTextRow.line_count, DocumentTextRow.data).where(
            DocumentTextRow.document_id == document_id
        )
    ).first()
    if row is None:
        return None
    lines = unpack_lines(row.data)
    first = max(1, start)
    last = len(lines) if end is None else min(end, len(lines))
    return DocumentLines(len(lines), tuple((n, lines[n - 1]) for n in range(first, last + 1)))


def search_text(parts: Iterable[str | None]) -> str:
    """The search text of a form from its parts, lower-cased (the filter lower-cases
    what it looks for, so a plain substring test ignores case on every database)."""
    return "\n".join(p for p in parts if p).lower()


def form_search_text(form: Form) -> str:
    """Project, unit, department, goals, then each indicator's name and target (and a
    department form's tasks)."""
    head = (
        form.project,
        form.unit,
        form.department,
        getattr(form, "goal_expected", None),
        getattr(form, "goal_actual", None),
        getattr(form, "goal", None),
    )
    rows = (part for ind in form.indicators for part in (ind.name, ind.target))
    tasks = (part for task in getattr(form, "tasks", ()) for part in (task.name, task.content))
    return search_text((*head, *rows, *tasks))
