"""财政项目支出绩效目标表 with a tab-separated key/value header (seed 004).

Each form: a title (``财政项目支出绩效目标表``, maybe in ``<b>``), ``(2020年度)``,
``键：⇥值`` header lines (:mod:`._target_kv_header`), the ``本项目上年度市级财政资金
使用情况`` amounts, a ``## 2020年绩效目标`` heading and the four-column target table
(:mod:`._target_kv_rows`). A form runs from its title to the line before the next
title.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import (
    TARGET_AMOUNTS,
    Finding,
    Indicator,
    Location,
    Source,
    TargetDeclaration,
    TargetMeta,
    finding,
)
from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.layouts._target_kv_cells import cell_text
from jixiao.parse.layouts._target_kv_header import FIELD_LABELS, Header, read_header
from jixiao.parse.layouts._target_kv_rows import is_column_header, read_table, target_column
from jixiao.parse.text import parse_number
from jixiao.read import Document, Line

__all__ = ["LAYOUT", "TargetKvLayout"]

_TITLES = ("绩效目标表", "绩效目标申报表")
_META_KEYS = (
    "计划开始日期：",
    "计划完成日期：",
    "绩效类型：",
    "项目概况：",
    "立项依据：",
    "项目设立的必要性：",
)
_TEXT = ("category", "start", "end", "perf_type", "overview", "basis", "necessity", "measures")
_TEXT2 = ("plan", "goal")
_REQUIRED = (("project", "项目名称"), ("unit", "申报单位名称"))


def _is_title(line: Line) -> bool:
    cells = [t for t in (cell_text(c) for c in line.cells) if t]
    return len(cells) == 1 and len(cells[0]) <= 30 and cells[0].endswith(_TITLES)


class TargetKvLayout(Layout):
    """财政项目支出绩效目标表: key/value header, then 一级/二级/三级目标 and 指标目标值."""

    name = "target_kv"
    title = "财政项目支出绩效目标表（键值表头）"

    def match(self, doc: Document) -> Match:
        titles = sum(1 for ln in doc.lines if _is_title(ln))
        keys = {k for ln in doc.lines if "\t" in ln.text for k in _META_KEYS if k in ln.text}
        headers = sum(
            1 for ln in doc.lines if "目标\t" in ln.text and is_column_header(ln)
        )  # 一级目标⇥二级目标⇥三级目标: a self-evaluation's 一级指标 header does not count
        score = 0.45 * (titles > 0) + 0.3 * (len(keys) >= 2) + 0.25 * (headers > 0)
        reason = (
            f"标题「绩效目标表」{titles} 处，制表符分隔的目标表键 {len(keys)} 个，"
            f"一级/二级/三级目标表头 {headers} 处"
        )
        return self._match(score, reason)

    def parse(self, doc: Document) -> LayoutResult:
        result = LayoutResult()
        starts = [ln.number for ln in doc.lines if _is_title(ln)]
        for i, start in enumerate(starts):
            end = starts[i + 1] - 1 if i + 1 < len(starts) else len(doc)
            lines = [doc.line(n) for n in range(start, end + 1)]
            result.forms.append(_form(doc.name, lines, result.consumed))
        return result


def _form(file: str, lines: list[Line], consumed: set[int]) -> TargetDeclaration:
    """One form from its lines (title first)."""
    title, body = lines[0], lines[1:]
    consumed.add(title.number)
    split = next((i for i, ln in enumerate(body) if is_column_header(ln)), None)
    head = read_header(body if split is None else body[:split], file)
    consumed |= head.consumed
    findings = list(head.findings)
    last = max((ln.number for ln in lines if not ln.blank), default=title.number)
    where = Location(file=file, lines=(title.number, last))
    indicators: tuple[Indicator, ...] = ()
    if split is None:
        findings.append(finding("P003", where, field="绩效目标表格（一级目标/二级目标/三级目标）"))
    else:
        consumed.add(body[split].number)
        table = read_table(body[split + 1 :], target_column(body[split]), file)
        consumed |= table.consumed
        findings += table.findings
        indicators = tuple(table.indicators)
    if head.year is None:
        findings.append(finding("P003", where.model_copy(update={"field": "year"}), field="年度"))
    for fld, label in _REQUIRED:
        if fld not in head.values:
            loc = where.model_copy(update={"field": fld})
            findings.append(finding("P003", loc, field=label))
    values = head.values
    return TargetDeclaration(
        year=head.year,
        project=values.get("project"),
        department=values.get("department"),
        unit=values.get("unit"),
        money_unit=head.money_unit,
        target_meta=_meta(head, file, findings),
        indicators=indicators,
        source=Source(file=file, lines=(title.number, last)),
        findings=tuple(sorted(findings, key=lambda f: (f.location.lines or (0, 0))[0])),
    )


def _meta(head: Header, file: str, findings: list[Finding]) -> TargetMeta:
    """The ``target_meta`` block; unreadable amounts stay ``None`` with a P002."""
    amounts: dict[str, Decimal | None] = {}
    for fld in TARGET_AMOUNTS:
        text = head.values.get(fld)
        try:
            amounts[fld] = parse_number(text)
        except ValueError:
            amounts[fld] = None
            loc = _at(head, fld, file)
            findings.append(finding("P002", loc, field=FIELD_LABELS[fld], text=text))
    texts = {fld: head.values.get(fld) for fld in (*_TEXT, *_TEXT2)}
    return TargetMeta(gov_purchase=_yes_no(head, file, findings), **texts, **amounts)


def _yes_no(head: Header, file: str, findings: list[Finding]) -> bool | None:
    text = head.values.get("gov_purchase")
    if text is None:
        return None
    if text in ("是", "否"):
        return text == "是"
    detail = f"「{FIELD_LABELS['gov_purchase']}」应为是或否，表中为「{text}」"
    findings.append(finding("P008", _at(head, "gov_purchase", file), detail=detail))
    return None


def _at(head: Header, fld: str, file: str) -> Location:
    number = head.lines[fld]
    return Location(file=file, lines=(number, number), field=f"target_meta.{fld}")


LAYOUT = TargetKvLayout()
