"""Q: target quality — best practice for the indicators themselves (warnings only).

A target should be measurable (a number where the indicator counts or compares), carry
its unit, weigh something, and the form should ask the people served (满意度). The
first-level weights should be near the ruleset's defaults (a principle, not a rule:
local forms deviate).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.audit.locate import form_location, row_location
from jixiao.audit.registry import form_check
from jixiao.audit.rules import blank_note
from jixiao.model import Finding, Form, LegacySelfEvaluation, finding
from jixiao.model.value import ParsedValue
from jixiao.model.value_grammar import COMPARATIVE_WORDS, is_vague, parse_value, states_ratio
from jixiao.score.result import FormScore
from jixiao.score.ruleset import Ruleset

__all__ = [
    "check_level1_weights",
    "check_satisfaction",
    "check_targets",
    "check_zero_weights",
    "names_its_unit",
    "vague_word",
]

_QUANTITY_LEVEL = re.compile(r"数量|成本")
_COUNTED = re.compile(r"(?:数|数量|次|次数|场次|人次)$|人数|次数|场次|人次|户数|个数|家数|件数")
"""An indicator named as a count (…人数, …场次, …企业数): a bare number is that count."""


def names_its_unit(name: str | None) -> bool:
    """Whether the indicator's name says what its bare number counts (补贴人数 ≥20)."""
    return bool(name and _COUNTED.search(re.sub(r"[\s()（）]", "", name)))


def vague_word(value: ParsedValue, level2: str | None = None) -> str | None:
    """What makes a target vague: a promised change with no number (提升, 较上年增长 …,
    :func:`~jixiao.model.value_grammar.is_vague`), or any words without a number under a
    数量/成本 indicator (a ratio such as 1:1 has its numbers); else ``None``."""
    if value.kind != "qualitative":
        return None
    phrase = value.word or value.text.strip()
    if is_vague(value):
        found = [w for w in COMPARATIVE_WORDS if w in phrase]
        return min(found, key=lambda w: (phrase.index(w), -len(w)))
    if level2 and _QUANTITY_LEVEL.search(level2) and not states_ratio(value):
        return phrase  # a ratio (1:1) is a number, if not one to compare
    return None


@form_check("Q001", "Q002")
def check_targets(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """Q001 a target with no number where one is expected; Q002 a number without unit."""
    if isinstance(form, LegacySelfEvaluation):
        return  # the legacy 指标解释 column is an explanation, not a target value
    for i, ind in enumerate(form.indicators):
        if not ind.target or not ind.target.strip():
            continue
        value = ind.parsed_target or parse_value(ind.target)
        if value is None:
            continue
        if value.kind == "quantity":
            if (
                value.unit is None
                and value.number is not None
                and value.number != 0
                and not names_its_unit(ind.name)
            ):
                yield finding(
                    "Q002",
                    row_location(form, i, "target"),
                    target=ind.target,
                    number=value.number,
                )
            continue
        word = vague_word(value, ind.level2)
        if word is not None:
            why = (
                f"只说“{word}”，没有给出幅度或目标数"
                if is_vague(value)
                else f"{ind.level2 or '数量或成本指标'}应写出数值"
            )
            yield finding(
                "Q001", row_location(form, i, "target"), target=ind.target, word=word, why=why
            )


@form_check("Q003")
def check_zero_weights(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """Q003 an indicator weighing 0 points with no note saying why (设备已转交)."""
    for i, ind in enumerate(form.indicators):
        if ind.weight is not None and ind.weight == 0 and blank_note(ind.note):
            yield finding("Q003", row_location(form, i, "weight"), indicator=ind.name)


@form_check("Q004")
def check_satisfaction(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """Q004 no 满意度 indicator among the form's rows."""
    if isinstance(form, LegacySelfEvaluation) or not form.indicators:
        return
    for ind in form.indicators:
        if any(text and "满意" in text for text in (ind.level1, ind.level2, ind.name)):
            return
    yield finding("Q004", form_location(form, "indicators"))


@form_check("Q005")
def check_level1_weights(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """Q005 first-level weights further than the ruleset's tolerance from its defaults
    (one finding per form, naming every level and its default)."""
    defaults = ruleset.weights.level1
    if not defaults or not form.indicators:
        return
    if any(ind.weight is None for ind in form.indicators):
        return
    sums: dict[str, Decimal] = {}
    for ind in form.indicators:
        key = _default_key(ind.level1, defaults)
        if key is None or ind.weight is None:
            return  # a row under an unknown or missing label: the sums would mislead
        sums[key] = sums.get(key, Decimal(0)) + ind.weight
    far = [
        key
        for key, expected in defaults.items()
        if abs(sums.get(key, Decimal(0)) - expected) > ruleset.weights.tolerance
    ]
    if far:
        yield finding(
            "Q005",
            form_location(form, "indicators"),
            level1="、".join(far),
            weights="、".join(f"{key} {sums.get(key, 0)}" for key in defaults),
            rule=f"「{ruleset.title}」",
            expected="、".join(f"{key} {value}" for key, value in defaults.items()),
        )


def _default_key(level1: str | None, defaults: dict[str, Decimal]) -> str | None:
    """The ruleset's level-1 name ``level1`` stands for (产出指标 / 产出 / 产出目标 …)."""
    if not level1:
        return None
    text = re.sub(r"\s+", "", level1)
    for key in defaults:
        if text == key or text[:2] == key[:2]:
            return key
    return None
