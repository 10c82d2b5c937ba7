"""``jixiao serve``: options, the demo database, the URL printed; uvicorn is not started."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jixiao.cli import serve_cmd
from jixiao.cli.app import main
from jixiao.model.access import Role, Scope
from jixiao.service import accounts
from jixiao.store import open_store


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        main(args)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, host: str, port: int, **kw: Any) -> None:
        forms = len(app.state.store.forms())
        seen.update(app=app, host=host, port=port, forms=forms, kw=kw)
        seen["frozen"] = gc.get_freeze_count()

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    yield seen
    gc.unfreeze()  # what serve froze for its life: this process goes on testing


@pytest.mark.slow
def test_demo_imports_the_samples(
    served: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run_cli(["serve", "--demo", "--port", "8123"], capsys)
    assert code == 0
    assert served["forms"] == 83
    assert (served["host"], served["port"]) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in out
    assert "演示模式" in out
    assert served["app"].state.access.demo_user == serve_cmd.DEMO_USER


def test_serve_an_existing_database(
    served: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    open_store(str(db)).close()
    code, out, _err = run_cli(["serve", "--db", str(db)], capsys)
    assert code == 0
    assert served["forms"] == 0 and served["host"] == "127.0.0.1" and served["port"] == 8000
    assert served["kw"]["proxy_headers"] is True  # X-Forwarded-For/-Proto of a local proxy
    assert served["frozen"] > 10_000  # the server's lifelong heap: not walked by every gc
    assert not served["app"].state.access.beyond_loopback
    assert "http://127.0.0.1:8000/" in out


def test_beyond_loopback_only_with_accounts(
    served: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    open_store(str(db)).close()
    code, _out, err = run_cli(["serve", "--db", str(db), "--host", "0.0.0.0"], capsys)
    assert code == 2 and "没有账号" in err
    assert not served
    with open_store(str(db)) as store:
        accounts.add_user(store, "admin", "long enough", Role.ADMIN, Scope.everything())
    code, out, _err = run_cli(
        ["serve", "--db", str(db), "--host", "0.0.0.0", "--trusted-proxy", "10.0.0.1"], capsys
    )
    assert code == 0 and served["host"] == "0.0.0.0" and "http://0.0.0.0:8000/" in out
    assert served["app"].state.access.trusts("10.0.0.1")
    assert served["kw"]["proxy_headers"] is False  # the peer is the proxy, never a header
    assert served["app"].state.access.beyond_loopback
    code, _out, err = run_cli(["serve", "--db", str(db), "--trusted-proxy", "nonsense"], capsys)
    assert code == 2 and "--trusted-proxy" in err


def test_demo_only_on_loopback(served: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_cli(["serve", "--demo", "--host", "0.0.0.0"], capsys)
    assert code == 2 and "只能在本机监听" in err
    assert not served


def test_demo_and_db_together_is_a_usage_error(
    served: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_cli(["serve", "--demo", "--db", str(tmp_path / "x.db")], capsys)
    assert code == 2 and "不能同时使用" in err
    assert not served


def test_demo_without_a_checkout(
    served: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(serve_cmd, "examples_dir", lambda: tmp_path / "nowhere")
    code, _out, err = run_cli(["serve", "--demo"], capsys)
    assert code == 2 and "找不到样例文档" in err
    assert not served


def test_session_and_login_limits_from_the_environment_and_options(
    served: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = tmp_path / "x.db"
    open_store(str(db)).close()
    monkeypatch.setenv("JIXIAO_LOGIN_WINDOW_MINUTES", "7")
    monkeypatch.setenv("JIXIAO_SESSION_MINUTES", "600")
    args = ["serve", "--db", str(db), "--session-minutes", "30", "--idle-minutes", "10"]
    code, _out, err = run_cli([*args, "--login-failures-per-user", "3"], capsys)
    assert code == 0, err
    limits = served["app"].state.access.limits
    assert (limits.session_minutes, limits.idle_minutes) == (30, 10)
    assert (limits.login_failures_per_user, limits.login_failures_per_address) == (3, 20)
    assert limits.login_window_minutes == 7
    monkeypatch.setenv("JIXIAO_IDLE_MINUTES", "soon")
    code, _out, err = run_cli(["serve", "--db", str(db)], capsys)
    assert code == 2 and "JIXIAO_IDLE_MINUTES" in err
    monkeypatch.delenv("JIXIAO_IDLE_MINUTES")
    code, _out, err = run_cli(["serve", "--db", str(db), "--session-minutes", "0"], capsys)
    assert code == 2
