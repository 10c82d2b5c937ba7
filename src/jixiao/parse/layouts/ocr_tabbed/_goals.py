"""年度总体目标 (预期目标 / 实际完成情况) of an OCR-extracted form.

OCR reads the two text columns row by row and cuts them into cells, so the text is
scrambled; it is kept, not repaired. Tabbed lines are split at the column where the
header row centres between its 预期目标 and 实际完成情况 labels. Untabbed paragraphs
(a page extracted as running text) are split where the numbering starts again
(``1、`` after ``6、``); lacking that, the last paragraph is the 实际完成情况.
"""

from __future__ import annotations

import re

from jixiao.parse.layouts.ocr_tabbed._blocks import compact
from jixiao.parse.layouts.ocr_tabbed._notes import Notes
from jixiao.parse.layouts.ocr_tabbed._text import cell_text, hanzi_count, hanzi_of
from jixiao.parse.text import clean
from jixiao.read import Document

__all__ = ["read_goals"]

_EXPECTED = ("预", "期目标", "期目")
_ACTUAL = ("实", "际完成", "完成情", "况", "況", "陈完成")
_LABEL_CHARS = set("年度总体目标预期实际完成情况")
_ENUM = re.compile(r"^[-•·\s]*(?:[一二三四五六七八九十]+|\d+)[、.．]")
_FIRST = re.compile(r"^[-•·\s]*(?:一|1)[、.．]")


def _split_column(cells: list[str]) -> int | None:
    exp = [i for i, c in enumerate(cells) if any(w in compact(c) for w in _EXPECTED)]
    act = [i for i, c in enumerate(cells) if any(w in compact(c) for w in _ACTUAL)]
    act = [i for i in act if not exp or i > max(exp)]
    if not act:
        return None
    left = sum(exp) / len(exp) if exp else 1.0
    right = sum(act) / len(act)
    return int((left + right) / 2 + 0.5)


def _is_goal_header(cells: list[str]) -> bool:
    """The 预期目标 / 实际完成情况 header row (its words only; the label cell and
    marks aside)."""
    han = [hanzi_of(c) for c in cells[1:]]
    words = [h for h in han if h]
    return (
        bool(words)
        and sum(len(h) for h in words) <= 14
        and any("目标" in h or "完成" in h for h in words)
    )


def _is_label(text: str) -> bool:
    flat = compact(text)
    han = hanzi_of(flat)
    return not han or all(ch in _LABEL_CHARS for ch in han) or (len(han) <= 2 and len(flat) <= 3)


def read_goals(
    doc: Document, first: int, last: int, notes: Notes
) -> tuple[str | None, str | None, set[int]]:
    """goal_expected, goal_actual and the lines used, from lines ``first``..``last``."""
    used: set[int] = set()
    split: int | None = None
    expected: list[str] = []
    actual: list[str] = []
    paragraphs: list[tuple[int, str]] = []
    tails: list[str] = []
    junk: list[str] = []
    for n in range(first, last + 1):
        line = doc.line(n)
        if line.blank:
            continue
        cells = [cell_text(c) for c in line.cells]
        words = [c for c in cells if c]
        if _is_goal_header(cells):
            if split is None:
                split = _split_column(cells)
            used.add(n)
            continue
        if len(cells) == 1 or (len(words) == 1 and len(cells) <= 2):
            text = words[0] if words else ""
            used.add(n)
            if _is_label(text):
                continue
            paragraphs.append((n, re.sub(r"^-\s+", "", text)))
            continue
        used.add(n)
        cut = split if split is not None else len(cells)
        target = tails if paragraphs else None
        for i, c in enumerate(cells):
            if not c:
                continue
            if i == 0 and _is_label(c):
                continue
            if hanzi_count(c) == 0:
                junk.append(c)
                continue
            if target is not None:
                target.append(c)
            elif i < cut:
                expected.append(c)
            else:
                actual.append(c)
    if paragraphs:
        exp_p, act_p = _paragraph_split([t for _, t in paragraphs])
        expected += exp_p
        actual += act_p + tails
    if junk:
        notes.stray((first, last), "goal_expected", " ".join(junk), label="年度总体目标")
    return _joined(expected), _joined(actual), used


def _paragraph_split(texts: list[str]) -> tuple[list[str], list[str]]:
    seen_enum = False
    for i, t in enumerate(texts):
        if i and seen_enum and _FIRST.match(t):
            return texts[:i], texts[i:]
        seen_enum = seen_enum or bool(_ENUM.match(t))
    if len(texts) >= 2:
        return texts[:-1], texts[-1:]
    return texts, []


def _joined(parts: list[str]) -> str | None:
    return clean(" ".join(parts)) if parts else None
