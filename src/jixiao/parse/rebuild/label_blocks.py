"""Labels printed as a block, then their values as a block: text taken column by column.

A PDF's text layer and some preview sites emit a table column by column: the labels of
a header row one after another (``部门(单位)名称 填报人``), then the cells under them
(``广水市人民政府办公室 ×××``). :func:`label_block` reads such a run as label/value
pairs, but only where exactly one pairing fits: k labels of short fields in a row with
nothing between them, then exactly k values before the next label or block, each of
the shape its label's field takes (an amount under an amount's label, a date under a
date's, a name under a name's — never a number or a sentence). Anything else is left
to the row-by-row reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.parse.rebuild.anchors import UNIT_NOTE
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import (
    is_amount_label,
    is_dash,
    is_number,
    is_other_label,
    key_label,
)

__all__ = ["label_block"]

_SHORT_FIELDS = frozenset(
    {"project", "department", "unit", "division", "category", "start", "end", "period"}
    | {"eval_date", "budget", "prior_year_budget", "executed", "total_budget", "current_budget"}
)
"""Header fields whose value is one short cell (a name, a date, an amount): the ones a
block of labels may hold. Narrative fields (基本情况, 年度目标) never come in blocks."""
_DATES = frozenset({"start", "end", "eval_date", "period"})
_AMOUNT = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*(?:万元|千元|元|万)?$")
_DATE = re.compile(r"^(?:19|20)\d{2}\s*(?:[-./年]\s*\d{1,2}\s*(?:[-./月]\s*\d{1,2}\s*日?|月)?)?")
_PROSE = re.compile(r"[。；;，,！？]")
_MAX_NAME = 40


def _label(token: Token) -> str | None:
    """The kind of value ``token`` labels in a block (``amount``, ``date``, ``name``),
    else ``None``."""
    text = token.text
    if not text:
        return None
    field = key_label(text)
    if field is None:
        return "name" if is_other_label(text) else None
    if field not in _SHORT_FIELDS:
        return None
    if is_amount_label(text):
        return "amount"
    return "date" if field in _DATES else "name"


def _fits(kind: str, text: str) -> bool:
    if is_dash(text):
        return True  # an empty cell, printed as a dash
    if kind == "amount":
        return _AMOUNT.match(text) is not None
    if kind == "date":
        return _DATE.match(text) is not None
    if UNIT_NOTE.match(text):
        return False  # 金额单位:万元: the form's money unit, no name
    return len(text) <= _MAX_NAME and not is_number(text) and _PROSE.search(text) is None


def label_block(
    tokens: list[Token], i: int, label_at: Callable[[int], bool]
) -> tuple[list[tuple[Token, Token]], int] | None:
    """The label/value pairs of a block of k labels at ``i`` followed by exactly k values
    (``label_at``: a token that opens a label or block, where values end), and the index
    after them; ``None`` unless exactly that fits."""
    kinds: list[str] = []
    j = i
    while j < len(tokens) and (kind := _label(tokens[j])) is not None:
        kinds.append(kind)
        j += 1
    if len(kinds) < 2:
        return None
    values: list[Token] = []
    while j < len(tokens) and len(values) <= len(kinds) and tokens[j].text and not label_at(j):
        values.append(tokens[j])
        j += 1
    if len(values) != len(kinds):
        return None
    if not all(_fits(k, v.text) for k, v in zip(kinds, values, strict=True)):
        return None
    return list(zip(tokens[i : i + len(kinds)], values, strict=True)), j
