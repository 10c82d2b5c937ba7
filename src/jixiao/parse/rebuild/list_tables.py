"""A list table: many projects' forms printed as one table, one project after another.

Some departments publish their declarations as one list (部门预算项目绩效目标申报表):
the header row holds the project's own columns (单位名称 | 项目名称 | 预算数 | 年度目标)
and then the indicator columns (一级指标 … 权重), and each project's first row prints
both, the rows after it only its indicators — the project's cells are merged over them,
and a copied page drops those empty cells, so the indicator cells start the line (pipe
rows from a web page, tabbed rows from a worksheet). A row with a name and an amount and
nothing else heads a group of projects (the department's total). Read as one form it
would be one project named 「预算数」.

:func:`split_lists` writes such a table out as one form per project — the lines before
the table (the title), the project's cells as label/value lines, the indicator header
and the project's indicator rows — which the rebuilder then reads like any pipe form.
It only does so when every row of the table fits: its indicator cells start at a
level-1 or level-2 label (or it has none), the cells before them fit the project
columns counted back from the indicator columns, and the budget column holds an amount;
otherwise the text is left as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from jixiao.parse.rebuild.vocab import header_field, is_level1, is_level2
from jixiao.read import Document, Line

__all__ = ["Listed", "split_lists"]


_PROJECT = "项目名称"
_BUDGET = "年度资金总额"
_DEPARTMENT = "主管部门"
_CARRIED = (_DEPARTMENT, "实施单位")
"""Cells merged over the next project's rows too (its department and unit)."""


@dataclass(frozen=True)
class Listed:
    """The document written out one form per project and, for each of its lines, the
    line of the original text it came from."""

    document: Document
    origin: tuple[int, ...]
    """``origin[n - 1]`` is the original line of the written line ``n``."""

    def line(self, number: int) -> int:
        return self.origin[number - 1] if 0 < number <= len(self.origin) else number


_LEAD_LABELS = {
    "单位名称": "实施单位",
    "预算单位": "实施单位",
    "预算数": _BUDGET,
    "预算金额": _BUDGET,
    "年度预算数": _BUDGET,
    "年度绩效目标": "年度目标",
}
"""The label a list's project column is written under (what a form prints beside the
value), where it is not the printed header itself."""

_AMOUNT = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+]?\d+(?:\.\d+)?$")


def split_lists(doc: Document) -> Listed | None:
    """``doc`` with its list table written out one form per project, or ``None`` when it
    holds no list table every row of which fits (see the module's note)."""
    rows = [_cells(ln.text) for ln in doc.lines]
    for h, header in enumerate(rows):
        if header is None:
            continue
        shape = _shape(header)
        if shape is None:
            continue
        lead, first = shape
        end = h + 1
        while end < len(rows) and rows[end] is not None:
            end += 1
        projects = _projects(rows[h + 1 : end], lead, h + 2)
        if not projects:
            return None
        return _written(doc, h, end, header[first:], projects)
    return None


def _cells(text: str) -> list[str] | None:
    """A piped or tabbed line's cells (trailing empty ones dropped), else ``None``."""
    text = text.strip()
    if text.count("|") >= 2:
        cells = [c.strip() for c in text.strip("|").split("|")]
    elif "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
    else:
        return None
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _shape(header: list[str]) -> tuple[list[str], int] | None:
    """The project columns (the labels they are written under) and the index of the
    first indicator column, when ``header`` is a list's header: 项目名称 before 一级指标
    and 三级指标."""
    fields = [header_field(c) for c in header]
    if "level1" not in fields or "name" not in fields:
        return None
    first = fields.index("level1")
    lead = [_LEAD_LABELS.get(c.replace(" ", ""), c) for c in header[:first]]
    if _PROJECT not in lead:
        return None
    return lead, first


@dataclass
class _Project:
    values: dict[str, tuple[str, int]]
    """Label → (printed text, original line), in the order they are written."""
    rows: list[tuple[list[str], int]]
    """Indicator rows (cells from the 一级指标 column on, original line)."""


def _projects(body: list[list[str] | None], lead: list[str], number: int) -> list[_Project]:
    out: list[_Project] = []
    carried: dict[str, tuple[str, int]] = {}
    for k, cells in enumerate(body):
        line = number + k
        assert cells is not None
        at = next((i for i, c in enumerate(cells) if is_level1(c)), None)
        offset = 0
        if at is None and cells and is_level2(cells[0]):
            at, offset = 0, 1
        if at is None:
            group = _group(cells, lead)
            if group is None:
                return []
            carried = {_DEPARTMENT: (group, line)}
            continue
        if at > len(lead):
            return []
        columns = zip(lead[len(lead) - at :], cells[:at], strict=True)
        values = {label: (c, line) for label, c in columns if c}
        budget = values.get(_BUDGET)
        if budget is not None and not _AMOUNT.match(budget[0]):
            return []
        if _PROJECT in values:
            carried = {k: v for k, v in carried.items() if k in _CARRIED}
            carried.update(values)
            out.append(_Project(dict(carried), []))
        elif values or not out:
            return []
        out[-1].rows.append(([""] * offset + cells[at:], line))
    return out


def _group(cells: list[str], lead: list[str]) -> str | None:
    """The name of a row heading a group of projects (a name and an amount, nothing
    more, within the project columns), else ``None``."""
    filled = [c for c in cells if c]
    if len(filled) != 2 or len(cells) > len(lead):
        return None
    name, amount = filled
    return name if _AMOUNT.match(amount) and not _AMOUNT.match(name) else None


def _written(
    doc: Document, h: int, end: int, header: list[str], projects: list[_Project]
) -> Listed:
    texts: list[tuple[str, int]] = []
    before = [(_piped(_cells(ln.text), ln.text), ln.number) for ln in doc.lines[:h]]
    for project in projects:
        texts += before
        texts += [(_piped([label, value]), n) for label, (value, n) in project.values.items()]
        texts.append((_piped(header), h + 1))
        texts += [(_piped(cells, doc.lines[n - 1].text), n) for cells, n in project.rows]
    texts += [(ln.text, ln.number) for ln in doc.lines[end:]]
    lines = tuple(Line(n, text) for n, (text, _) in enumerate(texts, 1))
    return Listed(replace(doc, lines=lines), tuple(line for _, line in texts))


def _piped(cells: list[str] | None, printed: str = "|") -> str:
    """``cells`` as a piped line, closed by a bar unless the printed one is a piped line
    without it (the text's last line, cut off inside its last cell); ``printed`` itself
    if no cells."""
    if cells is None:
        return printed
    closed = "|" not in printed or printed.rstrip().endswith("|")
    return "| " + " | ".join(cells) + (" |" if closed else "")
