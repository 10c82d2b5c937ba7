"""Query parameters shared by the pages and the API: form filters, sorting, paging.

Values arrive as text (a filter form sends ``year=`` when the field is empty), so they
are parsed here, not by FastAPI: an empty value means "any", a bad one is an
:class:`~jixiao.web.errors.ApiError` 422 whose details name the field in Chinese.
``Depends(form_filters)`` gives a :class:`~jixiao.store.Filters`, ``Depends(paging)`` a
:class:`Paging`.

Every integer a request carries — path, query or form field — lies within
:data:`MAX_INT` of zero (:data:`StoreInt` for FastAPI parameters, :func:`store_int`
for values parsed here): a larger one is a 422, never an overflow in the database.
Likewise no text a request carries — path, query or form field — holds a NUL character
(:func:`refuse_nul`, on every router): PostgreSQL cannot bind one, so it is a 400, never
a database error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sized
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from annotated_types import Interval
from fastapi import Query, Request

from jixiao.model.finding import Severity
from jixiao.model.labels import FIELD_LABELS, KIND_LABELS
from jixiao.store import FORM_SORT_KEYS, Filters, Page
from jixiao.web.errors import ApiError
from jixiao.web.jsonresponse import JsonResponse

__all__ = [
    "MAX_FORM_FIELDS",
    "MAX_INT",
    "MAX_PER_PAGE",
    "Paging",
    "StoreInt",
    "finding_filters",
    "form_filters",
    "form_sort",
    "paged",
    "paging",
    "query_string",
    "refuse_nul",
    "store_int",
]

MAX_INT = 2**31 - 1
"""The largest value of the store's integer columns (PostgreSQL ``integer``)."""

StoreInt = Annotated[int, Interval(ge=-MAX_INT, le=MAX_INT)]
"""The type of every integer path or query parameter: out of range is a 422."""

MAX_FORM_FIELDS = 5000
"""Fields of a posted form read at most (the 填报 form of 600 indicator rows)."""
_URLENCODED = "application/x-www-form-urlencoded"

MAX_PER_PAGE = 200
_DEFAULT_PER_PAGE = 50
_INTEGER = re.compile(r"[+-]?\d+")
_TRUE = {"1", "true", "yes", "是", "on"}
_FALSE = {"0", "false", "no", "否", "off"}


def _bad(field: str, message: str) -> ApiError:
    return ApiError(422, message, details=[{"field": field, "message": message}])


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def store_int(field: str, value: str | None, label: str) -> int | None:
    """The integer in ``value`` (None when empty); a 422 naming ``label`` when it is no
    integer or lies beyond :data:`MAX_INT`."""
    text = _text(value)
    if text is None:
        return None
    if not _INTEGER.fullmatch(text):
        raise _bad(field, f"{label}应为整数：「{text[:30]}」")
    number = int(text) if len(text) <= 12 else None  # never int() of 10⁶ digits
    if number is None or abs(number) > MAX_INT:
        raise _bad(field, f"{label}超出允许的范围（绝对值不大于 {MAX_INT}）：「{text[:30]}」")
    return number


def _bool(field: str, value: str | None, label: str) -> bool | None:
    text = _text(value)
    if text is None:
        return None
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    raise _bad(field, f"{label}应为 true 或 false：「{text}」")


def _kind(value: str | None) -> str | None:
    kind = _text(value)
    if kind is not None and kind not in KIND_LABELS:
        raise _bad("kind", f"未知的表单类型「{kind}」（可选 {'、'.join(KIND_LABELS)}）")
    return kind


def _severity(value: str | None) -> str | None:
    severity = _text(value)
    if severity is not None and severity not in {s.value for s in Severity}:
        raise _bad("severity", f"未知的级别「{severity}」（可选 error、warning、info）")
    return severity


