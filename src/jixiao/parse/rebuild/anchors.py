"""What a cell token announces in a run of tokens: the words that open or end a block.

A block of the official table begins at printed words (a funding caption with its
unit, a column header, a label) and ends at the next such word; these predicates are
what :mod:`.blocks` asks of each token while it walks the run.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from jixiao.parse.layouts.grid import fund_label, is_stamp, norm
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import (
    CORNER_WORDS,
    GRADES,
    fund_column,
    goal_caption,
    header_field,
    is_dash,
    is_number,
    is_other_label,
    is_spending_label,
    is_tail,
    is_total,
    key_label,
)
from jixiao.parse.text import parse_number
from jixiao.parse.titles import find_title
from jixiao.parse.unplaced import WEB_CHROME

__all__ = [
    "FUND_NOTE",
    "UNIT_NOTE",
    "anchor",
    "decimal",
    "ends_indicators",
    "is_fund_caption",
    "is_indicator_caption",
    "is_year",
    "row_label",
    "split_goals",
    "total_value",
]

_CORNERS = ("资金", "预算", "金额", "执行情况", "投入目标")
_INDICATOR_CORNERS = (
    "绩效指标",
    "年度绩效指标",
    "年度绩效指标完成情况",
    "绩效指标完成情况",
    "本年度绩效指标",
    "中长期绩效指标",
    "长期绩效指标",
    "中长期指标",
    "年度指标",
    "绩效目标",
    "指标",
)
FUND_NOTE = ("原因", "偏差原因", "说明", "备注", "未完成原因")
_UNIT = re.compile(r"[（(]\s*(?:万元|千元|元)\s*[)）]|\d+分")
_YEAR_CELL = re.compile(r"[（(]?(?:19|20)\d{2}年度?[)）]?")
UNIT_NOTE = re.compile(r"(?:金额)?单位\s*[:：]\s*(?:万元|千元|元)\s*$")
"""A money unit printed on its own or at the end of a value (``金额单位:万元``)."""


_ROW_WORDS = {
    "total": "年度资金总额",
    "appropriation": "其中：财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}


def decimal(text: str) -> Decimal | None:
    try:
        return parse_number(text.rstrip("分")) if is_number(text) else None
    except (InvalidOperation, ValueError):
        return None


def row_label(text: str, row: str | None) -> str:
    """A funding row's label, in the grid vocabulary's wording when it prints another
    (``总额`` → 年度资金总额), so the row is read as the one it is."""
    if row is None or fund_label(norm(text)) is not None:
        return text
    return _ROW_WORDS[row]


def anchor(token: Token) -> bool:
    text = token.text
    if not text:
        return False
    return (
        token.caption
        or find_title(text) is not None
        or key_label(text) is not None
        or goal_caption(text) is not None
        or is_total(text)
        or is_tail(text)
        or fund_column(text) is not None
        or is_fund_caption(text)
        or is_indicator_caption(text)
        or is_other_label(text)
        or is_spending_label(text)
        or header_field(text) in ("level1", "name")
    )


def ends_indicators(token: Token) -> bool:
    text = token.text
    return bool(text) and (
        is_total(text)
        or is_tail(text)
        or find_title(text) is not None
        or key_label(text) == "grade"
        or _FOOTNOTE.match(text) is not None
        or WEB_CHROME.match(text) is not None
        or is_stamp(text)
    )


_FOOTNOTE = re.compile(r"^注\s*[:：]\s*\S")
"""The form's footnote under the table (``注:各地请根据实际情况…``): no row's text."""


def total_value(text: str) -> bool:
    return is_number(text) or is_dash(text) or text in GRADES


def is_fund_caption(text: str) -> bool:
    """The caption over a funding table's row labels (项目资金（万元）, 年度预算数(万元))."""
    return (
        1 < len(text) <= 20
        and any(w in text for w in _CORNERS)
        and fund_column(text) is None
        and (_UNIT.search(text) is not None or norm(text) in CORNER_WORDS)
    )


def is_indicator_caption(text: str) -> bool:
    bare = norm(text).split("(")[0].split("（")[0]
    return bare in _INDICATOR_CORNERS


def is_year(text: str) -> bool:
    return _YEAR_CELL.fullmatch(norm(text)) is not None


_RESTATED = 6
"""The fewest characters a completion text repeats of its goal's closing words."""
_STOP = re.compile(r"[。；;!！]")
_IN_CLAUSE = frozenset(",，、:：")
"""A text ending in one of these goes on: the next token is the rest of its sentence."""


def _restated(run: list[Token]) -> list[list[Token]] | None:
    """A goal and its completion run together: cut at the one sentence end inside the
    run's tokens (``…设备,`` ``并补充…设备。已完成``), or, in one token without any,
    where the completion ends in the goal's own closing words
    (``…为农业生产打牢基础,项目区…已实现计量,为农业生产打牢基础,``) the first time,
    when they end there only once; else ``None``."""
    stops = [
        (k, m.end()) for k, t in enumerate(run) for m in _STOP.finditer(t.text, 0, len(t.text) - 1)
    ]
    if stops:  # 完成年度任务。任务全部完成。: two sentences, one a text
        k, cut = stops[0]
        if len(stops) > 1 or run[k].text[cut - 1] in ";；":
            return None  # …各返15%;分红首年…: a semicolon ends a clause of one text
        first, second = _at(run[k], cut)
        return [run[:k] + first, second + run[k + 1 :]]
    if len(run) != 1:
        return None
    text = run[0].text
    for size in range(len(text) // 2, _RESTATED - 1, -1):
        tail = text[-size:]
        ends = [m.start() + size for m in re.finditer(f"(?={re.escape(tail)})", text)]
        ends = [e for e in ends if e <= len(text) - size]
        if len(ends) > 1:
            return None
        if ends:
            return _at(run[0], ends[0])
    return None


def _at(token: Token, cut: int) -> list[list[Token]]:
    return [[replace(token, text=token.text[:cut])], [replace(token, text=token.text[cut:])]]


def split_goals(
    run: list[Token], parts: int, captions: list[Token] | None = None
) -> list[list[Token]] | None:
    """The running text after the goal captions cut into ``parts`` texts: one token
    each when the counts agree, else at the sentence end nearest the middle; ``None``
    when the text gives no place to cut (the texts ran together). One text on the
    line of the second of two captions, the first on a line of its own, is the
    second's (the first was printed empty)."""
    if parts <= 1 or not run:
        return [run]
    if len(run) == parts and not any(t.text[-1:] in _IN_CLAUSE for t in run[:-1]):
        return [[t] for t in run]  # (a text ending in a comma goes on after the space)
    lines = {t.line for t in run}
    if parts == 2 and captions and lines == {captions[1].line} != {captions[0].line}:
        return [[], run]
    ends = [
        k + 1 for k, t in enumerate(run[:-1]) if t.text[-1:] in "。；;.!！" and not run[k + 1].glued
    ]
    if not ends:
        return _restated(run) if parts == 2 else None
    middle = len(run) / 2
    cut = min(ends, key=lambda k: abs(k - middle))
    return [run[:cut], run[cut:]]
