"""填报: fill in a self-evaluation or a target declaration, scored as it is typed.

- ``GET /fill``: the drafts, 新建自评表 / 新建目标表, 从已存目标表开始自评.
- ``GET /fill/new?kind=…[&from=ID]``: a new form; ``from`` a stored target declaration
  (its header, goal and rows with their targets start a self-evaluation) or a stored
  form of the same kind (copied, to be corrected or used as next year's start).
- ``GET /fill/{draft_id}``: a saved draft in the editor.
- ``GET /forms/{id}/revise``: a form 退回 to its unit in the editor, the reviewers'
  comments beside their cells; 重新提交 (``POST /fill/submit`` with ``revises``) makes
  the edited form its new version and submits it again.
- ``POST /fill/preview``: the editor's fields → the model → score and audit → the
  result panel (HTMX partial; the marks for each field travel as JSON inside it).
- ``POST /fill/save`` (保存草稿), ``/fill/export.xlsx`` (the official table),
  ``/fill/export.json`` (the interchange format), ``/fill/{draft_id}/delete``.

A number that cannot be read is an error shown next to its field; saving or exporting
a form with such errors shows the editor again with the errors (HTTP 422).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao.model import Form, SelfEvaluation, TargetDeclaration
from jixiao.model.access import Action
from jixiao.model.jsonio import dumps
from jixiao.model.labels import KIND_LABELS
from jixiao.render.official import official_table
from jixiao.render.xlsx import xlsx_bytes
from jixiao.service.access import actor_of
from jixiao.service.checking import Checked, check_forms
from jixiao.service.cycle import CellComment, form_cycle, submit_form
from jixiao.service.revisions import approved_target, resubmit_form, returned_form
from jixiao.store import Page, Store
from jixiao.store.errors import DraftNotFoundError, OutOfScopeError
from jixiao.web.access import CSRF_FIELD, allow, principal
from jixiao.web.deps import get_store, page, render
from jixiao.web.errors import ApiError
from jixiao.web.fill_form import (
    EDITABLE_KINDS,
    Edited,
    EditKind,
    blank_form,
    editable_copy,
    fields_from_form,
    form_from_fields,
    row_fields,
    self_evaluation_from_target,
)
from jixiao.web.official_html import official_view, score_notes
from jixiao.web.params import MAX_FORM_FIELDS, StoreInt, store_int
from jixiao.web.table_download import content_disposition

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_StoreDep = Annotated[Store, Depends(get_store)]
_MAY_FILL = Depends(allow(Action.FILL))
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TARGETS = 500
"""At most this many stored target declarations are offered (newest years first)."""
_KIND_TITLES = {"self_evaluation": "自评表", "target_declaration": "目标表"}


def _kind(kind: str | None) -> EditKind:
    for known in EDITABLE_KINDS:
        if kind == known:
            return known
    raise ApiError(
        400, "只能填报项目支出绩效自评表（self_evaluation）或绩效目标表（target_declaration）"
    )


def _edited(form: Form) -> Edited:
    if form.kind not in EDITABLE_KINDS:
        raise ApiError(400, "网页填报只支持自评表和目标表，不支持 2020 年以前的项目绩效自我评价")
    values = fields_from_form(form)
    return form_from_fields(form.kind, values.items())


@router.get("/fill", response_class=HTMLResponse)
def fill_list(request: Request, store: _StoreDep) -> Response:
    targets = store.forms(kind="target_declaration", page=Page(sort="-year", limit=_TARGETS))
    return page(
        request,
        "fill_list.html",
        title="填报",
        drafts=store.drafts(),
        targets=targets,
        more_targets=len(targets) == _TARGETS,
    )


@router.get("/fill/new", response_class=HTMLResponse)
def fill_new(
    request: Request,
    store: _StoreDep,
    kind: str = "self_evaluation",
    from_: Annotated[StoreInt | None, Query(alias="from")] = None,
) -> Response:
    wanted = _kind(kind)
    origin = None
    if from_ is not None:
        stored = store.get(from_)
        if stored is None:
            raise ApiError(404, f"数据库中没有编号为 {from_} 的表单")
        source = stored.form
        name = source.project or f"表单 {from_}"
        if isinstance(source, TargetDeclaration) and wanted == "self_evaluation":
            target = approved_target(request.app.state.store, principal(request), from_)
            form: Form = self_evaluation_from_target(target)
            origin = f"依据目标表“{name}”"
        elif isinstance(source, SelfEvaluation | TargetDeclaration) and source.kind == wanted:
            form = editable_copy(source)
            origin = f"复制自已存表单“{name}”"
        else:
            raise ApiError(
                400,
                f"编号 {from_} 的表单是{KIND_LABELS[source.kind]}，"
                f"不能据此新建{KIND_LABELS[wanted]}",
            )
    else:
        form = blank_form(wanted)
    return _editor(request, _edited(form), None, origin=origin)


@router.get("/fill/{draft_id:int}", response_class=HTMLResponse)
def fill_draft(
    request: Request, draft_id: StoreInt, store: _StoreDep, saved: bool = False
) -> Response:
    try:
        form = store.load_draft(draft_id)
    except DraftNotFoundError as err:
        raise ApiError(404, err.message) from err
    return _editor(request, _edited(form), draft_id, saved=saved)


@router.get("/forms/{form_id:int}/revise", response_class=HTMLResponse)
def fill_revise(request: Request, form_id: StoreInt) -> Response:
    """A returned form in the editor, to be changed and resubmitted."""
    store, who = request.app.state.store, principal(request)
    form = returned_form(store, who, form_id)
    pinned = form_cycle(store, who, form_id).latest_comments()
    origin = f"修改被退回的表单（编号 {form_id}）"
    return _editor(request, _edited(form), None, origin=origin, revises=form_id, pinned=pinned)


def _posted_id(data: Any, name: str, label: str) -> int | None:
    raw = str(data.get(name) or "").strip()
    return store_int(name, raw, label) if raw.isdigit() else None


async def _posted(request: Request) -> tuple[Edited, int | None]:
    edited, draft_id, _ = await _posted_all(request)
    return edited, draft_id


async def _posted_all(request: Request) -> tuple[Edited, int | None, int | None]:
    """The edited form, its draft id and the id of the returned form it revises."""
    data = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    pairs = [(k, v) for k, v in data.multi_items() if isinstance(v, str)]
    kind = _kind(str(data.get("kind") or ""))
    draft_id = _posted_id(data, "draft_id", "草稿编号")
    revises = _posted_id(data, "revises", "表单编号")
    skip = {"kind", "draft_id", "revises", CSRF_FIELD}
    edited = form_from_fields(kind, [(k, v) for k, v in pairs if k not in skip])
    return edited, draft_id, revises


@router.post("/fill/preview", response_class=HTMLResponse)
async def fill_preview(request: Request) -> Response:
    edited, _ = await _posted(request)
    return render(request, "fill_result.html", oob=True, **_result(edited))


@router.post("/fill/save", response_class=HTMLResponse, dependencies=[_MAY_FILL])
async def fill_save(request: Request, store: _StoreDep) -> Response:
    edited, draft_id = await _posted(request)
    if edited.errors:
        return _editor(request, edited, draft_id, status=422)
    try:
        new_id = store.save_draft(edited.form, draft_id, actor_of(principal(request)))
    except OutOfScopeError as err:
        raise ApiError(403, err.message, code="forbidden") from err
    except DraftNotFoundError as err:
        raise ApiError(404, err.message) from err
    return RedirectResponse(f"/fill/{new_id}?saved=1", status_code=303)


@router.post("/fill/submit", dependencies=[Depends(allow(Action.SUBMIT))])
async def fill_submit(request: Request, store: _StoreDep) -> Response:
    """提交审核: store the form and submit it into the review cycle (the draft, if any,
    is done with), or resubmit the returned form it revises as its new version; to the
    stored form."""
    edited, draft_id, revises = await _posted_all(request)
    if edited.errors:
        return _editor(request, edited, draft_id, status=422, revises=revises)
    if revises is not None:
        resubmit_form(request.app.state.store, principal(request), revises, edited.form)
        return RedirectResponse(f"/forms/{revises}", status_code=303)
    form_id = submit_form(request.app.state.store, principal(request), edited.form)
    if draft_id is not None:
        store.delete_draft(draft_id)
    return RedirectResponse(f"/forms/{form_id}", status_code=303)


@router.post("/fill/export.xlsx", response_class=Response)
async def fill_export_xlsx(request: Request) -> Response:
    edited, draft_id = await _posted(request)
    if edited.errors:
        return _editor(request, edited, draft_id, status=422)
    body = xlsx_bytes([edited.form])
    return Response(body, media_type=_XLSX, headers=_attachment(edited.form, "xlsx"))


@router.post("/fill/export.json", response_class=Response)
async def fill_export_json(request: Request) -> Response:
    edited, draft_id = await _posted(request)
    if edited.errors:
        return _editor(request, edited, draft_id, status=422)
    return Response(
        dumps([edited.form]),
        media_type="application/json",
        headers=_attachment(edited.form, "json"),
    )


@router.post("/fill/{draft_id:int}/delete", dependencies=[_MAY_FILL])
def fill_delete(draft_id: StoreInt, store: _StoreDep) -> Response:
    if not store.delete_draft(draft_id):
        raise ApiError(404, f"找不到草稿 {draft_id}")
    return RedirectResponse("/fill", status_code=303)


def _attachment(form: Form, ext: str) -> dict[str, str]:
    parts = [str(form.year) if form.year else "", form.project or "", _KIND_TITLES[form.kind]]
    name = "-".join(p for p in parts if p).replace("/", "／") + "." + ext
    return {"Content-Disposition": content_disposition(name, f"jixiao-fill.{ext}")}


def _result(edited: Edited) -> dict[str, Any]:
    """What the result panel shows, and the marks the editor puts on its fields."""
    checked: Checked = check_forms([edited.form])[0]
    notes = score_notes(checked.score)
    names = set(edited.values)
    fields: dict[str, list[dict[str, str]]] = {}
    rows: dict[str, list[dict[str, str]]] = {}
    listed = []
    for item in checked.findings:
        field = item.location.field
        row = item.location.row
        target = field if field in names else None
        mark = {"code": item.code, "severity": str(item.severity), "message": item.message}
        if target is not None:
            fields.setdefault(target, []).append(mark)
        elif row is not None and row < edited.rows:
            rows.setdefault(str(row), []).append(mark)
        goto = target or (f"indicators.{row}" if row is not None and row < edited.rows else "")
        listed.append((item, goto))
    calc: dict[str, dict[str, Any]] = {}
    for row_score in checked.score.rows:
        key = f"indicators.{row_score.position}.score"
        note = notes.get(key)
        calc[key] = {
            "text": note.text if note else _band(row_score.accepted, row_score.method),
            "title": row_score.explanation,
            "lenient": bool(note and note.lenient),
        }
    for key in ("funds.total.rate", "funds.total.score", "total_score", "grade"):
        if key in notes:
            note = notes[key]
            calc[key] = {"text": note.text, "title": note.explanation, "lenient": note.lenient}
    view = official_view(official_table(checked.form), checked.findings, notes)
    marks = {"errors": edited.errors, "fields": fields, "rows": rows, "calc": calc}
    return {
        "sums": _sums(edited.form),
        "edited": edited,
        "checked": checked,
        "listed": listed,
        "marks": marks,
        "view": view,
    }


def _sums(form: Form) -> dict[str, Decimal] | None:
    """Σ 分值 and Σ 自评得分 (budget row included) of a self-evaluation, as typed."""
    if not isinstance(form, SelfEvaluation):
        return None
    budget = form.funds.total
    weights = [r.weight for r in form.indicators if r.weight is not None]
    scores = [r.score for r in form.indicators if r.score is not None]
    return {
        "weight": sum(weights, budget.weight or Decimal(0)),
        "score": sum(scores, budget.score or Decimal(0)),
    }


def _band(accepted: Decimal | None, method: str) -> str:
    if method in ("unscored", "unscorable") or accepted is None:
        return "—"
    return format(accepted, "f")


def _editor(
    request: Request,
    edited: Edited,
    draft_id: int | None,
    *,
    status: int = 200,
    saved: bool = False,
    origin: str | None = None,
    revises: int | None = None,
    pinned: dict[str, list[CellComment]] | None = None,
) -> HTMLResponse:
    kind = edited.form.kind
    verb = "修改" if revises else "编辑" if draft_id else "新建"
    title = verb + _KIND_TITLES[kind]
    return render(
        request,
        "fill.html",
        status_code=status,
        title=title,
        kind=kind,
        draft_id=draft_id,
        values=edited.values,
        errors=edited.errors,
        n_rows=max(edited.rows, 0),
        row_fields=row_fields(kind),
        saved=saved,
        origin=origin,
        revises=revises,
        pinned=pinned or {},
        **_result(edited),
    )
