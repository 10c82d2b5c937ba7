"""Breaking Chinese text into lines of a given width, by the rules of Chinese typesetting
(GB/T 15834 and the 禁则 of printed forms).

A closing mark (，。、；：！？）》」”’ …) never starts a line and an opening mark
（（《「“‘ …) never ends one: each is kept with the character it belongs to. A run of
Latin letters or digits (``7,762,496.10``, ``12.00–15.00``, ``≥95%``) is one word,
broken only when it is wider than a whole line. Between two Chinese characters a line
may break anywhere; a space is a break too, and is dropped at the break.

The width is measured by a function the caller gives: points of a PDF font
(:func:`reportlab.pdfbase.pdfmetrics.stringWidth`) or terminal cells
(:func:`rich.cells.cell_len`), so the PDF tables and the command line break alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["NO_LINE_END", "NO_LINE_START", "break_lines"]

NO_LINE_START = "，。、；：！？）》」』】〕〗〉”’…—·％‰,.;:!?)]}%"
"""Marks that may not begin a line (closing punctuation, stops, percent)."""
NO_LINE_END = "（《「『【〔〖〈“‘([{"
"""Marks that may not end a line (opening punctuation)."""

_WORD = re.compile(r"[0-9A-Za-z._,+\-–~/:%@#&=*≥≤<>]+|\s+|.", re.DOTALL)


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` cut into lines no wider than ``width`` (as ``measure`` counts), never
    starting with a :data:`NO_LINE_START` mark nor ending with a :data:`NO_LINE_END`
    mark unless a single word is wider than the line. Line breaks in ``text`` are kept;
    spaces at a break are dropped."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(_break_paragraph(paragraph, width, measure))
    return out


def _break_paragraph(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    line = ""
    for unit in _units(text):
        if unit.isspace():
            if line:
                line += unit
            continue
        if measure(line + unit) <= width:
            line += unit
            continue
        if line:
            lines.append(line.rstrip())
            line = ""
        for piece in _cut(unit, width, measure):
            if line:
                lines.append(line)
            line = piece
    lines.append(line.rstrip())
    return lines


def _units(text: str) -> list[str]:
    """The unbreakable pieces of ``text``: words, spaces and single characters, each
    closing mark glued to the piece before it (with a space between, if any) and each
    opening mark to the one after."""
    units: list[str] = []
    pending = ""  # opening marks waiting for what they open
    for token in _WORD.findall(text):
        if token.isspace() and pending:
            pending += token
        elif token.isspace():
            units.append(token)
        elif token in NO_LINE_END:
            pending += token
        elif token[0] in NO_LINE_START and units and not pending:
            space = units.pop() if units[-1].isspace() and len(units) > 1 else ""
            units[-1] += space + token
        else:
            units.append(pending + token)
            pending = ""
    if pending:
        units.append(pending)
    return units


def _cut(unit: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """A unit wider than a line, cut by characters (the only way it fits)."""
    if measure(unit) <= width:
        return [unit]
    pieces: list[str] = []
    piece = ""
    for char in unit:
        if piece and measure(piece + char) > width:
            cut = _last_line_start(piece + char)
            pieces.append(piece[:cut])
            piece = piece[cut:]
        piece += char
    pieces.append(piece)
    return pieces


def _last_line_start(text: str) -> int:
    """Where the last line of ``text`` may start: at its last character that is no
    :data:`NO_LINE_START` mark and follows no :data:`NO_LINE_END` mark (the marks go to
    the line they belong to); at the last character when there is no such place (a run
    of marks wider than a line breaks where it must)."""
    for index in range(len(text) - 1, 0, -1):
        if text[index] not in NO_LINE_START and text[index - 1] not in NO_LINE_END:
            return index
    return len(text) - 1
