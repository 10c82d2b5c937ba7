"""Excel workbooks (.xlsx) → :class:`Document`: every sheet one table, merges as spans.

The only module that touches openpyxl for reading. A cell's text is what Excel
displays: a number is formatted with the cell's number format (``6`` formatted
``0.00`` reads ``6.00``), a date as ``2020-04-20``, formulas by their cached value;
a formula whose value is an error (``=365(天)`` typed as a target) by its formula, as
typed (:mod:`jixiao.read.xlsx_formulas`).
Line breaks inside a cell are kept (the parser joins wrapped text).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jixiao.errors import ReadError
from jixiao.model.table import Cell
from jixiao.read._office import check_ooxml
from jixiao.read._sheet_extent import WORKSHEET, SheetExtent
from jixiao.read.document import Document, DocumentBuilder
from jixiao.read.limits import current_limits
from jixiao.read.text import open_bytes
from jixiao.read.xlsx_formulas import ERRORS, FormulaError, formula_cells, formula_errors

__all__ = ["display_text", "read_xlsx", "read_xlsx_bytes"]

_MERGE = re.compile(r"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")
_COL = re.compile(r"<(?:\w+:)?col\s([^>]*)/?>")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")
_QUOTED = re.compile(r'"([^"]*)"')
_NOISE = re.compile(r"\[[^\]]*\]|_.|\\.|\*.")
"""Colours and conditions ``[Red]``, padding ``_)``, escapes ``\\x`` and fills ``*x``."""


def read_xlsx(path: str | Path) -> Document:
    """Read an .xlsx file; a :class:`ReadError` with a Chinese line when it cannot."""
    p = Path(path)
    return read_xlsx_bytes(open_bytes(p), p.name)


def read_xlsx_bytes(data: bytes, name: str) -> Document:
    """Read an .xlsx workbook given as bytes, naming the document ``name``."""
    extents: dict[str, SheetExtent] = {}

    def watch(member: str) -> SheetExtent | None:
        if not WORKSHEET.match(member):
            return None
        extents[member] = SheetExtent(f"文件「{name}」中工作表「{member}」的")
        return extents[member]

    check_ooxml(data, name, "Excel（.xlsx）", "xl/workbook.xml", watch)
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, rich_text=False
            )
        builder = DocumentBuilder(name, "xlsx")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for sheet in book.worksheets:
                path = _sheet_path(sheet)
                extent = extents.get(path)
                if extent is None or not extent.rows:
                    continue  # no cell holds a value (or no such part: openpyxl would say)
                _add_sheet(builder, sheet, _sheet_xml(archive, path), extent)
        builder.meta["sheets"] = str(len(book.worksheets))
        book.close()
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(
            f"文件「{name}」无法作为 Excel 工作簿读取（{type(exc).__name__}）"
        ) from None
    return builder.build()


def _sheet_path(sheet: Any) -> str:
    return str(getattr(sheet, "_worksheet_path", "") or "").lstrip("/")


def _sheet_xml(archive: zipfile.ZipFile, path: str) -> str:
    """The raw XML of a sheet, for its merges and column widths (read-only mode keeps
    neither; binding merges in normal mode is slow). Its size is within the limits:
    :func:`check_ooxml` inflated it first."""
    return archive.read(path).decode("utf-8", errors="replace")


def _add_sheet(builder: DocumentBuilder, sheet: Any, xml: str, extent: SheetExtent) -> None:
    title = str(sheet.title)
    builder.reserve(extent.rows, extent.cols, title)  # openpyxl pads rows up to these
    texts: dict[tuple[int, int], str] = {}
    failed: list[tuple[int, int]] = []
    for row in sheet.iter_rows(max_row=extent.rows, max_col=extent.cols):
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None:
                continue
            position = (cell.row - 1, cell.column - 1)
            if isinstance(value, str) and value.strip() in ERRORS:
                failed.append(position)
            text = display_text(value, cell.number_format)
            if text.strip():
                texts[position] = text
    typed = _typed_formulas(xml, failed, texts) if failed else []
    if not texts:
        return
    merges = [_range(ref) for ref in _MERGE.findall(xml)]
    n_rows = max(r + 1 for r, _ in texts)
    n_cols = max(c + 1 for _, c in texts)
    merges = [m for m in merges if m[0] < n_rows and m[1] < n_cols]
    n_rows = max([n_rows] + [r + h for r, _, h, _ in merges])
    n_cols = max([n_cols] + [c + w for _, c, _, w in merges])
    builder.reserve(n_rows, n_cols, title)  # a merge over the whole sheet stops here
    cells = _cells(merges, texts, n_rows, n_cols, f"{extent.where}合并单元格（合计）的")
    builder.table(
        n_rows,
        n_cols,
        cells,
        col_widths=_widths(xml, n_cols),
        title=title,
        formula_cells=formula_cells([e for e in typed if e.row < n_rows]),
    )


def _cells(
    merges: list[tuple[int, int, int, int]],
    texts: dict[tuple[int, int], str],
    n_rows: int,
    n_cols: int,
    where: str,
) -> list[Cell]:
    """The merged cells at their top-left positions with their spans (of overlapping
    merges in a damaged file the first is kept), then every other cell with text. The
    positions merges cover are marked in one byte each, row slice by row slice; all the
    merges together may cover no more positions than the cells limit allows."""
    covered = bytearray(n_rows * n_cols)
    limits = current_limits()
    work = 0
    cells: list[Cell] = []
    for r, c, h, w in merges:
        work += h * w
        limits.check("cells", work, where)
        spans = [slice(row * n_cols + c, row * n_cols + c + w) for row in range(r, r + h)]
        if any(1 in covered[span] for span in spans):
            continue  # overlapping merges in a damaged file: keep the first
        for span in spans:
            covered[span] = b"\x01" * w
        cells.append(Cell(r, c, texts.get((r, c), ""), h, w))
    cells.extend(Cell(r, c, text) for (r, c), text in texts.items() if not covered[r * n_cols + c])
    return cells


def _typed_formulas(
    xml: str, failed: list[tuple[int, int]], texts: dict[tuple[int, int], str]
) -> list[FormulaError]:
    """Cells showing an error that are formulas: their text becomes the formula as
    typed, never the error code (the sheet's XML is searched only once openpyxl has
    read it whole, so it is well formed)."""
    errors = formula_errors(xml)
    typed = [errors[p] for p in failed if p in errors]
    for error in typed:
        position = (error.row, error.col)
        if error.text:
            texts[position] = error.text
        else:
            texts.pop(position, None)
    return typed


def _range(ref: str) -> tuple[int, int, int, int]:
    """``B3:D5`` → (row, col, rowspan, colspan), 0-based."""
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(ref)
    assert min_col is not None and min_row is not None
    assert max_col is not None and max_row is not None
    return min_row - 1, min_col - 1, max_row - min_row + 1, max_col - min_col + 1


def _widths(xml: str, n_cols: int) -> tuple[float, ...]:
    widths = [8.43] * n_cols
    for attrs in _COL.findall(xml):
        found = {k: v for k, v in _ATTR.findall(attrs)}
        try:
            lo, hi, width = int(found["min"]), int(found["max"]), float(found["width"])
        except (KeyError, ValueError):
            continue
        for c in range(lo - 1, min(hi, n_cols)):
            widths[c] = width
    return tuple(widths)


def display_text(value: object, number_format: str | None = "General") -> str:
    """The text Excel shows for ``value`` under ``number_format``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, int | float | Decimal):
        return _format_number(value, number_format or "General")
    return str(value)


