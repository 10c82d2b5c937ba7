"""Results kept per database until its data change: the dashboard, ``/api/stats`` and the
filter choices are aggregates over every form, worth computing once per change, not
once per request.

``cached(store, key, compute)`` returns the value ``compute()`` gave for ``key`` on this
database, unless the database changed since (then it computes again); the store tells
when it changed (:func:`jixiao.store.changes.change_marker`).

Cached values are shared between requests: callers must not modify them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from jixiao.store import Store
from jixiao.store.changes import change_marker, close_watchers

__all__ = ["cached", "cached_call", "clear"]

T = TypeVar("T")

_MAX_KEYS = 64
"""At most this many results per database (the oldest are dropped first)."""

_lock = threading.Lock()
_entries: dict[str, tuple[Hashable, dict[Hashable, Any]]] = {}


def cached(store: Store, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` for ``key`` on this database, computed again after any change."""
    marker = change_marker(store)
    key = (store.visibility, key)  # what one reader sees is not what another does
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
    """Forget every cached result (and close the store's change watchers)."""
    with _lock:
        _entries.clear()
    close_watchers()
