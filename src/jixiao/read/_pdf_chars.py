"""The characters of one PDF page with their boxes, read through pypdfium2.

Coordinates are PDF points with the y axis turned downwards (``top < bottom``), the
same convention :mod:`jixiao.read._pdf_rules` uses, so characters and rules compare
directly. Characters PDFium generates itself (line ends, most inferred spaces) are
dropped; an inferred space between two Latin letters or digits is kept.
"""

from __future__ import annotations

import ctypes
import string
import struct
from collections.abc import Iterable
from typing import Final

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from jixiao.read._pdf_calls import char_box, char_generated
from jixiao.read._pdf_clip import ClipTest

__all__ = [
    "BOTTOM",
    "CX",
    "CY",
    "HEIGHT",
    "TEXT",
    "TOP",
    "X0",
    "X1",
    "Char",
    "Transform",
    "char",
    "page_chars",
    "page_transform",
]

Transform = tuple[float, float, float, float]
"""``(a, b, c, d)``: a user-space point ``(x, y)`` is shown at ``(a·x + b·y, c·x + d·y)``
with y pointing down; it turns pages printed with ``/Rotate`` upright."""

_ROTATIONS: dict[int, Transform] = {
    0: (1.0, 0.0, 0.0, -1.0),
    90: (0.0, 1.0, 1.0, 0.0),
    180: (-1.0, 0.0, 0.0, 1.0),
    270: (0.0, -1.0, -1.0, 0.0),
}


def page_transform(page: pdfium.PdfPage) -> Transform:
    """How to turn ``page``'s user space upright, y down."""
    return _ROTATIONS.get(page.get_rotation() % 360, _ROTATIONS[0])


Char = tuple[str, float, float, float, float, float, float, float]
"""One printed character: its text and its tight box (top-down y), with its centre
and height (made by :func:`char`), read by the index names below (``ch[TOP]``).

A plain tuple, not a named tuple: a page makes thousands, and Python's cyclic garbage
collector stops watching a plain tuple of numbers and strings the first time it sees
one, while it keeps scanning every instance of a tuple subclass for as long as the
page's characters live (about a twentieth of the reading time)."""

TEXT: Final = 0
X0: Final = 1
TOP: Final = 2
X1: Final = 3
BOTTOM: Final = 4
CX: Final = 5
CY: Final = 6
HEIGHT: Final = 7


def char(text: str, x0: float, top: float, x1: float, bottom: float) -> Char:
    """The :data:`Char` of ``text`` printed in the box ``x0, top, x1, bottom``."""
    return (text, x0, top, x1, bottom, (x0 + x1) / 2, (top + bottom) / 2, bottom - top)


_SKIP = frozenset("\x00\ufffe\uffff")
_CODES = {0x02: "-", **{c: "\x00" for c in range(0xD800, 0xE000)}}
_HYPHEN = {0x02: "-"}


