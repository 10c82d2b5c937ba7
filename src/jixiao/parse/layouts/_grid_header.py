"""Key/value cells of the official tables: a label cell and the value cell right of it.

A label may carry a money unit (``当年预算数（元）：``) and may hold its value itself
(``申报单位名称：上海市人才服务中心``). Titles (``财政项目支出绩效自评表``) and year
lines (``（2024年度）``) are recognised here too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jixiao.parse.layouts._grid_context import FormContext
from jixiao.parse.layouts._grid_rows import GridCell, GridRow, norm
from jixiao.parse.titles import find_title

__all__ = [
    "KEYS",
    "KeyValue",
    "is_title",
    "key_of",
    "kind_of_title",
    "read_pairs",
    "year_of",
]

_ALIASES: dict[str, tuple[str, ...]] = {
    "project": ("项目名称", "专项名称", "专项资金名称", "二级项目名称", "项目支出名称"),
    "department": (
        "主管部门",
        "主管预算部门",
        "主管部门名称",
        "主管部门及代码",
        "主管部门名称及代码",
        "主管部门（单位）",
        "主管单位",
        "项目主管单位",
        "项目主管部门",
        "业务主管部门",
        "预算部门",
        "部门（单位）名称",
        "部门(单位)名称",
        "部门（单位）",
        "单位（部门）名称",
        "部门名称",
        "部门（单位）名称及代码",
        "市县主管部门",
        "省级主管部门",
        "县级主管部门",
    ),
    "unit": (
        "实施单位",
        "预算单位",
        "申报单位",
        "申报单位名称",
        "预算单位名称",
        "实施单位名称",
        "项目实施单位",
        "项目单位",
        "实施单位（项目单位）",
        "实施单位（盖章）",
        "实施单位(盖章)",
        "项目实施单位名称",
        "下达地方或单位",
    ),
    "division": ("具体实施处（科室）", "具体实施处", "实施处（科室）", "具体实施处室"),
    "recurring": ("是否为经常性项目", "是否经常性项目"),
    "budget": ("当年预算数", "本年预算数", "当年预算金额"),
    "prior_year_budget": ("上年预算金额", "上年预算数"),
    "executed": ("预算执行数", "当年预算执行数"),
    "rate": ("预算执行率",),
    "goal_expected": ("项目年度总目标", "年度总目标", "项目总目标"),
    "eval_date": ("自评时间", "自评日期", "评价时间"),
    "grade_stated": ("绩效等级", "自评等级"),
    "grade": ("评分等级", "评价等级", "评定等级", "绩效评价等级", "自评结论等级"),
    "achievements": ("主要绩效",),
    "problems": ("主要问题", "存在问题"),
    "improvements": ("改进措施",),
    "category": ("项目类别",),
    "start": ("计划开始日期", "计划开始时间", "项目预计开始时间", "预计开始时间", "项目开始日期"),
    "end": ("计划完成日期", "计划完成时间", "预计完成时间", "项目完成日期"),
    "gov_purchase": ("是否含有政府购买服务",),
    "perf_type": ("绩效类型",),
    "overview": (
        "项目概况",
        "基本情况",
        "项目基本情况",
        "项目总体概况",
        "项目主要内容",
        "主要内容",
    ),
    "basis": ("立项依据", "政策依据", "项目审批"),
    "necessity": ("项目设立的必要性", "项目设立必要性", "项目立项必要性"),
    "measures": ("保证项目实施的制度、措施", "保证项目实施的制度措施"),
    "plan": ("项目实施计划", "项目实施进度计划", "实施进度计划"),
    "goal": (
        "总目标及阶段性目标",
        "年度总体目标",
        "总体目标",
        "项目总体目标",
        "年度主要目标和成果",
        "年度主要目标",
        "绩效目标总体描述",
    ),
    "total_budget": ("项目总预算", "中期预算资金总额", "中长期预算资金总额", "项目总投资"),
    "current_budget": (
        "项目当年预算",
        "当年年度预算",
        "项目预算金额",
        "年度预算金额",
        "年度本级预算金额",
        "年度预算资金总额",
        "项目申报金额",
        "下达中央预算内投资",
        "申报金额",
        "预算申报数",
    ),
    "prior_budget": ("同名项目上年预算额",),
    "prior_executed": ("同名项目上年预算执行数",),
}
KEYS: dict[str, str] = {norm(a): key for key, names in _ALIASES.items() for a in names}
"""Printed label (normalised, unit removed) → field."""

_WEAK = frozenset({"预算单位", "预算单位名称"})
"""Labels another label of the same field overrides: a form printing 预算单位 above its
table and 实施单位 in it names the unit that carries the project out."""
_UNIT = re.compile(r"^(?P<key>.+?)[（(](?P<unit>万元|千元|元|%|％)[)）]$")
_INLINE = re.compile(r"^(?P<key>[^：:]{2,20})[：:](?P<value>.+)$", re.S)
_YEAR = re.compile(r"^[（(]?(?P<year>(?:19|20)\d{2})年度?[)）]?$")


@dataclass(frozen=True)
class KeyValue:
    """A label cell, its field, its unit and its value (``None`` when blank)."""

    key: str
    label: str
    unit: str | None
    value: str | None
    row: GridRow
    cells: tuple[GridCell, ...]


def key_of(text: str) -> tuple[str, str, str | None] | None:
    """``(field, label, unit)`` when ``text`` is a known label, else ``None``."""
    label = norm(text)
    m = _UNIT.match(label)
    base, unit = (m.group("key"), m.group("unit")) if m else (label, None)
    key = KEYS.get(base) or KEYS.get(label)
    if key is None:
        return None
    return key, base, unit if unit in ("万元", "千元", "元") else None


def read_pairs(ctx: FormContext, rows: list[GridRow]) -> dict[str, KeyValue]:
    """Every key/value pair in ``rows`` (first occurrence wins, but over a weak label);
    cells marked used."""
    out: dict[str, KeyValue] = {}
    for row in rows:
        cells = list(row.cells)
        for i, cell in enumerate(cells):
            if not cell.origin or not cell.text:
                continue
            pair = _pair(row, cells, i)
            if pair is None or (pair.key in out and out[pair.key].label not in _WEAK):
                continue
            out[pair.key] = pair
            ctx.use(*pair.cells)
    return out


def _pair(row: GridRow, cells: list[GridCell], i: int) -> KeyValue | None:
    cell = cells[i]
    found = key_of(cell.text)
    if found is not None:
        key, label, unit = found
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if nxt is not None and nxt.text and key_of(nxt.text) is not None:
            nxt = None  # the next cell is another label: this one is blank
        value = nxt.text if nxt is not None and nxt.text else None
        used = (cell, nxt) if nxt is not None else (cell,)
        return KeyValue(key, label, unit, value, row, used)
    m = _INLINE.match(cell.text)
    if m is None:
        return None
    inner = key_of(m.group("key"))
    if inner is None:
        return None
    key, label, unit = inner
    return KeyValue(key, label, unit, m.group("value").strip() or None, row, (cell,))


def kind_of_title(row: GridRow) -> str | None:
    """The kind of form a title row names, or ``None`` when it is no title. The
    department wordings (部门（单位）整体支出绩效自评表 / 目标表 / 目标申报表) come first:
    their titles contain the project words."""
    label = row.label
    if not label or len(label) > 40 or len(row.own) > 2:
        return None
    found = find_title(label)
    return found.kind if found else None


def is_title(row: GridRow) -> bool:
    return kind_of_title(row) is not None


def year_of(row: GridRow) -> int | None:
    """The year of a ``（2024年度）`` row (digits full-width too) or of a title
    ``2024年度财政…``."""
    label = unicodedata.normalize("NFKC", row.label)
    m = _YEAR.match(label)
    if m:
        return int(m.group("year"))
    if is_title(row):
        t = re.search(r"((?:19|20)\d{2})年", label)
        if t:
            return int(t.group(1))
    return None
