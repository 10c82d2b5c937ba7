"""Choosing between OCR readings of a doubtful digit by the form's own arithmetic.

When a scanned form does not add up (Σ scores + budget score ≠ 总分, or Σ weights ≠
总分值) and the OCR reader doubted a number cell, each digit of that number is tried
in the shapes OCR confuses it with (``8`` for ``6``, ``1`` for ``7`` …). If exactly one
such reading of one doubted cell makes the form add up, it is taken, with a P004
finding saying what was read and why; otherwise nothing is changed and the form keeps
its A001/A002 finding. A value is never invented: only a doubted cell's own digits
change, and only when the arithmetic leaves no choice.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model import Finding, Form, LegacySelfEvaluation, Location, SelfEvaluation, finding
from jixiao.parse.reconcile import adds_up
from jixiao.parse.text import parse_number

__all__ = ["CONFUSABLE", "resolve_digits"]

CONFUSABLE: dict[str, str] = {
    "0": "869",
    "1": "74",
    "2": "73",
    "3": "852",
    "4": "19",
    "5": "638",
    "6": "5809",
    "7": "12",
    "8": "03695",
    "9": "8046",
}
"""For each digit, the digits OCR most often reads in its place."""


def resolve_digits(form: Form, doubts: list[Finding]) -> Form:
    """``form`` with at most one doubted number re-read so that the form adds up."""
    if not isinstance(form, SelfEvaluation | LegacySelfEvaluation) or adds_up(form):
        return form
    found: list[tuple[SelfEvaluation | LegacySelfEvaluation, int, str, Decimal, Decimal, int]] = []
    for doubt in doubts:
        text = str(doubt.values.get("text", ""))
        line = (doubt.location.lines or (0, 0))[0]
        try:
            value = parse_number(text)
        except ValueError:
            continue
        if value is None:
            continue
        for i, row in enumerate(form.indicators):
            if not row.lines or not row.lines[0] <= line <= row.lines[1]:
                continue
            for field in ("weight", "score"):
                if getattr(row, field) != value:
                    continue
                for alt in _readings(text):
                    rows = list(form.indicators)
                    rows[i] = row.model_copy(update={field: alt})
                    trial = form.model_copy(update={"indicators": tuple(rows)})
                    if adds_up(trial):
                        found.append((trial, i, field, value, alt, line))
    if len(found) != 1:
        return form
    trial, i, field, value, alt, line = found[0]
    loc = Location(
        file=form.source.file, lines=(line, line), row=i, field=f"indicators.{i}.{field}"
    )
    reason = f"OCR 读作 {value}，此数位改读后各项得分与分值合计与表中总分相符"
    note = finding(
        "P004", loc, field=f"第 {i + 1} 个指标的{_LABEL[field]}", value=alt, reason=reason
    )
    return trial.model_copy(update={"findings": (*trial.findings, note)})


_LABEL = {"weight": "分值", "score": "得分"}


def _readings(text: str) -> Iterator[Decimal]:
    """Every number that differs from ``text`` in one digit, by a confusable shape."""
    for pos, ch in enumerate(text):
        for alt in CONFUSABLE.get(ch, ""):
            try:
                value = parse_number(text[:pos] + alt + text[pos + 1 :])
            except ValueError:
                continue
            if value is not None:
                yield value
