"""Cells a page break cuts: a row broken across two pages, a merged cell continued.

Word and LibreOffice Writer let a tall row break at the foot of a page: the part of
each cell that fits stays on the first page, the rest of the long cells goes to the
top of the next (after the repeated header rows), where the short cells of that row
are empty. Such a continuation row is the same row, not a new one. A vertically merged
cell (一级/二级指标) cut by the break continues too: empty on one side, or with its text
split between the pages (Writer flows the text on; LibreOffice Calc draws the text
across the break, so a line runs over the cut).

These rules read only the geometry and the texts of the two rows at the break:
``above`` are the cells that end at the last row of the first page's table, ``below``
the cells that start in the first row (after repeated headers) of the next page's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from jixiao.read._pdf_page import PageCell
from jixiao.read._pdf_rules import TOLERANCE

__all__ = ["Action", "cut_action", "glue", "over", "split_row"]

_EDGE = 3 * TOLERANCE
_TOP = 1.5
"""A continuation starts within this many character sizes of its cell's top rule."""
_CROSS = -1.0
"""Text this far (points) past a cell's rule runs over the cut (Calc)."""
_OPEN = "(（[【〔《“"
_CLOSE = ")）]】〕》”"
_CONTINUES = re.compile(r"^[)）\]】〕》”，,。、；;：:%％]")
_BRACKETED = re.compile(r"^[(（][^()（）]*[)）]$")

Action = Literal["keep", "join", "take"]
"""How a merged cell cut by the break continues: it keeps its text (the part on the
next page is empty or repeats it), it joins the two parts' texts, or it takes the
text printed on the next page (empty above)."""


def over(above: Sequence[PageCell], cell: PageCell) -> PageCell | None:
    """The cell above the break with the same horizontal extent as ``cell``."""
    return next(
        (c for c in above if abs(c.x0 - cell.x0) <= _EDGE and abs(c.x1 - cell.x1) <= _EDGE),
        None,
    )


def split_row(above: Sequence[PageCell], below: Sequence[PageCell], char_size: float) -> bool:
    """Whether ``below`` (a whole row atop the next page) completes the row cut at the
    foot of the previous one.

    Every cell below must stand under a cell above (the same column rules); the cells
    with text below continue a cell whose text ran to the foot of the page and start
    at the top of theirs; and some plain cell above that is complete (an empty plain
    cell below it) ends well clear of the foot, so the row above was cut, not full.
    """
    if not below:
        return False
    pairs: list[tuple[PageCell, PageCell]] = []
    for cell in below:
        upper = over(above, cell)
        if upper is None:
            return False
        pairs.append((upper, cell))
    going = [(u, c) for u, c in pairs if c.text]
    if not going or any(not u.text or c.top_gap > _TOP * char_size for u, c in going):
        return False
    done = [
        u.bottom_gap
        for u, c in pairs
        if u.text and not c.text and u.rowspan == 1 and c.rowspan == 1
    ]
    if not done:
        return False
    return max(u.bottom_gap for u, _ in going) + char_size <= max(done)


def cut_action(upper: PageCell, lower: PageCell, label_column: bool) -> Action | None:
    """How the merged cell ``upper`` continues in ``lower`` (atop the next page), or
    ``None`` when ``lower`` is a cell of its own."""
    merged = label_column or upper.rowspan > 1
    if not lower.text:
        return "keep" if merged else None
    if not (merged or lower.rowspan > 1):
        return None
    if lower.text == upper.text:
        return "keep"
    if not upper.text:
        return "take" if merged else None
    if upper.bottom_gap < _CROSS or lower.top_gap < _CROSS or _unfinished(upper.text, lower.text):
        return "join"
    return None


def _unfinished(text: str, rest: str) -> bool:
    """Whether ``text`` plainly goes on in ``rest``: a bracket left open, ``rest``
    starting with closing punctuation, or ``rest`` only a bracketed remark (``(15分)``)."""
    opened = sum(text.count(ch) for ch in _OPEN) - sum(text.count(ch) for ch in _CLOSE)
    return opened > 0 or bool(_CONTINUES.match(rest)) or bool(_BRACKETED.match(rest))


def glue(text: str, rest: str) -> str:
    """Two parts of one cell's text, joined as :func:`~jixiao.read._pdf_text.cell_text`
    joins its lines (a space only between two Latin words)."""
    if not text or not rest:
        return text or rest
    if text[-1].isascii() and text[-1].isalpha() and rest[0].isascii() and rest[0].isalpha():
        return text + " " + rest
    return text + rest
