"""Chinese labels for identifiers shown to users: the kinds of form and finding severities,
and times in 北京时间.

One place for every shell (CLI, exports, web)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from jixiao.model.finding import Severity

__all__ = [
    "BEIJING",
    "FUND_FIELD_LABELS",
    "FUND_ROW_LABELS",
    "KIND_LABELS",
    "SEVERITY_LABELS",
    "SPENDING_ROW_LABELS",
    "TASK_FIELD_LABELS",
    "beijing_time",
    "form_title",
    "name_label",
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


def form_title(kind: str | None, project: str | None, department: str | None) -> str | None:
    """What a form is called in lists and headings: its project, or for a department
    form (部门整体支出) its department (部门（单位）名称)."""
    if kind in ("department_self_evaluation", "department_target_declaration"):
        return department
    return project


def name_label(kind: str | None) -> str:
    """The caption of that name: 项目名称, or 部门（单位）名称 for a department form."""
    if kind in ("department_self_evaluation", "department_target_declaration"):
        return "部门（单位）名称"
    return "项目名称"


BEIJING = timezone(timedelta(hours=8), "北京时间")
"""China Standard Time (Asia/Shanghai has had no daylight saving since 1991)."""


def beijing_time(value: datetime) -> datetime:
    """``value`` in 北京时间; a naive timestamp is taken as UTC, as the store keeps them."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(BEIJING)
