"""A document: the numbered lines of one input file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from jixiao.model.table import Cell, Table

__all__ = ["Document", "DocumentBuilder", "Line"]


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
        rows = text.splitlines()
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
        self.meta: dict[str, str] = {}

    @property
    def next_line(self) -> int:
        return len(self._lines) + 1

    def paragraph(self, text: str) -> int:
        """Add text (split at line breaks); return the number of its first line."""
        first = self.next_line
        for part in text.splitlines() or [""]:
            self._lines.append(Line(self.next_line, part))
        return first

    def table(
        self,
        n_rows: int,
        n_cols: int,
        cells: Iterable[Cell],
        *,
        page: int | None = None,
        col_widths: tuple[float, ...] = (),
        title: str | None = None,
    ) -> Table:
        """Add a table; its rows become the next lines of the document."""
        table = Table(n_rows, n_cols, tuple(cells), page=page, col_widths=col_widths, title=title)
        return self.add_table(table)

    def add_table(self, table: Table) -> Table:
        """Add an already built table (its ``first_line`` is reassigned)."""
        placed = replace(table, first_line=self.next_line)
        for text in placed.row_texts():
            self._lines.append(Line(self.next_line, text))
        self._tables.append(placed)
        return placed

    def build(self) -> Document:
        return Document(
            self._name,
            tuple(self._lines),
            self._encoding,
            dict(self.meta),
            tuple(self._tables),
            self._format,
        )
