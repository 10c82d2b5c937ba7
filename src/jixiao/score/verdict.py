"""What the rule for one row decided, before it is combined with the reported score."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.score.result import ScoreMethod

__all__ = ["Verdict"]


@dataclass(frozen=True)
class Verdict:
    """``computed`` for quantitative rows, ``band`` for qualitative ones, neither when the
    row could not be scored (``explanation`` then says why)."""

    method: ScoreMethod
    explanation: str
    computed: Decimal | None = None
    band: tuple[Decimal, Decimal] | None = None
    band_high_inclusive: bool = True
