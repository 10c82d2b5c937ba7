"""Cutting the tokens of an indicator table into rows and columns.

The header says which columns a row has (一级, 二级, 三级指标, 年度指标值, 实际完成值,
分值, 得分, 偏差原因 …, in its order). A row of the flattened text is some of those
cells, left to right: the 一级/二级 labels only in the first row of their merged cell,
empty cells sometimes printed (``|``), sometimes dropped. :func:`best_readings` finds
the cheapest reading of the whole token run as rows (dynamic programming over tokens ×
columns): each token (or a few glued/wrapped ones joined) goes to a column whose kind
fits it — a 一级/二级 label, a number for 分值/得分, a value for 年度指标值 — and a
column left out costs what its absence is worth (nothing for a merged label, a lot for
三级指标 or 分值). Where the text keeps rows (pipes, tabs) a row starts exactly there.
Where two readings cost the same, both are returned (:mod:`.ties` settles them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import NamedTuple

from jixiao.model.value_units import UNITS
from jixiao.parse.rebuild.cell_costs import INF, NUMBER_PIECE, cell_cost, skip_cost, tail_cost
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import is_level1, is_level2, is_noted_label

__all__ = [
    "CutRow",
    "NumberRun",
    "Reading",
    "best_readings",
    "cut_off_row",
    "cut_rows",
    "explaining",
    "number_cuts",
    "texts_in_their_column",
    "unfilled_left_out",
    "verdicts_in_one_column",
]

_VERDICT = re.compile(r"^(?:部分|未)?达成(?:预期|年度)?指标")
_ROW = 0.3
"""The cost of starting a row: fewer, fuller rows are preferred."""
_SPLIT = 0.3
"""The cost of reading one printed token as numbers run together (two or three: the
run is one doubt, however many cells it fills)."""
_PAD = 0.25
"""The cost of reading an empty cell as padding rather than as a column's cell."""
_STRAY = 2.0
"""The cost of leaving a token with text out of every row (it is reported unplaced)."""
_STRAY_PLACED = 3.0
"""… where the text keeps its cells apart (pipes, one a line): a cell of the table
is seldom page noise there."""
_STRAY_NOTED = 2.5
"""… more for a 一级/二级 label with the template's 必填/选填 note (``可持续影响 指标 (必填)``):
certainly a label cell of the table, no page noise."""
_AGAIN = 0.3
"""The cost of a row of labels ending in a 二级 label before a row opening with one."""
_MERGED_NAME = 0.8
"""The cost of a row printed without its 三级指标, where the cells are kept apart: the
name's cell is merged over this row and the one above (账务管理 over two rules). Only
where an explanation column follows the name: a row opening with a value could as well
be a name read as a target."""
MAX_JOIN = 8
"""At most this many tokens make one cell."""


@dataclass(frozen=True)
class NumberRun:
    """Numbers printed with no separator (``12.512.512.5``), read as the cells of
    ``columns``: the cut the row builder chose is one of :func:`number_cuts`; which one
    is right is for the whole table's arithmetic to say (:mod:`.number_runs`)."""

    token: Token
    columns: tuple[str, ...]


@dataclass(frozen=True)
class CutRow:
    """One indicator row: column field → its tokens (joined later into the cell text)."""

    cells: dict[str, list[Token]]
    runs: tuple[NumberRun, ...] = ()
    """The runs of numbers cut into cells of this row."""
    unsure: frozenset[str] = frozenset()
    """Columns whose cut the arithmetic does not settle: left out, kept in a finding."""

    @property
    def tokens(self) -> list[Token]:
        return [t for ts in self.cells.values() for t in ts]


Reading = tuple[list[CutRow], list[Token]]
"""Rows, and the tokens left out of every row (stray text)."""


def cut_rows(tokens: list[Token], columns: list[str], explicit: bool) -> Reading:
    """The cheapest reading of ``tokens`` (the first of :func:`best_readings`)."""
    return _cut(tokens, columns, explicit, False, True, None, _Memo())


