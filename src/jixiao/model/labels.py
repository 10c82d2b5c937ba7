"""Chinese labels for identifiers shown to users: the kinds of form and finding severities.

One place for every shell (CLI, exports, web)."""

from __future__ import annotations

from jixiao.model.finding import Severity

__all__ = ["KIND_LABELS", "SEVERITY_LABELS"]

KIND_LABELS: dict[str, str] = {
    "self_evaluation": "项目支出绩效自评表",
    "legacy_self_evaluation": "项目绩效自我评价",
    "target_declaration": "绩效目标表",
}

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "错误",
    Severity.WARNING: "警告",
    Severity.INFO: "提示",
}
