"""Accounts in the database: the organisation tree, users, login sessions, failed logins
and settings. Only rows in and out; what a role may do and how passwords are hashed is
the service's (:mod:`jixiao.service.accounts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from jixiao.store.errors import StoreError
from jixiao.store.governance import Actor, Change, log_changes
from jixiao.store.schema_access import (
    LoginFailureRow,
    OrgUnitRow,
    SessionRow,
    SettingRow,
    UserRow,
)
from jixiao.store.store import Store

__all__ = [
    "OrgUnit",
    "UserRecord",
    "add_unit",
    "add_user",
    "count_failures",
    "create_session",
    "delete_session",
    "delete_sessions_of",
    "ensure_setting",
    "extend_session",
    "has_users",
    "record_failure",
    "session_user",
    "set_unit_department",
    "units",
    "update_user",
    "user_by_id",
    "user_by_name",
    "users",
]


@dataclass(frozen=True)
class OrgUnit:
    """A unit of the organisation tree and its 主管部门."""

    name: str
    department: str


@dataclass(frozen=True)
class UserRecord:
    """A user as stored (the role and scope as their stored names)."""

    id: int
    username: str
    display_name: str
    password_hash: str | None
    role: str
    scope_kind: str
    scope_name: str | None
    active: bool
    created_at: datetime
    updated_at: datetime


_USER_COLUMNS = (
    UserRow.id,
    UserRow.username,
    UserRow.display_name,
    UserRow.password_hash,
    UserRow.role,
    UserRow.scope_kind,
    UserRow.scope_name,
    UserRow.active,
    UserRow.created_at,
    UserRow.updated_at,
)


def _user(row: Any) -> UserRecord:
    return UserRecord(**row._mapping)


# -- the organisation tree -----------------------------------------------------------------


def add_unit(store: Store, name: str, department: str) -> None:
    """Add unit ``name`` under ``department``; :class:`StoreError` if it is already there."""
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(OrgUnitRow).values(name=name, department=department))
    except IntegrityError as err:
        raise StoreError(f"单位“{name}”已在组织结构中") from err


def set_unit_department(store: Store, name: str, department: str) -> bool:
    """Move unit ``name`` under ``department``; whether there was such a unit."""
    with store.engine.begin() as conn:
        done = conn.execute(
            update(OrgUnitRow).where(OrgUnitRow.name == name).values(department=department)
        )
        return done.rowcount > 0


def units(store: Store) -> list[OrgUnit]:
    """Every unit, by department then name."""
    query = select(OrgUnitRow.name, OrgUnitRow.department).order_by(
        OrgUnitRow.department, OrgUnitRow.name
    )
    with store.engine.connect() as conn:
        return [OrgUnit(name=r.name, department=r.department) for r in conn.execute(query)]


# -- users -----------------------------------------------------------------------------


def add_user(
    store: Store, now: datetime, *, log: tuple[Actor, Change] | None = None, **values: Any
) -> int:
    """Insert a user (the :class:`UserRecord` fields but ``id`` and the times); its id.
    :class:`StoreError` when the user name is taken. ``log``: who made the change and
    its audit-log entry, written in the same transaction."""
    try:
        with store.engine.begin() as conn:
            new_id: int = conn.execute(
                insert(UserRow)
                .values(created_at=now, updated_at=now, **values)
                .returning(UserRow.id)
            ).scalar_one()
            if log is not None:
                log_changes(conn, log[0], [log[1]])
            return new_id
    except IntegrityError as err:
        raise StoreError(f"用户名“{values.get('username')}”已被使用") from err


def update_user(
    store: Store,
    username: str,
    now: datetime,
    *,
    log: tuple[Actor, Change] | None = None,
    **values: Any,
) -> bool:
    """Change the given fields of ``username``; whether there is such a user. ``log``:
    who made the change and its audit-log entry, written in the same transaction (and
    only when there is such a user)."""
    with store.engine.begin() as conn:
        done = conn.execute(
            update(UserRow).where(UserRow.username == username).values(updated_at=now, **values)
        )
        if done.rowcount > 0 and log is not None:
            log_changes(conn, log[0], [log[1]])
        return done.rowcount > 0


def user_by_name(store: Store, username: str) -> UserRecord | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(*_USER_COLUMNS).where(UserRow.username == username)).first()
    return _user(row) if row is not None else None


def user_by_id(store: Store, user_id: int) -> UserRecord | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(*_USER_COLUMNS).where(UserRow.id == user_id)).first()
    return _user(row) if row is not None else None


def users(store: Store) -> list[UserRecord]:
    """Every user, by user name."""
    with store.engine.connect() as conn:
        return [_user(r) for r in conn.execute(select(*_USER_COLUMNS).order_by(UserRow.username))]


def has_users(store: Store) -> bool:
    """Whether any account is active (then every request must sign in)."""
    with store.engine.connect() as conn:
        found = conn.execute(select(UserRow.id).where(UserRow.active.is_(True)).limit(1))
        return found.first() is not None


# -- sessions ----------------------------------------------------------------------------


def create_session(
    store: Store, token_hash: str, user_id: int, now: datetime, expires: datetime
) -> None:
    """Keep a new session; expired sessions are cleared on the way."""
    with store.engine.begin() as conn:
        conn.execute(delete(SessionRow).where(SessionRow.expires_at <= now))
        conn.execute(
            insert(SessionRow).values(
                token_hash=token_hash, user_id=user_id, created_at=now, expires_at=expires
            )
        )


def session_user(
    store: Store, token_hash: str, now: datetime
) -> tuple[UserRecord, datetime, datetime] | None:
    """The active user of an unexpired session with when the session began and when it
    expires, or ``None``."""
    query = (
        select(
            *_USER_COLUMNS, SessionRow.created_at.label("session_created"), SessionRow.expires_at
        )
        .join(SessionRow, SessionRow.user_id == UserRow.id)
        .where(
            SessionRow.token_hash == token_hash,
            SessionRow.expires_at > now,
            UserRow.active.is_(True),
        )
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    values = dict(row._mapping)
    created, expires = values.pop("session_created"), values.pop("expires_at")
    return UserRecord(**values), created, expires


def extend_session(store: Store, token_hash: str, expires: datetime) -> None:
    """Move a session's expiry (the idle timeout, pushed on while it is used)."""
    with store.engine.begin() as conn:
        conn.execute(
            update(SessionRow).where(SessionRow.token_hash == token_hash).values(expires_at=expires)
        )


