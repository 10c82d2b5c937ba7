"""项目绩效自我评价 (pre-2020 Shanghai scorecard) with a tab-separated key/value header.

A form is: a title (``项目绩效自我评价`` / ``项目绩效自评价``), key/value lines
(``项目名称：⇥…⇥预算单位：⇥…``), the table ``一级指标⇥指标名称⇥指标解释⇥权重⇥自评分⇥备注``
ending in a ``合计`` row, then the 说明 with the grade rule. The year is not printed:
the form evaluates the year before its 自评时间.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model import Finding, LegacyInfo, LegacySelfEvaluation, Location, Source, finding
from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.layouts.legacy_kv._header import HeaderField, is_key_line, read_header
from jixiao.parse.layouts.legacy_kv._remarks import read_remarks
from jixiao.parse.layouts.legacy_kv._rows import header_columns
from jixiao.parse.layouts.legacy_kv._table import read_table
from jixiao.parse.text import clean, parse_number, parse_percent
from jixiao.read import Document, Line

__all__ = ["LAYOUT", "LegacyKvLayout"]

_TITLE = re.compile(r"^(?:[\u4e00-\u9fff]{0,12})项目绩效自(?:我)?评价(?:表)?$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_REQUIRED = {
    "project": "项目名称",
    "unit": "预算单位",
    "budget": "当年预算数",
    "executed": "预算执行数",
    "rate": "预算执行率",
    "eval_date": "自评时间",
    "grade": "绩效等级",
}
_MONEY = {"budget": "当年预算数", "prior_year_budget": "上年预算金额", "executed": "预算执行数"}


def _is_title(line: Line) -> bool:
    cells = [c for c in line.cells if c.strip()]
    return len(cells) == 1 and bool(_TITLE.match(clean(cells[0]) or ""))


def _starts(doc: Document) -> list[int]:
    """The first line of every form: its title, else its 项目名称 line."""
    starts: list[int] = []
    for line in doc.lines:
        first = next((c for c in line.cells if c.strip()), "")
        if not (clean(first) or "").startswith("项目名称") or not is_key_line(line):
            continue
        start = line.number
        for back in range(line.number - 1, max(0, line.number - 4), -1):
            prev = doc.line(back)
            if _is_title(prev):
                start = back
                break
            if not prev.blank:
                break
        starts.append(start)
    return starts


class LegacyKvLayout(Layout):
    name = "legacy_kv"
    title = "项目绩效自我评价（2020 年前上海版，键值表头）"

    def match(self, doc: Document) -> Match:
        titles = header = keys = 0
        for line in doc.lines:
            text = line.text
            if "绩效自" in text and _is_title(line):
                titles += 1
            elif "指标解释" in text and "自评分" in text and header_columns(line):
                header += 1
            elif "自评时间" in text or "预算执行率（%）" in text:
                keys += 1
        score = 0.5 * (header > 0) + 0.3 * (titles > 0) + 0.2 * (keys > 0)
        reason = f"「项目绩效自我评价」标题 {titles} 处，「指标解释/自评分」表头 {header} 处"
        return self._match(score, reason)

    def parse(self, doc: Document) -> LayoutResult:
        result = LayoutResult()
        starts = _starts(doc)
        for k, start in enumerate(starts):
            end = starts[k + 1] - 1 if k + 1 < len(starts) else len(doc)
            while end > start and doc.line(end).blank:
                end -= 1
            result.forms.append(_parse_form(doc, start, end, result.consumed))
        return result


def _parse_form(doc: Document, start: int, end: int, consumed: set[int]) -> LegacySelfEvaluation:
    lines = doc.lines[start - 1 : end]
    file = doc.name
    findings: list[Finding] = []
    if _is_title(lines[0]):
        consumed.add(start)
    header_at = next((ln for ln in lines if header_columns(ln) is not None), None)
    head_lines = [ln for ln in lines if header_at is None or ln.number < header_at.number]
    fields, used = read_header(head_lines)
    consumed |= used
    values = {f.key: f for f in fields}
    form_loc = Location(file=file, lines=(start, end))
    for key, what in _REQUIRED.items():
        if key not in values:
            findings.append(finding("P003", form_loc.model_copy(update={"field": key}), field=what))

    def text(key: str) -> str | None:
        return values[key].value if key in values else None

    def number(key: str, percent: bool = False) -> Decimal | None:
        f = values.get(key)
        if f is None:
            return None
        try:
            return (parse_percent if percent else parse_number)(f.value)
        except ValueError:
            findings.append(_p002(file, f, f"legacy.{key}"))
            return None

    legacy: dict[str, object] = {k: number(k) for k in _MONEY}
    legacy["rate"] = number("rate", percent=True)
    legacy["recurring"] = _recurring(values.get("recurring"), file, findings)
    for key in ("division", "eval_date", "achievements", "problems", "improvements"):
        legacy[key] = text(key)
    legacy["grade_stated"] = text("grade")
    year = _year(values.get("eval_date"), file, findings)
    indicators_data: dict[str, object] = {}
    if header_at is None:
        findings.append(
            finding("P003", form_loc.model_copy(update={"field": "indicators"}), field="指标表表头")
        )
    else:
        consumed.add(header_at.number)
        cols = header_columns(header_at) or {}
        table = read_table([ln for ln in lines if ln.number > header_at.number], cols, file)
        consumed |= table.consumed
        findings.extend(table.findings)
        if table.total_line is None:
            findings.append(
                finding(
                    "P003", form_loc.model_copy(update={"field": "total_score"}), field="合计行"
                )
            )
        else:
            remarks = read_remarks([ln for ln in lines if ln.number > (table.total_line or 0)])
            consumed.update(remarks.lines)
            legacy["remarks"] = remarks.text
            legacy["grade_rule"] = remarks.grade_rule
        legacy["level1_weights"] = table.level1_weights
        indicators_data = {
            "indicators": tuple(table.indicators),
            "total_weight": table.total_weight,
            "total_score": table.total_score,
        }
    return LegacySelfEvaluation.model_validate(
        {
            "year": year,
            "project": text("project"),
            "department": text("department"),
            "unit": text("unit"),
            "money_unit": _money_unit(fields),
            "goal_expected": text("goal_expected"),
            "legacy": LegacyInfo.model_validate(legacy),
            **indicators_data,
            "grade": text("grade"),
            "source": Source(file=file, lines=(start, end)),
            "findings": tuple(sorted(findings, key=lambda f: (f.location.lines or (0, 0))[0])),
        }
    )


def _p002(file: str, f: HeaderField, field_: str) -> Finding:
    loc = Location(file=file, lines=(f.lines[0], f.lines[-1]), field=field_)
    return finding("P002", loc, field=f.label, text=f.value or "")


def _money_unit(fields: list[HeaderField]) -> str | None:
    units = [f.unit for f in fields if f.key in _MONEY and f.unit]
    return units[0] if units else None


def _recurring(f: HeaderField | None, file: str, out: list[Finding]) -> bool | None:
    if f is None or f.value is None:
        return None
    if f.value in {"是", "否"}:
        return f.value == "是"
    loc = Location(file=file, lines=(f.lines[0], f.lines[-1]), field="legacy.recurring")
    out.append(finding("P008", loc, detail=f"「{f.label}」的取值「{f.value}」不是“是”或“否”"))
    return None


def _year(f: HeaderField | None, file: str, out: list[Finding]) -> int | None:
    """The evaluated year: the year before 自评时间 (the form does not print it)."""
    m = _YEAR.search(f.value or "") if f is not None else None
    if f is None or m is None:
        return None
    year = int(m.group(1)) - 1
    loc = Location(file=file, lines=(f.lines[0], f.lines[-1]), field="year")
    reason = f"表中未印年度，自评时间为 {f.value}，评价的是上一年度"
    out.append(finding("P006", loc, field="年度", value=str(year), reason=reason))
    return year


LAYOUT = LegacyKvLayout()
