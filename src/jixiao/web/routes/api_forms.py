"""``/api/forms``: the forms list (filters, sort, paging) and one form with its score."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from jixiao.model.jsonio import to_data
from jixiao.model.leniency import reported_above
from jixiao.service import load_form
from jixiao.store import Filters, Store
from jixiao.web.db_cache import cached_call
from jixiao.web.deps import get_store
from jixiao.web.errors import API_ERRORS
from jixiao.web.jsonresponse import JsonResponse
from jixiao.web.params import Paging, StoreInt, form_filters, form_sort, paged, paging

__all__ = ["form_item", "form_page", "router"]

router = APIRouter(prefix="/api", tags=["表单"], responses=API_ERRORS)

_LIST_SKIP = frozenset({"goal_expected", "goal_actual", "content_hash", "score_data", "extras"})


def form_item(row: dict[str, Any]) -> dict[str, Any]:
    """A forms row as a list item: header, totals, counts (long texts left out) and
    ``lenient`` (reported total above the computed one)."""
    item = {k: v for k, v in row.items() if k not in _LIST_SKIP}
    item["lenient"] = reported_above(row.get("total_score"), row.get("computed_total"))
    return item


def form_page(
    store: Store, filters: Filters, pager: Paging, sort: str | None
) -> tuple[list[dict[str, Any]], int]:
    """One page of list items and the number of matching forms."""
    rows = store.forms(filters, page=pager.window(sort))
    total = pager.total(rows, lambda: cached_call(store, store.count_forms, filters))
    return [form_item(r) for r in rows], total


@router.get(
    "/forms",
    response_description="成功",
    summary="表单列表",
    description="符合条件的表单（每张一行：表头、年度资金、表中总分与复核总分、"
    "审核发现计数），可排序、分页。",
)
def list_forms(
    filters: Annotated[Filters, Depends(form_filters)],
    pager: Annotated[Paging, Depends(paging)],
    sort: Annotated[str | None, Depends(form_sort)],
    store: Annotated[Store, Depends(get_store)],
) -> JsonResponse:
    return paged(*form_page(store, filters, pager, sort), pager)


@router.get(
    "/forms/{form_id}",
    response_description="成功",
    summary="单张表单",
    description="表单的交换格式（DESIGN §5）`form`、按评分规则复核的结果 `score`"
    "（未复核时为 null）以及来源文件与导入时间。",
)
def get_form(
    form_id: Annotated[StoreInt, Path(description="表单编号。")],
    store: Annotated[Store, Depends(get_store)],
) -> JsonResponse:
    stored = load_form(store, form_id)
    return JsonResponse(
        {
            "id": stored.id,
            "document_id": stored.document_id,
            "file_name": stored.file_name,
            "imported_at": stored.imported_at,
            "form": to_data(stored.form),
            "score": stored.score,
        }
    )
