"""部门整体支出绩效自评表 and 部门整体支出绩效目标表 from table cells.

The department forms are the project forms' tables around a different head: 部门（单位）
名称 instead of 项目名称, the year's main tasks (:mod:`._tasks`) and, in the
self-evaluation, the funding table split by source of income (年度资金总额, 财政拨款,
上年结转, 其他资金) and by nature of spending (基本支出, 项目支出). The indicator table,
total and goals are read by the project readers' functions.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    FundRow,
    Source,
)
from jixiao.parse.layouts.grid._context import FormContext
from jixiao.parse.layouts.grid._header import KeyValue, key_of, read_pairs, value_of
from jixiao.parse.layouts.grid._indicators import (
    find_header,
    read_indicators,
    read_scored_table,
    total_grade,
)
from jixiao.parse.layouts.grid._legacy import read_amounts, target_goal
from jixiao.parse.layouts.grid._rows import GridRow, norm
from jixiao.parse.layouts.grid._self import (
    fund_label,
    money_unit,
    read_fund_table,
    read_goals,
    split_funds,
)
from jixiao.parse.layouts.grid._tasks import TaskTable, read_tasks
from jixiao.parse.wording import wording

__all__ = [
    "GRADES",
    "read_department_self_evaluation",
    "read_department_target",
    "spending_label",
]

GRADES = frozenset(
    {"优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较好", "一般", "较差"}
)
"""Grade words that may follow the score in the total row."""
_SPENDING = (("basic", ("基本支出",)), ("project", ("项目支出",)))
_CAPTIONS = frozenset({"按收入性质分", "按支出性质分", "其中", "按收入来源分", "按支出用途分"})
"""Caption rows of the funding table that hold no amounts."""
_BUDGET = {
    "total": ("amounts.total", "资金总额"),
    "appropriation": ("amounts.appropriation", "财政拨款"),
    "basic": ("spending.basic.initial", "基本支出"),
    "project": ("spending.project.initial", "项目支出"),
}
_BUDGET_WORDS = dict(wording().department_budget)
"""The labels of a department target's 年度预算安排, whole in their cell (wording.toml)."""


def spending_label(label: str) -> str | None:
    """``basic`` or ``project`` when a funding row's label is 基本支出 / 项目支出."""
    for name, words in _SPENDING:
        if any(w in label for w in words):
            return name
    return None


def _fund_or_spending(label: str) -> str | None:
    return spending_label(label) or fund_label(label)


def _budget_label(label: str) -> str | None:
    """A department target's 年度预算安排 labels, printed alone in their cell."""
    bare = label.removeprefix("其中")
    return next((k for k, words in _BUDGET_WORDS.items() if bare in words), None)


_OWN_KEYS: dict[str, str] = {
    norm(w): key for key, words in wording().department_header for w in words
}
"""Labels that name a field on a department form only (单位名称: the unit the form is
about), read as a label cell beside its value cell."""


def _own_pairs(ctx: FormContext, rows: list[GridRow], pairs: dict[str, KeyValue]) -> None:
    """The department-only labels' values (:data:`_OWN_KEYS`) for fields no label of the
    project forms named: a row of just the label and its value cell. Printed inline
    (``单位名称:塘湖镇政府``, the value after a colon) the label is a caption of the
    document before the form, naming the filer, and is not read."""
    for row in rows:
        cells = [c for c in row.cells if c.origin and c.text]
        if len(cells) != 2:
            continue
        label, value_cell = cells
        key = _OWN_KEYS.get(norm(label.text).rstrip(":："))
        inline = value_cell.text.lstrip()[:1] in (":", "：")
        if key is None or key in pairs or inline or key_of(value_cell.text) is not None:
            continue
        value = value_of(value_cell.text)
        if value is not None:
            pairs[key] = KeyValue(key, norm(label.text), None, value, row, (label, value_cell))
            ctx.use(label, value_cell)


def _text(pairs: dict[str, KeyValue], key: str) -> str | None:
    return pairs[key].value if key in pairs else None


def _head(ctx: FormContext) -> tuple[int | None, list[GridRow], dict[str, KeyValue]]:
    """The indicator header, the rows above it and their key/value pairs."""
    head = find_header(ctx.rows)
    top = ctx.rows if head is None else ctx.rows[:head]
    pairs = read_pairs(ctx, top)
    _own_pairs(ctx, top, pairs)
    if "department" not in pairs:
        ctx.missing("department", "部门（单位）名称")
    return head, top, pairs


def _tasks(ctx: FormContext, top: list[GridRow]) -> tuple[TaskTable, list[GridRow]]:
    """The task table and the rows above the indicator table outside it."""
    table = read_tasks(ctx, top)
    if table is None:
        ctx.missing("tasks", "年度主要任务")
        return TaskTable(), top
    return table, top[: table.start] + top[table.end :]


def read_department_self_evaluation(ctx: FormContext, year: int | None) -> DepartmentSelfEvaluation:
    head, top, pairs = _head(ctx)
    tasks, rest = _tasks(ctx, top)
    rows = read_fund_table(ctx, rest, _fund_or_spending, _CAPTIONS, "部门整体支出预算资金表") or {}
    data, table = read_scored_table(ctx, ctx.rows, head, pairs)
    if table is not None and (grade := total_grade(ctx, table, GRADES)) is not None:
        data["grade"] = grade
    data.setdefault("grade", _text(pairs, "grade") or _text(pairs, "grade_stated"))
    return DepartmentSelfEvaluation.model_validate(
        {
            "year": year,
            "department": _text(pairs, "department"),
            "unit": _text(pairs, "unit"),
            "money_unit": money_unit(ctx, top),
            **split_funds(rows),
            "tasks": tuple(tasks.tasks),
            **read_goals(ctx, rest),
            **data,
            "source": Source(file=ctx.file, lines=ctx.lines),
        }
    )


def read_department_target(ctx: FormContext, year: int | None) -> DepartmentTargetDeclaration:
    head, top, pairs = _head(ctx)
    tasks, rest = _tasks(ctx, top)
    budget = read_amounts(ctx, rest, _budget_label, _BUDGET)
    amounts: dict[str, Decimal | None] = tasks.amounts.model_dump() if tasks.amounts else {}
    for key in ("total", "appropriation"):
        if amounts.get(key) is None and budget.get(key) is not None:
            amounts[key] = budget[key]
    spending = {k: FundRow(initial=budget[k]) for k in ("basic", "project") if k in budget}
    for row in rest:
        own = row.own
        if len(own) == 1 and norm(own[0].text) in ("年度主要任务", "年度履职目标"):
            ctx.use(own[0])  # a section caption on a line of its own
    indicators: tuple[object, ...] = ()
    if head is None:
        ctx.missing("indicators", "指标表表头")
    else:
        indicators = tuple(read_indicators(ctx, ctx.rows, head).indicators)
    return DepartmentTargetDeclaration.model_validate(
        {
            "year": year,
            "department": _text(pairs, "department"),
            "unit": _text(pairs, "unit"),
            "money_unit": money_unit(ctx, top),
            "tasks": tuple(tasks.tasks),
            "amounts": amounts,
            "spending": spending,
            "goal": _text(pairs, "goal") or target_goal(ctx, rest),
            "indicators": indicators,
            "source": Source(file=ctx.file, lines=ctx.lines),
        }
    )
