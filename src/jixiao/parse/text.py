"""Cleaning extracted text: tags, extraction spaces, wrapped cells, numbers.

Strings in the model are "the cell's text with the line breaks and spaces that
extraction inserted removed; characters otherwise kept as printed" (DESIGN §5):
whitespace touching a CJK character or CJK punctuation is extraction noise and goes;
whitespace between two Latin letters or digits is kept as one space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "DASHES",
    "clean",
    "is_cjk",
    "join_cell",
    "parse_number",
    "parse_percent",
    "parse_points",
    "strip_tags",
]

_TAG = re.compile(
    r"</?(?:b|i|u|s|p|sup|sub|br|span|strong|em|del|ins|font|small|big|div)\b[^>]*>",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")
_SUPERSCRIPT = re.compile(r"\s*<sup>\s*([0-9])\s*</sup>", re.IGNORECASE)
_SUPERSCRIPTS = dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))
_CJK_RANGES = (
    (0x2E80, 0x9FFF),  # radicals, punctuation, kana, CJK unified ideographs
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x2FA1F),
)
_CJK_PUNCT = set("“”‘’《》〈〉（）【】、。，；：！？…—·～%")

DASHES = frozenset({"-", "—", "–", "－", "——", "/", "／", ""})
"""Cell contents that mean "no value"."""
_DASH_RUN = re.compile(r"[-—–－―]{2,4}")
"""Dashes printed as a run (``--``, or two dashed cells run together): no value either."""


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs, CJK/full-width punctuation and Chinese quotes."""
    if ch in _CJK_PUNCT:
        return True
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def strip_tags(text: str) -> str:
    """Remove HTML formatting tags (``<b>``, ``</p>``, ``<sup>`` …), keeping their text."""
    if "<" not in text:  # most cells: no tag to look for
        return text
    text = _SUPERSCRIPT.sub(lambda m: _SUPERSCRIPTS[m.group(1)], text)
    return _TAG.sub("", text)


_GLUE = set("≥≤＞＜<>=～~")
"""Comparison signs: extraction spaces around them go (``≥ 90%`` → ``≥90%``)."""
_ENUM = re.compile(r"^(?:\d{1,2}[、.．)）]|[(（]\d{1,2}[)）])(?!\d)")
"""A list marker such as ``2、`` or ``（3）``: the space before it was typed, not extracted."""


def _joins_tight(left: str, right: str) -> bool:
    a, b = left[-1], right[0]
    if _ENUM.match(right) and a not in "，。；：、（(":
        return False
    if is_cjk(a) or is_cjk(b) or a in _GLUE or b in _GLUE:
        return True
    # a bracketed unit after a number: ``10000.00 (份)``
    return b in "(（" and len(right) > 1 and is_cjk(right[1])


@lru_cache(maxsize=1 << 14)
def clean(text: str | None) -> str | None:
    """Tags and extraction whitespace removed; ``None`` for an empty result.

    Whitespace touching CJK text or a comparison sign is extraction noise and goes;
    whitespace between Latin words or numbers, and before a list marker (``2、``),
    stays as one space. Remembered: the layouts ask for the same cells many times over
    (detection, then parsing; each candidate header row).
    """
    if text is None:
        return None
    parts = [p for p in _WS.split(strip_tags(text).strip()) if p]
    if not parts:
        return None
    out = parts[0]
    for part in parts[1:]:
        out += part if _joins_tight(out, part) else " " + part
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def join_cell(fragments: Iterable[str | None]) -> str | None:
    """Join the wrapped pieces of one cell (one per printed line) into its text.

    Line breaks vanish, even inside a number (``5419`` / ``3`` → ``54193``); only two
    Latin words keep a space between them.
    """
    out = ""
    for fragment in fragments:
        piece = clean(fragment)
        if not piece:
            continue
        if out and _latin(out[-1]) and _latin(piece[0]):
            out += " "
        out += piece
    return out or None


_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_DIGITS = 30
"""More digits than any amount or score printed on a form: an absurd number is unreadable
(P002), not a figure to compute with."""


def parse_number(text: str | None) -> Decimal | None:
    """``"1,150.00"`` → ``Decimal("1150.00")``; dashes and blanks → ``None``.

    Raises ``ValueError`` for text that is neither a number nor a dash, so the caller
    can report it as an unreadable number (P002) instead of guessing.
    """
    if text is None:
        return None
    number = _number(text)
    if number is _NOT_A_NUMBER:
        raise ValueError(f"not a number: {text!r}")
    return number


_NOT_A_NUMBER = Decimal("NaN")
"""What :func:`_number` answers for text that is no number (never a parse of one: a
printed ``NaN`` fails :data:`_NUMBER`)."""


@lru_cache(maxsize=1 << 14)
def _number(text: str) -> Decimal | None:
    """:func:`parse_number` of a string, remembered (a ``Decimal`` never changes): the
    layouts read the same cells again (detection, then parsing; totals, then rows)."""
    t = strip_tags(text).strip().replace(" ", "").replace("，", ",")
    t = t.translate(_FULLWIDTH)
    if t in DASHES or _DASH_RUN.fullmatch(t):
        return None
    if (
        not _NUMBER.match(t)
        or t in {"+", "-", "."}
        or (len(t) > _DIGITS and sum(c.isdigit() for c in t) > _DIGITS)
    ):
        return _NOT_A_NUMBER
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return _NOT_A_NUMBER


def parse_percent(text: str | None) -> Decimal | None:
    """Like :func:`parse_number` but accepts a trailing ``%`` (``"100.00%"`` → 100.00)."""
    if text is None:
        return None
    t = text.strip().rstrip("%％").strip()
    return parse_number(t)


def parse_points(text: str | None) -> Decimal | None:
    """Points as printed in a weight or score cell: a number, a share of the form
    (``20%`` is 20 points) or a number with its unit (``100分`` → 100)."""
    if text is None:
        return None
    return parse_percent(text.strip().removesuffix("分"))


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
