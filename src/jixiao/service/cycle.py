"""The management cycle: submitting a form filled in on the web, and each review step.

Every step is checked here, for every shell: the role must allow the step's action
(:data:`jixiao.model.cycle.STEPS`), the form must be in the user's scope (else it is
"not found"), the form must be in a state the step starts from, and a return needs a
comment (on the whole form or on its cells). Each step is stored for ever
(:mod:`jixiao.store.cycle`), with the reviewer's comments pinned to cells and, at each
submission, the version of the form submitted (:mod:`jixiao.store.revisions`).
Resubmitting a returned form changed is :mod:`jixiao.service.revisions`.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from jixiao.errors import UsageError
from jixiao.model import Form
from jixiao.model.access import ROLE_ACTIONS, Action
from jixiao.model.cycle import (
    IMPORTED_LABEL,
    STATE_LABELS,
    STEP_LABELS,
    STEPS,
    State,
    Step,
    due_date,
    overdue_days,
    waiting_states,
)
from jixiao.model.fields import FieldChange, field_changes, form_fields
from jixiao.model.jsonio import dumps, loads
from jixiao.model.labels import beijing_time, field_label
from jixiao.service.access import AccessDenied, Principal, require, store_for
from jixiao.service.checking import review_forms
from jixiao.service.recheck import recheck_projects
from jixiao.store import DocumentInfo, FormNotFoundError, Store, StoredForm, progress
from jixiao.store import cycle as rows
from jixiao.store.cycle import Transition
from jixiao.store.revisions import (
    CellComment,
    Version,
    add_version,
    step_with_comments,
    versions,
)
from jixiao.store.revisions import comments as comments_of

__all__ = [
    "MOVED",
    "CellComment",
    "CycleError",
    "FormCycle",
    "Transition",
    "commentable_fields",
    "form_cycle",
    "in_scope",
    "record_step",
    "resolve_step",
    "snapshot",
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
    """Where a form stands: its state (``None``: imported, see
    :data:`~jixiao.model.cycle.IMPORTED_LABEL`), its history, the steps this user may
    take now, the comments pinned to its cells, its version and what changed from each
    version to the next (``[(2, changes from 1 to 2), …]``), and the cells a reviewer
    may comment on (field → caption; empty when this user takes no review step)."""

    state: State | None
    history: list[Transition]
    steps: list[Step]
    comments: list[CellComment] = field(default_factory=list)
    version: int = 0
    changes: list[tuple[int, list[FieldChange]]] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state] if self.state is not None else IMPORTED_LABEL

    def latest_comments(self) -> dict[str, list[CellComment]]:
        """The comments of the latest step that pinned any, by field."""
        if not self.comments:
            return {}
        last = self.comments[-1].at
        out: dict[str, list[CellComment]] = {}
        for c in self.comments:
            if c.at == last:
                out.setdefault(c.field, []).append(c)
        return out


def _now() -> datetime:
    return datetime.now(UTC)


def record_step(
    who: Principal, form_id: int, step: Step, source: State | None, comment: str, at: datetime
) -> Transition:
    """The history entry of ``who`` taking ``step`` from ``source`` at ``at``."""
    return Transition(
        form_id=form_id,
        step=step.value,
        from_state=source.value if source is not None else None,
        to_state=(STEPS[step].target if step in STEPS else State.DRAFT).value,
        user_id=who.user_id,
        username=who.username,
        at=at,
        comment=comment.strip(),
    )


MOVED = "表单的状态刚刚被他人改变，请刷新页面后再试"


def _record(
    store: Store,
    who: Principal,
    form_id: int,
    step: Step,
    source: State | None,
    comment: str,
    at: datetime | None = None,
) -> None:
    if not rows.move(store, record_step(who, form_id, step, source, comment, at or _now())):
        raise CycleError(MOVED)


def snapshot(who: Principal, form_id: int, number: int, form: Form, at: datetime) -> Version:
    """Version ``number`` of form ``form_id``: ``form`` as ``who`` stored it at ``at``."""
    return Version(form_id, number, dumps([form], indent=None), who.user_id, who.username, at)


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
    at = _now()
    _record(store, who, form_id, Step.CREATE, None, "", at)
    _record(store, who, form_id, Step.SUBMIT, State.DRAFT, comment, at)
    add_version(store, snapshot(who, form_id, 1, published, at))
    recheck_projects(store, [form.project])  # X: against its target declaration, …
    return form_id


def in_scope(store: Store, who: Principal, form_id: int) -> StoredForm:
    """The stored form ``form_id`` if ``who`` sees it, else "not found"."""
    stored = store_for(store, who).get(form_id)
    if stored is None:
        raise FormNotFoundError(f"数据库中没有编号为 {form_id} 的表单")
    return stored


def commentable_fields(form: Form) -> dict[str, str]:
    """The fields of ``form`` a reviewer may pin a comment to (path → caption)."""
    return {name: field_label(name) for name in form_fields(form)}


def _pinned(form: Form, cells: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    pinned = [(name.strip(), text.strip()) for name, text in cells if text.strip()]
    known = commentable_fields(form)
    for name, _ in pinned:
        if name not in known:
            raise CycleError(f"表中没有“{name}”这一栏，无法在其上填写意见")
    return pinned


def take_step(
    store: Store,
    who: Principal,
    form_id: int,
    step: Step,
    comment: str = "",
    cells: Sequence[tuple[str, str]] = (),
) -> State:
    """Take ``step`` on form ``form_id`` as ``who``, with a ``comment`` and comments on
    ``cells`` (``(field, comment)``; a reviewer's); the new state. :class:`AccessDenied`
    (role), :class:`~jixiao.store.FormNotFoundError` (scope), :class:`CycleError`
    (state, comment, cell)."""
    rule = STEPS.get(step)
    if rule is None:
        raise CycleError(f"“{STEP_LABELS[step]}”不是可以单独执行的步骤")
    require(who, rule.action)
    stored = in_scope(store, who, form_id)
    current = rows.state_of(store, form_id)
    if current is None:
        raise CycleError("这张表是导入的已公开表单，不经审核流程")
    state = State(current)
    if state not in rule.sources:
        raise CycleError(f"表单当前为“{STATE_LABELS[state]}”，不能{STEP_LABELS[step]}")
    pinned = _pinned(stored.form, cells)
    if pinned and rule.action is Action.SUBMIT:
        raise CycleError("单元格意见由审核人填写；修改表单请用“修改后重新提交”")
    if rule.needs_comment and not comment.strip() and not pinned:
        raise CycleError("退回时须填写意见（总体意见或单元格意见）")
    at = _now()
    number = max(len(versions(store, form_id)), 1)
    made = [CellComment(form_id, number, n, t, who.user_id, who.username, at) for n, t in pinned]
    if not step_with_comments(store, record_step(who, form_id, step, state, comment, at), made):
        raise CycleError(MOVED)
    return rule.target


_SHORT = {
    "approve": "_approve",
    "通过": "_approve",
    "return": "_return",
    "退回": "_return",
    "提交": Step.SUBMIT.value,
    "公开": Step.PUBLISH.value,
}
"""Short names of steps (the step taken is the one of this name the user may take)."""


def resolve_step(store: Store, who: Principal, form_id: int, name: str) -> Step:
    """The step ``name`` means on form ``form_id`` for ``who``: a step's own name
    (``department_approve``) or label (主管部门审核通过), or a short one —
    ``submit``/提交, ``approve``/通过, ``return``/退回, ``publish``/公开 — which is the
    step of that kind ``who`` may take now (a department reviewer approves as the
    主管部门, a finance reviewer as 财政). :class:`CycleError` for none."""
    text = name.strip()
    for step, label in STEP_LABELS.items():
        if text in (step.value, label) and step in STEPS:
            return step
    short = _SHORT.get(text.lower())
    if short is None:
        names = "submit、approve、return、publish 或 " + "、".join(s.value for s in STEPS)
        raise CycleError(f"没有这个审核步骤：{text}（可选：{names}）")
    cycle = form_cycle(store, who, form_id)
    for step in cycle.steps:
        if step.value.endswith(short):
            return step
    raise CycleError(f"表单当前为“{cycle.state_label}”，{who.role_label}现在不能执行“{text}”")


def _changes(kept: list[Version]) -> list[tuple[int, list[FieldChange]]]:
    forms = [loads(v.data)[0] for v in kept]
    return [(kept[i].version, field_changes(forms[i - 1], forms[i])) for i in range(1, len(forms))]


def form_cycle(
    store: Store, who: Principal, form_id: int, *, seen: StoredForm | None = None
) -> FormCycle:
    """The state, history, next steps, comments and versions of a form ``who`` sees;
    ``seen``: that form as ``who`` sees it, when the caller has read it already (the
    详情 page: not read whole a second time)."""
    stored = seen if seen is not None and seen.id == form_id else in_scope(store, who, form_id)
    current = rows.state_of(store, form_id)
    state = State(current) if current is not None else None
    allowed = ROLE_ACTIONS[who.role]
    steps = (
        [s for s, rule in STEPS.items() if state in rule.sources and rule.action in allowed]
        if state is not None
        else []
    )
    reviews = any(STEPS[s].action is not Action.SUBMIT for s in steps)
    kept = versions(store, form_id)
    return FormCycle(
        state,
        rows.history(store, form_id),
        steps,
        comments=comments_of(store, form_id),
        version=len(kept),
        changes=_changes(kept),
        cells=commentable_fields(stored.form) if reviews else {},
    )


def todo(store: Store, who: Principal, today: date | None = None) -> list[dict[str, object]]:
    """The forms in ``who``'s scope waiting for a step ``who`` may take, each with
    ``state_label``, ``due`` and ``overdue`` (days): overdue first (most overdue
    first), then longest waiting first. A form is due by the date set for its year,
    kind and state, else a default number of days after it entered the state."""
    today = today or beijing_time(_now()).date()
    states = waiting_states(ROLE_ACTIONS[who.role])
    found = rows.waiting(store_for(store, who), frozenset(s.value for s in states))
    set_dates = {(d.year, d.kind, d.state): d.due for d in progress.due_dates(store)}
    for row in found:
        state = State(row["state"])
        since = row["since"]
        assert isinstance(since, datetime)
        due = due_date(
            state,
            beijing_time(since).date(),
            set_dates.get((row["year"], row["kind"], state.value)),
        )
        row["state_label"] = STATE_LABELS[state]
        row["due"] = due
        row["overdue"] = overdue_days(due, today)
    found.sort(key=lambda r: -r["overdue"])  # stable: longest waiting first
    return found
