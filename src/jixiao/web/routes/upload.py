"""导入: upload many files, preview their forms and findings, then store them.

- ``GET /import``: the page (drag and drop, file picker, per-file progress).
- ``POST /import``: many files in one multipart request (``files``); they are staged
  as a new batch and the browser is sent to the batch's preview.
- ``POST /import/batches``: a new empty batch (JSON ``{"token", "url"}``), then
  ``POST /import/batches/{token}/files`` once per file (field ``file``): the page's
  script uploads files one by one with a progress bar and inserts each returned
  fragment (the file's preview, or why it was refused).
- ``GET /import/batches/{token}``: the preview of a batch; ``…/files/{i}/forms/{n}``
  one previewed form as its official table.
- ``POST /import/batches/{token}/confirm``: 确认入库 — the staged files go through
  :func:`jixiao.service.run_import`, as with ``jixiao import`` (a file whose content is
  already stored is skipped and says so); ``…/discard`` drops the batch.

Nothing is stored before 确认入库. Limits: :class:`~jixiao.web.staging.UploadLimits`
(``app.state.upload_limits``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from jixiao.model.access import Action
from jixiao.model.governance import DuplicatePolicy
from jixiao.render.official import official_table
from jixiao.service import SUFFIXES, FileEvent, run_import
from jixiao.service.governance import actor_of
from jixiao.service.importing import DuplicateChoice
from jixiao.store import Store
from jixiao.web.access import allow, principal
from jixiao.web.deps import get_store, page, render
from jixiao.web.errors import ApiError
from jixiao.web.official_html import official_view, score_notes
from jixiao.web.params import StoreInt
from jixiao.web.staging import (
    MULTIPART_OVERHEAD,
    Batch,
    Refusal,
    StagedFile,
    Staging,
    UploadLimits,
    UploadRefused,
    human_size,
)
from jixiao.web.upload_preview import FilePreview, PreviewCache

__all__ = ["router"]

router = APIRouter(include_in_schema=False, dependencies=[Depends(allow(Action.IMPORT))])

_ACCEPT = ",".join(sorted(SUFFIXES))
_MAX_CHOICES = 5000
_GONE = "这批文件已入库、已放弃或已过期（未确认的上传保留 {hours} 小时），请重新上传"


def _limits(request: Request) -> UploadLimits:
    limits = getattr(request.app.state, "upload_limits", None)
    return limits if isinstance(limits, UploadLimits) else UploadLimits()


def _staging(request: Request) -> Staging:
    state = request.app.state
    staging = getattr(state, "staging", None)
    if not isinstance(staging, Staging):
        staging = Staging(ttl_seconds=_limits(request).ttl_seconds)
        state.staging = staging
    return staging


def _previews(request: Request) -> PreviewCache:
    state = request.app.state
    cache = getattr(state, "upload_previews", None)
    if not isinstance(cache, PreviewCache):
        cache = PreviewCache()
        state.upload_previews = cache
    return cache


def _batch(request: Request, token: str) -> Batch:
    batch = _staging(request).batch(token)
    if batch is None:
        hours = _limits(request).ttl_seconds // 3600
        raise ApiError(404, _GONE.format(hours=hours))
    return batch


def _too_large(request: Request, limit: int) -> bool:
    length = request.headers.get("content-length")
    return length is not None and length.isdigit() and int(length) > limit


def _context(request: Request) -> dict[str, Any]:
    limits = _limits(request)
    return {
        "title": "导入",
        "accept": _ACCEPT,
        "limits": limits,
        "file_limit": human_size(limits.file_bytes),
        "batch_limit": human_size(limits.batch_bytes),
    }


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request) -> Response:
    return page(request, "upload.html", **_context(request), batch=None, previews=[])


@router.post("/import")
async def upload_many(request: Request) -> Response:
    limits = _limits(request)
    if _too_large(request, limits.batch_bytes + MULTIPART_OVERHEAD):
        raise ApiError(413, f"一次上传的文件合计不能超过 {human_size(limits.batch_bytes)}")
    form = await request.form(max_files=limits.files + 1, max_fields=20)
    try:
        uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile) and u.filename]
        if not uploads:
            raise ApiError(400, "请选择要上传的文件")
        if len(uploads) > limits.files:
            raise ApiError(413, f"一次最多上传 {limits.files} 个文件")
        staging = _staging(request)
        batch = staging.new_batch()
        for upload in uploads:
            try:
                await run_in_threadpool(
                    staging.add, batch, upload.filename or "", upload.file, limits
                )
            except UploadRefused:
                continue  # recorded in the batch; the preview shows why
    finally:
        await form.close()
    return RedirectResponse(f"/import/batches/{batch.token}", status_code=303)


@router.post("/import/batches")
def new_batch(request: Request) -> dict[str, str]:
    batch = _staging(request).new_batch()
    return {"token": batch.token, "url": f"/import/batches/{batch.token}"}


@router.post("/import/batches/{token}/files", response_class=HTMLResponse)
async def upload_one(request: Request, token: str) -> Response:
    limits = _limits(request)
    batch = _batch(request, token)
    staging = _staging(request)
    store = get_store(request)
    name = request.query_params.get("name", "")
    if _too_large(request, limits.file_bytes + MULTIPART_OVERHEAD):
        message = f"「{name or '文件'}」超过单个文件的大小上限 {human_size(limits.file_bytes)}"
        preview = FilePreview(-1, name or "文件", 0, "refused", error=message)
        return _fragment(request, batch, preview, 413)
    form = await request.form(max_files=1, max_fields=5)
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ApiError(400, "请求中没有文件（字段 file）")
        try:
            staged = await run_in_threadpool(
                staging.add, batch, upload.filename or name, upload.file, limits
            )
        except UploadRefused as err:
            preview = FilePreview(-1, upload.filename or name, 0, "refused", error=err.message)
            return _fragment(request, batch, preview, err.status)
    finally:
        await form.close()
    preview = await run_in_threadpool(_previews(request).get, batch, staged, store)
    return _fragment(request, batch, preview, 200)


def _fragment(request: Request, batch: Batch, preview: FilePreview, status: int) -> Response:
    return render(request, "upload_file.html", status_code=status, item=preview, token=batch.token)


@router.get("/import/batches/{token}", response_class=HTMLResponse)
def batch_page(request: Request, token: str) -> Response:
    batch = _batch(request, token)
    previews = _previews(request).previews(batch, get_store(request))
    return page(
        request,
        "upload.html",
        **_context(request),
        batch=batch,
        token=batch.token,
        previews=previews,
    )


@router.get(
    "/import/batches/{token}/files/{index:int}/forms/{number:int}", response_class=HTMLResponse
)
def staged_form(request: Request, token: str, index: StoreInt, number: StoreInt) -> Response:
    """One previewed form (not stored yet) as its official table, findings on their cells."""
    batch = _batch(request, token)
    staged = next((f for f in batch.files() if f.index == index), None)
    preview = _previews(request).get(batch, staged, get_store(request)) if staged else None
    if preview is None or not 1 <= number <= len(preview.forms):
        raise ApiError(404, "这批上传中没有这张表")
    checked = preview.forms[number - 1]
    view = official_view(official_table(checked.form), checked.findings, score_notes(checked.score))
    return page(
        request,
        "upload_form.html",
        title=checked.form.project or "（无项目名称）",
        token=token,
        item=preview,
        number=number,
        checked=checked,
        view=view,
    )


def _choices(fields: Mapping[str, str], staged: list[StagedFile]) -> DuplicateChoice:
    """What to do with each duplicate form, as the preview's choices (``dup-{file}-{n}``)
    say; a form without a choice is skipped."""
    index = {f.path: f.index for f in staged}

    def choose(path: Path, n: int) -> DuplicatePolicy:
        try:
            return DuplicatePolicy(fields.get(f"dup-{index.get(path)}-{n}", "skip"))
        except ValueError:
            return DuplicatePolicy.SKIP

    return choose


@router.post("/import/batches/{token}/confirm", response_class=HTMLResponse)
async def confirm(request: Request, token: str) -> Response:
    form = await request.form(max_files=0, max_fields=_MAX_CHOICES)
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k.startswith("dup-")}
    await form.close()
    return await run_in_threadpool(_confirm, request, token, fields)


def _confirm(request: Request, token: str, fields: Mapping[str, str]) -> Response:
    batch = _batch(request, token)
    entries = batch.entries()
    staged = [e for e in entries if isinstance(e, StagedFile)]
    by_path = {f.path: f for f in staged}
    events: list[FileEvent] = []
    store = get_store(request)
    report = run_import(
        store,
        [f.path for f in staged],
        jobs=1,
        on_file=events.append,
        display_paths={f.path: f.name for f in staged},
        on_duplicate=_choices(fields, staged),
        actor=actor_of(principal(request)),
    )
    _staging(request).discard(batch)
    _previews(request).drop(token)
    results = [_result(store, e, by_path[e.path]) for e in events]
    results += [
        {"name": e.name, "status": "refused", "forms": 0, "reason": e.message, "stored": []}
        for e in entries
        if isinstance(e, Refusal)
    ]
    return page(
        request,
        "upload_done.html",
        title="导入结果",
        results=results,
        totals=report.totals,
    )


def _result(store: Store, event: FileEvent, staged: StagedFile) -> dict[str, Any]:
    """One line of the result page; the stored forms of the file, to link to."""
    forms = []
    if event.status != "failed":
        forms = [
            {k: r[k] for k in ("id", "project", "year", "kind", "department")}
            for r in store.forms(file=staged.name)
            if r["content_hash"] == staged.content_hash
        ]
    return {
        "name": staged.name,
        "status": event.status,
        "forms": event.forms,
        "reason": event.reason,
        "stored": forms,
    }


@router.post("/import/batches/{token}/discard")
def discard(request: Request, token: str) -> Response:
    batch = _staging(request).batch(token)
    if batch is not None:
        _staging(request).discard(batch)
        _previews(request).drop(token)
    return RedirectResponse("/import", status_code=303)
