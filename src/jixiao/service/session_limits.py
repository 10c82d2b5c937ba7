"""How long a login lasts and how many failed logins are allowed: one settings place.

:class:`SessionLimits` holds the session lifetime, the idle timeout and the login
throttle (failures per user name and per address within a window). The defaults are
:data:`DEFAULT_LIMITS`; each field can be changed by its environment variable
(:data:`ENV_NAMES`, e.g. ``JIXIAO_SESSION_MINUTES=120``), read by :func:`limits_from`,
and ``jixiao serve`` options change them again for one server
(:func:`jixiao.cli.serve_cmd.serve`). The web app keeps them in its
:class:`~jixiao.web.access.AccessSettings`; :mod:`jixiao.service.accounts` applies them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import timedelta

from jixiao.errors import UsageError

__all__ = [
    "DEFAULT_LIMITS",
    "ENV_NAMES",
    "LIMIT_LABELS",
    "SessionLimits",
    "current_session_limits",
    "limits_from",
]


@dataclass(frozen=True)
class SessionLimits:
    """Minutes and counts (whole numbers): see :data:`LIMIT_LABELS`."""

    session_minutes: int = 8 * 60
    idle_minutes: int = 0
    """0: no idle timeout (a session lasts its whole lifetime)."""
    login_failures_per_user: int = 5
    login_failures_per_address: int = 20
    login_window_minutes: int = 15

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            least = 0 if f.name == "idle_minutes" else 1
            if not isinstance(value, int) or isinstance(value, bool) or value < least:
                raise UsageError(
                    f"{LIMIT_LABELS[f.name]}应为不小于 {least} 的整数，而不是 {value!r}"
                )

    @property
    def lifetime(self) -> timedelta:
        return timedelta(minutes=self.session_minutes)

    @property
    def idle(self) -> timedelta | None:
        """The idle timeout, ``None`` for none."""
        return timedelta(minutes=self.idle_minutes) if self.idle_minutes else None

    @property
    def window(self) -> timedelta:
        return timedelta(minutes=self.login_window_minutes)

    def changed(self, **values: int | None) -> SessionLimits:
        """These limits with the given fields replaced (``None``: kept)."""
        given = {k: v for k, v in values.items() if v is not None}
        return replace(self, **given) if given else self


DEFAULT_LIMITS = SessionLimits()

LIMIT_LABELS: dict[str, str] = {
    "session_minutes": "会话有效期（分钟）",
    "idle_minutes": "闲置超时（分钟，0 表示不限）",
    "login_failures_per_user": "同一用户名的登录失败上限",
    "login_failures_per_address": "同一地址的登录失败上限",
    "login_window_minutes": "登录失败的统计时段（分钟）",
}

ENV_NAMES: dict[str, str] = {
    "session_minutes": "JIXIAO_SESSION_MINUTES",
    "idle_minutes": "JIXIAO_IDLE_MINUTES",
    "login_failures_per_user": "JIXIAO_LOGIN_FAILURES_PER_USER",
    "login_failures_per_address": "JIXIAO_LOGIN_FAILURES_PER_ADDRESS",
    "login_window_minutes": "JIXIAO_LOGIN_WINDOW_MINUTES",
}
"""The environment variable of each limit."""


def _number(name: str, text: str) -> int:
    try:
        return int(text.strip().replace("_", ""))
    except ValueError:
        raise UsageError(
            f"环境变量 {ENV_NAMES[name]} 的值“{text}”不是整数（{LIMIT_LABELS[name]}）"
        ) from None


def limits_from(environ: Mapping[str, str]) -> SessionLimits:
    """The defaults, changed by the variables of :data:`ENV_NAMES` set in ``environ``;
    :class:`~jixiao.errors.UsageError` for a value that is not a whole number."""
    given = {
        name: _number(name, environ[variable])
        for name, variable in ENV_NAMES.items()
        if environ.get(variable, "").strip()
    }
    return DEFAULT_LIMITS.changed(**given)


def current_session_limits() -> SessionLimits:
    """The limits of this process's environment."""
    return limits_from(os.environ)
