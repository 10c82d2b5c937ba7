"""Exports: forms to xlsx, csv, json and parquet (DESIGN §4, shells).

Pure functions over forms (any ``Iterable[Form]``), independent of the store, so they
work as well on forms read straight from files. The columns and their Chinese
headers are defined once, in :mod:`jixiao.export.rows`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from jixiao.export._files import ExportError
from jixiao.export.csv import write_csv
from jixiao.export.json import write_json
from jixiao.export.parquet import write_parquet
from jixiao.export.rows import (
    TABLE_NAMES,
    TABLES,
    Column,
    ComputedScores,
    ExportItem,
    TableName,
    flatten,
)
from jixiao.export.xlsx import build_workbook, write_xlsx

__all__ = [
    "TABLES",
    "TABLE_NAMES",
    "Column",
    "ComputedScores",
    "ExportError",
    "ExportFormat",
    "ExportItem",
    "TableName",
    "build_workbook",
    "export_forms",
    "flatten",
    "write_csv",
    "write_json",
    "write_parquet",
    "write_xlsx",
]


class ExportFormat(StrEnum):
    """The formats ``jixiao export --to`` writes."""

    xlsx = "xlsx"
    csv = "csv"
    json = "json"
    parquet = "parquet"


def export_forms(
    forms: Iterable[ExportItem],
    to: ExportFormat,
    path: Path,
    table: TableName | None = None,
    computed: ComputedScores | None = None,
    official: bool = True,
) -> list[Path]:
    """Write ``forms`` in format ``to``; returns the files written.

    ``table`` picks one table for csv/parquet; without it csv/parquet write all three
    into the directory ``path`` (created if missing), unless ``path`` ends in the
    format's suffix, in which case the forms table goes to that file. xlsx always holds
    all tables; json is always the whole forms. Every format carries the computed (复核)
    scores: an item's own (a stored form's) or computed as ``computed`` says.
    """
    if to is ExportFormat.xlsx:
        return write_xlsx(forms, path, computed, official)
    if to is ExportFormat.json:
        return write_json(forms, path, computed)
    if table is None and path.suffix.lower() == f".{to.value}":
        table = "forms"
    writer = write_csv if to is ExportFormat.csv else write_parquet
    return writer(forms, path, table, computed)
