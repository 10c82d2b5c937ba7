"""``/api/stats``: counts and chart points over the matching forms; the JSON body is kept
per database until it changes (:mod:`jixiao.web.db_cache`). The points' numbers go from
the database to the body as the text SQLite stores (:func:`exact_number`), not each
made a ``Decimal`` and written back."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from jixiao.service.statistics import MAX_POINTS, POINT_NUMBERS, statistics
from jixiao.store import Filters, Store
from jixiao.web.db_cache import cached
from jixiao.web.deps import get_store
from jixiao.web.errors import API_ERRORS
from jixiao.web.jsonresponse import JsonResponse, dumps_exact, exact_number
from jixiao.web.params import form_filters

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["统计"], responses=API_ERRORS)


@router.get(
    "/stats",
    response_description="成功",
    summary="统计",
    description="符合条件的表单按年度、主管部门、实施单位（各取前 50）、表中等级、复核等级、"
    "类型的计数；审核发现按代码与级别的计数；以及每张有总分的表单一个点 `points`"
    f"（表中总分 reported、复核总分 computed、预算执行率 rate；至多 {MAX_POINTS} 个）。",
)
def get_stats(
    filters: Annotated[Filters, Depends(form_filters)],
    store: Annotated[Store, Depends(get_store)],
    points: Annotated[bool, Query(description="是否返回逐表的点（points）。")] = True,
) -> Response:
    body = cached(store, ("api_stats", filters, points), lambda: _body(store, filters, points))
    return Response(body, media_type=JsonResponse.media_type)


def _body(store: Store, filters: Filters, points: bool) -> bytes:
    stats = statistics(store, filters, points=points, stored_numbers=True)
    for point in stats.get("points", ()):
        for key in POINT_NUMBERS:
            if type(value := point[key]) is str:
                point[key] = exact_number(value)
    return dumps_exact(stats).encode("utf-8")
