"""Recording import runs: started, finished, and what they did; finding the runs whose
process died (:func:`abandoned_runs`) — killed, its row still says ``running``."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from jixiao.processes import alive, started_at
from jixiao.store.schema import DocumentRow, FormRow, ImportRunRow

__all__ = [
    "RunTotals",
    "abandoned_runs",
    "close_abandoned_run",
    "documents_of",
    "finish_run",
    "run_projects",
    "run_rows",
    "start_run",
]


@dataclass
class RunTotals:
    """The counts an import run ends with; ``failed`` holds ``(file, reason)`` pairs."""

    files: int = 0
    stored: int = 0
    skipped: int = 0
    forms: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def start_run(conn: Connection, files: int) -> int:
    """Insert a ``running`` import run of this process; returns its id."""
    return conn.execute(
        insert(ImportRunRow)
        .values(
            host=socket.gethostname()[:255],
            pid=os.getpid(),
            started_at=datetime.now(UTC),
            status="running",
            files=files,
            stored=0,
            skipped=0,
            forms=0,
            errors=0,
            warnings=0,
            infos=0,
            failures=0,
        )
        .returning(ImportRunRow.id)
    ).scalar_one()


def finish_run(conn: Connection, run_id: int, totals: RunTotals, status: str) -> None:
    """Record the end of a run (``completed`` or ``interrupted``) and its totals."""
    conn.execute(
        update(ImportRunRow)
        .where(ImportRunRow.id == run_id)
        .values(
            finished_at=datetime.now(UTC),
            status=status,
            files=totals.files,
            stored=totals.stored,
            skipped=totals.skipped,
            forms=totals.forms,
            errors=totals.errors,
            warnings=totals.warnings,
            infos=totals.infos,
            failures=len(totals.failed),
            failure_details={"files": [{"file": f, "reason": r} for f, r in totals.failed]},
        )
    )


def run_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every import run, oldest first."""
    table = ImportRunRow.__table__
    return [dict(r._mapping) for r in conn.execute(select(table).order_by(table.c.id))]


def abandoned_runs(conn: Connection) -> list[int]:
    """The ids of the runs still ``running`` whose process is gone: on this host and no
    longer alive (or its pid taken by a later process), or recorded before the process
    was (schema 0009). A run of another host is left alone: nothing here can tell
    whether it still runs."""
    rows = conn.execute(
        select(ImportRunRow.id, ImportRunRow.host, ImportRunRow.pid, ImportRunRow.started_at)
        .where(ImportRunRow.status == "running")
        .order_by(ImportRunRow.id)
    )
    here = socket.gethostname()[:255]
    return [r.id for r in rows if r.pid is None or (r.host == here and _gone(r.pid, r.started_at))]


def _gone(pid: int, run_started: datetime) -> bool:
    """Whether the process that started a run at ``run_started`` has ended: ``pid`` is
    not alive, or is a later process that got the same pid."""
    if not alive(pid):
        return True
    started = started_at(pid)
    return started is not None and started > run_started.timestamp() + _CLOCK_SLACK


_CLOCK_SLACK = 2.0
"""Seconds: a process's start time from /proc is exact to the boot time's second."""


def documents_of(run_id: int) -> ColumnElement[bool]:
    """The documents run ``run_id`` stored (for a run recorded before 0009, which did
    not mark them: those imported since it started)."""
    started = select(ImportRunRow.started_at).where(ImportRunRow.id == run_id).scalar_subquery()
    legacy = select(ImportRunRow.pid).where(ImportRunRow.id == run_id).scalar_subquery()
    return or_(
        DocumentRow.run_id == run_id,
        (legacy.is_(None)) & (DocumentRow.imported_at >= started),
    )


def run_projects(conn: Connection, run_id: int) -> list[str]:
    """The project names of the forms of the documents run ``run_id`` stored."""
    found = conn.execute(
        select(FormRow.project)
        .join(DocumentRow, DocumentRow.id == FormRow.document_id)
        .where(documents_of(run_id), FormRow.project.is_not(None))
        .distinct()
    )
    return sorted(p for p in found.scalars() if p)


def close_abandoned_run(conn: Connection, run_id: int) -> None:
    """Mark abandoned run ``run_id`` ``interrupted``, with the documents and forms it
    stored counted (what else it did died with it)."""
    documents = conn.execute(
        select(func.count()).select_from(DocumentRow).where(documents_of(run_id))
    ).scalar_one()
    forms = conn.execute(
        select(func.count())
        .select_from(FormRow)
        .join(DocumentRow, DocumentRow.id == FormRow.document_id)
        .where(documents_of(run_id))
    ).scalar_one()
    conn.execute(
        update(ImportRunRow)
        .where(ImportRunRow.id == run_id, ImportRunRow.status == "running")
        .values(finished_at=datetime.now(UTC), status="interrupted", stored=documents, forms=forms)
    )
