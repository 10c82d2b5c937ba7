"""``jixiao import --on-duplicate``, ``withdraw`` / ``restore`` / ``purge``, ``runs``,
``correct`` and ``log``: exit codes and what each leaves in the store and the log."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.render.docx import docx_bytes
from jixiao.service import check_file
from jixiao.store import open_store
from support import EXAMPLES, run_cli

SMALL = EXAMPLES / "004_30fc85b3e2ff877a.txt"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'g.db'}"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "again.docx"
    path.write_bytes(docx_bytes(list(check_file(str(SMALL)).forms)))
    return path


def test_duplicates_skipped_by_default_and_kept_as_versions(
    db: str, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["import", str(SMALL), "--db", db, "-j", "1"], capsys)[0] == 0
    code, out, err = run_cli(["import", str(copy), "--db", db, "-j", "1"], capsys)
    assert code == 0 and "跳过 1" in out and "重复" in err
    code, out, _ = run_cli(
        ["import", str(copy), "--db", db, "-j", "1", "--on-duplicate", "version"], capsys
    )
    assert code == 0 and "表单 4 张" in out
    with open_store(db) as store:
        assert store.count_forms() == 4 and store.count_forms(include="all") == 8
    assert run_cli(["import", str(copy), "--db", db, "--on-duplicate", "x"], capsys)[0] == 2


@pytest.mark.parametrize(("policy", "stored"), [("skip", 4), ("version", 8), ("replace", 8)])
def test_on_duplicate_applies_inside_one_import(
    db: str, copy: Path, capsys: pytest.CaptureFixture[str], policy: str, stored: int
) -> None:
    """Two files of one import repeating each other: the later one's forms are
    duplicates of the earlier one's, decided by --on-duplicate (not skipped silently)."""
    code, out, err = run_cli(
        ["import", str(SMALL), str(copy), "--db", db, "-j", "1", "--on-duplicate", policy],
        capsys,
    )
    assert code == 0 and "相同" in out + err
    with open_store(db) as store:
        assert store.count_forms() == 4 and store.count_forms(include="all") == stored
        logged = {e["action"] for e in store.change_log()[0]}
    assert (policy in logged) is (policy != "skip")


def test_withdraw_restore_purge_and_the_log(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(["import", str(SMALL), "--db", db, "-j", "1"], capsys)
    assert run_cli(["withdraw", "document", "1", "--db", db], capsys)[0] == 2  # no reason
    assert run_cli(["withdraw", "document", "9", "--db", db, "--reason", "x"], capsys)[0] == 2
    code, out, _ = run_cli(["withdraw", "document", "1", "--db", db, "--reason", "=误传"], capsys)
    assert code == 0 and "已撤回文件 #1" in out
    with open_store(db) as store:
        assert store.count_forms() == 0
    code, out, _ = run_cli(["documents", "--db", db, "--withdrawn"], capsys)
    assert code == 0 and SMALL.name[:10] in out
    assert run_cli(["restore", "document", "1", "--db", db], capsys)[0] == 0
    assert run_cli(["purge", "document", "1", "--db", db, "--yes"], capsys)[0] == 2  # not withdrawn
    assert run_cli(["withdraw", "form", "2", "--db", db, "--reason", "错表"], capsys)[0] == 0
    assert run_cli(["purge", "form", "2", "--db", db], capsys)[0] == 2  # no --yes
    assert run_cli(["purge", "form", "2", "--db", db, "--yes"], capsys)[0] == 0
    with open_store(db) as store:
        assert store.count_forms(include="all") == 3
    out_csv = tmp_path / "log.csv"
    code, out, _ = run_cli(["log", "--db", db, "--to", "csv", "-o", str(out_csv)], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert [r[2] for r in rows[1:]] == ["永久删除", "撤回", "恢复", "撤回", "导入"]
    assert rows[4][6].endswith("：=误传")
    out_xlsx = tmp_path / "log.xlsx"
    assert run_cli(["log", "--db", db, "--to", "xlsx", "-o", str(out_xlsx)], capsys)[0] == 0
    sheet = load_workbook(out_xlsx).active
    assert sheet is not None and sheet.max_row == 6
    code, out, _ = run_cli(["log", "--db", db, "--action", "withdraw"], capsys)
    assert code == 0 and "共 2 条" in out
    assert run_cli(["log", "--db", db, "--action", "nope"], capsys)[0] == 2
    assert run_cli(["log", "--db", db, "--since", "2024/1/1"], capsys)[0] == 2


def test_runs_undo_and_correct(db: str, copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(["import", str(SMALL), "--db", db, "-j", "1"], capsys)
    run_cli(["import", str(copy), "--db", db, "-j", "1", "--on-duplicate", "replace"], capsys)
    code, out, _ = run_cli(["runs", "list", "--db", db], capsys)
    assert code == 0 and "完成" in out
    code, out, _ = run_cli(["runs", "undo", "2", "--db", db], capsys)
    assert code == 0 and "撤回文件 1 个，恢复表单 4 张" in out
    assert run_cli(["runs", "undo", "2", "--db", db], capsys)[0] == 2
    assert run_cli(["runs", "undo", "99", "--db", db], capsys)[0] == 2
    with open_store(db) as store:
        assert store.form_ids() == [1, 2, 3, 4]
    code, out, _ = run_cli(["correct", "1", "project", "改正的名称", "--db", db], capsys)
    assert code == 0 and "原读值" in out
    with open_store(db) as store:
        assert store.load_form(1).project == "改正的名称"
        assert store.corrections(1)[0]["original"] == "高峰人才及其团队服务专项"
    assert run_cli(["correct", "1", "source", "x", "--db", db], capsys)[0] == 2


def test_log_cells_are_never_formulas() -> None:
    from datetime import UTC, datetime

    from jixiao.export.audit_log import log_csv, log_xlsx

    entry = {
        "at": datetime(2025, 1, 1, tzinfo=UTC),
        "username": "@evil",
        "action": "withdraw",
        "document_id": 1,
        "form_id": None,
        "run_id": None,
        "summary": '=HYPERLINK("http://x","点击")',
    }
    rows = list(csv.reader(io.StringIO(log_csv([entry]).decode("utf-8-sig"))))
    assert rows[1][1] == "'@evil" and rows[1][6].startswith("'=HYPERLINK")
    sheet = load_workbook(io.BytesIO(log_xlsx([entry]))).active
    assert sheet is not None
    cell = sheet.cell(2, 7)
    assert cell.data_type == "s" and cell.value == entry["summary"]
