"""Cutting an OCR-extracted document into forms and each form into its parts.

Every form has one ``年度资金总额`` row; the form's header (项目名称, 主管部门/实施单位 and
the funds column header) is the run of non-blank lines before it, and the form ends
where the next one's header begins. Inside a form the parts follow in print order:
funds rows, the 年度总体目标 block, the indicator table (header, rows, 总分), 评分等级.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.parse.layouts.ocr_tabbed._text import cell_text, is_decimal
from jixiao.read import Document, Line

__all__ = [
    "TOTAL_WORDS",
    "Block",
    "compact",
    "find_blocks",
    "is_table_header",
    "numbers_only",
]

_TITLE = re.compile(r"^[(（]?(?:19|20)\d{2}\s*年度[)）]?$|自评表$")
_HEADER_CELL = re.compile(
    r"^(?:[一二三]级.{0,3}|指标|三级.{0,2}|.?旨标|年度指标值|实际完成值|分值|得分)$"
    r"|偏差原因|及改进"
)
_FUND_KEYS = ("当年财政", "财政拨款", "上年结转", "其他资金")


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """Cell text without tags or any whitespace (for keyword tests); the same line is
    tested by detection, the cutter and the form reader: it is compacted once."""
    return _SPACES.sub("", cell_text(text))


TOTAL_WORDS = ("总分", "合计", "总计")
"""How the total row is labelled (总分 in Shanghai, 合计 or 总计 elsewhere)."""


def _has(line: Line, *words: str) -> bool:
    flat = compact(line.text)
    return any(w in flat for w in words)


def is_table_header(line: Line) -> bool:
    """A line of the indicator table's column header (one of its two printed lines)."""
    cells = [compact(c) for c in line.cells]
    if any(is_decimal(c) for c in cells):
        return False
    return sum(1 for c in cells if c and _HEADER_CELL.search(c)) >= 2


def numbers_only(line: Line) -> list[tuple[int, str]]:
    """The decimal cells of a line that holds nothing else but marks without ideographs,
    with their cell index; empty if the line holds any word."""
    found: list[tuple[int, str]] = []
    for i, raw in enumerate(line.cells):
        for tok in cell_text(raw).split():
            if is_decimal(tok):
                found.append((i, tok))
            elif i >= 2 and re.search(r"[\u4e00-\u9fff]", tok) and "总分" not in tok:
                return []
    return found


@dataclass
class Block:
    """The line numbers of one form's parts (inclusive ranges; empty when start > end)."""

    start: int
    end: int
    header: tuple[int, int]
    funds_header: int | None
    funds: tuple[int, int]
    goals: tuple[int, int]
    table_header: tuple[int, int]
    table: tuple[int, int]
    total: tuple[int, int]
    grade: int | None


def _is_title(line: Line) -> bool:
    cells = [compact(c) for c in line.cells if compact(c)]
    return len(cells) == 1 and bool(_TITLE.search(cells[0]))


def _form_starts(doc: Document, anchors: list[int]) -> list[int]:
    starts: list[int] = []
    floor = 1
    for anchor in anchors:
        start = anchor
        n = anchor - 1
        while n >= floor and not doc.line(n).blank and n > anchor - 8:
            if _has(doc.line(n), "评分等", *TOTAL_WORDS):
                break
            start = n
            n -= 1
        back = start - 1
        while back >= floor and doc.line(back).blank and back > start - 4:
            back -= 1
        if back >= floor and _is_title(doc.line(back)):
            start = back
        starts.append(start)
        floor = anchor + 1
    return starts


def find_blocks(doc: Document) -> list[Block]:
    """The forms of ``doc``, one per ``年度资金总额`` row."""
    anchors = [ln.number for ln in doc.lines if "年度资金总额" in compact(ln.text)]
    starts = _form_starts(doc, anchors)
    blocks: list[Block] = []
    for i, (anchor, start) in enumerate(zip(anchors, starts, strict=True)):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(doc)
        while end > anchor and doc.line(end).blank:
            end -= 1
        blocks.append(_split(doc, start, anchor, end))
    return blocks


def _split(doc: Document, start: int, anchor: int, end: int) -> Block:
    funds_header = None
    for n in range(anchor - 1, max(start, anchor - 3) - 1, -1):
        if _has(doc.line(n), "年初预算", "全年预算", "执行率"):
            funds_header = n
            break
    header_end = (funds_header or anchor) - 1
    funds_end = anchor
    for n in range(anchor + 1, min(end, anchor + 5) + 1):
        if _has(doc.line(n), *_FUND_KEYS):
            funds_end = n
    grade = None
    for n in range(end, funds_end, -1):
        if _has(doc.line(n), "评分等", "等级"):
            grade = n
            break
    last = (grade or end + 1) - 1
    total_end = total_start = None
    for n in range(last, funds_end, -1):
        if _has(doc.line(n), *TOTAL_WORDS):
            total_start = total_end = n
            break
    if total_start is None:
        n = last
        while n > funds_end and doc.line(n).blank:
            n -= 1
        found = numbers_only(doc.line(n)) if n > funds_end else []
        if len(found) == 2:
            total_start = total_end = n
    if total_start is not None:
        prev = total_start - 1
        only = numbers_only(doc.line(prev)) if prev > funds_end else []
        here = numbers_only(doc.line(total_start))
        if len(only) == 1 and len(here) == 1 and only[0][0] < here[0][0]:
            total_start = prev
    table_end = (total_start or (grade or end + 1)) - 1
    head_start = head_end = None
    for n in range(funds_end + 1, table_end + 1):
        if is_table_header(doc.line(n)):
            head_start = head_end = n
            while head_end + 1 <= table_end and is_table_header(doc.line(head_end + 1)):
                head_end += 1
            break
    if head_start is None or head_end is None:
        head_start = head_end = _first_row(doc, funds_end + 1, table_end)
        goals = (funds_end + 1, head_start - 1)
        head = (head_start, head_start - 1)
    else:
        goals = (funds_end + 1, head_start - 1)
        head = (head_start, head_end)
    return Block(
        start=start,
        end=end,
        header=(start, header_end),
        funds_header=funds_header,
        funds=(anchor, funds_end),
        goals=goals,
        table_header=head,
        table=(head[1] + 1, table_end),
        total=(total_start, total_end) if total_start and total_end else (0, -1),
        grade=grade,
    )


_TARGETISH = re.compile(r"^(?:[≥≤<>=＞＜]|\d[\d.,]*\s*[(（])")


def _first_row(doc: Document, start: int, end: int) -> int:
    """The first line holding an indicator row (a target followed by numbers)."""
    for n in range(start, end + 1):
        cells = [cell_text(c) for c in doc.line(n).cells]
        if any(_TARGETISH.match(c) for c in cells) and any(is_decimal(c) for c in cells):
            return n
    return end + 1
