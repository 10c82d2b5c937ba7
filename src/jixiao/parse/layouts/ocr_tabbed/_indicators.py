"""Turning scanned raw rows into :class:`Indicator` rows, reporting every loss."""

from __future__ import annotations

from dataclasses import replace

from jixiao.model import Indicator
from jixiao.parse.layouts.ocr_tabbed._cells import is_header_word, is_target, plausible_value
from jixiao.parse.layouts.ocr_tabbed._notes import Notes
from jixiao.parse.layouts.ocr_tabbed._rows import RawRow
from jixiao.parse.layouts.ocr_tabbed._text import (
    Joined,
    cell_text,
    hanzi_count,
    to_decimal,
    value_text,
)
from jixiao.parse.text import clean

__all__ = ["build_indicator", "split_tail_target"]


def split_tail_target(row: RawRow) -> bool:
    """A target printed at the end of the name cell (``服务满意度 ≥80.00``) is the
    row's target (``True`` when one was moved). Not reported: the form's trial build
    once did this unreported before the reported build, which then found nothing to
    move."""
    if row.target or not row.names:
        return False
    words = cell_text(row.names[-1]).split()
    if len(words) >= 2 and is_target(words[-1]):
        row.names[-1] = " ".join(words[:-1])
        row.target = [words[-1]]
        return True
    return False


def build_indicator(
    row: RawRow, index: int, level: tuple[str | None, str | None], notes: Notes, joined: Joined
) -> Indicator:
    """The indicator of ``row``, whose name fragments ``joined`` are (not changed)."""
    span = (row.first, row.last)
    missing: list[str] = []
    name = joined.text
    if name is not None and hanzi_count(name) <= 1:
        joined = replace(joined, junk=[*joined.junk, name])
        name = None
    notes.joined(span, f"indicators.{index}.name", "三级指标", joined, row=index)
    if name is None:
        missing.append("三级指标名称")
    target = _value(row.target, span, index, "target", "年度指标值", notes)
    actual = _value(row.actual, span, index, "actual", "实际完成值", notes)
    if target is None:
        missing.append("年度指标值")
    if actual is None:
        missing.append("实际完成值")
    weight = to_decimal(row.weight) if row.weight else None
    score = to_decimal(row.score) if row.score else None
    if weight is None:
        missing.append("分值")
    if score is None:
        missing.append("得分")
    if missing:
        notes.add(
            "P007",
            span,
            f"indicators.{index}",
            row=index,
            line=row.line,
            missing="、".join(missing),
        )
    return Indicator(
        level1=level[0],
        level2=level[1],
        name=name,
        target=target,
        actual=actual,
        weight=weight,
        score=score,
        note=_note(row, span, index, notes),
        lines=span,
    )


def _value(
    parts: list[str], span: tuple[int, int], index: int, fld: str, label: str, notes: Notes
) -> str | None:
    raw = clean(" ".join(cell_text(p) for p in parts if cell_text(p)))
    text, removed = value_text(raw)
    if removed:
        notes.stray(span, f"indicators.{index}.{fld}", removed, index, label)
    if text is not None and not plausible_value(text):
        notes.add("P001", span, f"indicators.{index}.{fld}", index, line=span[0], text=text)
        return None
    return text


def _note(row: RawRow, span: tuple[int, int], index: int, notes: Notes) -> str | None:
    kept: list[str] = []
    junk: list[str] = []
    for part in row.notes:
        t = cell_text(part)
        if not t or is_header_word(t):
            continue
        if hanzi_count(t) == 0:
            junk.append(t)
        else:
            kept.append(t)
    if junk:
        notes.stray(span, f"indicators.{index}.note", " ".join(junk), index, "偏差原因分析")
    return clean(" ".join(kept)) if kept else None
