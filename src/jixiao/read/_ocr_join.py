"""Pages of a scan → one sequence of tables and paragraphs.

A table that ends a page and one that starts the next page with the same columns are
one table printed across a page break: they are joined, and header rows the printer
repeated on the new page are dropped. Page numbers do not stand between the two.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.model.table import OcrDoubt
from jixiao.read._ocr_page import PageBlock, PageTable

__all__ = ["JoinedTable", "is_page_number", "join_pages"]

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–第]*\d+\s*(?:页)?\s*(?:[/／]\s*\d+|共\s*\d+\s*页)?\s*(?:页)?[\s\-—–]*$"
)


def is_page_number(text: str) -> bool:
    """A line that only numbers the page (``- 3 -``, ``第 2 页``, ``2/5``)."""
    return bool(_PAGE_NUMBER.match(text.strip()))


@dataclass
class JoinedTable:
    """A table, possibly continued over several pages.

    ``rows`` are ``(row, col, rowspan, colspan, text)`` in table coordinates;
    ``row_pages`` gives the page (1-based) of each row.
    """

    n_cols: int
    xs: tuple[float, ...]
    page: int
    rows: list[tuple[int, int, int, int, str]] = field(default_factory=list)
    n_rows: int = 0
    doubts: list[OcrDoubt] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)

    def append(self, table: PageTable, page: int, skip_rows: int = 0) -> None:
        offset = self.n_rows - skip_rows
        for (r, c, rs, cs), text in zip(table.grid.spans, table.texts, strict=True):
            if r + rs <= skip_rows:
                continue
            r0 = max(r, skip_rows)
            self.rows.append((r0 + offset, c, r + rs - r0, cs, text))
        self.doubts.extend(
            OcrDoubt(d.row + offset, d.col, d.text, d.score)
            for d in table.doubts
            if d.row >= skip_rows
        )
        added = table.grid.n_rows - skip_rows
        self.row_pages.extend([page] * added)
        self.n_rows += added


def _row_text(table: PageTable, row: int) -> str:
    parts = [t for (r, _, _, _), t in zip(table.grid.spans, table.texts, strict=True) if r == row]
    return "".join("".join(parts).split())


def _joined_row_text(table: JoinedTable, row: int) -> str:
    return "".join("".join(t for r, _, _, _, t in table.rows if r == row).split())


def _repeated_header(prev: JoinedTable, table: PageTable) -> int:
    """How many top rows of ``table`` repeat the top rows of ``prev``."""
    best = 0
    for k in range(1, min(4, prev.n_rows, table.grid.n_rows)):
        same = all(
            difflib.SequenceMatcher(None, _joined_row_text(prev, i), _row_text(table, i)).ratio()
            >= 0.85
            and _row_text(table, i)
            for i in range(k)
        )
        if same:
            best = k
    return best


def _same_columns(prev: JoinedTable, table: PageTable, tol: float) -> bool:
    xs = table.grid.xs
    return len(xs) == len(prev.xs) and all(
        abs(a - b) <= tol for a, b in zip(xs, prev.xs, strict=True)
    )


def join_pages(
    pages: Sequence[Sequence[PageBlock]], tol: float
) -> list[tuple[int, str | JoinedTable]]:
    """Paragraph texts and tables in reading order, each with its page (1-based)."""
    out: list[tuple[int, str | JoinedTable]] = []
    for number, blocks in enumerate(pages, start=1):
        for block in blocks:
            if block.table is None:
                out.append((number, block.text))
                continue
            prev = _open_table(out, number)
            if prev is not None and _same_columns(prev, block.table, tol):
                prev.append(block.table, number, _repeated_header(prev, block.table))
                continue
            joined = JoinedTable(block.table.grid.n_cols, block.table.grid.xs, number)
            joined.append(block.table, number)
            out.append((number, joined))
    return out


def _open_table(out: list[tuple[int, str | JoinedTable]], page: int) -> JoinedTable | None:
    """The table ending the previous page, if nothing but page numbers followed it and
    nothing but page numbers precede the current block on this page."""
    for _, item in reversed(out):
        if isinstance(item, JoinedTable):
            last_page = item.row_pages[-1] if item.row_pages else item.page
            return item if last_page == page - 1 else None
        if not is_page_number(item):
            return None
    return None