def best_readings(
    tokens: list[Token],
    columns: list[str],
    explicit: bool,
    empty_values: bool = True,
    shape: tuple[str, ...] | None = None,
) -> list[Reading]:
    """The cheapest readings of ``tokens`` as rows under a header of ``columns`` (fields
    in printed order): one, or two when readings of equal cost differ (the programme
    run keeping the first and the last of equal choices). ``explicit``: empty cells are
    printed as empty tokens. A reading without rows is one where none fits (then the
    caller keeps the text whole).
    ``empty_values``: an empty cell may stand for an empty value (else it stands in no
    value column: a web page pads its rows with empty cells after the last).
    ``shape``: numbers run together are read into these columns only."""
    memo = _Memo()
    first = _cut(tokens, columns, explicit, False, empty_values, shape, memo)
    last = _cut(tokens, columns, explicit, True, empty_values, shape, memo)
    return [first] if last == first else [first, last]


@dataclass
class _Memo:
    """What the two runs of the programme over the same tokens (the first and the last
    of equal choices) weigh alike, weighed once: the cost of tokens ``i:j`` in each
    column, and the readings of token ``i`` as numbers run together."""

    cells: dict[tuple[int, int], list[float]] = field(default_factory=dict)
    runs: dict[int, list[tuple[tuple[int, ...], float, tuple[str, ...]]]] = field(
        default_factory=dict
    )


def _cut(
    tokens: list[Token],
    columns: list[str],
    explicit: bool,
    late: bool,
    empty_values: bool,
    shape: tuple[str, ...] | None,
    memo: _Memo,
) -> Reading:
    if not explicit and set(columns) >= _APART:  # cells run together: signs and units too
        tokens = [piece for t in tokens for piece in _apart(t)]
        if columns.index("unit") + 1 == columns.index("op"):  # 名称 | 计量单位 | 指标性质
            tokens = _units_before_signs(tokens)
    n, k = len(tokens), len(columns)
    level2_names = "level1" in columns and "level2" not in columns
    if n == 0 or k == 0:
        return [], []
    skip = [skip_cost(c, explicit) for c in columns]
    lead = [sum(skip[:c]) for c in range(k + 1)]  # skipping columns 0..c-1 at row start
    for c, col in enumerate(columns):
        if col not in ("level1", "level2", "seq"):
            lead[c + 1 :] = [INF] * (k - c)  # never start a row after a required column
            if explicit and col == "name" and c + 1 < k and explaining(columns[c + 1]):
                lead[c + 1] = lead[c] + _MERGED_NAME  # a merged 三级 cell's next row
            break
    split = _Split(columns, skip, lead, shape)
    # _enter's two moves, each column pair's part computed once (same sums, same order)
    between = [[sum(skip[c + 1 : c2]) if c2 > c else INF for c2 in range(k)] for c in range(k)]
    again = [
        [_AGAIN if c >= 0 and columns[c] == columns[c2] == "level2" else 0.0 for c2 in range(k)]
        for c in range(-1, k)
    ]
    # best[i][c]: cheapest reading of tokens[:i] whose last cell is in column c
    best = [[INF] * k for _ in range(n + 1)]
    back: list[list[_Step | None]] = [[None] * k for _ in range(n + 1)]
    for i in range(n):
        row_start = i == 0 or tokens[i].row is None or tokens[i].row != tokens[i - 1].row
        same_row_ok = i > 0 and (tokens[i].row is None or tokens[i].row == tokens[i - 1].row)
        starts: list[tuple[float, int, bool]] = []  # (cost so far, previous column, new row)
        if i == 0:
            starts.append((0.0, -1, True))
        else:
            for c in range(k):
                if best[i][c] == INF:
                    continue
                if same_row_ok:
                    starts.append((best[i][c], c, False))
                if row_start:
                    tail = tail_cost(columns, skip, c)
                    starts.append((best[i][c] + tail, c, True))
        if not starts:
            continue
        # an empty cell may be padding of a merged one; any other token may be stray
        # text (a page header, a cut-off line), left out at a price and reported
        leave = _PAD if tokens[i].empty else (_STRAY_PLACED if explicit else _STRAY)
        if is_noted_label(tokens[i].text):
            leave += _STRAY_NOTED
        better = _later if late else _cheaper
        for c in range(k):
            if better(best[i][c] + leave, best[i + 1][c]):
                best[i + 1][c] = best[i][c] + leave
                back[i + 1][c] = _Step(i, c, None)
        live = [start for start in starts if start[0] < INF]  # the others never win
        for j in range(i + 1, min(n, i + (1 if explicit else MAX_JOIN)) + 1):
            if j > i + 1 and tokens[j - 1].row is not None and tokens[j - 1].row != tokens[i].row:
                break
            cells = memo.cells.get((i, j))
            if cells is None:
                part = tokens[i:j]
                cells = [
                    cell_cost(col, part, empty_values, level2_names, explicit) for col in columns
                ]
                memo.cells[(i, j)] = cells
            best_j, back_j = best[j], back[j]
            for c2, cell in enumerate(cells):
                if cell == INF:
                    continue
                for cost, c, new in live:  # _enter and better, inlined
                    if new:
                        total = cost + _ROW + lead[c2] + again[c + 1][c2] + cell
                    elif c2 > c:
                        total = cost + between[c][c2] + cell
                    else:
                        continue  # no way back along a row
                    was = best_j[c2]
                    if (total <= was + _EPS and total < INF) if late else total < was - _EPS:
                        best_j[c2] = total
                        back_j[c2] = _Step(i, c, new)
        if not explicit:
            if i not in memo.runs:
                memo.runs[i] = split.readings(tokens[i])
            split.numbers(memo.runs[i], i, live, best, back, better)
    ends = [(best[n][c] + tail_cost(columns, skip, c), c) for c in range(k)]
    cost = min(e for e, _ in ends)
    c = [c for e, c in ends if e <= cost + _EPS][-1 if late else 0]
    if cost == INF:
        return [], []
    rows, stray = _trace(tokens, columns, back, n, c)
    return (_merged_names(rows, columns) if explicit else rows), stray


