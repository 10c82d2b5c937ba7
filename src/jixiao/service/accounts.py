"""Accounts: creating and changing users, signing in and out, and the CSRF tokens.

Passwords are hashed with argon2id (``argon2-cffi``); a session is a random cookie
whose SHA-256 is kept in the store with its expiry (its lifetime, pushed on while it is
used when there is an idle timeout); after too many failed logins for one user name or
from one address, signing in waits (:class:`LoginThrottled`). How long and how many are
:class:`~jixiao.service.session_limits.SessionLimits` (by default those of the
environment). A CSRF token is an HMAC of the browser's cookie under the application's
secret (kept in the store), so it changes with the session (a new one at every login).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from jixiao.errors import UsageError
from jixiao.model.access import ROLE_LABELS, Role, Scope, ScopeKind
from jixiao.model.governance import ChangeAction
from jixiao.service.access import Principal, actor_of, console_user
from jixiao.service.session_limits import SessionLimits, current_session_limits
from jixiao.store import Actor, Change, Store
from jixiao.store import accounts as rows
from jixiao.store.accounts import OrgUnit, UserRecord

__all__ = [
    "LoginThrottled",
    "OrgUnit",
    "UserRecord",
    "add_unit",
    "add_user",
    "authenticate",
    "change_password",
    "csrf_token",
    "csrf_valid",
    "end_session",
    "has_accounts",
    "named_principal",
    "new_browser_token",
    "principal_of",
    "proxy_principal",
    "reset_password",
    "session_principal",
    "set_active",
    "set_role",
    "start_session",
    "units",
    "use_hasher",
    "users",
]

_TOUCH = timedelta(minutes=1)
"""An idle timeout pushes a session's expiry on at most this often (one write a minute)."""
_MIN_PASSWORD = 8
_USERNAME = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
_hasher = PasswordHasher()
_dummy_hash: str | None = None
"""Verified against when the user does not exist, so both take the same time (made at
the first login, not at import: a hash takes 64 MiB)."""


def use_hasher(hasher: PasswordHasher) -> None:
    """Hash new passwords with ``hasher`` (tests use cheap parameters; a password hashed
    under other parameters is hashed again at its next login)."""
    global _hasher, _dummy_hash
    _hasher, _dummy_hash = hasher, None


def _no_user_hash() -> str:
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("jixiao-no-such-user")
    return _dummy_hash


class LoginThrottled(UsageError):
    """Too many failed logins lately: try again later."""


def _now() -> datetime:
    return datetime.now(UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_password(password: str) -> None:
    if len(password) < _MIN_PASSWORD:
        raise UsageError(f"密码至少 {_MIN_PASSWORD} 个字符")


def principal_of(user: UserRecord, *, demo: bool = False) -> Principal:
    """The principal of a stored user."""
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        scope=Scope(ScopeKind(user.scope_kind), user.scope_name),
        demo=demo,
    )


# -- the organisation tree and users -----------------------------------------------------


def add_unit(store: Store, name: str, department: str) -> None:
    """Put unit ``name`` under 主管部门 ``department`` (moving it if already there)."""
    name, department = name.strip(), department.strip()
    if not name or not department:
        raise UsageError("单位与主管部门的名称都不能为空")
    if not rows.set_unit_department(store, name, department):
        rows.add_unit(store, name, department)


def units(store: Store) -> list[OrgUnit]:
    """The organisation tree: every unit with its 主管部门."""
    return rows.units(store)


def users(store: Store) -> list[UserRecord]:
    return rows.users(store)


def named_principal(store: Store, username: str) -> Principal:
    """The active account ``username`` as a principal (the command line acting as a
    named user, so the service checks that user's role and scope);
    :class:`UsageError` when there is no such active account."""
    user = rows.user_by_name(store, username.strip())
    if user is None or not user.active:
        raise UsageError(f"没有启用的用户“{username}”")
    return principal_of(user)


def has_accounts(store: Store) -> bool:
    """Whether the database has an active account (then everyone must sign in)."""
    return rows.has_users(store)


def _logged(
    by: Principal | None, action: ChangeAction, summary: str, **details: str | None
) -> tuple[Actor, Change]:
    """Who makes an account change (``None``: the person at the command line) and its
    audit-log entry. Never a password or its hash."""
    return actor_of(by or console_user()), Change(action, summary, details=details)


