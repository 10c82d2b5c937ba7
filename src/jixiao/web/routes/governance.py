"""Governing stored data on the web (every check is the service's,
:mod:`jixiao.service.governance`: role, scope, reason, state):

- ``/forms/{id}/governance``: the 数据治理 panel of 表单详情 (an HTML fragment): whether the
  form is withdrawn or superseded, its versions, its corrected cells with the 原读值, and
  the buttons this user may use (撤回 / 恢复 / 永久删除, 更正读取值).
- ``POST /forms/{id}/withdraw|restore|purge`` and ``POST /forms/{id}/corrections``.
- ``/manage`` 数据管理: the import runs (撤销) and the documents (撤回 / 恢复 / 永久删除);
  ``POST /documents/{id}/withdraw|restore|purge``, ``POST /runs/{id}/undo``.
- ``/log`` 操作日志 with filters, ``/log.csv`` and ``/log.xlsx`` its export.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao.export.audit_log import log_csv, log_xlsx
from jixiao.model.access import Action
from jixiao.model.governance import CHANGE_LABELS, ChangeAction, cell_paths
from jixiao.service import governance
from jixiao.service.access import Principal, may, require, store_for
from jixiao.service.forms import load_form
from jixiao.store import LogFilters
from jixiao.web.access import principal
from jixiao.web.deps import page, render
from jixiao.web.errors import ApiError
from jixiao.web.params import StoreInt
from jixiao.web.table_download import XLSX_TYPE, download

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_Who = Annotated[Principal, Depends(principal)]
_Reason = Annotated[str, Form(max_length=2000)]
_PAGE = 100
_EXPORT = 100_000
_DOCUMENTS = 500
"""The newest documents 数据管理 lists (the CLI's ``jixiao documents`` lists them all)."""


def _back(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


@router.get("/forms/{form_id:int}/governance", response_class=HTMLResponse)
def governance_panel(request: Request, form_id: StoreInt, who: _Who) -> HTMLResponse:
    """The 数据治理 panel of a form."""
    store = store_for(request.app.state.store, who)
    stored = load_form(store, form_id)
    current = bool(store.form_ids(form_ids=(form_id,)))
    withdrawn = bool(store.form_ids(form_ids=(form_id,), include="withdrawn"))
    versions = store.versions(form_id)
    corrected: dict[str, dict[str, Any]] = {}
    for row in store.corrections(form_id):  # the first original, the latest value
        corrected.setdefault(row["field"], {**row, "original": row["original"]})
        corrected[row["field"]].update(value=row["value"], at=row["at"], username=row["username"])
    labels = dict(cell_paths(stored.form))
    document = store.document(stored.document_id)
    return render(
        request,
        "_governance_panel.html",
        stored=stored,
        current=current,
        withdrawn=withdrawn,
        document_withdrawn=document is not None and document["withdrawn_at"] is not None,
        versions=versions if len(versions) > 1 else [],
        corrections=[(labels.get(f, f), row) for f, row in corrected.items()],
        cells=cell_paths(stored.form) if may(who, Action.CORRECT) else [],
        may_withdraw=may(who, Action.WITHDRAW),
        may_purge=may(who, Action.MANAGE),
    )


@router.post("/forms/{form_id:int}/withdraw")
def withdraw_form(request: Request, form_id: StoreInt, who: _Who, reason: _Reason = "") -> Response:
    governance.withdraw_form(request.app.state.store, who, form_id, reason)
    return _back(f"/forms/{form_id}")


@router.post("/forms/{form_id:int}/restore")
def restore_form(request: Request, form_id: StoreInt, who: _Who, reason: _Reason = "") -> Response:
    governance.restore_form(request.app.state.store, who, form_id, reason)
    return _back(f"/forms/{form_id}")


@router.post("/forms/{form_id:int}/purge")
def purge_form(request: Request, form_id: StoreInt, who: _Who) -> Response:
    governance.purge_form(request.app.state.store, who, form_id)
    return _back("/manage")


@router.post("/forms/{form_id:int}/corrections")
def correct(
    request: Request,
    form_id: StoreInt,
    who: _Who,
    field: Annotated[str, Form(max_length=200)],
    value: Annotated[str, Form(max_length=20000)] = "",
    reason: _Reason = "",
) -> Response:
    """更正读取值: the form is re-scored and re-audited at once."""
    governance.correct_cell(request.app.state.store, who, form_id, field, value, reason)
    return _back(f"/forms/{form_id}#governance-panel")


@router.get("/manage", response_class=HTMLResponse)
def manage_page(request: Request, who: _Who) -> HTMLResponse:
    """数据管理: import runs and documents."""
    require(who, Action.WITHDRAW)
    store = store_for(request.app.state.store, who)
    return page(
        request,
        "manage.html",
        title="数据管理",
        runs=list(reversed(store.import_runs())) if store.visibility is None else [],
        documents=list(reversed(store.documents()))[:_DOCUMENTS],
        withdrawn=store.documents(withdrawn=True),
        withdrawn_forms=store.forms(include="withdrawn"),
        may_purge=may(who, Action.MANAGE),
    )


@router.post("/documents/{document_id:int}/withdraw")
def withdraw_document(
    request: Request, document_id: StoreInt, who: _Who, reason: _Reason = ""
) -> Response:
    governance.withdraw_document(request.app.state.store, who, document_id, reason)
    return _back("/manage")


@router.post("/documents/{document_id:int}/restore")
def restore_document(
    request: Request, document_id: StoreInt, who: _Who, reason: _Reason = ""
) -> Response:
    governance.restore_document(request.app.state.store, who, document_id, reason)
    return _back("/manage")


@router.post("/documents/{document_id:int}/purge")
def purge_document(request: Request, document_id: StoreInt, who: _Who) -> Response:
    governance.purge_document(request.app.state.store, who, document_id)
    return _back("/manage")


@router.post("/runs/{run_id:int}/undo")
def undo_run(request: Request, run_id: StoreInt, who: _Who, reason: _Reason = "") -> Response:
    governance.undo_run(request.app.state.store, who, run_id, reason)
    return _back("/manage")


def _filters(
    action: str | None,
    user: str | None,
    form: int | None,
    document: int | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int = 0,
) -> LogFilters:
    if action and action not in {a.value for a in ChangeAction}:
        raise ApiError(400, f"没有这种操作：{action}")
    return LogFilters(
        action=action or None,
        username=user or None,
        form_id=form,
        document_id=document,
        since=governance.log_day(since),
        until=governance.log_day(until),
        limit=limit,
        offset=offset,
    )


_Text = Annotated[str | None, Query(max_length=64)]
_Id = Annotated[StoreInt | None, Query()]


@router.get("/log", response_class=HTMLResponse)
def log_page(
    request: Request,
    who: _Who,
    action: _Text = None,
    user: _Text = None,
    form: _Id = None,
    document: _Id = None,
    since: _Text = None,
    until: _Text = None,
    page_number: Annotated[StoreInt, Query(alias="page")] = 1,
) -> HTMLResponse:
    """操作日志: every change, newest first, with filters."""
    page_number = max(1, page_number)
    filters = _filters(action, user, form, document, since, until, _PAGE, (page_number - 1) * _PAGE)
    entries, total = governance.audit_log(request.app.state.store, who, filters)
    query = "&".join(
        f"{k}={quote(v)}" for k, v in request.query_params.multi_items() if k != "page" and v
    )
    return page(
        request,
        "log.html",
        title="操作日志",
        entries=entries,
        total=total,
        page_number=page_number,
        pages=max(1, -(-total // _PAGE)),
        actions=[(a.value, label) for a, label in CHANGE_LABELS.items()],
        chosen={
            "action": action or "",
            "user": user or "",
            "form": form or "",
            "document": document or "",
            "since": since or "",
            "until": until or "",
        },
        query=query,
    )


@router.get("/log.{suffix}")
def log_download(
    request: Request,
    suffix: str,
    who: _Who,
    action: _Text = None,
    user: _Text = None,
    form: _Id = None,
    document: _Id = None,
    since: _Text = None,
    until: _Text = None,
) -> Response:
    """The filtered log as ``操作日志.csv`` or ``操作日志.xlsx``."""
    if suffix not in ("csv", "xlsx"):
        raise ApiError(404, f"不支持的导出格式：{suffix}（可选 csv、xlsx）")
    filters = _filters(action, user, form, document, since, until, _EXPORT)
    entries, _ = governance.audit_log(request.app.state.store, who, filters)
    if suffix == "csv":
        return download(log_csv(entries), "操作日志.csv", "text/csv; charset=utf-8", "log.csv")
    return download(log_xlsx(entries), "操作日志.xlsx", XLSX_TYPE, "log.xlsx")
