"""Managing accounts as a signed-in 管理员 (the web's 账号 page), within their scope.

The same functions as ``jixiao users`` (:mod:`jixiao.service.accounts`), each checked
first: the acting user's role must allow :attr:`~jixiao.model.access.Action.MANAGE`,
the account must lie within their scope, and so must the scope given to it. A scope lies
within another when it is the same, when the other is 全部, or when it is a unit that the
organisation tree puts under the other (a department). An administrator of one
department therefore sees and manages only the accounts of that department and its
units, and cannot make an account that sees more than they do. Nobody disables their
own account or changes their own role here (no locking oneself out); their own
password they change on the 修改密码 page (old password required).
"""

from __future__ import annotations

from jixiao.errors import UsageError
from jixiao.model.access import Action, Role, Scope, ScopeKind
from jixiao.service import accounts
from jixiao.service.access import AccessDenied, Principal, require
from jixiao.store import Store
from jixiao.store.accounts import UserRecord

__all__ = [
    "add_account",
    "manageable_users",
    "reset_account_password",
    "scope_of",
    "scope_within",
    "set_account_active",
    "set_account_role",
]


def scope_of(user: UserRecord) -> Scope:
    """A stored user's scope."""
    return Scope(ScopeKind(user.scope_kind), user.scope_name)


def scope_within(store: Store, inner: Scope, outer: Scope) -> bool:
    """Whether everything ``inner`` sees is seen by ``outer`` (see the module doc)."""
    if outer.kind is ScopeKind.ALL or inner == outer:
        return True
    if outer.kind is ScopeKind.DEPARTMENT and inner.kind is ScopeKind.UNIT:
        return any(
            u.name == inner.name and u.department == outer.name for u in accounts.units(store)
        )
    return False


def manageable_users(store: Store, who: Principal) -> list[UserRecord]:
    """The accounts ``who`` may manage (all of them within their scope)."""
    require(who, Action.MANAGE)
    return [u for u in accounts.users(store) if scope_within(store, scope_of(u), who.scope)]


def _target(store: Store, who: Principal, username: str, *, not_self: bool) -> UserRecord:
    require(who, Action.MANAGE)
    for user in accounts.users(store):
        if user.username == username:
            if not scope_within(store, scope_of(user), who.scope):
                break  # out of scope: as if it did not exist
            if not_self and user.id == who.user_id:
                raise UsageError("不能停用自己的账号或修改自己的角色")
            return user
    raise UsageError(f"没有用户“{username}”")


def _check_scope(store: Store, who: Principal, scope: Scope) -> None:
    if not scope_within(store, scope, who.scope):
        raise AccessDenied(f"只能设置您的范围（{who.scope.label}）之内的范围")


def add_account(
    store: Store,
    who: Principal,
    username: str,
    password: str | None,
    role: Role,
    scope: Scope,
    display_name: str | None = None,
) -> int:
    """:func:`jixiao.service.accounts.add_user`, by ``who`` within their scope."""
    require(who, Action.MANAGE)
    _check_scope(store, who, scope)
    return accounts.add_user(store, username, password, role, scope, display_name, by=who)


def set_account_role(store: Store, who: Principal, username: str, role: Role, scope: Scope) -> None:
    """:func:`jixiao.service.accounts.set_role`, by ``who`` within their scope."""
    _target(store, who, username, not_self=True)
    _check_scope(store, who, scope)
    accounts.set_role(store, username, role, scope, by=who)


def reset_account_password(store: Store, who: Principal, username: str, password: str) -> None:
    """:func:`jixiao.service.accounts.reset_password` (every session of the account
    ends), by ``who`` within their scope."""
    _target(store, who, username, not_self=False)
    accounts.reset_password(store, username, password, by=who)


def set_account_active(store: Store, who: Principal, username: str, active: bool) -> None:
    """:func:`jixiao.service.accounts.set_active`, by ``who`` within their scope."""
    _target(store, who, username, not_self=True)
    accounts.set_active(store, username, active, by=who)
