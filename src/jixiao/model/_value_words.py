"""The word parts of the value grammar: tiers, deadlines and qualitative phrases.

Each reader takes a normalised string (see ``value_grammar._normal``) and returns what
it found or ``None``. ``looks_garbled`` says when a string without digits is OCR noise
or a cut-off fragment rather than a phrase.
"""

from __future__ import annotations

import re
from collections import Counter

from jixiao.model.value import Tier
from jixiao.model.value_units import is_gb2312

__all__ = ["looks_garbled", "normal_phrase", "read_deadline", "read_tier"]

_TARGETS = ("指标", "年度指标", "预期指标", "目标", "年度目标", "预期目标")
_TIER_FORMS: dict[Tier, tuple[str, ...]] = {
    Tier.ACHIEVED: (
        *(f"达成{t}" for t in _TARGETS),
        *(f"达到{t}" for t in _TARGETS[1:]),
        *(f"已达成{t}" for t in ("", *_TARGETS)),
        "全部达成",
        "完全达成",
    ),
    Tier.PARTIAL: tuple(
        f"部分达成{t}{tail}" for t in ("", *_TARGETS) for tail in ("", "并具有一定效果")
    ),
    Tier.NOT_ACHIEVED: tuple(
        f"未达成{t}{tail}" for t in ("", *_TARGETS) for tail in ("", "且效果较差")
    ),
}
_TIER_PREFIXES = (("部分达成", Tier.PARTIAL), ("未达成", Tier.NOT_ACHIEVED))


def read_tier(text: str) -> Tier | None:
    """The tier of 达成指标 / 部分达成…并具有一定效果 / 未达成…且效果较差, allowing
    for brackets (``部分达成(年度)指标``), a cut-off tail and one or two misread
    characters in the longer forms; ``达成`` alone is 达成 too."""
    core = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    if core == "达成":
        return Tier.ACHIEVED
    for prefix, tier in _TIER_PREFIXES:
        if core.startswith(prefix) and _tier_tail(core[len(prefix) :]):
            return tier
    if len(core) < 4 or (len(core) < 6 and not core.endswith(("指标", "目标"))):
        return None
    allowed = 1 if len(core) <= 8 else 2
    best: tuple[int, Tier] | None = None
    for tier, forms in _TIER_FORMS.items():
        for form in forms:
            if abs(len(form) - len(core)) <= allowed:
                distance = _distance(core, form)
                if distance <= allowed and (best is None or distance < best[0]):
                    best = (distance, tier)
    return best[1] if best else None


def _tier_tail(tail: str) -> bool:
    """What may follow 部分达成 / 未达成: nothing, or the start of a known ending."""
    endings = [f"{t}{e}" for t in ("", *_TARGETS) for e in ("并具有一定效果", "且效果较差")]
    return tail == "" or any(e.startswith(tail) for e in endings if len(tail) >= 2)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


_DAYPART = r"(?:\d{1,2}[日号]|初|底|末|上旬|中旬|下旬)"
_MONTH = rf"\d{{1,2}}月份?{_DAYPART}?"
_AFTER_YEAR = rf"(?:{_MONTH}|底|末|初|中|内|上半年|下半年|第?[一二三四1-4]季度)"
_YEARPART = (
    r"(?:年底|年末|年初|年中|年内|上半年|下半年|第?[一二三四1-4]季度|季度末|季末"
    r"|月底|月末|月中|当年|本年度?|当月|本月|年度内)"
)
_PERIOD = rf"每个?(?:半年|季度|季|年度?|月|周|天|日|工作日)(?:{_MONTH}|{_DAYPART})?"
_NUMERIC = r"\d{4}(?:[./-]\d{1,2}[./-]\d{1,2}|[-/]\d{1,2})"
"""2024.12.31, 2024-12-31, 2024/12; not 2024.12, which is a number."""
_DATE = rf"(?:\d{{4}}年度?{_AFTER_YEAR}?|{_NUMERIC}|{_MONTH}|\d{{1,2}}(?=[-~至到]))"
_CORE = (
    rf"{_PERIOD}|{_DATE}(?:[-~至到]{_DATE})?|{_YEARPART}"
    r"|按时|按期|如期|定期|限期|按计划|按(?:半年|季度|季|年度?|月|周|天|日)"
)
_DEADLINE = re.compile(
    rf"^(?:=|于|在|截至|截止|截止到|至|到)?(?P<core>{_CORE})"
    r"(?P<when>之前|以前|前|之内|以内|内|止|为止)?(?P<rest>\D*)$"
)
_WHEN = {"之前": "前", "以前": "前", "之内": "内", "以内": "内", "为止": "止"}


def read_deadline(text: str) -> str | None:
    """A date, period or schedule (``2024年12月31日前``, ``年底前``, ``9月底前``,
    ``每月中旬``, ``按时``) as its normal phrase; words after it (完成, 及时报送…) may
    follow but no other number."""
    match = _DEADLINE.match(text)
    if match is None or not _valid_date(match["core"]):
        return None
    when = match["when"] or ""
    return match["core"] + _WHEN.get(when, when)


def _valid_date(core: str) -> bool:
    """Every year in 1990–2100, month in 1–12 and day in 1–31."""
    numeric = re.findall(r"(\d{4})[./-](\d{1,2})(?:[./-](\d{1,2}))?", core)
    years = re.findall(r"(\d{4})年", core) + [y for y, _, _ in numeric]
    months = re.findall(r"(\d{1,2})月", core) + [m for _, m, _ in numeric]
    days = re.findall(r"(\d{1,2})[日号]", core) + [d for _, _, d in numeric if d]
    return (
        all(1990 <= int(y) <= 2100 for y in years)
        and all(1 <= int(m) <= 12 for m in months)
        and all(1 <= int(d) <= 31 for d in days)
    )


_SAME_YEAR = re.compile(r"^(?:较|比)(?:去年|上年度?|上一年度?|前一年)")
_ALLOWED = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9、,;:()《》\"'“”‘’\-—/·.%+]+$")
_STUTTER = re.compile(r"([\u4e00-\u9fff])\1\1")
_DANGLING = "及和与或、,"


def normal_phrase(text: str) -> str:
    """A qualitative phrase in one spelling: no leading ``=``/``:``, 较去年 → 较上年."""
    phrase = text.lstrip("=:").strip()
    return _SAME_YEAR.sub("较上年", phrase)


def looks_garbled(text: str) -> bool:
    """True for a string without digits that is no phrase: characters no phrase is
    written with (OCR noise, non-GB2312 ideographs), unbalanced brackets, one character
    three times running or four times in a short string (``人工人人人工``; 公开公正公平
    is a phrase), or a cut-off ending (``上及``)."""
    if not _ALLOWED.match(text) or not is_gb2312(text):
        return True
    if text.count("(") != text.count(")") or text.count("《") != text.count("》"):
        return True
    counts = Counter(c for c in text if "\u4e00" <= c <= "\u9fff")
    if _STUTTER.search(text) or (len(text) <= 12 and counts and max(counts.values()) >= 4):
        return True
    return text[-1] in _DANGLING or text[0] in "、,;:"
