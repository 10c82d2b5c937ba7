"""P011: a finding for every 年度指标值 / 实际完成值 the value grammar cannot read.

Run on every parsed form (:func:`jixiao.parse.report.with_parse_findings`). Pre-2020
scorecards are skipped: their ``target`` column is the 指标解释 text, not a value.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Finding, Form, Indicator, LegacySelfEvaluation, Location, finding
from jixiao.model.value import ParsedValue
from jixiao.model.value_grammar import KEY_TERMS

__all__ = [
    "CATEGORIES",
    "VALUE_FIELDS",
    "category",
    "row_values",
    "unreadable_values",
]

VALUE_FIELDS: dict[str, str] = {"target": "年度指标值", "actual": "实际完成值"}
"""The indicator fields the grammar reads, with their Chinese labels."""

CATEGORIES: dict[str, str] = {
    "quantity_op": "数量（带比较符）",
    "quantity": "数量（无比较符）",
    "range": "数量（区间）",
    "tier_achieved": "等级：达成",
    "tier_partial": "等级：部分达成",
    "tier_not_achieved": "等级：未达成",
    "deadline": "期限",
    "qualitative_term": "定性（常用词）",
    "qualitative_text": "定性（其他表述）",
    "unreadable": "无法识别",
}
"""The coverage categories of a value, with their Chinese labels, in report order."""


def category(value: ParsedValue) -> str:
    """The coverage category (a key of :data:`CATEGORIES`) of ``value``."""
    if value.kind == "quantity":
        if value.upper is not None:
            return "range"
        return "quantity" if value.op is None else "quantity_op"
    if value.kind == "tier" and value.tier is not None:
        return f"tier_{value.tier.value}"
    if value.kind == "qualitative":
        return "qualitative_term" if value.word in KEY_TERMS else "qualitative_text"
    return value.kind


def row_values(row: Indicator) -> Iterator[tuple[str, str, ParsedValue | None]]:
    """``(field, Chinese label, parsed value)`` for the target and the actual of ``row``."""
    yield "target", VALUE_FIELDS["target"], row.parsed_target
    yield "actual", VALUE_FIELDS["actual"], row.parsed_actual


def unreadable_values(form: Form) -> Iterator[Finding]:
    """One P011 per unreadable target or actual of ``form``, in row order."""
    if isinstance(form, LegacySelfEvaluation):
        return
    for index, row in enumerate(form.indicators):
        for name, label, parsed in row_values(row):
            if parsed is None or parsed.kind != "unreadable":
                continue
            where = f"指标「{row.name}」的" if row.name else f"第 {index + 1} 项指标的"
            location = Location(
                file=form.source.file,
                lines=row.lines,
                row=index,
                field=f"indicators.{index}.{name}",
            )
            yield finding("P011", location, field=where + label, text=parsed.text)
