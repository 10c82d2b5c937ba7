"""The value grammar: a 年度指标值 or 实际完成值 string → :class:`ParsedValue`.

The string is normalised first (full-width forms, ``≧``/``≦``, spaces, ``m²``), then
read as the first of these that fits the whole of it:

1. a tier — 达成(年度/预期)指标, 部分达成…并具有一定效果, 未达成…且效果较差;
2. a deadline — ``2024年12月31日前完成``, ``年底前``, ``=9月底之前``, ``每月中旬``, ``按时``;
3. a quantity — ``[words] [op] number [unit] [以上|以下|以内] [words]``: ``=365(天)``,
   ``>=47件``, ``98%以上``, ``不低于95%``, ``≤ 3 个工作日``, ``帮扶家庭不少于80户次``,
   ``90%-95%`` (a range: ``>=`` the lower bound, ``upper`` the upper one);
   A zero count said in words is a quantity ``= 0`` too: ``零投诉``, ``无重大安全事故``,
   ``安全事故零发生`` (what is counted in ``word``);
4. qualitative — a phrase without a comparable number (健全, 较上年增长, 有效控制 …),
   also a sentence (six or more characters) whose digits only name things
   (``完成2023年度人才引进``), and a ratio (``1:1``, ``1比1``, ``按1:1比例配套``: its
   numbers say a proportion, not which side may be larger — compared as printed);
5. otherwise ``unreadable``: digits in a shape no rule reads (``公从1日小``, two numbers,
   ``>90.00(9/)``, ``00.00(%)``) or text that is OCR noise or cut off (``上及``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from jixiao.model._value_quantity import chinese_number, read_quantity, read_zero
from jixiao.model._value_words import looks_garbled, normal_phrase, read_deadline, read_tier
from jixiao.model.value import ParsedValue
from jixiao.model.value_units import word_list

__all__ = [
    "COMPARATIVE_WORDS",
    "KEY_TERMS",
    "Direction",
    "direction",
    "is_vague",
    "parse_value",
    "states_ratio",
]

COMPARATIVE_WORDS: frozenset[str] = frozenset(
    word_list(
        "提升 提高 扩大 增长 增加 增强 加强 减少 降低 下降 缩短 缩小 改善 优化 改进 上升 "
        "促进 推动 加快 拓展 拓宽 深化 强化 完善 好转"
    )
)
"""Words by which a target promises a change; with no number it cannot be checked."""

_UP = frozenset(
    word_list(
        "提升 提高 扩大 增长 增加 增强 加强 改善 优化 改进 上升 促进 拓展 拓宽 深化 强化 好转"
    )
)
_DOWN = frozenset(word_list("减少 降低 下降 缩短 缩小 减轻 压缩 压减"))
_NOT = re.compile(r"(?:未|没有|没|不|无)(?:能|明显|有所|得到)?$")
Direction = tuple[str, bool]
"""``("up" | "down", reached)``: the way a phrase says something moves, and whether it
says it did (``有所提升``) or did not (``未提升``, ``没有提高``)."""

KEY_TERMS: frozenset[str] = frozenset(
    word_list(
        "健全 完善 完备 完整 及时 准确 规范 合规 达标 合格 有效 良好 优秀 优良 显著 明显 稳定 "
        "安全 可靠 便捷 高效 满意 公开 透明 公开透明 公正公开 依法合规 共享 保障 清晰 明确 正确 "
        "符合 持续 长效持续 活跃 正常运行 有效控制 是 否 有 无 一级 二级 三级 提升 提高 扩大 "
        "增长 增加 减少 降低 改善 缩短 较上年增长 较上年提高 较上年增加 较上年减少 较上年降低"
    )
)
"""Recognised qualitative words (the coverage report counts them apart from free text)."""

_SYMBOLS = str.maketrans(
    {"≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤", "〜": "~", "—": "-", "–": "-", "−": "-"}
)
_OPS = (("≥=", ">="), ("≤=", "<="), ("≥", ">="), ("≤", "<="), ("≯", "<="), ("≮", ">="))
_PER_HUNDRED = re.compile(r"百分之([\d.]+|[零〇一二两三四五六七八九十百]+)")
_SPLIT_DIGITS = re.compile(r"(?<=\d)\s+(?=\d)")
_PLACEHOLDER = re.compile(r"^[-/\\_~]*$")
_CHECK_MARKS = {"√": "是", "✓": "是", "✔": "是", "×": "否", "✗": "否", "✘": "否"}
_RATIO = r"\d+(?:\.\d+)?(?::\d+(?:\.\d+)?)+"
_NAMING_DIGITS = re.compile(rf"{_RATIO}|\d{{4}}年度?|第\d+|[A-Za-z]+\d+[A-Za-z]*|\d+[A-Za-z]+")
_RATIO_WORD = re.compile(r"(?<=\d)比(?=\d)")


@lru_cache(maxsize=65_536)
def parse_value(text: str | None) -> ParsedValue | None:
    """What ``text`` says; ``None`` for ``None``, a blank string or a placeholder
    (``-``, ``/``, ``—``: nothing printed)."""
    if text is None or not text.strip():
        return None
    s = _normal(text)
    if _PLACEHOLDER.match(s):
        return None
    if s in _CHECK_MARKS:
        return ParsedValue(kind="qualitative", text=text, word=_CHECK_MARKS[s])
    if not any(c.isdigit() for c in s):
        tier = read_tier(s)
        if tier is not None:
            return ParsedValue(kind="tier", text=text, tier=tier)
    deadline = read_deadline(s)
    if deadline is not None:
        return ParsedValue(kind="deadline", text=text, word=deadline)
    quantity = read_quantity(s, text) or read_zero(s, text)
    if quantity is not None:
        return quantity
    phrase = normal_phrase(s)
    if phrase and not looks_garbled(phrase) and _is_phrase(phrase):
        return ParsedValue(kind="qualitative", text=text, word=phrase)
    return ParsedValue(kind="unreadable", text=text)


def is_vague(value: ParsedValue) -> bool:
    """True when ``value`` promises a change (提升, 较上年增长 …) with no number."""
    if value.kind != "qualitative" or value.word is None:
        return False
    return any(word in value.word for word in COMPARATIVE_WORDS)


def direction(value: ParsedValue | None) -> Direction | None:
    """The change a qualitative phrase promises or reports, read as a direction target:
    ``有所提升``, ``较上年有所提高``, ``稳步提升``, ``人社服务质量得到提升`` → ``("up", True)``;
    ``未提升``, ``没有提高`` → ``("up", False)``; ``None`` for a phrase naming no single
    direction (or both: 降本增效)."""
    if value is None or value.kind != "qualitative" or value.word is None:
        return None
    word = value.word
    found = [(w, "up") for w in _UP if w in word] + [(w, "down") for w in _DOWN if w in word]
    if len({way for _, way in found}) != 1:
        return None
    first = min(word.index(w) for w, _ in found)
    return found[0][1], _NOT.search(word[:first]) is None


def states_ratio(value: ParsedValue) -> bool:
    """True when ``value`` is a qualitative phrase stating a ratio (``1:1``, 按1:1比例配套):
    numbers, but no quantity to compare (which side may be larger is not said)."""
    if value.kind != "qualitative" or value.word is None:
        return False
    return re.search(_RATIO, value.word) is not None


def _normal(text: str) -> str:
    s = text.replace("m²", "平方米").replace("㎡", "平方米").replace("m³", "立方米")
    s = unicodedata.normalize("NFKC", s).translate(_SYMBOLS)
    for old, new in _OPS:
        s = s.replace(old, new)
    s = _SPLIT_DIGITS.sub("\x00", s)  # 100 95: two numbers, not 10095 (never readable)
    s = "".join(s.split()).replace("·", "").strip("。;,、")
    s = _RATIO_WORD.sub(":", s)  # 1比1 is 1:1
    return _PER_HUNDRED.sub(_per_hundred, s)


def _per_hundred(match: re.Match[str]) -> str:
    digits = match[1]
    if not digits[0].isdigit():
        number = chinese_number(digits)
        digits = "" if number is None else str(number)
    return f"{digits}%"


def _is_phrase(phrase: str) -> bool:
    """A phrase without digits, or prose whose digits only name things: a year
    (2023年度), an ordinal (第3批) or a code (ISO9001, 5G)."""
    if not any(c.isdigit() for c in phrase):
        return True
    return not any(c.isdigit() for c in _NAMING_DIGITS.sub("", phrase))
