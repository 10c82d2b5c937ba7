"""The official 部门整体支出绩效自评表 (9 columns) and 部门整体支出绩效目标表 (8 columns).

Column 0 holds the merged section labels (部门（单位）名称, 年度主要任务, 年度部门整体支出
预算资金, 年度总体目标, 绩效指标). The self-evaluation's other columns::

    1 一级指标 | 2 二级指标 | 3 三级指标 | 4 年度指标值 | 5 实际完成值 | 6 分值 | 7 得分
    8 偏差原因分析及改进措施

with the funding table (row names 1-2; 年初预算数 3, 全年预算数 4, 全年执行数 5, 分值 6,
执行率(%) 7, 得分 8) split by income (财政拨款, 上年结转资金, 其他资金) and by nature of
spending (基本支出, 项目支出), and the 总分 row printing the grade after the score. The
target declaration's: 1 一级指标 | 2 二级指标 | 3-5 三级指标 | 6-7 指标值.
"""

from __future__ import annotations

from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    FundRow,
    Table,
)
from jixiao.model.funds import FUND_ROWS
from jixiao.render._official_grid import Grid, amount, num, shown_unit, widths
from jixiao.render._official_self import FUND_HEADERS, INDICATOR_HEADERS, fund_cells
from jixiao.render._official_tasks import task_block
from jixiao.render.options import RenderOptions

__all__ = ["SELF_TITLE", "TARGET_TITLE", "department_self_table", "department_target_table"]

SELF_TITLE = "部门整体支出绩效自评表"
TARGET_TITLE = "部门整体支出绩效目标表"
_SELF_WIDTHS = (10.0, 8.0, 9.0, 13.0, 11.0, 11.0, 7.0, 7.0, 16.0)
_SELF_WIDE = (3, 4, 5, 8)
_TARGET_WIDTHS = (10.0, 10.0, 10.0, 9.0, 9.0, 9.0, 11.0, 11.0)
_TARGET_WIDE = (1, 2, 3, 4, 5, 6, 7)
_FUND_FIELDS = tuple(FundRow.model_fields)


def _head(
    g: Grid, title: str, form: DepartmentSelfEvaluation | DepartmentTargetDeclaration
) -> None:
    g.full_row(title, role="title", align="center")
    year = f"（{form.year}年度）" if form.year is not None else ""
    g.full_row(year, role="title", align="center", field="year")
    r = g.new_row()
    g.put(r, 0, "部门（单位）名称", role="label", align="center")
    g.put(r, 1, form.department, colspan=g.n_cols - 1, field="department")
    if form.unit:
        r = g.new_row()
        g.put(r, 0, "预算单位", role="label", align="center")
        g.put(r, 1, form.unit, colspan=g.n_cols - 1, field="unit")


def department_self_table(form: DepartmentSelfEvaluation, options: RenderOptions) -> Table:
    g = Grid(widths(_SELF_WIDTHS, _SELF_WIDE, options))
    _head(g, SELF_TITLE, form)
    task_block(
        g, form.tasks, money_unit=form.money_unit, options=options, status=True, amounts=None
    )
    _funds(g, form, options)
    first = g.add_rows(2)
    g.put(first, 0, "年度总体目标", rowspan=2, role="label", align="center")
    g.put(first, 1, "预期目标", colspan=4, role="header", align="center")
    g.put(first, 5, "实际完成情况", colspan=4, role="header", align="center")
    g.put(first + 1, 1, form.goal_expected, colspan=4, field="goal_expected")
    g.put(first + 1, 5, form.goal_actual, colspan=4, field="goal_actual")
    items = form.indicators
    head = g.header_row(INDICATOR_HEADERS, first_col=1)
    g.put(head, 0, "绩效指标", rowspan=1 + len(items), role="label", align="center")
    first = g.add_rows(len(items))
    g.level_labels(first, items, first_col=1)
    for i, ind in enumerate(items):
        row, key = first + i, f"indicators.{i}."
        g.put(row, 3, ind.name, field=key + "name")
        g.put(row, 4, ind.target, align="center", field=key + "target")
        g.put(row, 5, ind.actual, align="center", field=key + "actual")
        g.put(row, 6, num(ind.weight), role="number", align="center", field=key + "weight")
        g.put(row, 7, num(ind.score), role="number", align="center", field=key + "score")
        g.put(row, 8, ind.note, role="note", field=key + "note")
    r = g.new_row()
    g.put(r, 0, "总分", colspan=6, role="label", align="center")
    g.put(r, 6, num(form.total_weight), role="number", align="center", field="total_weight")
    g.put(r, 7, num(form.total_score), role="number", align="center", field="total_score")
    g.put(r, 8, form.grade, align="center", field="grade")
    return g.table(SELF_TITLE, form.kind)


