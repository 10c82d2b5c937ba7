"""Cutting the tokens of an indicator table into rows and columns.

The header says which columns a row has (一级, 二级, 三级指标, 年度指标值, 实际完成值,
分值, 得分, 偏差原因 …, in its order). A row of the flattened text is some of those
cells, left to right: the 一级/二级 labels only in the first row of their merged cell,
empty cells sometimes printed (``|``), sometimes dropped. :func:`cut_rows` finds the
cheapest reading of the whole token run as rows (dynamic programming over tokens ×
columns): each token (or a few glued/wrapped ones joined) goes to a column whose kind
fits it — a 一级/二级 label, a number for 分值/得分, a value for 年度指标值 — and a
column left out costs what its absence is worth (nothing for a merged label, a lot for
三级指标 or 分值). Where the text keeps rows (pipes, tabs) a row starts exactly there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import (
    LEVEL2_WORDS,
    header_field,
    is_dash,
    is_level1,
    is_level2,
    is_number,
    is_op,
    looks_like_value,
    without_weight,
)

__all__ = ["CutRow", "cut_rows"]

_INF = float("inf")
_TEXT = frozenset({"name", "target", "actual", "note"})
_ROW = 0.3
"""The cost of starting a row: fewer, fuller rows are preferred."""
_SKIP_FLAT: dict[str, float] = {
    "level1": 0.0,
    "level2": 0.0,
    "seq": 0.5,
    "name": _INF,
    "op": 0.4,
    "target": 2.0,
    "unit": 0.2,
    "actual": 0.8,
    "weight": 3.0,
    "score": 0.6,
    "note": 0.05,
}
"""What leaving a column out of a row costs when empty cells are not printed."""
_SKIP_EXPLICIT = 1.5
"""… and when they are (``|``): any left-out column past the labels is suspect."""
_VERDICT = re.compile(r"^(?:部分|未)?达成(?:预期|年度)?指标")
_CAPTIONS = frozenset({"绩效指标", "年度绩效指标", "绩效目标"})
_PLACEHOLDER = re.compile(r"^指标\s*\d+")
_SPLIT = 0.3
"""The cost of reading one printed token as two numbers."""
_PAD = 0.25
_STRAY = 2.0
"""The cost of leaving a token with text out of every row (it is reported unplaced)."""
"""The cost of reading an empty cell as padding rather than as a column's cell."""
MAX_JOIN = 8
"""At most this many tokens make one cell."""


@dataclass(frozen=True)
class CutRow:
    """One indicator row: column field → its tokens (joined later into the cell text)."""

    cells: dict[str, list[Token]]

    @property
    def tokens(self) -> list[Token]:
        return [t for ts in self.cells.values() for t in ts]


def cut_rows(
    tokens: list[Token], columns: list[str], explicit: bool
) -> tuple[list[CutRow], list[Token]]:
    """The rows of ``tokens`` under a header of ``columns`` (fields in printed order).

    ``explicit``: empty cells are printed as empty tokens. Returns ``[]`` when no
    reading fits (then the caller keeps the text whole). The second list holds the
    tokens left out of every row (stray text)."""
    n, k = len(tokens), len(columns)
    if n == 0 or k == 0:
        return [], []
    skip = [_skip(c, explicit) for c in columns]
    lead = [sum(skip[:c]) for c in range(k + 1)]  # skipping columns 0..c-1 at row start
    for c, col in enumerate(columns):
        if col not in ("level1", "level2", "seq"):
            lead[c + 1 :] = [_INF] * (k - c)  # never start a row after a required column
            break
    # best[i][c]: cheapest reading of tokens[:i] whose last cell is in column c
    best = [[_INF] * k for _ in range(n + 1)]
    back: list[list[_Step | None]] = [[None] * k for _ in range(n + 1)]
    for i in range(n):
        row_start = i == 0 or tokens[i].row is None or tokens[i].row != tokens[i - 1].row
        same_row_ok = i > 0 and (tokens[i].row is None or tokens[i].row == tokens[i - 1].row)
        starts: list[tuple[float, int, bool]] = []  # (cost so far, previous column, new row)
        if i == 0:
            starts.append((0.0, -1, True))
        else:
            for c in range(k):
                if best[i][c] == _INF:
                    continue
                if same_row_ok:
                    starts.append((best[i][c], c, False))
                if row_start:
                    tail = _tail(columns, skip, c)
                    starts.append((best[i][c] + tail, c, True))
        if not starts:
            continue
        # an empty cell may be padding of a merged one; any other token may be stray
        # text (a page header, a cut-off line), left out at a price and reported
        skip_cost = _PAD if tokens[i].empty else _STRAY
        for c in range(k):
            if best[i][c] + skip_cost < best[i + 1][c]:
                best[i + 1][c] = best[i][c] + skip_cost
                back[i + 1][c] = _Step(i, c, None)
        for j in range(i + 1, min(n, i + (1 if explicit else MAX_JOIN)) + 1):
            if j > i + 1 and tokens[j - 1].row is not None and tokens[j - 1].row != tokens[i].row:
                break
            for c2, col in enumerate(columns):
                cell = _cell_cost(col, tokens[i:j])
                if cell == _INF:
                    continue
                for cost, c, new in starts:
                    if new:
                        total = cost + _ROW + lead[c2] + cell
                    elif c2 > c:
                        total = cost + sum(skip[c + 1 : c2]) + cell
                    else:
                        continue
                    if total < best[j][c2]:
                        best[j][c2] = total
                        back[j][c2] = _Step(i, c, new)
        if not explicit:
            _split_numbers(tokens[i], i, columns, starts, skip, lead, best, back)
    ends = [(best[n][c] + _tail(columns, skip, c), c) for c in range(k)]
    cost, c = min(ends)
    if cost == _INF:
        return [], []
    return _trace(tokens, columns, back, n, c)


