"""The indicator table of a 项目绩效自我评价: rows, 一级指标 blocks and the 合计 row.

The 一级指标 label of a block (``产出目标 (34分)``) is a merged cell; extraction often
prints it one or two rows below the block's first row. The label's own weight decides:
when the rows from one label to the next do not add up to the weight printed in the
label, the rows printed just before the next label are moved into the next block, as
few as make the sum exact (at most :data:`MAX_SHIFT`), with a P004 finding each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model import Finding, Indicator, Location, finding
from jixiao.parse.layouts.legacy_kv._rows import (
    TOTAL_LABELS,
    Label,
    RawRow,
    RowReader,
    numbers_of,
)
from jixiao.parse.reconcile import sum_or_none
from jixiao.parse.text import clean, join_cell, parse_number
from jixiao.read import Line

__all__ = ["MAX_SHIFT", "TableRead", "assign_blocks", "read_table"]

MAX_SHIFT = 3
"""The most rows a label may be printed below the first row of its block."""


@dataclass
class TableRead:
    """What the table gave: rows, label weights, the 合计 numbers, findings, lines."""

    indicators: list[Indicator] = field(default_factory=list)
    level1_weights: dict[str, Decimal] = field(default_factory=dict)
    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    total_line: int | None = None
    findings: list[Finding] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)


def _number(
    text: str | None,
    file: str,
    line: int,
    row: int | None,
    field_: str,
    what: str,
    out: list[Finding],
) -> Decimal | None:
    try:
        return parse_number(text)
    except ValueError:
        loc = Location(file=file, lines=(line, line), row=row, field=field_)
        out.append(finding("P002", loc, field=what, text=(text or "").strip()))
        return None


def _weight(rows: Sequence[RawRow], file: str) -> list[Decimal | None]:
    sink: list[Finding] = []  # reported again when the indicator is built
    return [_number(r.weight, file, r.first, None, "", "", sink) for r in rows]


def assign_blocks(
    rows: Sequence[RawRow], weights: Sequence[Decimal | None], file: str
) -> tuple[list[Label | None], list[Finding]]:
    """The 一级指标 label of every row, after the label-weight check described above."""
    starts = [i for i, r in enumerate(rows) if r.label is not None]
    found: list[Finding] = []
    for k, start in enumerate(starts):
        label = rows[start].label
        assert label is not None
        end = starts[k + 1] if k + 1 < len(starts) else len(rows)
        total = sum_or_none(weights[start:end])
        if label.weight is None or total is None or total == label.weight:
            continue
        shift = next(
            (
                s
                for s in range(1, min(MAX_SHIFT, end - start - 1) + 1)
                if k + 1 < len(starts) and sum_or_none(weights[start : end - s]) == label.weight
            ),
            None,
        )
        if shift is None:
            detail = (
                f"一级指标「{label.name}」标注 {label.weight} 分，"
                f"其下各行权重合计 {total}，无法按分值确定该组的行"
            )
            loc = Location(file=file, lines=(rows[start].first, rows[end - 1].last))
            found.append(finding("P008", loc, detail=detail))
            continue
        starts[k + 1] = end - shift
        nxt = rows[end].label
        assert nxt is not None
        for i in range(end - shift, end):
            rows[i].label = None
            loc = Location(
                file=file,
                lines=(rows[i].first, rows[i].last),
                row=i,
                field=f"indicators.{i}.level1",
            )
            reason = (
                f"标签「{nxt.name}」印在第 {nxt.line} 行，但按「{label.name}」"
                f"{label.weight} 分的权重合计，本行属于「{nxt.name}」"
            )
            what = f"指标「{join_cell(rows[i].parts.get('name', []))}」的一级指标"
            found.append(finding("P004", loc, field=what, value=nxt.name, reason=reason))
        rows[end - shift].label = nxt
        rows[end].label = None
    labels: list[Label | None] = []
    current: Label | None = None
    for r in rows:
        current = r.label or current
        labels.append(current)
    return labels, found


def _is_total(line: Line) -> bool:
    first = next((c for c in line.cells if c.strip()), "")
    return (clean(first) or "").replace(" ", "") in TOTAL_LABELS


def read_table(lines: Sequence[Line], header: dict[int, str], file: str) -> TableRead:
    """Read the table body (the lines after the column header) up to the 合计 row."""
    out = TableRead()
    reader = RowReader(header)
    for line in lines:
        if line.blank:
            continue
        if _is_total(line):
            _read_total(line, header, file, out)
            break
        reader.feed(line)
    rows = reader.rows
    weights = _weight(rows, file)
    labels, out.findings = assign_blocks(rows, weights, file)
    for r in rows:
        out.consumed.update(range(r.first, r.last + 1))
    out.consumed.difference_update(reader.rejected)
    out.consumed.update(reader.label_lines)
    for r in rows:
        if r.label is not None and r.label.weight is not None:
            out.level1_weights.setdefault(r.label.name, r.label.weight)
    for i, (r, lab) in enumerate(zip(rows, labels, strict=True)):
        out.indicators.append(_indicator(i, r, lab, file, out.findings))
    if labels and labels[0] is None:
        loc = Location(file=file, lines=(rows[0].first, rows[0].last))
        out.findings.append(finding("P008", loc, detail="表格首行之前未见一级指标标签"))
    return out


def _indicator(i: int, r: RawRow, label: Label | None, file: str, out: list[Finding]) -> Indicator:
    weight = _number(r.weight, file, r.first, i, f"indicators.{i}.weight", "权重", out)
    score = _number(r.score, file, r.first, i, f"indicators.{i}.score", "自评分", out)
    name = join_cell(r.parts.get("name", []))
    missing = [
        w
        for w, v, t in (("权重", weight, r.weight), ("自评分", score, r.score))
        if v is None and not (t or "").strip()
    ]
    if name is None:
        missing.insert(0, "指标名称")
    if missing:
        loc = Location(file=file, lines=(r.first, r.last), row=i, field=f"indicators.{i}")
        out.append(finding("P007", loc, line=r.first, missing="、".join(missing)))
    return Indicator(
        level1=label.name if label else None,
        name=name,
        target=join_cell(r.parts.get("target", [])),
        weight=weight,
        score=score,
        note=join_cell(r.parts.get("note", [])),
        lines=(r.first, r.last),
    )


def _read_total(line: Line, header: dict[int, str], file: str, out: TableRead) -> None:
    out.total_line = line.number
    out.consumed.add(line.number)
    cells = [c.strip() for c in line.cells]
    cells[next(i for i, c in enumerate(cells) if c)] = ""
    pair = numbers_of(cells, header)
    if pair is None:
        loc = Location(file=file, lines=(line.number, line.number), field="total_score")
        out.findings.append(finding("P003", loc, field="合计行的权重与自评分"))
        return
    wi, si = pair
    at = [cells[i] if i < len(cells) else None for i in (wi, si)]
    n = line.number
    out.total_weight = _number(at[0], file, n, None, "total_weight", "合计权重", out.findings)
    out.total_score = _number(at[1], file, n, None, "total_score", "合计自评分", out.findings)
