"""The management cycle: submitting a form filled in on the web, and each review step.

Every step is checked here, for every shell: the role must allow the step's action
(:data:`jixiao.model.cycle.STEPS`), the form must be in the user's scope (else it is
"not found"), the form must be in a state the step starts from, and a return needs a
comment. Each step is stored for ever (:mod:`jixiao.store.cycle`).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from jixiao.errors import UsageError
from jixiao.model import Form
from jixiao.model.access import ROLE_ACTIONS, Action
from jixiao.model.cycle import STATE_LABELS, STEP_LABELS, STEPS, State, Step, waiting_states
from jixiao.model.jsonio import dumps
from jixiao.service.access import AccessDenied, Principal, require, store_for
from jixiao.service.checking import review_forms
from jixiao.store import DocumentInfo, FormNotFoundError, Store
from jixiao.store import cycle as rows
from jixiao.store.cycle import Transition

__all__ = [
    "CycleError",
    "FormCycle",
    "Transition",
    "form_cycle",
    "submit_form",
    "take_step",
    "todo",
]

_FORMAT = "web"
"""The ``documents.format`` of a form submitted from the 填报 page."""


class CycleError(UsageError):
    """The step cannot be taken now (wrong state, no comment, moved meanwhile)."""


@dataclass(frozen=True)
class FormCycle:
    """Where a form stands: its state (``None``: not in the cycle), its history and the
    steps this user may take now."""

    state: State | None
    history: list[Transition]
    steps: list[Step]

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state] if self.state is not None else "未进入审核流程"


def _now() -> datetime:
    return datetime.now(UTC)


def _record(
    store: Store, who: Principal, form_id: int, step: Step, source: State | None, comment: str
) -> None:
    moved = rows.move(
        store,
        Transition(
            form_id=form_id,
            step=step.value,
            from_state=source.value if source is not None else None,
            to_state=(STEPS[step].target if step in STEPS else State.DRAFT).value,
            user_id=who.user_id,
            username=who.username,
            at=_now(),
            comment=comment.strip(),
        ),
    )
    if not moved:
        raise CycleError("表单的状态刚刚被他人改变，请刷新页面后再试")


def submit_form(store: Store, who: Principal, form: Form, comment: str = "") -> int:
    """Store a form filled in on the web and submit it (草稿 → 已提交); its id. The
    user must be allowed to submit and the form's unit be in their scope."""
    require(who, Action.SUBMIT)
    if not rows.sees_unit(store_for(store, who), form.unit):
        raise AccessDenied(f"无权为单位“{form.unit or '（未填写）'}”提交表单")
    (checked,) = review_forms([form])
    published = checked.published()
    data = dumps([published], indent=None)
    digest = hashlib.sha256(f"{data}\n{uuid.uuid4()}".encode()).hexdigest()
    title = (form.project or "").strip() or "未命名"
    info = DocumentInfo(
        file_name=f"网页填报：{title}",
        content_hash=digest,
        format=_FORMAT,
        size=len(data.encode()),
        layout=None,
        encoding=None,
        path=None,
    )
    document = store.save_forms([published], info, scores=[checked.score])
    (form_id,) = rows.document_form_ids(store, document)
    _record(store, who, form_id, Step.CREATE, None, "")
    _record(store, who, form_id, Step.SUBMIT, State.DRAFT, comment)
    return form_id


def _in_scope(store: Store, who: Principal, form_id: int) -> None:
    if store_for(store, who).get(form_id) is None:
        raise FormNotFoundError(f"数据库中没有编号为 {form_id} 的表单")


def take_step(store: Store, who: Principal, form_id: int, step: Step, comment: str = "") -> State:
    """Take ``step`` on form ``form_id`` as ``who``; the new state. :class:`AccessDenied`
    (role), :class:`~jixiao.store.FormNotFoundError` (scope), :class:`CycleError`
    (state, comment)."""
    rule = STEPS.get(step)
    if rule is None:
        raise CycleError(f"“{STEP_LABELS[step]}”不是可以单独执行的步骤")
    require(who, rule.action)
    _in_scope(store, who, form_id)
    current = rows.state_of(store, form_id)
    if current is None:
        raise CycleError("这张表不在审核流程中（导入的已公开表单不经审核）")
    state = State(current)
    if state not in rule.sources:
        raise CycleError(f"表单当前为“{STATE_LABELS[state]}”，不能{STEP_LABELS[step]}")
    if rule.needs_comment and not comment.strip():
        raise CycleError("退回时须填写意见")
    _record(store, who, form_id, step, state, comment)
    return rule.target


def form_cycle(store: Store, who: Principal, form_id: int) -> FormCycle:
    """The state, history and next steps of a form ``who`` sees."""
    _in_scope(store, who, form_id)
    current = rows.state_of(store, form_id)
    state = State(current) if current is not None else None
    allowed = ROLE_ACTIONS[who.role]
    steps = (
        [s for s, rule in STEPS.items() if state in rule.sources and rule.action in allowed]
        if state is not None
        else []
    )
    return FormCycle(state, rows.history(store, form_id), steps)


def todo(store: Store, who: Principal) -> list[dict[str, object]]:
    """The forms in ``who``'s scope waiting for a step ``who`` may take, longest waiting
    first (each with ``state_label``)."""
    states = waiting_states(ROLE_ACTIONS[who.role])
    found = rows.waiting(store_for(store, who), frozenset(s.value for s in states))
    for row in found:
        row["state_label"] = STATE_LABELS[State(row["state"])]
    return found
