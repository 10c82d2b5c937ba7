"""Official tables read from cells (Excel, Word, HTML, PDF tables).

A document with tables is cut into forms at their titles (财政项目支出绩效自评表,
项目绩效自我评价, 绩效目标表, 部门整体支出绩效自评表 / 目标表), or, without titles,
where a second 项目名称 begins; a form may be one sheet, one of several forms stacked
in a table, or spread over several tables (a table continued on a new page repeats
its header row). Each form is read by the reader of its kind, found from the title
or else from its headings.
Text documents without tables score 0, so the text layouts are unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model import DEPARTMENT_KINDS, Finding, Form, Location, finding
from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.layouts.grid._context import FormContext
from jixiao.parse.layouts.grid._department import (
    read_department_self_evaluation,
    read_department_target,
)
from jixiao.parse.layouts.grid._digits import resolve_digits
from jixiao.parse.layouts.grid._header import key_of, kind_of_title, year_of
from jixiao.parse.layouts.grid._legacy import read_legacy, read_target
from jixiao.parse.layouts.grid._rows import GridRow, grid_rows
from jixiao.parse.layouts.grid._self import read_self_evaluation
from jixiao.read import Document

__all__ = ["LAYOUT", "GridLayout"]

_HEADINGS = (
    "项目名称",
    "年初预算数",
    "全年预算数",
    "全年执行数",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "指标名称",
    "指标解释",
    "自评分",
    "一级目标",
    "三级目标",
    "指标目标值",
    "绩效自评表",
    "绩效自我评价",
    "绩效目标表",
    "年度主要任务",
    "整体支出绩效",
)
_KIND_WORDS = (
    ("self_evaluation", ("年初预算数", "全年执行数", "实际完成值", "完成值", "评分等级")),
    ("legacy_self_evaluation", ("指标解释", "自评分", "自评时间", "主要绩效")),
    (
        "target_declaration",
        ("指标目标值", "三级目标", "一级目标", "项目类别", "立项依据", "项目实施计划"),
    ),
)
_DEPARTMENT_WORDS = (
    "年度主要任务",
    "整体支出",
    "按支出性质分",
    "部门（单位）名称",
    "部门(单位)名称",
)
"""Words only a department form prints (no title needed to tell it from a project form)."""
_DEPARTMENT_SELF_WORDS = ("全年执行数", "实际完成值", "执行率", "得分")
"""Words of the self-evaluation among the department forms."""


@dataclass
class _Segment:
    rows: list[GridRow] = field(default_factory=list)
    kind: str | None = None
    year: int | None = None
    has_body: bool = False
    has_project: bool = False


class GridLayout(Layout):
    name = "grid"
    title = "表格单元格（Excel/Word/HTML/PDF 中的正式表样）"
    formats = frozenset({"xlsx", "docx", "html", "pdf", "image"})
    fallback = True  # the general reader of tables: a titled table with few headers too

    def match(self, doc: Document) -> Match:
        if not doc.tables:
            return self._match(0.0, "没有表格（纯文本）")
        cells = "\0".join(c.text for t in doc.tables for c in t.cells)  # no word spans a \0
        words = {w for w in _HEADINGS if w in cells}
        score = min(1.0, len(words) / 4)
        reason = f"{len(doc.tables)} 个表格，含表头词 {len(words)} 个"
        if words:
            reason += "（" + "、".join(sorted(words)[:6]) + "…）"
        return self._match(score, reason)

    def parse(self, doc: Document) -> LayoutResult:
        result = LayoutResult()
        doubts = _ocr_doubts(doc)
        for seg in _segments(grid_rows(doc)):
            form = _read(doc.name, seg, result.consumed)
            if form is not None:
                result.forms.append(_with_doubts(form, doubts))
        return result


def _ocr_doubts(doc: Document) -> list[Finding]:
    """P010 for every cell an OCR reader marked as doubtful (``Table.ocr_doubts``)."""
    out: list[Finding] = []
    for table in doc.tables:
        for d in table.ocr_doubts:
            line = table.line_of(d.row)
            loc = Location(file=doc.name, lines=(line, line))
            score = Decimal(str(d.score)).quantize(Decimal("0.01"))
            out.append(finding("P010", loc, line=line, text=d.text, score=score))
    return out


def _with_doubts(form: Form, doubts: list[Finding]) -> Form:
    start, end = form.source.lines
    mine = [f for f in doubts if f.location.lines and start <= f.location.lines[0] <= end]
    if not mine:
        return form
    form = resolve_digits(form, mine)
    return form.model_copy(update={"findings": (*form.findings, *mine)})


def _segments(rows: list[GridRow]) -> list[_Segment]:
    out: list[_Segment] = [_Segment()]
    for row in rows:
        seg = out[-1]
        kind = kind_of_title(row)
        project = any(
            c.origin and key_of(c.text) == ("project", "项目名称", None) for c in row.cells
        )
        if (kind is not None and seg.has_body) or (project and seg.has_project):
            seg = _Segment()
            out.append(seg)
        seg.rows.append(row)
        year = year_of(row)
        if kind is not None:
            seg.kind = seg.kind or kind
            seg.year = seg.year or year
        elif year is not None and not seg.has_body:
            seg.year = seg.year or year
        elif not row.blank:
            seg.has_body = True
        seg.has_project = seg.has_project or project
    return [s for s in out if s.has_body]


def _kind(seg: _Segment) -> str | None:
    text = "".join(c.text for r in seg.rows for c in r.cells if c.origin)
    department = _department_kind(text)
    if seg.kind in DEPARTMENT_KINDS or (department is not None and seg.kind is None):
        return seg.kind or department
    scores = {kind: sum(w in text for w in words) for kind, words in _KIND_WORDS}
    best = max(scores, key=lambda k: scores[k])
    if seg.kind is not None and (scores[seg.kind] > 0 or scores[best] < 2):
        return seg.kind  # the title decides unless the headings say otherwise twice
    return best if scores[best] > 0 else seg.kind


def _department_kind(text: str) -> str | None:
    """The department kind of a form without a title, told by the words it prints."""
    if not any(w in text for w in _DEPARTMENT_WORDS) or "项目名称" in text:
        return None
    if any(w in text for w in _DEPARTMENT_SELF_WORDS):
        return "department_self_evaluation"
    return "department_target_declaration"


def _read(file: str, seg: _Segment, consumed: set[int]) -> Form | None:
    while seg.rows and seg.rows[-1].blank:
        seg.rows.pop()
    while seg.rows and seg.rows[0].blank:  # e.g. an export's summary sheets, set aside
        seg.rows.pop(0)
    kind = _kind(seg)
    if kind is None or (not seg.has_project and not _has_table(seg)):
        return None
    ctx = FormContext(file, seg.rows)
    for row in seg.rows:
        if kind_of_title(row) is not None or (year_of(row) is not None and len(row.own) == 1):
            ctx.use_row(row)
    form: Form
    if kind == "self_evaluation":
        form = read_self_evaluation(ctx, seg.year)
    elif kind == "department_self_evaluation":
        form = read_department_self_evaluation(ctx, seg.year)
    elif kind == "department_target_declaration":
        form = read_department_target(ctx, seg.year)
    elif kind == "legacy_self_evaluation":
        form = read_legacy(ctx, seg.year)
    else:
        form = read_target(ctx, seg.year)
    if seg.kind is not None and seg.kind != kind:
        ctx.findings.append(
            finding(
                "P008", ctx.loc(seg.rows[0]), detail=f"标题所示表种与表头不符，按表头读作 {kind}"
            )
        )
    consumed |= ctx.consumed()
    ordered = sorted(ctx.findings, key=lambda f: (f.location.lines or (0, 0))[0])
    return form.model_copy(update={"findings": tuple(ordered)})


def _has_table(seg: _Segment) -> bool:
    return any(r.table is not None for r in seg.rows)


LAYOUT = GridLayout()
