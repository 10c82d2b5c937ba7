"""The 年度主要任务 block of the department tables: a header (one row, or two when the
预算金额 caption spans 总额 / 财政拨款 / 其他资金), one row per task, and for a target
declaration the 金额合计 row.

The block takes the columns from ``first_col`` on; column ``first_col - 1`` holds the
merged 年度主要任务 label. Text columns (任务名称, 主要内容, and 支出项目名称 / 完成情况
when printed) share what the amount columns leave.
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.model import DepartmentAmounts, DepartmentTask
from jixiao.model.labels import TASK_FIELD_LABELS
from jixiao.render._official_grid import Grid, amount, shown_unit
from jixiao.render.options import RenderOptions

__all__ = ["task_block"]

_TEXTS = ("name", "content", "project", "status")
_AMOUNTS = ("total", "appropriation", "other")
_SHARE = ("content", "name", "content", "project", "status")
"""The order in which text columns take the columns left over (主要内容 first)."""


def _spans(fields: Sequence[str], available: int) -> list[int]:
    spans = {f: 1 for f in fields}
    extra = available - len(fields)
    while extra > 0:
        for name in _SHARE:
            if extra > 0 and name in spans:
                spans[name] += 1
                extra -= 1
    return [spans[f] for f in fields]


def task_block(
    g: Grid,
    tasks: Sequence[DepartmentTask],
    *,
    money_unit: str | None,
    options: RenderOptions,
    status: bool,
    amounts: DepartmentAmounts | None,
) -> None:
    """The block from the next row, over columns 0 (label) to the grid's last. ``status``
    prints 完成情况 (a self-evaluation); ``amounts`` (a target declaration) prints all
    three amount columns and the 金额合计 row."""
    texts = [f for f in _TEXTS if f in ("name", "content") or any(getattr(t, f) for t in tasks)]
    if status and "status" not in texts:
        texts.append("status")
    money = [f for f in _AMOUNTS if any(getattr(t, f) is not None for t in tasks)]
    split = amounts is not None or any(f != "total" for f in money)
    money = list(_AMOUNTS) if split else money
    spans = _spans(texts, g.n_cols - 1 - len(money))
    head_rows = 2 if split else 1
    unit = shown_unit(money_unit, options, "万元")
    first = g.add_rows(head_rows + len(tasks))
    g.put(first, 0, "年度主要任务", rowspan=head_rows + len(tasks), role="label", align="center")
    col = 1
    for name, span in zip(texts, spans, strict=True):
        label = TASK_FIELD_LABELS[name]
        g.put(first, col, label, colspan=span, rowspan=head_rows, role="header", align="center")
        col += span
    amount_col = col
    if split:
        g.put(first, col, f"预算金额（{unit}）", colspan=3, role="header", align="center")
        for i, name in enumerate(_AMOUNTS):
            g.put(first + 1, col + i, TASK_FIELD_LABELS[name], role="header", align="center")
    elif money:
        g.put(first, col, f"预算金额（{unit}）", role="header", align="center")
    thousands = bool(options.thousands)
    for i, task in enumerate(tasks):
        row = first + head_rows + i
        col = 1
        for name, span in zip(texts, spans, strict=True):
            g.put(row, col, getattr(task, name), colspan=span, field=f"tasks.{i}.{name}")
            col += span
        for j, name in enumerate(money):
            value = amount(getattr(task, name), money_unit, options, thousands)
            g.put(
                row, amount_col + j, value, role="number", align="center", field=f"tasks.{i}.{name}"
            )
    if amounts is None:
        return
    row = g.new_row()
    g.put(row, 0, "金额合计", colspan=amount_col, role="label", align="center")
    for j, name in enumerate(_AMOUNTS):
        value = amount(getattr(amounts, name), money_unit, options, thousands)
        g.put(row, amount_col + j, value, role="number", align="center", field=f"amounts.{name}")
