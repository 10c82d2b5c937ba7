"""``rebuilt``: a form's table flattened into text in any way, rebuilt and read as cells.

Text copied from web pages and document-sharing previews: pipe rows, one cell a line
(``项目名称 |``), the whole form on one line, cells run together. The table is rebuilt
by :mod:`jixiao.parse.rebuild` and read by the ``grid`` layout; every line range of the
result points at the original text. It is offered every text document, but scores
high only where the text shows such a flattening, so text that the layouts made for
the samples read (spaced columns, tabbed OCR output) stays theirs.
"""

from __future__ import annotations

import re

from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.caption_unit import with_caption_unit
from jixiao.parse.layouts.grid import LAYOUT as GRID
from jixiao.parse.preamble_year import with_preamble_year
from jixiao.parse.rebuild import rebuild
from jixiao.parse.rebuild.tokens import flattening
from jixiao.parse.titles import TITLE
from jixiao.parse.unplaced import attach_findings, attach_unplaced
from jixiao.read import Document

__all__ = ["LAYOUT", "RebuiltLayout"]

_HEADINGS = re.compile(
    r"一级指标|二级指标|三级指标|年度指标值|实际完成值|年初预算数|全年预算数|全年执行数|项目名称|指标值"
)
_NAMES = {
    "pipe": "竖线分隔的行",
    "cellline": "一格一行",
    "flat": "整表一行",
    "tabbed": "制表符分隔的行",
    "lines": "逐行文字",
}


class RebuiltLayout(Layout):
    name = "rebuilt"
    title = "从任意展平的文字重建的表格（竖线分隔、一格一行、整表一行、单元格连写）"
    formats = frozenset({"text"})
    fallback = True

    def match(self, doc: Document) -> Match:
        if doc.tables:
            return self._match(0.0, "已有表格，由 grid 版式读取")
        text = "".join([ln.text for ln in doc.lines[:20_000]]).replace(" ", "")
        titles = len(TITLE.findall(text))
        words = len(set(_HEADINGS.findall(text)))
        kind = flattening(doc)
        reason = f"{_NAMES[kind]}；表单标题 {titles} 处，表头词 {words} 个"
        if words < 3 and not titles:
            return self._match(0.05, reason)
        if kind in ("pipe", "cellline", "flat"):
            return self._match(0.9 if words >= 3 else 0.5, reason)
        return self._match(0.25 if words >= 3 else 0.15, reason)

    def parse(self, doc: Document) -> LayoutResult:
        rebuilt = rebuild(doc)
        read = GRID.parse(rebuilt.document)
        forms = attach_unplaced(rebuilt.document, read.forms, read.consumed, rebuilt.lines_of)
        out = with_caption_unit(doc, with_preamble_year(doc, [rebuilt.remap(f) for f in forms]))
        placed = (((f.location.lines or (1, 1))[0], f) for f in rebuilt.findings)
        return LayoutResult(attach_findings(out, placed), {ln.number for ln in doc.lines})


LAYOUT = RebuiltLayout()