def _role_and_scope(role: Role, scope: Scope) -> dict[str, str | None]:
    return {"role": role.value, "scope_kind": scope.kind.value, "scope_name": scope.name}


def add_user(
    store: Store,
    username: str,
    password: str | None,
    role: Role,
    scope: Scope,
    display_name: str | None = None,
    *,
    by: Principal | None = None,
) -> int:
    """Create an account; its id. ``password=None``: it signs in only through the
    single sign-on proxy. ``by``: who creates it (``None``: the command line), for the
    audit log."""
    if not _USERNAME.fullmatch(username):
        raise UsageError("用户名只能由 1–64 个字母、数字和 _ . @ - 组成")
    if password is not None:
        _check_password(password)
    if rows.user_by_name(store, username) is not None:
        raise UsageError(f"用户名“{username}”已被使用")
    log = _logged(
        by,
        ChangeAction.USER_ADD,
        f"新增账号「{username}」：{ROLE_LABELS[role]}，{scope.label}",
        username=username,
        **_role_and_scope(role, scope),
    )
    return rows.add_user(
        store,
        _now(),
        log=log,
        username=username,
        display_name=(display_name or "").strip() or username,
        password_hash=_hasher.hash(password) if password is not None else None,
        role=role.value,
        scope_kind=scope.kind.value,
        scope_name=scope.name,
        active=True,
    )


def _user(store: Store, username: str) -> UserRecord:
    user = rows.user_by_name(store, username)
    if user is None:
        raise UsageError(f"没有用户“{username}”")
    return user


def set_role(
    store: Store, username: str, role: Role, scope: Scope, *, by: Principal | None = None
) -> None:
    """Give ``username`` a new role and scope (their sessions end: sign in again)."""
    user = _user(store, username)
    old_scope = Scope(ScopeKind(user.scope_kind), user.scope_name)
    was = f"{ROLE_LABELS[Role(user.role)]}，{old_scope.label}"
    log = _logged(
        by,
        ChangeAction.USER_ROLE,
        f"设置账号「{username}」的角色与范围：{was} → {ROLE_LABELS[role]}，{scope.label}",
        username=username,
        **_role_and_scope(role, scope),
    )
    rows.update_user(
        store,
        username,
        _now(),
        log=log,
        role=role.value,
        scope_kind=scope.kind.value,
        scope_name=scope.name,
    )
    rows.delete_sessions_of(store, user.id)


def reset_password(
    store: Store, username: str, password: str, *, by: Principal | None = None
) -> None:
    """Set a new password; every session of the user ends."""
    log = _logged(
        by, ChangeAction.USER_PASSWORD, f"重置账号「{username}」的密码", username=username
    )
    _set_password(store, username, password, log)


def _set_password(store: Store, username: str, password: str, log: tuple[Actor, Change]) -> None:
    _check_password(password)
    user = _user(store, username)
    rows.update_user(store, username, _now(), log=log, password_hash=_hasher.hash(password))
    rows.delete_sessions_of(store, user.id)


def set_active(store: Store, username: str, active: bool, *, by: Principal | None = None) -> None:
    """Disable (ending every session) or enable an account."""
    user = _user(store, username)
    action = ChangeAction.USER_ENABLE if active else ChangeAction.USER_DISABLE
    verb = "启用" if active else "停用"
    log = _logged(by, action, f"{verb}账号「{username}」", username=username)
    rows.update_user(store, username, _now(), log=log, active=active)
    if not active:
        rows.delete_sessions_of(store, user.id)


# -- signing in ------------------------------------------------------------------------


def authenticate(
    store: Store,
    username: str,
    password: str,
    address: str,
    limits: SessionLimits | None = None,
) -> Principal | None:
    """The principal when ``password`` is right for an active ``username``, else
    ``None`` (the failure is counted); :class:`LoginThrottled` after too many failures
    from this address or for this name within the window of ``limits`` (default: the
    environment's, :mod:`jixiao.service.session_limits`). An unknown name takes as long
    as a wrong password (a hash is verified either way)."""
    limits = limits or current_session_limits()
    now = _now()
    by_name, by_address = rows.count_failures(store, username, address, now - limits.window)
    if by_name >= limits.login_failures_per_user or by_address >= limits.login_failures_per_address:
        raise LoginThrottled(f"登录失败次数过多，请 {limits.login_window_minutes} 分钟后再试")
    user = rows.user_by_name(store, username)
    stored_hash = user.password_hash if user is not None and user.password_hash else None
    if not _verify(stored_hash, password) or user is None or not user.active:
        rows.record_failure(store, username, address, now)
        return None
    if _hasher.check_needs_rehash(stored_hash or ""):
        rows.update_user(store, username, now, password_hash=_hasher.hash(password))
    return principal_of(user)


