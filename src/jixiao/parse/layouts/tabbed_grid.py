"""``tabbed_grid``: an official table saved or copied as tab-separated text.

Excel's 另存为「文本文件（制表符分隔）」, a table copied from a web page or from Word,
or the rows jixiao itself prints for a table: one table row per line, one cell per
tab, a merged cell's text in its first position and empty cells after or below it.
The lines are rebuilt into tables and read by the ``grid`` layout; an empty 一级/二级
指标 cell below a label is read as part of that label's merged cell.

It is chosen only when the columns line up: below the indicator header, the rows
hold their 三级指标 and 年度指标值 in the header's columns. Damaged OCR text (numbers
split over cells, shifted rows) does not, and stays with ``ocr_tabbed``; text with
traces of extraction (HTML tags, markdown headings) is left to the text layouts made
for it (``target_kv``, ``legacy_kv``, ``ocr_tabbed``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.model.table import Cell, Table
from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.layouts.grid import LAYOUT as GRID
from jixiao.parse.layouts.grid import STAND_INS, column_field, grid_rows, header_columns, norm
from jixiao.parse.memo import per_document
from jixiao.read import Document, Line

__all__ = ["LAYOUT", "TabbedGridLayout", "table_of_rows", "tables_of"]

_LEVELS = (("一级指标", "一级目标"), ("二级指标", "二级目标"))
_TOTALS = frozenset({"总分", "合计", "总计", "合计得分", "总得分"})
_MARKUP = re.compile(r"</?(?:b|p|sup|sub|br|span|div|strong|td|tr)\b", re.I)
_HEADING = re.compile(r"^#{1,6}\s")
"""Traces of extraction from a PDF or web page (markdown headings, several HTML tags):
not a table saved as text. One bold title alone is allowed. Text with them
scores 0, decided before any table is built (the cost of detection)."""
_MARKED = 3
_ALIGNED = 0.8
"""The share of indicator rows that must hold their name and target in the header's
columns for the text to count as a clean table."""


class TabbedGridLayout(Layout):
    name = "tabbed_grid"
    title = "制表符分隔的整齐表格（Excel 另存为文本、复制的网页或 Word 表格）"
    formats = frozenset({"text"})

    def match(self, doc: Document) -> Match:
        tabbed = sum(1 for ln in doc.lines if "\t" in ln.text)
        if tabbed < 5:
            return self._match(0.0, f"制表符分隔的行只有 {tabbed} 行")
        marked = sum(1 for ln in doc.lines if "<" in ln.text and _MARKUP.search(ln.text))
        headings = sum(1 for ln in doc.lines if ln.text[:1] == "#" and _HEADING.match(ln.text))
        if headings or marked >= _MARKED:  # decided before building any table
            return self._match(0.0, f"{marked + headings} 行有 HTML/markdown 标记（提取痕迹）")
        grid_doc = _grid_doc(doc)
        words = GRID.match(grid_doc)
        aligned, total = _alignment(grid_doc)
        if total == 0:
            return self._match(0.1 * words.score, "未找到指标表表头及其下的指标行")
        share = aligned / total
        reason = f"{total} 行指标中 {aligned} 行的名称与指标值对齐表头各列；{words.reason}"
        return self._match(words.score * (0.85 if share >= _ALIGNED else 0.2), reason)

    def parse(self, doc: Document) -> LayoutResult:
        return GRID.parse(_grid_doc(doc))


@per_document
def _grid_doc(doc: Document) -> Document:
    """``doc`` with its tables rebuilt: built by ``match``, read by ``parse``."""
    return replace(doc, tables=tables_of(doc))


def _alignment(doc: Document) -> tuple[int, int]:
    """(rows with a name and a target in the header's columns, indicator rows)."""
    aligned = total = 0
    cols: dict[str, int] | None = None
    for row in grid_rows(doc):
        head = header_columns(row) if row.table is not None else None
        if head is not None and "target" in head:
            cols = {k: head[k].col for k in ("name", "target")}
            continue
        if cols is None or row.table is None or row.blank:
            continue
        own = row.own
        if own[0].label in _TOTALS:
            cols = None
            continue
        total += 1
        starts = {c.col for c in own}
        aligned += cols["name"] in starts and cols["target"] in starts
    return aligned, total


def tables_of(doc: Document) -> tuple[Table, ...]:
    """The runs of tab-separated lines of ``doc`` as tables (blank lines inside a run
    are empty rows), with the merged 一级/二级指标 cells rebuilt."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in doc.lines:
        if "\t" in line.text or (line.blank and current):
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out: list[Table] = []
    for run in runs:
        while run and run[-1].blank:
            run.pop()
        if run:  # a run of tabs and nothing else (blank lines) is no table
            out.append(_table(run))
    return tuple(out)


def _table(lines: list[Line]) -> Table:
    return table_of_rows(
        [[t.strip() for t in ln.text.split("\t")] for ln in lines], lines[0].number
    )


def table_of_rows(texts: list[list[str]], first_line: int) -> Table:
    """A table of cell texts (one list a row, ``""`` for an empty cell) with the merged
    一级/二级指标 cells and the spanning indicator headers rebuilt."""
    n_cols = max(len(r) for r in texts)
    spans: dict[tuple[int, int], tuple[int, int]] = {
        (r, c): (1, 1) for r, row in enumerate(texts) for c, t in enumerate(row) if t
    }
    _merge_levels(texts, spans)
    cells = [
        Cell(r, c, texts[r][c], rowspan=rows, colspan=cols)
        for (r, c), (rows, cols) in sorted(spans.items())
    ]
    return Table(len(texts), n_cols, tuple(cells), first_line=first_line)


def _merge_levels(texts: list[list[str]], spans: dict[tuple[int, int], tuple[int, int]]) -> None:
    """Stretch each 一级/二级指标 label over the rows below it whose cell is empty, and
    each indicator header over the empty cells right of it (三级指标 over two columns)."""
    level_cols: list[int] = []
    numbering: set[int] = set()  # 序号 columns: a row's number is no label left of a level
    open_: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(texts):
        labels = [norm(t) for t in row]
        found = _level_columns(labels)
        if found:
            level_cols = found
            numbering = {c for c, t in enumerate(labels) if t and column_field(t) == "seq"}
            open_ = {}
            _widen(row, r, spans)
            continue
        if not level_cols or not any(row):
            continue
        first = next(t for t in row if t)
        if norm(first) in _TOTALS:
            level_cols = []
            continue
        for depth, c in enumerate(level_cols):
            if c < len(row) and row[c]:
                open_[c] = (r, c)
                for deeper in level_cols[depth + 1 :]:
                    open_.pop(deeper, None)  # a new 一级 ends the 二级 above it
            elif c in open_ and not any(t for k, t in enumerate(row[:c]) if k not in numbering):
                start = open_[c]
                spans[start] = (r - start[0] + 1, 1)


def _level_columns(labels: list[str]) -> list[int]:
    """The 一级 and 二级 columns of an indicator header row (``一级指标 | 二级指标 | 三级
    指标 …``, or by the vocabulary ``指标类型 | 指标名称 …`` with a 一级 column only,
    the name column's header perhaps a stand-in: ``指标类型 | 绩效指标``);
    none when ``labels`` is no such header."""
    found = [next((labels.index(w) for w in words if w in labels), None) for words in _LEVELS]
    if all(c is not None for c in found):
        return [c for c in found if c is not None]
    fields = [column_field(t) or STAND_INS.get(t) if t else None for t in labels]
    if "name" not in fields or "level1" not in fields or len([f for f in fields if f]) < 3:
        return []
    return [fields.index(f) for f in ("level1", "level2") if f in fields]


def _widen(row: list[str], r: int, spans: dict[tuple[int, int], tuple[int, int]]) -> None:
    """Each header cell of ``row`` spans the empty cells right of it."""
    starts = [c for c, t in enumerate(row) if t]
    for c, nxt in zip(starts, [*starts[1:], len(row)], strict=True):
        spans[(r, c)] = (1, nxt - c)


LAYOUT = TabbedGridLayout()
