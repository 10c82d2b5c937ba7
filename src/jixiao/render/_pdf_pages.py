"""Cut a :class:`~jixiao.model.Table` into page-sized pieces.

reportlab will not break a table inside a row span, and an 一级指标 label often spans
most of the indicator rows, so jixiao paginates itself: it measures every row, cuts
where the page is full (preferring a cut between merged cells), repeats the header rows
at the top of each continuation page, and splits a merged cell that crosses a cut into
one merged cell per page. A short label (一级/二级指标) is printed again in each part;
a long text stays in its first part, which grows to hold it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from jixiao.model import Cell, Table
from jixiao.render._pdf_cells import CellStyles, cell_height

__all__ = ["Piece", "paginate", "row_heights"]

_CLEAN_CUT_SHARE = 0.7
"""Cut between merged cells if that still fills this share of the page."""
_SHORT_LABEL = 12
"""A merged cell with at most this many characters is repeated in each part."""


@dataclass(frozen=True)
class Piece:
    """One page's part of a table: its rows (indices into the table), cells re-indexed
    to the piece, row heights in points, and how many top rows are a repeated header."""

    rows: tuple[int, ...]
    cells: tuple[Cell, ...]
    heights: tuple[float, ...]
    repeated: int

    @property
    def height(self) -> float:
        return sum(self.heights)


def span_width(cell: Cell, widths: Sequence[float]) -> float:
    return sum(widths[cell.col : cell.last_col + 1])


def row_heights(table: Table, widths: Sequence[float], styles: CellStyles) -> list[float]:
    """Each row's height: the tallest single-row cell, then merged cells' needs spread
    evenly over the rows they cover."""
    heights = [styles.min_row_height] * table.n_rows
    spanning: list[tuple[int, Cell, float]] = []
    for cell in table.cells:
        need = cell_height(cell, styles, span_width(cell, widths))
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need)
        else:
            spanning.append((cell.rowspan, cell, need))
    for _, cell, need in sorted(spanning, key=lambda t: t[0]):
        have = sum(heights[cell.row : cell.last_row + 1])
        if need > have:
            extra = (need - have) / cell.rowspan
            for r in range(cell.row, cell.last_row + 1):
                heights[r] += extra
    return heights


def paginate(
    table: Table,
    widths: Sequence[float],
    styles: CellStyles,
    first_page: float,
    page: float,
    repeat: range,
) -> list[Piece]:
    """Cut ``table`` into pieces: the first fits in ``first_page`` points of height, the
    others in ``page``; rows in ``repeat`` head every piece that starts below them."""
    heights = row_heights(table, widths, styles)
    # a cut before row r is "clean" when no merged cell covers both r-1 and r
    inside = [False] * (table.n_rows + 1)
    for cell in table.cells:
        for r in range(cell.row + 1, cell.last_row + 1):
            inside[r] = True
    pieces: list[Piece] = []
    start = 0
    while start < table.n_rows:
        head = list(repeat) if pieces and repeat and start >= repeat.stop else []
        avail = (first_page if not pieces else page) - sum(heights[r] for r in head)
        end = _cut(heights, inside, start, avail)
        while True:
            piece = _piece(table, widths, styles, heights, head, start, end)
            if piece.height <= avail + sum(heights[r] for r in head) or end <= start + 1:
                break
            end -= 1
        pieces.append(piece)
        start = end
    return pieces


def _cut(heights: Sequence[float], inside: Sequence[bool], start: int, avail: float) -> int:
    """The row before which to cut, so that rows ``start..cut-1`` fit in ``avail``."""
    used = 0.0
    end = start
    while end < len(heights) and used + heights[end] <= avail:
        used += heights[end]
        end += 1
    if end == len(heights):
        return end
    if end == start:
        return start + 1  # a row taller than a page: reportlab splits it inside
    filled = used
    for cut in range(end, start, -1):
        if not inside[cut]:
            if filled >= _CLEAN_CUT_SHARE * avail:
                return cut
            break
        filled -= heights[cut - 1]
    return end


def _piece(
    table: Table,
    widths: Sequence[float],
    styles: CellStyles,
    heights: Sequence[float],
    head: Sequence[int],
    start: int,
    end: int,
) -> Piece:
    rows = [*head, *range(start, end)]
    local = {r: i for i, r in enumerate(rows)}
    out_heights = [heights[r] for r in rows]
    cells: list[Cell] = []
    for cell in table.cells:
        runs = _runs([local[r] for r in range(cell.row, cell.last_row + 1) if r in local])
        for i, (first, last) in enumerate(runs):
            whole = len(runs) == 1 and last - first + 1 == cell.rowspan
            keeps_text = whole or _repeats(cell) or (i == 0 and rows[first] == cell.row)
            text = cell.text if keeps_text else ""
            part = replace(cell, row=first, rowspan=last - first + 1, text=text)
            cells.append(part)
            if not whole and text:
                need = cell_height(part, styles, span_width(cell, widths))
                have = sum(out_heights[first : last + 1])
                if need > have:
                    out_heights[last] += need - have
    return Piece(tuple(rows), tuple(cells), tuple(out_heights), len(head))


def _repeats(cell: Cell) -> bool:
    return cell.role in {"label", "header", "title"} or len(cell.text.strip()) <= _SHORT_LABEL


def _runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs
