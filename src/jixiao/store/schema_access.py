"""The tables of accounts: the organisation tree, users, login sessions, failed logins
and the application's own settings (its signing secret). Part of
:data:`jixiao.store.schema.Base`'s metadata (imported at the end of that module).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jixiao.store.schema import Base
from jixiao.store.types import UtcDateTime

__all__ = [
    "FormStateRow",
    "LoginFailureRow",
    "OrgUnitRow",
    "SessionRow",
    "SettingRow",
    "TransitionRow",
    "UserRow",
]


class OrgUnitRow(Base):
    """A budget unit (预算单位) and the 主管部门 it belongs to."""

    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    department: Mapped[str] = mapped_column(Text, index=True)


class UserRow(Base):
    """An account: its role and scope (``scope_name`` is the unit or department)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str | None] = mapped_column(Text)
    """argon2id; ``None`` for an account that only signs in through the proxy."""
    role: Mapped[str] = mapped_column(String(32))
    scope_kind: Mapped[str] = mapped_column(String(16))
    scope_name: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SessionRow(Base):
    """A signed-in browser: the SHA-256 of its cookie, never the cookie itself."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


class LoginFailureRow(Base):
    """A failed login (for throttling), by user name and client address."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_at", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class SettingRow(Base):
    """A setting of the application kept in its database (``secret``: the key that signs
    the CSRF tokens)."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class FormStateRow(Base):
    """Where a form stands in the management cycle (only forms submitted through jixiao
    have one; imported published forms have none)."""

    __tablename__ = "form_states"
    __table_args__ = (Index("ix_form_states_state", "state"),)

    form_id: Mapped[int] = mapped_column(
        ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(32))
    since: Mapped[datetime] = mapped_column(UtcDateTime())


class TransitionRow(Base):
    """One step of a form through the cycle, kept for ever (no foreign key: the history
    stays when the form is gone): who, when, from which state to which, the comment."""

    __tablename__ = "form_transitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(Integer, index=True)
    step: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    comment: Mapped[str] = mapped_column(Text)
