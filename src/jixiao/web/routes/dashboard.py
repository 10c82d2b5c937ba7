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

from jixiao.service.statistics import (
    BIN_WIDTH,
    FilterChoices,
    Kpis,
    dashboard_figures,
    filter_choices,
)
from jixiao.store import Filters, Store
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
    figures, data, choices = cached(
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
        # an unfiltered page's figures bring the choices from their own scan of the forms
        choices=cached(store, "dashboard_choices", lambda: choices or filter_choices(store)),
        data=data,
    )


def _figures(
    store: Store, filters: Filters, params: dict[str, object]
) -> tuple[Kpis, Markup | None, FilterChoices | None]:
    """The KPI cards and the charts' JSON, with the URL's filters for the charts' links,
    and the filter choices when the filters narrow nothing (kept per database until it
    changes)."""
    made = dashboard_figures(store, filters)
    data = None if made.charts is None else _script_json({"params": params, **made.charts})
    return made.kpis, data, made.choices
