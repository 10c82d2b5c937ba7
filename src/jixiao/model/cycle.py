"""The management cycle of a form as states and steps (DESIGN §7b).

草稿 → 已提交 → 主管部门审核（通过 / 退回） → 财政复核（通过 / 退回） → 已公开. Each
:class:`Step` goes from some states to one state and needs one action of the role table
(:data:`jixiao.model.access.ROLE_ACTIONS`); a return needs a comment. The table
:data:`STEPS` is the whole rule: the service takes a step only when it says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from jixiao.model.access import Action

__all__ = [
    "CYCLE_KINDS",
    "DEFAULT_DUE_DAYS",
    "IMPORTED_LABEL",
    "RETURNED",
    "STATE_LABELS",
    "STEPS",
    "STEP_LABELS",
    "WAITING_LABELS",
    "State",
    "Step",
    "StepRule",
    "due_date",
    "overdue_days",
    "steps_from",
    "waiting_states",
]


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    DEPARTMENT_APPROVED = "department_approved"
    DEPARTMENT_RETURNED = "department_returned"
    FINANCE_APPROVED = "finance_approved"
    FINANCE_RETURNED = "finance_returned"
    PUBLISHED = "published"


STATE_LABELS: dict[State, str] = {
    State.DRAFT: "草稿",
    State.SUBMITTED: "已提交",
    State.DEPARTMENT_APPROVED: "主管部门审核通过",
    State.DEPARTMENT_RETURNED: "主管部门退回",
    State.FINANCE_APPROVED: "财政复核通过",
    State.FINANCE_RETURNED: "财政复核退回",
    State.PUBLISHED: "已公开",
}

CYCLE_KINDS = ("target_declaration", "self_evaluation")
"""The kinds of form that go through the cycle (those filled in on the web)."""

IMPORTED_LABEL = "已公开（导入）"
"""The state of a form imported from a document: forms reach jixiao's import from the
published 绩效目标表 / 自评表 of a government site, so they count as 已公开 and take no
step (they have no state row, no history)."""

RETURNED = frozenset({State.DEPARTMENT_RETURNED, State.FINANCE_RETURNED})
"""The states in which a form is back with its unit, to be edited and resubmitted."""


class Step(StrEnum):
    CREATE = "create"
    """A form filled in on the web enters the cycle as a 草稿 (not in :data:`STEPS`)."""
    SUBMIT = "submit"
    DEPARTMENT_APPROVE = "department_approve"
    DEPARTMENT_RETURN = "department_return"
    FINANCE_APPROVE = "finance_approve"
    FINANCE_RETURN = "finance_return"
    PUBLISH = "publish"


STEP_LABELS: dict[Step, str] = {
    Step.CREATE: "填报",
    Step.SUBMIT: "提交审核",
    Step.DEPARTMENT_APPROVE: "主管部门审核通过",
    Step.DEPARTMENT_RETURN: "主管部门退回",
    Step.FINANCE_APPROVE: "财政复核通过",
    Step.FINANCE_RETURN: "财政复核退回",
    Step.PUBLISH: "公开",
}


@dataclass(frozen=True)
class StepRule:
    """From which states a step may be taken, the state it leads to, the action it
    needs, and whether it needs a comment."""

    sources: frozenset[State]
    target: State
    action: Action
    needs_comment: bool = False


STEPS: dict[Step, StepRule] = {
    Step.SUBMIT: StepRule(
        frozenset({State.DRAFT, State.DEPARTMENT_RETURNED, State.FINANCE_RETURNED}),
        State.SUBMITTED,
        Action.SUBMIT,
    ),
    Step.DEPARTMENT_APPROVE: StepRule(
        frozenset({State.SUBMITTED}), State.DEPARTMENT_APPROVED, Action.REVIEW_DEPARTMENT
    ),
    Step.DEPARTMENT_RETURN: StepRule(
        frozenset({State.SUBMITTED}),
        State.DEPARTMENT_RETURNED,
        Action.REVIEW_DEPARTMENT,
        needs_comment=True,
    ),
    Step.FINANCE_APPROVE: StepRule(
        frozenset({State.DEPARTMENT_APPROVED}), State.FINANCE_APPROVED, Action.REVIEW_FINANCE
    ),
    Step.FINANCE_RETURN: StepRule(
        frozenset({State.DEPARTMENT_APPROVED}),
        State.FINANCE_RETURNED,
        Action.REVIEW_FINANCE,
        needs_comment=True,
    ),
    Step.PUBLISH: StepRule(frozenset({State.FINANCE_APPROVED}), State.PUBLISHED, Action.PUBLISH),
}
"""The transition table."""


def steps_from(state: State) -> list[Step]:
    """The steps that may be taken from ``state``, in table order."""
    return [step for step, rule in STEPS.items() if state in rule.sources]


def waiting_states(actions: frozenset[Action]) -> frozenset[State]:
    """The states in which a form waits for someone who may take one of ``actions``."""
    return frozenset(
        state for rule in STEPS.values() if rule.action in actions for state in rule.sources
    )


WAITING_LABELS: dict[State, str] = {
    State.SUBMITTED: "主管部门审核",
    State.DEPARTMENT_APPROVED: "财政复核",
    State.FINANCE_APPROVED: "公开",
    State.DEPARTMENT_RETURNED: "单位修改后重新提交",
    State.FINANCE_RETURNED: "单位修改后重新提交",
}
"""What a form in each state waits for: the step a due date is set for."""

DEFAULT_DUE_DAYS: dict[State, int] = {
    State.SUBMITTED: 15,
    State.DEPARTMENT_APPROVED: 15,
    State.FINANCE_APPROVED: 10,
    State.DEPARTMENT_RETURNED: 10,
    State.FINANCE_RETURNED: 10,
}
"""Days a form may wait in a state when no due date is set for its year and kind."""


def due_date(state: State, since: date, configured: date | None = None) -> date | None:
    """When a form in ``state`` since ``since`` is due to move on: the date set for its
    year and kind, else :data:`DEFAULT_DUE_DAYS` after ``since`` (``None``: not waiting)."""
    if configured is not None:
        return configured
    days = DEFAULT_DUE_DAYS.get(state)
    return None if days is None else since + timedelta(days=days)


def overdue_days(due: date | None, today: date) -> int:
    """Days past ``due`` on ``today`` (0: not overdue or no due date)."""
    return max((today - due).days, 0) if due is not None else 0
