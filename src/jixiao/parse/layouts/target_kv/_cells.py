"""Cell text and cell shapes for the key/value target-table layout (``target_kv``).

A row of the 绩效目标 table is read by the *shape* of its non-empty cells, not only by
their column, because the extraction sometimes shifts a row one cell left or right:
a target value has a comparison sign or a number, or is a short qualitative word; a
三级目标 (indicator name) is long or ends in a measure word (…性, …率, …数); 一级目标
labels come from a fixed vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.parse.text import clean

__all__ = [
    "LEVEL1_VOCAB",
    "cell_text",
    "is_target",
    "looks_level1",
    "looks_name",
    "strictly_target",
]

LEVEL1_VOCAB = frozenset(
    {
        # Shanghai 2019/2020 target tables and scorecards
        "投入与管理",
        "产出目标",
        "效果目标",
        "影响力目标",
        # the national 2020+ framework
        "产出指标",
        "效益指标",
        "满意度指标",
        "成本指标",
    }
)
"""一级目标 labels. A short label in the 一级 column that is not one of these, in a
table whose other 一级 labels are, is a displaced 二级 label."""

_SUP_DIGITS = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_SUP = re.compile(r"\s*<sup>\s*([0-9+-]+)\s*</sup>", re.IGNORECASE)

_TARGET_START = re.compile(
    r"^(?:[=＝≥≤><＞＜≧≦]|[0-9０-９]|较|比上年|不低于|不少于|不高于|不超过|不大于|不小于"
    r"|大于|小于|等于|低于|高于|超过)"
)
_NAME_ENDINGS = ("性", "率", "数", "度", "量", "情况", "面积", "时间", "人次")
_MAX_QUALITATIVE = 6
"""A qualitative target (及时, 健全, 较去年减少, 三级) is at most this many characters."""


@lru_cache(maxsize=1 << 14)
def cell_text(raw: str) -> str | None:
    """A cell's text: superscript digits kept as ``²``, other tags and extraction
    whitespace removed (``=3600m <sup>2</sup>`` → ``=3600m²``)."""
    return clean(_SUP.sub(lambda m: m.group(1).translate(_SUP_DIGITS), raw))


def strictly_target(text: str) -> bool:
    """Starts like a quantitative or comparative target (``=100%``, ``≥85%``, ``较…``)."""
    return bool(_TARGET_START.match(text))


def looks_name(text: str) -> bool:
    """Reads like a 三级目标 name: long, or ending in a measure word (…性, …率, …数)."""
    return len(text) > _MAX_QUALITATIVE or text.endswith(_NAME_ENDINGS)


def is_target(text: str, in_target_column: bool) -> bool:
    """Could ``text`` be a 指标目标值? A comparison or number first; else not when it
    ends in a measure word; else a short word, or any text in the target column."""
    if strictly_target(text):
        return True
    if text.endswith(_NAME_ENDINGS):
        return False
    return in_target_column or len(text) <= _MAX_QUALITATIVE


def looks_level1(text: str) -> bool:
    """A 一级 label: one of the vocabulary, or any label ending in 目标/指标."""
    return text in LEVEL1_VOCAB or text.endswith(("目标", "指标"))
