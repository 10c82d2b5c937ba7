"""What a cell of an OCR indicator row is, judged by its shape.

A row is anchored on the right: 分值 and 得分 are plain decimals; before them the 实际完成值
(``86.00(%)``, ``达成指标``) and the 年度指标值 (``>85(%)``, ``=100.00(%)``, ``及时``);
everything to the left is level labels and pieces of the indicator name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.parse.layouts.ocr_tabbed._text import cell_text, hanzi_count, is_hanzi

__all__ = [
    "LABEL_CHARS",
    "is_actual",
    "is_header_word",
    "is_label_like",
    "is_target",
    "plausible_value",
    "split_merged_numbers",
]

LABEL_CHARS = frozenset("产出效益满意度指标数量质时成本经济社会生态环境可持续影响服务对象")
_UNIT = r"(?:\s*[(（][^()（）]{0,12}[)）]|\s*[%％‰]|\s*[\u4e00-\u9fff]{1,3})?"
_NUMBER = rf"\d[\d,]*(?:\.\d+)?{_UNIT}"
_ACTUAL = re.compile(rf"^[<>=≥≤＞＜]?\s*{_NUMBER}$")
_TARGET = re.compile(rf"^(?:[<>=≥≤＞＜]|>=|<=)\s*[\d.]|^{_NUMBER}$|\d\s*[(（][^()（）]+[)）]")
_TIER = re.compile(r"达成|达到|未达|完成")
_HEADER_WORD = re.compile(r"^(?:偏差原因|原因分析|分析|及改进.{0,2}|.?措施|.施|改进措施)$")
_MERGED = re.compile(r"^\d+\.\d{2}(?:\s+\d+\.\d{2})+$")


@lru_cache(maxsize=4096)
def is_actual(text: str) -> bool:
    """A 实际完成值: a number with an optional unit, or a tier phrase (达成指标 …).
    This and the other tests of a cell's shape are remembered: detection, the row scan
    and the indicators ask of the same cells."""
    t = re.sub(r"\s+", "", cell_text(text))
    return bool(t) and (bool(_ACTUAL.match(t)) or (bool(_TIER.search(t)) and len(t) <= 16))


@lru_cache(maxsize=4096)
def is_target(text: str) -> bool:
    """A 年度指标值 recognisable by its shape (comparison sign, number with unit)."""
    t = re.sub(r"\s+", "", cell_text(text))
    return bool(t) and bool(_TARGET.search(t))


@lru_cache(maxsize=4096)
def is_header_word(text: str) -> bool:
    """A piece of the column header (偏差原因分析 / 及改进措施) printed in a row."""
    return bool(_HEADER_WORD.match(re.sub(r"\s+", "", cell_text(text))))


@lru_cache(maxsize=4096)
def is_label_like(text: str) -> bool:
    """A cell that can be a vertical level label or its OCR debris, not a name."""
    t = cell_text(text)
    han = [ch for ch in t if is_hanzi(ch)]
    if not han:
        return True
    dense = re.sub(r"\s+", "", t)
    if len(han) * 5 < len(dense) * 3 or len(han) <= 2:
        return True
    return sum(1 for ch in han if ch in LABEL_CHARS) * 2 >= len(han)


@lru_cache(maxsize=4096)
def plausible_value(text: str) -> bool:
    """A target/actual that can be read: no kana, no Latin words, no slashes outside
    the unit brackets."""
    t = re.sub(r"[(（][^()（）]*[)）]", "", text)
    if re.search(r"[\u3040-\u30ff]|[A-Za-z]{1,}", t):
        return False
    if "/" in t:
        return False
    return hanzi_count(t) > 0 or any(ch.isdigit() for ch in t)


def split_merged_numbers(cells: list[str]) -> list[str]:
    """``0.00 0.00 0.00`` printed in one cell becomes one cell per number."""
    out: list[str] = []
    for c in cells:
        t = cell_text(c)
        if _MERGED.match(t):
            out.extend(t.split())
        else:
            out.append(c)
    return out
