"""财政项目支出绩效目标表 with a tab-separated key/value header (seed 004).

Each form: a title (``财政项目支出绩效目标表``, maybe in ``<b>``), ``(2020年度)``,
``键：⇥值`` header lines (:mod:`._header`), the ``本项目上年度市级财政资金
使用情况`` amounts, a ``## 2020年绩效目标`` heading and the four-column target table
(:mod:`._rows`). A form runs from its title to the line before the next
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
from jixiao.parse.layouts.target_kv._cells import cell_text
from jixiao.parse.layouts.target_kv._header import FIELD_LABELS, Header, read_header
from jixiao.parse.layouts.target_kv._rows import is_column_header, read_table, target_column
from jixiao.parse.text import parse_number
from jixiao.parse.titles import find_title
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
    if "表" not in line.text:  # decided before any cell is cleaned
        return False
    cells = [t for t in (cell_text(c) for c in line.cells) if t]
    if len(cells) != 1 or len(cells[0]) > 30 or not cells[0].endswith(_TITLES):
        return False
    found = find_title(cells[0])
    return found is not None and found.kind == "target_declaration"  # not a department's


class TargetKvLayout(Layout):
    """财政项目支出绩效目标表: key/value header, then 一级/二级/三级目标 and 指标目标值."""

    name = "target_kv"
    title = "财政项目支出绩效目标表（键值表头）"

    def match(self, doc: Document) -> Match:
        titles = headers = 0
        keys: set[str] = set()
        for ln in doc.lines:  # one pass, each test only where its words are printed
            text = ln.text
            titles += "表" in text and _is_title(ln)
            if "\t" not in text:
                continue
            if "：" in text:  # every key ends with it
                keys.update(k for k in _META_KEYS if k in text)
            # 一级目标⇥二级目标⇥三级目标: a self-evaluation's 一级指标 header does not count
            headers += "目标\t" in text and is_column_header(ln)
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
    blocks: dict[bool, list[Indicator]] = {False: [], True: []}
    if split is None:
        findings.append(finding("P003", where, field="绩效目标表格（一级目标/二级目标/三级目标）"))
    for start, stop, long_term in _blocks(body, split):
        consumed.add(body[start].number)
        table = read_table(body[start + 1 : stop], target_column(body[start]), file)
        consumed |= table.consumed
        findings += table.findings
        blocks[long_term] += table.indicators
    if split is not None:  # the captions of the blocks after the first
        consumed |= {ln.number for ln in body[split:] if _caption(ln) is not None}
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
        indicators=tuple(blocks[False]),
        long_term_indicators=tuple(blocks[True]),
        source=Source(file=file, lines=(title.number, last)),
        findings=tuple(sorted(findings, key=lambda f: (f.location.lines or (0, 0))[0])),
    )


def _caption(line: Line) -> str | None:
    """``long`` for a 中长期绩效目标 caption on a line of its own, ``annual`` for a
    ``2020年绩效目标`` / 年度绩效目标 one; ``None`` for any other line."""
    cells = [t for t in (cell_text(c) for c in line.cells) if t]
    if len(cells) != 1 or len(cells[0]) > 14 or not ("目标" in cells[0] or "指标" in cells[0]):
        return None
    text = cells[0].lstrip("#").strip()
    if "中长期" in text:
        return "long"
    return "annual" if "年度" in text or "年绩效" in text else None


def _blocks(body: list[Line], split: int | None) -> list[tuple[int, int, bool]]:
    """``(header, end, long_term)`` of each indicator table from the first header at
    ``split``. A header under a 中长期 caption starts the 中长期 block, one under a 年度
    caption the annual block; a header with no caption (repeated on a new page)
    continues the block it is in. Without any 中长期 caption: one annual table."""
    if split is None:
        return []
    out: list[tuple[int, int, bool]] = []
    for i in (i for i in range(split, len(body)) if is_column_header(body[i])):
        prev = next((j for j in range(i - 1, -1, -1) if not body[j].blank), None)
        kind = _caption(body[prev]) if prev is not None else None
        if out and (kind is None or (kind == "long") == out[-1][2]):
            continue
        start = prev if kind is not None and prev is not None and out else i
        if out:
            out[-1] = (out[-1][0], start, out[-1][2])
        out.append((i, len(body), kind == "long"))
    return out


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
