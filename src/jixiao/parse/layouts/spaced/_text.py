"""Text helpers for the ``spaced`` layout: widths, tokens and cell shapes.

The ``spaced`` layout is text extracted from a PDF table where the cells of one
printed line are separated by spaces and long cells wrap onto following lines.
Deciding which cell a wrapped fragment belongs to relies on the *shape* of the
fragment (does it start with a comparison sign, a number, a tier phrase …) and on
its printed *width* (a line that fills its column was wrapped; a shorter one ends
the cell). Widths are measured in half-width units: CJK characters count 2.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "OPERATORS",
    "TIER_PHRASES",
    "balanced",
    "ends_sentence",
    "is_number",
    "is_tier_prefix",
    "looks_like_value_start",
    "merge_operator_tokens",
    "short_of",
    "slack",
    "starts_with_operator",
    "tokens",
    "width",
]

OPERATORS = ("≥", "≤", ">=", "<=", "＞", "＜", ">", "<", "=", "＝", "≧", "≦", "〉", "〈")
"""Comparison signs that start a target (年度指标值) or an actual."""

_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_OPEN = "(（"
_CLOSE = ")）"
_TERMINAL = "。！？.!?；;"
_TRAILING_QUOTES = "”’」』）)\"'"


def _tiers() -> tuple[str, ...]:
    kinds = ("达成", "部分达成", "未达成", "基本达成", "全部达成")
    scopes = ("", "年度", "预期", "既定")
    tails = ("", "并具有一定效果", "且效果较差", "且具有一定效果")
    return tuple(sorted({k + s + "指标" + t for k in kinds for s in scopes for t in tails}))


TIER_PHRASES: tuple[str, ...] = _tiers()
_TIER_PREFIXES = frozenset(p[:i] for p in TIER_PHRASES for i in range(1, len(p) + 1))
"""The qualitative tiers an actual can be (达成指标, 部分达成指标并具有一定效果 …)."""


@lru_cache(maxsize=8192)
def width(text: str) -> int:
    """Printed width in half-width units (CJK and full-width characters count 2)."""
    total = 0
    for ch in text:
        if ch.isspace():
            total += 1
        elif unicodedata.east_asian_width(ch) in ("W", "F", "A"):
            total += 2
        else:
            total += 1
    return total


def short_of(text: str, full: int) -> bool:
    """``text`` stops clearly short of a column ``full`` units wide, so it was not wrapped.

    One CJK character short is still a wrapped line (a punctuation mark may not
    begin a line, so the break comes a character early). Digits and Latin letters
    print narrower or wider than half a CJK character depending on the font, so
    each one widens the tolerance.
    """
    return width(text) < full - slack(text)


@lru_cache(maxsize=8192)
def slack(text: str) -> float:
    """How far short of its column ``text`` may stop and still be wrapped (remembered:
    every cut of a gap asks again of its lines)."""
    return 2 + 0.7 * sum(1 for ch in text if ch.isascii() and not ch.isspace())


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[str, ...]:
    """The space-separated cells of a printed line, operator-only tokens merged on
    (remembered: detection, the labels and the rows ask of every line)."""
    return tuple(merge_operator_tokens(text.split()))


def merge_operator_tokens(parts: list[str]) -> list[str]:
    """``[">=", "85%"]`` → ``[">=85%"]``: a bare comparison sign belongs to what follows."""
    out: list[str] = []
    pending = ""
    for part in parts:
        if part in OPERATORS:
            pending += part
            continue
        out.append(pending + part)
        pending = ""
    if pending:
        out.append(pending)
    return out


def is_number(token: str) -> bool:
    """A plain decimal such as ``6.00`` or ``10`` (a weight or a score)."""
    return bool(_NUMBER.match(token))


def starts_with_operator(token: str) -> bool:
    return token.startswith(OPERATORS)


@lru_cache(maxsize=8192)
def balanced(text: str) -> bool:
    """No parenthesis left open (``≥250.00(人`` is not balanced; remembered: the cuts of
    a row's cells ask of the same texts)."""
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
    return depth == 0


def is_tier_prefix(text: str) -> bool:
    """``text`` is the beginning (or the whole) of a qualitative tier phrase."""
    return text in _TIER_PREFIXES


def is_tier(text: str) -> bool:
    return text in TIER_PHRASES


def looks_like_value_start(token: str) -> bool:
    """Could ``token`` be the first fragment of a target or an actual?"""
    if not token:
        return False
    if starts_with_operator(token) or token[0].isdigit():
        return True
    if is_tier_prefix(token):
        return True
    return not token.startswith(tuple(_CLOSE + _OPEN)) and width(token) <= 12


def ends_sentence(text: str) -> bool:
    """The line ends a sentence (``。`` ``；`` …, closing quotes allowed after it)."""
    t = text.rstrip().rstrip(_TRAILING_QUOTES)
    return bool(t) and t[-1] in _TERMINAL
