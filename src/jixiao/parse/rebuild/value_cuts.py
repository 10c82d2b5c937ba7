"""The value grammar's cuts inside a short run of cells: where a value must end.

A run that is no sentence (``安装坡面水标尺10≥266米≥266米10``) is cut before a
comparison sign, after a percentage, between an amount's money unit and words, before
a number, a date or a change word that ends a name (``重大森林火灾0起``, ``…明显改善``),
after a yes/no question's answer, between a word printed twice (``高高``) … Each cut is
a proposal: :func:`fine_cuts` applies them all, again on the pieces they make, and the
row builder may join the pieces where one cell fits better.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["NOTE_AFTER", "TABLE_CAPTIONS", "UNIT_STARTS", "fine_cuts", "twice"]

TABLE_CAPTIONS = frozenset({"绩效指标", "年度绩效指标", "中长期绩效指标"})
"""Captions over an indicator table, cut off the header run into them."""
_HAN = re.compile(r"[\u4e00-\u9fff]+")

NOTE_AFTER = re.compile(r"(?<=[\d%％])(?=(?:注|备注|说明)\s*[:：])")
"""A note under the table run on after the last number (``100100注:``)."""
_TRAILING_LEADERS = re.compile(r"(?<=\S)[.…·]{2,}$")
"""Dot leaders after a cell's text (``10……``): page noise."""
_PASSES = 3
_VERDICT = re.compile(
    r"(部分达成(?:预期|年度)?指标并具有一定效果|未达成(?:预期|年度)?指标且效果较差"
    r"|(?:部分|未)?达成(?:预期|年度)?指标)"
)
"""A verdict run into the cells around it (``1000件达成预期指标监控系统维护率``)."""
_SIGN = re.compile(
    r"(?<=[^\s≥≤<>=＞＜])(?=(?:[≥≤＞＜≧≦]|>=|<=|[<>=](?!=)))"
    r"|(?<=[\u4e00-\u9fff])(?=(?:不低于|不高于|不少于|不超过|大于等于|小于等于|大于|小于)[\d.]+)"
    r"|(?<=[\u4e00-\u9fff])(?=二\d)"
)
"""Before a comparison sign (or its words, ``不低于95%``) that follows other text; a
二 run into a number is a scan's = (``资金使用效率二100百分比``)."""
_MONEY_END = re.compile(r"(?:(?<=\d万元)|(?<=\d亿元)|(?<=\d[^万亿\d]元))(?=[\u4e00-\u9fff]{2})")
"""After an amount and its money unit, where words begin (``20万元中央补助安排``)."""
_SIGNS = "%‰㎡㎥㎞㎏℃"
"""Units printed as one sign (``1712486㎡``)."""
_VALUE_TAIL = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<!指标)(?<!不低于)(?<!不高于)(?<!不少于)(?<!不超过)(?<!大于)(?<!小于)(?<!等于)"
    rf"(?<!^二)(?<!年)(?<!月)(?=\d+(?:\.\d+)?[\u4e00-\u9fff{_SIGNS}]{{1,3}}(?:/[\u4e00-\u9fff]{{1,2}})?$)"
)
"""Before a number and its unit ending a name (``重大森林火灾0起``, ``财政资金补助1600元/亩``):
a proposal only."""
_DATE_TAIL = re.compile(
    r"(?<=[\u4e00-\u9fff])(?=(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:前|内|底|以前|之前)?$)"
)
"""Before a date ending a name (``服务完成时间2019年12月31日前``): a proposal only."""
_DATE_CELL = re.compile(r"(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?")
_DATE_GOES_ON = "前内底以之完止起末初上中下结左至到及或"
"""What may follow a date in one value (``2021年12月前``, ``…月完成``, ``…月底``)."""
_BEFORE_DATE = "于在至到从自截止"
"""What may come before a date in one value or name (``截至2021年``, ``于2021年7月``)."""


