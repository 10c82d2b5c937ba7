"""Full-text search over the forms' search texts (:mod:`jixiao.store.texts`): an index
instead of a substring test over every text, with the same results.

- **SQLite**: an FTS5 table ``form_fts`` (contentless, migration 0018) holds each
  form's text as overlapping character **bigrams**, one token each (a pair of code
  points in hex, ``6559g80b2`` for 教育, so that the ``ascii`` tokenizer keeps every
  pair whole, punctuation and spaces too). A query of two or more characters is the
  phrase of its own bigrams, which matches exactly where the text contains it: two
  characters (教育, 水利) are one token — FTS5's ``trigram`` tokenizer cannot find
  those. The store writes the tokens whenever it writes a search text and deletes them
  before it deletes one (:func:`index_texts`, :func:`unindex_forms`).
- **PostgreSQL**: ``text LIKE '%…%'`` on ``form_search``, which a ``pg_trgm`` GIN index
  (migration 0018, when the extension can be created) answers without reading every
  text; without the index the same query reads them all.
- A single character is looked up as before (``instr``/``strpos`` over every text).

Texts and queries are lower-cased by the caller, as the search text is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

from sqlalchemy import Boolean, ColumnElement, bindparam, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from jixiao.store.dialects import position
from jixiao.store.schema import FormRow, FormSearchRow

__all__ = [
    "FTS_TABLE",
    "index_texts",
    "matches",
    "tokens",
    "unindex_forms",
]

FTS_TABLE = "form_fts"
"""SQLite's full-text table of the search texts (rowid = form id)."""
_SHORTEST = 2
"""Queries shorter than this are not looked up in the index (a bigram is two characters)."""
_BATCH = 500


def tokens(value: str) -> str:
    """``value`` as the index stores it: its bigrams, one hex token each, in order."""
    codes = list(map(_HEX.__getitem__, map(ord, value)))
    return " ".join(map("g".join, pairwise(codes)))


class _Hex(dict[int, str]):
    """Code point → its hex digits, each made once."""

    def __missing__(self, code: int) -> str:
        self[code] = found = f"{code:x}"
        return found


_HEX = _Hex()


def matches(needle: str) -> ColumnElement[bool]:
    """The condition on ``forms``: its search text contains ``needle`` (lower-cased)."""
    if len(needle) < _SHORTEST:
        return FormRow.id.in_(
            select(FormSearchRow.form_id).where(position(FormSearchRow.text, needle) > 0)
        )
    phrase = '"' + tokens(needle) + '"'
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return _contains(FormRow.id, bindparam(None, phrase), bindparam(None, f"%{escaped}%"))


class _contains(FunctionElement[bool]):
    """``form id IN (forms whose text holds the needle)``; arguments: the id column, the
    FTS5 phrase (SQLite) and the ``LIKE`` pattern (elsewhere)."""

    type = Boolean()
    inherit_cache = True
    name = "jixiao_contains"


@compiles(_contains)
def _like(element: _contains, compiler: SQLCompiler, **kw: Any) -> str:
    form_id, _phrase, pattern = (compiler.process(c, **kw) for c in element.clauses)
    return (
        f"{form_id} IN (SELECT form_search.form_id FROM form_search"
        f" WHERE form_search.text LIKE {pattern} ESCAPE '\\')"
    )


@compiles(_contains, "sqlite")
def _fts(element: _contains, compiler: SQLCompiler, **kw: Any) -> str:
    form_id, phrase, _pattern = (compiler.process(c, **kw) for c in element.clauses)
    return f"{form_id} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {phrase})"


def index_texts(conn: Connection, rows: Iterable[tuple[int, str]]) -> None:
    """Add ``(form id, search text)`` to SQLite's index (no-op elsewhere). No commit."""
    if conn.dialect.name != "sqlite":
        return
    insert = text(f"INSERT INTO {FTS_TABLE} (rowid, text) VALUES (:id, :text)")
    _each_batch(conn, insert, rows)


def unindex_forms(conn: Connection, form_ids: Sequence[int]) -> None:
    """Remove forms ``form_ids`` from SQLite's index, before their search texts are
    deleted (a contentless FTS5 table forgets a row given the tokens it was given).
    No-op elsewhere. No commit."""
    if conn.dialect.name != "sqlite" or not form_ids:
        return
    delete = text(
        f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, text) VALUES ('delete', :id, :text)"
    )
    ids = list(form_ids)
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        found = select(FormSearchRow.form_id, FormSearchRow.text).where(
            FormSearchRow.form_id.in_(chunk)
        )
        _each_batch(conn, delete, [(r.form_id, r.text) for r in conn.execute(found)])


def _each_batch(conn: Connection, statement: Any, rows: Iterable[tuple[int, str]]) -> None:
    batch: list[dict[str, Any]] = []
    for form_id, value in rows:
        batch.append({"id": form_id, "text": tokens(value)})
        if len(batch) >= _BATCH:
            conn.execute(statement, batch)
            batch = []
    if batch:
        conn.execute(statement, batch)
