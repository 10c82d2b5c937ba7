"""Shared fixtures and the ``--update-golden`` switch (paths and helpers: ``support.py``)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files from the current output instead of comparing",
    )


@pytest.fixture(autouse=True)
def _no_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands print as to a pipe unless a test sets ``COLUMNS``: pytest-xdist's workers
    inherit ``COLUMNS=80`` and ``LINES=24``, which would narrow every table."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def pytest_configure(config: pytest.Config) -> None:
    """Passwords hashed with cheap argon2 parameters: the tests sign in often on a busy
    machine (the algorithm and the code are the same)."""
    from argon2 import PasswordHasher

    from jixiao.service import accounts

    accounts.use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
