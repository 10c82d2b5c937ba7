"""A normalised dump of every table of a store: what an import wrote, comparable between
two runs (timestamps, host, pid and the folder imported from left out; a document's
compressed lines by the text they hold)."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import MetaData, select

from jixiao.store import Store
from jixiao.store.migrate import outside_schema
from jixiao.store.texts import unpack_lines

_NOT_DATA = {"alembic_version", "jixiao_schema_version", "store_changes"}
"""The schema's version and the counter of writes that caches watch: not what was stored."""

_VOLATILE = {
    "at",
    "imported_at",
    "started_at",
    "finished_at",
    "heartbeat_at",
    "host",
    "pid",
    "pid_started",
    "created_at",
    "updated_at",
}


def dump_tables(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Each non-empty table's rows in key order, each row's non-empty values JSON-safe."""
    meta = MetaData()
    meta.reflect(store.engine)
    out: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for name, table in sorted(meta.tables.items()):
            if name in _NOT_DATA or outside_schema(name, "table"):  # the FTS5 index
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows = conn.execute(select(table).order_by(*order)).mappings()
            found = [_row(name, dict(r)) for r in rows]
            if found:  # a table a later migration adds, still empty, changes nothing
                out[name] = found
    return out


def dump_text(dump: dict[str, list[dict[str, Any]]]) -> str:
    """The dump as text, one row a line (a change shows as the rows it changes)."""
    parts = []
    for name, rows in dump.items():
        lines = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows)
        parts.append(f"{json.dumps(name)}: [\n{lines}\n]")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in _VOLATILE or value is None:  # nor does a column added, still empty
            continue
        if table == "documents" and key == "path" and value is not None:
            value = str(value).replace("\\", "/").rsplit("/", 1)[-1]
        if table == "document_texts" and key == "data":
            text = "\n".join(unpack_lines(value))
            value = hashlib.sha256(text.encode("utf-8")).hexdigest()
        out[key] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (Decimal, float)):
        return str(Decimal(str(value)).normalize())
    if isinstance(value, (bytes, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, (dict, list)):
        return json.loads(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    return str(value)
