"""Draw official tables (:class:`~jixiao.model.Table`) into a Word document (python-docx).

Each table becomes a title paragraph (the table's ``title`` rows, bold and centred)
above a real Word table: merged cells are merged (``gridSpan`` across, ``vMerge``
down), every cell has borders, columns have fixed widths from ``Table.col_widths``,
text is in 宋体 (``w:eastAsia``), numbers are aligned as the table says, and the
indicator header is marked to repeat on each page (``w:tblHeader``). Word repeats
only a table's top rows, so a table whose header to repeat lies in the middle is
written as two tables, the second starting at that header. Rows under the grid
(``footer_rows``, e.g. 说明) follow as paragraphs. Several tables → one document,
each starting on a new page.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, Twips

from jixiao.atomic import write_atomic
from jixiao.errors import UsageError
from jixiao.model import Cell, Form, Table
from jixiao.render._docx_xml import (
    cell_margins,
    fixed_layout,
    keep_row_together,
    mark_header_row,
    set_east_asia_font,
    set_table_borders,
    tiny_paragraph_mark,
)
from jixiao.render.fonts import DOCX_EAST_ASIA_FONT, DOCX_LATIN_FONT
from jixiao.render.official import official_table, repeat_rows
from jixiao.render.options import RenderOptions

__all__ = ["docx_bytes", "docx_tables_bytes", "write_docx", "write_docx_tables"]

_PAGES = {"A4": (Mm(210), Mm(297)), "A3": (Mm(297), Mm(420))}
_MARGIN_X = Mm(15)
_MARGIN_Y = Mm(15)
_BODY_PT = 9.0
_TITLE_PT = 16.0
_SUBTITLE_PT = 11.0
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def write_docx(
    forms: Sequence[Form], path: str | Path, options: RenderOptions | None = None
) -> None:
    """Write the official table of each form to the Word file ``path``, each form
    starting on a new page."""
    write_atomic(Path(path), docx_bytes(forms, options))


def docx_bytes(forms: Sequence[Form], options: RenderOptions | None = None) -> bytes:
    """The Word document of the forms' official tables (see :func:`write_docx`)."""
    opts = options or RenderOptions()
    tables = [official_table(form, opts) for form in forms]
    return docx_tables_bytes(tables, page_size=opts.page, landscape=opts.landscape)


def write_docx_tables(
    tables: Sequence[Table], path: str | Path, *, page_size: str = "A4", landscape: bool = False
) -> None:
    """Write ``tables`` to the Word file ``path``, each starting on a new page."""
    write_atomic(Path(path), docx_tables_bytes(tables, page_size=page_size, landscape=landscape))


