"""``/api/forms/{id}/cycle``, ``/api/forms/{id}/steps``, ``/api/todo`` and
``/api/due-dates``: the review cycle and its due dates as JSON. Every check is the
service's (:mod:`jixiao.service.cycle`, :mod:`jixiao.service.progress`): role, scope
(a form out of scope is 404), state and comment; the app adds sign-in and the CSRF
token (``X-CSRF-Token``) on every state-changing request, as on the other routes.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from jixiao.model.cycle import STATE_LABELS, STEP_LABELS, State, Step
from jixiao.service import cycle, progress
from jixiao.service.access import Principal
from jixiao.web.access import principal
from jixiao.web.errors import API_ERRORS
from jixiao.web.jsonresponse import JsonResponse
from jixiao.web.params import StoreInt

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["审核流程"], responses=API_ERRORS)
_Who = Annotated[Principal, Depends(principal)]
_MAX_CELLS = 200


class CellNote(BaseModel):
    """A comment pinned to one cell (a field path, as ``cells`` of the cycle lists)."""

    field: str = Field(max_length=128)
    comment: str = Field(max_length=2000)


class StepRequest(BaseModel):
    """A step: its name (``submit``/``approve``/``return``/``publish`` or the full name),
    a comment (required to return) and comments on cells."""

    step: str = Field(max_length=32)
    comment: str = Field(default="", max_length=4000)
    cells: list[CellNote] = Field(default_factory=list, max_length=_MAX_CELLS)


class DueDateRequest(BaseModel):
    """A due date: forms of ``year`` and ``kind`` waiting in ``state`` by ``due``."""

    year: int
    kind: str = Field(max_length=32)
    state: str = Field(max_length=32)
    due: date


def _state(value: str | None) -> dict[str, Any]:
    return {"state": value, "state_label": STATE_LABELS[State(value)] if value else None}


@router.get("/forms/{form_id}/cycle", summary="表单的审核流程")
def form_cycle(request: Request, form_id: StoreInt, who: _Who) -> JsonResponse:
    """The form's state, history, comments pinned to cells, version and the steps this
    user may take now."""
    found = cycle.form_cycle(request.app.state.store, who, form_id)
    return JsonResponse(
        {
            "form_id": form_id,
            "state": found.state,
            "state_label": found.state_label,
            "version": found.version,
            "steps": [{"step": s.value, "label": STEP_LABELS[s]} for s in found.steps],
            "history": [
                {
                    "step": t.step,
                    "label": STEP_LABELS.get(Step(t.step), t.step),
                    "from": _state(t.from_state),
                    "to": _state(t.to_state),
                    "username": t.username,
                    "at": t.at,
                    "comment": t.comment,
                }
                for t in found.history
            ],
            "comments": [
                {
                    "version": c.version,
                    "field": c.field,
                    "comment": c.comment,
                    "username": c.username,
                    "at": c.at,
                }
                for c in found.comments
            ],
        }
    )


@router.post("/forms/{form_id}/steps", summary="执行一步审核")
def form_step(request: Request, form_id: StoreInt, who: _Who, body: StepRequest) -> JsonResponse:
    """Take a step (提交 / 通过 / 退回 / 公开) with a comment and comments on cells; the
    form's new state."""
    store = request.app.state.store
    chosen = cycle.resolve_step(store, who, form_id, body.step)
    cells = [(c.field, c.comment) for c in body.cells]
    state = cycle.take_step(store, who, form_id, chosen, body.comment, cells)
    return JsonResponse({"form_id": form_id, "step": chosen.value, **_state(state.value)})


@router.get("/todo", summary="待办")
def todo(request: Request, who: _Who) -> JsonResponse:
    """The forms waiting for a step this user may take, overdue first."""
    items = cycle.todo(request.app.state.store, who)
    return JsonResponse({"items": items, "total": len(items)})


def _due(d: progress.DueDate) -> dict[str, Any]:
    return {"year": d.year, "kind": d.kind, "state": d.state, "due": d.due}


@router.get("/due-dates", summary="审核期限")
def due_dates(request: Request, who: _Who) -> JsonResponse:
    """The due dates set (by year, kind and the state forms wait in)."""
    return JsonResponse(
        {"items": [_due(d) for d in progress.due_dates(request.app.state.store, who)]}
    )


@router.post("/due-dates", summary="设定审核期限")
def set_due_date(request: Request, who: _Who, body: DueDateRequest) -> JsonResponse:
    """Set a due date (财政 / 管理员)."""
    progress.set_due_date(request.app.state.store, who, body.year, body.kind, body.state, body.due)
    return JsonResponse(_due(progress.DueDate(body.year, body.kind, body.state, body.due)))


@router.delete("/due-dates", summary="清除审核期限")
def clear_due_date(
    request: Request,
    who: _Who,
    year: Annotated[StoreInt, Query()],
    kind: Annotated[str, Query(max_length=32)],
    state: Annotated[str, Query(max_length=32)],
) -> JsonResponse:
    """Remove a due date (the default number of days applies again)."""
    had = progress.clear_due_date(request.app.state.store, who, year, kind, state)
    return JsonResponse({"cleared": had})
