"""P011: a finding for every 年度指标值 / 实际完成值 the value grammar cannot read.

Run on every parsed form by :func:`jixiao.parse.registry.parse_document`. Pre-2020
scorecards are skipped: their ``target`` column is the 指标解释 text, not a value.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Finding, Form, LegacySelfEvaluation, Location, finding

__all__ = ["VALUE_FIELDS", "unreadable_values", "with_value_findings"]

VALUE_FIELDS: dict[str, str] = {"target": "年度指标值", "actual": "实际完成值"}
"""The indicator fields the grammar reads, with their Chinese labels."""


def unreadable_values(form: Form) -> Iterator[Finding]:
    """One P011 per unreadable target or actual of ``form``, in row order."""
    if isinstance(form, LegacySelfEvaluation):
        return
    for index, row in enumerate(form.indicators):
        for name, label in VALUE_FIELDS.items():
            parsed = row.parsed_target if name == "target" else row.parsed_actual
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


def with_value_findings(form: Form) -> Form:
    """``form`` with its P011 findings added after the findings it already has."""
    extra = tuple(unreadable_values(form))
    if not extra:
        return form
    return form.model_copy(update={"findings": (*form.findings, *extra)})
