"""``jixiao users`` and ``jixiao units``: accounts and the organisation tree from the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jixiao.service import accounts
from jixiao.store import open_store
from support import run_cli


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_add_list_set_reset_disable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "u.db")
    _stdin(monkeypatch, "first password\n")
    code, out, _ = run_cli(
        ["users", "add", "alice", "--role", "单位填报人", "--unit", "甲单位", "--password-stdin",
         "--db", db],
        capsys,
    )  # fmt: skip
    assert code == 0 and "单位填报人" in out and "单位：甲单位" in out
    code, out, _ = run_cli(["users", "list", "--db", db], capsys)
    assert "alice" in out and "单位填报人" in out
    with open_store(db) as store:
        assert accounts.authenticate(store, "alice", "first password", "x") is not None
    code, out, _ = run_cli(
        ["users", "set", "alice", "--role", "department_reviewer", "--department", "乙局",
         "--db", db],
        capsys,
    )  # fmt: skip
    assert code == 0 and "主管部门审核人" in out
    _stdin(monkeypatch, "second password\n")
    code, _, _ = run_cli(["users", "password", "alice", "--password-stdin", "--db", db], capsys)
    assert code == 0
    with open_store(db) as store:
        who = accounts.authenticate(store, "alice", "second password", "x")
        assert who is not None and who.scope.label == "主管部门：乙局"
    code, _, _ = run_cli(["users", "disable", "alice", "--db", db], capsys)
    assert code == 0
    with open_store(db) as store:
        assert accounts.authenticate(store, "alice", "second password", "x") is None
        assert not accounts.has_accounts(store)
    code, out, _ = run_cli(["users", "list", "--db", db], capsys)
    assert "已停用" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--role", "国王", "--all"], "没有这个角色"),
        (["--role", "管理员"], "指定一个范围"),
        (["--role", "管理员", "--all", "--unit", "甲"], "指定一个范围"),
        (["--role", "管理员", "--all", "--password-stdin"], "至少 8 个字符"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    said: str,
) -> None:
    _stdin(monkeypatch, "short\n")
    code, _, err = run_cli(["users", "add", "bob", *args, "--db", str(tmp_path / "u.db")], capsys)
    assert code == 2 and said in err


def test_units_tree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "u.db")
    assert run_cli(["units", "add", "甲单位", "--department", "乙局", "--db", db], capsys)[0] == 0
    assert run_cli(["units", "add", "甲单位", "--department", "丙局", "--db", db], capsys)[0] == 0
    code, out, _ = run_cli(["units", "list", "--db", db], capsys)
    assert code == 0 and out.strip() == "丙局\t甲单位"