_EPS = 1e-9
"""Costs closer than this are equal (sums of the same prices in another order)."""


def _cheaper(cost: float, best: float) -> bool:
    return cost < best - _EPS


def _later(cost: float, best: float) -> bool:
    """Cheaper or as cheap: the run that keeps the last of equal choices."""
    return cost <= best + _EPS and cost < INF


def verdicts_in_one_column(rows: list[CutRow]) -> list[CutRow]:
    """A verdict (达成预期指标) printed in the note column of some rows is in that column
    in every row: one where it was read as the 实际完成值 (the row printing no actual
    value) has it moved there."""
    noted = any(_VERDICT.match(_text(r, "note")) for r in rows)
    out = []
    for row in rows:
        if noted and _VERDICT.match(_text(row, "actual")) and not _text(row, "note"):
            cells = {c: t for c, t in row.cells.items() if c != "actual"}
            cells["note"] = row.cells["actual"]
            row = replace(row, cells=cells)
        out.append(row)
    return out


def unfilled_left_out(tokens: list[Token]) -> list[Token]:
    """``tokens`` without the template's numbered rows left unfilled (``指标2:`` before
    the next 二级 label, ``指标1:指标2:`` run together), nor a 二级 label with only such
    rows under it: no indicator is printed there, and a number-only name would take the
    cells of the row after it (or a lone 二级 label make the next one a 一级 label). A
    placeholder followed by a value stays (it names that row)."""
    out: list[Token] = []
    for k, token in enumerate(tokens):
        after = tokens[k + 1].text if k + 1 < len(tokens) else ""
        if _UNFILLED.fullmatch(token.text) and (
            len(_UNFILLED_ONE.findall(token.text)) > 1
            or not after
            or is_level1(after)
            or is_level2(after)
            or _UNFILLED.fullmatch(after)
        ):
            if out and is_level2(out[-1].text) and not is_level1(out[-1].text):
                out.pop()  # 时效指标 指标1:指标2:: a 二级 label with no indicator under it
            continue
        out.append(token)
    return out


_UNFILLED_ONE = re.compile(r"指标\s*\d{1,2}\s*[:：]")
_UNFILLED = re.compile(rf"(?:{_UNFILLED_ONE.pattern}\s*)+")


def texts_in_their_column(rows: list[CutRow]) -> list[CutRow]:
    """A row whose only text after its labels was read as the name, where that text is
    printed in one other column of other rows and never as a name (a row printing only
    its 评分标准, 经济效益指标 | 未达指标值酌情扣分, its empty cells dropped), has the
    text moved to that column: the row names no indicator."""
    out = []
    for row in rows:
        text = _text(row, "name")
        order = list(row.cells)
        after = order[order.index("name") + 1 :] if text else []
        column = None if any(_text(row, c) for c in after) else _column_of(text, rows)
        if column is not None and column in after:
            cells = {c: t for c, t in row.cells.items() if c != "name"}
            cells[column] = row.cells["name"]
            row = replace(row, cells=cells)
        out.append(row)
    return out


