"""Pinyin a mirror site printed after characters (``區(qū)價(jià)格``) → the characters
alone, for parsing.

Some mirror sites annotate characters with their pinyin in brackets: ``績效目標(biāo)表``,
``產(chǎn)出指標(biāo)``. The annotation sits inside words and labels, so no vocabulary entry
matches and a pipe row's cells change width. It is recognised by its shape: an
ideograph, then in round brackets one pinyin syllable (lowercase latin letters) that
carries a tone mark (``ā á ǎ à`` … ``ǚ ǜ``) — a form's own bracketed notes are Chinese,
upper-case (``执行率(B/A)``) or digits, never a syllable with a tone mark. The parse copy
drops them; the document as printed is kept for provenance.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.model.table import Table
from jixiao.read.document import Document, Line

__all__ = ["META_KEY", "without_pinyin"]

META_KEY = "pinyin"
"""``Document.meta`` key of a document whose annotations were dropped: how many."""

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_NOTE = re.compile(
    rf"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[(（]"
    rf"(?=[a-zü{_TONED}]{{0,5}}[{_TONED}])[a-zü{_TONED}]{{1,6}}[)）]"
)
"""One annotation: a toned syllable in brackets right after an ideograph."""
_ANY_TONED = re.compile(f"[{_TONED}]")
"""What every annotation holds: a text without a toned letter has none (one quick scan
before :data:`_NOTE`, whose look-behind is tried at every character)."""


def _strip(text: str) -> tuple[str, int]:
    return _NOTE.subn("", text)


def without_pinyin(doc: Document) -> Document:
    """``doc`` without pinyin annotations in its lines and cells (``doc`` itself when
    it has none; ``meta["pinyin"]`` counts those dropped from the lines)."""
    text = "\n".join([line.text for line in doc.lines])
    if not _ANY_TONED.search(text) or not _NOTE.search(text):
        return doc  # no annotation spans a line break: one search over all lines
    dropped = 0
    lines: list[Line] = []
    for line in doc.lines:
        text, count = _strip(line.text)
        dropped += count
        lines.append(Line(line.number, text) if count else line)
    tables = tuple(_table(t) for t in doc.tables)
    meta = {**doc.meta, META_KEY: str(dropped)}
    return replace(doc, lines=tuple(lines), tables=tables, meta=meta)


def _table(table: Table) -> Table:
    cells = tuple(replace(c, text=_strip(c.text)[0]) for c in table.cells)
    title = _strip(table.title)[0] if table.title is not None else None
    return replace(table, cells=cells, title=title)
