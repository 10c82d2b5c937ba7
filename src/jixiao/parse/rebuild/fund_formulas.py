"""The budget column of a funding table named by its header's formulas.

Some templates number the columns of their funding table with circled numbers and
print how the derived ones are worked out (福建's 部门整体支出绩效自评表: 年初部门预算
安排金额 | 历年结余结转 | 年中调整金额③ | 小计 ④=①+②+③ | 年度拨付金额 | 支出实现率
⑥=⑤/④ | …). Their words name no standard column (小计 is a subtotal of anything), but
the formula of the 执行率 column does: it divides the 执行数 column by the budget, so
the column it divides by is the 全年预算数 (A of B/A). :func:`budget_column` finds it,
only where the numbering agrees with the printed order of the columns; the rows'
amounts must then confirm it (:func:`rate_confirms`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.parse.rebuild.tokens import Token

__all__ = ["budget_column", "rate_confirms"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_RATE = re.compile(rf"([{_CIRCLED}])=([{_CIRCLED}])/([{_CIRCLED}])")
"""A ratio of two numbered columns: ``⑥=⑤/④``."""


def budget_column(heads: list[tuple[str, Token]], notes: list[Token]) -> int | None:
    """The position in ``heads`` (field, header cell) of the column the 执行率 column's
    printed formula divides the 执行数 column by, where that column names no field of
    its own and no column is the budget yet; else ``None``. Column k is numbered k+1:
    a number printed in a header cell elsewhere than its place reads nothing."""
    columns = [c for c, _ in heads]
    if "adjusted" in columns:
        return None
    for k, (_, token) in enumerate(heads):
        if any(_number(ch) != k + 1 for ch in token.text if ch in _CIRCLED):
            return None
    text = "".join(t.text for t in (*notes, *(t for _, t in heads))).replace(" ", "")
    found = {
        (_number(m[1]), _number(m[2]), _number(m[3]))
        for m in _RATE.finditer(text)
        if _at(columns, _number(m[1])) == "rate" and _at(columns, _number(m[2])) == "executed"
    }
    if len(found) != 1:
        return None
    ((_, _, budget),) = found
    column = _at(columns, budget)
    return budget - 1 if column is not None and column.startswith("extra") else None


def _number(ch: str) -> int:
    return _CIRCLED.index(ch) + 1


def _at(columns: list[str], number: int) -> str | None:
    return columns[number - 1] if 0 < number <= len(columns) else None


def rate_confirms(budget: str, executed: str, rate: str) -> bool | None:
    """Whether a row's 执行率 is its 执行数 over ``budget`` (to the places the rate is
    printed with); ``None`` where the row does not print all three."""
    a, b = _amount(budget), _amount(executed)
    printed = rate.strip().rstrip("%％")
    r = _amount(printed)
    if a is None or b is None or r is None:
        return None
    if a == 0:
        return False
    places = len(printed.partition(".")[2])
    return abs(b / a * 100 - r) < Decimal(1).scaleb(-places)


def _amount(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