def cut_off_row(reading: Reading) -> Reading:
    """``reading`` with the text of a row begun after the last one and cut off (an
    excerpt ending ``生态(t``) left out as stray text: the last row's last cell, where
    the rest of that row is printed on one line (a pipe row, two cells or more) and it on
    a later one."""
    rows, stray = reading
    if not rows:
        return reading
    last = rows[-1]
    order = [c for c in last.cells if any(t.text for t in last.cells[c])]
    if len(order) < 2:
        return reading
    column = order[-1]
    tail = [t for t in last.cells[column] if t.text]
    before = [t for c in order[:-1] for t in last.cells[c] if t.text]
    lines = {t.line for t in before}
    if len(lines) > 1 or min(t.line for t in tail) <= min(lines):
        return reading
    if len(before) < 2:  # one cell a line (名称 / ≥85%): every cell is on a line of its own
        return reading
    cells = {**last.cells, column: [t for t in last.cells[column] if not t.text]}
    return [*rows[:-1], replace(last, cells=cells)], [*tail, *stray]


def _column_of(text: str, rows: list[CutRow]) -> str | None:
    """The one column other than the name in which rows print ``text``, when at least
    two rows do and none prints it as a name elsewhere."""
    found = [c for r in rows for c in r.cells if c != "name" and text and _text(r, c) == text]
    named = sum(1 for r in rows if _text(r, "name") == text)
    return found[0] if len(found) >= 2 and len(set(found)) == 1 and named == 1 else None


def _text(row: CutRow, column: str) -> str:
    return "".join(t.text for t in row.cells.get(column, ()))


def _enter(
    cost: float,
    move: tuple[int, int],
    new: bool,
    columns: list[str],
    lead: list[float],
    skip: list[float],
) -> float:
    """The cost of reaching column ``c2`` from column ``c`` (``move``): in a new row (the
    columns before ``c2`` left out at its start) or further along the same row (those
    between). A 二级 label with nothing under it before another 二级 label is unlikely:
    the first is rather a 一级 label (效益指标 | 满意度指标 | 服务对象满意度指标 …)."""
    c, c2 = move
    if new:
        again = _AGAIN if c >= 0 and columns[c] == columns[c2] == "level2" else 0.0
        return cost + _ROW + lead[c2] + again
    return cost + sum(skip[c + 1 : c2]) if c2 > c else INF


class _Step(NamedTuple):
    """How the reading reached a cell: from token ``i`` after column ``prev``, in a new
    row or not (``None``: token ``i`` left out); ``split``: the token was numbers run
    together, the pieces (``texts``) in the columns ``cols``, the last the cell's."""

    i: int
    prev: int
    new: bool | None
    split: tuple[tuple[int, ...], tuple[str, ...]] | None = None