def _verify(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``; with no hash (no such user, or an
    account of the single sign-on only) a dummy hash is verified, so it takes as long."""
    try:
        return _hasher.verify(stored_hash or _no_user_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def change_password(
    store: Store,
    principal: Principal,
    old: str,
    new: str,
    address: str = "?",
    limits: SessionLimits | None = None,
) -> None:
    """A user changes their own password, giving the old one (checked as a login: a
    wrong one counts towards the throttle); every session of theirs ends (signed in
    elsewhere too). :class:`UsageError` for a wrong old password or a too short new one,
    :class:`LoginThrottled` after too many wrong ones."""
    user = rows.user_by_id(store, principal.user_id) if principal.user_id is not None else None
    if user is None or principal.demo or user.password_hash is None:
        raise UsageError("此账号没有可修改的密码（本机用户、演示账号或只经单点登录）")
    _check_password(new)
    if authenticate(store, user.username, old, address, limits) is None:
        raise UsageError("原密码不正确")
    log = _logged(principal, ChangeAction.OWN_PASSWORD, "修改本人密码", username=user.username)
    _set_password(store, user.username, new, log)


def start_session(
    store: Store, principal: Principal, limits: SessionLimits | None = None
) -> tuple[str, datetime]:
    """A new session for ``principal`` (a new token every time: no fixation); the
    cookie value and when the session ends at the latest (its lifetime; sooner when
    idle longer than the idle timeout)."""
    if principal.user_id is None:
        raise UsageError("本机用户没有会话")
    limits = limits or current_session_limits()
    token, now = new_browser_token(), _now()
    ends = now + limits.lifetime
    expires = min(ends, now + limits.idle) if limits.idle else ends
    rows.create_session(store, _digest(token), principal.user_id, now, expires)
    return token, ends


def session_principal(
    store: Store, token: str | None, limits: SessionLimits | None = None
) -> Principal | None:
    """The principal of the session ``token``, ``None`` when it is unknown, expired
    (past its lifetime, or idle too long), ended or its account disabled. Using a
    session pushes its idle expiry on."""
    if not token:
        return None
    limits = limits or current_session_limits()
    now, digest = _now(), _digest(token)
    found = rows.session_user(store, digest, now)
    if found is None:
        return None
    user, created, expires = found
    ends = created + limits.lifetime
    if now >= ends:
        return None
    if limits.idle:
        wanted = min(ends, now + limits.idle)
        if wanted - expires >= _TOUCH or wanted < expires:
            rows.extend_session(store, digest, wanted)
    return principal_of(user)


def end_session(store: Store, token: str | None) -> None:
    """Sign out: the session is deleted (its cookie is worth nothing after)."""
    if token:
        rows.delete_session(store, _digest(token))


def proxy_principal(store: Store, username: str, *, demo: bool = False) -> Principal | None:
    """The principal of an active account named by the single sign-on proxy (or by
    ``serve --demo``), or ``None``."""
    user = rows.user_by_name(store, username)
    if user is None or not user.active:
        return None
    return principal_of(user, demo=demo)


# -- CSRF ------------------------------------------------------------------------------


def new_browser_token() -> str:
    """A random cookie value (256 bits)."""
    return secrets.token_urlsafe(32)


_secrets: dict[str, bytes] = {}
"""The CSRF secret of each database (by URL): set once, never changed, read once."""


def _secret(store: Store) -> bytes:
    known = _secrets.get(store.url)
    if known is None:
        made = secrets.token_hex(32)
        known = _secrets[store.url] = rows.ensure_setting(store, "csrf_secret", made).encode()
    return known


def csrf_token(store: Store, browser_token: str) -> str:
    """The CSRF token of a browser (its cookie value ``browser_token``)."""
    return hmac.new(_secret(store), browser_token.encode(), hashlib.sha256).hexdigest()


def csrf_valid(store: Store, browser_token: str | None, token: str | None) -> bool:
    """Whether ``token`` is the CSRF token of the browser with cookie ``browser_token``."""
    if not browser_token or not token:
        return False
    return hmac.compare_digest(csrf_token(store, browser_token), token)