class _Step(NamedTuple):
    """How the reading reached a cell: from token ``i`` after column ``prev``, in a new
    row or not (``None``: token ``i`` left out); ``split``: the token was two numbers
    run together, the first (``text``) in column ``col``."""

    i: int
    prev: int
    new: bool | None
    split: tuple[int, str, str] | None = None


def _split_numbers(
    token: Token,
    i: int,
    columns: list[str],
    starts: list[tuple[float, int, bool]],
    skip: list[float],
    lead: list[float],
    best: list[list[float]],
    back: list[list[_Step | None]],
) -> None:
    """Readings of ``token`` as two cells: numbers run together (``210010`` is a
    target of 2100 and a weight of 10), each cut the number grammar allows."""
    k = len(columns)
    for a, b in _number_cuts(token.text):
        ta, tb = replace(token, text=a), replace(token, text=b, glued=True)
        for c2 in range(k):
            ca = _cell_cost(columns[c2], [ta])
            if ca == _INF:
                continue
            for c3 in range(c2 + 1, k):
                cb = _cell_cost(columns[c3], [tb])
                if cb == _INF:
                    continue
                pair = ca + sum(skip[c2 + 1 : c3]) + cb + _SPLIT
                for cost, c, new in starts:
                    if new:
                        total = cost + _ROW + lead[c2] + pair
                    elif c2 > c:
                        total = cost + sum(skip[c + 1 : c2]) + pair
                    else:
                        continue
                    if total < best[i + 1][c3]:
                        best[i + 1][c3] = total
                        back[i + 1][c3] = _Step(i, c, new, (c2, a, b))


_RUN = re.compile(r"\d[\d.]*(?:[%％‰]|[\u4e00-\u9fff]{1,3})?")
_NUMBER_PIECE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")


def _number_cuts(text: str) -> list[tuple[str, str]]:
    """The ways to read ``text`` as a number followed by a number (with its unit)."""
    if len(text) < 3 or not _RUN.fullmatch(text):
        return []
    out: list[tuple[str, str]] = []
    for cut in range(1, len(text)):
        a, b = text[:cut], text[cut:]
        head = _NUMBER_PIECE.match(b)
        if not _NUMBER_PIECE.fullmatch(a) or head is None or head.group(0) in ("0", ""):
            continue
        if Decimal(head.group(0)) > 0:
            out.append((a, b))
    return out


def _trace(
    tokens: list[Token],
    columns: list[str],
    back: list[list[_Step | None]],
    n: int,
    c: int,
) -> tuple[list[CutRow], list[Token]]:
    rows: list[dict[str, list[Token]]] = [{}]
    left: list[Token] = []
    j = n
    while j > 0:
        step = back[j][c]
        assert step is not None
        if step.new is None:
            if not tokens[step.i].empty:
                left.append(tokens[step.i])
            j = step.i
            continue
        if step.split is not None:
            first, a, b = step.split
            rows[-1][columns[c]] = [replace(tokens[step.i], text=b, glued=True)]
            rows[-1][columns[first]] = [replace(tokens[step.i], text=a)]
        else:
            rows[-1][columns[c]] = tokens[step.i : j]
        if step.new and step.i > 0:
            rows.append({})
        j, c = step.i, step.prev
    out = [CutRow(_in_order(r, columns)) for r in reversed(rows) if r]
    return out, left[::-1]


