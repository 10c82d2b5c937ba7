"""Word documents (.docx) → :class:`Document`: paragraphs and tables in body order.

The only module that touches python-docx. Table cells come from the XML so merges
are exact: ``w:gridSpan`` is a column span, ``w:vMerge`` restart/continue a row span,
``w:gridBefore`` skips grid columns. A table nested in a cell is flattened into the
cell's text, one line per nested paragraph. Paragraphs inside a cell are separate
lines of its text (the parser joins wrapped text).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.errors import ReadError
from jixiao.model.table import Cell
from jixiao.read._office import check_ooxml
from jixiao.read.document import Document, DocumentBuilder
from jixiao.read.limits import bounded_int
from jixiao.read.text import open_bytes

__all__ = ["read_docx", "read_docx_bytes"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: str | Path) -> Document:
    """Read a .docx file; a :class:`ReadError` with a Chinese line when it cannot."""
    p = Path(path)
    return read_docx_bytes(open_bytes(p), p.name)


def read_docx_bytes(data: bytes, name: str) -> Document:
    """Read a .docx document given as bytes, naming the document ``name``."""
    check_ooxml(data, name, "Word（.docx）", "word/document.xml")
    import docx

    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:  # also a document.xml whose root is not w:document
        raise ReadError(f"文件「{name}」无法作为 Word 文档读取（{type(exc).__name__}）") from None
    builder = DocumentBuilder(name, "docx")
    for element in _blocks(body):
        if element.tag == f"{_W}p":
            text = _paragraph_text(element)
            if text.strip():
                builder.paragraph(text)
        elif element.tag == f"{_W}tbl":
            _add_table(builder, element)
    return builder.build()


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of ``parent`` in order, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _blocks(content if content is not None else child)


def _paragraph_text(p: Any) -> str:
    out: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == f"{_W}t":
            out.append(node.text or "")
        elif tag == f"{_W}tab":
            out.append(" ")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}delText":
            continue
    return "".join(out)


def _cell_text(tc: Any) -> str:
    """The paragraphs of a cell (and of tables nested in it), one per line."""
    lines: list[str] = []
    for p in tc.iter(f"{_W}p"):
        text = _paragraph_text(p)
        if text.strip():
            lines.append(text)
    return "\n".join(lines)


@dataclass
class _Open:
    row: int
    col: int
    span: int
    text: str
    rows: int = 1


_MAX_COLUMNS = 64
"""Word allows 63 columns in a table: a span or skip beyond is a damaged or hostile file
(the table's size is then held to the reader limits by :meth:`DocumentBuilder.table`)."""


def _val(element: Any, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(f"{_W}{tag}")
    if child is None:
        return None
    value = child.get(f"{_W}val")
    return "" if value is None else str(value)


def _children(element: Any, tag: str) -> Iterator[Any]:
    """``element``'s children with ``tag`` (``tr`` or ``tc``), looking inside content
    controls (``w:sdt``) and custom XML that may wrap them."""
    for child in element.iterchildren():
        if child.tag == f"{_W}{tag}":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _children(content if content is not None else child, tag)


def _add_table(builder: DocumentBuilder, tbl: Any) -> None:
    grid = tbl.find(f"{_W}tblGrid")
    widths = (
        [bounded_int(g.get(f"{_W}w"), 0, 10**6) for g in grid.iter(f"{_W}gridCol")]
        if grid is not None
        else []
    )
    done: list[_Open] = []
    above: dict[int, _Open] = {}
    n_rows = 0
    for r, tr in enumerate(_children(tbl, "tr")):
        n_rows = r + 1
        col = bounded_int(_val(tr.find(f"{_W}trPr"), "gridBefore"), 0, _MAX_COLUMNS)
        current: dict[int, _Open] = {}
        for tc in _children(tr, "tc"):
            props = tc.find(f"{_W}tcPr")
            span = bounded_int(_val(props, "gridSpan"), 1, _MAX_COLUMNS)
            merge = _val(props, "vMerge")
            start = above.get(col)
            if (
                merge is not None
                and merge != "restart"
                and start is not None
                and start.span == span
            ):
                start.rows += 1
                current[col] = start
            else:
                cell = _Open(r, col, span, _cell_text(tc))
                done.append(cell)
                current[col] = cell
            col += span
        above = current
    if not done:
        return
    n_cols = max([c.col + c.span for c in done] + [len(widths)])
    cells = [Cell(c.row, c.col, c.text, c.rows, c.span) for c in done]
    chars = tuple(round(w / 200, 1) for w in widths) if len(widths) == n_cols else ()
    builder.table(n_rows, n_cols, cells, col_widths=chars)
