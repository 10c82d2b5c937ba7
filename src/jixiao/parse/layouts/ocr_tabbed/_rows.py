"""Scanning the indicator table of an OCR-extracted form into raw rows.

A line with 分值/得分 decimals (or a single one in the 分值 or 得分 column) is a row,
read from the right. A line without them is either label debris (only the two
leftmost cells, the vertically printed 一级/二级 labels) or the continuation of a row
whose text wrapped onto its own line: its cells join the row above (or the row below
when that row has no name yet), by column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.parse.layouts.ocr_tabbed._blocks import compact
from jixiao.parse.layouts.ocr_tabbed._cells import (
    LABEL_CHARS,
    is_actual,
    is_label_like,
    is_target,
    split_merged_numbers,
)
from jixiao.parse.layouts.ocr_tabbed._text import cell_marked, is_decimal, is_junk
from jixiao.read import Document

_SIGNS = ("≥", "≤", ">", "<", "=", "＞", "＜")

__all__ = ["LabelFrag", "RawRow", "TableRead", "scan_table", "score_columns"]


@dataclass
class LabelFrag:
    """A piece of a vertical label: its line, column (0 = 一级, 1 = 二级) and text."""

    line: int
    col: int
    text: str


@dataclass
class RawRow:
    line: int
    first: int
    last: int
    names: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    actual: list[str] = field(default_factory=list)
    weight: str | None = None
    score: str | None = None
    notes: list[str] = field(default_factory=list)
    slots: dict[str, int] = field(default_factory=dict)
    """Cell index of ``target``, ``actual``, ``weight``, ``score`` on the anchor line."""
    moved_target: str | None = None


@dataclass
class TableRead:
    rows: list[RawRow] = field(default_factory=list)
    labels: list[LabelFrag] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)
    debris: list[tuple[int, str]] = field(default_factory=list)
    """Words no row or label took (line, text)."""
    carried: list[tuple[int, int, str]] = field(default_factory=list)
    """Note text moved back over a page break (from line, to line, text)."""


def score_columns(doc: Document, first: int, last: int) -> tuple[int, int]:
    """The 分值 and 得分 column indexes named by the table header (default 6, 7)."""
    weight = score = None
    for n in range(first, last + 1):
        for i, c in enumerate(doc.line(n).cells):
            flat = compact(c)
            if flat == "分值" and weight is None:
                weight = i
            elif flat == "得分" and score is None:
                score = i
    if weight is None:
        weight = score - 1 if score is not None else 6
    return weight, score if score is not None else weight + 1


def _anchor(cells: list[str], cols: tuple[int, int]) -> tuple[int | None, int | None]:
    """Indexes of 分值 and 得分 on a row line, or (None, None)."""
    decs = [i for i in range(2, len(cells)) if is_decimal(cells[i])]
    found = set(decs)
    pairs = [i for i in decs if i + 1 in found]
    if pairs:
        good = [i for i in pairs if is_actual(cells[i - 1]) or is_target(cells[i - 2])]
        i = (good or pairs)[0]
        return i, i + 1
    if len(decs) == 1:
        i = decs[0]
        if not any(cells[2:i]):
            return None, None
        if i == cols[1] or (i != cols[0] and not is_actual(cells[i - 1])):
            return None, i
        return i, None
    return None, None


def _left_split(left: list[str]) -> tuple[list[tuple[int, str]], list[str]]:
    """Label cells (with their column) and name cells of the cells left of the target."""
    if (len(left) >= 3 and is_label_like(left[1])) or (len(left) >= 3 and not left[1]):
        return [(0, left[0]), (1, left[1])], left[2:]
    if len(left) >= 3:
        return [(0, left[0])], left[1:]
    if len(left) == 2 and (not left[0] or is_label_like(left[0])):
        return [(-1, left[0])], left[1:]
    return [], left


def _row(n: int, cells: list[str], w: int | None, s: int | None, table: TableRead) -> RawRow:
    row = RawRow(line=n, first=n, last=n)
    if w is not None:
        row.weight = cells[w]
        row.slots["weight"] = w
    if s is not None:
        row.score = cells[s]
        row.slots["score"] = s
    right = w if w is not None else (s or 0) - 1
    a, t = right - 1, right - 2
    if (
        a >= 1
        and not cells[a]
        and t >= 1
        and is_actual(cells[t])
        and not cells[t].lstrip().startswith(_SIGNS)
        and is_target(cells[t - 1])
    ):
        a, t = t, t - 1
    row.slots["actual"], row.slots["target"] = a, t
    if cells[a]:
        row.actual.append(cells[a])
    if t >= 0 and cells[t]:
        row.target.append(cells[t])
    labels, names = _left_split(cells[: max(t, 0)])
    table.labels.extend(LabelFrag(n, col, text) for col, text in labels if text)
    row.names = [c for c in names if c]
    end = (s if s is not None else w) or right
    row.notes = [c for c in cells[end + 1 :] if c]
    return row


def scan_table(doc: Document, first: int, last: int, cols: tuple[int, int]) -> TableRead:
    table = TableRead()
    pending: list[tuple[int, list[str]]] = []
    for n in range(first, last + 1):
        line = doc.line(n)
        if line.blank:
            continue
        table.lines.add(n)
        cells = split_merged_numbers([cell_marked(c) for c in line.cells])
        w, s = _anchor(cells, cols)
        if w is None and s is None:
            table.labels.extend(LabelFrag(n, i, c) for i, c in enumerate(cells[:2]) if c)
            kept = [c if i >= 2 and not _debris(c) else "" for i, c in enumerate(cells)]
            table.debris.extend((n, c) for i, c in enumerate(cells) if i >= 2 and _debris(c))
            if any(kept):
                pending.append((n, kept))
            continue
        row = _row(n, cells, w, s, table)
        ahead: list[tuple[int, list[str]]] = []
        for item in pending:
            prev = table.rows[-1] if table.rows else None
            if prev is not None and not _forward(item, prev, row):
                _attach(prev, item, before=False)
            elif _own_row(item, row):
                table.rows.append(_bare_row(item, row))
            else:
                ahead.append(item)
        for item in reversed(ahead):
            _attach(row, item, before=True)
        pending = []
        table.rows.append(row)
    if pending and table.rows:
        for item in pending:
            _attach(table.rows[-1], item, before=False)
    elif pending:
        table.debris.extend((n, c) for n, cells in pending for c in cells if c)
    _carry_notes(doc, table)
    return table


_SENTENCE = re.compile(r"^[^。！？!?]*[。！？!?]")
_ENDED = ("。", "！", "？", "!", "?", "；", ";", ")", "）")


def _carry_notes(doc: Document, table: TableRead) -> None:
    """A note cut by a page break goes on at the top of the next row's note cell
    (``…中的"制服购`` / ``置项目",因机构改革原因无法执行。根据…``): the first sentence
    of that cell goes back to the unfinished note."""
    for prev, row in zip(table.rows, table.rows[1:], strict=False):
        if not prev.notes or not row.notes or prev.notes[-1].rstrip().endswith(_ENDED):
            continue
        if not any(doc.line(n).blank for n in range(prev.last + 1, row.first)):
            continue
        m = _SENTENCE.match(row.notes[0])
        rest = row.notes[0][m.end() :].strip() if m else ""
        if m and rest:
            prev.notes.append(m.group())
            row.notes[0] = rest
            table.carried.append((row.line, prev.line, m.group()))


def _debris(cell: str) -> bool:
    """A word made only of label characters (``满意``) left in a name column, or OCR
    junk without ideographs."""
    flat = compact(cell)
    if flat and is_junk(cell) and not (is_decimal(cell) or is_target(cell) or is_actual(cell)):
        return True
    return 2 <= len(flat) <= 4 and all(ch in LABEL_CHARS for ch in flat)


def _forward(item: tuple[int, list[str]], prev: RawRow, nxt: RawRow) -> bool:
    """Does a wrapped-line fragment belong to the row below rather than the one above?
    Yes when that row has no name and the fragment holds one, or when it is nearer."""
    n, cells = item
    has_name = any(c for i, c in enumerate(cells) if 2 <= i < nxt.slots["target"])
    if not nxt.names and has_name:
        return True
    if all(i > prev.slots["actual"] for i, c in enumerate(cells) if c):
        return bool(nxt.notes) and not prev.notes
    if nxt.line - n == n - prev.last and _target_only(cells, prev):
        return _closed(prev.target) and not _closed(nxt.target)
    return nxt.line - n < n - prev.last


_CLOSED = re.compile(
    r"^(?:[<>=≥≤＞＜]|>=|<=)?\s*\d[\d,]*(?:\.\d+)?\s*(?:[(（][^()（）]*[)）]|[%％])$"
)


def _target_only(cells: list[str], row: RawRow) -> bool:
    return [i for i, c in enumerate(cells) if c] == [row.slots["target"]]


def _closed(parts: list[str]) -> bool:
    """A target that is a finished quantity (``≥90(%)``): wrapped text does not go on
    from it, so a fragment between two rows belongs to the other one."""
    return bool(parts) and bool(_CLOSED.match(re.sub(r"\s+", "", " ".join(parts))))


def _own_row(item: tuple[int, list[str]], nxt: RawRow) -> bool:
    """A line without 分值/得分 that holds a name and a target of its own, above a row
    that has a target but no name, is a row whose numbers were lost, not the top of
    that row: a wrapped target is not printed in two target cells."""
    _, cells = item
    t = nxt.slots["target"]
    has_name = any(c for i, c in enumerate(cells) if 2 <= i < t)
    has_target = t < len(cells) and bool(cells[t])
    return has_name and has_target and bool(nxt.target) and not nxt.names


def _bare_row(item: tuple[int, list[str]], nxt: RawRow) -> RawRow:
    """A row read from a line without numbers, by the columns of the row below."""
    n, cells = item
    t, a = nxt.slots["target"], nxt.slots["actual"]
    row = RawRow(line=n, first=n, last=n, slots={"target": t, "actual": a})
    row.names = [c for c in cells[2:t] if c]
    row.target = [cells[t]]
    row.actual = [cells[a]] if a < len(cells) and cells[a] else []
    row.notes = [c for c in cells[a + 1 :] if c]
    return row


def _attach(row: RawRow, item: tuple[int, list[str]], *, before: bool) -> None:
    """Put the cells of a wrapped-line fragment into ``row`` by column (a line above
    the row goes before what the row holds, its own cells kept in their order)."""
    n, cells = item
    row.first, row.last = min(row.first, n), max(row.last, n)
    t, a = row.slots["target"], row.slots["actual"]
    w, s = row.slots.get("weight"), row.slots.get("score")
    added: dict[int, int] = {}
    for i, c in enumerate(cells):
        if not c or i < 2:
            continue
        if is_decimal(c) and row.score is None and i == (s if s is not None else (w or a) + 1):
            row.score = c
        elif is_decimal(c) and row.weight is None and i == (w if w is not None else a + 1):
            row.weight = c
        elif i > a:
            _put(row.notes, c, before, added)
        elif i == a:
            _put(row.actual, c, before, added)
        elif i == t:
            _put(row.target, c, before, added)
        else:
            _put(row.names, c, before, added)


def _put(parts: list[str], text: str, before: bool, added: dict[int, int]) -> None:
    if before:
        at = added.get(id(parts), 0)
        parts.insert(at, text)
        added[id(parts)] = at + 1
    else:
        parts.append(text)
