"""Indicator rows that print every cell, found among text a PDF scrambled.

A whole form dumped on one line from a PDF's text layer keeps some rows as printed
(``服务外包在岸(万美元) 20000 23333.56 10``) between others whose cells it interleaved:
names wrapped over two lines of the cell, labels of merged cells printed where their
middle is, the values of one row after the name of the next. Where no reading of the
whole table fits, :func:`full_rows` takes the rows that cannot be read another way: a
name, then one value for each column after it, each of the shape its column takes (a
number with its sign and unit under 年度指标值 and 实际完成值, a bare number under 分值
and 得分, 得分 ≤ 分值) — so a name is no value and a value no name, and the cut is
forced. A row is taken only where its cells cannot belong to a neighbour: before its
name stands the header or a value (the row above ended there, not a wrapped name), and
after its last value a cell that surely opens something new (the next such row, a 一级 /
二级 label, a numbered name, the end of the table) — not words that may be the rest of
its name. The 一级 / 二级 labels are never placed (where a PDF prints them is no row's);
everything not taken stays text, said in a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.labels import INDICATOR_FIELD_LABELS
from jixiao.parse.rebuild.indicator_rows import CutRow
from jixiao.parse.rebuild.row_check import (
    Printed,
    column_sum,
    expected_scores,
    expected_weights,
    points,
)
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import header_field, is_level1, is_level2, is_number

__all__ = ["Scattered", "full_rows", "scattered_header"]

_VALUES = ("target", "actual", "weight", "score")
"""The columns a full row prints after its name (the labels at its left are merged)."""
_MIN_ROWS = 2
"""One row alone is no evidence that the text keeps rows."""
_VALUE = re.compile(
    r"^(?:[≥≤<>=＞＜]|不少于|不低于|不高于|不超过|大于|小于)?\s*\d+(?:\.\d+)?\s*"
    r"(?:[%％‰]|[\u4e00-\u9fff]{1,3})?(?:以上|以下|以内)?$"
)
"""A target or actual that is a number: a sign, the number, a short unit (``≥50篇``,
``23333.56``, ``98%以上``)."""
_NUMBERED = re.compile(r"^(?:(?:指标|目标|任务)\s*\d{1,2}|\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])\D")
"""A name opened by its row's number (``指标24:``, ``3、``, ``(2)``): the start of a cell."""


def _value(column: str, text: str) -> bool:
    if column in ("weight", "score"):
        return is_number(text) and not text.endswith(("%", "％"))
    return _VALUE.match(text) is not None


def _name(text: str) -> bool:
    return (
        any("\u4e00" <= ch <= "\u9fff" for ch in text)
        and len(text) >= 2
        and _VALUE.match(text) is None
        and not is_number(text)
        and not is_level1(text)
        and not is_level2(text)
        and header_field(text) is None
    )


def _row_at(tokens: list[Token], i: int, columns: list[str]) -> CutRow | None:
    """The full row whose name is ``tokens[i]``, by its shapes alone (``None``: none)."""
    after = columns[columns.index("name") + 1 :]
    cells = tokens[i : i + 1 + len(after)]
    if len(cells) <= len(after) or not _name(cells[0].text):
        return None
    if not all(_value(c, t.text) for c, t in zip(after, cells[1:], strict=True)):
        return None
    row = CutRow({"name": [cells[0]], **{c: [t] for c, t in zip(after, cells[1:], strict=True)}})
    weight = points(cells[1 + after.index("weight")].text) if "weight" in after else None
    score = points(cells[1 + after.index("score")].text) if "score" in after else None
    if weight is not None and score is not None and score > weight:
        return None  # 得分 above 分值: the numbers are not this row's
    return row


def full_rows(
    tokens: list[Token],
    columns: list[str],
    printed: Printed,
    opens: Callable[[Token], bool],
) -> tuple[list[CutRow], list[list[Token]]] | None:
    """The rows of ``tokens`` (an indicator table's body under ``columns``) that print
    every cell and cannot be read another way, and the runs of tokens left between them;
    ``None`` where the columns are not such a table's or fewer than two rows are found.

    ``opens``: a token that surely opens something new (a block's caption, the end).
    The rows must keep the ``printed`` totals (:func:`_within_totals`)."""
    if "name" not in columns or not all(t.spaced for t in tokens):
        return None
    after = columns[columns.index("name") + 1 :]
    if not after or any(c not in _VALUES for c in after) or len(set(after)) < len(after):
        return None
    found = {i: row for i in range(len(tokens)) if (row := _row_at(tokens, i, columns))}
    width = 1 + len(after)
    rows: list[CutRow] = []
    left: list[list[Token]] = [[]]
    i = 0
    while i < len(tokens):
        row = found.get(i)
        if (
            row is not None
            and _after_a_cell(tokens, i)
            and _closed(tokens, i + width, found, opens)
        ):
            rows.append(row)
            left.append([])
            i += width
            continue
        left[-1].append(tokens[i])
        i += 1
    left = [run for run in left if run]
    if len(rows) < _MIN_ROWS or not _within_totals(rows, left, printed):
        return None
    return rows, left


