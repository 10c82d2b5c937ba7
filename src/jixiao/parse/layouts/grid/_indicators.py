"""The indicator table of an official form: header row, indicator rows, total row.

Columns are found by their header text, so a different column order or a missing
column (no 偏差原因) still reads. A merged 一级/二级 label cell covers every row it
spans and gives each its level; an empty label cell means no level, except at the
top of a continued table (the next page's table), which carries the label on. A
repeated header row (a table continued on a new page) is recognised and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model import Indicator, finding
from jixiao.parse.families import family
from jixiao.parse.layouts.grid._columns import (
    TEXT_FIELDS,
    header_columns,
    joined_target,
    span_text,
    sub_header,
    year_captions,
)
from jixiao.parse.layouts.grid._context import FormContext
from jixiao.parse.layouts.grid._header import KeyValue, is_stamp, is_title, key_of, read_pairs
from jixiao.parse.layouts.grid._rows import GridCell, GridRow

__all__ = [
    "IndicatorTable",
    "check_level_weights",
    "find_header",
    "header_columns",
    "read_indicators",
    "read_scored_table",
    "total_grade",
    "without_fill_note",
]

_TOTALS = frozenset({"总分", "合计", "总计", "合计得分", "总得分"})
_WEIGHTED = re.compile(r"^(?P<label>.+?)[（(]\s*(?P<w>\d+(?:\.\d+)?)\s*分?\s*[)）]$")
FILL_WORDS = "必填|选填|必选|可选"
"""The words of a template's instruction to fill a row in (its note in brackets)."""
_FILL_NOTE = re.compile(rf"\s*[（(][^()（）]*(?:{FILL_WORDS})[^()（）]*[)）]\s*$")
"""A template's instruction after a 一级/二级 label (``数量指标 (必填硬性指标)``,
``经济效益 指标 (选填)``): no part of the label."""
_ENDS = frozenset({"grade", "grade_stated", "project", "eval_date", "problems", "improvements"})
"""Labels that end an indicator table (the rows below it)."""


def without_fill_note(text: str) -> str:
    """``text`` without a template's 必填/选填 note at its end."""
    return _FILL_NOTE.sub("", text)


def find_header(rows: list[GridRow]) -> int | None:
    """Index of the first indicator header row in ``rows``."""
    return next((i for i, row in enumerate(rows) if header_columns(row)), None)


@dataclass
class IndicatorTable:
    """What the table held."""

    indicators: list[Indicator] = field(default_factory=list)
    level1_weights: dict[str, Decimal] = field(default_factory=dict)
    level2_weights: dict[tuple[str | None, str], Decimal] = field(default_factory=dict)
    """Weights printed beside a 二级指标 (``数量指标（20分）``), by (一级, 二级)."""
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    total_row: GridRow | None = None
    long_targets: dict[int, str] = field(default_factory=dict)
    """A 中长期指标值 printed beside the annual one, by the index of its indicator."""
    end: int = 0
    """Index (into the rows given) of the first row after the table."""


def _is_total(row: GridRow) -> bool:
    """The row of the totals: 总分, 合计 … (``总分(100分)`` printing its full points)."""
    own = row.own
    return bool(own) and _total_label(own[0].label)[0] in _TOTALS


def _total_label(label: str) -> tuple[str, str | None]:
    """A total's label and the full points printed in it (``总分(100分)`` → 总分, 100)."""
    m = _WEIGHTED.match(label)
    return (m.group("label"), m.group("w")) if m else (label, None)


def _ends_table(row: GridRow) -> bool:
    own = row.own
    if not own:
        return False
    first = own[0]
    key = key_of(first.text)
    return (
        is_title(row)
        or first.label.startswith("说明")
        or (key is not None and key[0] in _ENDS)
        or is_stamp(first.text)
    )


def read_indicators(ctx: FormContext, rows: list[GridRow], start: int) -> IndicatorTable:
    """Read the table whose header is ``rows[start]``, each row's 一级 label checked
    against its 二级 (:func:`_unmatched_level1`)."""
    out = _read_table(ctx, rows, start)
    _unmatched_level1(ctx, out)
    return out


