"""Units of 年度指标值 / 实际完成值: the known ones and their normal forms.

``normal_unit`` maps what forms print to one spelling (百分比 → ``%``, 名 → ``人``,
个工作日 → ``工作日``, ``m²`` → ``平方米``); a compound unit such as 元/人/年 is
normalised part by part. ``bare_unit`` finds a known unit at the start of the text
that follows a number when no bracket marks it.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = [
    "COUNTERS",
    "MULTIPLIERS",
    "PLACES",
    "UNITS",
    "bare_unit",
    "is_gb2312",
    "is_plain_unit",
    "normal_unit",
    "word_list",
]


def word_list(text: str) -> tuple[str, ...]:
    """The words of a space-separated list (how this module and the grammar write theirs)."""
    return tuple(text.split())


_SYNONYMS: dict[str, str] = {
    "百分比": "%",
    "百分点": "个百分点",
    "名": "人",
    "位": "人",
    "个人": "人",
    "个工作日": "工作日",
    "个小时": "小时",
    "日": "天",
    "个周": "周",
    "个季度": "季度",
    "星期": "周",
    "个星期": "周",
    "月": "个月",
    "个年度": "年",
    "平米": "平方米",
    "m2": "平方米",
    "㎡": "平方米",
    "km": "公里",
    "千米": "公里",
    "公斤": "千克",
    "kg": "千克",
    "h": "小时",
}

_PLAIN = word_list(
    "% ‰ 个百分点 人 人次 户 户次 家 家次 个 项 件 件次 份 份次 本 册 套 场 场次 次 "
    "期 轮 批 批次 篇 "
    "部 张 台 台次 条 页 块 面 箱 层 种 类 处 所 座 间 辆 架 门 节 课 章 支 队 组 班 班次 届 首 集 "
    "幅 起 宗 例 单 笔 季 元 万元 亿元 千元 天 工作日 小时 分钟 秒 周 个月 年 学时 课时 工时 "
    "平方米 立方米 公里 米 亩 公顷 吨 千克 分 倍 GB TB MB Mbps 兆 人天 人日 人月 个点 季度"
)

UNITS: frozenset[str] = frozenset(_PLAIN) | frozenset(_SYNONYMS)
"""Every unit (and every synonym) the grammar knows without brackets."""

COUNTERS: frozenset[str] = frozenset(
    word_list(
        "个 家 人 名 位 户 所 项 类 套 场 次 期 件 份 本 册 篇 部 台 条 块 面 处 "
        "座 批 种 支 队 组 间 辆 门 节 首 幅 笔 宗 例"
    )
)
"""Measure words that a noun may follow (``10家企业``, ``200名学员``); time units,
percentages and money never are."""

MULTIPLIERS: MappingProxyType[str, int] = MappingProxyType({"万": 10_000, "亿": 100_000_000})
"""Number words printed after the digits (``10万``, ``3万人次``); 万元 and 亿元 stay units."""

PLACES: frozenset[str] = frozenset(
    word_list(
        "村 户 人 县 区 市 乡 镇 校 所 家 站 院 园 班 组 县区 区县 县市 市县 乡镇 镇街 街道 "
        "社区 村居 行政村 学校 班级 医院 园区 站点"
    )
)
"""What a per-place unit counts per (``3人/村``, ``≥1个/县区``, ``每村不少于3人``)."""

_LONGEST_FIRST = tuple(sorted(UNITS, key=len, reverse=True))
_PLACES_LONGEST = tuple(sorted(PLACES, key=len, reverse=True))


_PERSON_TIMES = frozenset({"人/次", "人次/次"})

_PER = {"日": "天", "月": "月", "个月": "月", "季": "季度", "星期": "周", "h": "小时"}
"""Denominators after ``/`` (次/月, 小时/天) keep their calendar sense."""


def normal_unit(unit: str) -> str:
    """The one spelling of ``unit``; compound units (``元/人/年``) part by part;
    ``人/次`` is 人次."""
    if unit in _PERSON_TIMES:
        return "人次"
    first, *per = (p.strip() for p in unit.split("/"))
    return "/".join([_SYNONYMS.get(first, first), *(_PER.get(p, _SYNONYMS.get(p, p)) for p in per)])


def bare_unit(text: str, closers: tuple[str, ...] = ()) -> str | None:
    """The longest known unit at the start of ``text``, with ``/``-compounds (``小时/天``,
    ``人/村``); a place after ``/`` must end the text or be followed by a non-ideograph
    or one of ``closers`` (``3人/村以上``)."""
    first = _known_prefix(text)
    if first is None:
        return None
    unit = first
    while text[len(unit) : len(unit) + 1] == "/":
        after = text[len(unit) + 1 :]
        more = _known_prefix(after) or _per_place(after, closers)
        if more is None:
            break
        unit = f"{unit}/{more}"
    return unit


def _per_place(text: str, closers: tuple[str, ...]) -> str | None:
    """The place closing a compound unit: a known one (县区 of 个/县区) or any one
    ideograph (the 校 of 次/校), when nothing but a closer or a non-ideograph follows."""
    head = text[:1]
    candidates = [p for p in _PLACES_LONGEST if text.startswith(p)]
    if head and "\u4e00" <= head <= "\u9fff" and is_gb2312(head):
        candidates.append(head)
    for place in candidates:
        after = text[len(place) :]
        if not after or not ("\u4e00" <= after[0] <= "\u9fff") or after.startswith(closers):
            return place
    return None


def is_plain_unit(unit: str) -> bool:
    """True when every character of ``unit`` is one a printed unit is made of: simplified
    Chinese (GB2312), Latin letters, ``%``, ``‰`` or ``/``. OCR noise such as ``円`` or
    ``9/`` is not."""
    if not unit or len(unit) > 8:
        return False
    for char in unit:
        if char in "%‰/" or ("a" <= char.lower() <= "z"):
            continue
        if not ("\u4e00" <= char <= "\u9fff") or not is_gb2312(char):
            return False
    return True


def _known_prefix(text: str) -> str | None:
    for unit in _LONGEST_FIRST:
        if text.startswith(unit):
            return unit
    return None


def is_gb2312(text: str) -> bool:
    """True when every ideograph of ``text`` is in GB2312 (the simplified characters
    official forms are printed in); OCR noise such as ``円`` is not."""
    ideographs = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    try:
        ideographs.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
