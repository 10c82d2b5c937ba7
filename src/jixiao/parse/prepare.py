"""A document as the layouts read it: jixiao's own summary sheets set aside, a mirror
site's pinyin annotations dropped, traditional characters converted. The document as
printed stays what callers keep.

A workbook written by ``jixiao export`` holds, before one sheet per form in the
official layout, three summary sheets: 汇总 (one row per form), 指标 (one row per
indicator row) and 审核发现 (one row per finding). They repeat the forms' contents in
another shape, so read as forms they would be forms twice over and thousands of lines
of unplaced text. They are recognised by name and header row together (a unit's own
sheet called 汇总 with other headings is read as usual), and set aside: their tables
are not offered to the layouts and their lines read as blank (the numbering, which
findings and the stored source lines share, is unchanged).
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.model.table import Table
from jixiao.read import Document
from jixiao.read.document import Line
from jixiao.read.pinyin_notes import without_pinyin
from jixiao.read.traditional import to_simplified

__all__ = ["EXPORT_SUMMARIES", "is_export_summary", "prepare", "without_export_summaries"]

EXPORT_SUMMARIES: dict[str, frozenset[str]] = {
    "汇总": frozenset({"编号", "项目名称", "实施单位", "自评总分", "复核总分"}),
    "指标": frozenset({"编号", "项目名称", "指标行", "三级指标", "复核得分"}),
    "审核发现": frozenset({"编号", "项目名称", "代码", "级别", "说明"}),
}
"""Each summary sheet of a jixiao export and headings its first row always has (the
export's column headers, ``jixiao.export.rows.TABLES``; a test keeps them in step)."""


def prepare(doc: Document) -> Document:
    """``doc`` as the layouts read it (``doc`` itself when nothing is set aside or
    converted)."""
    return to_simplified(without_pinyin(without_export_summaries(doc)))


def is_export_summary(table: Table) -> bool:
    """Whether ``table`` is a summary sheet of a jixiao export (name and header row)."""
    wanted = EXPORT_SUMMARIES.get((table.title or "").strip())
    if wanted is None:
        return False
    header = {c.text.strip() for c in table.cells if c.row == 0}
    return wanted <= header


def without_export_summaries(doc: Document) -> Document:
    """``doc`` without the summary sheets of a jixiao export (their lines blank)."""
    if doc.format != "xlsx" or not any(is_export_summary(t) for t in doc.tables):
        return doc
    blank: set[int] = set()
    kept: list[Table] = []
    for table in doc.tables:
        if is_export_summary(table):
            blank.update(range(table.first_line, table.first_line + table.n_rows))
        else:
            kept.append(table)
    lines = tuple(Line(ln.number, "") if ln.number in blank else ln for ln in doc.lines)
    return replace(doc, lines=lines, tables=tuple(kept))
