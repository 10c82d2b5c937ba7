"""Inserting many rows of one table at the driver's level: the ``INSERT`` compiled once
per database, table and set of columns, each value converted by its column type's own
bind processor, then one ``executemany`` of plain tuples (or dicts, for a driver with
named parameters).

``conn.execute(insert(table), rows)`` does the same, but builds the statement's cache
key and runs SQLAlchemy's generic parameter handling for every row of every call: for
an import that is most of the writing process's time. The statements still go through
``Connection.exec_driver_sql``, so the connection's transaction, savepoints and events
(``before_cursor_execute``) see them as before, and the rows written are the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import DeclarativeBase

__all__ = ["insert_numbered", "insert_one", "insert_rows"]


class _Compiled:
    """An ``INSERT`` of some columns of a table for one dialect: its SQL and how to turn
    a row (a mapping of column names) into the driver's parameters."""

    def __init__(
        self, table: Table, keys: tuple[str, ...], dialect: Dialect, returning: str | None
    ) -> None:
        statement = insert(table)
        if returning is not None:
            statement = statement.returning(table.c[returning])
        compiled = statement.compile(
            dialect=dialect, column_keys=list(keys), for_executemany=returning is None
        )
        self.sql = compiled.string
        self.positional = compiled.positional
        names = tuple(compiled.positiontup or ()) if self.positional else tuple(compiled.binds)
        binds = [compiled.binds[name] for name in names]
        self.names = names
        self.columns = tuple(b.key for b in binds)
        """The row's key of each parameter, in the statement's order."""
        processors = [b.type.dialect_impl(dialect).bind_processor(dialect) for b in binds]
        self._converted = tuple((i, p) for i, p in enumerate(processors) if p is not None)
        self._get = itemgetter(*self.columns)

    def params(self, row: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        """``row`` as the driver's parameters, each value as its column type binds it."""
        got = self._get(row)
        values = list(got) if len(self.columns) > 1 else [got]
        for i, process in self._converted:
            if values[i] is not None:
                values[i] = process(values[i])
        if self.positional:
            return tuple(values)
        return dict(zip(self.names, values, strict=True))


_CACHE: dict[tuple[str, str, str, tuple[str, ...], str | None], _Compiled] = {}
"""By database, driver, table, columns and the column returned."""


def _compiled(
    conn: Connection, table: Table, keys: tuple[str, ...], returning: str | None = None
) -> _Compiled:
    dialect = conn.dialect
    cache_key = (dialect.name, dialect.driver, table.name, keys, returning)
    found = _CACHE.get(cache_key)
    if found is None:
        found = _CACHE[cache_key] = _Compiled(table, keys, dialect, returning)
    return found


def _table(model: type[DeclarativeBase] | Table) -> Table:
    table = model if isinstance(model, Table) else model.__table__
    assert isinstance(table, Table)
    return table


def insert_rows(
    conn: Connection, model: type[DeclarativeBase] | Table, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Insert ``rows`` (each a mapping of column names to values, all with the keys of
    the first) into ``model``'s table. No commit here."""
    if not rows:
        return
    table = _table(model)
    compiled = _compiled(conn, table, tuple(rows[0]))
    conn.exec_driver_sql(compiled.sql, [compiled.params(r) for r in rows])


def insert_one(
    conn: Connection, model: type[DeclarativeBase] | Table, row: Mapping[str, Any], returning: str
) -> Any:
    """Insert ``row`` into ``model``'s table; the value of its column ``returning`` (the
    id the database gave it). No commit here."""
    table = _table(model)
    compiled = _compiled(conn, table, tuple(row), returning)
    return conn.exec_driver_sql(compiled.sql, compiled.params(row)).scalar_one()


def insert_numbered(
    conn: Connection, model: type[DeclarativeBase] | Table, rows: Sequence[Mapping[str, Any]]
) -> list[int]:
    """Insert ``rows`` into ``model``'s table, whose integer key ``id`` the database
    numbers; the ids given, in order. No commit here.

    On SQLite the rows are numbered here and inserted by one ``executemany``: a table
    without ``AUTOINCREMENT`` gives a new row the largest id so far plus one, so these
    are the ids one ``INSERT`` per row would get. Call it after a write in the same
    transaction (which holds the database's write lock: no other writer comes between
    the count and the insert). Elsewhere (a sequence) each row is inserted on its own."""
    if not rows:
        return []
    table = _table(model)
    if conn.dialect.name != "sqlite":
        return [int(insert_one(conn, table, row, "id")) for row in rows]
    last = conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    ids = list(range(int(last) + 1, int(last) + 1 + len(rows)))
    insert_rows(conn, table, [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
    return ids