def _within_totals(rows: list[CutRow], left: list[list[Token]], printed: Printed) -> bool:
    """Σ 分值 and Σ 得分 of ``rows`` are what the printed 总分值 and 总分 allow: equal to
    one of them where nothing but 一级/二级 labels was left. Where a 总分值 is printed,
    no row may be left: the general reading found none that adds up to it, so a number
    may be misprinted, and the rows read could not be checked against it."""
    every = all(is_level1(t.text) or is_level2(t.text) for run in left for t in run)
    if printed.total_weight is not None and not every:
        return False
    for column, expected in (
        ("weight", expected_weights(printed) if printed.total_weight is not None else set()),
        ("score", expected_scores(printed)),
    ):
        total = column_sum(rows, column)
        if total is None or not expected:
            continue
        if every and all(abs(total - e) >= _CENT for e in expected):
            return False
        if total > max(expected) + _CENT:
            return False
    return True


_CENT = Decimal("0.01")


def _after_a_cell(tokens: list[Token], i: int) -> bool:
    """Before the name at ``i``: the header (the body's start), a 一级/二级 label, or a
    value (the end of a row) — never words that may be the first part of the name."""
    if i == 0:
        return True
    before = tokens[i - 1].text
    return is_level1(before) or is_level2(before) or any(_value(c, before) for c in _VALUES)


def _closed(
    tokens: list[Token], j: int, found: dict[int, CutRow], opens: Callable[[Token], bool]
) -> bool:
    """After a row's last value, at ``j``: the end, another full row, a 一级/二级 label, a
    numbered name or a caption — never words that may be the rest of the row's name."""
    if j >= len(tokens):
        return True
    text = tokens[j].text
    return (
        j in found
        or is_level1(text)
        or is_level2(text)
        or _NUMBERED.match(text) is not None
        or opens(tokens[j])
    )


_GAP = 12
"""At most this many cells of the first rows between two captions of a scattered header."""
_MIN_COLUMNS = 4


@dataclass
class Scattered:
    """A header printed among the cells of the first rows, and the table under it."""

    columns: list[str]
    """The columns its captions name, in the order of the standard table."""
    heads: list[Token]
    """The captions, in that order."""
    body: list[Token]
    """The tokens from the first caption to the end of the table, the captions among them."""


def scattered_header(
    tokens: list[Token], start: int, ends: Callable[[Token], bool]
) -> Scattered | None:
    """The header at ``tokens[start]`` where a PDF printed its captions among the cells of
    the first rows (``一级指标 — … 年度指标值 实际完成值 指标1:… 二级指标 三级指标 … 分值
    得分``): captions of distinct columns, each within a few cells of the one before, a
    name's and at least one value's among them, the values' in the standard order. Their
    columns are laid out in the standard table's order (a PDF prints the merged label
    columns where their middle is, so the printed order of those says nothing); the
    rows under them are read only as :func:`full_rows`. ``None`` where there is no such
    header or the text is not a whole form on one line."""
    if start >= len(tokens) or header_field(tokens[start].text) is None:
        return None
    heads: dict[str, Token] = {}
    j = last = start
    while j < len(tokens) and j - last <= _GAP and not ends(tokens[j]):
        column = header_field(tokens[j].text) if tokens[j].text else None
        if column is not None:
            if column in heads:
                break
            heads[column] = tokens[j]
            last = j
        j += 1
    values = [c for c in heads if c in _VALUES]
    if len(heads) < _MIN_COLUMNS or "name" not in heads or not values:
        return None
    if values != [c for c in INDICATOR_FIELD_LABELS if c in values]:
        return None  # the value columns printed in another order: theirs is not known
    end = j
    while end < len(tokens) and not ends(tokens[end]):
        end += 1
    body = tokens[start:end]
    if not all(t.spaced for t in body):
        return None
    columns = [c for c in INDICATOR_FIELD_LABELS if c in heads]
    return Scattered(columns, [heads[c] for c in columns], body)
