"""Documents printed in traditional characters (mirror sites) → simplified, for parsing.

The forms are mainland forms; a mirror site or a converter may have turned them into
traditional characters (績效目標表, 預算執行率). Parsing reads the simplified text, so
every label, vocabulary entry and value grammar applies unchanged; the document as
printed is kept for provenance (the stored source lines show what was published).

Detection is cheap and leaves simplified text alone: the ideographs outside GB2312 (the
simplified standard set) are counted by the regex engine and the codec, in C. A
document is converted only when traditional-only ideographs are a real share of its
Chinese text (an OCR slip such as 況 in a simplified form, or a rare character in a
name, is not enough). Conversion is OpenCC's ``t2s`` (characters and phrases), run
once over all lines and once over all cells.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from jixiao.model.table import Table
from jixiao.read.document import Document, Line

__all__ = ["META_KEY", "count_traditional", "is_traditional", "to_simplified"]

META_KEY = "traditional"
"""``Document.meta`` key of a converted document: how many characters were converted."""
MIN_CHARS = 20
"""A document needs at least this many traditional-only characters to be converted…"""
MIN_SHARE = 0.08
"""… and they must be at least this share of its Chinese characters."""
MAX_SCAN = 2_000_000
"""Characters of a document looked at for detection (a larger one is judged by these)."""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def count_traditional(text: str) -> tuple[int, int]:
    """(ideographs outside GB2312, all ideographs) in ``text`` — the first is the
    candidate traditional characters (simplified text has almost none). Both counts
    are made by the regex engine and the codec, not character by character."""
    han = "".join(_HAN.findall(text[:MAX_SCAN]))
    inside = len(han.encode("gb2312", errors="ignore")) // 2  # two bytes a character
    return len(han) - inside, len(han)


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (see :data:`MIN_SHARE`)."""
    scanned = text[:MAX_SCAN]
    outside = _outside(scanned)
    if outside < MIN_CHARS:  # decided without listing the text's ideographs
        return False
    return outside >= MIN_SHARE * sum(map(len, _HAN.findall(scanned)))


_ESCAPE = re.compile(r"\\u([0-9a-f]{4})")
"""How the codec writes a character of the basic plane it cannot encode (``\\u7e3e``)."""
_WRITTEN_ESCAPE = re.compile(_ESCAPE.pattern.encode())
"""The same in the encoded bytes (GB2312 writes no ASCII byte inside a character)."""


def _outside(text: str) -> int:
    """How many ideographs of ``text`` GB2312 cannot encode (the first count of
    :func:`count_traditional`): the codec writes each of them as an escape, and only the
    escapes are read (those printed in the text itself discounted)."""
    written = text.encode("gb2312", errors="backslashreplace")
    if b"\\u" not in written:
        return 0
    printed = _ESCAPE.findall(text) if "\\u" in text else []
    return _ideographs(_WRITTEN_ESCAPE.findall(written)) - _ideographs(printed)


def _ideographs(codes: list[str] | list[bytes]) -> int:
    return sum(1 for code in codes if _HAN.match(chr(int(code, 16))))


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _convert_all(texts: list[str]) -> list[str]:
    """``texts`` converted in one call (the joined text split back, or one by one if a
    conversion ever changed the line count)."""
    if not texts:
        return []
    converter = _converter()
    joined = "\n".join(t.replace("\n", "\x1f") for t in texts)
    parts = str(converter.convert(joined)).split("\n")
    if len(parts) != len(texts):
        return [str(converter.convert(t)) for t in texts]
    return [p.replace("\x1f", "\n") for p in parts]


def to_simplified(doc: Document) -> Document:
    """``doc`` with its lines and cells in simplified characters when it is written in
    traditional ones (``meta["traditional"]`` counts the characters changed); otherwise
    ``doc`` itself, untouched."""
    text = "\n".join([line.text for line in doc.lines])
    if not is_traditional(text):
        return doc
    lines = _convert_all([line.text for line in doc.lines])
    changed = sum(
        a != b
        for old, new in zip(doc.lines, lines, strict=True)
        for a, b in zip(old.text, new, strict=False)
    )
    tables = tuple(_table(t) for t in doc.tables)
    meta = {**doc.meta, META_KEY: str(changed)}
    new_lines = tuple(Line(old.number, new) for old, new in zip(doc.lines, lines, strict=True))
    return replace(doc, lines=new_lines, tables=tables, meta=meta)


def _table(table: Table) -> Table:
    texts = _convert_all([c.text for c in table.cells] + [table.title or ""])
    cells = tuple(replace(c, text=t) for c, t in zip(table.cells, texts, strict=False))
    title = texts[-1] if table.title is not None else None
    return replace(table, cells=cells, title=title)
