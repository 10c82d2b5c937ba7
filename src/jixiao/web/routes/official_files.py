"""The official PDF and Word of stored forms as downloads (DESIGN §4: a thin shell over
:func:`jixiao.service.official_download`, which decides what the user may have).

``/forms/{id}/official.pdf`` and ``/forms/{id}/official.docx`` one form. All the forms
of a 主管部门 (a year, or every year) as one PDF or a zip of one file per form are built
off the request (:mod:`jixiao.service.bundle_jobs`): ``POST /departments/official/jobs``
(``department``, ``year``, ``format=pdf|zip-pdf|zip-docx``) starts one and goes to its
status page ``/departments/official/jobs/{id}`` (it reloads itself until the file is
ready), the file is ``/departments/official/jobs/{id}/file``; a job is seen only by the
user who started it.
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from jixiao.service import Bundle, DepartmentForms, Download, OfficialFile, official_download
from jixiao.service.access import Principal
from jixiao.service.bundle_jobs import BundleJobs
from jixiao.store import Store
from jixiao.web.access import principal
from jixiao.web.deps import get_store, page
from jixiao.web.errors import ApiError
from jixiao.web.params import StoreInt, store_int
from jixiao.web.table_download import content_disposition, download

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


_Who = Annotated[Principal, Depends(principal)]
_JobId = Annotated[str, Path(pattern="^[0-9a-f]{32}$")]
_lock = threading.Lock()


def _jobs(request: Request) -> BundleJobs:
    """The application's bundle jobs (made on first use)."""
    with _lock:
        jobs = getattr(request.app.state, "bundle_jobs", None)
        if jobs is None:
            jobs = request.app.state.bundle_jobs = BundleJobs()
        return jobs


@router.post("/departments/official/jobs", include_in_schema=False)
def department_official(
    request: Request,
    who: _Who,
    department: Annotated[str, Form(max_length=200)] = "",
    year: Annotated[str | None, Form(max_length=20)] = None,
    fmt: Annotated[str, Form(alias="format", max_length=20)] = "pdf",
) -> Response:
    """Start building all the forms of a department (and year) as one PDF or a zip; to
    the job's status page."""
    try:
        bundle = Bundle(fmt)
    except ValueError:
        raise ApiError(422, f"不支持的格式：{fmt}（可选 pdf、zip-pdf、zip-docx）") from None
    which = DepartmentForms(department, store_int("year", year or None, "年度"))
    job = _jobs(request).start(request.app.state.store, who, which, bundle)
    return RedirectResponse(f"/departments/official/jobs/{job.id}", status_code=303)


@router.get(
    "/departments/official/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False
)
def department_job(request: Request, who: _Who, job_id: _JobId) -> HTMLResponse:
    """The status of a bundle being built (reloads itself until it is done)."""
    job = _jobs(request).get(who, job_id)
    return page(request, "bundle_job.html", title="合并下载", job=job)


@router.get("/departments/official/jobs/{job_id}/file", include_in_schema=False)
def department_job_file(request: Request, who: _Who, job_id: _JobId) -> Response:
    """The finished bundle."""
    job, path = _jobs(request).file(who, job_id)
    headers = {"Content-Disposition": content_disposition(job.name, job.ascii_name)}
    return FileResponse(path, media_type=job.media_type, headers=headers)


def _attachment(file: Download) -> Response:
    return download(file.body, file.name, file.media_type, file.ascii_name)
