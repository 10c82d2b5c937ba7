"""The official tables as an Excel workbook (openpyxl): one sheet per form.

Each sheet draws an :func:`~jixiao.render.official.official_table`: merged cells,
wrapped text, thin borders on the grid (not on the title or the 说明 under it),
column widths from ``col_widths``, row heights that fit the wrapped text, a bold
centred title, numbers stored as numbers with their printed format (``0.00``,
``#,##0.00``), and a print setup (paper, fit to width, the indicator header repeated
on every page).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.atomic import atomic_path
from jixiao.errors import JixiaoError
from jixiao.model import Form, Table
from jixiao.model.labels import form_title
from jixiao.render._xlsx_sheet import draw_table
from jixiao.render.official import official_table
from jixiao.render.options import RenderOptions

__all__ = [
    "XlsxWriteError",
    "add_official_sheet",
    "add_table_sheet",
    "sheet_name",
    "write_xlsx",
    "xlsx_bytes",
]


_BAD = re.compile(r"[\[\]:*?/\\]")
_MAX = 31


class XlsxWriteError(JixiaoError):
    """The workbook could not be written."""


def sheet_name(workbook: Workbook, wanted: str | None) -> str:
    """A valid sheet name not yet used in ``workbook``: forbidden characters removed,
    at most 31 characters, ``(2)``, ``(3)``… appended on a clash."""
    base = _BAD.sub("", (wanted or "").replace("\n", " ")).strip().strip("'") or "表"
    base = base[:_MAX]
    taken = {name.casefold() for name in workbook.sheetnames}
    if base.casefold() not in taken:
        return base
    n = 2
    while True:
        suffix = f"({n})"
        name = base[: _MAX - len(suffix)] + suffix
        if name.casefold() not in taken:
            return name
        n += 1


def add_table_sheet(
    workbook: Workbook, table: Table, options: RenderOptions | None = None, name: str | None = None
) -> Worksheet:
    """Add a sheet drawing ``table`` (named ``name`` or after the table's title)."""
    opts = options or RenderOptions()
    ws: Worksheet = workbook.create_sheet(sheet_name(workbook, name or table.title))
    draw_table(ws, table, opts)
    return ws


def add_official_sheet(
    workbook: Workbook, form: Form, options: RenderOptions | None = None
) -> Worksheet:
    """Add one form's official table as a new sheet named after its project."""
    opts = options or RenderOptions()
    table = official_table(form, opts)
    return add_table_sheet(
        workbook,
        table,
        opts,
        name=form_title(form.kind, form.project, form.department) or table.title,
    )


def write_xlsx(
    items: Iterable[Form | Table], path: str | Path, options: RenderOptions | None = None
) -> Path:
    """Write forms (or ready-made tables) to ``path``, one sheet each."""
    wb = _workbook(items, options)
    target = Path(path)
    try:
        with atomic_path(target) as tmp:
            wb.save(tmp)
    except OSError as err:
        raise XlsxWriteError(f"无法写入 Excel 文件 {target}：{err.strerror or err}") from err
    return target


def xlsx_bytes(items: Iterable[Form | Table], options: RenderOptions | None = None) -> bytes:
    """The workbook :func:`write_xlsx` writes, as bytes (for a download)."""
    buffer = io.BytesIO()
    _workbook(items, options).save(buffer)
    return buffer.getvalue()


def _workbook(items: Iterable[Form | Table], options: RenderOptions | None) -> Workbook:
    opts = options or RenderOptions()
    wb = Workbook()
    default = wb.active
    for item in items:
        if isinstance(item, Table):
            add_table_sheet(wb, item, opts)
        else:
            add_official_sheet(wb, item, opts)
    if default is not None and len(wb.sheetnames) > 1:
        wb.remove(default)
    return wb
