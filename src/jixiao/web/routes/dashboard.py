"""总览 ``/``: KPI cards and charts over the forms matching the filters in the URL.

The filter form swaps the ``partial`` block (KPIs, charts and their data) with HTMX and
pushes the URL, so a filtered dashboard is a link one can share. Charts are drawn by
``static/dashboard.js`` (ECharts) from the JSON in ``#dashboard-data``; a click on a bar
or a point opens the forms (or findings) behind it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from jixiao.store import Filters, Store
from jixiao.store.dashboard import (
    BIN_WIDTH,
    MAX_POINTS,
    Kpis,
    filter_choices,
    kpis,
    scatter_points,
    score_bins,
)
from jixiao.store.stats import statistics
from jixiao.web.db_cache import cached
from jixiao.web.deps import get_store, page
from jixiao.web.params import form_filters, query_string

__all__ = ["router"]

router = APIRouter()

_FILTER_KEYS = (
    "year",
    "department",
    "unit",
    "grade",
    "kind",
    "computed_grade",
    "code",
    "search",
    "lenient",
)
_TOP = 15


def _decimal_text(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _script_json(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``; a ``Decimal`` becomes a
    string with its printed digits (the C encoder keeps 10,000 points fast)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_decimal_text)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # every "<", ">" and "&" is escaped above


def chart_data(store: Store, filters: Filters, params: dict[str, object]) -> dict[str, Any]:
    """Everything the charts draw, as plain data (numbers keep their digits)."""
    stats = statistics(store, filters, points=False)
    return {
        "params": params,
        "by_year": sorted(stats["by_year"], key=lambda e: (e["key"] is None, e["key"] or 0)),
        "by_department": stats["by_department"][:_TOP],
        "by_unit": stats["by_unit"][:_TOP],
        "by_grade": stats["by_grade"],
        "by_computed_grade": stats["by_computed_grade"],
        "by_kind": stats["by_kind"],
        "findings_by_code": [
            {k: g[k] for k in ("code", "severity", "title", "count", "forms")}
            for g in stats["findings_by_code"]
        ],
        "findings_by_severity": stats["findings_by_severity"],
        "bins": score_bins(store, filters),
        "bin_width": BIN_WIDTH,
        "points": scatter_points(store, filters),
        "max_points": MAX_POINTS,
    }


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def dashboard(
    request: Request,
    filters: Annotated[Filters, Depends(form_filters)],
    store: Annotated[Store, Depends(get_store)],
) -> HTMLResponse:
    """The 总览 page (or, for HTMX, its charts and KPIs only)."""
    params: dict[str, object] = {
        k: v.strip() for k in _FILTER_KEYS if (v := request.query_params.get(k, "")).strip()
    }
    figures, data = cached(
        store,
        ("dashboard", filters, tuple(params.items())),
        lambda: _figures(store, filters, params),
    )
    return page(
        request,
        "dashboard.html",
        title="总览",
        params=params,
        qs=query_string(params),
        lenient_qs=query_string(params, lenient="true"),
        errors_qs=query_string(params, severity="error"),
        bin_width=BIN_WIDTH,
        kpis=figures,
        choices=cached(store, "dashboard_choices", lambda: filter_choices(store)),
        data=data,
    )


def _figures(
    store: Store, filters: Filters, params: dict[str, object]
) -> tuple[Kpis, Markup | None]:
    """The KPI cards and the charts' JSON (kept per database until it changes)."""
    figures = kpis(store, filters)
    data = _script_json(chart_data(store, filters, params)) if figures.forms else None
    return figures, data
