"""What every route needs: the store, the templates, :func:`page`, and the shared filters.

``page(request, "x.html", **ctx)`` renders a whole page, or, for an HTMX request
(header ``HX-Request``), only the template's ``{% block partial %}`` when it has one
(pass ``block=`` to pick another block). Jinja filters shared by all templates:
``money``, ``points``, ``pct``, ``severity_label``, ``kind_label``, ``date_cn``,
``field_label``, ``ruleset_label``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from jixiao.model.finding import Severity
from jixiao.model.labels import (
    FUND_FIELD_LABELS,
    FUND_ROW_LABELS,
    KIND_LABELS,
    SEVERITY_LABELS,
    SPENDING_ROW_LABELS,
    TASK_FIELD_LABELS,
    beijing_time,
    form_title,
    name_label,
)
from jixiao.score.loading import bundled_rulesets
from jixiao.store import Store

__all__ = [
    "TEMPLATES_DIR",
    "date_cn",
    "field_label",
    "get_store",
    "is_htmx",
    "kind_label",
    "money",
    "page",
    "pct",
    "points",
    "render",
    "ruleset_label",
    "severity_label",
    "templates",
]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
_DASH = "—"


def get_store(request: Request) -> Store:
    """The application's store (a FastAPI dependency)."""
    store: Store = request.app.state.store
    return store


def money(value: Decimal | None, unit: str | None = None) -> str:
    """An amount with thousands separators and the digits it was printed with."""
    if value is None:
        return _DASH
    text = format(value, ",f")
    return f"{text} {unit}" if unit else text


def points(value: Decimal | None) -> str:
    """Points (分值/得分) with their printed digits."""
    return _DASH if value is None else format(value, "f")


def pct(value: Decimal | None) -> str:
    """A percentage (执行率) with its digits and ``%``."""
    return _DASH if value is None else f"{value:f}%"


def severity_label(value: str | Severity | None) -> str:
    """错误 / 警告 / 提示."""
    if value is None:
        return _DASH
    try:
        return SEVERITY_LABELS[Severity(value)]
    except ValueError:
        return str(value)


def kind_label(value: str | None) -> str:
    """The Chinese name of a form kind."""
    return _DASH if value is None else KIND_LABELS.get(value, value)


def ruleset_label(name: str | None) -> str:
    """A bundled ruleset's Chinese title with its name (``财政部 2020 年项目支出绩效自评规则
    （mof2020）``); another ruleset's name as it is."""
    if not name:
        return _DASH
    titles = {r.name: r.title for r in bundled_rulesets()}
    return f"{titles[name]}（{name}）" if name in titles else name


def date_cn(value: date | datetime | None, with_time: bool = False) -> str:
    """``2024年3月5日`` (and ``14:05`` when ``with_time``); a timestamp in 北京时间
    (a naive one is taken as UTC, as the store keeps them)."""
    if value is None:
        return _DASH
    if isinstance(value, datetime):
        value = beijing_time(value)
    text = f"{value.year}年{value.month}月{value.day}日"
    if with_time and isinstance(value, datetime):
        text += f" {value:%H:%M}"
    return text


_FIELDS = {
    "project": "项目名称",
    "department": "主管部门",
    "unit": "实施单位",
    "year": "年度",
    "money_unit": "金额单位",
    "funds": "项目资金",
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
_INDICATOR_FIELDS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "note": "偏差原因分析及改进措施",
}


def field_label(field: str | None) -> str:
    """A dotted field path in Chinese: ``indicators.3.score`` → ``第 4 个指标的得分``,
    ``funds.total.rate`` → ``年度资金总额的执行率``; unknown paths as they are."""
    if not field:
        return _DASH
    parts = field.split(".")
    if parts[0] == "indicators" and len(parts) >= 2 and parts[1].isdigit():
        where = f"第 {int(parts[1]) + 1} 个指标"
        if len(parts) == 2:
            return where
        return f"{where}的{_INDICATOR_FIELDS.get(parts[2], parts[2])}"
    if parts[0] == "funds" and len(parts) == 3 and parts[1] in FUND_ROW_LABELS:
        return f"{FUND_ROW_LABELS[parts[1]]}的{FUND_FIELD_LABELS.get(parts[2], parts[2])}"
    if parts[0] == "funds" and len(parts) == 2:
        return FUND_ROW_LABELS.get(parts[1], field)
    if parts[0] == "spending" and len(parts) >= 2 and parts[1] in SPENDING_ROW_LABELS:
        row = SPENDING_ROW_LABELS[parts[1]]
        return f"{row}的{FUND_FIELD_LABELS.get(parts[2], parts[2])}" if len(parts) == 3 else row
    if parts[0] in ("tasks", "long_term_indicators") and len(parts) >= 2 and parts[1].isdigit():
        block = "任务" if parts[0] == "tasks" else "中长期指标"
        where = f"第 {int(parts[1]) + 1} 项{block}"
        labels = TASK_FIELD_LABELS if parts[0] == "tasks" else _INDICATOR_FIELDS
        return f"{where}的{labels.get(parts[2], parts[2])}" if len(parts) == 3 else where
    if parts[0] == "amounts" and len(parts) == 2:
        return f"金额合计的{TASK_FIELD_LABELS.get(parts[1], parts[1])}"
    return _FIELDS.get(parts[0], field) if len(parts) == 1 else field


templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.filters.update(
    money=money,
    points=points,
    pct=pct,
    severity_label=severity_label,
    kind_label=kind_label,
    date_cn=date_cn,
    field_label=field_label,
    ruleset_label=ruleset_label,
)
templates.env.globals.update(
    KIND_LABELS=KIND_LABELS,
    SEVERITY_LABELS=SEVERITY_LABELS,
    form_title=form_title,
    name_label=name_label,
)


def is_htmx(request: Request) -> bool:
    """Whether the request comes from HTMX for a part of a page (not a boosted page load
    nor a history restore, which want the whole page)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and not headers.get("HX-Boosted")
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    block: str | None = None,
    **ctx: Any,
) -> HTMLResponse:
    """``template`` rendered whole, or only ``block`` when given and defined."""
    tpl = templates.get_template(template)
    context = {"request": request, "store_url": _store_url(request), **ctx}
    if block is not None and block in tpl.blocks:
        body = "".join(tpl.blocks[block](tpl.new_context(context)))
    else:
        body = tpl.render(context)
    response = HTMLResponse(body, status_code=status_code)
    response.headers["Vary"] = "HX-Request"
    return response


def page(request: Request, template: str, *, block: str = "partial", **ctx: Any) -> HTMLResponse:
    """A full page, or its ``block`` (default ``partial``) for an HTMX request."""
    return render(request, template, block=block if is_htmx(request) else None, **ctx)


def _store_url(request: Request) -> str:
    store = getattr(request.app.state, "store", None)
    return store.url if store is not None else ""
