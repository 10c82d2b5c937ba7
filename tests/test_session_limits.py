"""Session lifetime, idle timeout and login throttle from one settings place, applied."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from argon2 import PasswordHasher

from access_support import PASSWORD, accounts_store
from jixiao.errors import UsageError
from jixiao.model.access import Role, Scope
from jixiao.service import accounts
from jixiao.service.access import Principal
from jixiao.service.session_limits import (
    DEFAULT_LIMITS,
    ENV_NAMES,
    SessionLimits,
    limits_from,
)
from jixiao.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with accounts_store(tmp_path, documents=False) as opened:
        yield opened


class Clock:
    """``accounts._now`` moved by hand."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = datetime.now(UTC)
        monkeypatch.setattr(accounts, "_now", lambda: self.now)

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def _sign_in(store: Store, limits: SessionLimits) -> tuple[Principal, str]:
    who = accounts.authenticate(store, "talent", PASSWORD, "10.0.0.1", limits)
    assert who is not None
    token, _ = accounts.start_session(store, who, limits)
    return who, token


def test_defaults_are_the_old_fixed_values() -> None:
    assert DEFAULT_LIMITS.lifetime == timedelta(hours=8) and DEFAULT_LIMITS.idle is None
    assert (DEFAULT_LIMITS.login_failures_per_user, DEFAULT_LIMITS.login_failures_per_address) == (
        5,
        20,
    )
    assert DEFAULT_LIMITS.window == timedelta(minutes=15)
    assert limits_from({}) == DEFAULT_LIMITS


def test_every_limit_has_its_environment_variable() -> None:
    values = {name: str(i + 2) for i, name in enumerate(ENV_NAMES)}
    read = limits_from({ENV_NAMES[name]: v for name, v in values.items()})
    assert {name: str(getattr(read, name)) for name in ENV_NAMES} == values
    assert limits_from({"JIXIAO_IDLE_MINUTES": "0"}).idle is None
    assert limits_from({"JIXIAO_SESSION_MINUTES": " "}) == DEFAULT_LIMITS
    with pytest.raises(UsageError, match="JIXIAO_SESSION_MINUTES"):
        limits_from({"JIXIAO_SESSION_MINUTES": "8h"})
    with pytest.raises(UsageError, match="会话有效期"):
        limits_from({"JIXIAO_SESSION_MINUTES": "0"})
    with pytest.raises(UsageError):
        SessionLimits(idle_minutes=-1)


def test_the_throttle_counts_and_window_are_configurable(store: Store, clock: Clock) -> None:
    limits = SessionLimits(login_failures_per_user=2, login_window_minutes=3)
    for _ in range(2):
        assert accounts.authenticate(store, "talent", "wrong pass", "10.0.0.1", limits) is None
    with pytest.raises(accounts.LoginThrottled, match="3 分钟"):
        accounts.authenticate(store, "talent", PASSWORD, "10.0.0.2", limits)
    assert accounts.authenticate(store, "talent", PASSWORD, "10.0.0.2") is not None  # default 5
    clock.advance(3.5)
    assert accounts.authenticate(store, "talent", PASSWORD, "10.0.0.2", limits) is not None
    by_address = SessionLimits(login_failures_per_address=1)
    assert accounts.authenticate(store, "nobody", "x", "10.9.9.9", by_address) is None
    with pytest.raises(accounts.LoginThrottled):
        accounts.authenticate(store, "admin", PASSWORD, "10.9.9.9", by_address)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def test_the_session_lifetime_is_configurable(store: Store, clock: Clock) -> None:
    limits = SessionLimits(session_minutes=10)
    who, token = _sign_in(store, limits)
    clock.advance(9)
    assert accounts.session_principal(store, token, limits) == who
    clock.advance(2)
    assert accounts.session_principal(store, token, limits) is None


def test_a_shorter_lifetime_applies_to_sessions_already_open(store: Store, clock: Clock) -> None:
    who, token = _sign_in(store, DEFAULT_LIMITS)
    clock.advance(30)
    assert accounts.session_principal(store, token, DEFAULT_LIMITS) == who
    assert accounts.session_principal(store, token, SessionLimits(session_minutes=20)) is None


def test_an_idle_session_ends_and_a_used_one_lasts_its_lifetime(store: Store, clock: Clock) -> None:
    limits = SessionLimits(session_minutes=12, idle_minutes=5)
    who, used = _sign_in(store, limits)
    _, idle = _sign_in(store, limits)
    for _ in range(2):  # used every 4 minutes: alive at 4 and 8
        clock.advance(4)
        assert accounts.session_principal(store, used, limits) == who
    assert accounts.session_principal(store, idle, limits) is None  # 8 minutes unused
    clock.advance(3)  # 11: still within both
    assert accounts.session_principal(store, used, limits) == who
    clock.advance(1.5)  # 12.5: past the lifetime though used a moment ago
    assert accounts.session_principal(store, used, limits) is None


def test_a_cookie_lasts_the_lifetime_even_with_an_idle_timeout(store: Store) -> None:
    limits = SessionLimits(session_minutes=60, idle_minutes=5)
    who = accounts.authenticate(store, "talent", PASSWORD, "x", limits)
    assert who is not None
    _, ends = accounts.start_session(store, who, limits)
    assert timedelta(minutes=59) < ends - datetime.now(UTC) <= timedelta(minutes=60)


def test_changing_ones_password_needs_the_old_one_and_ends_every_session(
    store: Store,
) -> None:
    who, first = _sign_in(store, DEFAULT_LIMITS)
    _, second = _sign_in(store, DEFAULT_LIMITS)
    with pytest.raises(UsageError, match="原密码不正确"):
        accounts.change_password(store, who, "not the password", "a brand new one")
    with pytest.raises(UsageError, match="至少"):
        accounts.change_password(store, who, PASSWORD, "short")
    assert accounts.session_principal(store, first) == who
    accounts.change_password(store, who, PASSWORD, "a brand new one")
    assert accounts.session_principal(store, first) is None
    assert accounts.session_principal(store, second) is None
    assert accounts.authenticate(store, "talent", PASSWORD, "y") is None
    assert accounts.authenticate(store, "talent", "a brand new one", "y") is not None


def test_an_unknown_user_costs_the_same_hash_as_a_wrong_password(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Login timing: every failure verifies exactly one argon2 hash of the same
    parameters, whether the name exists, has no password (single sign-on) or not."""
    accounts.add_user(store, "sso", None, Role.AUDITOR, Scope.everything())
    calls: list[str] = []

    class Spy(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            calls.append(str(hash).rsplit("$", 2)[0])  # the parameters, not salt nor hash
            return super().verify(hash, password)

    monkeypatch.setattr(accounts, "_hasher", Spy(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setattr(accounts, "_dummy_hash", None)
    for name in ("talent", "no-such-user", "sso"):
        assert accounts.authenticate(store, name, "wrong password", "10.0.0.9") is None
    assert len(calls) == 3 and len(set(calls)) == 1
