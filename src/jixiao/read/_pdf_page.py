"""One PDF page → its tables and the lines of text around them, top to bottom."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from jixiao.read._pdf_chars import Char, page_chars, page_transform
from jixiao.read._pdf_grid import Grid, find_grids
from jixiao.read._pdf_rules import TOLERANCE, page_rules
from jixiao.read._pdf_text import cell_text, group_lines, line_text

__all__ = ["PageCell", "PageLine", "PageTable", "read_page"]

_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*页?\s*(?:[/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?\s*页?[-—–\s]*$"
)
"""A line that is only a page number (``- 3 -``, ``第3页``, ``3/12``, ``第 3 页 共 12 页``)."""


@dataclass(frozen=True, slots=True)
class PageLine:
    """A printed line outside any table; ``page_number`` when it is only that."""

    page: int
    top: float
    text: str
    page_number: bool = False


@dataclass(slots=True)
class PageCell:
    """A table cell with its horizontal extent in points (so tables from different
    pages can be laid on one column grid) and its rows."""

    row: int
    rowspan: int
    x0: float
    x1: float
    text: str


@dataclass
class PageTable:
    """A table found on one page (or, after joining, continued over several)."""

    page: int
    top: float
    xs: tuple[float, ...]
    n_rows: int
    cells: list[PageCell]
    last_page: int = 0
    char_size: float = 10.0
    pages: list[int] = field(default_factory=list)


def read_page(page: pdfium.PdfPage, number: int) -> tuple[list[PageLine | PageTable], int]:
    """The items of page ``number`` (1-based) in reading order, and how many characters
    the page has (0: no text layer)."""
    transform = page_transform(page)
    textpage = page.get_textpage()
    try:
        chars = page_chars(textpage, transform)
    finally:
        textpage.close()
    if not chars:
        return [], 0
    horizontal, vertical = page_rules(page, transform)
    grids = find_grids(horizontal, vertical)
    inside: list[list[Char]] = [[] for _ in grids]
    outside: list[Char] = []
    for ch in chars:
        for i, grid in enumerate(grids):
            if grid.contains(ch.cx, ch.cy):
                inside[i].append(ch)
                break
        else:
            outside.append(ch)
    items: list[PageLine | PageTable] = [
        _table(grid, members, number) for grid, members in zip(grids, inside, strict=True)
    ]
    for line in group_lines(outside):
        text = line_text(line)
        if text:
            top = min(c.top for c in line)
            items.append(PageLine(number, top, text, bool(_PAGE_NUMBER.match(text))))
    items.sort(key=lambda item: item.top)
    return items, len(chars)


def _table(grid: Grid, chars: list[Char], number: int) -> PageTable:
    by_square: dict[tuple[int, int], list[Char]] = {}
    for ch in chars:
        by_square.setdefault(grid.square(ch.cx, ch.cy), []).append(ch)
    cells = []
    for cell in grid.cells:
        members = [
            ch
            for r in range(cell.row, cell.row + cell.rowspan)
            for c in range(cell.col, cell.col + cell.colspan)
            for ch in by_square.get((r, c), ())
        ]
        x0, x1 = grid.xs[cell.col], grid.xs[cell.col + cell.colspan]
        cells.append(PageCell(cell.row, cell.rowspan, x0, x1, cell_text(members)))
    heights = sorted(ch.height for ch in chars if ch.text != " ")
    size = heights[len(heights) // 2] if heights else 10.0
    return PageTable(
        page=number,
        top=grid.ys[0] - TOLERANCE,
        xs=grid.xs,
        n_rows=grid.n_rows,
        cells=cells,
        last_page=number,
        char_size=max(size, 1.0),
        pages=[number],
    )