def _date_between_names(text: str) -> list[str]:
    """A date between two names (``开工时限2021年7月竣工时限``): the value of the first
    cut from both; a date that a word of its value follows (前, 完成) stays whole."""
    for m in _DATE_CELL.finditer(text):
        a, b = m.start(), m.end()
        before, after = text[a - 1 : a], text[b : b + 2]
        if not (_HAN.fullmatch(before or "-") and before not in _BEFORE_DATE):
            continue
        if len(after) < 2 or not _HAN.fullmatch(after) or after[0] in _DATE_GOES_ON:
            continue
        return [text[:a], text[a:b], *_date_between_names(text[b:])]
    return [text]


_CHANGE_TAIL = re.compile(
    r"(?<=[\u4e00-\u9fff]{4})"
    r"(?=(?:(?:明显|显著|有效|逐步|持续|不断|进一步|稳步|大幅|有所)?"
    r"(?:改善|提高|提升|增强|降低|减少|下降)|长远|长期)$)"
)
"""Before a change word (or 长远, 长期) ending a name (``市容环境卫生状况明显改善``,
``…文化传承影响长远``): the target of a row without numbers; a proposal only."""
_LIMIT_TAIL = re.compile(r"(?<=[\u4e00-\u9fff”]{2})(?=(?:不超过|不超出|不超)[\u4e00-\u9fff]{2,8}$)")
"""Before a limit in words ending a name (``“三公”经费支出不超年初预算``): the target of a
row without numbers; a proposal only."""
_TAIL_NUMBER = re.compile(r"(?<=[^\d.,+\-/≥≤<>=＞＜%])(?<!指标)(?=\d+(?:\.\d+)*$)")
"""Before a number (or numbers run together, ``12.512.5``) that ends the token and
follows a word or unit (``标尺10``)."""
_AFTER_PERCENT = re.compile(r"(?<=\d[%％])(?=[^\s)）(（/])(?!(?:及|或)?(?:以上|以下|左右))")
"""After a percentage: a sign ends its number (``≥10%115.25%20%20``); a bracket after
it is a note on it (``90%(计划标准)``), 以上 / 以下 / 左右 part of it (``95%以上``)."""
_BEFORE_PERCENT = re.compile(
    r"(?<=[\u4e00-\u9fff)）])(?<!不低于)(?<!不高于)(?<!不少于)(?<!不超过)(?<!大于)(?<!小于)(?<!等于)"
    r"(?=\d+(?:\.\d+)?[%％])"
)
"""Before a percentage that follows a word (``拨付率100%``) or a bracketed note
(``公开率(除涉密信息外)10%``)."""
_NEXT_VALUE = re.compile(r"(?<=[^\d.,+\-≥≤<>=＞＜%年月日至第])(?=\d)")
"""Inside a value (``≥2倍10倍``): a unit ends it where the next number begins."""
UNIT_STARTS = (
    "个次人元万亿天日月年件份项户所家台辆座亩米吨平公千小分周场期批名本册套条株只头间处部篇"
    "门类节张幅倍级百立工毫克斤升瓦度秒起例宗棵艘架枚厘微里季届轮趟班组笔位床栋片块段根箱袋瓶盒包"
)
"""First characters of the units a number is printed with (个, 人次, 百分比, 立方米 …)."""
_COUNTERS = "个次人件份项户所家台辆座亩吨株只头间处篇条套册批名场张幅倍棵艘架枚起例宗"
"""Units of one character that are never the start of a longer one (not 小时, 公里)."""
_WORD_UNITS = ("公里", "千米", "公斤", "千克", "人次", "户次", "平方米", "立方米")
_AFTER_WORD_UNIT = "|".join(rf"(?<=\d{u})" for u in _WORD_UNITS)
_NUMBER_THEN_NAME = re.compile(
    rf"(?<=\d)(?<!指标\d)(?=[\u4e00-\u9fff]{{2,}})(?![{UNIT_STARTS}])"
    rf"|(?<=\d[{_COUNTERS}])(?=[\u4e00-\u9fff]{{3,}})(?![{UNIT_STARTS}])"
    rf"|(?:{_AFTER_WORD_UNIT})(?=[\u4e00-\u9fff]{{3,}})(?![{UNIT_STARTS}])"
    r"(?!及?(?:以上|以下|以内|之内|左右|内|范围|半径))"
)
"""After a number, where a name of two or more characters (not a unit) begins (or
after a number and its one-character unit, ``0起``, or a unit of words no name
continues, ``≥100公里``, a name of three or more); the
template's numbering (``指标1安全率``) stays with its name."""
_VALUE_START = re.compile(r"^[≥≤<>=＞＜]?\d")
_DATE = re.compile(r"\d{4}\s*[年.\-/]\s*\d{1,2}")


