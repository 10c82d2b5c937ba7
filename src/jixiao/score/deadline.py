"""Deadline targets (``9月底前``, ``年底前``, ``2024年12月31日前完成``) against the month
the actual names (``11月``, ``2024年10月底``, ``12月31日``).

Done by the deadline → 达成; done after it → 部分达成 (the work was done, late). Only
when both name a month of the year; anything else stays for the unit to judge.
"""

from __future__ import annotations

import re

from jixiao.model.value import ParsedValue, Tier

__all__ = ["deadline_tier"]

_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|底|末|份)?")
_BY = re.compile(r"前|之前|以前|底|末")


def _month(text: str, *, year_end: bool) -> tuple[int, int, int] | None:
    """(year or 0, month, day) a phrase names; 年底 / 年末 is December 31 when ``year_end``."""
    months = list(_MONTH.finditer(text))
    if len(months) > 1:
        return None  # 6月、12月底前各一次: several deadlines, none to compare with
    found = months[0] if months else None
    if found is not None:
        year, month = int(found.group(1) or 0), int(found.group(2))
        day = int(found.group(3)) if found.group(3) else 31
        return (year, month, day) if 1 <= month <= 12 else None
    if year_end and re.search(r"年底|年末", text):
        return 0, 12, 31
    return None


def deadline_tier(target: ParsedValue, actual: ParsedValue) -> tuple[Tier, str] | None:
    """The tier of a deadline target met (or not) by the month the actual names."""
    if target.kind != "deadline" or actual.kind not in ("deadline", "qualitative"):
        return None
    due_text, done_text = target.word or target.text, actual.word or actual.text
    if not _BY.search(due_text) or re.search(r"每|前完成.*每", due_text):
        return None
    due = _month(due_text, year_end=True)
    done = _month(done_text, year_end=False)
    if due is None or done is None:
        return None
    if not (due[0] and done[0]):  # a year on one side only: compare within the year
        due, done = (0, *due[1:]), (0, *done[1:])
    if done <= due:
        return Tier.ACHIEVED, f"时限「{due_text}」，实际「{done_text}」已按时，视为达成指标"
    return Tier.PARTIAL, f"时限「{due_text}」，实际「{done_text}」晚于时限，视为部分达成指标"
