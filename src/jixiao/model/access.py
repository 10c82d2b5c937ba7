"""Who may do what: roles, scopes in the organisation tree, and the actions a role allows.

Units (预算单位) belong to a 主管部门; a user has one :class:`Role` and one :class:`Scope`
(one unit, one department with all its units, or everything). What a role allows is the
table :data:`ROLE_ACTIONS` — data, not branches: the service checks every page, API
route, export and download against it (:mod:`jixiao.service.access`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "ACTION_LABELS",
    "ROLE_ACTIONS",
    "ROLE_LABELS",
    "SCOPE_LABELS",
    "Action",
    "Role",
    "Scope",
    "ScopeKind",
    "role_of",
]


class Role(StrEnum):
    """A user's role (stored by its English name, shown by :data:`ROLE_LABELS`)."""

    FILLER = "filler"
    UNIT_HEAD = "unit_head"
    DEPARTMENT_REVIEWER = "department_reviewer"
    FINANCE_REVIEWER = "finance_reviewer"
    AUDITOR = "auditor"
    ADMIN = "admin"


ROLE_LABELS: dict[Role, str] = {
    Role.FILLER: "单位填报人",
    Role.UNIT_HEAD: "单位负责人",
    Role.DEPARTMENT_REVIEWER: "主管部门审核人",
    Role.FINANCE_REVIEWER: "财政审核人",
    Role.AUDITOR: "审计/只读",
    Role.ADMIN: "管理员",
}


class ScopeKind(StrEnum):
    UNIT = "unit"
    DEPARTMENT = "department"
    ALL = "all"


SCOPE_LABELS: dict[ScopeKind, str] = {
    ScopeKind.UNIT: "单位",
    ScopeKind.DEPARTMENT: "主管部门",
    ScopeKind.ALL: "全部",
}


@dataclass(frozen=True)
class Scope:
    """What part of the organisation tree a user sees: ``name`` is the unit or the
    department (``None`` for :attr:`ScopeKind.ALL`)."""

    kind: ScopeKind
    name: str | None = None

    def __post_init__(self) -> None:
        if (self.kind is ScopeKind.ALL) != (self.name is None):
            raise ValueError("a unit or department scope names it; the scope 'all' does not")
        if self.name is not None and not self.name.strip():
            raise ValueError("a scope's name is not blank")

    @classmethod
    def everything(cls) -> Scope:
        return cls(ScopeKind.ALL)

    @property
    def label(self) -> str:
        """``单位：上海市人才服务中心`` / ``全部``."""
        kind = SCOPE_LABELS[self.kind]
        return kind if self.name is None else f"{kind}：{self.name}"


class Action(StrEnum):
    """Something a user does; each page or route needs one."""

    VIEW = "view"
    """See forms, findings and statistics in scope, and download them."""
    FILL = "fill"
    """Fill in forms on the 填报 page and keep drafts."""
    SUBMIT = "submit"
    """Submit a unit's form for review (草稿 → 已提交)."""
    REVIEW_DEPARTMENT = "review_department"
    """Approve or return a submitted form as its 主管部门."""
    REVIEW_FINANCE = "review_finance"
    """Approve or return a form as the finance bureau (财政复核)."""
    PUBLISH = "publish"
    """Publish an approved form (已公开)."""
    IMPORT = "import"
    """Import documents into the store."""
    MANAGE = "manage"
    """Manage accounts, the organisation tree and stored documents (purge for good)."""
    OVERSEE = "oversee"
    """See where all the units in scope stand in the cycle (the 审核进度 page)."""
    SCHEDULE = "schedule"
    """Set the due dates of the cycle's steps for a year and kind of form."""
    WITHDRAW = "withdraw"
    """Withdraw stored documents and forms (soft delete), restore them, undo an import run."""
    CORRECT = "correct"
    """Correct a value the reader got wrong on a stored form (the original is kept)."""
    READ_LOG = "read_log"
    """Read and export the audit log of every change."""


ACTION_LABELS: dict[Action, str] = {
    Action.VIEW: "查看",
    Action.FILL: "填报",
    Action.SUBMIT: "提交",
    Action.REVIEW_DEPARTMENT: "主管部门审核",
    Action.REVIEW_FINANCE: "财政复核",
    Action.PUBLISH: "公开",
    Action.IMPORT: "导入",
    Action.MANAGE: "管理",
    Action.OVERSEE: "查看各单位审核进度",
    Action.SCHEDULE: "设定审核期限",
    Action.WITHDRAW: "撤回与恢复",
    Action.CORRECT: "更正读取值",
    Action.READ_LOG: "查看操作日志",
}

ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.FILLER: frozenset({Action.VIEW, Action.FILL}),
    Role.UNIT_HEAD: frozenset({Action.VIEW, Action.FILL, Action.SUBMIT}),
    Role.DEPARTMENT_REVIEWER: frozenset(
        {Action.VIEW, Action.REVIEW_DEPARTMENT, Action.OVERSEE, Action.CORRECT}
    ),
    Role.FINANCE_REVIEWER: frozenset(
        {
            Action.VIEW,
            Action.REVIEW_FINANCE,
            Action.PUBLISH,
            Action.IMPORT,
            Action.OVERSEE,
            Action.SCHEDULE,
            Action.WITHDRAW,
            Action.CORRECT,
        }
    ),
    Role.AUDITOR: frozenset({Action.VIEW, Action.OVERSEE, Action.READ_LOG}),
    Role.ADMIN: frozenset(Action),
}
"""The actions each role may take (within its scope)."""


def role_of(text: str) -> Role:
    """The role named ``text``: its English name or its Chinese label; ``ValueError``."""
    value = text.strip()
    for role, label in ROLE_LABELS.items():
        if value in (role.value, label):
            return role
    known = "、".join(ROLE_LABELS.values())
    raise ValueError(f"没有这个角色：{text}（可选：{known}）")
