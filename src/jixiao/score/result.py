"""What scoring a form yields: every row's computed score or band, the budget part, the
total and the grade, each with a one-line Chinese explanation (DESIGN §6).

Pure data (frozen pydantic, so the web API can return it as JSON). Built by
:func:`jixiao.score.score_form`; read by the audit, the store, the exports and the web.
"""

from __future__ import annotations

from typing import Literal

from jixiao.model.base import Frozen
from jixiao.model.leniency import reported_above
from jixiao.model.number import Number

__all__ = ["BudgetScore", "FormScore", "RowScore", "ScoreMethod"]

ScoreMethod = Literal["positive", "reverse", "zero", "qualitative", "unscorable", "unscored"]
"""How a row was scored: ``positive`` (≥ > =), ``reverse`` (≤ <), ``zero`` (=0, ≤0),
``qualitative`` (a tier: the score must lie in a band), ``unscorable`` (target or actual
could not be compared: the reported score is kept), ``unscored`` (no weight: target
declarations, rows without 分值)."""


class RowScore(Frozen):
    """The computed score of one indicator row (``position`` is its 0-based index)."""

    position: int
    method: ScoreMethod
    weight: Number | None = None
    reported: Number | None = None
    computed: Number | None = None
    """The score under the rules (quantitative rows), rounded as the ruleset says."""
    band_low: Number | None = None
    band_high: Number | None = None
    """For qualitative rows: the points the tier allows, ``band_low ≤ score ≤ band_high``."""
    accepted: Number | None = None
    """The score that enters the computed total: ``computed``; for a qualitative row the
    reported score moved into its band; for an unscorable row the reported score."""
    explanation: str
    """One Chinese line, e.g. ``实际 56 人 / 目标 60 人 × 10 分 = 9.33 分``."""

    @property
    def reported_above(self) -> bool:
        """The printed score is above what the rules allow: the computed score, or the
        top of a qualitative row's band."""
        if self.band_low is None and reported_above(self.reported, self.computed):
            return True
        return bool(reported_above(self.reported, self.band_high))


class BudgetScore(Frozen):
    """预算执行率 and its score: 全年执行数 / 全年预算数, × weight, capped."""

    weight: Number | None = None
    rate: Number | None = None
    """Percent, rounded as the ruleset says; ``None`` when 全年预算数 is 0 or missing."""
    computed: Number | None = None
    reported: Number | None = None
    explanation: str

    @property
    def reported_above(self) -> bool:
        """The printed budget score is above the computed one."""
        return bool(reported_above(self.reported, self.computed))


class FormScore(Frozen):
    """A whole form scored under one ruleset."""

    ruleset: str
    rows: tuple[RowScore, ...] = ()
    budget: BudgetScore | None = None
    """``None`` for forms without a budget row (legacy scorecards, target declarations)."""
    total: Number | None = None
    """Budget score + Σ accepted row scores, never above the form's total weight;
    ``None`` for target declarations and when the total is :attr:`incomplete`."""
    reported_total: Number | None = None
    grade: str | None = None
    """The grade the computed total earns under the ruleset (``None`` without a total)."""
    incomplete: str | None = None
    """Why the computed total is withheld, in Chinese (weights or scores not read, weights
    that do not add up to the total weight): such a total says nothing about the unit, so
    it is never compared with the reported one. ``None`` when the total is complete."""
    incomplete_rows: tuple[int, ...] = ()
    """The 0-based positions of the rows the total could not count (weight or score not read)."""
    partial_total: Number | None = None
    """What could be computed of an :attr:`incomplete` total (shown, never compared)."""
    explanation: str

    @property
    def reported_above(self) -> bool | None:
        """The printed total is above the computed one (自评高于复核, ``--lenient``);
        ``None`` when either total is missing (an :attr:`incomplete` total is withheld)."""
        return reported_above(self.reported_total, self.total)
