"""The 审核发现 page (``/findings``): findings grouped by code with their counts.

Each code is a collapsible group whose findings load (paged) when it is opened; every
finding links to its form and the cell it concerns (``/forms/{id}#field-…`` or
``#row-{position}``). The matching findings export as csv or xlsx (jixiao.export).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from jixiao.service.statistics import facets, finding_groups
from jixiao.store import Filters, Store, StoredForm
from jixiao.web.db_cache import cached, cached_call
from jixiao.web.deps import get_store, page, render
from jixiao.web.official_html import field_anchor
from jixiao.web.params import Paging, finding_filters, form_filters, paging, query_string
from jixiao.web.routes.api_findings import with_findings
from jixiao.web.routes.forms_list import pager_links
from jixiao.web.table_download import table_download

__all__ = ["finding_link", "router"]

router = APIRouter()

_KEYS = ("year", "department", "unit", "kind", "search", "code", "severity", "form")
_OPEN_ALL_UP_TO = 30
"""With this many findings or fewer (one form, a narrow filter) every group opens."""


def finding_link(row: dict[str, Any]) -> str:
    """Where a finding points on its form's page: the cell of its field, else its row."""
    base = f"/forms/{row['form_id']}"
    field = row.get("field")
    if field and "." in field:
        return f"{base}#{field_anchor(field)}"
    if row.get("row") is not None:
        return f"{base}#row-{row['row']}"
    if field:
        return f"{base}#{field_anchor(field)}"
    return base


def _params(request: Request) -> dict[str, str]:
    return {k: v for k in _KEYS if (v := request.query_params.get(k, "").strip())}


Narrowed = Annotated[tuple[str | None, int | None], Depends(finding_filters)]


@router.get("/findings", response_class=HTMLResponse, include_in_schema=False)
def findings_page(
    request: Request,
    filters: Annotated[Filters, Depends(form_filters)],
    narrowed: Narrowed,
    store: Annotated[Store, Depends(get_store)],
) -> HTMLResponse:
    chosen = with_findings(filters, *narrowed)
    groups = cached(store, ("finding_groups", chosen), lambda: finding_groups(store, chosen))
    params = _params(request)
    total = sum(g["count"] for g in groups)
    return page(
        request,
        "findings.html",
        title="审核发现",
        groups=groups,
        total=total,
        forms=cached_call(store, store.count_forms, chosen)
        if chosen.code or chosen.severity
        else None,
        params=params,
        facets=cached(store, "facets", lambda: facets(store)),
        form_id=narrowed[1],
        query_string=query_string,
        open_all=len(groups) == 1 or total <= _OPEN_ALL_UP_TO,
    )


@router.get("/findings/items", response_class=HTMLResponse, include_in_schema=False)
def findings_items(
    request: Request,
    filters: Annotated[Filters, Depends(form_filters)],
    narrowed: Narrowed,
    pager: Annotated[Paging, Depends(paging)],
    store: Annotated[Store, Depends(get_store)],
) -> HTMLResponse:
    """One page of the findings of a group (an HTML fragment)."""
    chosen = with_findings(filters, *narrowed)
    rows = store.findings(chosen, page=pager.window())
    total = pager.total(rows, lambda: cached_call(store, store.count_findings, chosen))
    params = {**_params(request), "per_page": str(pager.per_page)}
    return render(
        request,
        "findings_items.html",
        rows=[{**r, "link": finding_link(r)} for r in rows],
        total=total,
        pager=pager,
        pages=pager.pages(total),
        links=pager_links(pager, total),
        params=params,
        query_string=query_string,
        target=f"#items-{params.get('code', 'all')}",
    )


def _only_matching(stored: Iterator[StoredForm], chosen: Filters) -> Iterator[StoredForm]:
    """The stored forms with only the findings ``chosen`` asks for (code, severity)."""
    code, severity = (chosen.code or "").upper(), chosen.severity
    for item in stored:
        kept = [
            f
            for f in item.form.findings
            if f.code.startswith(code) and (severity is None or f.severity == severity)
        ]
        if kept:
            form = item.form.model_copy(update={"findings": kept})
            yield dataclasses.replace(item, form=form)


@router.get("/findings/export.{suffix}", include_in_schema=False)
def findings_export(
    suffix: str,
    filters: Annotated[Filters, Depends(form_filters)],
    narrowed: Narrowed,
    store: Annotated[Store, Depends(get_store)],
) -> Response:
    """The matching findings as csv (UTF-8 with BOM) or xlsx (the 审核发现 sheet)."""
    chosen = with_findings(filters, *narrowed)
    return table_download(_only_matching(store.iter_stored(chosen), chosen), "findings", suffix)
