"""A table of cells with merges: what readers find in a file and renderers draw.

The same structure serves both directions. A reader (xlsx, docx, html, pdf, ocr) turns
each table it finds into a :class:`Table`; the ``grid`` layout parses it into forms.
The ``render`` layer builds the official table of a form as a :class:`Table` and draws
it into xlsx, docx or pdf. Rows and columns are 0-based; a merged cell is stored once,
at its top-left position, with its spans.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Align", "Cell", "CellRole", "FormulaCell", "OcrDoubt", "Table"]

CellRole = Literal["title", "header", "label", "text", "number", "note"]
"""What a cell holds, for drawing: a title, a column header, a row label (一级/二级指标,
资金行名), free text, a number, or a note. Readers may leave it as ``text``."""
Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One (possibly merged) cell.

    ``field`` is the dotted path of the form field the cell shows (as in
    :attr:`~jixiao.model.Location.field`: ``project``, ``funds.total.rate``,
    ``indicators.3.score``), set by the official-table builders so a finding can be
    drawn on its cell; a merged 一级/二级指标 cell names its first row. Readers leave it
    ``None``.
    """

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    role: CellRole = "text"
    align: Align = "left"
    field: str | None = None

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


@dataclass(frozen=True, slots=True)
class OcrDoubt:
    """A character OCR was unsure of (confidence ``score``, 0–1), in cell ``row``/``col``
    of its table."""

    row: int
    col: int
    text: str
    score: float


@dataclass(frozen=True, slots=True)
class FormulaCell:
    """A spreadsheet cell read from its formula because its value was an error
    (:mod:`jixiao.read.xlsx_formulas`): table row ``row``, address ``ref`` (``B7``), the
    ``error`` stored (``#VALUE!``) and the ``formula`` without its ``=`` (``None`` when
    the file does not repeat it)."""

    row: int
    ref: str
    error: str
    formula: str | None


@dataclass(frozen=True)
class Table:
    """A rectangular grid of cells.

    ``first_line`` links the table to its :class:`~jixiao.read.Document`: row ``r`` is
    the document line ``first_line + r`` (readers write each row as one tab-separated
    line, so provenance and the no-silent-loss check work for tables too).
    ``col_widths`` are relative widths (in characters) for renderers; readers fill them
    when the file says. ``header_rows`` is how many top rows repeat on a new page.
    ``pages`` lists every page a table continued over pages spans (PDF, scans). What a
    reader noted that the text does not show is typed: ``ocr_doubts`` (scans) and
    ``formula_cells`` (spreadsheets); ``meta`` holds plain notes for renderers
    (``title_rows``, ``repeat_rows`` …).
    """

    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    first_line: int = 1
    page: int | None = None
    col_widths: tuple[float, ...] = ()
    header_rows: int = 0
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    pages: tuple[int, ...] = ()
    ocr_doubts: tuple[OcrDoubt, ...] = ()
    formula_cells: tuple[FormulaCell, ...] = ()

    def __post_init__(self) -> None:
        seen: set[tuple[int, int]] = set()
        for cell in self.cells:
            if cell.row < 0 or cell.col < 0 or cell.rowspan < 1 or cell.colspan < 1:
                raise ValueError(f"bad cell {cell}")
            if cell.last_row >= self.n_rows or cell.last_col >= self.n_cols:
                raise ValueError(f"cell {cell} outside a {self.n_rows}×{self.n_cols} table")
            single = cell.rowspan == 1 and cell.colspan == 1  # most cells: no generator
            for pos in ((cell.row, cell.col),) if single else _positions(cell):
                if pos in seen:
                    raise ValueError(f"cells overlap at {pos}")
                seen.add(pos)

    def grid(self) -> list[list[Cell | None]]:
        """Every position → the cell covering it (merged cells repeat), ``None`` if empty."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            if cell.rowspan == 1 and cell.colspan == 1:  # most cells: no generator
                out[cell.row][cell.col] = cell
                continue
            for r, c in _positions(cell):
                out[r][c] = cell
        return out

    def rows(self) -> Iterator[list[Cell]]:
        """The cells that start in each row, left to right."""
        by_row: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            by_row[cell.row].append(cell)
        for row in by_row:
            yield sorted(row, key=lambda c: c.col)

    def row_texts(self) -> list[str]:
        """Each row as a tab-separated line (cells at their start position only; cells
        never overlap, so no position needs the whole :meth:`grid`)."""
        texts = [[""] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            texts[cell.row][cell.col] = cell.text.replace("\n", " ").replace("\t", " ")
        return ["\t".join(row).rstrip("\t") for row in texts]

    def line_of(self, row: int) -> int:
        """The document line number of table row ``row``."""
        return self.first_line + row


def _positions(cell: Cell) -> Iterator[tuple[int, int]]:
    for r in range(cell.row, cell.row + cell.rowspan):
        for c in range(cell.col, cell.col + cell.colspan):
            yield r, c
