"""The official 财政项目支出绩效目标表 grid (4 columns, as published in Shanghai 2020).

Columns: 0 一级目标 | 1 二级目标 | 2 三级目标 | 3 指标目标值. The header above is
key/value: label 0, value 1, label 2, value 3 (or one long value 1-3); 申报单位名称 is
one cell holding key and value, as printed. The sources of the year's budget (当年财政
拨款, 上年结转资金, 其他资金) get rows under it when the form has any. A 中长期 indicator
block, when the form has one, follows the annual block under a 中长期绩效目标 caption.
"""

from __future__ import annotations

from jixiao.model import Table, TargetDeclaration
from jixiao.render._official_grid import Grid, amount, shown_unit, widths, yes_no
from jixiao.render.options import RenderOptions

__all__ = ["INDICATOR_HEADERS", "TITLE", "target_table"]

TITLE = "财政项目支出绩效目标表"
INDICATOR_HEADERS = ("一级目标", "二级目标", "三级目标", "指标目标值")
_BASE_WIDTHS = (20.0, 26.0, 30.0, 24.0)
_WIDE = (1, 2, 3)
_Amount = tuple[str, str]
"""An amount's printed label (without its money unit) and its ``target_meta`` field."""


def target_table(form: TargetDeclaration, options: RenderOptions) -> Table:
    meta = form.target_meta
    g = Grid(widths(_BASE_WIDTHS, _WIDE, options))
    unit = shown_unit(form.money_unit, options, "元")
    thousands = options.thousands is not False
    g.full_row(TITLE, role="title", align="center")
    g.full_row(
        f"({form.year}年度)" if form.year is not None else "",
        role="title",
        align="center",
        field="year",
    )
    g.full_row(f"申报单位名称：{form.unit or ''}", field="unit")
    if form.department:
        g.full_row(f"主管部门：{form.department}", field="department")
    _pair(g, "项目名称：", form.project, "项目类别：", meta.category, ("project", "category"))
    _pair(g, "计划开始日期：", meta.start, "计划完成日期：", meta.end, ("start", "end"))
    _pair(
        g,
        "是否含有政府购买服务：",
        yes_no(meta.gov_purchase),
        "绩效类型：",
        meta.perf_type,
        ("gov_purchase", "perf_type"),
    )
    for label, value, name in (
        ("项目概况：", meta.overview, "overview"),
        ("立项依据：", meta.basis, "basis"),
        ("项目设立的必要性：", meta.necessity, "necessity"),
        ("保证项目实施的制度、措施：", meta.measures, "measures"),
        ("项目实施计划：", meta.plan, "plan"),
        ("总目标及阶段性目标：", meta.goal, "goal"),
    ):
        r = g.new_row()
        g.put(r, 0, label, role="label")
        g.put(r, 1, value, colspan=3, field=f"target_meta.{name}")

    g.full_row("本项目上年度市级财政资金使用情况", role="header", align="center")
    pairs: list[tuple[_Amount, _Amount | None]] = [
        (("项目总预算", "total_budget"), ("项目当年预算", "current_budget"))
    ]
    if any(v is not None for v in (meta.appropriation, meta.carryover, meta.other)):
        appropriation = f"其中：{options.wording}财政拨款"
        pairs += [((appropriation, "appropriation"), ("上年结转资金", "carryover"))]
        pairs += [(("其他资金", "other"), None)]
    pairs += [
        (("同名项目上年预算额", "prior_budget"), ("同名项目上年预算执行数", "prior_executed"))
    ]
    for left, right in pairs:
        r = g.new_row()
        for col, item in ((0, left), (2, right)):
            if item is None:
                g.put(r, col, "", colspan=2)  # every position covered
                continue
            value = amount(getattr(meta, item[1]), form.money_unit, options, thousands)
            g.put(r, col, f"{item[0]}（{unit}）：", role="label")
            g.put(r, col + 1, value, role="number", field=f"target_meta.{item[1]}")

    year = f"{form.year}年" if form.year is not None else ""
    g.full_row(f"{year}绩效目标", role="header", align="center")
    g.header_row(INDICATOR_HEADERS)
    items = form.indicators
    first = g.add_rows(len(items))
    g.level_labels(first, items)
    for i, ind in enumerate(items):
        g.put(first + i, 2, ind.name, field=f"indicators.{i}.name")
        g.put(first + i, 3, ind.target, align="center", field=f"indicators.{i}.target")
    if form.long_term_indicators:
        _long_term(g, form)
    return g.table(TITLE, "target_declaration")


def _long_term(g: Grid, form: TargetDeclaration) -> None:
    """The 中长期 block under the annual one, with a header of its own (not repeated)."""
    g.full_row("中长期绩效目标", role="header", align="center")
    g.header_row(INDICATOR_HEADERS, repeat=False)
    items = form.long_term_indicators
    first = g.add_rows(len(items))
    g.level_labels(first, items, block="long_term_indicators")
    for i, ind in enumerate(items):
        key = f"long_term_indicators.{i}."
        g.put(first + i, 2, ind.name, field=key + "name")
        g.put(first + i, 3, ind.target, align="center", field=key + "target")


def _pair(
    g: Grid,
    left: str,
    lval: str | None,
    right: str,
    rval: str | None,
    fields: tuple[str, str],
) -> None:
    """A key/value pair of rows; ``fields`` names the values (``target_meta.`` implied,
    except for ``project``)."""
    r = g.new_row()
    lfield, rfield = (name if name == "project" else f"target_meta.{name}" for name in fields)
    g.put(r, 0, left, role="label")
    g.put(r, 1, lval, field=lfield)
    g.put(r, 2, right, role="label")
    g.put(r, 3, rval, field=rfield)
