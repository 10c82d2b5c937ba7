"""一级 labels printed in the middle of their merged cell, moved to its first row.

Text taken from a PDF prints a merged cell's label where the cell's middle is: after
the first of its four rows (``…数量指标 培训班期数 … 产出指标(40分) 质量指标 …``). Read
as printed, the rows above the label take the label before it (a 社会效益 row under
产出指标). :func:`labels_at_top` moves each label to the first row it spans, found by
the label's printed weight (the rows whose 分值 add up to it) or else by the 二级
labels under it (数量/质量/时效 belong to 产出指标, 社会效益/可持续影响 to 效益指标 …);
it moves nothing unless every row then sits under a label its 二级 belongs to.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal

from jixiao.parse.families import FAMILIES, family
from jixiao.parse.rebuild.indicator_rows import CutRow
from jixiao.parse.rebuild.row_check import points
from jixiao.parse.rebuild.vocab import printed_weight, without_weight
from jixiao.parse.text import join_cell

__all__ = ["labels_at_top"]


def labels_at_top(rows: list[CutRow]) -> list[CutRow]:
    """``rows`` with each 一级 label in the first row of its merged cell (where its
    weight or its 二级 labels place it), or as they were."""
    labels = [k for k, r in enumerate(rows) if _cell(r, "level1")]
    if not labels:
        return rows
    starts = _by_weights(rows, labels) or _by_families(rows, labels)
    if starts is None or starts == labels:
        return rows
    out = [replace(r, cells={c: ts for c, ts in r.cells.items() if c != "level1"}) for r in rows]
    for p, a in zip(labels, starts, strict=True):
        out[a] = replace(out[a], cells={"level1": rows[p].cells["level1"], **out[a].cells})
    return out


def _by_weights(rows: list[CutRow], labels: list[int]) -> list[int] | None:
    """The first row of each label's cell when every label prints its weight and the
    rows' 分值 cut into runs that add up to them, each holding its label's row."""
    marks = [printed_weight(_cell(rows[k], "level1")) for k in labels]
    printed = [points(_cell(r, "weight")) if "name" in r.cells else None for r in rows]
    weights = [w for w in printed if w is not None and w > 0]
    if any(m is None for m in marks) or len(weights) < len(rows):
        return None
    if any("weight" in r.unsure for r in rows):
        return None
    sums = list(itertools.accumulate(weights, initial=Decimal(0)))  # sums[k]: rows before k
    starts: list[int] = []
    total, k = Decimal(0), 0
    for m in marks:
        assert m is not None
        starts.append(k)
        total += Decimal(m)
        while k < len(rows) and sums[k + 1] <= total:
            k += 1
        if sums[k] != total:
            return None
    ends = [*starts[1:], len(rows)]
    if k != len(rows) or any(not a <= p < b for p, a, b in zip(labels, starts, ends, strict=True)):
        return None
    return starts


def _by_families(rows: list[CutRow], labels: list[int]) -> list[int] | None:
    """The first row of each label's cell by the 二级 labels: each label moved up over
    the rows right above it whose 二级 belongs to it and not to the label they would
    take; ``None`` unless every row's 二级 then fits its label."""
    stems = [_stem(_cell(rows[k], "level1")) for k in labels]
    families = _filled(rows)
    if not _conflicts(labels, stems, families) and not any(families[: labels[0]]):
        return labels
    starts: list[int] = []
    for n, (p, stem) in enumerate(zip(labels, stems, strict=True)):
        a = p
        floor = starts[-1] + 1 if starts else 0
        while (
            a - 1 >= floor
            and stem in families[a - 1]
            and (not n or stems[n - 1] not in families[a - 1])
        ):
            a -= 1
        starts.append(a)
    return None if _conflicts(starts, stems, families) else starts


def _conflicts(starts: list[int], stems: list[str], families: list[set[str]]) -> bool:
    """Some row under a label (read down from ``starts``) its 二级 does not belong to."""
    for k, belongs in enumerate(families):
        above = [s for a, s in zip(starts, stems, strict=True) if a <= k]
        if above and belongs and above[-1] in _KNOWN and above[-1] not in belongs:
            return True
    return False


_KNOWN = frozenset(stem for stem, _ in FAMILIES)


def _stem(label: str) -> str:
    return without_weight(label).removesuffix("指标")


def _filled(rows: list[CutRow]) -> list[set[str]]:
    """The 一级 stems each row's 二级 label belongs to (:func:`_family`); a row printing
    no 二级 label sits in the merged 二级 cell of the row above and takes its stems."""
    out: list[set[str]] = []
    for row in rows:
        level2 = _cell(row, "level2")
        out.append(_family(level2) if level2 or not out else out[-1])
    return out


def _family(level2: str) -> set[str]:
    """The 一级 stems a 二级 label is printed under (none known: an empty set)."""
    return family(without_weight(level2))


def _cell(row: CutRow, column: str) -> str:
    return join_cell(t.text for t in row.cells.get(column, ())) or ""
