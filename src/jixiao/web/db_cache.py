"""Results kept per database until its data change: the dashboard, ``/api/stats`` and the
filter choices are aggregates over every form, worth computing once per change, not
once per request.

``cached(store, key, compute)`` returns the value ``compute()`` gave for ``key`` on this
database, unless the database changed since (then it computes again). A change is
seen through :func:`change_marker`:

- a SQLite file: ``PRAGMA data_version`` on a connection of our own that never writes,
  which changes on every commit by any other connection, in this process or another
  (``jixiao import`` while the server runs);
- any other database (PostgreSQL, SQLite in memory): one aggregate query over forms,
  findings and computed scores (counts, largest ids, sums of the totals), which
  changes when forms or findings are added, replaced or deleted and when a re-scoring
  changes a computed total or grade.

Cached values are shared between requests: callers must not modify them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select

from jixiao.store import Store
from jixiao.store.filters import numeric
from jixiao.store.schema import FindingRow, FormRow

__all__ = ["cached", "cached_call", "change_marker", "clear"]

T = TypeVar("T")

_MAX_KEYS = 64
"""At most this many results per database (the oldest are dropped first)."""

_lock = threading.Lock()
_markers: dict[str, sqlite3.Connection | None] = {}
_entries: dict[str, tuple[Hashable, dict[Hashable, Any]]] = {}


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
    if store.url in _markers:
        return _markers[store.url]
    path = _sqlite_file(store)
    conn = None
    if path is not None:
        try:
            conn = sqlite3.connect(
                f"file:{path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
        except sqlite3.Error:
            conn = None
    _markers[store.url] = conn
    return conn


def _aggregate_marker(store: Store) -> Hashable:
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
    with store.engine.connect() as conn:
        return (*conn.execute(forms).one(), *conn.execute(findings).one())


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
                _markers[store.url] = None
    return _aggregate_marker(store)


def cached(store: Store, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` for ``key`` on this database, computed again after any change."""
    marker = change_marker(store)
    with _lock:
        entry = _entries.get(store.url)
        if entry is not None and entry[0] == marker and key in entry[1]:
            value: T = entry[1][key]
            return value
    value = compute()
    with _lock:
        entry = _entries.get(store.url)
        if entry is None or entry[0] != marker:
            entry = (marker, {})
            _entries[store.url] = entry
        values = entry[1]
        if len(values) >= _MAX_KEYS:
            values.pop(next(iter(values)))
        values[key] = value
    return value


def cached_call(store: Store, fn: Callable[..., T], *args: Hashable) -> T:
    """``fn(*args)`` kept like :func:`cached` (keyed by the function's name and ``args``),
    e.g. ``cached_call(store, store.count_forms, filters)``."""
    name = getattr(fn, "__qualname__", repr(fn))
    return cached(store, (name, *args), lambda: fn(*args))


def clear() -> None:
    """Forget every cached result (and close our own connections)."""
    with _lock:
        _entries.clear()
        for conn in _markers.values():
            if conn is not None:
                conn.close()
        _markers.clear()