@dataclass(frozen=True)
class _Split:
    """Reading one token as numbers run together, in a table of ``columns``."""

    columns: list[str]
    skip: list[float]
    lead: list[float]
    shape: tuple[str, ...] | None

    def readings(self, token: Token) -> list[tuple[tuple[int, ...], float, tuple[str, ...]]]:
        """Readings of ``token`` as two to four cells: numbers run together (``210010``
        is a target of 2100 and a weight of 10, ``151515`` a weight, a target and an
        actual of 15, ``1111`` all four), each cut the number grammar allows; of the
        cuts into the same columns the cheapest is kept (which cut is right, the
        table's arithmetic decides later: :mod:`.number_runs`). Each as (columns,
        cost, pieces)."""
        if token.spaced:
            return []  # a cell printed apart: one value, whatever its digits
        columns, skip = self.columns, self.skip
        out: list[tuple[tuple[int, ...], float, tuple[str, ...]]] = []
        for parts in (2, 3, 4):
            chosen: dict[tuple[int, ...], tuple[float, tuple[str, ...]]] = {}
            for pieces in number_cuts(token.text, parts, short=True):
                costs = [
                    [cell_cost(col, [replace(token, text=p, glued=n > 0)]) for col in columns]
                    for n, p in enumerate(pieces)
                ]
                for cols in _column_runs(costs, parts, columns):
                    named = tuple(columns[c] for c in cols)
                    if self.shape is not None and named != self.shape:
                        continue
                    if len(token.text) == _SHORT and (named != _MARKS or cols[1] != cols[0] + 1):
                        continue  # 44: a 分值 and its 得分 side by side, nothing else
                    pair = sum(costs[n][c] for n, c in enumerate(cols)) + _SPLIT
                    pair += sum(sum(skip[a + 1 : b]) for a, b in itertools.pairwise(cols))
                    if cols not in chosen or pair < chosen[cols][0]:
                        chosen[cols] = (pair, pieces)
            out += [(cols, pair, pieces) for cols, (pair, pieces) in chosen.items()]
        return out

    def numbers(
        self,
        readings: list[tuple[tuple[int, ...], float, tuple[str, ...]]],
        i: int,
        starts: list[tuple[float, int, bool]],
        best: list[list[float]],
        back: list[list[_Step | None]],
        better: Callable[[float, float], bool],
    ) -> None:
        """Token ``i`` read as numbers run together (its :meth:`readings`)."""
        for cols, pair, pieces in readings:
            for cost, c, new in starts:
                total = _enter(cost, (c, cols[0]), new, self.columns, self.lead, self.skip) + pair
                if better(total, best[i + 1][cols[-1]]):
                    best[i + 1][cols[-1]] = total
                    back[i + 1][cols[-1]] = _Step(i, c, new, (cols, pieces))


_RUN_COLUMNS = frozenset({"target", "actual", "weight", "score"})
"""The columns three or four numbers run together are read into."""


def _column_runs(costs: list[list[float]], parts: int, columns: list[str]) -> list[tuple[int, ...]]:
    """The increasing column positions the pieces (their ``costs`` by column) may go to."""
    fits = [[c for c, v in enumerate(row) if v < INF] for row in costs]
    if parts > 2:
        fits = [[c for c in f if columns[c] in _RUN_COLUMNS] for f in fits]
    out: list[tuple[int, ...]] = [()]
    for options in fits:
        out = [(*cols, c) for cols in out for c in options if not cols or c > cols[-1]]
    return out


_RUN = re.compile(r"(?P<digits>\d[\d.]*)(?:[%％‰]|[\u4e00-\u9fff]{1,3})?")
_LAST = re.compile(r"((?:0|[1-9]\d*)(?:\.\d+)?)(?:[%％‰]|[\u4e00-\u9fff]{1,3})?")
"""The last number of a run, with its unit."""
_MAX_CUTS = 64
"""At most this many cuts of one run are weighed (a run of digits has few)."""


_APART = frozenset({"op", "unit"})
"""Columns of a table that prints a value's sign and unit in cells of their own."""
_SIGNED = re.compile(r"([=＝≥≤＞＜><]{1,2})(\d.*)")
_UNIT_AFTER = re.compile(r"((?:0|[1-9]\d*)(?:\.\d+)?)([%％‰]|[\u4e00-\u9fff]{1,3})")


def _apart(token: Token) -> list[Token]:
    """``token`` as the cells a table with 指标性质 and 计量单位 columns prints apart: a
    sign run onto its number (``=100``: ``=`` | ``100``), a unit run onto its number
    (``10%``: ``10`` | ``%``); itself when it is neither."""
    if token.spaced:
        return [token]
    signed = _SIGNED.fullmatch(token.text)
    if signed is not None:
        sign = replace(token, text=signed.group(1))
        return [sign, *_apart(replace(token, text=signed.group(2), glued=True))]
    unit = _UNIT_AFTER.fullmatch(token.text)
    if unit is not None:
        return [replace(token, text=unit.group(1)), replace(token, text=unit.group(2), glued=True)]
    return [token]


def _units_before_signs(tokens: list[Token]) -> list[Token]:
    """A table printing 计量单位 before 指标性质: a known unit ending the words before a
    sign alone (``绿化美化公路米`` | ``=``: the name, then 米) cut off as a cell of its own."""
    out: list[Token] = []
    for token, after in zip(tokens, [*tokens[1:], None], strict=True):
        sign = after is not None and _SIGNED.fullmatch(after.text + "0") is not None
        unit = _unit_end(token.text) if sign and not token.spaced else None
        if unit is None:
            out.append(token)
            continue
        name = token.text[: -len(unit)]
        out += [replace(token, text=name), replace(token, text=unit, glued=True)]
    return out


