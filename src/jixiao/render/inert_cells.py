"""Text written to a spreadsheet stays text: no cell of an export is ever a formula.

A form's text is whatever the published document printed — a project named
``=HYPERLINK("http://…"&B2,"点击")`` would otherwise become a live formula in Excel or
LibreOffice (CSV and formula injection). Every writer of xlsx or csv cells goes through
this module: :func:`looks_like_formula` decides, :func:`inert_xlsx_cell` stores such a
cell as a string with Excel's quote prefix (the value unchanged, and it stays text even
when a user edits it), :func:`inert_csv_text` puts an apostrophe before it (the usual
defence for CSV, which has no types).

A text starts like a formula when its first character is ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return. In CSV a plain signed number (``-5``, ``+3.5%``) and a lone
sign are left as they are: a spreadsheet reads them as a number or as text, never as a
formula, and an apostrophe would spoil them.
"""

from __future__ import annotations

import re

from openpyxl.cell.cell import Cell, MergedCell

__all__ = ["FORMULA_STARTS", "inert_csv_text", "inert_xlsx_cell", "looks_like_formula"]

FORMULA_STARTS = frozenset("=+-@\t\r")
"""The first characters that make a spreadsheet read a cell as a formula."""

_SIGNED_NUMBER = re.compile(r"[+-](?:\d+(?:\.\d+)?%?)?")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula."""
    return bool(text) and text[0] in FORMULA_STARTS


def inert_xlsx_cell(cell: Cell | MergedCell) -> None:
    """Keep a text cell that :func:`looks_like_formula` a string with a quote prefix
    (openpyxl makes any string starting with ``=`` a formula)."""
    value = cell.value
    if isinstance(value, str) and looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True


def inert_csv_text(text: str) -> str:
    """``text`` for a CSV cell: with an apostrophe before it when it looks like a
    formula and is not a plain signed number."""
    if looks_like_formula(text) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text
