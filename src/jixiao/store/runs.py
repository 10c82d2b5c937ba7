"""Recording import runs: started, finished, and what they did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from jixiao.store.schema import ImportRunRow

__all__ = ["RunTotals", "finish_run", "run_rows", "start_run"]


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
    """Insert a ``running`` import run; returns its id."""
    return conn.execute(
        insert(ImportRunRow)
        .values(
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
