"""Draw one :class:`~jixiao.model.Table` onto an openpyxl worksheet."""

from __future__ import annotations

import math
import re
import unicodedata
from copy import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Cell, Table
from jixiao.render.inert_cells import inert_xlsx_cell
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
    styles = _Styles()
    for cell in table.cells:
        _write(ws, cell, styles, ruled=cell.row not in plain)
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


_StyleKey = tuple[str, str, bool, str]


class _Styles:
    """Styles computed once per combination and copied to each cell (openpyxl's style
    registration is slow when every cell gets fresh style objects)."""

    def __init__(self) -> None:
        self._cache: dict[_StyleKey, Any] = {}

    def apply(self, target: Any, key: _StyleKey) -> None:
        cached = self._cache.get(key)
        if cached is not None:
            target._style = copy(cached)
            return
        role, align, ruled, fmt = key
        if role == "title0":
            target.font = Font(name=FONT_NAME, size=16, bold=True)
        elif role == "title":
            target.font = Font(name=FONT_NAME, size=11)
        else:
            target.font = Font(name=FONT_NAME, size=10.5, bold=role == "header")
        target.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if ruled:
            target.border = _BORDER
        target.number_format = fmt
        self._cache[key] = copy(target._style)


def _write(ws: Worksheet, cell: Cell, styles: _Styles, *, ruled: bool) -> None:
    r, c = cell.row + 1, cell.col + 1
    target = ws.cell(row=r, column=c)
    parsed = number_value(cell.text) if cell.role == "number" else None
    fmt = "General"
    if parsed is not None:
        target.value = parsed[0]
        fmt = parsed[1]
    else:
        target.value = cell.text if cell.text else None
        if cell.text:
            target.data_type = "s"
            fmt = "@"
    role = "title0" if cell.role == "title" and cell.row == 0 else cell.role
    styles.apply(target, (role, cell.align, ruled, fmt))
    inert_xlsx_cell(target)  # never a formula, even when it starts with "="
    if cell.rowspan > 1 or cell.colspan > 1:
        # Registered directly: openpyxl's merge_cells() re-styles every edge cell,
        # which is most of the writing time; the interior cells get borders below.
        last = f"{get_column_letter(cell.last_col + 1)}{cell.last_row + 1}"
        ws.merged_cells.add(MergedCellRange(ws, f"{target.coordinate}:{last}"))
        if ruled:
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    if (rr, cc) != (r, c):
                        styles.apply(
                            ws.cell(row=rr, column=cc), ("border", "left", True, "General")
                        )


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
