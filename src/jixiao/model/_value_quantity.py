"""The quantity part of the value grammar: ``[words] [op] number [unit] [以上|以内 …] [words]``.

``read_quantity`` takes a normalised string (see ``value_grammar._normal``) and returns
the quantity value with its op, number, unit and surrounding words, or ``None`` when
the string is not one quantity (two numbers, a stray bracket, an unknown trailing text …).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.value import Op, ParsedValue
from jixiao.model.value_units import (
    COUNTERS,
    MULTIPLIERS,
    PLACES,
    bare_unit,
    is_plain_unit,
    normal_unit,
    word_list,
)

__all__ = ["chinese_number", "read_quantity", "read_zero"]


_SYMBOL_OPS = {
    ">=": Op.GE,
    "=>": Op.GE,
    "<=": Op.LE,
    "=<": Op.LE,
    "==": Op.EQ,
    ">": Op.GT,
    "<": Op.LT,
    "=": Op.EQ,
}

_WORD_OPS: dict[str, Op] = {
    **dict.fromkeys(
        word_list(
            "不低于 不少于 不小于 不短于 大于等于 大于或等于 高于或等于 多于或等于 "
            "至少 最少 最低 达到"
        ),
        Op.GE,
    ),
    **dict.fromkeys(word_list("大于 高于 多于 超过 超出"), Op.GT),
    **dict.fromkeys(
        word_list(
            "不高于 不多于 不大于 不超过 不超出 不长于 小于等于 小于或等于 "
            "低于或等于 少于或等于 至多 最多 最高 控制在"
        ),
        Op.LE,
    ),
    **dict.fromkeys(word_list("小于 低于 少于 不足"), Op.LT),
    **dict.fromkeys(["等于"], Op.EQ),
}
_WORD_OPS_LONGEST = tuple(sorted(_WORD_OPS, key=len, reverse=True))

_SUFFIX_OPS: dict[str, Op] = {
    **dict.fromkeys(word_list("及以上 或以上 (含)以上 以上"), Op.GE),
    **dict.fromkeys(word_list("及以下 或以下 (含)以下 以下 以内 之内 内"), Op.LE),
}
_SUFFIX_OPS_LONGEST = tuple(sorted(_SUFFIX_OPS, key=len, reverse=True))

_TRAILING_WORDS = frozenset(word_list("完成 左右 达标 覆盖 全覆盖 完成率 上下 到位 合格 通过 办结"))
"""Words that may close a quantity (``100%完成``, ``3天左右``)."""

_CLOSERS = (*_SUFFIX_OPS_LONGEST, *sorted(_TRAILING_WORDS, key=len, reverse=True))
"""What may follow a per-place unit (``3人/村以上``, ``1个/县全覆盖``)."""

_TIME_UNITS = frozenset(word_list("天 工作日 小时 分钟 秒 周 个月 年 学时 课时 工时"))
"""Units after which ``内`` reads as a bound (``3个工作日内``)."""

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMBER = rf"[{_CN_DIGITS}十百千万]+"
_HEAD = re.compile(r"^(?P<pre>[^\d<>=]*)(?P<sym>>=|<=|=>|=<|==|>|<|=)?(?P<rest>.*)$")
_NUM = re.compile(rf"^(?P<sign>-)?(?P<num>{_NUMBER})")
_CN_COUNT = re.compile(rf"^(?P<num>[{_CN_DIGITS}十][{_CN_DIGITS}十百千万]*)(?P<unit>.+)$")
_CN_NUM = re.compile(rf"^(?P<num>{_CN_NUMBER})")
_RANGE = re.compile(rf"^(?:-|~|至|到)(?P<num>{_NUMBER})")
_PREFIX_TEXT = re.compile(r"^[\u4e00-\u9fffA-Za-z、,]*$")
_REMARK = re.compile(r"^\([\u4e00-\u9fff]{2,12}(?:\d+(?:\.\d+)?[\u4e00-\u9fff%]{0,2})?\)$")
"""A remark in brackets after a quantity: ``(抽样调查)``, ``(满分100)``, ``(满分为100分)``."""
_INCIDENTS = (
    "事故|投诉|差错|事件|案件|纠纷|失误|泄密|违纪|违规|上访|信访|故障|错误|缺陷|伤亡|延误"
    "|积压|逾期|拖欠|欠薪|风险"
)
"""What a zero count counts: 零投诉, 无安全事故 — not 零星维修, 零就业家庭, 无纸化."""
_ZERO = re.compile(
    r"^(?:实现|确保|保持|做到)?(?:"
    rf"零(?P<noun>[\u4e00-\u9fff]{{0,6}}?(?:{_INCIDENTS}))"
    rf"|(?:无|未发生|杜绝)(?P<incident>[\u4e00-\u9fff]{{0,8}}?(?:{_INCIDENTS}))(?:情况)?(?:发生)?"
    r"|(?P<event>[\u4e00-\u9fff]{1,8}?)零发生"
    r")$"
)
_NOUN = re.compile(r"^[\u4e00-\u9fff]{1,8}$")


def read_quantity(text: str, printed: str) -> ParsedValue | None:
    """Read ``text`` (``printed`` once normalised) as one quantity, or ``None``."""
    head = _HEAD.match(text)
    if head is None:
        return None
    pre, rest = head["pre"], head["rest"]
    if pre.endswith("-"):
        pre, rest = pre[:-1], "-" + rest
    sym_op = _SYMBOL_OPS[head["sym"]] if head["sym"] else None
    if not rest and sym_op is None:  # no digits: 不少于三次, 三场
        pre, word_op, rest = _find_word_op(pre)
        if word_op is None:
            return _counted(text, printed)
    else:
        pre, word_op = _split_word_op(pre)
    if word_op and sym_op and word_op != sym_op:
        return None
    op = sym_op or word_op
    if not _PREFIX_TEXT.match(pre) or re.search(r"[A-Za-z第]$", pre):
        return None  # 第3批, ISO9001: the digits name something
    number_text, rest = _number(rest, allow_words=op is not None)
    if number_text is None:
        return None
    number = _decimal(number_text)
    if number is None:
        return None
    number, rest = _multiplied(number, rest)
    if rest[:1] in ("余", "多"):  # 500余人, 2000多份: more than the number
        op, rest = op or Op.GT, rest[1:]
    unit, rest = _unit(rest)
    upper, unit, rest = _range(rest, unit)
    if upper is not None and (op is not None or upper < number):
        return None
    suffix_op, rest = _suffix_op(rest, unit)
    if suffix_op is not None:
        if op is not None and op != suffix_op and not (op == Op.LT and suffix_op == Op.LE):
            return None
        op = op or suffix_op
    if upper is not None:
        op = Op.GE
    trailing = _trailing(rest, unit, bounded=suffix_op is not None)
    if trailing is None:
        return None
    pre, unit = _per_place(pre, unit)
    words = [w for w in (pre.strip("、,"), trailing) if w]
    word = "…".join(words) if words else None
    return ParsedValue(
        kind="quantity", text=printed, op=op, number=number, upper=upper, unit=unit, word=word
    )


def read_zero(text: str, printed: str) -> ParsedValue | None:
    """A zero count said in words: 零投诉, 无重大安全事故, 未发生安全事故, 安全事故零发生
    → ``= 0`` with what is counted as ``word``; only a count of incidents (事故, 投诉,
    差错 …): 零星维修, 零就业家庭, 无纸化 and 无偿 are no counts."""
    match = _ZERO.match(text)
    if match is None:
        return None
    counted = match["noun"] or match["incident"] or match["event"]
    return ParsedValue(
        kind="quantity", text=printed, op=Op.EQ, number=Decimal(0), unit=None, word=counted
    )


def _per_place(pre: str, unit: str | None) -> tuple[str, str | None]:
    """``每村`` before ``3人`` is the unit 人/村 (每村不少于3人); 每年 stays words."""
    at = pre.rfind("每")
    place = pre[at + 1 :]
    if at < 0 or place not in PLACES or unit is None or "/" in unit:
        return pre, unit
    return pre[:at], f"{unit}/{place}"


def _split_word_op(pre: str) -> tuple[str, Op | None]:
    for word in _WORD_OPS_LONGEST:
        if pre.endswith(word):
            return pre[: -len(word)], _WORD_OPS[word]
    return pre, None


def _counted(text: str, printed: str) -> ParsedValue | None:
    """A Chinese numeral and a known unit, nothing else (三场, 两次); 三级, 一次性 are not."""
    match = _CN_COUNT.match(text)
    if match is None or bare_unit(match["unit"]) != match["unit"]:
        return None
    number = chinese_number(match["num"])
    if number is None:
        return None
    return ParsedValue(
        kind="quantity", text=printed, number=number, unit=normal_unit(match["unit"])
    )


def _find_word_op(pre: str) -> tuple[str, Op | None, str]:
    """Split ``pre`` at its first comparison word: text before, the op, text after."""
    for start in range(len(pre)):
        for word in _WORD_OPS_LONGEST:
            if pre.startswith(word, start):
                return pre[:start], _WORD_OPS[word], pre[start + len(word) :]
    return pre, None, ""


def _number(rest: str, *, allow_words: bool) -> tuple[str | None, str]:
    match = _NUM.match(rest)
    if match:
        return match[0], rest[match.end() :]
    if allow_words:
        cn = _CN_NUM.match(rest)
        if cn:
            return cn[0], rest[cn.end() :]
    return None, rest


def _decimal(text: str) -> Decimal | None:
    if text[0] in _CN_DIGITS or text[0] in "十百千万":
        return chinese_number(text)
    digits = text.lstrip("-").replace(",", "")
    integer = digits.split(".")[0]
    if len(integer) > 1 and integer.startswith("0"):
        return None  # 00.00, 007: a digit lost or misread
    return Decimal(text.replace(",", ""))


def chinese_number(text: str) -> Decimal | None:
    """A Chinese numeral (三, 十五, 一百二十, 两千, 三万) as a number."""
    values = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    scales = {"十": 10, "百": 100, "千": 1000}
    total, section, digit = 0, 0, None
    for char in text:
        if char in values:
            if digit is not None:
                return None
            digit = values[char]
        elif char in scales:
            section += (1 if digit is None else digit) * scales[char]
            digit = None
        else:  # 万
            total = (total + section + (digit or 0)) * 10_000
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def _multiplied(number: Decimal, rest: str) -> tuple[Decimal, str]:
    for word, factor in MULTIPLIERS.items():
        if rest.startswith(word) and not rest.startswith(f"{word}元"):
            product = (number * factor).normalize()  # 1.2万 is 12000, not 12000.0
            if product.as_tuple().exponent > 0:  # type: ignore[operator]
                # exact whatever its size (quantize fails past the context's 28 digits:
                # 199999999999999999999999990万 was an InvalidOperation)
                product = Decimal(int(product))
            return product, rest[len(word) :]
    return number, rest


def _unit(rest: str) -> tuple[str | None, str]:
    if rest.startswith("(") and not rest.startswith("(含)"):
        end = rest.find(")")
        inner = rest[1:end] if end > 0 else ""
        if end > 0 and is_plain_unit(inner):
            return normal_unit(inner), rest[end + 1 :]
        return None, rest
    known = bare_unit(rest, _CLOSERS)
    if known is not None:
        return normal_unit(known), rest[len(known) :]
    closing = rest.startswith(_SUFFIX_OPS_LONGEST) or rest in _TRAILING_WORDS
    if rest and not closing and _NOUN.match(rest) and len(rest) <= 3 and is_plain_unit(rest):
        return rest, ""  # an unlisted measure word closing the string: =4面, =5000箱
    return None, rest


def _range(rest: str, unit: str | None) -> tuple[Decimal | None, str | None, str]:
    """``-95%`` after ``90%`` (or ``90``): the upper bound, the unit, what follows."""
    match = _RANGE.match(rest)
    if match is None:
        return None, unit, rest
    upper = _decimal(match["num"])
    second, after = _unit(rest[match.end() :])
    if upper is None or (unit and second and unit != second):
        return None, unit, "\x00"  # cannot be read: forces the caller to fail
    return upper, unit or second, after


def _suffix_op(rest: str, unit: str | None) -> tuple[Op | None, str]:
    for word in _SUFFIX_OPS_LONGEST:
        if rest.startswith(word):
            if word == "内" and unit not in _TIME_UNITS:
                return None, rest
            return _SUFFIX_OPS[word], rest[len(word) :]
    return None, rest


def _trailing(rest: str, unit: str | None, *, bounded: bool) -> str | None:
    """The words after the quantity, ``""`` for none, ``None`` when they cannot follow:
    a closing word (完成, 左右), a verb after a bound (3个工作日内办结) or a noun after a
    measure word (10家企业)."""
    if rest in ("", "(含)"):
        return ""
    if rest in _TRAILING_WORDS or (bounded and _NOUN.match(rest) and len(rest) <= 4):
        return rest
    if unit is not None and _REMARK.match(rest):
        return rest[1:-1]  # 98%(抽样调查)
    if unit is not None and unit.split("/")[-1] in COUNTERS | {"人"} and _NOUN.match(rest):
        return rest  # 10家企业, 200名学员
    return None
