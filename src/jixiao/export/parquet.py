"""Parquet export via pyarrow: the three tables with proper column types.

Column names are the English identifiers of :mod:`jixiao.export.rows` (convenient in
pandas, SQL and R); each field's metadata carries its Chinese header under
``header``. Money is ``decimal128(20, 4)``, points and percents ``decimal128(12, 4)``,
years, counts and line numbers ``int32``, text ``string``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from jixiao.export._files import ExportError, atomic_path, output_dir
from jixiao.export.rows import (
    TABLE_NAMES,
    TABLES,
    Column,
    ComputedScores,
    ExportItem,
    Row,
    TableName,
    flatten,
)

__all__ = ["ARROW_TYPES", "SCALE", "schema", "write_parquet"]

SCALE = 4
"""Decimal places kept for money and points (seed forms print at most 2)."""

ARROW_TYPES: dict[str, pa.DataType] = {
    "int": pa.int32(),
    "text": pa.string(),
    "money": pa.decimal128(20, SCALE),
    "points": pa.decimal128(12, SCALE),
}


def schema(table: TableName) -> pa.Schema:
    """The Arrow schema of one export table."""
    return pa.schema(
        [
            pa.field(c.key, ARROW_TYPES[c.type], metadata={"header": c.header})
            for c in TABLES[table]
        ],
        metadata={"table": table},
    )


def write_parquet(
    forms: Iterable[ExportItem],
    path: Path,
    table: TableName | None = None,
    computed: ComputedScores | None = None,
) -> list[Path]:
    """Write one table to the file ``path``, or (``table=None``) all three as
    ``forms.parquet``, ``indicators.parquet``, ``findings.parquet`` in the directory
    ``path``. Returns the paths written."""
    names = TABLE_NAMES if table is None else (table,)
    rows: dict[TableName, list[Row]] = {name: [] for name in names}
    for flat in flatten(forms, computed):
        for name in names:
            rows[name].extend(flat.tables[name])
    if table is None:
        directory = output_dir(path)
        targets = {name: directory / f"{name}.parquet" for name in names}
    else:
        targets = {table: path}
    for name, target in targets.items():
        arrow = _to_arrow(name, rows[name])
        with atomic_path(target) as tmp:
            pq.write_table(arrow, tmp)
    return list(targets.values())


def _to_arrow(table: TableName, rows: list[Row]) -> pa.Table:
    columns = TABLES[table]
    arrays = [
        pa.array([_value(c, row[i]) for row in rows], type=ARROW_TYPES[c.type])
        for i, c in enumerate(columns)
    ]
    return pa.Table.from_arrays(arrays, schema=schema(table))


_QUANTUM = Decimal(1).scaleb(-SCALE)


def _value(column: Column, value: object) -> object:
    if not isinstance(value, Decimal):
        return value
    try:
        exact = value.quantize(_QUANTUM)
    except InvalidOperation:
        exact = None
    if exact is None or exact != value:
        raise ExportError(f"{column.header} {value} 超出 Parquet 可保存的精度（{SCALE} 位小数）")
    return exact