def _funds(g: Grid, form: DepartmentSelfEvaluation, options: RenderOptions) -> None:
    unit = shown_unit(form.money_unit, options, "万元")
    thousands = bool(options.thousands)
    rows: list[tuple[str, FundRow | None, str]] = [
        ("年度资金总额", form.funds.total, "funds.total"),
        ("按收入性质分：", None, ""),
        (f"其中：{options.wording}财政拨款", form.funds.appropriation, "funds.appropriation"),
        ("上年结转资金", form.funds.carryover, "funds.carryover"),
        ("其他资金", form.funds.other, "funds.other"),
        ("按支出性质分：", None, ""),
        ("其中：基本支出", form.spending.basic, "spending.basic"),
        ("项目支出", form.spending.project, "spending.project"),
        *((label, fund, f"funds_extra.{label}") for label, fund in form.funds_extra.items()),
    ]
    assert len(FUND_ROWS) == 4
    first = g.add_rows(1 + len(rows))
    label = f"年度部门整体支出预算资金（{unit}）"
    g.put(first, 0, label, rowspan=1 + len(rows), role="label", align="center", field="money_unit")
    g.put(first, 1, "", colspan=2)
    for col, head in enumerate(FUND_HEADERS, start=3):
        g.put(first, col, head, role="header", align="center")
    for i, (name, fund, key) in enumerate(rows):
        row = first + 1 + i
        g.put(row, 1, name, colspan=2, role="label", align="center", field=key or None)
        if fund is None:
            g.put(row, 3, "", colspan=6)
            continue
        values = fund_cells(fund, form.money_unit, options, thousands, total=i == 0)
        for col, (text, column) in enumerate(zip(values, _FUND_FIELDS, strict=True), start=3):
            g.put(row, col, text, role="number", align="center", field=f"{key}.{column}")


def department_target_table(form: DepartmentTargetDeclaration, options: RenderOptions) -> Table:
    g = Grid(widths(_TARGET_WIDTHS, _TARGET_WIDE, options))
    _head(g, TARGET_TITLE, form)
    task_block(
        g,
        form.tasks,
        money_unit=form.money_unit,
        options=options,
        status=False,
        amounts=form.amounts,
    )
    basic, project = form.spending.basic.initial, form.spending.project.initial
    if basic is not None or project is not None:
        thousands = bool(options.thousands)
        r = g.new_row()
        g.put(r, 0, "其中：基本支出", colspan=3, role="label", align="center")
        value = amount(basic, form.money_unit, options, thousands)
        g.put(r, 3, value, colspan=2, role="number", align="center", field="spending.basic.initial")
        g.put(r, 5, "项目支出", colspan=2, role="label", align="center")
        value = amount(project, form.money_unit, options, thousands)
        g.put(r, 7, value, role="number", align="center", field="spending.project.initial")
    r = g.new_row()
    g.put(r, 0, "年度总体目标", role="label", align="center")
    g.put(r, 1, form.goal, colspan=7, field="goal")
    items = form.indicators
    head = g.header_row(
        (*INDICATOR_HEADERS[:3], "指标值（包含数字及文字描述）"),
        (1, 1, 3, 2),
        first_col=1,
    )
    g.put(head, 0, "年度绩效指标", rowspan=1 + len(items), role="label", align="center")
    first = g.add_rows(len(items))
    g.level_labels(first, items, first_col=1)
    for i, ind in enumerate(items):
        g.put(first + i, 3, ind.name, colspan=3, field=f"indicators.{i}.name")
        g.put(first + i, 6, ind.target, colspan=2, align="center", field=f"indicators.{i}.target")
    return g.table(TARGET_TITLE, form.kind)
