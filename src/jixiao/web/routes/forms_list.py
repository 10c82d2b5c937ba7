"""The 表单 page (``/forms``): filters in the URL, sortable columns (自评−复核 among
them), paging; the filtered list downloads as csv or xlsx (``/forms/export.csv``).

An HTMX request (the filter form, a column header, a page link) gets only the results
block; the URL is pushed, so every view is a shareable link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from jixiao.model.labels import FIELD_LABELS, FUND_FIELD_LABELS
from jixiao.service.statistics import facets
from jixiao.store import Filters, Store
from jixiao.web.db_cache import cached, cached_call
from jixiao.web.deps import get_store, is_htmx, page
from jixiao.web.params import Paging, form_filters, form_sort, paging, query_string
from jixiao.web.routes.api_forms import form_page
from jixiao.web.table_download import table_download

__all__ = ["COLUMNS", "Column", "pager_links", "router"]

router = APIRouter()


@dataclass(frozen=True)
class Column:
    """A column of the forms table: its sort key (``None``: not sortable), header, and
    whether it is a number (right-aligned)."""

    key: str | None
    label: str
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("id", "编号", True),
    Column("year", FIELD_LABELS["year"], True),
    Column("kind", "类型"),
    Column("project", FIELD_LABELS["project"]),
    Column("unit", FIELD_LABELS["unit"]),
    Column("department", FIELD_LABELS["department"]),
    Column("budget_total", FUND_FIELD_LABELS["adjusted"], True),
    Column("budget_rate", FUND_FIELD_LABELS["rate"], True),
    Column("total_score", "自评总分", True),
    Column("computed_total", "复核总分", True),
    Column("score_gap", "自评−复核", True),
    Column("grade", "等级"),
    Column("errors", "审核发现"),
)

_FILTER_KEYS = (
    "year",
    "department",
    "unit",
    "kind",
    "grade",
    "computed_grade",
    "code",
    "search",
    "lenient",
)


def _params(request: Request) -> dict[str, str]:
    """The filter, sort and page parameters of the request (as sent)."""
    keys = (*_FILTER_KEYS, "sort", "page", "per_page")
    return {k: v for k in keys if (v := request.query_params.get(k, "").strip())}


def next_sort(current: str | None, key: str) -> str:
    """The sort a click on column ``key`` asks for: ascending, then descending."""
    return f"-{key}" if current == key else key


def pager_links(pager: Paging, total: int, window: int = 2) -> list[int | None]:
    """Page numbers to link (``None`` marks a gap): first, last, and ``window`` around
    the current page."""
    last = pager.pages(total)
    shown = {1, last, *range(pager.page - window, pager.page + window + 1)}
    numbers = sorted(n for n in shown if 1 <= n <= last)
    out: list[int | None] = []
    for n in numbers:
        if out and out[-1] is not None and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


@router.get("/forms", response_class=HTMLResponse, include_in_schema=False)
def forms_page(
    request: Request,
    filters: Annotated[Filters, Depends(form_filters)],
    pager: Annotated[Paging, Depends(paging)],
    sort: Annotated[str | None, Depends(form_sort)],
    store: Annotated[Store, Depends(get_store)],
) -> HTMLResponse:
    rows, total = form_page(store, filters, pager, sort)
    params = _params(request)
    ctx: dict[str, Any] = {
        "title": "表单",
        "rows": rows,
        "total": total,
        "pager": pager,
        "pages": pager.pages(total),
        "links": pager_links(pager, total),
        "sort": sort,
        "columns": COLUMNS,
        "params": params,
        "filtered": any(k in params for k in _FILTER_KEYS),
        "query_string": query_string,
        "next_sort": next_sort,
    }
    if not is_htmx(request):
        ctx["facets"] = cached(store, "facets", lambda: facets(store))
        ctx["stored"] = total if not ctx["filtered"] else cached_call(store, store.count_forms)
    return page(request, "forms_list.html", **ctx)


@router.get("/forms/export.{suffix}", include_in_schema=False)
def forms_export(
    suffix: str,
    filters: Annotated[Filters, Depends(form_filters)],
    store: Annotated[Store, Depends(get_store)],
) -> Response:
    """The forms that match the filters as csv (UTF-8 with BOM) or xlsx (the 汇总 sheet:
    one row a form, 自评−复核 included)."""
    return table_download(store.iter_stored(filters), "forms", suffix)