def _unit_end(text: str) -> str | None:
    """The known unit (``米``, ``人次``, ``%``) ending ``text`` after words of a name."""
    for size in (2, 1):
        unit, name = text[-size:], text[:-size]
        if unit in UNITS and len(name) >= _NAME_LEAST and _NAME_END.search(name):
            return unit
    return None


_NAME_END = re.compile(r"[\u4e00-\u9fff)）]$")
_NAME_LEAST = 2


def number_cuts(text: str, parts: int = 2, short: bool = False) -> list[tuple[str, ...]]:
    """The ways to read ``text`` as ``parts`` numbers one after the other (the last with
    its unit): each as printed (no leading zero), the last not zero. A number of two
    digits is read as printed, its unit or none (``37个`` is never 3 | 7个), but where
    ``short`` (two digits, neither zero, may be a 分值 and its 得分 run together: ``44``
    is 4 and 4)."""
    if short and parts == 2 and _SHORT_PAIR.fullmatch(text):
        return [(text[0], text[1])]
    sign = _SIGN.match(text)
    if sign is not None:  # ≥1001203030: the first number's sign, the target's
        cuts = number_cuts(text[sign.end() :], parts)
        return [(sign.group(0) + first, *rest) for first, *rest in cuts]
    run = _RUN.fullmatch(text)
    if run is None or len(run.group("digits")) < max(3, parts):
        return []
    return _cuts(text, parts)


_SHORT = 2
_SIGN = re.compile(r"[≥≤<>=＞＜]{1,2}")
_SHORT_PAIR = re.compile(r"[1-9]{2}")
_MARKS = ("weight", "score")
"""The only columns two digits run together are read into."""


def _cuts(text: str, parts: int) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for cut in range(1, len(text)):
        head, rest = text[:cut], text[cut:]
        if not NUMBER_PIECE.fullmatch(head):
            continue
        if parts > 2:
            out += [(head, *tail) for tail in _cuts(rest, parts - 1)]
        else:
            last = _LAST.fullmatch(rest)
            if last is not None and Decimal(last.group(1)) > 0:
                out.append((head, rest))
        if len(out) > _MAX_CUTS:
            return []
    return out


def _trace(
    tokens: list[Token],
    columns: list[str],
    back: list[list[_Step | None]],
    n: int,
    c: int,
) -> tuple[list[CutRow], list[Token]]:
    rows: list[dict[str, list[Token]]] = [{}]
    runs: list[list[NumberRun]] = [[]]
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
            cols, pieces = step.split
            token = tokens[step.i]
            for n, (col, piece) in enumerate(zip(cols, pieces, strict=True)):
                rows[-1][columns[col]] = [replace(token, text=piece, glued=token.glued or n > 0)]
            runs[-1].append(NumberRun(token, tuple(columns[col] for col in cols)))
        else:
            rows[-1][columns[c]] = tokens[step.i : j]
        if step.new and step.i > 0:
            rows.append({})
            runs.append([])
        j, c = step.i, step.prev
    out = [
        CutRow(_in_order(r, columns), tuple(u))
        for r, u in zip(reversed(rows), reversed(runs), strict=True)
        if r
    ]
    return out, left[::-1]


_LABELS = frozenset({"seq", "level1", "level2"})


def explaining(column: str) -> bool:
    """A column of words that explain the indicator (指标说明, 评分标准, 指标解释)."""
    return column == "explain" or column.startswith("extra")


def _merged_names(rows: list[CutRow], columns: list[str]) -> list[CutRow]:
    """A row printed without its 三级指标 (a cell merged over it and the row above) has
    the name of the row above."""
    out: list[CutRow] = []
    for row in rows:
        rest = [t for c, ts in row.cells.items() if c not in _LABELS for t in ts if t.text]
        if rest and "name" not in row.cells and out and "name" in out[-1].cells:
            cells = {**row.cells, "name": out[-1].cells["name"]}
            row = replace(row, cells=_in_order(cells, columns))
        out.append(row)
    return out


def _in_order(row: dict[str, list[Token]], columns: list[str]) -> dict[str, list[Token]]:
    return {col: row[col] for col in columns if col in row}
