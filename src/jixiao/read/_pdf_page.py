"""One PDF page → its tables and the lines of text around them, top to bottom."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from jixiao.read._pdf_chars import (
    BOTTOM,
    CX,
    CY,
    HEIGHT,
    TEXT,
    TOP,
    X0,
    X1,
    Char,
    page_chars,
    page_transform,
)
from jixiao.read._pdf_clip import ClipTest
from jixiao.read._pdf_grid import Grid, find_grids
from jixiao.read._pdf_rules import TOLERANCE, page_objects, page_rules
from jixiao.read._pdf_text import cell_text, group_lines, line_text
from jixiao.read.limits import current_limits

__all__ = ["PageCell", "PageLine", "PageTable", "read_page"]

_PAGE_NUMBER = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*页?\s*(?:[/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?\s*页?[-—–\s]*$"
)
"""A line that is only a page number (``- 3 -``, ``第3页``, ``3/12``, ``第 3 页 共 12 页``)."""
_FULL = 5.0
"""A line ending within this many character sizes of the right edge is full (wraps)."""
_LEADING = 0.9
"""Largest gap between two lines of one paragraph, in character sizes."""
_INDENT = 3.0
"""How far (in character sizes) a continuation line may start left of the one above."""


_TEXT = itemgetter(TEXT)
_HEIGHT = itemgetter(HEIGHT)
_TOP = itemgetter(TOP)
_BOTTOM = itemgetter(BOTTOM)
_X0 = itemgetter(X0)
_X1 = itemgetter(X1)


@dataclass(frozen=True, slots=True)
class PageLine:
    """A printed line (or a paragraph wrapped over lines) outside any table;
    ``page_number`` when it is only that."""

    page: int
    top: float
    text: str
    page_number: bool = False
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    size: float = 10.0


@dataclass(slots=True)
class PageCell:
    """A table cell with its horizontal extent in points (so tables from different
    pages can be laid on one column grid) and its rows. ``top_gap`` / ``bottom_gap``
    are the free space (points) between the cell's rules and its text (infinite when
    it is empty): a cell cut by a page break has its text run into the cut."""

    row: int
    rowspan: int
    x0: float
    x1: float
    text: str
    top_gap: float = math.inf
    bottom_gap: float = math.inf


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


def read_page(
    page: pdfium.PdfPage, number: int, where: str = ""
) -> tuple[list[PageLine | PageTable], int]:
    """The items of page ``number`` (1-based) in reading order, and how many characters
    the page has (0: no text layer). Its characters and the objects drawn on it are
    held to the ``pdf_objects`` limit before they are read; ``where`` names the page for
    that message."""
    transform = page_transform(page)
    limits = current_limits()
    n_objects = pdfium_c.FPDFPage_CountObjects(page)
    objects = page_objects(page) if n_objects <= limits.pdf_objects else []
    textpage = page.get_textpage()
    try:
        limits.check("pdf_objects", textpage.count_chars(), where)
        chars = page_chars(textpage, transform, ClipTest(textpage, objects))
    finally:
        textpage.close()
    if not chars:
        return [], 0
    limits.check("pdf_objects", n_objects, where)
    horizontal, vertical = page_rules(objects, transform, where)
    grids = find_grids(horizontal, vertical)
    inside, outside = _place(chars, grids)
    items: list[PageLine | PageTable] = [
        _table(grid, squares, number) for grid, squares in zip(grids, inside, strict=True)
    ]
    lines = [_line(line, number) for line in group_lines(outside)]
    items.extend(line for line in lines if line.text)
    items.sort(key=lambda item: item.top)
    right = max([g.xs[-1] for g in grids] + [line.x1 for line in lines])
    return _join_wrapped(items, right), len(chars)


def _line(chars: list[Char], number: int) -> PageLine:
    text = line_text(chars)
    heights = sorted([c[HEIGHT] for c in chars if c[TEXT] != " "])
    return PageLine(
        number,
        min(map(_TOP, chars)),
        text,
        bool(_PAGE_NUMBER.match(text)),
        max(map(_BOTTOM, chars)),
        min(map(_X0, chars)),
        max(map(_X1, chars)),
        heights[len(heights) // 2] if heights else 10.0,
    )


def _join_wrapped(items: list[PageLine | PageTable], right: float) -> list[PageLine | PageTable]:
    """Join a paragraph wrapped over several lines into one: a line that runs to the
    right edge of the text continues on the next line when that follows closely below
    and does not start further left than a hanging indent."""
    out: list[PageLine | PageTable] = []
    for item in items:
        last = out[-1] if out else None
        if (
            isinstance(item, PageLine)
            and isinstance(last, PageLine)
            and not (item.page_number or last.page_number)
            and last.x1 >= right - _FULL * last.size
            and item.top > last.top
            and item.top - last.bottom < _LEADING * max(last.size, item.size)
            and item.x0 >= last.x0 - _INDENT * last.size
        ):
            glue = " " if _latin(last.text[-1]) and _latin(item.text[0]) else ""
            out[-1] = PageLine(
                last.page,
                last.top,
                last.text + glue + item.text,
                False,
                item.bottom,
                min(last.x0, item.x0),
                item.x1,
                last.size,
            )
        else:
            out.append(item)
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _place(chars: list[Char], grids: list[Grid]) -> tuple[list[dict[int, list[Char]]], list[Char]]:
    """The characters inside each grid's outer rules by the grid square their centre
    lies in (``row * n_cols + col``, found by bisection), in page order; and those
    outside every grid."""
    inside: list[dict[int, list[Char]]] = [{} for _ in grids]
    outside: list[Char] = []
    frames = [
        (g.xs[0], g.xs[-1], g.ys[0], g.ys[-1], g.xs, g.ys, g.n_rows - 1, g.n_cols, squares)
        for g, squares in zip(grids, inside, strict=True)
    ]
    # the square of the first grid the last character went to: most characters follow
    # one another within a cell
    left = right = top = bottom = math.nan
    members: list[Char] = []
    for ch in chars:
        x, y = ch[CX], ch[CY]
        if left <= x < right and top <= y < bottom:
            members.append(ch)
            continue
        for i, (x0, x1, y0, y1, xs, ys, last_row, n_cols, squares) in enumerate(frames):
            if x0 <= x <= x1 and y0 <= y <= y1:
                row = bisect_right(ys, y) - 1
                col = bisect_right(xs, x) - 1
                row = 0 if row < 0 else last_row if row > last_row else row
                col = 0 if col < 0 else n_cols - 1 if col >= n_cols else col
                key = row * n_cols + col
                found = squares.get(key)
                if found is None:
                    found = squares[key] = [ch]
                else:
                    found.append(ch)
                if i == 0:
                    left, right, top, bottom = xs[col], xs[col + 1], ys[row], ys[row + 1]
                    members = found
                break
        else:
            outside.append(ch)
    return inside, outside


def _table(grid: Grid, squares: dict[int, list[Char]], number: int) -> PageTable:
    """The page table of ``grid`` from its characters by square (see :func:`_place`)."""
    n_cols, xs, ys = grid.n_cols, grid.xs, grid.ys
    cells = []
    for row, col, rowspan, colspan in grid.cells:
        if rowspan == 1 and colspan == 1:
            members = squares.get(row * n_cols + col, [])
        else:
            members = [
                ch
                for r in range(row, row + rowspan)
                for c in range(col, col + colspan)
                for ch in squares.get(r * n_cols + c, ())
            ]
        text = cell_text(members)
        if text:
            # the free space above and below the printed characters (one loop: a cell
            # holds a few characters, where each comprehension costs a call)
            high, low = math.inf, -math.inf
            for ch in members:
                if ch[TEXT] != " ":
                    if ch[TOP] < high:
                        high = ch[TOP]
                    if ch[BOTTOM] > low:
                        low = ch[BOTTOM]
            top, bottom = high - ys[row], ys[row + rowspan] - low
        else:
            top, bottom = math.inf, math.inf
        cells.append(PageCell(row, rowspan, xs[col], xs[col + colspan], text, top, bottom))
    if " " in map(_TEXT, chain.from_iterable(squares.values())):
        heights = sorted(
            [ch[HEIGHT] for members in squares.values() for ch in members if ch[TEXT] != " "]
        )
    else:  # most tables: every character counts (no comprehension, no condition)
        heights = sorted(map(_HEIGHT, chain.from_iterable(squares.values())))
    size = heights[len(heights) // 2] if heights else 10.0
    return PageTable(
        page=number,
        top=ys[0] - TOLERANCE,
        xs=xs,
        n_rows=grid.n_rows,
        cells=cells,
        last_page=number,
        char_size=max(size, 1.0),
        pages=[number],
    )
