"""Cell text of OCR/layout-extracted tables: tags, stray marks, junk cells, wrap joins.

OCR splits one printed cell over several tab cells, sometimes reading the character at
the split twice (``社会⇥会保障局``), and scatters marks (``·`` ``ı`` ``_`` ``)``) and
garbled pieces (``1日7小``) into cells. These helpers say what a fragment is and join
fragments back, returning what they removed so the caller can report it (P005).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao.parse.text import clean

__all__ = [
    "Joined",
    "cell_marked",
    "cell_text",
    "hanzi_count",
    "hanzi_of",
    "is_decimal",
    "is_hanzi",
    "is_junk",
    "join_fragments",
    "strip_stray",
    "to_decimal",
    "value_text",
]

_TAG = re.compile(
    r"</?(?:b|i|u|p|s|sup|sub|br|span|strong|em|del|ins|strike|mark|font)\b[^>]*>", re.I
)
_DECIMAL = re.compile(r"^\d{1,3}(?:,\d{3})*\.\d{1,2}$|^\d+\.\d{1,2}$")
_LEAD_STRAY = set("·•:：;；,，.。、_|¦~*^'\"!！?？‘’“”ıţ」』】〕）)]}")
_TRAIL_STRAY = set("·•:：;；,_|¦~*^'\"!ıţ「『【〔（([<{")
_OPENERS = {"【": "】", "[": "]", "「": "」", "『": "』", "〔": "〕", "(": ")", "（": "）"}
_LONE_LATIN = re.compile(r"(?<![A-Za-z0-9.])[A-Za-zıţ](?![A-Za-z0-9])")
_SPACE_BEFORE = re.compile(r"\s+(?=[(（%％)）])")
_SPACE_AFTER = re.compile(r"(?<=[≥≤<>=＞＜(（])\s+")
_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff]")
_BOLD_LEAD = re.compile(r"^\s*(?:<b>\s*</b>\s*)*<b>\s*([^<\s])\s*</b>\s+(?=[^<\s])")
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_SPACE = re.compile(r"\s+")


def is_hanzi(ch: str) -> bool:
    """A CJK ideograph (not kana, not punctuation)."""
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FA1F


_HANZI = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002fa1f]")
"""What :func:`is_hanzi` accepts, for counting in one call."""


def hanzi_of(text: str) -> str:
    """The ideographs of ``text`` in order (found by the regex engine in one call)."""
    return "".join(_HANZI.findall(text))


@lru_cache(maxsize=8192)
def hanzi_count(text: str) -> int:
    """How many ideographs ``text`` holds (remembered: every fragment is asked again)."""
    return len(_HANZI.findall(text))


def cell_text(raw: str) -> str:
    """A cell with tags removed and surrounding whitespace stripped (inner spaces kept)."""
    return _TAG.sub("", raw).strip() if "<" in raw else raw.strip()


def cell_marked(raw: str) -> str:
    """Like :func:`cell_text`, but a lone bold character set apart at the start
    (``<b>小</b> 机构``, an OCR mark) keeps its tag so that :func:`join_fragments` can
    tell it from the text and report it."""
    m = _BOLD_LEAD.match(raw) if "<" in raw else None
    if m and is_hanzi(m.group(1)):
        return f"<b>{m.group(1)}</b> {cell_text(raw[m.end() :])}"
    return cell_text(raw)


def is_decimal(text: str) -> bool:
    """A printed amount/point such as ``10.00`` or ``1,150.00``."""
    return bool(_DECIMAL.match(text.strip()))


def to_decimal(text: str) -> Decimal:
    return Decimal(text.strip().replace(",", ""))


def is_junk(text: str) -> bool:
    """Text that cannot be part of a name or label: no ideographs, few ideographs among
    symbols and kana, or a spray of single characters (``上 上 上 一 上``)."""
    return _junk(cell_text(text))


@lru_cache(maxsize=8192)
def _junk(t: str) -> bool:
    """:func:`is_junk` of a cell's text (:func:`cell_text`; remembered)."""
    if not t:
        return False
    han = hanzi_count(t)
    if han == 0:
        return True
    dense = _SPACE.sub("", t)
    if han * 2 < len(dense):
        return True
    tokens = t.split()
    if len(tokens) >= 4:
        short = sum(1 for tok in tokens if hanzi_count(tok) <= 1)
        return short * 2 > len(tokens)
    return False


