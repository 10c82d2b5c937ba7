"""Cells run together with no separator: cutting a token where one cell must end.

``产出指标数量指标足额保障率=100%`` is 一级指标, 二级指标, 三级指标 and 年度指标值;
``安装坡面水标尺10≥266米≥266米10`` is 三级指标, 分值, 年度指标值, 实际完成值, 得分.
A token is cut only at places no printed cell spans: after a known label (一级/二级
指标, a field label), before a comparison sign, and between a unit and the number of
the next cell. The pieces are marked ``glued``: the row builder may join them again
(cheaply) where one cell fits better, so a cut is a proposal, never a decision.
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import (
    LEVEL1_WORDS,
    fund_column,
    goal_caption,
    header_field,
    is_level2,
    key_label,
)

__all__ = ["split_runon"]

_MAX_PIECES = 12
_PREFIX_LEVEL = re.compile(
    r"^(?:" + "|".join(sorted(LEVEL1_WORDS[:11], key=len, reverse=True)) + r")(?:[（(]\d+分[)）])?"
)
_LEVEL2 = re.compile(r"^[^\d≥≤<>=＞＜]{2,8}?指标(?:[（(]\d+分[)）])?")
_SIGN = re.compile(r"(?<=[^\s≥≤<>=＞＜])(?=(?:[≥≤＞＜]|>=|<=|[<>=](?!=)))")
"""Before a comparison sign that follows other text."""
_TAIL_NUMBER = re.compile(r"(?<=[^\d.,+\-≥≤<>=＞＜%])(?=\d+(?:\.\d+)?$)")
"""Before a number that ends the token and follows a word or unit (``标尺10``)."""
_PROSE = re.compile(r"[，。；;！？、]|,(?!\d{3})")
"""Sentence punctuation: a narrative cell, never a run of short cells."""
_STAMP = re.compile(r"^\s*[（(][^)）]{0,6}[)）]$")
"""A bracketed stamp or unit after a label (``实施单位 (盖章)``): part of the label."""
_AFTER_PERCENT = re.compile(r"(?<=\d%)(?=[^\d\s)）/])")


def split_runon(token: Token) -> list[Token]:
    """``token`` cut into the cells that ran together in it (itself when none did)."""
    text = token.text
    if len(text) < 4 or _PROSE.search(text) or _whole_label(text):
        return [token]
    pieces = _peel(text)
    out: list[str] = []
    for piece in pieces:
        for part in _SIGN.split(piece):
            for sub in _AFTER_PERCENT.split(part):
                out.extend(p for p in _TAIL_NUMBER.split(sub) if p)
    if len(out) <= 1 or len(out) > _MAX_PIECES:
        return [token]
    return [
        replace(token, text=p, glued=token.glued if i == 0 else True) for i, p in enumerate(out)
    ]


def _whole_label(text: str) -> bool:
    """A caption the vocabulary knows as a whole (年度总体目标完成情况): never cut."""
    return any(f(text) is not None for f in (key_label, goal_caption, header_field, fund_column))


def _peel(text: str) -> list[str]:
    """Known labels cut off the front of ``text``, then the rest."""
    out: list[str] = []
    rest = text
    for _ in range(4):
        lead = _PREFIX_LEVEL.match(rest)
        m = (lead.group(0) if lead else None) or _level2(rest) or _label(rest)
        if m is None or m == rest or _STAMP.match(rest[len(m) :]):
            break
        out.append(m)
        rest = rest[len(m) :]
    return [*out, rest] if rest else out


def _level2(text: str) -> str | None:
    m = _LEVEL2.match(text)
    return m.group(0) if m and is_level2(m.group(0)) else None


def _label(text: str) -> str | None:
    """A field label at the start of ``text`` (项目名称委托业务项目 → 项目名称)."""
    for size in range(2, min(len(text) - 1, 10) + 1):
        if key_label(text[:size]) is not None:
            return text[:size]
    return None
