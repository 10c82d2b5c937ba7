"""How far a unit's own scores lie above what the rules allow, for the shells' summaries
(``jixiao score`` marks the rows, ``jixiao audit`` counts the lenient forms). The rule
itself is the audit's (R008, :mod:`jixiao.audit.rules`); the ruleset is resolved here,
as everywhere in the service."""

from __future__ import annotations

from jixiao.audit.review import Reviewed
from jixiao.audit.rules import lenient_margin, row_excess, self_score_excess
from jixiao.score import Ruleset, ruleset_for

__all__ = ["is_lenient", "row_excess"]


def is_lenient(item: Reviewed, chosen: Ruleset | None = None) -> bool:
    """Whether the rows' own scores exceed the rules by more than the lenient margin of
    the form's ruleset (``chosen``, else the one made for the form's kind). Never when
    the computed total is incomplete: what was not read says nothing about the unit."""
    if item.score.incomplete:
        return False
    ruleset = ruleset_for(item.form, chosen)
    return self_score_excess(item.form, item.score, ruleset) > lenient_margin(ruleset)
