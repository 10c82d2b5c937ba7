"""The official PDF and Word of stored forms as downloads (DESIGN §4: a thin shell over
:func:`jixiao.service.official_download`, which decides what the user may have).

``/forms/{id}/official.pdf`` and ``/forms/{id}/official.docx`` one form;
``/departments/official?department=…&year=…&format=pdf|zip-pdf|zip-docx`` all the forms
of a 主管部门 (a year, or every year) as one PDF or a zip of one file per form.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from jixiao.service import Bundle, DepartmentForms, Download, OfficialFile, official_download
from jixiao.store import Store
from jixiao.web.deps import get_store
from jixiao.web.errors import ApiError
from jixiao.web.params import StoreInt, store_int
from jixiao.web.table_download import download

__all__ = ["router"]

router = APIRouter(tags=["表单"])
_StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/forms/{form_id:int}/official.{ext}", include_in_schema=False)
def form_official(form_id: StoreInt, ext: str, store: _StoreDep) -> Response:
    """The form's official table as PDF or Word."""
    try:
        fmt = OfficialFile(ext)
    except ValueError:
        raise ApiError(404, f"不支持的格式：{ext[:20]}（可选 pdf、docx）") from None
    return _attachment(official_download(store, form_id, fmt))


@router.get("/departments/official", include_in_schema=False)
def department_official(
    store: _StoreDep,
    department: Annotated[str, Query(max_length=200)] = "",
    year: Annotated[str | None, Query(max_length=20)] = None,
    fmt: Annotated[str, Query(alias="format", max_length=20)] = "pdf",
) -> Response:
    """All the forms of a department (and year) as one PDF or a zip."""
    try:
        bundle = Bundle(fmt)
    except ValueError:
        raise ApiError(422, f"不支持的格式：{fmt}（可选 pdf、zip-pdf、zip-docx）") from None
    which = DepartmentForms(department, store_int("year", year, "年度"))
    return _attachment(official_download(store, which, bundle))


def _attachment(file: Download) -> Response:
    return download(file.body, file.name, file.media_type, file.ascii_name)