def form_filters(
    year: Annotated[str | None, Query(description="年度，如 2024。")] = None,
    department: Annotated[
        str | None, Query(description=f"{FIELD_LABELS['department']}（部分匹配）。")
    ] = None,
    unit: Annotated[str | None, Query(description=f"{FIELD_LABELS['unit']}（部分匹配）。")] = None,
    kind: Annotated[
        str | None,
        Query(
            description="表单类型：self_evaluation、legacy_self_evaluation、target_declaration。"
        ),
    ] = None,
    grade: Annotated[str | None, Query(description="表中的评分等级，如 优。")] = None,
    computed_grade: Annotated[str | None, Query(description="复核等级，如 良。")] = None,
    code: Annotated[
        str | None, Query(description="含此审核发现代码的表单（可只写前缀，如 R）。")
    ] = None,
    search: Annotated[str | None, Query(description="在项目、单位、目标与指标名称中查找。")] = None,
    lenient: Annotated[
        str | None,
        Query(description="true：自评总分高于复核总分的表单；false：其余已复核的表单。"),
    ] = None,
) -> Filters:
    """The form filters of a request."""
    return Filters(
        year=store_int("year", year, "年度"),
        department=_text(department),
        unit=_text(unit),
        kind=_kind(kind),
        grade=_text(grade),
        computed_grade=_text(computed_grade),
        code=(_text(code) or "").upper() or None,
        search=_text(search),
        lenient=_bool("lenient", lenient, "lenient"),
    )


def finding_filters(
    severity: Annotated[str | None, Query(description="级别：error、warning、info。")] = None,
    form: Annotated[str | None, Query(description="只看这张表单（编号）。")] = None,
) -> tuple[str | None, int | None]:
    """``(severity, form id)`` of a findings request."""
    return _severity(severity), store_int("form", form, "表单编号")


@dataclass(frozen=True)
class Paging:
    """Page ``page`` (from 1) of ``per_page`` items."""

    page: int = 1
    per_page: int = _DEFAULT_PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def pages(self, total: int) -> int:
        """How many pages ``total`` items fill (at least 1)."""
        return max(1, -(-total // self.per_page))

    def window(self, sort: str | None = None) -> Page:
        """The store's slice for this page."""
        return Page(sort=sort, limit=self.per_page, offset=self.offset)

    def total(self, rows: Sized, count: Callable[[], int]) -> int:
        """How many items match: a first page with room to spare holds them all, else
        ``count()`` (a second query)."""
        if self.page == 1 and len(rows) < self.per_page:
            return len(rows)
        return count()


def paging(
    page: Annotated[str | None, Query(description="页码，从 1 开始。")] = None,
    per_page: Annotated[
        str | None, Query(description=f"每页条数，1–{MAX_PER_PAGE}，默认 {_DEFAULT_PER_PAGE}。")
    ] = None,
) -> Paging:
    """The page asked for."""
    number = store_int("page", page, "页码")
    size = store_int("per_page", per_page, "每页条数")
    if number is not None and number < 1:
        raise _bad("page", f"页码应从 1 开始：{number}")
    if size is not None and not 1 <= size <= MAX_PER_PAGE:
        raise _bad("per_page", f"每页条数应在 1 到 {MAX_PER_PAGE} 之间：{size}")
    return Paging(number or 1, size or _DEFAULT_PER_PAGE)


def form_sort(
    sort: Annotated[
        str | None,
        Query(description="排序列（前加 - 为降序），如 -computed_total、year、unit。"),
    ] = None,
) -> str | None:
    """The sort key of a forms request, checked against the columns the store sorts by."""
    key = _text(sort)
    if key is not None and key.removeprefix("-") not in FORM_SORT_KEYS:
        raise _bad("sort", f"无法按「{key.removeprefix('-')}」排序")
    return key


def paged(items: list[Any], total: int, pager: Paging) -> JsonResponse:
    """The API's page envelope ``{"items", "total", "page", "per_page"}``."""
    return JsonResponse(
        {"items": items, "total": total, "page": pager.page, "per_page": pager.per_page}
    )


def query_string(params: dict[str, object], **changes: object) -> str:
    """``?a=1&b=2`` of ``params`` with ``changes`` laid over; empty values left out."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


async def refuse_nul(request: Request) -> None:
    """A 400 for a request whose path, query or (url-encoded) form fields hold a NUL
    character (a route dependency; see the module doc)."""
    texts = [request.url.path, *request.query_params.keys(), *request.query_params.values()]
    if request.headers.get("content-type", "").startswith(_URLENCODED):
        form = await request.form(max_fields=MAX_FORM_FIELDS)
        texts += [v for k, v in form.multi_items() for v in (k, v) if isinstance(v, str)]
    if any("\x00" in text for text in texts):
        raise ApiError(400, "请求中含有空字符（NUL），已拒绝")
