"""Draw official tables (:class:`~jixiao.model.Table`) into a PDF with reportlab.

Each table is a ruled grid (every cell bordered) under a centred bold title; merged
cells are drawn merged, text wraps inside its cell (CJK line breaking), numbers are
right-aligned, column widths follow ``Table.col_widths`` scaled to the page, and the
header rows are repeated when the table continues on the next page. The CJK font is the
built-in 宋体 ``STSong-Light`` or an embedded TrueType font (see
:mod:`jixiao.render.fonts`); lines break by the Chinese rules (:mod:`jixiao.linebreak`).
Several tables → one PDF, each table starting on a new page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, TableStyle
from reportlab.platypus import Table as RLTable

from jixiao.atomic import write_atomic
from jixiao.errors import UsageError
from jixiao.model import Form, Table
from jixiao.render._pdf_cells import PAD_X, PAD_Y, CellStyles, flowable
from jixiao.render._pdf_pages import Piece, paginate
from jixiao.render.fonts import pdf_font_name
from jixiao.render.official import official_table, repeat_rows
from jixiao.render.options import RenderOptions

__all__ = [
    "column_widths",
    "page_dimensions",
    "pdf_bytes",
    "pdf_tables_bytes",
    "plain_rows",
    "repeat_range",
    "write_pdf",
    "write_pdf_tables",
]

_SIZES = {"A4": A4, "A3": A3}
_MARGIN_X = 15 * mm
_MARGIN_Y = 15 * mm
_GRID = 0.5
_BOX = 1.0


def page_dimensions(page_size: str = "A4", landscape: bool = False) -> tuple[float, float]:
    """Width and height of the page in points."""
    try:
        size = _SIZES[page_size.upper()]
    except KeyError:
        raise UsageError(f"不支持的纸张大小：{page_size}（可选 A4、A3）") from None
    return _landscape(size) if landscape else size


def write_pdf(
    forms: Sequence[Form], path: str | Path, options: RenderOptions | None = None
) -> None:
    """Write the official table of each form to the PDF file ``path``, each form
    starting on a new page."""
    write_atomic(Path(path), pdf_bytes(forms, options))


def pdf_bytes(forms: Sequence[Form], options: RenderOptions | None = None) -> bytes:
    """The PDF of the forms' official tables (see :func:`write_pdf`)."""
    opts = options or RenderOptions()
    tables = [official_table(form, opts) for form in forms]
    return pdf_tables_bytes(tables, page_size=opts.page, landscape=opts.landscape, font=opts.font)


def write_pdf_tables(
    tables: Sequence[Table],
    path: str | Path,
    *,
    page_size: str = "A4",
    landscape: bool = False,
    font_size: float = 9.0,
    font: str | None = None,
) -> None:
    """Write ``tables`` to the PDF file ``path``, each starting on a new page."""
    data = pdf_tables_bytes(
        tables, page_size=page_size, landscape=landscape, font_size=font_size, font=font
    )
    write_atomic(Path(path), data)


def pdf_tables_bytes(
    tables: Sequence[Table],
    *,
    page_size: str = "A4",
    landscape: bool = False,
    font_size: float = 9.0,
    font: str | None = None,
) -> bytes:
    """The PDF of ``tables`` as bytes (see :func:`write_pdf_tables`); ``font`` as
    :func:`~jixiao.render.fonts.pdf_font_name` takes it."""
    if not tables:
        raise UsageError("没有可输出的表")
    width, height = page_dimensions(page_size, landscape)
    styles = CellStyles(pdf_font_name(font), font_size)
    frame_w = width - 2 * _MARGIN_X
    frame_h = height - 2 * _MARGIN_Y
    story: list[Flowable] = []
    for i, table in enumerate(tables):
        if i:
            story.append(PageBreak())
        story.extend(_table_story(table, styles, frame_w, frame_h))
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=(width, height),
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_Y,
        bottomMargin=_MARGIN_Y,
        title=tables[0].title or "绩效表",
        author="jixiao",
        creator="jixiao",
        initialFontName=styles.font,
        initialFontSize=styles.size,
    )
    frame = Frame(_MARGIN_X, _MARGIN_Y, frame_w, frame_h, 0, 0, 0, 0, id="body", showBoundary=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story)
    return buf.getvalue()


def column_widths(table: Table, total: float) -> list[float]:
    """``Table.col_widths`` (relative) scaled to ``total`` points; equal when unset."""
    rel = list(table.col_widths) if len(table.col_widths) == table.n_cols else []
    if not rel or sum(rel) <= 0:
        rel = [1.0] * table.n_cols
    scale = total / sum(rel)
    return [w * scale for w in rel]


def _table_story(
    table: Table, styles: CellStyles, frame_w: float, frame_h: float
) -> list[Flowable]:
    widths = column_widths(table, frame_w)
    safety = 1.0
    pieces = paginate(
        table, widths, styles, frame_h - safety, frame_h - safety, repeat_range(table)
    )
    story: list[Flowable] = []
    for i, piece in enumerate(pieces):
        if i:
            story.append(PageBreak())
        story.append(_draw_piece(table, piece, widths, styles))
    return story


def repeat_range(table: Table) -> range:
    """The rows to repeat on a continuation page: ``meta["repeat_rows"]`` when given,
    else the top ``header_rows`` rows."""
    rows = repeat_rows(table)
    if rows is not None:
        return range(rows[0], rows[1] + 1)
    return range(0, table.header_rows)


def plain_rows(table: Table) -> tuple[int, int]:
    """How many top rows (title) and bottom rows (说明 under the grid) are drawn without
    grid lines: ``meta["title_rows"]`` and ``meta["footer_rows"]``."""
    return _meta_int(table, "title_rows"), _meta_int(table, "footer_rows")


def _meta_int(table: Table, key: str) -> int:
    value = table.meta.get(key, "").strip()
    return int(value) if value.isdigit() else 0


def _draw_piece(table: Table, piece: Piece, widths: list[float], styles: CellStyles) -> RLTable:
    n = len(piece.rows)
    data: list[list[Any]] = [[""] * table.n_cols for _ in range(n)]
    n_title, n_footer = plain_rows(table)
    top = sum(1 for r in piece.rows if r < n_title)
    bottom = n - sum(1 for r in piece.rows if r >= table.n_rows - n_footer)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), styles.font, styles.size),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
    ]
    if top < bottom:
        commands += [
            ("GRID", (0, top), (-1, bottom - 1), _GRID, colors.black),
            ("BOX", (0, top), (-1, bottom - 1), _BOX, colors.black),
        ]
    for cell in piece.cells:
        if cell.text:
            data[cell.row][cell.col] = flowable(cell, styles)
        if cell.rowspan > 1 or cell.colspan > 1:
            commands.append(("SPAN", (cell.col, cell.row), (cell.last_col, cell.last_row)))
    return RLTable(
        data,
        colWidths=widths,
        rowHeights=list(piece.heights),
        style=TableStyle(commands),
        repeatRows=piece.repeated,
        splitByRow=1,
        splitInRow=1,
        hAlign="CENTER",
    )
