"""What the readers of one form share: its rows, the cells used, the findings.

A row counts as consumed when every cell that starts in it with text was used by
some field; a row with an unused cell is left to the registry, which reports it as
unplaced text (P001), so nothing is dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model import Finding, Location, finding
from jixiao.parse.layouts.grid._rows import GridCell, GridRow
from jixiao.parse.text import parse_number, parse_percent, parse_points

__all__ = ["FormContext"]


@dataclass
class FormContext:
    """One form's rows (a slice of the document) and the bookkeeping of its reading."""

    file: str
    rows: list[GridRow]
    used: set[tuple[int, int, int]] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)

    @property
    def lines(self) -> tuple[int, int]:
        return self.rows[0].line, self.rows[-1].line

    def use(self, *cells: GridCell | None) -> None:
        for cell in cells:
            if cell is not None:
                self.used.add(cell.key)

    def use_row(self, row: GridRow) -> None:
        for cell in row.cells:
            if cell.origin:
                self.used.add(cell.key)

    def consumed(self) -> set[int]:
        """Lines whose every starting, non-empty cell was used."""
        out: set[int] = set()
        for row in self.rows:
            if all(c.key in self.used for c in row.own):
                out.add(row.line)
        return out

    def loc(self, row: GridRow | None = None, field_: str | None = None) -> Location:
        lines = (row.line, row.line) if row is not None else self.lines
        return Location(file=self.file, lines=lines, field=field_)

    def missing(self, field_: str, label: str) -> None:
        self.findings.append(finding("P003", self.loc(field_=field_), field=label))

    def number(
        self,
        text: str | None,
        row: GridRow,
        field_: str,
        label: str,
        percent: bool = False,
        points: bool = False,
    ) -> Decimal | None:
        """``text`` as a number (``percent``: a rate; ``points``: a weight or score, see
        :func:`parse_points`); a P002 finding and ``None`` when it is not one."""
        if not text:
            return None
        parse = parse_points if points else parse_percent if percent else parse_number
        try:
            return parse(text)
        except ValueError:
            self.findings.append(finding("P002", self.loc(row, field_), field=label, text=text))
            return None

    def structure(self, row: GridRow, detail: str) -> None:
        self.findings.append(finding("P008", self.loc(row), detail=detail))
