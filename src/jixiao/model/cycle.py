"""The management cycle of a form as states and steps (DESIGN §7b).

草稿 → 已提交 → 主管部门审核（通过 / 退回） → 财政复核（通过 / 退回） → 已公开. Each
:class:`Step` goes from some states to one state and needs one action of the role table
(:data:`jixiao.model.access.ROLE_ACTIONS`); a return needs a comment. The table
:data:`STEPS` is the whole rule: the service takes a step only when it says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.model.access import Action

__all__ = [
    "STATE_LABELS",
    "STEPS",
    "STEP_LABELS",
    "State",
    "Step",
    "StepRule",
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