def _unmatched_level1(ctx: FormContext, table: IndicatorTable) -> None:
    """``成本指标`` is a 二级 label of 产出指标 or (2021 framework) a 一级 of its own.
    Over a row whose 二级 belongs to another 一级 (``经济效益指标``) it is no 一级 of
    that row: a 二级 row of its own (no name, no values) whose cell the flattening let
    run down over the rows after it. Such a row keeps no 一级 label (the label it lost
    is not guessed), with P008. Other mismatches stand as printed (some forms print
    满意度 under 效益指标)."""
    for k, row in enumerate(table.indicators):
        if row.level1 != _COST or not row.level2:
            continue
        owners = family(row.level2)
        if not owners or "成本" in owners:
            continue
        table.indicators[k] = row.model_copy(update={"level1": None})
        detail = f"二级指标「{row.level2}」不属于一级指标「{row.level1}」，该行的一级指标不读"
        where = ctx.loc(field_=f"indicators[{k}].level1")
        ctx.findings.append(finding("P008", where, detail=detail))


_COST = "成本指标"


def _read_table(ctx: FormContext, rows: list[GridRow], start: int) -> IndicatorTable:
    out = IndicatorTable(end=len(rows))
    cols = header_columns(rows[start]) or {}
    ctx.use_row(rows[start])
    below = rows[start + 1] if start + 1 < len(rows) else None
    sub = sub_header(below) if below is not None else None
    if below is not None and sub is not None:
        cols.update(sub)  # 指标性质 / 指标值 / 度量单位 under a spanning 年度指标值
        ctx.use_row(below)
        start += 1
    elif below is not None and year_captions(below):
        ctx.use_row(below)  # 2021年实际实现值 | 预期2022年实现值: the header's, no row
        start += 1
    levels: dict[str, str | None] = {"level1": None, "level2": None}
    last_table: int | None = rows[start].table
    for i in range(start + 1, len(rows)):
        row = rows[i]
        if row.blank:
            continue
        again = header_columns(row)
        if again is not None:
            cols = again
            ctx.use_row(row)
            continue
        if _is_total(row):
            _read_total(ctx, row, cols, out)
            out.end = i + 1
            return out
        if _ends_table(row):
            out.end = i
            return out
        if row.table is None:
            continue  # text between two parts of the table (a page number): left unplaced
        indicator = _read_row(ctx, row, cols, levels, row.table != last_table, out)
        last_table = row.table
        if indicator is not None:
            out.indicators.append(indicator)
    return out


def _read_row(
    ctx: FormContext,
    row: GridRow,
    cols: dict[str, GridCell],
    levels: dict[str, str | None],
    new_table: bool,
    out: IndicatorTable,
) -> Indicator | None:
    taken: set[tuple[int, int, int]] = set()
    values: dict[str, object] = {}
    filled = False
    for name in ("level1", "level2"):
        if name not in cols:
            continue
        cell = row.at(cols[name].col)
        text = cell.text if cell is not None else ""
        if cell is not None:
            taken.add(cell.key)
        if not text and new_table:
            values[name] = levels[name]
            continue
        text = without_fill_note(text)
        m = _WEIGHTED.match(text) if text else None
        if m:
            text = m.group("label").strip()
            if name == "level1":
                out.level1_weights.setdefault(text, Decimal(m.group("w")))
            else:
                key = (values.get("level1"), text)
                out.level2_weights.setdefault(key, Decimal(m.group("w")))  # type: ignore[arg-type]
        values[name] = text or None
    parts: dict[str, str | None] = {}
    for name in _READ:
        if name not in cols:
            continue
        found = span_text(row, cols[name], taken)
        if found is None:
            continue
        printed, cells = found
        taken.update(c.key for c in cells)
        if name in _PARTS:
            parts[name] = printed
            continue
        filled = filled or bool(printed)
        if name in TEXT_FIELDS:
            values[name] = printed
        else:
            values[name] = ctx.number(
                printed, row, f"indicators.{name}", _LABELS[name], points=True
            )
    if parts.get("op") or parts.get("unit"):
        target = values.get("target")
        assert target is None or isinstance(target, str)
        values["target"] = joined_target(parts.get("op"), target, parts.get("unit"))
    if not filled:
        return None  # only level labels: left for P001 unless another row uses them
    if _unfilled(values):
        for cell in row.cells:
            if cell.key in taken:
                ctx.use(cell)  # the template's filler, no text of the form's own
        return None
    for cell in row.cells:
        if cell.key in taken:
            ctx.use(cell)
    levels["level1"] = values.get("level1")  # type: ignore[assignment]
    levels["level2"] = values.get("level2")  # type: ignore[assignment]
    if parts.get("long_target"):
        out.long_targets[len(out.indicators)] = parts["long_target"] or ""
    return Indicator.model_validate({**values, "lines": (row.line, row.line)})


