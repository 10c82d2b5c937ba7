"""The CLI on department forms: parse, score, audit, import, list, show, render."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import run_cli

INPUTS = Path(__file__).resolve().parent / "inputs"
SELF = str(INPUTS / "01_dept_self.html")
TARGET = str(INPUTS / "02_dept_target.html")


def test_parse_prints_the_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["parse", SELF, TARGET], capsys)
    assert code == 0
    assert "部门整体支出绩效自评表" in out and "部门整体支出绩效目标表" in out
    assert "某市人力资源和社会保障局" in out
    code, out, _ = run_cli(["parse", TARGET, "--format", "json"], capsys)
    assert json.loads(out)[0]["tasks"][2]["name"] == "社会保险经办"


def test_score_and_audit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["score", SELF], capsys)
    assert code == 0
    assert "某市人力资源和社会保障局" in out and "97.40" in out and "优" in out
    code, out, _ = run_cli(["audit", SELF, TARGET], capsys)
    assert code == 0, out


def test_import_list_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "d.db")
    code, _, err = run_cli(["import", str(INPUTS), "--db", db], capsys)
    assert code == 0, err
    code, out, _ = run_cli(["list", "--db", db, "--kind", "department_target_declaration"], capsys)
    assert code == 0 and "某市人力资源和社会保障局" in out and "公共实训基地建设" not in out
    code, out, _ = run_cli(["show", "1", "--db", db], capsys)
    assert code == 0
    assert "部门（单位）名称" in out and "年度主要任务" in out and "按支出性质分" in out
    assert "就业促进" in out and "97.40" in out
    code, out, _ = run_cli(["show", "3", "--db", db], capsys)
    assert code == 0 and "中长期绩效指标" in out and "年培训能力" in out


def test_render_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for to in ("xlsx", "docx", "pdf"):
        out_path = tmp_path / f"部门.{to}"
        code, _out, err = run_cli(["render", SELF, TARGET, "--to", to, "-o", str(out_path)], capsys)
        if code != 0 and to == "pdf" and "字体" in err:
            pytest.skip(err)
        assert code == 0, err
        assert out_path.stat().st_size > 0