def _values(text: str) -> list[str]:
    """A value run into the next one (``≥2倍10倍``) cut where a number follows a unit;
    dates and words are left whole."""
    if not _VALUE_START.match(text) or _DATE.search(text):
        return [text]
    return [p for p in _NEXT_VALUE.split(text) if p]


def _without_leaders(text: str) -> list[str]:
    return [_TRAILING_LEADERS.sub("", text)]


def twice(text: str) -> list[str]:
    """A short word printed twice (``高高``, ``合格合格``), alone or after a name
    (``维护及安全性高高``): the target and the actual."""
    half = len(text) // 2
    if 1 <= half <= 4 and text[:half] == text[half:] and _HAN.fullmatch(text):
        return [text[:half], text[half:]]
    for size in range(4, 0, -1):
        word = text[-size:]
        head = text[: -2 * size]
        if (
            len(head) >= 2
            and text[-2 * size : -size] == word
            and _HAN.fullmatch(word)
            and (size > 1 or word in _ONE_CHARACTER_VALUES)
        ):
            return [head, word, word]
    return [text]


_ONE_CHARACTER_VALUES = frozenset("高低好优良是否有无强差")
"""Values of one character, which a name rarely ends in twice."""


def _caption_tail(text: str) -> list[str]:
    """A table caption ending a cell (``…动用库存绩效指标``, the header a page repeats)."""
    if text in TABLE_CAPTIONS:
        return [text]
    for caption in sorted(TABLE_CAPTIONS, key=len, reverse=True):
        if text.endswith(caption) and len(text) > len(caption) + 1:
            return [text[: -len(caption)], caption]
    return [text]


def _answer(text: str) -> list[str]:
    """A yes/no question's answer run on after it (``公众知晓度是否明显提高是``)."""
    ask = text.find("是否")
    if ask >= 0 and len(text) - ask >= 5 and text[-1] in "是否":
        return [text[:-1], text[-1]]
    return [text]


def _value_tails(text: str) -> list[str]:
    """Values with their units peeled off a name's end one by one (``发生数0起0起`` →
    发生数, 0起, 0起)."""
    tails: list[str] = []
    while len(tails) < 4:
        pieces = _VALUE_TAIL.split(text)
        if len(pieces) < 2:
            break
        text = "".join(pieces[:-1])
        tails.insert(0, pieces[-1])
    return [text, *tails]


def _change_tail(text: str) -> list[str]:
    if "是否" in text:
        return [text]  # 是否明显提高: the change word is part of the question
    m = _CHANGE_TAIL.search(text)  # the first place: 明显改善 stays one
    return [text[: m.start()], text[m.start() :]] if m else [text]


_CUTS: tuple[Callable[[str], list[str]], ...] = (
    _VERDICT.split,
    _SIGN.split,
    _AFTER_PERCENT.split,
    _BEFORE_PERCENT.split,
    _MONEY_END.split,
    _NUMBER_THEN_NAME.split,
    _DATE_TAIL.split,
    _date_between_names,
    _value_tails,
    _change_tail,
    _LIMIT_TAIL.split,
    _answer,
    twice,
    _caption_tail,
    _without_leaders,
    NOTE_AFTER.split,
    _TAIL_NUMBER.split,
    _values,
)
"""The finer cuts of a short run, each applied to the pieces of the one before."""


def fine_cuts(pieces: list[str]) -> list[str]:
    """``pieces`` cut by every cut of the value grammar, again until none applies."""
    out = pieces
    for _ in range(_PASSES):  # a cut may make a piece another cut applies to
        before = out
        for cut in _CUTS:
            out = [q for p in out for q in cut(p) if q]
        if out == before:
            break
    return out
