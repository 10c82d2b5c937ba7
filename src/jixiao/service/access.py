"""Who is asking, and what they may see and do: checked here for every shell.

A :class:`Principal` is a signed-in user (or, with no accounts in the database, the
person at the machine: :data:`LOCAL`). :func:`may` / :func:`require` answer "may they
take this action" from the role table (:data:`jixiao.model.access.ROLE_ACTIONS`);
:func:`store_for` gives the store as they see it (their scope in the organisation tree,
:class:`~jixiao.store.filters.Visibility`): forms outside it are "not found", lists and
statistics leave them out.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, replace

from jixiao.errors import JixiaoError
from jixiao.model.access import (
    ACTION_LABELS,
    ROLE_ACTIONS,
    ROLE_LABELS,
    Action,
    Role,
    Scope,
    ScopeKind,
)
from jixiao.store import Actor, Store, Visibility

__all__ = [
    "LOCAL",
    "AccessDenied",
    "Principal",
    "actor_of",
    "console_user",
    "may",
    "require",
    "store_for",
    "visibility",
]


@dataclass(frozen=True)
class Principal:
    """The user a request acts for: account id (``None`` for :data:`LOCAL`), names,
    role and scope; ``demo`` when signed in automatically by ``serve --demo``."""

    user_id: int | None
    username: str
    display_name: str
    role: Role
    scope: Scope
    demo: bool = False

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def is_local(self) -> bool:
        """The person at the machine of a server without accounts."""
        return self.user_id is None


LOCAL = Principal(None, "local", "本机用户", Role.ADMIN, Scope.everything())
"""Who uses a loopback server whose database has no accounts (as before accounts)."""


def console_user() -> Principal:
    """The person at the command line (who has the database itself): an administrator,
    logged by their system user name."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "unknown"
    return replace(LOCAL, username=f"命令行:{name}"[:64], display_name="命令行")


def actor_of(who: Principal) -> Actor:
    """The audit log's record of ``who``."""
    return Actor(who.user_id, who.username)


class AccessDenied(JixiaoError):
    """The user may not take this action (the web answers 403)."""


def may(principal: Principal, action: Action) -> bool:
    """Whether ``principal``'s role allows ``action``."""
    return action in ROLE_ACTIONS[principal.role]


def require(principal: Principal, action: Action) -> None:
    """:class:`AccessDenied` unless ``principal`` may take ``action``."""
    if not may(principal, action):
        raise AccessDenied(f"{principal.role_label}无权{ACTION_LABELS[action]}")


def visibility(principal: Principal) -> Visibility | None:
    """What ``principal`` sees of the organisation tree (``None``: everything)."""
    scope = principal.scope
    if scope.kind is ScopeKind.ALL:
        return None
    assert scope.name is not None
    if scope.kind is ScopeKind.UNIT:
        return Visibility(units=(scope.name,), user_id=principal.user_id)
    return Visibility(departments=(scope.name,), user_id=principal.user_id)


def store_for(store: Store, principal: Principal) -> Store:
    """``store`` as ``principal`` sees it (see the module doc)."""
    return store.within(visibility(principal))
