"""A document: the numbered lines of one input file.

Lines and tables are counted against the reader limits (:mod:`jixiao.read.limits`)
before they are built: a text's lines before it is split, a table's rows × columns
before its cells are laid out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from jixiao.model.table import Cell, FormulaCell, OcrDoubt, Table
from jixiao.read.limits import current_limits

__all__ = ["Document", "DocumentBuilder", "Line", "count_lines"]

_BREAKS = ("\n", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
"""What :meth:`str.splitlines` ends a line at."""


def count_lines(text: str) -> int:
    """How many lines ``text.splitlines()`` gives, without building them."""
    if not text:
        return 0
    breaks = sum(text.count(b) for b in _BREAKS) - text.count("\r\n")
    return breaks + (0 if text.endswith(_BREAKS) else 1)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document. ``number`` is 1-based; ``text`` has no line ending."""

    number: int
    text: str

    @property
    def cells(self) -> list[str]:
        """The tab-separated cells of the line (one cell when there is no tab)."""
        return self.text.split("\t")

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Document:
    """A whole input file as numbered lines, with the name and encoding it was read in."""

    name: str
    lines: tuple[Line, ...]
    encoding: str = "utf-8"
    meta: dict[str, str] = field(default_factory=dict)
    tables: tuple[Table, ...] = ()
    """Tables with their merges, for files that have them (xlsx, docx, html, pdf)."""
    format: str = "text"
    """``text``, ``xlsx``, ``docx``, ``html``, ``pdf`` or ``image``."""

    @classmethod
    def from_text(cls, name: str, text: str, encoding: str = "utf-8") -> Document:
        """Split ``text`` into numbered lines (``\\r\\n``, ``\\r`` and ``\\n`` all end a line)."""
        limits = current_limits()
        limits.check("lines", count_lines(text), f"文件「{name}」的")
        rows = text.splitlines()
        limits.check("line_chars", max(map(len, rows), default=0), f"文件「{name}」中")
        return cls(name, tuple(Line(i, t) for i, t in enumerate(rows, start=1)), encoding)

    def line(self, number: int) -> Line:
        """The line with 1-based ``number``."""
        return self.lines[number - 1]

    def text_of(self, start: int, end: int) -> str:
        """Lines ``start``..``end`` (inclusive) joined with newlines."""
        return "\n".join(ln.text for ln in self.lines[start - 1 : end])

    def __len__(self) -> int:
        return len(self.lines)


class DocumentBuilder:
    """Builds a :class:`Document` from paragraphs and tables, numbering lines as it goes.

    Every reader of a structured file uses it, so a table's rows are also lines of the
    document (tab-separated), and parsers and the no-silent-loss check see one model.
    """

    def __init__(self, name: str, format: str, encoding: str = "binary") -> None:
        self._name = name
        self._format = format
        self._encoding = encoding
        self._lines: list[Line] = []
        self._tables: list[Table] = []
        self._cells = 0
        self._limits = current_limits()
        self.meta: dict[str, str] = {}

    @property
    def next_line(self) -> int:
        return len(self._lines) + 1

    def paragraph(self, text: str) -> int:
        """Add text (split at line breaks); return the number of its first line."""
        self._limits.check(
            "lines", len(self._lines) + max(count_lines(text), 1), f"文件「{self._name}」的"
        )
        first = self.next_line
        for part in text.splitlines() or [""]:
            self._add_line(part)
        return first

    def reserve(self, n_rows: int, n_cols: int, title: str | None = None) -> None:
        """Check that a table of ``n_rows`` × ``n_cols`` fits the reader limits (rows,
        columns, and the cells of all the document's tables together) before anything of
        its size is built; a :class:`~jixiao.read.limits.LimitExceeded` when not."""
        where = f"文件「{self._name}」" + (f"中表格「{title}」" if title else "") + "的"
        self._limits.check("rows", n_rows, where)
        self._limits.check("columns", n_cols, where)
        self._limits.check("cells", self._cells + n_rows * n_cols, f"文件「{self._name}」的")
        self._limits.check("lines", len(self._lines) + n_rows, f"文件「{self._name}」的")

    def table(
        self,
        n_rows: int,
        n_cols: int,
        cells: Iterable[Cell],
        *,
        page: int | None = None,
        col_widths: tuple[float, ...] = (),
        title: str | None = None,
        pages: tuple[int, ...] = (),
        ocr_doubts: tuple[OcrDoubt, ...] = (),
        formula_cells: tuple[FormulaCell, ...] = (),
    ) -> Table:
        """Add a table (checked by :meth:`reserve` first); its rows become the next lines
        of the document."""
        self.reserve(n_rows, n_cols, title)
        table = Table(
            n_rows,
            n_cols,
            tuple(cells),
            first_line=self.next_line,
            page=page,
            col_widths=col_widths,
            title=title,
            pages=pages,
            ocr_doubts=ocr_doubts,
            formula_cells=formula_cells,
        )
        return self._place(table)

    def add_table(self, table: Table) -> Table:
        """Add an already built table (its ``first_line`` is reassigned)."""
        self.reserve(table.n_rows, table.n_cols, table.title)
        return self._place(table)

    def _place(self, table: Table) -> Table:
        self._cells += table.n_rows * table.n_cols
        first = self.next_line
        placed = table if table.first_line == first else replace(table, first_line=first)
        for text in placed.row_texts():
            self._add_line(text)
        self._tables.append(placed)
        return placed

    def _add_line(self, text: str) -> None:
        self._limits.check("line_chars", len(text), f"文件「{self._name}」中")
        self._lines.append(Line(self.next_line, text))

    def build(self) -> Document:
        return Document(
            self._name,
            tuple(self._lines),
            self._encoding,
            dict(self.meta),
            tuple(self._tables),
            self._format,
        )
