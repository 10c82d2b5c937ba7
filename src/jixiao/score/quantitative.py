"""Quantitative rows (DESIGN §6): positive (≥ > =), reverse (≤ <) and zero targets.

Scores never exceed the weight and never fall below 0. Units are compared only when
they agree or convert (万元↔元); an actual that restates a bound (``<4%`` for the target
``<5%``) is met when the bound implies the target.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.value import Op, ParsedValue
from jixiao.score.explain import number, points, quantity, value_text
from jixiao.score.result import ScoreMethod
from jixiao.score.ruleset import Ruleset
from jixiao.score.verdict import Verdict

__all__ = ["score_quantity"]

_MONEY = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(10**8)}
_UPPER = (Op.LE, Op.LT)
_SCALE_GAP = Decimal("0.02")
"""A unit-less actual below this share of its target is more likely another unit or
scale (0.95 for 95 %, 1.2 for 1.2 万元) than a near-total miss: not scored."""
_REACHED = re.compile(r"^\s*(?:实际)?(?:已)?达到?(?!.*以上)")


def score_quantity(
    target: ParsedValue, actual: ParsedValue, weight: Decimal, ruleset: Ruleset
) -> Verdict:
    """Score a row whose target and actual are both ``quantity`` values."""
    if actual.op is Op.GE and _REACHED.match(actual.text):
        actual = actual.model_copy(update={"op": None})  # 达到 50% reports 50 %, not a bound
    assert target.number is not None and actual.number is not None
    a = _in_target_unit(actual.number, actual.unit, target.unit)
    if a is None:
        return Verdict(
            "unscorable",
            f"单位不一致：目标 {value_text(target)}，实际 {value_text(actual)}",
        )
    t = target.number
    unit = target.unit or actual.unit
    op = target.op or Op.EQ
    reverse = op in _UPPER
    method: ScoreMethod = "reverse" if reverse else "positive"
    if t == 0 and op in (Op.EQ, Op.LE, Op.LT):
        return _zero(actual, a, unit, weight, ruleset)
    if actual.unit is None and target.unit is not None and 0 < a < t * _SCALE_GAP:
        return Verdict(
            "unscorable",
            f"实际 {number(a)} 没有单位，不到目标 {quantity(t, unit)} 的 2%，"
            "可能单位或写法不同（如万元与元、0.95 与 95%），不按比例计分",
        )
    if actual.op not in (None, Op.EQ):
        if _implies(actual.op, a, op, t):
            return Verdict(
                method,
                f"实际「{value_text(actual)}」已满足目标 {value_text(target)}，"
                f"得满分 {number(weight)} 分",
                computed=weight,
            )
        if _implies(actual.op, a, _opposite(op), t):
            return Verdict(
                "unscorable",
                f"实际「{value_text(actual)}」未达到目标 {value_text(target)}，"
                "只知界限，无法按比例计分",
            )
        return Verdict(
            "unscorable",
            f"实际「{value_text(actual)}」不能确定是否满足目标 {value_text(target)}",
        )
    if _met(op, a, t):
        sign = "=" if a == t else ("<" if reverse else ">")
        return Verdict(
            method,
            f"实际 {quantity(a, unit)} {sign} 目标 {quantity(t, unit)}"
            + ("（反向指标）" if reverse else "")
            + f"，得满分 {number(weight)} 分",
            computed=weight,
        )
    return (
        _reverse(a, t, unit, weight, ruleset) if reverse else _positive(a, t, unit, weight, ruleset)
    )


def _positive(a: Decimal, t: Decimal, unit: str | None, w: Decimal, rs: Ruleset) -> Verdict:
    shown = f"实际 {quantity(a, unit)}"
    if t <= 0:
        return Verdict("positive", f"{shown} 未达到目标 {quantity(t, unit)}，得 0 分", Decimal(0))
    score = _clamp(rs.rounding.points(w * a / t), w)
    return Verdict(
        "positive",
        f"{shown} / 目标 {quantity(t, unit)} × {number(w)} 分 = {points(score, rs.rounding)} 分",
        score,
    )


def _reverse(a: Decimal, t: Decimal, unit: str | None, w: Decimal, rs: Ruleset) -> Verdict:
    lead = f"反向指标：实际 {quantity(a, unit)} 超过目标 {quantity(t, unit)}，"
    if t <= 0:
        return Verdict("reverse", f"{lead}目标不为正数，无比例可算，得 0 分", Decimal(0))
    if rs.reverse.formula == "ratio":
        score = _clamp(rs.rounding.points(w * t / a), w)
        how = f"{number(w)} 分 × {number(t)} / {number(a)}"
    else:
        score = _clamp(rs.rounding.points(w * (1 - (a - t) / t)), w)
        how = f"{number(w)} 分 × (1 − ({number(a)} − {number(t)}) / {number(t)})"
        if score == 0:
            how += "，最低 0 分"
    return Verdict("reverse", f"{lead}{how} = {points(score, rs.rounding)} 分", score)


def _zero(actual: ParsedValue, a: Decimal, unit: str | None, w: Decimal, rs: Ruleset) -> Verdict:
    if rs.zero_target.rule == "unscorable":
        return Verdict("unscorable", "目标为 0，规则集规定此类指标不复核")
    zero_met = (a == 0 and actual.op in (None, Op.EQ)) or (actual.op in _UPPER and a <= 0)
    if zero_met:
        return Verdict("zero", f"目标为 0，实际 {value_text(actual)}，得满分 {number(w)} 分", w)
    if actual.op not in (None, Op.EQ) and (actual.op in _UPPER or a < 0):
        return Verdict("unscorable", f"目标为 0，实际「{value_text(actual)}」不能确定是否为 0")
    shown = quantity(a, unit) if actual.op in (None, Op.EQ) else value_text(actual)
    return Verdict("zero", f"目标为 0，实际 {shown}，得 0 分", Decimal(0))


def _met(op: Op, a: Decimal, t: Decimal) -> bool:
    return {
        Op.GE: a >= t,
        Op.EQ: a >= t,
        Op.GT: a > t,
        Op.LE: a <= t,
        Op.LT: a < t,
    }[op]


def _implies(bound: Op, a: Decimal, op: Op, t: Decimal) -> bool:
    """Whether every x with ``x bound a`` satisfies ``x op t`` (``EQ`` reads as ``GE``)."""
    if bound in (Op.GE, Op.GT) and op not in _UPPER:
        return a > t or (a == t and (op is not Op.GT or bound is Op.GT))
    if bound in _UPPER and op in _UPPER:
        return a < t or (a == t and (op is Op.LE or bound is Op.LT))
    return False


def _opposite(op: Op) -> Op:
    """The comparison that holds exactly when ``op`` fails (``EQ`` reads as ``GE``)."""
    return {Op.GE: Op.LT, Op.EQ: Op.LT, Op.GT: Op.LE, Op.LE: Op.GT, Op.LT: Op.GE}[op]


def _in_target_unit(value: Decimal, unit: str | None, target_unit: str | None) -> Decimal | None:
    if unit is None or target_unit is None or unit == target_unit:
        return value
    if unit in _MONEY and target_unit in _MONEY:
        return value * _MONEY[unit] / _MONEY[target_unit]
    return None


def _clamp(score: Decimal, weight: Decimal) -> Decimal:
    return max(Decimal(0), min(score, weight))
