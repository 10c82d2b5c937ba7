"""``jixiao cycle`` and ``jixiao due-dates``: the review cycle from the command line, as
a named account whose role and scope the service checks; exit codes as every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from access_support import EXAMPLES, TALENT, accounts_store, principal_of
from jixiao.service import read_file
from jixiao.service.cycle import submit_form
from jixiao.store import open_store
from jixiao.store.cycle import history
from support import run_cli


def _db(tmp_path: Path) -> tuple[str, int]:
    with accounts_store(tmp_path, documents=False) as store:
        form = read_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
        assert form.unit == TALENT
        form_id = submit_form(store, principal_of(store, "talent_head"), form)
        return str(tmp_path / "accounts.db"), form_id


def test_show_step_and_todo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, form_id = _db(tmp_path)
    form = str(form_id)
    code, out, _ = run_cli(["cycle", "show", form, "--as", "hrss", "--db", db], capsys)
    assert code == 0 and "已提交" in out and "department_approve" in out
    code, out, _ = run_cli(["cycle", "todo", "--as", "hrss", "--db", db], capsys)
    assert code == 0 and f"#{form_id}" in out and "共 1 张" in out
    code, _, err = run_cli(["cycle", "step", form, "return", "--as", "hrss", "--db", db], capsys)
    assert code == 2 and "意见" in err
    code, _, err = run_cli(
        ["cycle", "step", form, "approve", "--as", "songjiang", "--db", db], capsys
    )
    assert code == 2 and "没有编号" in err  # out of scope: not found
    code, _, err = run_cli(["cycle", "step", form, "approve", "--as", "nobody", "--db", db], capsys)
    assert code == 2 and "没有启用的用户" in err
    code, out, _ = run_cli(
        ["cycle", "step", form, "退回", "--as", "hrss", "--comment", "请补充",
         "--cell", "project=名称不全", "--db", db],
        capsys,
    )  # fmt: skip
    assert code == 0 and "主管部门退回" in out
    code, _, err = run_cli(["cycle", "step", form, "submit", "--as", "auditor", "--db", db], capsys)
    assert code == 2 and "无权" in err
    for who, step in (("talent_head", "submit"), ("hrss", "approve"), ("finance", "approve")):
        code, _, _ = run_cli(["cycle", "step", form, step, "--as", who, "--db", db], capsys)
        assert code == 0, (who, step)
    code, out, _ = run_cli(
        ["cycle", "step", form, "publish", "--as", "finance", "--db", db], capsys
    )
    assert code == 0 and "已公开" in out
    with open_store(db) as store:
        steps = [(t.step, t.username) for t in history(store, form_id)]
    assert steps[2:] == [
        ("department_return", "hrss"),
        ("submit", "talent_head"),
        ("department_approve", "hrss"),
        ("finance_approve", "finance"),
        ("publish", "finance"),
    ]
    code, out, _ = run_cli(["cycle", "show", form, "--db", db], capsys)
    assert code == 0 and "请补充" in out and "名称不全" in out


def test_due_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = _db(tmp_path)
    args = ["2024", "target_declaration", "submitted"]
    code, _, err = run_cli(
        ["due-dates", "set", *args, "2024-06-30", "--as", "talent", "--db", db], capsys
    )
    assert code == 2 and "无权" in err
    code, _, err = run_cli(["due-dates", "set", *args, "6月30日", "--db", db], capsys)
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, _ = run_cli(
        ["due-dates", "set", *args, "2024-06-30", "--as", "finance", "--db", db], capsys
    )
    assert code == 0
    code, out, _ = run_cli(["due-dates", "list", "--db", db], capsys)
    assert code == 0 and "2024-06-30" in out and "共 1 条" in out
    code, out, _ = run_cli(["due-dates", "clear", *args, "--db", db], capsys)
    assert code == 0 and "已清除" in out
    code, out, _ = run_cli(["due-dates", "list", "--db", db], capsys)
    assert "共 0 条" in out
