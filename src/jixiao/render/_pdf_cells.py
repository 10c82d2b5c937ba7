"""Cell text → reportlab paragraphs, and each cell's height at a given width."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from jixiao.linebreak import break_lines
from jixiao.model import Align, Cell

__all__ = ["CellStyles", "TitleLine", "cell_height", "flowable", "paragraph"]

PAD_X = 2.5
"""Left and right padding inside a cell, points."""
PAD_Y = 2.0
"""Top and bottom padding inside a cell, points."""


@dataclass(frozen=True)
class CellStyles:
    """The paragraph styles of one rendering (one font, one size)."""

    font: str
    size: float = 9.0

    @property
    def leading(self) -> float:
        return round(self.size * 1.3, 2)

    @property
    def min_row_height(self) -> float:
        return self.leading + 2 * PAD_Y + 2

    def style(self, cell: Cell) -> ParagraphStyle:
        return _style(self.font, self.size, self.leading, _alignment(cell), cell.role == "title")


_TA: dict[Align, Literal[0, 1, 2]] = {"left": 0, "center": 1, "right": 2}
"""reportlab's TA_LEFT, TA_CENTER, TA_RIGHT (it draws only the numeric codes)."""


def _alignment(cell: Cell) -> Align:
    if cell.role == "number" and cell.align == "left":
        return "right"
    if cell.role in {"title", "header"} and cell.align == "left":
        return "center"
    return cell.align


_STYLES: dict[tuple[str, float, float, Align, bool], ParagraphStyle] = {}


def _style(font: str, size: float, leading: float, align: Align, title: bool) -> ParagraphStyle:
    key = (font, size, leading, align, title)
    style = _STYLES.get(key)
    if style is None:
        big = size * 1.25 if title else size
        style = ParagraphStyle(
            f"jixiao-{len(_STYLES)}",
            fontName=font,
            fontSize=big,
            leading=leading * big / size,
            alignment=_TA[align],
            wordWrap="CJK",
            splitLongWords=True,
            allowWidows=1,
            allowOrphans=1,
        )
        _STYLES[key] = style
    return style


class _CellParagraph(Paragraph):
    """A cell's text, broken into lines by the Chinese rules (:mod:`jixiao.linebreak`)
    at the width it is given, so no closing mark starts a line, no opening mark ends
    one, and no line crosses the cell's border (reportlab's own CJK wrapping hangs a
    closing mark past the margin and knows no rule for “ ” ； ： ！ ？)."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        self._plain = text
        self._broken_at: float | None = None
        super().__init__(escape(text).replace("\n", "<br/>"), style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._broken_at != availWidth:
            style = self.style
            lines = break_lines(
                self._plain,
                availWidth - 0.01,
                lambda s: stringWidth(s, style.fontName, style.fontSize),
            )
            # set up again with the lines cut here; reportlab then breaks none of them
            super().__init__("<br/>".join(escape(line) for line in lines), style)
            self._broken_at = availWidth
        return super().wrap(availWidth, availHeight)


def paragraph(cell: Cell, styles: CellStyles) -> Paragraph:
    """The cell's text as a paragraph; line breaks in the text are kept."""
    text = "\n".join(line.strip() for line in cell.text.split("\n"))
    return _CellParagraph(text, styles.style(cell))


def flowable(cell: Cell, styles: CellStyles) -> Flowable:
    """What is drawn in the cell: a title line for a title cell, else a paragraph."""
    if cell.role == "title":
        size = styles.size * (1.9 if cell.row == 0 else 1.2)
        return TitleLine(cell.text, styles.font, size, align=cell.align)
    return paragraph(cell, styles)


def cell_height(cell: Cell, styles: CellStyles, width: float) -> float:
    """Height the cell's text needs (padding included) when its columns are ``width`` wide."""
    if not cell.text.strip():
        return styles.min_row_height
    _, h = flowable(cell, styles).wrap(max(width - 2 * PAD_X, 1.0), 1e9)
    return max(float(h) + 2 * PAD_Y + 1, styles.min_row_height)


class TitleLine(Flowable):
    """One line of bold text (bold by also stroking the glyph outlines: the embedded CJK
    font has no bold face); shrunk to fit when wider than its cell."""

    def __init__(self, text: str, font: str, size: float, *, align: str = "center") -> None:
        super().__init__()
        self.text = " ".join(text.split())
        self.font = font
        self.size = size
        self.align = align
        self._width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._width = availWidth
        return availWidth, self.size * 1.6

    def draw(self) -> None:
        size = self.size
        width = stringWidth(self.text, self.font, size)
        if width > self._width > 0:
            size *= self._width / width
            width = self._width
        x = {"left": 0.0, "right": self._width - width}.get(self.align, (self._width - width) / 2)
        text = self.canv.beginText()
        text.setFont(self.font, size)
        text.setTextRenderMode(2)
        self.canv.setLineWidth(size * 0.03)
        text.setTextOrigin(x, self.size * 0.45)
        text.textOut(self.text)
        self.canv.drawText(text)
