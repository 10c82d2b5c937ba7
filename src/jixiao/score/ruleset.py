"""A ruleset (评分规则): every scoring switch of DESIGN §6 as validated, frozen data.

The bundled files live in ``jixiao/score/rulesets/*.toml``; a user can write their own
(see ``docs/rulesets.md``). Loading and validation are in :mod:`jixiao.score.loading`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from jixiao.model.base import Frozen
from jixiao.model.forms import FormKind
from jixiao.model.number import Number
from jixiao.model.value import Tier

__all__ = [
    "AuditThresholds",
    "Band",
    "BudgetRule",
    "Grade",
    "HedgedTier",
    "QualitativeRule",
    "Rounding",
    "Ruleset",
    "Tolerance",
    "Weights",
    "grade_in",
]

RoundingMode = Literal["half_up", "half_even", "down"]
_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}


@cache
def _step(places: int) -> Decimal:
    """``10 ** -places`` (made once: every row's points are rounded to it)."""
    return Decimal(1).scaleb(-places)


class BudgetRule(Frozen):
    """预算执行率: score = weight × rate / 100, capped at the weight when ``cap``."""

    weight: Number = Decimal(10)
    """Used when the form prints no budget weight."""
    cap: bool = True


class ReverseRule(Frozen):
    """Reverse indicators (≤ <) missed: ``ratio`` weight × t/a, ``linear``
    weight × (1 − (a−t)/t), floored at 0."""

    formula: Literal["ratio", "linear"] = "ratio"


class ZeroTargetRule(Frozen):
    """Targets ``=0`` / ``≤0``: ``all_or_nothing`` (full when the actual is 0, else 0) or
    ``unscorable`` (keep the reported score)."""

    rule: Literal["all_or_nothing", "unscorable"] = "all_or_nothing"


class Band(Frozen):
    """A qualitative tier's allowed score, in percent of the weight."""

    low: Number = Field(ge=0, le=100)
    high: Number = Field(ge=0, le=100)
    low_inclusive: bool = True
    high_inclusive: bool = True

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.low > self.high:
            raise ValueError("low 不能大于 high")
        return self

    def contains(self, points: Decimal, weight: Decimal) -> bool:
        """Whether ``points`` lies in this band of ``weight`` (edges as configured)."""
        low, high = weight * self.low / 100, weight * self.high / 100
        above = points >= low if self.low_inclusive else points > low
        below = points <= high if self.high_inclusive else points < high
        return above and below


HedgedTier = Literal["achieved", "partial", "unscorable"]


class QualitativeRule(Frozen):
    """The bands of the three tiers (达成 / 部分达成 / 未达成), and the tier of an actual
    hedged with 较 / 比较 / 较为 / 基本 (较及时, 基本完成): ``hedged``."""

    hedged: HedgedTier = "achieved"
    achieved: Band = Band(low=Decimal(80), high=Decimal(100))
    partial: Band = Band(low=Decimal(60), high=Decimal(80))
    not_achieved: Band = Band(low=Decimal(0), high=Decimal(60), high_inclusive=False)

    def band(self, tier: Tier) -> Band:
        """The band of ``tier``."""
        return {
            Tier.ACHIEVED: self.achieved,
            Tier.PARTIAL: self.partial,
            Tier.NOT_ACHIEVED: self.not_achieved,
        }[tier]


class Rounding(Frozen):
    """How points (``mode``) and the budget execution rate (``rate_mode``) are rounded."""

    places: int = Field(default=2, ge=0, le=6)
    mode: RoundingMode = "half_up"
    rate_mode: RoundingMode = "half_up"

    @property
    def unit(self) -> Decimal:
        """The smallest step, e.g. ``0.01``."""
        return _step(self.places)

    def points(self, value: Decimal) -> Decimal:
        """``value`` rounded as points are."""
        return value.quantize(self.unit, rounding=_MODES[self.mode])

    def rate(self, value: Decimal) -> Decimal:
        """``value`` (percent) rounded as the execution rate is."""
        return value.quantize(self.unit, rounding=_MODES[self.rate_mode])


class Tolerance(Frozen):
    """How far a reported figure may differ from the computed one and still agree."""

    points: Number = Field(default=Decimal("0.01"), ge=0)
    rate: Number = Field(default=Decimal("0.01"), ge=0)
    """Percent."""


class Grade(Frozen):
    """A grade and the lowest total (inclusive) that earns it."""

    name: str = Field(min_length=1)
    min: Number = Field(ge=0)


class Weights(Frozen):
    """The expected first-level weights; a deviation beyond ``tolerance`` points warns."""

    level1: dict[str, Number] = {}
    tolerance: Number = Field(default=Decimal(10), ge=0)


class AuditThresholds(Frozen):
    """Numbers the audit reads (DESIGN §7)."""

    budget_far_ratio: Number = Field(default=Decimal("0.2"), ge=0)
    """全年预算数 differs from 年初预算数 by more than this share → unexplained change."""
    near_zero_rate: Number = Field(default=Decimal(5), ge=0)
    """An execution rate (percent) at or below this counts as "executed at about 0 %"."""
    lenient_margin: Number = Field(default=Decimal("0.01"), ge=0)
    """Reported score above the computed one by more than this many points is lenient."""
    target_low_ratio: Number = Field(default=Decimal(3), gt=1)
    """An actual at least this many times its (positive) target, in the same unit, says
    the target was set too low (Q006, and X007 against last year's actuals)."""


class Ruleset(Frozen):
    """One set of scoring rules. ``name`` is the identifier used on the command line."""

    name: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    title: str
    description: str = ""
    kinds: tuple[FormKind, ...] = ("self_evaluation",)
    budget: BudgetRule = BudgetRule()
    reverse: ReverseRule = ReverseRule()
    zero_target: ZeroTargetRule = ZeroTargetRule()
    qualitative: QualitativeRule = QualitativeRule()
    rounding: Rounding = Rounding()
    tolerance: Tolerance = Tolerance()
    grades: tuple[Grade, ...] = Field(min_length=1)
    full_marks: Number = Field(default=Decimal(100), gt=0)
    """The total weight of a form that prints no 总分值: the computed total never exceeds
    it (nor the printed 总分值)."""
    weights: Weights = Weights()
    audit: AuditThresholds = AuditThresholds()

    @model_validator(mode="after")
    def _grades_cover_zero(self) -> Ruleset:
        if min(g.min for g in self.grades) != 0:
            raise ValueError("grades 中必须有一个等级的 min 为 0")
        if len({g.name for g in self.grades}) != len(self.grades):
            raise ValueError("grades 中的等级名称重复")
        return self

    def grade_for(self, total: Decimal) -> str:
        """The grade ``total`` earns: the highest band whose ``min`` it reaches."""
        return grade_in(((g.name, g.min) for g in self.grades), total)


def grade_in(bands: Iterable[tuple[str, Decimal]], total: Decimal) -> str:
    """The grade of ``total`` among ``(name, min)`` pairs (any order, at least one)."""
    ordered = sorted(bands, key=lambda b: -b[1])
    for name, low in ordered:
        if total >= low:
            return name
    return ordered[-1][0]
