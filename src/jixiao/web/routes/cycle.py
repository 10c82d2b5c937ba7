"""The review cycle on the web: a form's state, history, comments pinned to cells,
versions and next steps (the panel on 表单详情), taking a step (with comments on cells),
and the 待办 list (overdue first). Every check is the service's
(:mod:`jixiao.service.cycle`): role, scope, state, comment.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao.model.access import Action
from jixiao.model.cycle import RETURNED, STATE_LABELS, STEP_LABELS, STEPS, Step
from jixiao.service.access import Principal, may
from jixiao.service.cycle import form_cycle, take_step, todo
from jixiao.web.access import principal
from jixiao.web.deps import page, render
from jixiao.web.errors import ApiError
from jixiao.web.params import StoreInt

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
_Who = Annotated[Principal, Depends(principal)]


@router.get("/forms/{form_id:int}/cycle", response_class=HTMLResponse)
def cycle_panel(request: Request, form_id: StoreInt, who: _Who) -> HTMLResponse:
    """The 审核流程 panel of a form (an HTML fragment)."""
    cycle = form_cycle(request.app.state.store, who, form_id)
    return render(
        request,
        "_cycle_panel.html",
        form_id=form_id,
        cycle=cycle,
        step_labels={s.value: label for s, label in STEP_LABELS.items()},
        state_labels={s.value: label for s, label in STATE_LABELS.items()},
        needs_comment={s.value for s, rule in STEPS.items() if rule.needs_comment},
        may_revise=cycle.state in RETURNED and may(who, Action.SUBMIT),
        cell_rows=_CELL_ROWS,
    )


_CELL_ROWS = 3
"""Empty (cell, comment) pairs the step form offers."""


@router.post("/forms/{form_id:int}/steps")
def form_step(
    request: Request,
    form_id: StoreInt,
    who: _Who,
    step: Annotated[str, Form(max_length=32)],
    comment: Annotated[str, Form(max_length=4000)] = "",
    cell: Annotated[list[str] | None, Form(max_length=128)] = None,
    cell_comment: Annotated[list[str] | None, Form(max_length=2000)] = None,
) -> Response:
    """Take a step (通过 / 退回 / 提交 / 公开) with a comment and comments on cells
    (``cell`` and ``cell_comment`` in pairs); back to the form."""
    try:
        chosen = Step(step)
    except ValueError as err:
        raise ApiError(400, "没有这个审核步骤") from err
    fields, texts = cell or [], cell_comment or []
    if len(fields) != len(texts) or len(fields) > _MAX_CELLS:
        raise ApiError(400, "单元格意见的栏目与内容须一一对应")
    cells = list(zip(fields, texts, strict=True))
    take_step(request.app.state.store, who, form_id, chosen, comment, cells)
    return RedirectResponse(f"/forms/{form_id}", status_code=303)


_MAX_CELLS = 200


@router.get("/todo", response_class=HTMLResponse)
def todo_page(request: Request, who: _Who) -> HTMLResponse:
    """待办: the forms waiting for this user, overdue first, then longest waiting."""
    return page(request, "todo.html", title="待办", items=todo(request.app.state.store, who))
