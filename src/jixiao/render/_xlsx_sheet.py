"""Draw one :class:`~jixiao.model.Table` onto an openpyxl worksheet."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Cell, Table
from jixiao.render.options import RenderOptions

__all__ = ["draw_table", "number_value", "text_width"]

FONT_NAME = "宋体"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_LINE_PT = 14.0  # one line of 10.5 pt text
_PAD_PT = 4.0


def draw_table(ws: Worksheet, table: Table, options: RenderOptions) -> None:
    """Write every cell of ``table`` with its merges, styles, sizes and print setup."""
    title_rows = int(table.meta.get("title_rows", "0"))
    footer_rows = int(table.meta.get("footer_rows", "0"))
    plain = set(range(title_rows)) | set(range(table.n_rows - footer_rows, table.n_rows))
    widths = list(table.col_widths) or [12.0] * table.n_cols
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    for cell in table.cells:
        _write(ws, cell, ruled=cell.row not in plain)
    _heights(ws, table, widths, title_rows)
    _print_setup(ws, table, options)


def number_value(text: str) -> tuple[Decimal, str] | None:
    """A printed number → its value and an Excel number format, or ``None``."""
    t = text.strip()
    if not _NUMBER.match(t):
        return None
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    places = len(t.partition(".")[2])
    fmt = ("#,##0" if "," in t else "0") + ("." + "0" * places if places else "")
    return value, fmt


def text_width(text: str) -> int:
    """Display width in Latin characters (a Chinese character counts two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write(ws: Worksheet, cell: Cell, *, ruled: bool) -> None:
    r, c = cell.row + 1, cell.col + 1
    target = ws.cell(row=r, column=c)
    parsed = number_value(cell.text) if cell.role == "number" else None
    if parsed is not None:
        target.value = parsed[0]
        target.number_format = parsed[1]
    else:
        target.value = cell.text if cell.text else None
        if cell.text:
            target.data_type = "s"  # never a formula, even when it starts with "="
            target.number_format = "@"
    if cell.role == "title":
        size = 16 if cell.row == 0 else 11
        target.font = Font(name=FONT_NAME, size=size, bold=cell.row == 0)
    else:
        bold = cell.role == "header"
        target.font = Font(name=FONT_NAME, size=10.5, bold=bold)
    target.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
    if cell.rowspan > 1 or cell.colspan > 1:
        ws.merge_cells(
            start_row=r,
            start_column=c,
            end_row=r + cell.rowspan - 1,
            end_column=c + cell.colspan - 1,
        )
    if ruled:
        for rr in range(r, r + cell.rowspan):
            for cc in range(c, c + cell.colspan):
                ws.cell(row=rr, column=cc).border = _BORDER


def _lines(text: str, width: float) -> int:
    """Lines the text needs in a column ``width`` wide (a Chinese character of 10.5 pt
    is about 1.9 Excel width units)."""
    usable = max(width - 0.8, 2.0)
    total = 0
    for part in text.split("\n"):
        units = sum(1.9 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in part)
        total += max(1, math.ceil(units / usable))
    return total


def _heights(ws: Worksheet, table: Table, widths: list[float], title_rows: int) -> None:
    need = [1.0] * table.n_rows
    spanning: list[Cell] = []
    for cell in table.cells:
        if cell.rowspan > 1:
            spanning.append(cell)
            continue
        w = sum(widths[cell.col : cell.last_col + 1])
        need[cell.row] = max(need[cell.row], float(_lines(cell.text, w)))
    for cell in spanning:
        w = sum(widths[cell.col : cell.last_col + 1])
        lines = float(_lines(cell.text, w))
        have = sum(need[cell.row : cell.last_row + 1])
        if lines > have:
            extra = (lines - have) / cell.rowspan
            for r in range(cell.row, cell.last_row + 1):
                need[r] += extra
    for r, lines in enumerate(need):
        height = lines * _LINE_PT + _PAD_PT
        if r < title_rows:
            height = 28.0 if r == 0 else 20.0
        ws.row_dimensions[r + 1].height = round(height, 1)


def _print_setup(ws: Worksheet, table: Table, options: RenderOptions) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if options.page == "A3" else ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if options.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    spec = table.meta.get("repeat_rows")
    if spec:
        first, _, last = spec.partition("-")
        ws.print_title_rows = f"{int(first) + 1}:{int(last or first) + 1}"
    ws.sheet_view.showGridLines = False
    ws.print_area = f"A1:{get_column_letter(table.n_cols)}{table.n_rows}"
