"""Numbers run together, cut by the arithmetic of the whole table.

``12.512.512.5`` after an indicator's name is 分值, 年度指标值 and 实际完成值: 12.5,
12.5, 12.5 — or 12.5, 12.51, 2.5, or 12.51, 2.5, 12.5. One row alone cannot tell.
The table can: its 分值 add up to the printed 总分值 (less the budget's own), each
得分 is at most its 分值, and its 得分 may add up to the printed 总分. :func:`resolve`
weighs every cut of every run in the table together and writes a cell only where all
the cuts that keep the arithmetic give it the same text; the others are marked
``unsure`` (left out, kept whole in a finding), never guessed. The rows of a table
have one shape: runs read into different columns in different rows (``151515`` as
分值 and 年度指标值 where ``12.512.512.5`` was three cells), or a run followed by an
empty number column it might have filled, make every run unsure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from jixiao.parse.rebuild.cell_costs import INF, cell_cost
from jixiao.parse.rebuild.indicator_rows import CutRow, number_cuts
from jixiao.parse.rebuild.row_check import Printed, expected_scores, expected_weights, points
from jixiao.parse.rebuild.tokens import Token

__all__ = ["one_shape", "resolve", "shapes"]

_Sums = tuple[Decimal, Decimal]
_CENT = Decimal("0.01")
_MAX_STATES = 4096
"""Beyond this many partial sums the arithmetic is no help: every run stays unsure."""
_MAX_OPTIONS = 64


def resolve(rows: list[CutRow], columns: list[str], printed: Printed) -> list[CutRow]:
    """``rows`` (under a header of ``columns``) with every run of numbers cut where the
    table's arithmetic allows one text per cell, and the cells it does not settle
    marked ``unsure``."""
    if not any(r.runs for r in rows):
        return rows
    rows = _as_the_others(rows, columns)
    if not one_shape(rows, columns) or any(_open(r, columns) for r in rows):
        return [_settled(r, []) for r in rows]  # no cut is sure
    options = [_options(r) for r in rows]
    weights = expected_weights(printed) if "weight" in columns else set()
    scores = expected_scores(printed) if "score" in columns else set()
    feasible = _feasible(options, weights, scores) if scores else None
    scored = any("score" in run.columns for r in rows for run in r.runs)
    if scores and scored and (feasible is None or not all(feasible)):
        feasible = None  # no cut of the 得分 run together meets the printed 总分: none is sure
    elif feasible is None or not all(feasible):
        feasible = _feasible(options, weights, set())
    if feasible is None or not all(feasible):  # no cut keeps the arithmetic: none is sure
        feasible = [[] for _ in rows]
    return [_settled(r, ok) for r, ok in zip(rows, feasible, strict=True)]


_NUMBERS = ("target", "actual", "weight", "score")


def _as_the_others(rows: list[CutRow], columns: list[str]) -> list[CutRow]:
    """``rows`` with a row read apart from the others marked unsure: where every other
    row is a name and a run (``质量指标建设符合验收要求2020``: 20 | 20), a row read as a
    name, a glued value and a number that cuts into the same run
    (``建设普通省道二级公路32.1公里2020``: 32.1公里 | 2020, or a name ending in 32.1公里
    and 20 | 20?) has a name and values no rule settles: left out, never guessed.
    Only where the others, at least two, all read one shape of run after the name."""
    shapes = {run.columns for r in rows for run in r.runs}
    if len(shapes) != 1 or "name" not in columns:
        return rows
    shape = shapes.pop()
    first = columns.index(shape[0])
    if len(shape) < _TWO or first == 0 or columns[first - 1] != "name":
        return rows
    apart = [i for i, r in enumerate(rows) if not r.runs and _filled(r, shape[-1])]
    if len(apart) != 1 or sum(1 for r in rows if r.runs) < _TWO:
        return rows
    out = list(rows)
    out[apart[0]] = _doubted(rows[apart[0]], shape)
    return out


_TWO = 2


def _doubted(row: CutRow, shape: tuple[str, ...]) -> CutRow:
    """``row`` with its name and ``shape``'s cells unsure where its last number is glued
    and would cut into ``shape`` and the values before it ran into the name (glued)."""
    last = row.cells.get(shape[-1], [])
    before = [t for c in shape[:-1] for t in row.cells.get(c, [])]
    if "name" not in row.cells or len(last) != 1 or not last[0].glued:
        return row
    if not before or not all(t.glued for t in before):
        return row  # a value printed apart is a cell of its own
    if not number_cuts(last[0].text, len(shape)):
        return row
    return replace(row, unsure=row.unsure | {"name", *shape})


def _open(row: CutRow, columns: list[str]) -> bool:
    """A run in ``row`` with a number column after its first left empty: the run
    might have filled it (``5555`` as 5 | 555 with the 实际完成值 and 得分 empty, or
    ``454545 44`` as 45 | 4545 | 44 with no 得分), so its width is not sure; so too
    an empty number column before it, after the name, where the run makes one number
    more (``1111`` as 11 | 11 with no 年度指标值 or 实际完成值, or 1 | 1 | 1 | 1)."""
    for run in row.runs:
        first = columns.index(run.columns[0])
        later = [c for c in columns[first:] if c in _NUMBERS]
        if any(not _filled(row, c) for c in later):
            return True
        start = columns.index("name") + 1 if "name" in columns else 0
        before = [c for c in columns[start:first] if c in _NUMBERS and not _filled(row, c)]
        if before and number_cuts(run.token.text, len(run.columns) + 1):
            return True
    return False


def one_shape(rows: list[CutRow], columns: list[str]) -> bool:
    """The runs of numbers in ``rows`` are read into the same columns in every row, or
    (where a run's width differs from row to row: ``≤441010`` the 年度指标值, 实际完成值,
    分值 and 得分, ``55`` after ``≥95% 100%`` only the 分值 and 得分) every run ends in
    the same column, none could be read as a narrower one, and every row with a run
    fills the same number columns: the rows of a table have one shape. (A run ending
    before a number printed apart, ``454545 44``, beside one that takes that column,
    ``5555``, or a wide run the narrower reading fits too, leave the width in doubt.)"""
    runs = {run.columns for r in rows for run in r.runs}
    if len(runs) <= 1:
        return True
    if len({c[-1] for c in runs}) > 1:
        return False
    for run in (run for r in rows for run in r.runs):
        if any(len(s) < len(run.columns) and _fits(run.token, s) for s in runs):
            return False  # 1111 as 11 | 11 like the rows' 8989: its width is in doubt
    numbers = [c for c in columns if c in _NUMBERS]
    filled = {tuple(c for c in numbers if _filled(r, c)) for r in rows if r.runs}
    return len(filled) == 1


def _fits(token: Token, shape: tuple[str, ...]) -> bool:
    """``token`` can be read as a run of the narrower ``shape`` too (a sign or a unit
    that only a 年度指标值 takes says it cannot: ``≤441010`` is no 分值 and 得分)."""
    return any(
        all(
            cell_cost(c, [replace(token, text=p)]) < INF for c, p in zip(shape, pieces, strict=True)
        )
        for pieces in number_cuts(token.text, len(shape), short=True)
    )


def _filled(row: CutRow, column: str) -> bool:
    return bool("".join(t.text for t in row.cells.get(column, ())))


def shapes(readings: list[tuple[list[CutRow], list[Token]]]) -> set[tuple[str, ...]]:
    """The columns the runs of numbers in ``readings`` were read into."""
    return {run.columns for rows, _ in readings for r in rows for run in r.runs}


_Goal = tuple[Decimal | None, Decimal | None]
"""A Σ 分值 and a Σ 得分 the table must reach (``None``: either, unchecked)."""
_Option = tuple[dict[str, str], Decimal, Decimal]
"""A row's run cells (column → text) and the row's 分值 and 得分 with them."""


def _options(row: CutRow) -> list[_Option]:
    """The readings of ``row``'s runs that fit their columns and keep 得分 ≤ 分值."""
    fixed = {c: "".join(t.text for t in ts) for c, ts in row.cells.items()}
    choices: list[list[dict[str, str]]] = []
    for run in row.runs:
        cuts = []
        for pieces in number_cuts(run.token.text, len(run.columns), short=True)[:_MAX_OPTIONS]:
            if all(
                cell_cost(c, [replace(run.token, text=p)]) < INF
                for c, p in zip(run.columns, pieces, strict=True)
            ):
                cuts.append(dict(zip(run.columns, pieces, strict=True)))
        choices.append(cuts)
    out: list[_Option] = []
    for combo in itertools.product(*choices):
        cells = dict(fixed)
        for part in combo:
            cells.update(part)
        weight, score = points(cells.get("weight", "")), points(cells.get("score", ""))
        if row.runs and weight is not None and score is not None and score > weight:
            continue
        named = "name" in row.cells  # a row without a name adds to no sum (column_sum)
        out.append(
            (
                {c: cells[c] for run in row.runs for c in run.columns},
                (weight or Decimal(0)) if named else Decimal(0),
                (score or Decimal(0)) if named else Decimal(0),
            )
        )
        if len(out) > _MAX_OPTIONS:
            return []
    return out


