"""How far a worksheet's values reach, learnt while its XML streams past the zip checks.

openpyxl's read-only rows are padded to the sheet's width and every missing row is
filled in, so a single value at ``XFD1048576`` would make it build a billion empty
cells. :class:`SheetExtent` watches the sheet's elements as :func:`check_ooxml
<jixiao.read._office.check_ooxml>` parses it (no extra pass) and records the last row
and column that hold a value (``<v>`` or an inline string; a styled empty cell counts
for nothing); a value beyond the rows or columns limit stops the read at once. The
reader then asks openpyxl for that extent only.
"""

from __future__ import annotations

import re

from jixiao.read.limits import ReadLimits, current_limits

__all__ = ["WORKSHEET", "SheetExtent"]

WORKSHEET = re.compile(r"^.+\.xml$", re.I)
"""The members that may be worksheets: any XML part (the workbook's relations may put a
sheet anywhere; other parts hold no ``<c>`` cells and give no extent)."""
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,9})$")
_VALUES = frozenset({"v", "is"})


class SheetExtent:
    """The rows and columns of one sheet that hold values (1-based, 0 for none)."""

    def __init__(self, where: str, limits: ReadLimits | None = None) -> None:
        self.where = where
        """Whose extent, for messages (``文件「a.xlsx」中工作表「…」的``)."""
        self.rows = 0
        self.cols = 0
        self._limits = limits or current_limits()
        self._row = 0
        self._col = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        local = tag.rpartition("}")[2]
        if local == "row":
            self._row = _number(attrib.get("r"), self._row + 1)
            self._col = 0
        elif local == "c":
            self._cell(attrib.get("r"))
        elif local in _VALUES and self._col:
            self._value()

    def end(self, tag: str) -> None:
        pass

    def _cell(self, ref: str | None) -> None:
        match = _REF.match(ref or "")
        if match is None:  # ``r`` is optional: the next cell of the row
            self._col += 1
            return
        self._col = _column(match.group(1))
        self._row = int(match.group(2))

    def _value(self) -> None:
        if self._row > self.rows:
            self._limits.check("rows", self._row, self.where)
            self.rows = self._row
        if self._col > self.cols:
            self._limits.check("columns", self._col, self.where)
            self.cols = self._col


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and len(text) < 10 else default


def _column(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number
