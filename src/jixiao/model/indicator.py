"""Indicator rows (绩效指标) and grade bands."""

from __future__ import annotations

from jixiao.model.base import Frozen
from jixiao.model.number import Number
from jixiao.model.source import LineRange

__all__ = ["GradeBand", "Indicator"]


class Indicator(Frozen):
    """One indicator row, the same class for all three kinds of form.

    ``level1``/``level2`` are the 一级/二级 labels (carried down from merged cells),
    ``name`` the 三级指标. Legacy rows use ``target`` for 指标解释 and have no level2;
    target declarations have no actual, weight, score or note.
    """

    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: Number | None = None
    score: Number | None = None
    note: str | None = None
    lines: LineRange | None = None


class GradeBand(Frozen):
    """A grade and the lowest total (inclusive) that earns it, as printed in a form."""

    grade: str
    min_score: Number