def _feasible(
    options: list[list[_Option]], weights: set[Decimal], scores: set[Decimal]
) -> list[list[_Option]] | None:
    """The options of each row that some choice for the other rows completes into a
    table whose 分值 add up to one of ``weights`` (and 得分 to one of ``scores``, when
    given); ``None`` when the sums grow too many to follow."""
    forward: list[set[_Sums]] = [{(Decimal(0), Decimal(0))}]
    for opts in options:
        forward.append(_step(forward[-1], opts))
        if len(forward[-1]) > _MAX_STATES:
            return None
    backward: list[set[_Sums]] = [{(Decimal(0), Decimal(0))}]
    for opts in reversed(options):
        backward.append(_step(backward[-1], opts))
        if len(backward[-1]) > _MAX_STATES:
            return None
    backward.reverse()
    goals = {(w, s) for w in _or_any(weights) for s in _or_any(scores)}
    out: list[list[_Option]] = []
    for i, opts in enumerate(options):
        after = _Rest(backward[i + 1])
        keep = [o for o in opts if any(after.meets(f, o, goals) for f in forward[i])]
        out.append(keep)
    return out


class _Rest:
    """The sums the rows after one may add, to look up what a goal still needs."""

    def __init__(self, sums: set[_Sums]) -> None:
        self.both = sums
        self.weights = {w for w, _ in sums}
        self.scores = {s for _, s in sums}

    def meets(self, before: _Sums, option: _Option, goals: set[_Goal]) -> bool:
        weight = before[0] + option[1]
        score = before[1] + option[2]
        for w, s in goals:
            if w is None:
                if s is None or _q(s - score) in self.scores:
                    return bool(self.both)
            elif s is None:
                if _q(w - weight) in self.weights:
                    return True
            elif (_q(w - weight), _q(s - score)) in self.both:
                return True
        return False


