"""The official 财政项目支出绩效自评表 grid (10 columns, as published in Shanghai).

Columns (0-based)::

    0 一级指标 | 1 二级指标 | 2-3 三级指标 | 4 年度指标值 | 5 实际完成值
    6 分值 | 7 得分 | 8-9 偏差原因分析及改进措施

The blocks above the indicator table reuse the same columns: 项目名称 (0-1 | 2-9),
主管部门/实施单位 (0-1 | 2-4 | 5-6 | 7-9), 项目资金 (label 0-1 over five rows; row
name 2; 年初预算数 3, 全年预算数 4, 全年执行数 5-6, 分值 7, 执行率(%) 8, 得分 9), 年度总体目标
(label 0-1 over two rows; 预期目标 2-5, 实际完成情况 6-9).
"""

from __future__ import annotations

from jixiao.model import FundRow, SelfEvaluation, Table
from jixiao.model.funds import FUND_ROWS
from jixiao.model.labels import FIELD_LABELS, INDICATOR_FIELD_LABELS
from jixiao.render._official_grid import Grid, amount, num, shown_unit, widths
from jixiao.render.options import RenderOptions

__all__ = [
    "FUND_HEADERS",
    "INDICATOR_HEADERS",
    "TITLE",
    "fund_cells",
    "self_evaluation_table",
]

TITLE = "财政项目支出绩效自评表"
FUND_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分")
INDICATOR_HEADERS = tuple(INDICATOR_FIELD_LABELS.values())
_BASE_WIDTHS = (7.0, 8.0, 11.0, 11.0, 12.0, 12.0, 7.0, 7.0, 12.5, 12.5)
_WIDE = (2, 3, 4, 5, 8, 9)
_FUND_COLS = ((3, 1), (4, 1), (5, 2), (7, 1), (8, 1), (9, 1))  # (first col, span)
_FUND_FIELDS = tuple(FundRow.model_fields)  # initial … score, in the order of _FUND_COLS


def fund_cells(
    fund: FundRow, money_unit: str | None, options: RenderOptions, thousands: bool, *, total: bool
) -> tuple[str, ...]:
    """The six printed cells of a funding row (年初预算数 … 得分); a source row shows a dash
    where it has no weight or score, the 年度资金总额 row leaves it empty."""
    dash = "" if total else "-"
    return (
        amount(fund.initial, money_unit, options, thousands),
        amount(fund.adjusted, money_unit, options, thousands),
        amount(fund.executed, money_unit, options, thousands),
        num(fund.weight) or dash,
        num(fund.rate),
        num(fund.score) or dash,
    )


def self_evaluation_table(form: SelfEvaluation, options: RenderOptions) -> Table:
    g = Grid(widths(_BASE_WIDTHS, _WIDE, options))
    g.full_row(TITLE, role="title", align="center")
    g.full_row(
        f"（{form.year}年度）" if form.year is not None else "",
        role="title",
        align="center",
        field="year",
    )

    r = g.new_row()
    g.put(r, 0, FIELD_LABELS["project"], colspan=2, role="label", align="center")
    g.put(r, 2, form.project, colspan=8, field="project")
    if form.category is not None:  # printed by some provinces only
        r = g.new_row()
        g.put(r, 0, FIELD_LABELS["category"], colspan=2, role="label", align="center")
        g.put(r, 2, form.category, colspan=8, field="category")
    r = g.new_row()
    g.put(r, 0, FIELD_LABELS["department"], colspan=2, role="label", align="center")
    g.put(r, 2, form.department, colspan=3, field="department")
    g.put(r, 5, FIELD_LABELS["unit"], colspan=2, role="label", align="center")
    g.put(r, 7, form.unit, colspan=3, field="unit")

    _funds(g, form, options)
    _goals(g, form)
    _indicators(g, form)

    r = g.new_row()
    g.put(r, 0, "总分", colspan=6, role="label", align="center")
    g.put(r, 6, num(form.total_weight), role="number", align="center", field="total_weight")
    g.put(r, 7, num(form.total_score), role="number", align="center", field="total_score")
    g.put(r, 8, "", colspan=2)
    r = g.new_row()
    g.put(r, 0, "评分等级", colspan=6, role="label", align="center")
    g.put(r, 6, form.grade, colspan=4, align="center", field="grade")
    return g.table(TITLE, "self_evaluation")


def _funds(g: Grid, form: SelfEvaluation, options: RenderOptions) -> None:
    unit = shown_unit(form.money_unit, options, "万元")
    thousands = bool(options.thousands)
    extra = list(form.funds_extra.items())  # after the standard four, by printed label
    first = g.add_rows(5 + len(extra))
    g.put(
        first,
        0,
        f"项目资金（{unit}）",
        colspan=2,
        rowspan=5 + len(extra),
        role="label",
        align="center",
        field="money_unit",
    )
    g.put(first, 2, "")
    for (col, span), head in zip(_FUND_COLS, FUND_HEADERS, strict=True):
        g.put(first, col, head, colspan=span, role="header", align="center")
    names = (
        "年度资金总额：",
        f"其中：{options.wording}财政拨款",
        "上年结转资金",
        "其他资金",
        *(label for label, _ in extra),
    )
    rows: tuple[FundRow, ...] = (
        form.funds.total,
        form.funds.appropriation,
        form.funds.carryover,
        form.funds.other,
        *(fund for _, fund in extra),
    )
    keys = (*(f"funds.{k}" for k in FUND_ROWS), *(f"funds_extra.{label}" for label, _ in extra))
    for i, (name, fund, key) in enumerate(zip(names, rows, keys, strict=True)):
        row = first + 1 + i
        values = fund_cells(fund, form.money_unit, options, thousands, total=i == 0)
        g.put(row, 2, name, role="label", align="center", field=key)
        for (col, span), text, column in zip(_FUND_COLS, values, _FUND_FIELDS, strict=True):
            g.put(
                row,
                col,
                text,
                colspan=span,
                role="number",
                align="center",
                field=f"{key}.{column}",
            )


def _goals(g: Grid, form: SelfEvaluation) -> None:
    first = g.add_rows(2)
    g.put(first, 0, "年度总体目标", colspan=2, rowspan=2, role="label", align="center")
    g.put(first, 2, "预期目标", colspan=4, role="header", align="center")
    g.put(first, 6, "实际完成情况", colspan=4, role="header", align="center")
    g.put(first + 1, 2, form.goal_expected, colspan=4, field="goal_expected")
    g.put(first + 1, 6, form.goal_actual, colspan=4, field="goal_actual")


def _indicators(g: Grid, form: SelfEvaluation) -> None:
    g.header_row(INDICATOR_HEADERS, (1, 1, 2, 1, 1, 1, 1, 2))
    items = form.indicators
    first = g.add_rows(len(items))
    g.level_labels(first, items)
    for i, ind in enumerate(items):
        row = first + i
        key = f"indicators.{i}."
        g.put(row, 2, ind.name, colspan=2, field=key + "name")
        g.put(row, 4, ind.target, align="center", field=key + "target")
        g.put(row, 5, ind.actual, align="center", field=key + "actual")
        g.put(row, 6, num(ind.weight), role="number", align="center", field=key + "weight")
        g.put(row, 7, num(ind.score), role="number", align="center", field=key + "score")
        g.put(row, 8, ind.note, colspan=2, role="note", field=key + "note")
