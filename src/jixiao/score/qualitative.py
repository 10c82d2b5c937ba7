"""Qualitative rows (DESIGN §6): the actual names a tier, the tier allows a band of points.

达成 → [80%, 100%], 部分达成 → [60%, 80%], 未达成 → [0, 60%) of the weight (ruleset
switches). The unit chooses the score inside the band; the score that enters the total is
the reported one moved into the band (the top of the band when none is reported).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.value import ParsedValue, Tier
from jixiao.model.value_grammar import direction
from jixiao.score.explain import points, value_text
from jixiao.score.ruleset import HedgedTier, Rounding, Ruleset
from jixiao.score.verdict import Verdict

__all__ = [
    "TIER_LABELS",
    "direction_tier",
    "hedged_word",
    "move_into_band",
    "score_tier",
    "word_tier",
]

TIER_LABELS = {
    Tier.ACHIEVED: "达成指标",
    Tier.PARTIAL: "部分达成指标",
    Tier.NOT_ACHIEVED: "未达成指标",
}
_YES = frozenset({"是", "已完成", "完成", "全部完成", "按时", "按期", "按时完成", "已达成", "达标"})
_NO = frozenset(
    {"否", "未完成", "未按时", "未按期", "不及时", "未达标", "未实现", "不满意", "较差", "差"}
)
_PARTIAL = frozenset({"部分完成", "部分实现", "部分达标", "部分按时", "一般"})
_HEDGE = re.compile(r"^(比较|较为|较|基本)(?![上去前]年|上届)(\S+)$")
"""较及时, 比较满意, 基本完成 — not 较上年增长 (a comparison, not a degree)."""
_NEGATION = re.compile(r"[不未没差]")


def hedged_word(actual: ParsedValue | None) -> str | None:
    """The hedge (较, 比较, 较为, 基本) an actual such as 「较及时」 opens with, else ``None``."""
    if actual is None or actual.kind not in ("qualitative", "unreadable"):
        return None
    word = (actual.word or actual.text).strip()
    found = _HEDGE.match(word)
    if found is None or _NEGATION.search(found.group(2)):
        return None
    return found.group(1)


def score_tier(tier: Tier, weight: Decimal, ruleset: Ruleset, how: str) -> Verdict:
    """The band ``tier`` allows; ``how`` says how the tier was read (e.g. the actual)."""
    band = ruleset.qualitative.band(tier)
    low = ruleset.rounding.points(weight * band.low / 100)
    high = ruleset.rounding.points(weight * band.high / 100)
    r = ruleset.rounding
    edge = "" if band.high_inclusive else f"（不含 {points(high, r)}）"
    return Verdict(
        "qualitative",
        f"定性：{how}，允许 {points(low, r)}–{points(high, r)} 分{edge}",
        band=(low, high),
        band_high_inclusive=band.high_inclusive,
    )


def word_tier(
    target: ParsedValue | None, actual: ParsedValue, hedged: HedgedTier = "achieved"
) -> tuple[Tier, str] | None:
    """The tier a non-tier actual implies, with the wording: the target's own word repeated
    or a plain yes (是, 按时 …) means achieved, 部分完成 / 一般 partial, a plain no (否,
    未完成 …) not achieved; a hedged word (较及时, 基本完成) the ruleset's ``hedged`` tier."""
    if actual.kind == "tier" and actual.tier is not None:
        return actual.tier, actual.text.strip() or TIER_LABELS[actual.tier]
    word = (actual.word or actual.text).strip()
    if target is not None and target.kind != "quantity" and word == value_text(target):
        return Tier.ACHIEVED, f"实际「{word}」与目标一致，视为{TIER_LABELS[Tier.ACHIEVED]}"
    hedge = hedged_word(actual)
    if hedge is not None and hedged != "unscorable":
        tier = Tier.ACHIEVED if hedged == "achieved" else Tier.PARTIAL
        how = f"按规则集对程度词的设定视为{TIER_LABELS[tier]}"
        return tier, f"实际「{word}」带程度词「{hedge}」，{how}"
    if word in _PARTIAL:
        return Tier.PARTIAL, f"实际「{word}」，视为{TIER_LABELS[Tier.PARTIAL]}"
    if word in _YES:
        return Tier.ACHIEVED, f"实际「{word}」，视为{TIER_LABELS[Tier.ACHIEVED]}"
    if word in _NO:
        return Tier.NOT_ACHIEVED, f"实际「{word}」，视为{TIER_LABELS[Tier.NOT_ACHIEVED]}"
    return None


def direction_tier(target: ParsedValue | None, actual: ParsedValue) -> tuple[Tier, str] | None:
    """The tier of an actual that reports a change against a direction target (目标「稳步提升」,
    实际「有所提升」: achieved; 「未提升」 or the opposite way: not achieved)."""
    promised, said = direction(target), direction(actual)
    if promised is None or said is None or not promised[1]:
        return None
    word, aim = (actual.word or actual.text).strip(), value_text(target)
    if said == promised:
        return (
            Tier.ACHIEVED,
            f"实际「{word}」与方向目标「{aim}」一致，视为{TIER_LABELS[Tier.ACHIEVED]}",
        )
    return (
        Tier.NOT_ACHIEVED,
        f"实际「{word}」未达到方向目标「{aim}」，视为{TIER_LABELS[Tier.NOT_ACHIEVED]}",
    )


def move_into_band(
    reported: Decimal | None, verdict: Verdict, rounding: Rounding
) -> tuple[Decimal, bool]:
    """The score that enters the total, and whether the reported one had to move."""
    assert verdict.band is not None
    low, high = verdict.band
    top = high if verdict.band_high_inclusive else max(low, high - rounding.unit)
    if reported is None:
        return top, False
    if reported < low:
        return low, True
    if reported > top:
        return top, True
    return reported, False