def _page_text(textpage: pdfium.PdfTextPage, count: int) -> str:
    """One character per index of PDFium's character list (a surrogate → NUL). A hyphen
    at a line end, which PDFium reports as a soft hyphen (U+0002; U+FFFE in the text of
    the whole page), is the printed ``-``.

    The whole page in one call (``FPDFText_GetText``: one UTF-16 unit per index); if
    that does not give one unit per index, one call per character."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    get_unicode = pdfium_c.FPDFText_GetUnicode
    if written == count + 1:
        try:
            text = bytes(buffer)[: 2 * count].decode("utf-16-le")
        except UnicodeDecodeError:  # a lone surrogate
            text = ""
        # one character per unit (no surrogate pair) and no soft hyphen: nothing to map
        if len(text) == count and "\ufffe" not in text:
            return text.translate(_HYPHEN)
        # FPDFText_GetText writes U+FFFE where the character list holds a soft hyphen
        codes: Iterable[int] = [
            get_unicode(textpage, i) if code == 0xFFFE else code
            for i, code in enumerate(buffer[:count])
        ]
    else:
        codes = (get_unicode(textpage, i) for i in range(count))
    return "".join(_CODES.get(c) or chr(c) if c <= 0x10FFFF else "\x00" for c in codes)


_ASCII_ALNUM = frozenset(string.ascii_letters + string.digits)
"""The characters ``ch.isascii() and ch.isalnum()`` holds for (one set lookup)."""


_KINDS: dict[str, int] = {}
""":func:`_kind` of the characters met so far (shared by all pages and files)."""
_KNOWN_KINDS = 1 << 16
"""At most this many characters are kept in :data:`_KINDS` (a bounded memo)."""


def _kind(ch: str) -> int:
    """0: not a printed character (skipped); 1: a space; 2: a visible character."""
    kind = _KINDS.get(ch)
    if kind is None:
        if ch in _SKIP or not (ch.isprintable() or ch.isspace()) or ch in "\r\n":
            kind = 0
        else:
            kind = 1 if ch.isspace() else 2
        if len(_KINDS) < _KNOWN_KINDS:
            _KINDS[ch] = kind
    return kind


def _kinds(text: str) -> dict[str, int]:
    """:func:`_kind` of every character of ``text``: the shared memo itself once it
    holds them all (so only characters not met before are looked at)."""
    new = set(text).difference(_KINDS)
    for ch in new:
        _kind(ch)
    if new and not new.issubset(_KINDS):  # the memo is full
        return {ch: _kind(ch) for ch in set(text)}
    return _KINDS


_BOX = ctypes.c_double * 4
_UNPACK_BOX = struct.Struct("4d").unpack_from


def page_chars(
    textpage: pdfium.PdfTextPage, transform: Transform, clip: ClipTest | None = None
) -> list[Char]:
    """Every visible character of the page, in content-stream order (those ``clip``
    finds hidden by a clipping path left out)."""
    textpage = getattr(textpage, "raw", textpage)  # the C handle: no property per call
    count = pdfium_c.FPDFText_CountChars(textpage)
    box = _BOX()  # left, right, bottom, top: read back as one tuple, not four floats
    left_p, right_p, bottom_p, top_p = (ctypes.byref(box, 8 * k) for k in range(4))
    get_box, unpack = char_box, _UNPACK_BOX
    hidden = clip.hidden if clip is not None and clip.active else None
    text = _page_text(textpage, count)
    kinds = _kinds(text)
    at: list[Char | None] = [None] * len(text)  # the character at each index of PDFium's list
    spaces: list[int] = []  # the index of each space
    for i, ch in enumerate(text):
        kind = kinds[ch]
        if not kind or not get_box(textpage, i, left_p, right_p, bottom_p, top_p):
            continue
        xa, xb, yb, ya = unpack(box)
        if kind == 1:
            spaces.append(i)
        elif hidden is not None and hidden(i, xa, xb, yb, ya):
            continue
        # upright as on a page without /Rotate (y down); turned below if it has one
        ya, yb = -ya, -yb
        if xa > xb:
            xa, xb = xb, xa
        if ya > yb:
            ya, yb = yb, ya
        at[i] = (ch, xa, ya, xb, yb, (xa + xb) / 2, (ya + yb) / 2, yb - ya)
    if transform != _ROTATIONS[0]:
        ta, tb, tc, td = transform
        at = [None if c is None else _turn(c, ta, -tb, tc, -td) for c in at]
    if spaces:
        # PDFium generates only spaces and line ends: only a space is asked; each is
        # put in the gap it fills (its own box is unreliable), or dropped
        placed = [_placed_space(at, i, bool(char_generated(textpage, i))) for i in spaces]
        for i, space in zip(spaces, placed, strict=True):
            at[i] = space
    return [c for c in at if c is not None]


def _placed_space(at: list[Char | None], i: int, generated: bool) -> Char | None:
    """The space at ``i`` where it shows, or ``None``: a space PDFium inferred counts
    only between two Latin words."""
    if generated and not _word_gap(at, i):
        return None
    gap = _gap(at, i) if generated else _printed_space(at, i)
    return None if gap is None else char(" ", *gap)


def _turn(c: Char, ta: float, tb: float, tc: float, td: float) -> Char:
    """``c`` with its box turned by ``(ta, tb, tc, td)`` (see :data:`Transform`)."""
    x0, top, x1, bottom = c[X0], c[TOP], c[X1], c[BOTTOM]
    xa, xb = ta * x0 + tb * bottom, ta * x1 + tb * top
    ya, yb = tc * x0 + td * bottom, tc * x1 + td * top
    if xa > xb:
        xa, xb = xb, xa
    if ya > yb:
        ya, yb = yb, ya
    return char(c[TEXT], xa, ya, xb, yb)


_Box = tuple[float, float, float, float]


def _gap(at: list[Char | None], i: int) -> _Box | None:
    """The box between the visible characters around a space, if they share a line."""
    if i == 0 or i + 1 >= len(at):
        return None
    b0, b1 = at[i - 1], at[i + 1]
    if b0 is None or b1 is None or not b0[TEXT].strip() or not b1[TEXT].strip():
        return None
    size = max(b0[HEIGHT], b1[HEIGHT], 1.0)
    # lenient: a comma sits low and a quotation mark high on the same line
    if abs((b0[TOP] + b0[BOTTOM]) - (b1[TOP] + b1[BOTTOM])) / 2 >= size or b1[X0] < b0[X1]:
        return None
    return b0[X1], min(b0[TOP], b1[TOP]), b1[X0], max(b0[BOTTOM], b1[BOTTOM])


def _printed_space(at: list[Char | None], i: int) -> _Box | None:
    """A space printed in the PDF: its own horizontal place (or the gap it fills), as
    high as the character before it (its own box has no height)."""
    b0, space = at[i - 1] if i else None, at[i]
    if b0 is None or space is None or not b0[TEXT].strip():
        return None
    if space[X1] <= space[X0]:
        return _gap(at, i)
    return space[X0], b0[TOP], space[X1], b0[BOTTOM]


def _word_gap(at: list[Char | None], i: int) -> bool:
    """Whether a space PDFium inferred separates two Latin words (a real gap between
    letters or digits on one line); elsewhere inferred spaces are dropped."""
    if i == 0 or i + 1 >= len(at):
        return False
    b0, b1 = at[i - 1], at[i + 1]
    if b0 is None or b1 is None:
        return False
    before, after = b0[TEXT], b1[TEXT]
    if not (before.strip() and after.strip()):
        return False
    if not (before in _ASCII_ALNUM or after in _ASCII_ALNUM):
        return False
    size = max(b0[HEIGHT], b1[HEIGHT], 1.0)
    same_line = abs((b0[TOP] + b0[BOTTOM]) - (b1[TOP] + b1[BOTTOM])) / 2 < 0.5 * size
    return same_line and b1[X0] - b0[X1] > 0.2 * size
