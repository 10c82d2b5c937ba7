"""Readings of equal cost: the form's arithmetic picks one, or their doubt is said.

Where a flattening dropped empty cells, two readings of an indicator table may cost
the same (``3 | 9.3 | 9.3`` under 年度指标值, 实际完成值, 分值, 得分 is a target, an
actual and a weight, or a target, a weight and a score). The readings that the form's
arithmetic confirms (:func:`~.row_check.rows_fit`) are kept; of two, the one whose
得分 add up to the printed 总分 is taken; when the arithmetic cannot tell them apart,
only the cells both readings agree on are written and the others are left out with a
finding (P012), never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from jixiao.parse.rebuild.indicator_rows import (
    CutRow,
    Reading,
    cut_off_row,
    texts_in_their_column,
)
from jixiao.parse.rebuild.number_runs import resolve
from jixiao.parse.rebuild.row_check import Printed, rows_fit, scores_add_up
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import looks_like_value

__all__ = ["Settled", "settle"]


@dataclass
class Settled:
    rows: list[CutRow] = field(default_factory=list)
    stray: list[Token] = field(default_factory=list)
    doubtful: list[list[Token]] = field(default_factory=list)
    """The tokens of each row whose cells the readings placed differently (left out)."""


def settle(
    readings: list[Reading],
    columns: list[str],
    printed: Printed,
    cells_kept: bool,
    strict: Callable[[], list[Reading]] | None = None,
) -> Settled:
    """The rows to write from the cheapest ``readings`` (empty when none fits).

    ``strict``: the readings where an empty cell stands for no empty value (a web
    page's padding after a row's last cell), taken instead when their 得分 add up to
    the printed 总分 and those of ``readings`` do not."""
    if cells_kept:
        readings = [cut_off_row(r) for r in readings]
    readings = [
        (resolve(texts_in_their_column(rows), columns, printed), stray) for rows, stray in readings
    ]
    fits = [
        r
        for r in readings
        if r[0] and rows_fit(r[0], columns, printed, cells_kept, r[1]) and not _values_left(*r)
    ]
    scored = [r for r in fits if scores_add_up(r[0], printed)]
    if not scored and strict is not None and printed.total_score is not None:
        other = settle(strict(), columns, printed, cells_kept)
        if other.rows and scores_add_up(other.rows, printed):
            return other
    if not fits:
        return Settled()
    if len(scored) == 1:
        fits = scored
    if len(fits) == 1:
        return Settled(*fits[0])
    return _agreed(fits[0], fits[1])


def _values_left(rows: list[CutRow], stray: list[Token]) -> bool:
    """Numbers run together were cut into cells while a value was left out of every
    row: the run might have been cut so that the value had a cell (``1074%`` as 10 | 7 |
    4% with ``53%`` left over, or 10 | 74% and 53% the 实际完成值)."""
    return any(r.runs for r in rows) and any(looks_like_value(t.text) for t in stray)


def _agreed(first: Reading, other: Reading) -> Settled:
    """The rows of ``first``, each cell kept only where ``other`` reads the same text
    into it from the same tokens (empty cells aside: where a printed empty cell goes
    changes no value); a row ``other`` cuts another way keeps its labels only."""
    rows, stray = first
    out = Settled(stray=[t for t in stray if t in other[1]])
    placed = [t for t in stray if t not in other[1] and t.text]  # a cell in the other reading
    if placed:
        out.doubtful.append(placed)
    theirs = {_key(r.tokens): r for r in other[0]}
    for row in rows:
        twin = theirs.get(_key(row.tokens))
        same = {
            c: ts
            for c, ts in row.cells.items()
            if twin is not None and _key(twin.cells.get(c, [])) == _key(ts)
        }
        if len(same) == len(row.cells):
            out.rows.append(row)
            continue
        labels = {c: ts for c, ts in row.cells.items() if c in ("level1", "level2")}
        kept = same if twin is not None else labels
        if any(t.text for ts in kept.values() for t in ts):
            out.rows.append(replace(row, cells=kept))
        left = [t for c, ts in row.cells.items() if c not in kept for t in ts if t.text]
        if left:
            out.doubtful.append(left)
    return out


def _key(tokens: list[Token]) -> tuple[tuple[int, str], ...]:
    """The text a run of tokens holds, where it stands (empty cells aside)."""
    return tuple((t.line, t.text) for t in tokens if t.text)