def _unfilled(values: dict[str, object]) -> bool:
    """A template's numbered row left unfilled (``指标1 | 指标2 | ……``): its name is the
    row's number alone and its other cells hold no more than numbers and dots."""
    name = values.get("name")
    if not isinstance(name, str) or not _PLACEHOLDER.fullmatch(name):
        return False
    rest = [values.get(k) for k in ("target", "actual", "note", "weight", "score")]
    return all(v is None or (isinstance(v, str) and _PLACEHOLDER.fullmatch(v)) for v in rest)


_PLACEHOLDER = re.compile(r"(?:指标\s*\d{1,2}\s*[:：]?|[…．.]+)")
"""A template row's number with no name after it (``指标2``, ``指标2:``) or its dots."""


_LABELS = {"weight": "分值", "score": "得分"}
_PARTS = ("op", "unit", "seq", "long_target")
"""Columns that are not fields of the row itself."""
_READ = ("name", "target", "actual", "note", "weight", "score", *_PARTS)


def _read_total(
    ctx: FormContext, row: GridRow, cols: dict[str, GridCell], out: IndicatorTable
) -> None:
    out.total_row = row
    label = row.own[0]
    ctx.use(label)
    printed = _total_label(label.label)[1]
    if printed is not None and "weight" not in cols:  # 总分(100分) with no 分值 column
        out.total_weight = ctx.number(printed, row, "total_weight", "总分值", points=True)
    for name in ("weight", "score"):
        if name not in cols:
            continue
        cell = row.at(cols[name].col)
        if cell is None or cell.key == label.key:
            continue
        ctx.use(cell)
        value = ctx.number(
            cell.text, row, f"total_{name}", "总分值" if name == "weight" else "总分", points=True
        )
        setattr(out, f"total_{name}", value)
    for cell in row.own:
        if not cell.text.strip("-—/／ "):
            ctx.use(cell)


def total_grade(ctx: FormContext, table: IndicatorTable, grades: frozenset[str]) -> str | None:
    """A grade printed in the total row after the score (``总分 | 100 | 97.40 | 优``):
    one of ``grades``, or another short word without digits."""
    row = table.total_row
    if row is None:
        return None
    for cell in row.own:
        if cell.key in ctx.used:
            continue
        label = cell.label
        if label in grades or (len(label) <= 6 and not any(ch.isdigit() for ch in label)):
            ctx.use(cell)
            return cell.text
    return None


def check_level_weights(ctx: FormContext, table: IndicatorTable) -> None:
    """P008 when a weight printed beside a 一级 or 二级指标 (``产出指标（50分）``) is not
    the sum of the weights of its rows."""
    groups: list[tuple[str, Decimal, list[Indicator]]] = [
        (f"一级指标「{label}」", printed, [r for r in table.indicators if r.level1 == label])
        for label, printed in table.level1_weights.items()
    ]
    groups += [
        (
            f"二级指标「{label}」",
            w,
            [r for r in table.indicators if (r.level1, r.level2) == (up, label)],
        )
        for (up, label), w in table.level2_weights.items()
    ]
    for label, printed, rows in groups:
        weights = [r.weight for r in rows]
        if not weights or any(w is None for w in weights):
            continue
        total = sum((w for w in weights if w is not None), Decimal(0))
        if total != printed:
            detail = f"{label}标注 {printed} 分，其下各行分值合计 {total} 分"
            ctx.findings.append(finding("P008", ctx.loc(field_=f"level.{label}"), detail=detail))


def read_scored_table(
    ctx: FormContext, rows: list[GridRow], head: int | None, pairs: dict[str, KeyValue]
) -> tuple[dict[str, object], IndicatorTable | None]:
    """The indicator table of a scored form (headed by ``rows[head]``) as form fields,
    its level weights checked, a missing header or 总分 row reported, and the label/value
    pairs printed after it added to ``pairs``."""
    if head is None:
        ctx.missing("indicators", "指标表表头")
        return {}, None
    table = read_indicators(ctx, rows, head)
    check_level_weights(ctx, table)
    if table.total_row is None:
        ctx.missing("total_score", "总分行")
    after = read_pairs(ctx, rows[table.end :])
    pairs.update({k: v for k, v in after.items() if k not in pairs})
    fields: dict[str, object] = {
        "indicators": tuple(table.indicators),
        "total_weight": table.total_weight,
        "total_score": table.total_score,
    }
    return fields, table
