"""The official 项目绩效自我评价 grid (pre-2020 Shanghai scorecard, 6 columns).

Columns: 0 一级指标 | 1 指标名称 | 2 指标解释 | 3 权重 | 4 自评分 | 5 备注. The header above
the table is key/value: label 0, value 1, label 2, value 3-5 (or one long value 1-5).
The year is not printed (the form evaluates the year before its 自评时间); it is
printed under the title only when 自评时间 does not give it.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import LegacySelfEvaluation, Table
from jixiao.model.labels import INDICATOR_FIELD_LABELS
from jixiao.render._official_grid import Grid, amount, num, shown_unit, widths, yes_no
from jixiao.render.options import RenderOptions

__all__ = ["INDICATOR_HEADERS", "TITLE", "legacy_table"]

TITLE = "项目绩效自我评价"
INDICATOR_HEADERS = (
    INDICATOR_FIELD_LABELS["level1"],
    "指标名称",
    "指标解释",
    "权重",
    "自评分",
    "备注",
)
_BASE_WIDTHS = (13.0, 22.0, 40.0, 7.0, 7.0, 12.0)
_WIDE = (1, 2, 5)
_PAIR_FIELDS = (
    ("project", "unit"),
    ("legacy.division", "legacy.recurring"),
    ("legacy.budget", "legacy.prior_year_budget"),
    ("legacy.executed", "legacy.rate"),
)


def legacy_table(form: LegacySelfEvaluation, options: RenderOptions) -> Table:
    info = form.legacy
    g = Grid(widths(_BASE_WIDTHS, _WIDE, options))
    g.full_row(TITLE, role="title", align="center")
    if form.year is not None and str(form.year + 1) not in (info.eval_date or ""):
        g.full_row(f"（{form.year}年度）", role="title", align="center", field="year")
    unit = shown_unit(form.money_unit, options, "元")
    thousands = options.thousands is not False

    def money(value: Decimal | None) -> str:
        return amount(value, form.money_unit, options, thousands)

    pairs = (
        ("项目名称：", form.project, "预算单位：", form.unit),
        ("具体实施处（科室）：", info.division, "是否为经常性项目：", yes_no(info.recurring)),
        (
            f"当年预算数（{unit}）：",
            money(info.budget),
            f"上年预算金额（{unit}）：",
            money(info.prior_year_budget),
        ),
        (
            f"预算执行数（{unit}）：",
            money(info.executed),
            "预算执行率（%）：",
            f"{num(info.rate)}%" if info.rate is not None else "",
        ),
    )
    if form.department:
        _long(g, "主管部门：", form.department, "department")
    for i, ((left, lval, right, rval), (lfield, rfield)) in enumerate(
        zip(pairs, _PAIR_FIELDS, strict=True)
    ):
        r = g.new_row()
        money_row = i == 2
        g.put(r, 0, left, role="label")
        g.put(r, 1, lval, role="number" if i >= 2 else "text", field=lfield)
        g.put(r, 2, right, role="label")
        g.put(r, 3, rval, colspan=3, role="number" if money_row else "text", field=rfield)
    _long(g, "项目年度总目标：", form.goal_expected, "goal_expected")
    _long(g, "自评时间：", info.eval_date, "legacy.eval_date")
    _long(g, "绩效等级：", info.grade_stated, "legacy.grade_stated")
    _long(g, "主要绩效：", info.achievements, "legacy.achievements")
    _long(g, "主要问题：", info.problems, "legacy.problems")
    _long(g, "改进措施：", info.improvements, "legacy.improvements")

    g.header_row(INDICATOR_HEADERS)
    items = form.indicators
    first = g.add_rows(len(items))

    def with_weight(label: str | None) -> str | None:
        weight = info.level1_weights.get(label or "")
        return f"{label} ({num(weight)}分)" if label and weight is not None else label

    g.level_labels(first, items, level2=False, label1=with_weight)
    for i, ind in enumerate(items):
        row = first + i
        key = f"indicators.{i}."
        g.put(row, 1, ind.name, field=key + "name")
        g.put(row, 2, ind.target, field=key + "target")
        g.put(row, 3, num(ind.weight), role="number", align="center", field=key + "weight")
        g.put(row, 4, num(ind.score), role="number", align="center", field=key + "score")
        g.put(row, 5, ind.note, role="note", field=key + "note")
    r = g.new_row()
    g.put(r, 0, "合计", colspan=3, role="label", align="center")
    g.put(r, 3, num(form.total_weight), role="number", align="center", field="total_weight")
    g.put(r, 4, num(form.total_score), role="number", align="center", field="total_score")
    g.put(r, 5, "")
    if form.grade and form.grade != info.grade_stated:
        _long(g, "评价等级：", form.grade, "grade")
    remarks = info.remarks
    if remarks is None and info.grade_rule:
        remarks = "绩效等级说明：" + "，".join(
            f"自评分合计{num(b.min_score)}（含）分以上为{b.grade}" for b in info.grade_rule
        )
    if remarks:
        g.full_row(f"说明：{remarks}", role="note", field="legacy.remarks")
        g.footer_rows = 1
    return g.table(TITLE, "legacy_self_evaluation")


def _long(g: Grid, label: str, value: str | None, field: str) -> None:
    r = g.new_row()
    g.put(r, 0, label, role="label")
    g.put(r, 1, value, colspan=5, field=field)
