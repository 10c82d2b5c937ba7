"""The key/value header of a 绩效目标表: ``键：⇥值⇥键：⇥值`` lines.

A cell ending in ``：`` is a key; the cells after it, up to the next key, are its
value. A single cell ``申报单位名称：上海市人才服务中心`` holds key and value. A line
without keys right after a narrative key continues its value (a wrapped cell).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.model import Finding, Location, finding
from jixiao.parse.layouts.target_kv._cells import cell_text
from jixiao.parse.text import join_cell
from jixiao.read import Line

__all__ = ["FIELD_LABELS", "Header", "read_header", "year_of"]

_KEYS: dict[str, str] = {
    "项目名称": "project",
    "申报单位名称": "unit",
    "申报单位": "unit",
    "预算单位": "unit",
    "实施单位": "unit",
    "主管部门": "department",
    "主管部门名称": "department",
    "项目类别": "category",
    "计划开始日期": "start",
    "计划完成日期": "end",
    "是否含有政府购买服务": "gov_purchase",
    "绩效类型": "perf_type",
    "项目概况": "overview",
    "立项依据": "basis",
    "项目设立的必要性": "necessity",
    "保证项目实施的制度、措施": "measures",
    "项目实施计划": "plan",
    "总目标及阶段性目标": "goal",
    "项目总预算": "total_budget",
    "项目当年预算": "current_budget",
    "同名项目上年预算额": "prior_budget",
    "同名项目上年预算执行数": "prior_executed",
    "年度资金总额": "current_budget",
    **dict.fromkeys(
        [f"{lead}{year}财政拨款" for lead in ("", "其中：") for year in ("", "当年", "本年")],
        "appropriation",
    ),
    "上年结转资金": "carryover",
    "上年结转": "carryover",
    "其他资金": "other",
}
"""Printed key (without its money unit) → field."""

FIELD_LABELS: dict[str, str] = {f: k for k, f in reversed(_KEYS.items())}
"""Field → the first printed key naming it (for Chinese finding messages)."""

NARRATIVE = frozenset({"overview", "basis", "necessity", "measures", "plan", "goal"})
"""Fields whose long value may wrap onto following lines."""

_COLON = ("：", ":")
_UNIT = re.compile(r"^(?P<key>.+?)[（(](?P<unit>万元|千元|元)[)）]$")
_INLINE = re.compile(r"^(?P<key>[^：:]{2,20})[：:](?P<value>.*)$")
_YEAR = re.compile(r"^[（(]\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*[)）]$")
_CAPTION = re.compile(r"(资金使用情况|资金情况|绩效目标)$")


@dataclass
class Header:
    """What the header lines said, with the line each value came from."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    money_unit: str | None = None
    year: int | None = None
    consumed: set[int] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


def year_of(text: str | None) -> int | None:
    """``(2020年度)`` → 2020; anything else → ``None``."""
    m = _YEAR.match(text or "")
    return int(m.group("year")) if m else None


def _key(cell: str) -> tuple[str, str | None] | None:
    """``项目总预算（元）：`` → (``total_budget``, ``元``); ``None`` if not a known key."""
    name = cell.rstrip("：:").strip()
    unit = None
    m = _UNIT.match(name)
    if m:
        name, unit = m.group("key"), m.group("unit")
    fld = _KEYS.get(name)
    return (fld, unit) if fld else None


def _pairs(cells: list[str]) -> list[tuple[str, str | None, list[str]]] | None:
    """Split a line's cells into (field, unit, value cells); ``None`` unless the
    line starts with a known key."""
    out: list[tuple[str, str | None, list[str]]] = []
    for cell in cells:
        key = _key(cell) if cell.endswith(_COLON) else None
        if key is not None:
            out.append((key[0], key[1], []))
            continue
        m = _INLINE.match(cell)
        key = _key(m.group("key")) if m and not out else None
        if m and key is not None:
            out.append((key[0], key[1], [m.group("value")]))
        elif out:
            out[-1][2].append(cell)
        else:
            return None
    return out


def read_header(lines: list[Line], file: str) -> Header:
    """Read the header lines of one form (title to the table's column header)."""
    head = Header()
    last: str | None = None
    for line in lines:
        cells = [t for t in (cell_text(c) for c in line.cells) if t]
        if not cells:
            last = None
            continue
        text = "".join(cells)
        if len(cells) == 1 and head.year is None and year_of(text) is not None:
            head.year = year_of(text)
            head.consumed.add(line.number)
            continue
        if len(cells) == 1 and _CAPTION.search(text.lstrip("# ")):
            head.consumed.add(line.number)
            last = None
            continue
        pairs = _pairs(cells)
        if pairs is None:
            if last in NARRATIVE and not _INLINE.match(cells[0]):
                head.values[last] = join_cell([head.values[last], *cells]) or ""
                head.consumed.add(line.number)
            continue
        for fld, unit, value in pairs:
            _put(head, fld, unit, join_cell(value), line.number, file)
            last = fld
        head.consumed.add(line.number)
    return head


def _put(
    head: Header, fld: str, unit: str | None, value: str | None, number: int, file: str
) -> None:
    if unit is not None:
        if head.money_unit is not None and head.money_unit != unit:
            detail = f"第 {number} 行金额单位为{unit}，与前文的{head.money_unit}不同"
            loc = Location(file=file, lines=(number, number), field=f"target_meta.{fld}")
            head.findings.append(finding("P008", loc, detail=detail))
        head.money_unit = head.money_unit or unit
    if fld in head.values:
        detail = f"第 {number} 行重复出现「{FIELD_LABELS[fld]}」：{value or ''}，保留第一处"
        loc = Location(file=file, lines=(number, number), field=fld)
        head.findings.append(finding("P008", loc, detail=detail))
        return
    if value is not None:
        head.values[fld] = value
        head.lines[fld] = number
