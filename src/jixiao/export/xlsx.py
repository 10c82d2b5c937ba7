"""Excel export: one workbook with the three tables and every form in its official layout.

Sheets, in order: 汇总 (one row per form), 指标 (one row per indicator row), 审核发现
(one row per finding), then one sheet per form drawn by
:func:`jixiao.render.xlsx.add_official_sheet` — the table a unit could print and
publish, named ``编号 项目名称`` and linked from the project's cell in 汇总. The three
table sheets have a bold header row, frozen panes, an autofilter,
column widths for their content, and numbers stored as numbers (``#,##0.00`` for
money, ``0.00`` for points); no text cell is a formula (:mod:`jixiao.render.inert_cells`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.export._files import atomic_path
from jixiao.export.rows import (
    TABLE_NAMES,
    TABLE_TITLES,
    TABLES,
    ComputedScores,
    ExportItem,
    TableName,
    flatten,
)
from jixiao.model import Form
from jixiao.model.labels import form_title
from jixiao.render.inert_cells import inert_xlsx_cell
from jixiao.render.options import RenderOptions
from jixiao.render.xlsx import add_official_sheet, sheet_name

__all__ = ["NUMBER_FORMATS", "build_workbook", "write_xlsx"]

NUMBER_FORMATS: dict[str, str] = {
    "int": "0",
    "text": "@",
    "money": "#,##0.00",
    "points": "0.00",
}
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_FREEZE = "C2"
"""Keep the header row and the 编号/项目名称 columns in view."""


def build_workbook(
    forms: Iterable[ExportItem],
    computed: ComputedScores | None = None,
    official: bool = True,
    options: RenderOptions | None = None,
) -> Workbook:
    """The export workbook in memory (one pass over ``forms``).

    ``official=False`` leaves out the per-form sheets (a lighter workbook for many
    thousands of forms); ``options`` is passed to the official-layout renderer.
    """
    workbook = Workbook()
    sheets: dict[TableName, Worksheet] = {}
    for i, name in enumerate(TABLE_NAMES):
        sheet = workbook.active if i == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = TABLE_TITLES[name]
        _header(sheet, name)
        sheets[name] = sheet
    render_options = options or RenderOptions()
    for flat in flatten(forms, computed):
        for name, sheet in sheets.items():
            for row in flat.tables[name]:
                sheet.append(list(row))
                for cell in sheet[sheet.max_row]:
                    inert_xlsx_cell(cell)
        if official:
            sheet = add_official_sheet(workbook, flat.form, render_options)
            sheet.title = sheet_name(workbook, f"{flat.no} {_title(flat.form) or ''}".strip())
            _link(sheets["forms"], sheet.title)
    for name, sheet in sheets.items():
        _finish(sheet, name)
    return workbook


def write_xlsx(
    forms: Iterable[ExportItem],
    path: Path,
    computed: ComputedScores | None = None,
    official: bool = True,
    options: RenderOptions | None = None,
) -> list[Path]:
    """Write the export workbook to ``path``; returns the paths written."""
    workbook = build_workbook(forms, computed, official, options)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return [path]


_PROJECT_COLUMN = 1 + [c.key for c in TABLES["forms"]].index("project")
_LINK_FONT = Font(color="0563C1", underline="single")


def _title(form: Form) -> str | None:
    return form_title(form.kind, form.project, form.department)


def _link(summary: Worksheet, title: str) -> None:
    """Make the project cell of the summary's last row a link to the form's sheet."""
    cell = summary.cell(row=summary.max_row, column=_PROJECT_COLUMN)
    quoted = title.replace("'", "''")
    cell.hyperlink = f"#'{quoted}'!A1"
    cell.font = _LINK_FONT


def _header(sheet: Worksheet, table: TableName) -> None:
    columns = TABLES[table]
    sheet.append([c.header for c in columns])
    for i, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=i)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    sheet.freeze_panes = _FREEZE


def _finish(sheet: Worksheet, table: TableName) -> None:
    """Number formats by column, and the autofilter over the filled range."""
    columns = TABLES[table]
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    for i, column in enumerate(columns, 1):
        if column.type == "text":
            continue
        fmt = NUMBER_FORMATS[column.type]
        for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
            cell.number_format = fmt
