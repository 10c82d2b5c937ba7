"""Whether a store's data changed: :func:`change_marker` returns a value that differs
whenever its forms, findings or computed scores have changed, so aggregates over every
form can be kept until then (the web's :mod:`jixiao.web.db_cache`).

- a SQLite file: ``PRAGMA data_version`` on a connection of our own that never writes,
  which changes on every commit by any other connection, in this process or another
  (``jixiao import`` while the server runs);
- PostgreSQL: the counter of ``store_changes``, which triggers raise with every
  statement that writes forms, findings or the organisation tree (migration 0015), or
  documents (withdrawn and restored, migration 0012): one row read;
- any other database (SQLite in memory): one aggregate query over forms, findings and
  computed scores (counts, largest ids, sums of the totals), which changes when forms
  or findings are added, replaced or deleted and when a re-scoring changes a computed
  total or grade, and the newest entry of the audit log (every withdrawal, restore,
  new version and correction writes one).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Hashable

from sqlalchemy import func, select

from jixiao.store.dialects import numeric
from jixiao.store.schema import FindingRow, FormRow, StoreChangeRow
from jixiao.store.schema_governance import ChangeRow
from jixiao.store.store import Store

__all__ = ["change_marker", "close_watchers"]

_lock = threading.Lock()
_watchers: dict[str, sqlite3.Connection | None] = {}


def _sqlite_file(store: Store) -> str | None:
    url = store.engine.url
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return database


def _watcher(store: Store) -> sqlite3.Connection | None:
    """Our own read-only connection to the store's SQLite file, if it is one."""
    if store.url in _watchers:
        return _watchers[store.url]
    path = _sqlite_file(store)
    conn = None
    if path is not None:
        try:
            conn = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
        except sqlite3.Error:
            conn = None
    _watchers[store.url] = conn
    return conn


def _aggregate_marker(store: Store) -> Hashable:
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:
            counter = select(StoreChangeRow.counter).where(StoreChangeRow.id == 1)
            return ("store_changes", conn.execute(counter).scalar_one())
    forms = select(
        func.count(FormRow.id),
        func.max(FormRow.id),
        func.count(FormRow.computed_total),
        func.sum(numeric(FormRow.computed_total)),
        func.sum(numeric(FormRow.total_score)),
        func.count(FormRow.computed_grade),
        func.sum(func.length(FormRow.computed_grade)),
    )
    findings = select(func.count(FindingRow.id), func.max(FindingRow.id))
    changes = select(func.max(ChangeRow.id))  # withdrawals, versions, corrections …
    with store.engine.connect() as conn:
        return (
            *conn.execute(forms).one(),
            *conn.execute(findings).one(),
            conn.execute(changes).scalar(),
        )


def change_marker(store: Store) -> Hashable:
    """A value that differs whenever the store's forms, findings or scores have changed
    (see the module doc)."""
    with _lock:
        watcher = _watcher(store)
        if watcher is not None:
            try:
                row = watcher.execute("PRAGMA data_version").fetchone()
                return ("data_version", row[0])
            except sqlite3.Error:
                _watchers[store.url] = None
    return _aggregate_marker(store)


def close_watchers() -> None:
    """Close the connections :func:`change_marker` opened (they open again when needed)."""
    with _lock:
        for conn in _watchers.values():
            if conn is not None:
                conn.close()
        _watchers.clear()