def _in_order(row: dict[str, list[Token]], columns: list[str]) -> dict[str, list[Token]]:
    return {col: row[col] for col in columns if col in row}


def _tail(columns: list[str], skip: list[float], c: int) -> float:
    """The cost of ending a row after column ``c``: the columns left out, or a fixed
    price for a row of labels only (a 二级指标 printed with no indicator under it)."""
    if columns[c] in ("level1", "level2"):
        return 0.5
    return sum(skip[c + 1 :])


def _skip(column: str, explicit: bool) -> float:
    flat = _SKIP_FLAT.get(column, 0.1 if column.startswith("extra") else 0.5)
    if explicit and column not in ("level1", "level2", "note", "seq"):
        return max(flat, _SKIP_EXPLICIT) if flat < _INF else flat
    return flat


def _join_cost(group: list[Token]) -> float:
    cost = 0.0
    for t in group[1:]:
        if t.empty:
            return _INF
        cost += 0.02 if t.glued else 0.5
    return cost


def _cell_cost(column: str, group: list[Token]) -> float:
    if len(group) > 1:
        if column not in _TEXT or group[0].empty or any(is_number(t.text) for t in group):
            return _INF
        labels = sum(1.5 for t in group if is_level1(t.text) or is_level2(t.text))
        labels += sum(3.0 for t in group if _VERDICT.match(t.text))
        if any(_PLACEHOLDER.match(t.text) for t in group[1:]):
            return _INF  # 指标2 starts the next row
        return _join_cost(group) + labels + _cell_cost(column, [_joined(group)])
    token = group[0]
    text = token.text
    if column == "level1":
        if not text:
            return 0.2
        return (0.1 if is_level2(text) else 0.0) if is_level1(text) else _INF
    if column == "level2":
        if not text:
            return 0.2
        if not is_level2(text):  # 产出指标 under 实施效果指标 (中央预算内投资 tables)
            return 0.3 if is_level1(text) and text.endswith("指标") else _INF
        return 0.0 if without_weight(text).endswith("指标") else 0.8  # 服务对象满意度
    if column == "seq":
        return 0.2 if not text else (0.0 if text.isdigit() and len(text) <= 3 else _INF)
    if column == "op":
        return 0.0 if not text or is_op(text) else _INF
    if column == "unit":
        if not text:
            return 0.0
        return 0.1 if len(text) <= 5 and not any(ch.isdigit() for ch in text) else _INF
    if column in ("weight", "score"):
        if is_number(text):
            return _INF if column == "weight" and _over_hundred(text) else 0.0
        if not text or is_dash(text):
            return 2.0 if column == "weight" else 0.3
        return _INF
    if column.startswith("extra"):
        return 0.0 if not text else (1.0 if is_level1(text) or is_level2(text) else 0.3)
    return _text_cost(column, text)


def _over_hundred(text: str) -> bool:
    """A weight above 100 points (no indicator is worth more than the whole form)."""
    head = _NUMBER_PIECE.match(text.lstrip("+"))
    return head is not None and Decimal(head.group(0)) > 100


def _text_cost(column: str, text: str) -> float:
    if text and (header_field(text) is not None or without_weight(text) in _CAPTIONS):
        return 3.0  # a header repeated where a page broke the table: stray text
    if column == "name":
        if not text:
            return 2.5
        if _VERDICT.match(text):
            return 3.0  # 达成预期指标 is an actual or a note, never a name
        if is_dash(text):
            return 6.0  # a dash names nothing
        if is_number(text):
            return 3.0
        if is_level1(text) or without_weight(text) in LEVEL2_WORDS:
            return 3.0  # a printed 一级/二级 label is hardly ever an indicator's name
        if is_level2(text):
            return 1.0  # 服务对象满意度: a label or a name
        return 2.5 if text[0] in "≥≤<>=＞＜" else 0.0
    if column in ("target", "actual"):
        if not text:
            return 1.5 if column == "target" else 0.2
        if column == "target" and _VERDICT.match(text):
            return 3.0  # a verdict is what was achieved, not the target
        if is_level1(text) or is_level2(text):
            return 2.0
        return 0.0 if looks_like_value(text) else 0.3
    # note
    if not text:
        return 0.0
    if _PLACEHOLDER.match(text):
        return 3.0  # the template's 指标1 / 指标2: a row's name, never a note
    if is_number(text):
        return 2.0
    return 1.5 if is_level1(text) or is_level2(text) else 0.4


def _joined(group: list[Token]) -> Token:
    text = group[0].text
    for t in group[1:]:
        text += t.text if t.glued else " " + t.text
    return Token(text, group[0].line, group[0].row, group[0].glued)
