"""预算执行率 and its score (DESIGN §6): rate = 全年执行数 / 全年预算数 × 100,
score = weight × rate / 100, capped at the weight when the ruleset says so."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from jixiao.model.forms import LegacyInfo
from jixiao.model.funds import FundRow
from jixiao.score.explain import number, points
from jixiao.score.result import BudgetScore
from jixiao.score.ruleset import Ruleset

__all__ = ["legacy_rate_note", "score_budget"]


def score_budget(row: FundRow, ruleset: Ruleset) -> BudgetScore:
    """Score the 年度资金总额 row; the weight is the form's own, else the ruleset's."""
    weight = row.weight if row.weight is not None else ruleset.budget.weight
    source = "" if row.weight is not None else "（表中未印分值，按规则集）"
    missing = _missing(row)
    if missing:
        return BudgetScore(
            weight=weight,
            reported=row.score,
            explanation=f"{missing}，无法计算执行率和得分",
        )
    assert row.executed is not None and row.adjusted is not None
    r = ruleset.rounding
    rate = r.rate(row.executed / row.adjusted * 100)
    raw = weight * rate / 100
    score = r.points(min(raw, weight) if ruleset.budget.cap else raw)
    text = (
        f"执行数 {number(row.executed)} / 预算数 {number(row.adjusted)} = {rate:f}%，"
        f"× {number(weight)} 分{source} = {points(score, r)} 分"
    )
    if ruleset.budget.cap and raw > weight:
        text += f"（执行率超过 100%，以分值 {number(weight)} 分为上限）"
    return BudgetScore(
        weight=weight, rate=rate, computed=score, reported=row.score, explanation=text
    )


def _missing(row: FundRow) -> str:
    if row.adjusted is None:
        return "未填全年预算数"
    if row.adjusted == 0:
        return "全年预算数为 0"
    if row.executed is None:
        return "未填全年执行数"
    if row.executed < 0 or row.adjusted < 0:
        return "预算数或执行数为负"
    return ""


def legacy_rate_note(info: LegacyInfo, ruleset: Ruleset) -> str | None:
    """For the 预算执行率 row of a pre-2020 scorecard (which has no formula): the rate its
    header's 执行数 / 预算数 give, and the printed rate when it differs."""
    if info.budget is None or info.executed is None or info.budget <= 0:
        return None
    rate = ruleset.rounding.rate(info.executed / info.budget * 100)
    text = f"执行数 {number(info.executed)} / 预算数 {number(info.budget)} = {rate:f}%"
    printed = info.rate
    whole = rate.quantize(Decimal(1), rounding=ROUND_HALF_UP)  # forms print whole percents
    if printed is not None and abs(printed - rate) > ruleset.tolerance.rate and printed != whole:
        text += f"（表中印 {number(printed)}%）"
    return text