def _format_number(value: int | float | Decimal, fmt: str) -> str:
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    section = fmt.split(";")[0]
    literals = _QUOTED.findall(section)
    core = _NOISE.sub("", _QUOTED.sub("", section)).strip()
    if core in {"General", "@", ""} or not any(ch in core for ch in "0#?"):
        text = _general(number)
        return text + "".join(literals) if core not in {"General", "@", ""} else text
    percent = "%" in core
    if percent:
        number *= 100
    digits = core.split(".", 1)
    decimals = sum(ch in "0#?" for ch in digits[1]) if len(digits) == 2 else 0
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{number:,.{decimals}f}" if "," in digits[0] else f"{number:.{decimals}f}"
    prefix, suffix = _affixes(section, literals)
    return prefix + text + ("%" if percent else "") + suffix


def _affixes(section: str, literals: list[str]) -> tuple[str, str]:
    """Quoted text before the first digit placeholder is a prefix, the rest a suffix."""
    first = min((i for i, ch in enumerate(section) if ch in "0#?"), default=0)
    prefix = "".join(m.group(1) for m in _QUOTED.finditer(section) if m.start() < first)
    suffix = "".join(m.group(1) for m in _QUOTED.finditer(section) if m.start() >= first)
    return prefix, suffix


def _general(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    text = format(number.normalize(), "f")
    return text
