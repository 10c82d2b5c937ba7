"""Reading a rendered official table back out of a page (for the 表单详情 tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageCell:
    rowspan: int
    colspan: int
    id: str | None
    classes: str
    text: str = ""
    marks: list[str] = field(default_factory=list)
    """``data-code`` of the finding markers in the cell."""
    notes: list[str] = field(default_factory=list)


@dataclass
class PageRow:
    id: str | None
    part: str
    cells: list[PageCell] = field(default_factory=list)


class _OfficialParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[PageRow] = []
        self._in_table = False
        self._cell: PageCell | None = None
        self._depth = 0  # spans inside the current cell (markers, popovers)
        self._kind: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = a.get("class") or ""
        if tag == "table" and "official" in classes.split():
            self._in_table = True
        if not self._in_table:
            return
        if tag == "tr":
            part = next((c[5:] for c in classes.split() if c.startswith("part-")), "")
            self.rows.append(PageRow(a.get("id"), part))
        elif tag == "td":
            self._cell = PageCell(
                int(a.get("rowspan") or 1), int(a.get("colspan") or 1), a.get("id"), classes
            )
            self.rows[-1].cells.append(self._cell)
        elif tag == "span" and self._cell is not None:
            names = classes.split()
            if "fmark" in names:
                self._cell.marks.append(a.get("data-code") or "")
                self._kind.append("mark")
            elif "score-note" in names:
                self._kind.append("note")
                self._cell.notes.append("")
            else:
                self._kind.append("other")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._in_table:
            self._in_table = False
        elif tag == "td":
            self._cell = None
        elif tag == "span" and self._cell is not None and self._kind:
            self._kind.pop()

    def handle_data(self, data: str) -> None:
        if self._cell is None:
            return
        if not self._kind:
            self._cell.text += data
        elif self._kind[0] == "note":
            self._cell.notes[-1] += data


def official_rows(html: str) -> list[PageRow]:
    """The rows of the first ``<table class="official">`` in ``html``."""
    parser = _OfficialParser()
    parser.feed(html)
    return parser.rows
