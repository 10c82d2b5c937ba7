"""表单详情: one stored form as its official table, with findings on their cells.

``/forms/{id}`` the page; ``/forms/{id}/source`` the original lines (loaded when the
原文 panel opens); ``/forms/{id}/export.xlsx`` the official table as Excel;
``/forms/{id}.json`` the form in the interchange format.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from jixiao.model import Form, severity_rank
from jixiao.model.jsonio import dumps
from jixiao.render.official import official_table
from jixiao.render.options import RenderOptions
from jixiao.render.xlsx import xlsx_bytes
from jixiao.service import form_excerpt, load_form, reviewed
from jixiao.service.cycle import form_cycle
from jixiao.service.publishing import download_name
from jixiao.service.revisions import APPROVED
from jixiao.store import Store, StoredForm
from jixiao.web.access import principal
from jixiao.web.deps import get_store, page, render
from jixiao.web.official_html import field_anchor, official_view, score_notes
from jixiao.web.params import StoreInt
from jixiao.web.table_download import XLSX_TYPE, download

__all__ = ["router"]

router = APIRouter(tags=["表单"])
_StoreDep = Annotated[Store, Depends(get_store)]

_OTHER_YEARS = 20
_FLAG_LINES = 5
"""Source lines of a finding are marked in the 原文 panel when it names fewer than this
(a finding about the whole form would mark every line)."""


@router.get("/forms/{form_id:int}.json", include_in_schema=False)
def form_json(form_id: StoreInt, store: _StoreDep) -> Response:
    """The form in the interchange format (a list of one form, DESIGN §5)."""
    stored = load_form(store, form_id)
    return _attachment(dumps([stored.form]).encode(), stored, "json", "application/json")


@router.get("/forms/{form_id:int}/export.xlsx", include_in_schema=False)
def form_xlsx(form_id: StoreInt, store: _StoreDep) -> Response:
    """The official table as an Excel workbook."""
    stored = load_form(store, form_id)
    return _attachment(xlsx_bytes([stored.form], RenderOptions()), stored, "xlsx", XLSX_TYPE)


@router.get("/forms/{form_id:int}/source", response_class=HTMLResponse, include_in_schema=False)
def form_source(request: Request, form_id: StoreInt, store: _StoreDep) -> HTMLResponse:
    """The original lines of the form (an HTML fragment for the 原文 panel)."""
    stored = load_form(store, form_id)
    flagged = {
        n
        for f in stored.form.findings
        if f.location.lines and f.location.lines[1] - f.location.lines[0] < _FLAG_LINES
        for n in range(f.location.lines[0], f.location.lines[1] + 1)
    }
    excerpt = form_excerpt(store, stored)
    return render(request, "form_detail_source.html", excerpt=excerpt, flagged=flagged)


@router.get("/forms/{form_id:int}", response_class=HTMLResponse, include_in_schema=False)
def form_detail(request: Request, form_id: StoreInt, store: _StoreDep) -> HTMLResponse:
    """The 表单详情 page."""
    stored = load_form(store, form_id)
    checked = reviewed(stored)
    form, score = checked.published(), checked.score
    view = official_view(official_table(form, RenderOptions()), form.findings, score_notes(score))
    counts = Counter(str(f.severity) for f in form.findings)
    cycle = form_cycle(request.app.state.store, principal(request), form_id, seen=stored)
    pinned = cycle.latest_comments()
    return page(
        request,
        "form_detail.html",
        title=form.project or f"表单 {form_id}",
        stored=stored,
        form=form,
        score=score,
        view=view,
        counts=counts,
        by_code=_by_code(form),
        others=store.same_project(stored.form, exclude=stored.id, limit=_OTHER_YEARS),
        cell_comments={field_anchor(name): items for name, items in pinned.items()},
        pinned=pinned,
        target_approved=cycle.state is None or cycle.state in APPROVED,
    )


def _by_code(form: Form) -> list[tuple[str, str, int]]:
    """``(code, severity, count)`` of the form's findings, worst first."""
    counted = Counter((f.code, str(f.severity)) for f in form.findings)
    return sorted(
        ((code, sev, n) for (code, sev), n in counted.items()),
        key=lambda t: (severity_rank(t[1]), t[0]),
    )


def _attachment(body: bytes, stored: StoredForm, ext: str, media_type: str) -> Response:
    """A download named ``2024-项目名称-12.xlsx`` (plain ``form-12.xlsx`` for old clients)."""
    return download(body, download_name(stored, ext), media_type, f"form-{stored.id}.{ext}")