def strip_stray(text: str, *, latin: bool = True) -> tuple[str, str]:
    """Remove stray marks at the ends of a fragment (and lone Latin letters glued to
    ideographs when ``latin``). Returns the cleaned text and what was removed."""
    return _strip(cell_text(text), latin)


@lru_cache(maxsize=8192)
def _strip(t: str, latin: bool = True) -> tuple[str, str]:
    """:func:`strip_stray` of a cell's text (:func:`cell_text`; remembered)."""
    removed = ""
    if t and t[0] in _OPENERS and _OPENERS[t[0]] not in t:
        removed, t = t[0], t[1:]
    while t and (t[0] in _LEAD_STRAY or t[0].isspace()):
        removed += t[0].strip()
        t = t[1:]
    tail = ""
    while t and (t[-1] in _TRAIL_STRAY or t[-1].isspace()):
        tail = t[-1].strip() + tail
        t = t[:-1]
    removed += tail
    if latin and hanzi_count(t) >= 2:
        for mark in (_LONE_LATIN, _KANA):
            found = mark.findall(t)
            if found:
                removed += "".join(found)
                t = mark.sub("", t)
    return t.strip(), removed


def _bold_lead(raw: str) -> tuple[str, str]:
    """A lone bold character set apart at the start of a fragment (``<b>小</b> 机构``)
    is an OCR mark, not text: returns the fragment without it and the character."""
    m = _BOLD_LEAD.match(raw) if "<" in raw else None
    if m and is_hanzi(m.group(1)) and hanzi_count(cell_text(raw[m.end() :])) >= 2:
        return raw[m.end() :], m.group(1)
    return raw, ""


def _unclosed(parts: list[str], closer: str) -> bool:
    """Does the text joined so far leave the bracket that ``closer`` ends open?"""
    text = "".join(parts)
    opener = _CLOSERS[closer]
    return text.count(opener) > text.count(closer)


@dataclass
class Joined:
    """The text of joined fragments and what was dropped along the way."""

    text: str | None
    stray: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)
    junk: list[str] = field(default_factory=list)


def _near_prefix(a: str, b: str) -> bool:
    """``a`` is (up to one misread character) the start of the longer ``b``."""
    if len(a) < 3 or len(b) <= len(a):
        return False
    misses = sum(1 for x, y in zip(a, b, strict=False) if x != y)
    return misses == 0 or (misses == 1 and a[0] == b[0])


def join_fragments(fragments: list[str], *, drop_junk: bool = True) -> Joined:
    """Join the pieces of one wrapped cell: stray marks go, a piece that OCR read twice
    (``项目评审完⇥项目评审完成及时率``) is kept once, and a character duplicated at the
    join (``社会⇥会保障局``) is kept once. Everything dropped is listed."""
    out = Joined(None)
    parts: list[str] = []
    for raw in fragments:
        cell = cell_text(raw)
        if not cell:
            continue
        if drop_junk and _junk(cell):
            out.junk.append(cell)
            continue
        raw, bold = _bold_lead(raw)
        if bold:
            out.stray.append(bold)
            cell = cell_text(raw)
        head = cell[:1]
        closes = head in _CLOSERS and _unclosed(parts, head)
        text, removed = strip_stray(cell[1:]) if closes else _strip(cell)
        text = head + text if closes else text
        if removed:
            out.stray.append(removed)
        text = clean(text) or ""
        if not text:
            continue
        if parts:
            prev = parts[-1]
            if _near_prefix(prev, text):
                out.overlaps.append(prev)
                parts[-1] = text
                continue
            if len(text) >= 4 and text in prev:
                out.overlaps.append(text)
                continue
            if is_hanzi(prev[-1]) and prev[-1] == text[0]:
                out.overlaps.append(text[0])
                text = text[1:]
                if not text:
                    continue
        parts.append(text)
    out.text = clean(" ".join(parts)) if parts else None
    return out


def value_text(raw: str | None) -> tuple[str | None, str]:
    """A target/actual cell as printed: extraction spaces gone (also before ``(单位)``
    and after a comparison sign), stray marks at its ends removed (returned)."""
    if raw is None:
        return None, ""
    text, removed = strip_stray(raw, latin=False)
    t = clean(text)
    if not t:
        return None, removed
    t = _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", t))
    return t, removed
