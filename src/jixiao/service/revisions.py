"""A returned form edited and resubmitted, and a self-evaluation started from its target.

A form 退回 by the 主管部门 or 财政 comes back to its unit: the unit opens it in the 填报
editor (with the reviewers' comments beside their cells), changes it and resubmits. The
form keeps its id, state and history; its content becomes the new version and every
earlier version is kept (:mod:`jixiao.store.revisions`), so the reviewer sees what
changed. A self-evaluation is started from the 目标表 of the same project and year once
财政 has approved it (or from one imported from a published document).
"""

from __future__ import annotations

from datetime import UTC, datetime

from jixiao.model import Form, TargetDeclaration
from jixiao.model.access import Action
from jixiao.model.cycle import RETURNED, STATE_LABELS, State, Step
from jixiao.model.labels import KIND_LABELS
from jixiao.service.access import AccessDenied, Principal, require, store_for
from jixiao.service.checking import review_forms
from jixiao.service.cycle import (
    MOVED,
    CycleError,
    in_scope,
    record_step,
    snapshot,
)
from jixiao.service.recheck import recheck_projects
from jixiao.store import Store
from jixiao.store import cycle as rows
from jixiao.store.revisions import resubmit, versions

__all__ = ["APPROVED", "approved_target", "resubmit_form", "returned_form"]

APPROVED = frozenset({State.FINANCE_APPROVED, State.PUBLISHED})
"""The states of a 目标表 a self-evaluation may start from (besides an imported one)."""


def _now_state(store: Store, form_id: int) -> State | None:
    current = rows.state_of(store, form_id)
    return State(current) if current is not None else None


def returned_form(store: Store, who: Principal, form_id: int) -> Form:
    """The form ``form_id`` as it stands, for its unit to edit: it must be 退回 and
    ``who`` allowed to submit it."""
    require(who, Action.SUBMIT)
    stored = in_scope(store, who, form_id)
    state = _now_state(store, form_id)
    if state not in RETURNED:
        label = STATE_LABELS[state] if state is not None else "导入的已公开表单"
        raise CycleError(f"只有被退回的表单可以修改后重新提交（本表当前为“{label}”）")
    return stored.form


def resubmit_form(store: Store, who: Principal, form_id: int, form: Form, comment: str = "") -> int:
    """Make ``form`` the new version of the returned form ``form_id`` and submit it
    again (退回 → 已提交); the new version's number."""
    old = returned_form(store, who, form_id)
    if form.kind != old.kind:
        raise CycleError(f"重新提交的须是{KIND_LABELS[old.kind]}")
    if not rows.sees_unit(store_for(store, who), form.unit):
        raise AccessDenied(f"无权为单位“{form.unit or '（未填写）'}”提交表单")
    state = _now_state(store, form_id)
    assert state is not None
    (checked,) = review_forms([form])
    published = checked.published()
    step = record_step(who, form_id, Step.SUBMIT, state, comment, datetime.now(UTC))
    number = max(len(versions(store, form_id)), 1) + 1
    first = snapshot(who, form_id, 1, old, step.at)  # a form submitted before versions
    new = snapshot(who, form_id, number, published, step.at)
    if not resubmit(store, published, checked.score, new, step, first):
        raise CycleError(MOVED)
    recheck_projects(store, {old.project, form.project})
    return number


def approved_target(store: Store, who: Principal, form_id: int) -> TargetDeclaration:
    """The 目标表 ``form_id`` to start a self-evaluation from: in ``who``'s scope, and
    approved by 财政 (or imported)."""
    require(who, Action.FILL)
    stored = in_scope(store, who, form_id)
    if not isinstance(stored.form, TargetDeclaration):
        raise CycleError(f"编号 {form_id} 的表单是{KIND_LABELS[stored.form.kind]}，不是绩效目标表")
    state = _now_state(store, form_id)
    if state is not None and state not in APPROVED:
        raise CycleError(f"目标表当前为“{STATE_LABELS[state]}”，财政复核通过后才能据此填写自评表")
    return stored.form
