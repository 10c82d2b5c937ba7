"""HTML pages → :class:`Document`: tables with rowspan/colspan, text around them.

Uses only the standard library's :mod:`html.parser`; the bytes are decoded by the
text decoder (UTF-8, UTF-16, GB18030). ``<br>`` and block elements inside a cell
break its text into lines (the parser joins wrapped text); a table nested in a cell
is flattened into that cell's text. Text outside tables becomes paragraphs, one per
block element. ``<script>``, ``<style>`` and the ``<head>`` are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from jixiao.errors import ReadError
from jixiao.model.table import Cell
from jixiao.read.document import Document, DocumentBuilder
from jixiao.read.limits import bounded_int, current_limits
from jixiao.read.text import decode_text, open_bytes

__all__ = ["looks_like_html", "read_html", "read_html_text"]

_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article"}
    | {"header", "footer", "caption", "blockquote", "pre", "dt", "dd", "dl", "hr", "center"}
    | {"form", "title"}
)
_SKIP = frozenset({"script", "style", "head", "noscript", "template"})
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML page or fragment."""
    return bool(_HTML_START.match(text[:4096]))


def read_html(path: str | Path) -> Document:
    """Read an HTML file; a :class:`ReadError` with a Chinese line when it cannot."""
    p = Path(path)
    text, encoding = decode_text(open_bytes(p), p.name)
    return read_html_text(text, p.name, encoding)


def read_html_text(text: str, name: str, encoding: str = "utf-8") -> Document:
    """Read HTML given as text."""
    if "<" not in text:
        raise ReadError(f"文件「{name}」不是 HTML 网页（没有任何标签）")
    current_limits().check("html_tags", text.count("<"), f"文件「{name}」的")
    parser = _Parser(name)
    try:
        parser.feed(text)
        parser.close()
    except ReadError:
        raise
    except Exception as exc:  # html.parser is lenient; this is a last resort
        raise ReadError(f"文件「{name}」无法作为 HTML 网页读取（{type(exc).__name__}）") from None
    builder = DocumentBuilder(name, "html", encoding)
    for item in parser.items:
        if isinstance(item, str):
            builder.paragraph(item)
        else:
            _add_table(builder, item)
    return builder.build()


@dataclass
class _RawCell:
    text: list[str] = field(default_factory=lambda: [""])
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _RawTable:
    rows: list[list[_RawCell]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self._limits = current_limits()
        self._where = f"文件「{name}」的"
        self._cells_seen = 0
        self.items: list[str | _RawTable] = []
        self._para: list[str] = [""]
        self._tables: list[_RawTable] = []
        self._cells: list[_RawCell | None] = []
        self._skip = 0

    # text sinks -------------------------------------------------------------------
    def _sink(self) -> list[str]:
        cell = self._cells[-1] if self._cells else None
        if self._tables and cell is not None:
            return cell.text
        if self._tables:
            return []  # text between cells is layout whitespace
        return self._para

    def _break(self) -> None:
        sink = self._sink()
        if sink and sink[-1].strip():
            sink.append("")

    def _flush(self) -> None:
        for line in self._para:
            text = _SPACES.sub(" ", line).strip()
            if text:
                self.items.append(text)
        self._para = [""]
        self._limits.check("lines", len(self.items), self._where)

    # parser callbacks -----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if self._skip:
            return
        if tag == "table":
            if self._tables and self._cells and self._cells[-1] is not None:
                self._break()  # a nested table: its text goes into the outer cell
                self._tables.append(_RawTable())
                self._cells.append(self._cells[-1])
                return
            self._flush()
            self._tables.append(_RawTable())
            self._cells.append(None)
        elif tag == "tr" and self._tables:
            if self._nested():
                self._break()
            else:
                self._tables[-1].rows.append([])
                self._limits.check("rows", len(self._tables[-1].rows), self._where)
        elif tag in ("td", "th") and self._tables:
            if self._nested():
                self._break()
                return
            if not self._tables[-1].rows:
                self._tables[-1].rows.append([])
            self._cells_seen += 1  # each cell covers a position at least: counted as it comes
            self._limits.check("cells", self._cells_seen, self._where)
            cell = _RawCell(
                rowspan=_span(attrs, "rowspan", self._limits.rows),
                colspan=_span(attrs, "colspan", self._limits.columns),
            )
            self._tables[-1].rows[-1].append(cell)
            self._cells[-1] = cell
        elif tag == "br":
            sink = self._sink()
            if sink is not None:
                sink.append("")
        elif tag in _BLOCKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag == "table" and self._tables:
            table = self._tables.pop()
            self._cells.pop()
            if self._tables:
                self._break()
            else:
                self.items.append(table)
        elif tag in ("td", "th") and self._tables and not self._nested():
            self._cells[-1] = None
        elif (tag in ("td", "th", "tr") and self._nested()) or tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        sink = self._sink()
        if sink:
            sink[-1] += data

    def _nested(self) -> bool:
        return len(self._tables) > 1

    def close(self) -> None:
        super().close()
        while self._tables:
            table = self._tables.pop()
            self._cells.pop()
            if not self._tables:
                self.items.append(table)
        self._flush()


def _span(attrs: list[tuple[str, str | None]], name: str, most: int) -> int:
    for key, value in attrs:
        if key == name and value:
            digits = re.match(r"\s*(\d+)", value)
            return bounded_int(digits.group(1) if digits else None, 1, most)
    return 1


def _cell_text(raw: _RawCell) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in raw.text]
    return "\n".join(line for line in lines if line)


def _add_table(builder: DocumentBuilder, raw: _RawTable) -> None:
    """Lay the rows out on a grid: a cell takes the first column free of row spans.

    ``below[c]`` is the first row that column ``c`` is free in; a cell is only placed in
    its own row, so a span reaching into a cell from above shows in that row: a cell that
    would overlap one is narrowed to the free columns (a malformed table is read, not
    refused), and no position of the grid is ever built one by one.
    """
    below: list[int] = []
    placed: list[tuple[int, int, _RawCell]] = []
    n_rows = len(raw.rows)
    for r, row in enumerate(raw.rows):
        c = 0
        for cell in row:
            while c < len(below) and below[c] > r:
                c += 1
            free = 1
            while free < cell.colspan and (c + free >= len(below) or below[c + free] <= r):
                free += 1
            builder.reserve(n_rows, c + free)  # the columns limit, before ``below`` grows
            below.extend([0] * (c + free - len(below)))
            height = min(cell.rowspan, n_rows - r)
            below[c : c + free] = [r + height] * free
            placed.append((r, c, _RawCell(cell.text, height, free)))
            c += free
    if not placed:
        return
    n_cols = max(c + cell.colspan for _, c, cell in placed)
    cells = [Cell(r, c, _cell_text(cell), cell.rowspan, cell.colspan) for r, c, cell in placed]
    builder.table(n_rows, n_cols, cells)
