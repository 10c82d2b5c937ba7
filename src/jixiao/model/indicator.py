"""Indicator rows (绩效指标) and grade bands."""

from __future__ import annotations

from typing import Any

from pydantic import computed_field, model_validator

from jixiao.model.base import Frozen
from jixiao.model.number import Number
from jixiao.model.source import LineRange
from jixiao.model.value import ParsedValue
from jixiao.model.value_grammar import parse_value

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

    @model_validator(mode="before")
    @classmethod
    def _drop_derived(cls, data: Any) -> Any:
        """Accept the computed ``parsed_*`` keys of dumped data and drop them (they are
        recomputed), so JSON → model → JSON is the identity."""
        if isinstance(data, dict) and _DERIVED & data.keys():
            return {k: v for k, v in data.items() if k not in _DERIVED}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def parsed_target(self) -> ParsedValue | None:
        """The 年度指标值 read by the value grammar (DESIGN §5)."""
        return parse_value(self.target)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def parsed_actual(self) -> ParsedValue | None:
        """The 实际完成值 read by the value grammar (DESIGN §5)."""
        return parse_value(self.actual)


_DERIVED = frozenset({"parsed_target", "parsed_actual"})


class GradeBand(Frozen):
    """A grade and the lowest total (inclusive) that earns it, as printed in a form."""

    grade: str
    min_score: Number
