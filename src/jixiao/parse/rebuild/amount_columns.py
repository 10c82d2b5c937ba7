"""A declaration's amounts laid out in columns over a 合计 row.

A 申报表 may print its funding as a small table of its own: a header naming the amounts
(``项 目 | 上年度安排资金 | 本年度申请资金``), then a 合计 row and a row for each source
(区级资金, 市级资金 …). Flattened text keeps the header and the rows one a line:
``上年度安排资金 本年度申请资金`` / ``合 计 40 40``. Each caption is a label of an amount
the form holds (本年度申请资金 is the 年度资金总额 a declaration asks for); its value is
the 合计 row's number under it. The columns are read only when the 合计 row prints exactly
one number (or an empty cell's dash) for each caption, on a line of its own: a count that
differs leaves which amount is whose open, and the text stays where it is.
"""

from __future__ import annotations

from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import is_dash, is_number, key_label

__all__ = ["AMOUNT_KEYS", "amount_columns"]

AMOUNT_KEYS = frozenset({"current_budget", "prior_budget", "total_budget"})
"""The header fields whose value is a declaration's amount (the captions of the columns)."""
_TOTALS = frozenset({"合计", "总计"})


def amount_columns(tokens: list[Token], i: int) -> tuple[list[tuple[Token, Token]], int] | None:
    """The (caption, amount) pairs of a column header starting at ``tokens[i]`` and the
    合计 row below it, and the index of the token after that row; ``None`` when the
    tokens there are no such header or the row does not fit it."""
    captions: list[Token] = []
    j = i
    while j < len(tokens) and tokens[j].line == tokens[i].line and _caption(tokens[j]):
        captions.append(tokens[j])
        j += 1
    if len(captions) < 2 or len({key_label(c.text) for c in captions}) < len(captions):
        return None
    if j < len(tokens) and tokens[j].line == tokens[i].line:
        return None  # more of the header on its line: a column not read here
    if j >= len(tokens) or "".join(tokens[j].text.split()) not in _TOTALS:
        return None
    total = tokens[j]
    values = [t for t in tokens[j + 1 :] if t.line == total.line]
    if len(values) != len(captions) or not all(
        is_number(v.text) or is_dash(v.text) for v in values
    ):
        return None
    return list(zip(captions, values, strict=True)), j + 1 + len(values)


def _caption(token: Token) -> bool:
    return bool(token.text) and key_label(token.text) in AMOUNT_KEYS
