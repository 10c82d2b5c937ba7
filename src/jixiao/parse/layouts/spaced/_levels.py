"""Which 一级/二级 labels each row carries.

A merged label cell is printed once, usually just above (or beside) the first row
of its group, so a row carries the last labels begun above it; rows above the very
first label belong to the first group (its text was printed lower, e.g. after a
page break).

One case stays ambiguous from the text alone: a label printed whole on one line
(seed 002's habit; vertical labels are printed from the top of their cell) at the
top of a page may be the centred text of a merged cell that began on the previous
page, so the row just before the page break may belong to it. There the form's own weights
decide (财预〔2020〕10号: 产出 50, 效益 30, 满意度 10 points): the row moves to
the new group only if that brings the 一级 totals strictly closer to the standard,
and a P004 finding says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.parse.families import lost_level1

from ._labels import Label
from ._rows import Row

__all__ = ["Levels", "assign_levels", "name_lost_level1"]

STANDARD = {"产出指标": Decimal(50), "效益指标": Decimal(30), "满意度指标": Decimal(10)}


@dataclass
class Levels:
    level1: Label | None
    level2: Label | None
    moved: str | None = None
    """Why the row was moved across a page break (for a P004 finding)."""
    named: str | None = None
    """Why the 一级 label, whose words the text lost, is the one named (a P006 finding)."""

    @property
    def texts(self) -> tuple[str | None, str | None]:
        # a 一级 label "" is a cell whose name the text lost: no 一级
        return (
            self.level1.text or None if self.level1 else None,
            self.level2.text if self.level2 else None,
        )


def _levels(row: Row, labels: list[Label]) -> Levels:
    levelled = [lab for lab in labels if lab.level in (1, 2)]
    level1: Label | None = None
    level2: Label | None = None
    rest: list[Label] = []
    for i, lab in enumerate(levelled):
        if lab.start >= row.start:
            rest = levelled[i:]
            break
        if lab.level == 1:
            level1, level2 = lab, None
        else:
            level2 = lab
    if level1 is None and rest and rest[0].level == 1:
        level1, rest = rest[0], rest[1:]
    if level2 is None and rest and rest[0].level == 2:
        level2 = rest[0]
    return Levels(level1, level2)


def _deviation(rows: list[Row], levels: list[Levels]) -> Decimal:
    sums: dict[str, Decimal] = {}
    for row, lv in zip(rows, levels, strict=True):
        key = lv.texts[0]
        if key in STANDARD:
            sums[key] = sums.get(key, Decimal(0)) + Decimal(row.weight)
    return sum((abs(v - STANDARD[k]) for k, v in sums.items()), Decimal(0))


def _follower(label: Label, labels: list[Label]) -> Label | None:
    """The 二级 label printed right after a 一级 label, if any."""
    i = labels.index(label)
    nxt = labels[i + 1] if i + 1 < len(labels) else None
    return nxt if nxt is not None and nxt.level == 2 else None


def assign_levels(rows: list[Row], labels: list[Label], page_starts: set[int]) -> list[Levels]:
    """The labels of every row (see the module docstring)."""
    levels = [_levels(row, labels) for row in rows]
    for label in labels:
        if label.level != 1 or len(label.parts) != 1:
            continue
        before = [i for i, r in enumerate(rows) if r.start < label.start]
        if not before:
            continue
        k = before[-1]
        last_line = max(rows[k].lines())
        crossed = any(last_line < p <= label.start[0] for p in page_starts)
        group = [i for i in before if levels[i].level1 is levels[k].level1]
        if not crossed or levels[k].level1 is label or len(group) < 2:
            continue
        trial = list(levels)
        trial[k] = Levels(label, _follower(label, labels))
        old, new = _deviation(rows, levels), _deviation(rows, trial)
        if new < old:
            trial[k].moved = (
                f"第 {label.start[0]} 行分页处的标签「{label.text}」也可属上页末行；"
                f"按一级指标分值合计与标准（产出 50、效益 30、满意度 10）的差距 {old} → {new} 选取"
            )
            levels = trial
    return levels


def name_lost_level1(levels: list[Levels], printed: Mapping[Decimal, set[str]]) -> list[Levels]:
    """``levels`` with each 一级 cell whose words the text lost (``(50分)`` alone on its
    line) named where the form prints which 一级 label has that weight and the 二级
    labels of its rows belong to it (:func:`~jixiao.parse.families.lost_level1`); the
    others as they were."""
    groups: dict[int, list[int]] = {}
    for i, lv in enumerate(levels):
        if lv.level1 is not None and lv.level1.level == 1 and not lv.level1.text:
            groups.setdefault(id(lv.level1), []).append(i)
    out = list(levels)
    for rows in groups.values():
        lost = levels[rows[0]].level1
        assert lost is not None
        level2s = [levels[i].texts[1] for i in rows]
        name = lost_level1(level2s, lost.weight, printed)
        if name is None:
            continue
        label = replace(lost, text=name)
        reason = (
            f"第 {lost.start[0]} 行的一级指标合并格只印出分值（{lost.weight}分），"
            f"表中注明{name} {lost.weight} 分，其下的二级指标"
            f"「{'、'.join(dict.fromkeys(t for t in level2s if t))}」都属于{name}"
        )
        for i in rows:
            out[i] = replace(levels[i], level1=label, named=reason)
    return out
