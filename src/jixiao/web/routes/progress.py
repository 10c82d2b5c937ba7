"""审核进度: where a department's units stand in the cycle (a states × units matrix with
counts; a cell opens the list of its forms), and 审核期限: the due dates of the steps
per year and kind. The checks are the service's (:mod:`jixiao.service.progress`):
oversee to see the matrix (scoped), schedule to set a date.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao.model.cycle import DEFAULT_DUE_DAYS, WAITING_LABELS
from jixiao.model.labels import KIND_LABELS
from jixiao.service.access import Principal
from jixiao.service.progress import (
    CYCLE_KINDS,
    clear_due_date,
    due_dates,
    overview,
    overview_forms,
    set_due_date,
)
from jixiao.web.access import principal
from jixiao.web.deps import page
from jixiao.web.params import StoreInt

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_Who = Annotated[Principal, Depends(principal)]
_Text = Annotated[str | None, Query(max_length=200)]
_Year = Annotated[StoreInt | None, Query()]


def _kind(kind: str | None) -> str | None:
    return kind or None


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request,
    who: _Who,
    year: _Year = None,
    kind: _Text = None,
    unit: _Text = None,
    state: Annotated[str | None, Query(max_length=32)] = None,
) -> HTMLResponse:
    """The matrix; with ``unit`` and ``state`` also the forms of that cell."""
    store = request.app.state.store
    matrix = overview(store, who, year, _kind(kind))
    listed = (
        overview_forms(store, who, unit, state, year, _kind(kind))
        if unit is not None and state
        else None
    )
    return page(
        request,
        "progress.html",
        title="审核进度",
        matrix=matrix,
        listed=listed,
        year=year,
        kind=_kind(kind),
        unit=unit,
        state=state,
        kinds={k: KIND_LABELS[k] for k in CYCLE_KINDS},
        column_labels=dict(matrix.columns),
    )


@router.get("/progress/due-dates", response_class=HTMLResponse)
def due_dates_page(request: Request, who: _Who) -> HTMLResponse:
    """The due dates set, the defaults, and (for 财政 and administrators) a form to set one."""
    return page(
        request,
        "due_dates.html",
        title="审核期限",
        dates=due_dates(request.app.state.store, who),
        waiting={s.value: label for s, label in WAITING_LABELS.items()},
        defaults={s.value: days for s, days in DEFAULT_DUE_DAYS.items()},
        kinds={k: KIND_LABELS[k] for k in CYCLE_KINDS},
    )


@router.post("/progress/due-dates")
def due_date_set(
    request: Request,
    who: _Who,
    year: Annotated[StoreInt, Form()],
    kind: Annotated[str, Form(max_length=32)],
    state: Annotated[str, Form(max_length=32)],
    due: Annotated[date, Form()],
) -> Response:
    """Set the due date of a step for a year and kind."""
    set_due_date(request.app.state.store, who, year, kind, state, due)
    return RedirectResponse("/progress/due-dates", status_code=303)


@router.post("/progress/due-dates/clear")
def due_date_clear(
    request: Request,
    who: _Who,
    year: Annotated[StoreInt, Form()],
    kind: Annotated[str, Form(max_length=32)],
    state: Annotated[str, Form(max_length=32)],
) -> Response:
    """Remove a due date (the default applies again)."""
    clear_due_date(request.app.state.store, who, year, kind, state)
    return RedirectResponse("/progress/due-dates", status_code=303)
