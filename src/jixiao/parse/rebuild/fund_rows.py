"""Placing the amounts of a funding row under their columns.

A funding row prints a label and up to six amounts (年初预算数, 全年预算数, 全年执行数,
分值, 执行率, 得分, in the header's order); flattened text drops the empty ones, so
``其中：本年财政拨款 90 89.974 89.974`` has three amounts for six columns. Every way
of keeping the amounts in order is weighed: amounts fill the money columns from the
left, a 分值/得分 belongs to the 年度资金总额 row, and a printed 执行率 must equal
执行数 / 预算数. The reading is taken only when exactly one way is best.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from itertools import combinations

from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import is_dash, is_number
from jixiao.parse.text import parse_percent

__all__ = ["place_amounts"]

_MONEY = ("initial", "adjusted", "executed")
_MAX_COMBINATIONS = 500


def place_amounts(
    values: list[Token], columns: list[str], total_row: bool, explicit: bool
) -> dict[str, Token] | None:
    """Column → token for one funding row, or ``None`` when no single reading fits."""
    if explicit and len(values) <= len(columns):
        placed = {c: v for c, v in zip(columns, values, strict=False) if v.text}
        if _cost(placed, total_row) < 1.0:
            return placed  # the printed empty cells put each amount in its column
    shown = [v for v in values if v.text]
    if len(shown) > len(columns):
        return None
    if len(shown) == len(columns):
        return dict(zip(columns, shown, strict=True))
    best: list[tuple[float, tuple[int, ...]]] = []
    for n, places in enumerate(combinations(range(len(columns)), len(shown))):
        if n >= _MAX_COMBINATIONS:
            return None
        cost = _cost({columns[p]: v for p, v in zip(places, shown, strict=True)}, total_row)
        best.append((cost, places))
    best.sort()
    if not best or best[0][0] == float("inf"):
        return None
    if len(best) > 1 and abs(best[1][0] - best[0][0]) < 1e-9:
        return None
    return {columns[p]: v for p, v in zip(best[0][1], shown, strict=True)}


def _number(token: Token | None) -> Decimal | None:
    if token is None or is_dash(token.text):
        return None
    try:
        return parse_percent(token.text)
    except (InvalidOperation, ValueError):
        return None


def _cost(placed: dict[str, Token], total_row: bool) -> float:
    cost = 0.0
    for column, token in placed.items():
        text = token.text
        if column == "note":
            cost += 0.0 if not is_number(text) else 1.0
        elif not (is_number(text) or is_dash(text)):
            return float("inf")
    filled = [i for i, c in enumerate(_MONEY) if c in placed]
    if filled:
        cost += sum(1.0 for i in range(max(filled)) if _MONEY[i] not in placed)
    if not total_row:
        cost += sum(1.5 for c in ("weight", "score") if c in placed and not is_dash(placed[c].text))
    rate, adjusted, executed = (_number(placed.get(c)) for c in ("rate", "adjusted", "executed"))
    if rate is not None:
        if adjusted and executed is not None:
            cost += -1.0 if abs(executed / adjusted * 100 - rate) <= Decimal("0.6") else 3.0
        else:
            cost += 0.5
    weight, score = _number(placed.get("weight")), _number(placed.get("score"))
    if weight is not None and not (0 < weight <= 100):
        cost += 3.0
    if weight is not None and score is not None and score > weight:
        cost += 3.0
    return cost
