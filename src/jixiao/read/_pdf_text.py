"""Characters → printed lines → text, for a table cell or for the text around tables.

A cell's lines are joined without the line breaks (wrapping inside a cell is layout,
not content); only two Latin words keep a space between them. Lines outside tables
keep wide gaps between characters as one space.
"""

from __future__ import annotations

import re
import unicodedata
from operator import itemgetter
from typing import Any

from jixiao.read._pdf_chars import BOTTOM, CX, CY, HEIGHT, TEXT, TOP, X0, X1, Char

__all__ = ["cell_text", "group_lines", "line_text"]

_SPACES = re.compile(r"\s+")
_GAP = 0.8
"""A gap wider than this share of the character height is a space (outside tables)."""
_RECENT = 4
"""How many of the latest lines a character may still join."""
_SMALL = 0.6
"""A character lower than this share of the typical height is punctuation-sized."""


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into printed lines, top to bottom, each left to right.

    Full-height characters make the lines; small ones (commas, periods, marks that
    sit on or below the baseline) then join the line nearest to them.
    """
    if len(chars) < 2:
        return [list(chars)] if chars else []
    spaced = " " in map(_TEXT, chars)
    if spaced:
        heights = sorted([c[HEIGHT] for c in chars if c[TEXT] != " "])
    else:  # most cells: every character counts (no comprehension, no condition)
        heights = sorted(map(_HEIGHT, chars))
    typical = heights[len(heights) // 2] if heights else 1.0
    limit = _SMALL * typical
    if not spaced and min(heights) >= limit:  # no small character (min: robust to NaN)
        full, small = list(chars), []
    else:
        full = [c for c in chars if not c[HEIGHT] < limit]
        small = [c for c in chars if c[HEIGHT] < limit] if len(full) < len(chars) else []
    full.sort(key=_READING)
    lines: list[list[Any]] = []  # [top, bottom, members] of each line
    recent: list[list[Any]] = []  # the latest lines, newest first
    for ch in full:
        top, bottom, height = ch[TOP], ch[BOTTOM], ch[HEIGHT]
        if height < 0.1:
            height = 0.1
        for line in recent:
            line_top, line_bottom = line[0], line[1]
            overlap = (bottom if bottom < line_bottom else line_bottom) - (
                top if top > line_top else line_top
            )
            extent = line_bottom - line_top
            if overlap >= 0.5 * (extent if extent < height else height):
                line[2].append(ch)
                if top < line_top:
                    line[0] = top
                if bottom > line_bottom:
                    line[1] = bottom
                break
        else:
            line = [top, bottom, [ch]]
            lines.append(line)
            recent.insert(0, line)
            if len(recent) > _RECENT:
                recent.pop()
    reach = 0.6 * typical
    for ch in small:  # to the nearest line (the first of equals), if near enough
        y = ch[CY]
        nearest: list[Any] | None = None
        distance = 0.0
        for line in lines:
            # max(above, below, 0.0) (0 inside the line's extent), without the call
            d = line[0] - y
            below = y - line[1]
            if below > d:
                d = below
            if d < 0.0:
                d = 0.0
            if nearest is None or d < distance:
                nearest, distance = line, d
        if nearest is not None and distance <= reach:
            nearest[2].append(ch)
        else:
            lines.append([ch[TOP], ch[BOTTOM], [ch]])
    if len(lines) == 1:
        members: list[Char] = lines[0][2]
        members.sort(key=_LEFT)
        return [members]
    lines.sort(key=_middle)
    return [sorted(line[2], key=_LEFT) for line in lines]


_READING = itemgetter(TOP, X0)
_LEFT = itemgetter(X0)
_TEXT = itemgetter(TEXT)
_HEIGHT = itemgetter(HEIGHT)


def _middle(line: list[Any]) -> float:
    return float(line[0] + line[1])


def _plain(line: list[Char]) -> str:
    text = "".join(map(_TEXT, line))
    if " " in text or not text.isprintable():  # else it holds no whitespace at all
        text = _SPACES.sub(" ", text).strip()
    return text


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def cell_text(chars: list[Char]) -> str:
    """The text of one table cell: its lines in order, line breaks removed."""
    out = ""
    for line in group_lines(chars):
        piece = _plain(line)
        if not piece:
            continue
        if out and _latin(out[-1]) and _latin(piece[0]):
            out += " "
        out += piece
    return out


def line_text(line: list[Char]) -> str:
    """One printed line outside a table; a wide gap between characters is a space."""
    heights = sorted(c[HEIGHT] for c in line if c[TEXT] != " ")
    size = max(heights[len(heights) // 2] if heights else 1.0, 1.0)
    half = size / 2
    out: list[str] = []
    right: float | None = None  # the previous character's right edge (None: a space)
    for ch in line:
        text = ch[TEXT]
        if text == " ":
            right = None
        else:
            # a full-width glyph (，：（) may be drawn small inside its em square
            wide = _east_asian_width(text[0]) in ("W", "F")
            if right is not None:
                left = min(ch[X0], ch[CX] - half) if wide else ch[X0]
                if left - right > _GAP * size:
                    out.append(" ")
            right = max(ch[X1], ch[CX] + half) if wide else ch[X1]
        out.append(text)
    return _SPACES.sub(" ", "".join(out)).strip()


_east_asian_width = unicodedata.east_asian_width
