"""Cells whose formula Excel could not compute: read them as the formula was typed.

A unit that types the target ``=365(天)`` (等于 365 天) into Excel or WPS gets a formula
that cannot be computed; the file keeps the formula text (``365(天)``, without the
``=``) and the error as the cell's value (``#VALUE!``, ``#NAME?``). Such a cell is read
as what was typed, the ``=`` put back: the ``=`` is the target's operator, and a real
formula that failed (``=SUM(A1:A3)`` → ``#REF!``) is better shown as its formula than
as an error code. Each such cell is noted (``Table.formula_cells``) so the parser
reports it (P015) on the cell's line.

The formulas come from the sheet's XML (already read for its merges), so the workbook is
loaded once, values only. A shared formula that does not repeat its text (``<f
t="shared" si="0"/>``) has none to show: the cell reads empty, and the note says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from jixiao.model.table import FormulaCell

__all__ = ["ERRORS", "MAX_NOTED", "FormulaError", "formula_cells", "formula_errors"]

ERRORS = frozenset(
    {
        "#VALUE!",
        "#NAME?",
        "#REF!",
        "#DIV/0!",
        "#N/A",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
    }
)
"""The error values Excel, WPS and LibreOffice store for a formula they cannot compute."""
MAX_NOTED = 500
"""At most this many cells of a sheet are noted (all of them are read from the formula)."""

_ERROR_CELL = re.compile(r"<(?:\w+:)?c\s([^>/]*\bt=\"e\"[^>/]*)>(.*?)</(?:\w+:)?c>", re.S)
"""A cell whose value is an error, with its body (a cell without one, ``<c …/>``, is
no match)."""
_REF = re.compile(r"\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_FORMULA = re.compile(r"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_VALUE = re.compile(r"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)


@dataclass(frozen=True, slots=True)
class FormulaError:
    """A formula cell whose value is an error: ``formula`` without its ``=``, or
    ``None`` when the file does not repeat it (a shared formula)."""

    row: int
    col: int
    ref: str
    error: str
    formula: str | None

    @property
    def text(self) -> str:
        """What the cell reads as: the formula as typed, ``=`` included."""
        return "=" + self.formula if self.formula else ""


def formula_errors(xml: str) -> dict[tuple[int, int], FormulaError]:
    """Every formula cell of a sheet's XML whose stored value is an error, by 0-based
    (row, column)."""
    out: dict[tuple[int, int], FormulaError] = {}
    if 't="e"' not in xml:
        return out
    for match in _ERROR_CELL.finditer(xml):
        ref = _REF.search(match.group(1))
        formula = _FORMULA.search(match.group(2))
        value = _VALUE.search(match.group(2))
        if ref is None or formula is None or value is None:
            continue  # an error typed as a value, or no address: read as it is
        error = unescape(value.group(1)).strip()
        if error not in ERRORS:
            continue
        row, col = int(ref.group(2)) - 1, _column(ref.group(1))
        text = unescape(formula.group(1) or "").strip() or None
        out[(row, col)] = FormulaError(row, col, ref.group(1) + ref.group(2), error, text)
    return out


def _column(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - ord("A") + 1
    return number - 1


def formula_cells(errors: list[FormulaError], first_row: int = 0) -> tuple[FormulaCell, ...]:
    """The table's notes of ``errors`` (rows relative to ``first_row``), at most
    :data:`MAX_NOTED`."""
    return tuple(
        FormulaCell(e.row - first_row, e.ref, e.error, e.formula) for e in errors[:MAX_NOTED]
    )
