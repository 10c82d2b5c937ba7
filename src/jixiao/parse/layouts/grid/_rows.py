"""The rows of a document with tables, as the grid layout sees them.

Every document line becomes a :class:`GridRow`: a table row lists the distinct cells
covering it, left to right (a merged cell appears in every row it spans, marked
``origin`` only in its first); a paragraph line is a row of one cell. Texts are
cleaned once here: wrapped lines joined, extraction spaces removed (DESIGN §5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.model.table import Cell, Table
from jixiao.parse.memo import per_document
from jixiao.parse.text import clean, join_cell
from jixiao.read import Document

__all__ = ["GridCell", "GridRow", "grid_rows", "norm"]

_NOISE = re.compile(r"[\s:：*＊]+")


def norm(text: str | None) -> str:
    """A label for comparison: no spaces, colons or asterisks."""
    return _norm(text) if text else ""


@lru_cache(maxsize=16384)
def _norm(text: str) -> str:  # a cell's label is asked for by every reader of its row
    return _NOISE.sub("", text)


@dataclass(frozen=True, slots=True)
class GridCell:
    """One cell as seen from one row."""

    text: str
    """Cleaned text, ``""`` when empty."""
    col: int
    last_col: int
    origin: bool
    """True in the first row of the cell (always true for a paragraph)."""
    key: tuple[int, int, int]
    """(table index, row, col) of the cell: the same for every row it spans."""
    rowspan: int = 1

    @property
    def label(self) -> str:
        return norm(self.text)


@dataclass(frozen=True, slots=True)
class GridRow:
    """One document line: a table row or a paragraph."""

    line: int
    cells: tuple[GridCell, ...]
    table: int | None
    """Index of the table in ``Document.tables``; ``None`` for a paragraph."""
    row: int = 0
    """Row index inside the table."""

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells if c.text]

    @property
    def label(self) -> str:
        return norm("".join(self.texts))

    @property
    def own(self) -> list[GridCell]:
        """Cells that start in this row and have text."""
        return [c for c in self.cells if c.origin and c.text]

    @property
    def blank(self) -> bool:
        return not any(c.origin and c.text for c in self.cells)

    def at(self, col: int) -> GridCell | None:
        """The cell covering column ``col``."""
        for cell in self.cells:
            if cell.col <= col <= cell.last_col:
                return cell
        return None


def cell_text(text: str) -> str:
    """A cell's printed text as the model keeps it."""
    lines = text.splitlines()
    joined = join_cell(lines) if len(lines) > 1 else clean(text)
    return joined or ""


def _table_rows(index: int, table: Table) -> list[GridRow]:
    grid = table.grid()
    texts: dict[tuple[int, int], str] = {}
    out: list[GridRow] = []
    for r, positions in enumerate(grid):
        cells: list[GridCell] = []
        seen: set[tuple[int, int]] = set()
        for cell in positions:
            if cell is None or (cell.row, cell.col) in seen:
                continue
            seen.add((cell.row, cell.col))
            cells.append(_grid_cell(index, cell, r, texts))
        out.append(GridRow(table.line_of(r), tuple(cells), index, r))
    return out


def _grid_cell(index: int, cell: Cell, r: int, texts: dict[tuple[int, int], str]) -> GridCell:
    key = (cell.row, cell.col)
    if key not in texts:
        texts[key] = cell_text(cell.text)
    return GridCell(
        texts[key],
        cell.col,
        cell.last_col,
        cell.row == r,
        (index, cell.row, cell.col),
        cell.rowspan,
    )


def grid_rows(doc: Document) -> list[GridRow]:
    """Every line of ``doc`` as a row, in document order."""
    return list(_grid_rows(doc))


@per_document
def _grid_rows(doc: Document) -> tuple[GridRow, ...]:
    by_line: dict[int, GridRow] = {}
    for index, table in enumerate(doc.tables):
        for row in _table_rows(index, table):
            by_line[row.line] = row
    out: list[GridRow] = []
    for line in doc.lines:
        found = by_line.get(line.number)
        if found is None:
            text = cell_text(line.text)
            cell = GridCell(text, 0, 0, True, (-1, line.number, 0))
            found = GridRow(line.number, (cell,) if text else (), None)
        out.append(found)
    return tuple(out)