def delete_session(store: Store, token_hash: str) -> bool:
    with store.engine.begin() as conn:
        return (
            conn.execute(delete(SessionRow).where(SessionRow.token_hash == token_hash)).rowcount > 0
        )


def delete_sessions_of(store: Store, user_id: int) -> int:
    """End every session of a user (password reset, account disabled); how many."""
    with store.engine.begin() as conn:
        return conn.execute(delete(SessionRow).where(SessionRow.user_id == user_id)).rowcount


# -- failed logins -----------------------------------------------------------------------


def record_failure(store: Store, username: str, address: str, now: datetime) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            insert(LoginFailureRow).values(username=username[:64], address=address[:64], at=now)
        )


def count_failures(store: Store, username: str, address: str, since: datetime) -> tuple[int, int]:
    """Failed logins since ``since``: ``(for this user name, from this address)``."""
    recent = LoginFailureRow.at > since
    query = select(
        func.count().filter(LoginFailureRow.username == username[:64]),
        func.count().filter(LoginFailureRow.address == address[:64]),
    ).where(
        recent,
        or_(LoginFailureRow.username == username[:64], LoginFailureRow.address == address[:64]),
    )
    with store.engine.connect() as conn:
        by_name, by_address = conn.execute(query).one()
    return int(by_name), int(by_address)


# -- settings ------------------------------------------------------------------------------


def ensure_setting(store: Store, key: str, make: str) -> str:
    """The setting ``key``, set to ``make`` first when it has none (whoever sets it first
    wins: every process reads the same value)."""
    with store.engine.connect() as conn:
        value = conn.execute(select(SettingRow.value).where(SettingRow.key == key)).scalar()
    if value is not None:
        return str(value)
    try:
        with store.engine.begin() as conn:
            conn.execute(insert(SettingRow).values(key=key, value=make))
    except IntegrityError:
        pass
    with store.engine.connect() as conn:
        return str(conn.execute(select(SettingRow.value).where(SettingRow.key == key)).scalar_one())
