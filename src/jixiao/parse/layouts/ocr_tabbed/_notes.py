"""Collecting the parse findings of one form while it is read."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.model import Finding, Location, finding
from jixiao.model.finding import Value
from jixiao.parse.layouts.ocr_tabbed._text import Joined

__all__ = ["Notes"]


@dataclass
class Notes:
    """The findings of one form, each located in ``file``."""

    file: str
    items: list[Finding] = field(default_factory=list)

    def add(
        self,
        code: str,
        lines: tuple[int, int] | int | None,
        field_: str | None = None,
        row: int | None = None,
        **values: Value,
    ) -> None:
        span = (lines, lines) if isinstance(lines, int) else lines
        loc = Location(file=self.file, lines=span, row=row, field=field_)
        self.items.append(finding(code, loc, **values))

    def stray(
        self,
        lines: tuple[int, int] | int,
        field_: str,
        text: str,
        row: int | None = None,
        label: str | None = None,
    ) -> None:
        """P005 for stray characters removed from ``field_`` (shown as ``label``)."""
        text = text.strip()
        if text:
            self.add("P005", lines, field_, row, field=label or field_, text=text)

    def joined(
        self,
        lines: tuple[int, int] | int,
        field_: str,
        label: str,
        joined: Joined,
        row: int | None = None,
    ) -> None:
        """Report what :func:`join_fragments` dropped from one field."""
        removed = [*joined.stray, *joined.junk]
        if removed:
            self.stray(lines, field_, " ".join(removed), row, label)
        for piece in joined.overlaps:
            self.add(
                "P005",
                lines,
                field_,
                row,
                field=label,
                text=f"{piece}（断行处重复识别）",
            )

    def unplaced(self, line: int, text: str) -> None:
        """P001 for text on a line that was otherwise used."""
        text = text.strip()
        if text:
            self.add("P001", line, None, None, line=line, text=text)