def docx_tables_bytes(
    tables: Sequence[Table], *, page_size: str = "A4", landscape: bool = False
) -> bytes:
    """The Word document of ``tables`` as bytes (see :func:`write_docx_tables`)."""
    if not tables:
        raise UsageError("没有可输出的表")
    doc = new_document()
    width = _setup(doc, page_size, landscape)
    for i, table in enumerate(tables):
        _draw(doc, table, width, new_page=i > 0)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _setup(doc: Document, page_size: str, landscape: bool) -> int:
    """Page size, orientation, margins and the default font; returns the text width
    in twips."""
    try:
        w, h = _PAGES[page_size.upper()]
    except KeyError:
        raise UsageError(f"不支持的纸张大小：{page_size}（可选 A4、A3）") from None
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    section.left_margin = section.right_margin = _MARGIN_X
    section.top_margin = section.bottom_margin = _MARGIN_Y
    normal = doc.styles["Normal"]
    normal.font.size = Pt(_BODY_PT)
    set_east_asia_font(normal.element.get_or_add_rPr(), DOCX_EAST_ASIA_FONT, DOCX_LATIN_FONT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    page_width = section.page_width or w
    return int(Twips(page_width - 2 * _MARGIN_X).twips)


def _draw(doc: Document, table: Table, width: int, *, new_page: bool) -> None:
    n_title = _meta_int(table, "title_rows")
    n_footer = _meta_int(table, "footer_rows")
    first = True
    for row in range(n_title):
        texts = [c.text for c in table.cells if c.row == row and c.text.strip()]
        cell = next((c for c in table.cells if c.row == row), None)
        para = doc.add_paragraph()
        para.alignment = _ALIGN[cell.align if cell and cell.role != "title" else "center"]
        para.paragraph_format.space_after = Pt(6)
        para.paragraph_format.keep_with_next = True
        if first and new_page:
            para.paragraph_format.page_break_before = True
        run = para.add_run(" ".join(texts))
        run.bold = True
        run.font.size = Pt(_TITLE_PT if row == 0 else _SUBTITLE_PT)
        first = False
    grid_end = table.n_rows - n_footer
    repeat = repeat_rows(table)
    if repeat is None and table.header_rows > n_title:
        repeat = (n_title, table.header_rows - 1)
    cuts = [n_title, grid_end]
    if repeat is not None and n_title < repeat[0] < grid_end and _clean_cut(table, repeat[0]):
        cuts.insert(1, repeat[0])
    grids = 0
    for start, stop in itertools.pairwise(cuts):
        if start >= stop:
            continue
        if grids or (first and new_page):
            _spacer(doc).paragraph_format.page_break_before = not grids
        grids += 1
        header = range(0)
        if repeat is not None and repeat[0] == start:
            header = range(repeat[0] - start, repeat[1] - start + 1)
        _grid(doc, _slice(table, start, stop), width, header)
        first = False
    for row in range(grid_end, table.n_rows):
        for cell in (c for c in table.cells if c.row == row):
            para = doc.add_paragraph()
            para.alignment = _ALIGN[cell.align]
            para.paragraph_format.space_before = Pt(3)
            _add_text(para, cell.text)


def _grid(doc: Document, table: Table, width: int, header: range) -> None:
    """One Word table drawing ``table`` (no title or footer rows left in it)."""
    word = doc.add_table(rows=table.n_rows, cols=table.n_cols)
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl = word._tbl
    cols = _twips(table, width)
    fixed_layout(tbl, sum(cols))
    set_table_borders(tbl)
    cell_margins(tbl, top=30, left=57, bottom=30, right=57)
    for grid_col, w in zip(tbl.tblGrid.gridCol_lst, cols, strict=True):
        grid_col.w = Twips(w)
    rows = list(word.rows)
    slots = [list(row.cells) for row in rows]  # before merging: one cell per grid slot
    for r, row in enumerate(rows):
        keep_row_together(row._tr)
        if r in header:
            mark_header_row(row._tr)
    for cell in table.cells:
        target = slots[cell.row][cell.col]
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(slots[cell.last_row][cell.last_col])
        target.width = Twips(sum(cols[cell.col : cell.last_col + 1]))
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _fill(target, cell)


def _fill(target: Any, cell: Cell) -> None:
    paragraphs = target.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    para = paragraphs[0]
    para.alignment = _ALIGN[_alignment(cell)]
    _add_text(para, cell.text)


def _add_text(para: Any, text: str) -> None:
    """The text as runs, a line break (``w:br``) where the text has a newline."""
    for i, line in enumerate(text.split("\n")):
        run = para.add_run(line.strip())
        if i:
            run.add_break()
            # the break must come before this line's text
            run._r.insert(0, run._r[-1])


def _alignment(cell: Cell) -> str:
    if cell.role == "number" and cell.align == "left":
        return "right"
    if cell.role in {"title", "header"} and cell.align == "left":
        return "center"
    return cell.align


def _spacer(doc: Document) -> Any:
    """An empty one-point paragraph: it keeps Word from joining two tables into one."""
    para = doc.add_paragraph()
    fmt = para.paragraph_format
    fmt.line_spacing = Pt(1)
    fmt.keep_with_next = True
    tiny_paragraph_mark(para._p.get_or_add_pPr())
    return para


def _slice(table: Table, start: int, stop: int) -> Table:
    cells = tuple(
        replace(c, row=c.row - start) for c in table.cells if start <= c.row and c.last_row < stop
    )
    return replace(table, n_rows=stop - start, cells=cells, first_line=table.first_line + start)


def _clean_cut(table: Table, row: int) -> bool:
    """No merged cell crosses the line above ``row``."""
    return not any(c.row < row <= c.last_row for c in table.cells)


def _twips(table: Table, width: int) -> list[int]:
    rel = list(table.col_widths) if len(table.col_widths) == table.n_cols else []
    if not rel or sum(rel) <= 0:
        rel = [1.0] * table.n_cols
    scale = width / sum(rel)
    cols = [int(w * scale) for w in rel]
    cols[-1] += width - sum(cols)
    return cols


def _meta_int(table: Table, key: str) -> int:
    value = table.meta.get(key, "").strip()
    return int(value) if value.isdigit() else 0
