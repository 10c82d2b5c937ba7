"""Reading the lines of a 项目绩效自我评价 table into raw rows.

Cells are placed by shape, not by position alone: the two adjacent numbers of a line
are 权重 and 自评分, the text cells before them 指标名称 then 指标解释, the text after
them 备注. A line without numbers that follows a row continues that row's cells (a
wrapped name or 指标解释); a 一级指标 label such as ``产出目标 (34分)`` printed on such
a line belongs to the row it continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.parse.text import clean, parse_number
from jixiao.read import Line

__all__ = [
    "LEVEL_NAMES",
    "TOTAL_LABELS",
    "Label",
    "RawRow",
    "RowReader",
    "header_columns",
    "numbers_of",
    "parse_label",
]

_DIGIT = re.compile(r"\d")

LEVEL_NAMES = frozenset({"投入与管理", "产出目标", "效果目标", "影响力目标"})
"""The 一级指标 of the Shanghai pre-2020 scorecard (recognised even without weight)."""

TOTAL_LABELS = frozenset({"合计", "总计", "总分", "合计得分"})

_HEADER = {
    "一级指标": "level",
    "指标名称": "name",
    "三级指标": "name",
    "指标解释": "target",
    "指标说明": "target",
    "权重": "weight",
    "分值": "weight",
    "自评分": "score",
    "得分": "score",
    "备注": "note",
}
_TEXT = ("name", "target")
_LABEL = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,10})\s*(?:[（(]\s*(?P<w>\d+(?:\.\d+)?)\s*分\s*[)）])?$"
)


@dataclass(frozen=True)
class Label:
    """A 一级指标 label as printed: name and the weight in brackets."""

    name: str
    weight: Decimal | None
    line: int


@dataclass
class RawRow:
    """One indicator row: text fragments per field, the numbers' text, its lines."""

    first: int
    last: int
    parts: dict[str, list[str]] = field(default_factory=dict)
    colmap: dict[int, str] = field(default_factory=dict)
    weight: str | None = None
    score: str | None = None
    label: Label | None = None

    def add(self, key: str, text: str) -> None:
        self.parts.setdefault(key, []).append(text)


def header_columns(line: Line) -> dict[int, str] | None:
    """Column index → field for a table header line, ``None`` if it is not one."""
    cols = {i: _HEADER[k] for i, c in enumerate(line.cells) if (k := clean(c) or "") in _HEADER}
    if {"name", "weight", "score"} <= set(cols.values()):
        return cols
    return None


def parse_label(text: str, line: int) -> Label | None:
    """``产出目标 (34分)`` → ``Label("产出目标", 34)``; a bare known name has no weight."""
    m = _LABEL.match(clean(text) or "")
    if m is None:
        return None
    if m.group("w") is None and m.group("name") not in LEVEL_NAMES:
        return None
    weight = Decimal(m.group("w")) if m.group("w") is not None else None
    return Label(m.group("name"), weight, line)


def _is_number(cell: str) -> bool:
    if not _DIGIT.search(cell):
        return False  # parse_number reads no number without a digit
    try:
        return parse_number(cell) is not None
    except ValueError:
        return False


def numbers_of(cells: list[str], header: dict[int, str]) -> tuple[int, int] | None:
    """Indices of the weight and score cells: the first two adjacent numbers, else the
    header's columns when either holds text (an unreadable number), else ``None``."""
    nums = [i for i, c in enumerate(cells) if _is_number(c)]
    found = set(nums)
    for i in nums:
        if i + 1 in found:
            return i, i + 1
    wi = next((i for i, k in header.items() if k == "weight"), None)
    si = next((i for i, k in header.items() if k == "score"), None)
    if wi is None or si is None:
        return None
    if any(i < len(cells) and cells[i].strip() for i in (wi, si)):
        return wi, si
    return None


class RowReader:
    """Feeds table lines one at a time and collects :class:`RawRow` objects."""

    def __init__(self, header: dict[int, str]) -> None:
        self.header = header
        self.rows: list[RawRow] = []
        self.pending: Label | None = None
        self.rejected: list[int] = []
        """Lines that could not be placed (left for P001)."""
        self.label_lines: list[int] = []
        """Lines holding only a 一级指标 label."""

    def feed(self, line: Line) -> None:
        cells = [c.strip() for c in line.cells]
        label: Label | None = None
        first = next((i for i, c in enumerate(cells) if c), None)
        if first is None:
            return
        label = parse_label(cells[first], line.number)
        if label is not None:
            cells[first] = ""
        pair = numbers_of(cells, self.header)
        if pair is not None:
            self._new_row(line, cells, pair, label)
        elif not any(cells):
            self.pending = label
            self.label_lines.append(line.number)
        elif self.rows:
            self._continue(line, cells, label)
        else:
            self.rejected.append(line.number)

    def _new_row(
        self, line: Line, cells: list[str], pair: tuple[int, int], label: Label | None
    ) -> None:
        wi, si = pair
        row = RawRow(line.number, line.number, label=label or self.pending)
        self.pending = None
        row.weight = cells[wi] if wi < len(cells) else None
        row.score = cells[si] if si < len(cells) else None
        texts = [(i, c) for i, c in enumerate(cells[:wi]) if c]
        aligned = wi == _col(self.header, "weight")
        by_header = aligned and all(self.header.get(i) in _TEXT for i, _ in texts)
        row.colmap = {i: k for i, k in self.header.items() if k in _TEXT and i < wi}
        for n, (i, text) in enumerate(texts):
            key = self.header[i] if by_header else _TEXT[min(n, 1)]
            row.add(key, text)
            row.colmap[i] = key
        for i in range(si + 1, max(len(cells), si + 2)):
            row.colmap[i] = "note"
            if i < len(cells) and cells[i]:
                row.add("note", cells[i])
        self.rows.append(row)

    def _continue(self, line: Line, cells: list[str], label: Label | None) -> None:
        row = self.rows[-1]
        placed: list[tuple[str, str]] = []
        for i, text in enumerate(cells):
            if not text:
                continue
            key = row.colmap.get(i) or self.header.get(i)
            if key not in (*_TEXT, "note"):
                self.rejected.append(line.number)
                return
            placed.append((key, text))
        for key, text in placed:
            row.add(key, text)
        row.last = line.number
        if label is not None:
            if row.label is None:
                row.label = label
            else:
                self.pending = label


def _col(header: dict[int, str], key: str) -> int | None:
    return next((i for i, k in header.items() if k == key), None)
