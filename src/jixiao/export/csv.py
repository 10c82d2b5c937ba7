"""CSV export: UTF-8 with a BOM so that Excel shows the Chinese text correctly.

One table to one file (``table=``), or all three tables as ``forms.csv``,
``indicators.csv`` and ``findings.csv`` in a directory. Headers are the Chinese
headers of :mod:`jixiao.export.rows`; numbers are written with the digits the form
printed; an empty cell means no value; a text that a spreadsheet would take for a
formula gets an apostrophe before it (:mod:`jixiao.render.inert_cells`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.export._files import atomic_path, output_dir
from jixiao.export.rows import TABLE_NAMES, TABLES, ComputedScores, ExportItem, TableName, flatten
from jixiao.render.inert_cells import inert_csv_text

__all__ = ["ENCODING", "write_csv"]

ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark."""


def write_csv(
    forms: Iterable[ExportItem],
    path: Path,
    table: TableName | None = None,
    computed: ComputedScores | None = None,
) -> list[Path]:
    """Write one table to the file ``path``, or (``table=None``) all three into the
    directory ``path``. Returns the paths written. One pass over ``forms``."""
    if table is None:
        directory = output_dir(path)
        targets = {name: directory / f"{name}.csv" for name in TABLE_NAMES}
    else:
        targets = {table: path}
    with ExitStack() as stack:
        writers: dict[TableName, Any] = {}
        for name, target in targets.items():
            tmp = stack.enter_context(atomic_path(target))
            handle = stack.enter_context(tmp.open("w", encoding=ENCODING, newline=""))
            writers[name] = csv.writer(handle)
            writers[name].writerow([c.header for c in TABLES[name]])
        for flat in flatten(forms, computed):
            for name, writer in writers.items():
                writer.writerows([_cell(v) for v in row] for row in flat.tables[name])
    return list(targets.values())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return inert_csv_text(str(value))
