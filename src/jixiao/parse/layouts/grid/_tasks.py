"""The 年度主要任务 table of a department form: one row per task, then 金额合计.

Its columns are found by their header text (:data:`TASK_COLUMNS`); a 预算金额 caption
spanning 总额 / 财政拨款 / 其他资金 printed on a second header row is read as those
three columns. The table ends at its 金额合计 row, at the next section (资金, 总体目标,
绩效指标) or where the merged 年度主要任务 label cell stops covering the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model import DepartmentAmounts, DepartmentTask
from jixiao.model.labels import TASK_FIELD_LABELS
from jixiao.parse.layouts.grid._columns import header_columns, span_text
from jixiao.parse.layouts.grid._context import FormContext
from jixiao.parse.layouts.grid._rows import GridCell, GridRow
from jixiao.parse.synonyms import SynonymIndex

__all__ = ["TASK_COLUMNS", "TaskTable", "read_tasks", "task_columns", "task_field"]

TASK_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("任务名称", "主要任务", "任务", "部门职能", "履职任务", "工作任务")),
    ("content", ("主要内容", "任务内容", "工作内容", "年度目标任务", "主要工作内容", "内容")),
    ("project", ("支出项目名称", "对应项目", "对应项目名称", "支出项目")),
    ("status", ("完成情况", "任务完成情况", "实际完成情况", "执行情况", "完成情况说明")),
    ("total", ("总额", "预算金额", "金额", "合计", "预算数", "资金总额", "预算金额合计")),
    ("appropriation", ("财政拨款", "其中：财政拨款", "财政资金", "当年财政拨款", "本年财政拨款")),
    ("other", ("其他资金",)),
)
"""Field → the header words that name its column (exact, or followed by ``（万元）``)."""
_TASK_INDEX = SynonymIndex(TASK_COLUMNS)
_AMOUNTS = ("total", "appropriation", "other")
_SUMS = ("金额合计", "合计", "总计", "小计", "资金合计")
_SECTIONS = (
    "年度部门整体支出",
    "部门整体支出",
    "年度资金总额",
    "年度预算",
    "年度总体目标",
    "总体目标",
    "绩效指标",
    "年度绩效指标",
    "部门（单位）名称",
)
"""Labels that start the next part of the form."""


def task_field(label: str) -> str | None:
    """The task column a (normalised) header label names (部门职能 → ``name``)."""
    return _TASK_INDEX.field(label)


def task_columns(row: GridRow) -> dict[str, GridCell] | None:
    """Field → header cell when ``row`` heads a task table (a name column and another)."""
    if header_columns(row) is not None:
        return None
    found: dict[str, GridCell] = {}
    for cell in row.cells:
        name = task_field(cell.label) if cell.text and cell.origin else None
        if name is not None and name not in found:
            found[name] = cell
    if "name" not in found or len(found) < 2:
        return None
    return found


@dataclass
class TaskTable:
    """The tasks, the 金额合计 row and where the table lay in the rows given."""

    tasks: list[DepartmentTask] = field(default_factory=list)
    amounts: DepartmentAmounts | None = None
    start: int = 0
    end: int = 0
    """Index of the first row after the table."""


def read_tasks(ctx: FormContext, rows: list[GridRow]) -> TaskTable | None:
    """The first task table in ``rows``; ``None`` when there is none."""
    start = next((i for i, r in enumerate(rows) if task_columns(r)), None)
    if start is None:
        return None
    head = rows[start]
    cols = task_columns(head) or {}
    ctx.use_row(head)
    section = next((c for c in head.cells if c.rowspan > 1 and c.key not in _keys(cols)), None)
    out = TaskTable(start=start, end=len(rows))
    i = start + 1
    if i < len(rows) and _amount_header(rows[i]):
        cols.update(_amount_header(rows[i]) or {})
        ctx.use_row(rows[i])
        i += 1
    for j in range(i, len(rows)):
        row = rows[j]
        if row.blank:
            continue
        first = row.own[0].label
        if any(first.startswith(w) for w in _SUMS):
            ctx.use(row.own[0])
            out.amounts = DepartmentAmounts.model_validate(_amounts(ctx, row, cols, row.own[0]))
            out.end = j + 1
            return out
        if _ends(row, first, section):
            out.end = j
            return out
        task = _task(ctx, row, cols)
        if task is not None:
            out.tasks.append(task)
    return out


def _ends(row: GridRow, first: str, section: GridCell | None) -> bool:
    """Whether ``row`` starts the next part of the form."""
    if section is not None:
        covering = row.at(section.col)
        if covering is not None and covering.key != section.key:
            return True
    return any(first.startswith(w) for w in _SECTIONS) or header_columns(row) is not None


def _keys(cols: dict[str, GridCell]) -> set[tuple[int, int, int]]:
    return {c.key for c in cols.values()}


def _amount_header(row: GridRow) -> dict[str, GridCell] | None:
    """The second header row: 总额 / 财政拨款 / 其他资金 under a spanning 预算金额."""
    own = row.own
    found = {task_field(c.label): c for c in own}
    if not own or None in found or not set(found) <= set(_AMOUNTS):
        return None
    return {k: v for k, v in found.items() if k is not None}


def _task(ctx: FormContext, row: GridRow, cols: dict[str, GridCell]) -> DepartmentTask | None:
    taken: set[tuple[int, int, int]] = set()
    values: dict[str, object] = {}
    for name, head in cols.items():
        found = span_text(row, head, taken)
        if found is None:
            continue
        printed, cells = found
        taken.update(c.key for c in cells)
        if name in _AMOUNTS:
            values[name] = ctx.number(printed, row, f"tasks.{name}", TASK_FIELD_LABELS[name])
        else:
            values[name] = printed or None
    if not any(v is not None for v in values.values()):
        return None
    for cell in row.cells:
        if cell.key in taken:
            ctx.use(cell)
    return DepartmentTask.model_validate({**values, "lines": (row.line, row.line)})


def _amounts(
    ctx: FormContext, row: GridRow, cols: dict[str, GridCell], label: GridCell
) -> dict[str, Decimal | None]:
    out: dict[str, Decimal | None] = {}
    for name in _AMOUNTS:
        if name not in cols:
            continue
        cell = row.at(cols[name].col)
        if cell is None or cell.key == label.key or not cell.origin:
            continue
        ctx.use(cell)
        out[name] = ctx.number(
            cell.text, row, f"amounts.{name}", f"金额合计{TASK_FIELD_LABELS[name]}"
        )
    return out
