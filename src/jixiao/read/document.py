"""A document: the numbered lines of one input file."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Document", "Line"]


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
