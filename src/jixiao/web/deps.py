"""What every route needs: the store, the templates, :func:`page`, and the shared filters.

``page(request, "x.html", **ctx)`` renders a whole page, or, for an HTMX request
(header ``HX-Request``), only the template's ``{% block partial %}`` when it has one
(pass ``block=`` to pick another block). Jinja filters shared by all templates:
``money``, ``points``, ``pct``, ``severity_label``, ``kind_label``, ``date_cn``,
``field_label``, ``ruleset_label``.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import FileSystemLoader, select_autoescape

from jixiao.model import labels
from jixiao.model.display import money, pct, points, signed_points
from jixiao.model.finding import Severity
from jixiao.model.labels import (
    KIND_LABELS,
    SEVERITY_LABELS,
    beijing_time,
    form_title,
    name_label,
)
from jixiao.score.loading import bundled_rulesets
from jixiao.store import Store
from jixiao.web.access import page_context, scoped_store
from jixiao.web.jinja_env import DictFirstEnvironment

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
    """The application's store as the request's user sees it (a FastAPI dependency;
    :func:`jixiao.web.access.scoped_store`)."""
    return scoped_store(request)


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


def field_label(field: str | None) -> str:
    """A dotted field path in Chinese (:func:`jixiao.model.labels.field_label`), ``—``
    for none."""
    return labels.field_label(field) if field else _DASH


templates = Jinja2Templates(
    env=DictFirstEnvironment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)), autoescape=select_autoescape()
    )
)
templates.env.filters.update(
    money=money,
    points=points,
    signed_points=signed_points,
    pct=pct,
    severity_label=severity_label,
    kind_label=kind_label,
    date_cn=date_cn,
    field_label=field_label,
    ruleset_label=ruleset_label,
)
templates.env.globals.update(
    place_label=labels.place_label,
    FIELD_LABELS=labels.FIELD_LABELS,
    INDICATOR_FIELD_LABELS=labels.INDICATOR_FIELD_LABELS,
    KIND_LABELS=KIND_LABELS,
    SEVERITY_LABELS=SEVERITY_LABELS,
    SEVERITIES=tuple(Severity),  # in rank order: errors first
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
    context = {"request": request, "store_url": _store_url(request), **page_context(request), **ctx}
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