def _or_any(sums: set[Decimal]) -> list[Decimal | None]:
    """The sums to reach, or ``[None]`` (any) when none is printed."""
    return [_q(v) for v in sums] or [None]


def _step(sums: Iterable[_Sums], options: list[_Option]) -> set[_Sums]:
    return {(_q(w + ow), _q(s + os)) for w, s in sums for _, ow, os in options}


def _q(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(_CENT)


_SHAPE = re.compile(r"(?P<int>\d+)(?:\.(?P<dec>\d+))?(?P<unit>\D*)")
_AT_MOST = "≤<＜"


def _shape(text: str) -> tuple[int, int, str] | None:
    """A number's printed shape: its digits before and after the point, and its unit."""
    m = _SHAPE.fullmatch(text.lstrip("≥≤<>=＞＜"))
    return (len(m["int"]), len(m["dec"] or ""), m["unit"]) if m else None


def _reached(row: CutRow, option: _Option) -> bool:
    """The row scores its full 分值 and the option's 实际完成值 reaches its 年度指标值
    (at least it, or at most it under a printed ≤), both printed in one shape: the
    digits before and after the point and the unit (``12.512.5`` as 12.5 | 12.5, not
    12.51 | 2.5; ``9095`` as 90 | 95)."""
    cells = {c: "".join(t.text for t in ts) for c, ts in row.cells.items()} | option[0]
    target, actual = cells.get("target", ""), cells.get("actual", "")
    weight, score = points(cells.get("weight", "")), points(cells.get("score", ""))
    if weight is None or score != weight or _shape(target) is None:
        return False
    if _shape(target) != _shape(actual):
        return False
    a, b = points(target.lstrip("≥≤<>=＞＜")), points(actual)
    if a is None or b is None:
        return False
    return b <= a if target[:1] in _AT_MOST else b >= a


def _preferred(row: CutRow, options: list[_Option]) -> list[_Option]:
    """Of the cuts that keep the table's arithmetic, the one by which a row scoring its
    full 分值 reached its target (:func:`_reached`), where exactly one reading does;
    else all of them (nothing is preferred, the cells stay unsure)."""
    if not any("target" in r.columns and "actual" in r.columns for r in row.runs):
        return options
    fit = [o for o in options if _reached(row, o)]
    return fit if len({tuple(sorted(o[0].items())) for o in fit}) == 1 else options


def _settled(row: CutRow, options: list[_Option]) -> CutRow:
    """``row`` with each run's cells the text every feasible option gives them, the
    others left as the row builder cut them and marked unsure."""
    if not row.runs:
        return row
    options = _preferred(row, options)
    cells = dict(row.cells)
    unsure = set(row.unsure)
    for run in row.runs:
        for column in run.columns:
            texts = {o[0][column] for o in options}
            if len(texts) == 1:
                cells[column] = [replace(cells[column][0], text=texts.pop())]
            else:
                unsure.add(column)
    return replace(row, cells=cells, unsure=frozenset(unsure))
