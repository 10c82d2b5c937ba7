"""Chinese labels for identifiers shown to users: the kinds of form and finding severities,
the fields of a form and its rows (as the official tables caption them), and times in
北京时间.

One place for every shell (CLI, exports, web)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from jixiao.model.finding import Severity
from jixiao.model.forms import DEPARTMENT_KINDS

__all__ = [
    "BEIJING",
    "FIELD_LABELS",
    "FUND_FIELD_LABELS",
    "FUND_ROW_LABELS",
    "INDICATOR_FIELD_LABELS",
    "KIND_LABELS",
    "LEGACY_FIELD_LABELS",
    "SEVERITY_LABELS",
    "SPENDING_ROW_LABELS",
    "TARGET_FIELD_LABELS",
    "TASK_FIELD_LABELS",
    "beijing_time",
    "field_label",
    "form_title",
    "indicator_label",
    "name_label",
    "place_label",
]

KIND_LABELS: dict[str, str] = {
    "self_evaluation": "项目支出绩效自评表",
    "legacy_self_evaluation": "项目绩效自我评价",
    "target_declaration": "绩效目标表",
    "department_self_evaluation": "部门整体支出绩效自评表",
    "department_target_declaration": "部门整体支出绩效目标表",
}

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "错误",
    Severity.WARNING: "警告",
    Severity.INFO: "提示",
}

FUND_ROW_LABELS: dict[str, str] = {
    "total": "年度资金总额",
    "appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
"""The four funding rows (:data:`jixiao.model.funds.FUND_ROWS`)."""

FUND_FIELD_LABELS: dict[str, str] = {
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "rate": "执行率",
    "score": "得分",
}
"""The columns of a funding row (:class:`jixiao.model.funds.FundRow`)."""

SPENDING_ROW_LABELS: dict[str, str] = {"basic": "基本支出", "project": "项目支出"}
"""The two rows by nature of spending (:class:`jixiao.model.department.Spending`)."""

TASK_FIELD_LABELS: dict[str, str] = {
    "name": "任务名称",
    "content": "主要内容",
    "project": "支出项目名称",
    "status": "完成情况",
    "total": "总额",
    "appropriation": "财政拨款",
    "other": "其他资金",
}
"""The columns of a 年度主要任务 row (:class:`jixiao.model.department.DepartmentTask`)."""


FIELD_LABELS: dict[str, str] = {
    "project": "项目名称",
    "department": "主管部门",
    "unit": "实施单位",
    "year": "年度",
    "money_unit": "金额单位",
    "category": "项目类型",
    "funds": "项目资金",
    "funds_extra": "其他资金来源",
    "goal_expected": "年度总体目标（预期目标）",
    "goal_actual": "年度总体目标（实际完成情况）",
    "indicators": "绩效指标",
    "total_weight": "总分值",
    "total_score": "总分",
    "grade": "评分等级",
    "legacy": "表头",
    "target_meta": "表头",
    "tasks": "年度主要任务",
    "spending": "按支出性质分",
    "amounts": "金额合计",
    "goal": "年度总体目标",
    "long_term_indicators": "中长期绩效指标",
}
"""The fields of a form (:mod:`jixiao.model.forms`) as its tables caption them."""

INDICATOR_FIELD_LABELS: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "note": "偏差原因分析及改进措施",
}
"""The columns of an indicator row (:class:`jixiao.model.indicator.Indicator`)."""


LEGACY_FIELD_LABELS: dict[str, str] = {
    "budget": "预算数",
    "prior_year_budget": "上年预算数",
    "executed": "执行数",
    "rate": "执行率（%）",
    "eval_date": "评价日期",
    "grade_stated": "自评等级",
    "recurring": "经常性项目",
    "division": "具体实施处（科室）",
    "achievements": "主要绩效",
    "problems": "存在问题",
    "improvements": "改进措施",
    "remarks": "说明",
}
"""The header of a pre-2020 scorecard (:class:`jixiao.model.forms.LegacyInfo`)."""

TARGET_FIELD_LABELS: dict[str, str] = {
    "category": "项目类别",
    "start": "开始时间",
    "end": "结束时间",
    "gov_purchase": "政府购买服务",
    "perf_type": "绩效类型",
    "overview": "项目概况",
    "basis": "立项依据",
    "necessity": "必要性",
    "measures": "实施措施",
    "plan": "实施计划",
    "goal": "年度绩效目标",
    "total_budget": "项目总预算",
    "current_budget": "本年预算",
    "appropriation": "其中：财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
    "prior_budget": "上年预算",
    "prior_executed": "上年执行数",
}
"""The header of a 绩效目标表 (:class:`jixiao.model.forms.TargetMeta`)."""


def form_title(kind: str | None, project: str | None, department: str | None) -> str | None:
    """What a form is called in lists and headings: its project, or for a department
    form (部门整体支出) its department (部门（单位）名称)."""
    if kind in DEPARTMENT_KINDS:
        return department
    return project


def name_label(kind: str | None) -> str:
    """The caption of that name: 项目名称, or 部门（单位）名称 for a department form."""
    if kind in DEPARTMENT_KINDS:
        return "部门（单位）名称"
    return FIELD_LABELS["project"]


def indicator_label(row: int) -> str:
    """An indicator row (0-based :attr:`~jixiao.model.Location.row`) as every page,
    table and export numbers it: ``第 1 项指标`` for the first."""
    return f"第 {row + 1} 项指标"


_SEP = "·"


def field_label(field: str) -> str:
    """A dotted field path (:attr:`~jixiao.model.Location.field`) as its table captions
    it, from the block down to the cell: ``funds.total.adjusted`` →
    ``项目资金·年度资金总额·全年预算数``, ``indicators.12.target`` →
    ``第 13 项指标·年度指标值``, ``grade`` → ``评分等级``; an unknown path as it is."""
    parts = field.split(".")
    head, rest = parts[0], parts[1:]
    if not rest:
        return FIELD_LABELS.get(head, field)
    words: list[str] | None = None
    if head in ("indicators", "long_term_indicators", "tasks") and rest[0].isdigit():
        n = int(rest[0])
        columns = TASK_FIELD_LABELS if head == "tasks" else INDICATOR_FIELD_LABELS
        first = {"indicators": indicator_label(n), "tasks": f"第 {n + 1} 项任务"}.get(
            head, f"第 {n + 1} 项中长期指标"
        )
        words = [first, *(columns.get(p, p) for p in rest[1:2])] if len(rest) <= 2 else None
    elif head in ("funds", "spending") and len(rest) <= 2:
        rows = FUND_ROW_LABELS if head == "funds" else SPENDING_ROW_LABELS
        if rest[0] in rows:
            words = [
                FIELD_LABELS[head],
                rows[rest[0]],
                *(FUND_FIELD_LABELS.get(p, p) for p in rest[1:]),
            ]
    elif head == "funds_extra" and len(rest) <= 2:  # a row by its printed label
        words = [FIELD_LABELS[head], rest[0], *(FUND_FIELD_LABELS.get(p, p) for p in rest[1:])]
    elif head == "amounts" and len(rest) == 1:
        words = [FIELD_LABELS[head], TASK_FIELD_LABELS.get(rest[0], rest[0])]
    elif head in ("legacy", "target_meta") and len(rest) == 1:
        columns = LEGACY_FIELD_LABELS if head == "legacy" else TARGET_FIELD_LABELS
        words = [columns.get(rest[0], rest[0])]
    return field if words is None else _SEP.join(words)


def place_label(field: str | None, row: int | None) -> str:
    """Where a finding points, as a reader says it: its field's caption
    (:func:`field_label`), else its indicator row (``第 3 项指标``), else ``整张表``."""
    if field and ("." in field or row is None):
        return field_label(field)
    if row is not None:
        return indicator_label(row)
    return "整张表"


BEIJING = timezone(timedelta(hours=8), "北京时间")
"""China Standard Time (Asia/Shanghai has had no daylight saving since 1991)."""


def beijing_time(value: datetime) -> datetime:
    """``value`` in 北京时间; a naive timestamp is taken as UTC, as the store keeps them."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(BEIJING)
