"""A crash-safe store: a kill during schema creation leaves nothing half-made, a database
an older jixiao left half-created is finished, and a run a killed import left
``running`` is closed with its cross-form recheck redone."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, inspect, text, update

from jixiao.service import importing, run_import
from jixiao.store import StoreError, open_store
from jixiao.store.engine import create_store_engine
from jixiao.store.migrate import VERSION_TABLE, current_revision, head_revision, upgrade
from jixiao.store.schema import Base, ImportRunRow
from store_support import BACKENDS, make_url
from support import SEEDS


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


_KILL_AT = """
import os, signal, sys
from sqlalchemy import event
from jixiao.store.engine import create_store_engine
from jixiao.store.migrate import upgrade

engine = create_store_engine(sys.argv[1])
seen = [0]

@event.listens_for(engine, "before_cursor_execute")
def kill(conn, cursor, statement, *rest):
    if statement.lstrip().upper().startswith({writes!r}):
        seen[0] += 1
        if seen[0] == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)

upgrade(engine)
"""


def _tables(url: str) -> set[str]:
    engine = create_store_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _migrate(url: str, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _KILL_AT.format(writes=_WRITES), url, str(kill_at)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=120,
    )


def _statements() -> int:
    """How many writing statements creating the schema takes (SQLite, in-process)."""
    engine = create_store_engine("sqlite://")
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda _c, _k, s, *_r: seen.append(s))
    upgrade(engine)
    engine.dispose()
    return sum(1 for s in seen if s.lstrip().upper().startswith(_WRITES))


_WRITES = ("CREATE", "ALTER", "DROP", "INSERT", "UPDATE")


def test_a_kill_during_schema_creation_leaves_nothing_half_made(db_url: str) -> None:
    statements = _statements()
    assert statements > 20
    for at in (2, statements // 2):
        _drop_all(db_url)  # each kill from an empty database
        killed = _migrate(db_url, at)
        assert killed.returncode == -9, killed.stderr
        assert current_revision(create_store_engine(db_url)) is None
        assert not _tables(db_url) - {VERSION_TABLE}, f"half-made after statement {at}"
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        run_import(store, SEEDS[:1], jobs=1)
        assert store.count_forms() > 0


def _drop_all(url: str) -> None:
    engine = create_store_engine(url)
    with engine.begin() as conn:
        for name in inspect(conn).get_table_names():
            cascade = " CASCADE" if conn.dialect.name == "postgresql" else ""
            conn.execute(text(f'DROP TABLE IF EXISTS "{name}"{cascade}'))
    engine.dispose()


def test_a_database_left_half_created_is_finished(db_url: str) -> None:
    """As an older jixiao left it: tables made, no revision recorded."""
    engine = create_store_engine(db_url)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL)"))
    engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == head_revision()
        run_import(store, SEEDS[:1], jobs=1)
        assert store.count_forms() > 0


def test_a_database_without_a_revision_but_with_data_is_refused(db_url: str) -> None:
    engine = create_store_engine(db_url)
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO documents (file_name, content_hash, format, imported_at)"
                " VALUES ('a.txt', :h, 'text', :t)"
            ),
            {"h": "a" * 64, "t": datetime.now(UTC)},
        )
    engine.dispose()
    with pytest.raises(StoreError, match=r"没有记录结构版本.*documents"):
        open_store(db_url)


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    return int(done.stdout)


def _dump(store: Any) -> list[Any]:
    return [(s.content_hash, s.position, s.form, s.score) for s in store.iter_stored()]


def test_a_run_left_running_is_closed_and_its_recheck_redone(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after its last document, before the cross-form recheck."""
    files = SEEDS[:2]  # one project, two years: cross-form (X) findings
    with open_store(str(tmp_path / "clean.db")) as clean:
        run_import(clean, files, jobs=1)
        expected = _dump(clean)
        assert any(f.code.startswith("X") for *_, form, _s in expected for f in form.findings)
    with monkeypatch.context() as patch:
        patch.setattr(importing, "_recheck", lambda *_a: None)
        with open_store(db_url) as store:
            patch.setattr(store, "finish_run", lambda *_a: None)
            run_import(store, files, jobs=1)
    with open_store(db_url) as store:
        assert _dump(store) != expected  # the X findings are missing
        (run,) = store.import_runs()
        assert run["status"] == "running" and run["pid"] == os.getpid()
        assert store.abandoned_runs() == []  # this process still runs
        with store.engine.begin() as conn:
            conn.execute(update(ImportRunRow).values(pid=_dead_pid()))
        assert store.abandoned_runs() == [run["id"]]
        report = run_import(store, files, jobs=1)  # the rerun: both files skipped
        assert report.totals.skipped == 2
        assert _dump(store) == expected
        first, second = store.import_runs()
        assert first["status"] == "interrupted" and first["finished_at"] is not None
        assert first["stored"] == 2 and first["forms"] == len(expected)
        assert second["status"] == "completed"
        assert store.abandoned_runs() == []


def test_a_run_whose_pid_a_later_process_took_is_abandoned(db_url: str) -> None:
    with open_store(db_url) as store:
        run_import(store, SEEDS[:1], jobs=1)
        long_ago = datetime(2000, 1, 1, tzinfo=UTC)  # before this process started
        with store.engine.begin() as conn:
            conn.execute(update(ImportRunRow).values(status="running", started_at=long_ago))
        (run,) = store.import_runs()
        assert run["pid"] == os.getpid()
        expected = [run["id"]] if sys.platform == "linux" else []
        assert store.abandoned_runs() == expected


def test_a_run_recorded_before_owners_were_is_abandoned(db_url: str) -> None:
    with open_store(db_url) as store:
        run_import(store, SEEDS[:1], jobs=1)
        with store.engine.begin() as conn:
            conn.execute(update(ImportRunRow).values(status="running", pid=None, host=None))
        (run,) = store.import_runs()
        assert store.abandoned_runs() == [run["id"]]
        assert store.run_projects(run["id"])
        assert importing.recover_runs(store) == [run["id"]]
        assert store.import_runs()[0]["status"] == "interrupted"
