"""Captions a scan scrambled: the vocabulary word a damaged header cell is nearest to.

OCR of a table's header drops, swaps and splits characters (``年成值全完值`` for
全年完成值, ``性标定指`` for 定性指标, ``实际完 成值``) and reads look-alike glyphs
(``己`` for 已, ``曰`` for 日). A header cell no vocabulary word names exactly is
compared with every word of the vocabulary by the characters it holds, in any order
(:func:`distance`: a dropped or extra character costs 1, a replaced one 2, an order
not at all, after the look-alikes are folded). It names a word's field only where
that word is within a bound set by the word's length (a quarter of it: one character
in a word of four to seven, never in a shorter one) and every word as near names the
same field, with no word of another field as near or one step nearer: a caption that
could be two columns names none.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

from jixiao.parse.layouts.grid import norm

__all__ = ["distance", "fold", "letters", "nearest_field", "reordered"]

_LOOKALIKES = str.maketrans({"己": "已", "巳": "已", "曰": "日"})
"""Glyphs OCR confuses, folded to the one the vocabulary prints."""
_MIN = 4
"""A word shorter than this is matched exactly or not at all."""
_NOT_A_CAPTION = re.compile(r"[\d%％≥≤<>=＞＜，。；;]")
"""A number, a sign or sentence punctuation: a value or a text, never a header cell."""


def fold(text: str) -> str:
    """``text`` as compared: NFKC, no spaces, colons or stars, look-alikes folded."""
    return norm(unicodedata.normalize("NFKC", text)).translate(_LOOKALIKES)


def distance(a: str, b: str) -> int:
    """Characters in one and not the other, counted with repeats (order ignored)."""
    ca, cb = Counter(a), Counter(b)
    return sum(((ca - cb) + (cb - ca)).values())


def _bound(word: str) -> int:
    return len(word) // 4 if len(word) >= _MIN else 0


def nearest_field(text: str, table: Iterable[tuple[str, Iterable[str]]]) -> tuple[str, str] | None:
    """The field of the word of ``table`` that ``text`` is clearly nearest to, within
    that word's bound, and the word; ``None`` when none is, or when a word of another
    field is as near or one character nearer than that."""
    label = fold(text)
    if len(label) < _MIN - 1 or _NOT_A_CAPTION.search(label):
        return None
    within: dict[str, tuple[int, str]] = {}
    closest: dict[str, int] = {}
    for name, words in table:
        for word in words:
            d = distance(label, fold(word))
            closest[name] = min(d, closest.get(name, d))
            if d <= _bound(fold(word)) or (d == 0 and len(word) == _MIN - 1):
                within[name] = min((d, word), within.get(name, (d, word)))
    if not within:
        return None
    (d, word), name = min((v, n) for n, v in within.items())
    rivals = [n for n, v in closest.items() if n != name and v <= d + 1]
    return None if rivals else (name, word)


def letters(text: str) -> str:
    """``text``'s characters in one order (look-alikes folded): the same for every order."""
    return "".join(sorted(fold(text)))


def reordered(text: str, index: Mapping[str, frozenset[str]]) -> str | None:
    """The one word of ``index`` (words by their :func:`letters`) that ``text`` holds the
    characters of in another order (``出标产指`` → 产出指标: a caption printed down a merged
    cell, read across by OCR); ``None`` when none or several do, or ``text`` is too short
    to tell."""
    label = fold(text)
    if len(label) < _MIN:
        return None
    found = index.get(letters(label), frozenset()) - {label}
    return next(iter(found)) if len(found) == 1 else None
