"""Tables continued over pages → one table; page tables → :class:`Table`.

A table at the top of a page continues the table that ended the previous page when no
text stands between them (page numbers aside: they are kept, after the joined table)
and both have the same outer edges and shared column boundaries. Header rows printed
again on the new page are dropped, and a merged label cell cut by the page break is
made whole again. Any text between two tables (a new form's title) keeps them apart.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from operator import attrgetter

from jixiao.model.table import Cell
from jixiao.read._pdf_cut import Action, cut_action, glue, over, split_row
from jixiao.read._pdf_page import PageCell, PageLine, PageTable
from jixiao.read._pdf_rules import TOLERANCE

__all__ = ["join_pages", "to_table"]

_EDGE = 3 * TOLERANCE
"""How far the outer edges of a continued table may move between pages."""
_SHARED = 0.6
"""Share of the narrower table's inner column boundaries the wider one must have."""


def join_pages(items: Sequence[PageLine | PageTable]) -> list[PageLine | PageTable]:
    """Items of all pages in order, with continued tables joined. Page numbers between
    the parts of a joined table follow it (kept, not dropped)."""
    out: list[PageLine | PageTable] = []
    pending: list[PageLine] = []
    for item in items:
        previous = out[-1] if out else None
        if isinstance(item, PageLine) and item.page_number and isinstance(previous, PageTable):
            pending.append(item)
            continue
        if (
            isinstance(item, PageTable)
            and isinstance(previous, PageTable)
            and item.page == previous.last_page + 1
            and _continues(previous, item)
        ):
            _append(previous, item)
            continue
        out.extend(pending)
        pending.clear()
        out.append(item)
    out.extend(pending)
    return out


def _near(a: float, b: float, tol: float = _EDGE) -> bool:
    return abs(a - b) <= tol


def _continues(first: PageTable, second: PageTable) -> bool:
    if not (_near(first.xs[0], second.xs[0]) and _near(first.xs[-1], second.xs[-1])):
        return False
    inner_a, inner_b = first.xs[1:-1], second.xs[1:-1]
    narrow, wide = sorted((inner_a, inner_b), key=len)
    if not narrow:
        return True
    shared = sum(1 for x in narrow if any(_near(x, y, TOLERANCE) for y in wide))
    return shared >= _SHARED * len(narrow)


_Signature = tuple[tuple[int, int, int, str], ...]
_X0 = attrgetter("x0")
_ROW_X0 = attrgetter("row", "x0")


def _signatures(table: PageTable) -> list[_Signature]:
    """Each row's cells (those starting in it) as comparable tuples."""
    rows: list[list[tuple[int, int, int, str]]] = [[] for _ in range(table.n_rows)]
    for c in sorted(table.cells, key=_X0):
        rows[c.row].append((round(c.x0), round(c.x1), c.rowspan, c.text))
    return [tuple(row) for row in rows]


def _same(
    a: tuple[tuple[int, int, int, str], ...], b: tuple[tuple[int, int, int, str], ...]
) -> bool:
    if len(a) != len(b) or not any(text for *_, text in a):
        return False
    return all(
        _near(x0, y0) and _near(x1, y1) and span_a == span_b and ta == tb
        for (x0, x1, span_a, ta), (y0, y1, span_b, tb) in zip(a, b, strict=True)
    )


def _repeated_header(first: PageTable, second: PageTable) -> int:
    """How many top rows of ``second`` repeat a run of rows of ``first`` (all of them
    when a page holds nothing but the repeated header)."""
    ours, theirs = _signatures(second), _signatures(first)
    best = 0
    for start in range(first.n_rows):
        length = 0
        while (
            length < second.n_rows
            and start + length < first.n_rows
            and _same(ours[length], theirs[start + length])
        ):
            length += 1
        if length > best and all(
            c.row + c.rowspan <= length for c in second.cells if c.row < length
        ):
            best = length
    return best


def _append(first: PageTable, second: PageTable) -> None:
    drop = _repeated_header(first, second)
    above = [c for c in first.cells if c.row + c.rowspan == first.n_rows]
    below = [c for c in second.cells if c.row == drop]
    split = split_row(above, below, min(first.char_size, second.char_size))
    offset = first.n_rows - (1 if split else 0)
    for cell in second.cells:
        if cell.row < drop:
            continue
        row = cell.row - drop
        upper = over(above, cell) if row == 0 else None
        if upper is not None:
            action = "join" if split else cut_action(upper, cell, _merged_column(cell, first))
            if action is not None:
                _continue(upper, cell, action, split)
                continue
        first.cells.append(
            PageCell(
                row + offset,
                cell.rowspan,
                cell.x0,
                cell.x1,
                cell.text,
                cell.top_gap,
                cell.bottom_gap,
            )
        )
    first.n_rows += second.n_rows - drop - (1 if split else 0)
    first.xs = tuple(sorted(set(first.xs) | set(second.xs)))
    first.last_page = second.last_page
    first.pages.extend(second.pages)


def _continue(upper: PageCell, lower: PageCell, action: Action, split: bool) -> None:
    """Make ``upper`` (above the break) whole with its continuation ``lower``: a row
    continued absorbs the continuation row, a merged cell grows by the rows below."""
    if action == "join":
        upper.text = glue(upper.text, lower.text)
    elif action == "take":
        upper.text = lower.text
    upper.rowspan += lower.rowspan - (1 if split else 0)
    upper.bottom_gap = lower.bottom_gap


def _merged_column(cell: PageCell, table: PageTable) -> bool:
    """Whether the table merges cells vertically in ``cell``'s column (a label column)."""
    return any(c.rowspan > 1 and _near(c.x0, cell.x0) and _near(c.x1, cell.x1) for c in table.cells)


def _boundaries(values: Sequence[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][0] <= _EDGE:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def to_table(table: PageTable) -> tuple[int, int, list[Cell], tuple[float, ...]]:
    """Rows, columns, cells and relative column widths (in characters) of a page table."""
    xs = _boundaries([x for c in table.cells for x in (c.x0, c.x1)])
    columns: dict[float, int] = {}  # each cell edge's nearest boundary, found once

    def index(x: float) -> int:
        i = columns.get(x)
        if i is None:
            i = bisect_left(xs, x)
            if i == len(xs) or (i > 0 and x - xs[i - 1] < xs[i] - x):
                i -= 1
            columns[x] = i
        return i

    cells: list[Cell] = []
    owner: dict[tuple[int, int], int] = {}
    for c in sorted(table.cells, key=_ROW_X0):
        col0 = index(c.x0)
        col1 = max(index(c.x1), col0 + 1)
        if c.rowspan == 1 and col1 == col0 + 1:  # most cells: one square
            square = (c.row, col0)
            clash = owner.get(square)
            if clash is None:
                owner[square] = len(cells)
                cells.append(Cell(c.row, col0, c.text))
                continue
            squares = [square]
        else:
            squares = [(r, k) for r in range(c.row, c.row + c.rowspan) for k in range(col0, col1)]
            clash = next((owner[s] for s in squares if s in owner), None)
        if clash is not None:  # not for well-formed grids: keep the text, never overlap
            kept = cells[clash]
            cells[clash] = Cell(
                kept.row, kept.col, (kept.text + c.text), kept.rowspan, kept.colspan
            )
            continue
        for square in squares:
            owner[square] = len(cells)
        cells.append(Cell(c.row, col0, c.text, rowspan=c.rowspan, colspan=col1 - col0))
    widths = tuple(round((b - a) / table.char_size, 1) for a, b in pairwise(xs))
    return table.n_rows, len(xs) - 1, cells, widths
