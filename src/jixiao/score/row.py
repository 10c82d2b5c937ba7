"""One indicator row: pick the rule from the parsed target and actual, then combine the
rule's verdict with the reported score into a :class:`RowScore`."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.indicator import Indicator
from jixiao.model.value import ParsedValue
from jixiao.score.deadline import deadline_tier
from jixiao.score.explain import points, value_text
from jixiao.score.idle import idle_cost
from jixiao.score.qualitative import direction_tier, move_into_band, score_tier, word_tier
from jixiao.score.quantitative import score_quantity
from jixiao.score.result import RowScore
from jixiao.score.ruleset import Ruleset
from jixiao.score.verdict import Verdict

__all__ = ["combine", "judge", "score_row", "unscored_row"]


def score_row(
    row: Indicator, ruleset: Ruleset, position: int, executed_rate: Decimal | None = None
) -> RowScore:
    """The computed score (or band) of ``row``, the ``position``-th row of its form;
    ``executed_rate`` is the form's 预算执行率 (percent), if known."""
    if row.weight is None:
        return unscored_row(row, position, "无分值，不评分")
    if row.weight < 0:
        return unscored_row(row, position, f"分值 {row.weight} 为负，不评分")
    target, actual = row.parsed_target, row.parsed_actual
    verdict = judge(target, actual, row.weight, ruleset)
    if executed_rate is not None and executed_rate <= ruleset.audit.near_zero_rate:
        verdict = idle_cost(row, verdict, executed_rate) or verdict
    return combine(verdict, row.weight, row.score, ruleset, position)


def unscored_row(row: Indicator, position: int, why: str) -> RowScore:
    """A row that carries no score (target declarations, rows without 分值)."""
    target = row.parsed_target
    if target is None:
        said = "；未填年度指标值"
    elif target.kind == "unreadable":
        said = f"；年度指标值「{target.text}」无法读出"
    else:
        said = f"；目标 {value_text(target)}"
    return RowScore(
        position=position,
        method="unscored",
        weight=row.weight,
        reported=row.score,
        explanation=why + said,
    )


def judge(
    target: ParsedValue | None, actual: ParsedValue | None, weight: Decimal, ruleset: Ruleset
) -> Verdict:
    """The rule's verdict for a target and an actual (the seam tests drive directly)."""
    if actual is None:
        return Verdict("unscorable", "未填实际完成值")
    if actual.kind == "unreadable":
        return Verdict("unscorable", f"实际完成值「{actual.text}」无法读出")
    if actual.kind == "quantity" and actual.number is not None:
        if target is None:
            return Verdict("unscorable", "未填年度指标值")
        if target.kind == "quantity" and target.number is not None:
            return score_quantity(target, actual, weight, ruleset)
        return Verdict(
            "unscorable",
            f"目标「{value_text(target)}」不是数值，无法与实际 {value_text(actual)} 比较",
        )
    tier = word_tier(target, actual, ruleset.qualitative.hedged) or direction_tier(target, actual)
    if tier is not None:
        return score_tier(tier[0], weight, ruleset, tier[1])
    late = deadline_tier(target, actual) if target is not None else None
    if late is not None:
        return score_tier(late[0], weight, ruleset, late[1])
    if target is not None and target.kind == "deadline":
        return Verdict(
            "unscorable",
            f"时限目标「{value_text(target)}」，实际「{value_text(actual)}」，无法自动判断是否按时",
        )
    return Verdict(
        "unscorable",
        f"实际「{value_text(actual)}」不是档次或数值，无法与目标「{value_text(target)}」比较",
    )


def combine(
    verdict: Verdict,
    weight: Decimal,
    reported: Decimal | None,
    ruleset: Ruleset,
    position: int,
) -> RowScore:
    """The row's :class:`RowScore`: ``accepted`` is what enters the computed total."""
    r = ruleset.rounding
    text = verdict.explanation
    low = high = accepted = None
    if verdict.band is not None:
        low, high = verdict.band
        accepted, moved = move_into_band(reported, verdict, r)
        if moved and reported is not None:
            text += f"；自评 {points(reported, r)} 分不在区间内，按 {points(accepted, r)} 分计"
        elif reported is None:
            text += f"；无自评得分，按 {points(accepted, r)} 分计"
    elif verdict.computed is not None:
        accepted = verdict.computed
    elif reported is not None:
        accepted = max(Decimal(0), min(reported, weight))
        text += f"，无法复核，采用自评得分 {points(accepted, r)} 分"
        if accepted != reported:
            text += f"（自评 {points(reported, r)} 分超出范围）"
    else:
        text += "，无法复核，且无自评得分"
    return RowScore(
        position=position,
        method=verdict.method,
        weight=weight,
        reported=reported,
        computed=None if verdict.computed is None else r.points(verdict.computed),
        band_low=low,
        band_high=high,
        accepted=None if accepted is None else r.points(accepted),
        explanation=text,
    )
