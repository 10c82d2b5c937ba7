"""WordprocessingML details python-docx has no API for: table borders, fixed layout,
repeated header rows, rows that may not break across pages, East Asian fonts."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

__all__ = [
    "cell_margins",
    "fixed_layout",
    "keep_row_together",
    "mark_header_row",
    "set_east_asia_font",
    "set_table_borders",
    "tiny_paragraph_mark",
]

_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _child(parent: Any, tag: str) -> Any:
    """The first ``tag`` child of ``parent``, created (appended) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def set_table_borders(tbl: Any, inner: int = 4, outer: int = 8) -> None:
    """Single black lines on every cell edge; sizes in eighths of a point."""
    tbl_pr = tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in _EDGES:
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(inner if edge.startswith("inside") else outer))
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    # schema order inside tblPr: … tblW, jc, …, tblBorders, shd, tblLayout, tblCellMar, tblLook
    anchor = None
    for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def fixed_layout(tbl: Any, width_twips: int) -> None:
    """Fixed column widths (Word does not re-fit them to the text) and the table width."""
    tbl_pr = tbl.tblPr
    tbl_w = _child(tbl_pr, "w:tblW")
    tbl_w.set(qn("w:w"), str(width_twips))
    tbl_w.set(qn("w:type"), "dxa")
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        look = tbl_pr.find(qn("w:tblLook"))
        cell_mar = tbl_pr.find(qn("w:tblCellMar"))
        before = cell_mar if cell_mar is not None else look
        if before is not None:
            before.addprevious(layout)
        else:
            tbl_pr.append(layout)
    layout.set(qn("w:type"), "fixed")


def _tr_pr(tr: Any) -> Any:
    return tr.get_or_add_trPr()


def mark_header_row(tr: Any) -> None:
    """Repeat this row at the top of each page the table continues on (``w:tblHeader``)."""
    tr_pr = _tr_pr(tr)
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))


def keep_row_together(tr: Any) -> None:
    """A row is never broken across two pages (``w:cantSplit``)."""
    tr_pr = _tr_pr(tr)
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def set_east_asia_font(r_pr: Any, east_asia: str, latin: str) -> None:
    """Name the fonts of a run or style: ``latin`` for ASCII, ``east_asia`` for CJK."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


def tiny_paragraph_mark(p_pr: Any, half_points: int = 2) -> None:
    """Make a paragraph's mark (its height when empty) ``half_points`` / 2 points tall."""
    r_pr = _child(p_pr, "w:rPr")
    size = _child(r_pr, "w:sz")
    size.set(qn("w:val"), str(half_points))


def cell_margins(tbl: Any, top: int, left: int, bottom: int, right: int) -> None:
    """Default cell margins of the table, in twips."""
    tbl_pr = tbl.tblPr
    old = tbl_pr.find(qn("w:tblCellMar"))
    if old is not None:
        tbl_pr.remove(old)
    mar = OxmlElement("w:tblCellMar")
    for edge, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        side = OxmlElement(f"w:{edge}")
        side.set(qn("w:w"), str(value))
        side.set(qn("w:type"), "dxa")
        mar.append(side)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(mar)
    else:
        tbl_pr.append(mar)
