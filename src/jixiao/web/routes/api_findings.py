"""``/api/findings``, ``/api/indicators``, ``/api/codes``: rows across forms, paged."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends

from jixiao.model.codes import CODES
from jixiao.store import Filters, Store
from jixiao.web.db_cache import cached_call
from jixiao.web.deps import get_store
from jixiao.web.errors import API_ERRORS
from jixiao.web.jsonresponse import JsonResponse
from jixiao.web.params import Paging, finding_filters, form_filters, paged, paging

__all__ = ["router", "with_findings"]

router = APIRouter(prefix="/api", responses=API_ERRORS)


def with_findings(filters: Filters, severity: str | None, form: int | None) -> Filters:
    """``filters`` narrowed to findings of ``severity`` in form ``form`` (if given)."""
    return dataclasses.replace(
        filters,
        severity=severity or filters.severity,
        form_ids=(form,) if form is not None else filters.form_ids,
    )


@router.get(
    "/findings",
    tags=["审核发现"],
    response_description="成功",
    summary="审核发现列表",
    description="符合条件的表单中的审核发现（按表单、顺序排列），每条含代码、级别、说明、"
    "位置（指标行 row、字段 field、原文行号）与所属表单。`code` 与 `severity` 也筛选发现本身。",
)
def list_findings(
    filters: Annotated[Filters, Depends(form_filters)],
    narrowed: Annotated[tuple[str | None, int | None], Depends(finding_filters)],
    pager: Annotated[Paging, Depends(paging)],
    store: Annotated[Store, Depends(get_store)],
) -> JsonResponse:
    chosen = with_findings(filters, *narrowed)
    rows = store.findings(chosen, page=pager.window())
    return paged(
        rows, pager.total(rows, lambda: cached_call(store, store.count_findings, chosen)), pager
    )


@router.get(
    "/indicators",
    tags=["指标"],
    response_description="成功",
    summary="指标行列表",
    description="符合条件的表单的绩效指标行（一级/二级/三级指标、年度指标值、实际完成值、"
    "分值、自评得分、复核得分及其说明）。",
)
def list_indicators(
    filters: Annotated[Filters, Depends(form_filters)],
    pager: Annotated[Paging, Depends(paging)],
    store: Annotated[Store, Depends(get_store)],
) -> JsonResponse:
    rows = store.indicators(filters, page=pager.window())
    return paged(
        rows, pager.total(rows, lambda: cached_call(store, store.count_indicators, filters)), pager
    )


@router.get(
    "/codes",
    tags=["审核发现"],
    response_description="成功",
    summary="审核发现代码目录",
    description="每个审核发现代码的级别、名称、说明模板与所查规则。",
)
def list_codes() -> JsonResponse:
    return JsonResponse(
        [
            {
                "code": c.code,
                "severity": c.severity,
                "title": c.title,
                "template": c.template,
                "rule": c.rule,
            }
            for c in CODES.values()
        ]
    )
