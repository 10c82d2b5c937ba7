"""``jixiao audit``: exit codes, filters, formats and the summary."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from support import EXAMPLES, run_cli

CLEAN = EXAMPLES / "000_52d2d39b8e94208b.txt"  # no error-level finding
SONGJIANG = EXAMPLES / "002_3d7362f935c9f97e.txt"  # lenient rows (R001)
LEGACY = EXAMPLES / "001_5643fb32fc07280b.txt"


def test_no_error_finding_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["audit", str(CLEAN)], capsys)
    assert code == 0
    assert "共读取 12 张表单" in out and "错误 0" in out


def test_an_error_finding_exits_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = LEGACY.read_text(encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(text.replace("合计\t\t\t100\t94\t", "合计\t\t\t100\t99\t", 1), encoding="utf-8")
    code, out, _ = run_cli(["audit", str(bad)], capsys)
    assert code == 1
    assert "A001" in out and "相差 5" in out
    assert run_cli(["audit", str(LEGACY)], capsys)[0] == 0


def test_a_folder_is_read_file_by_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / LEGACY.name).write_bytes(LEGACY.read_bytes())
    code, out, _ = run_cli(["audit", str(tmp_path)], capsys)
    assert code == 0 and "共读取 9 张表单" in out


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["audit", "no/such/file.txt"], capsys)
    assert code == 2 and "找不到文件" in err
    code, _, err = run_cli(["audit", str(CLEAN), "--select", "Z999"], capsys)
    assert code == 2 and err.startswith("错误：") and "Z999" in err
    code, _, err = run_cli(["audit", str(CLEAN), "--ruleset", "no-such-ruleset"], capsys)
    assert code == 2 and err.startswith("错误：")


def test_select_and_ignore_decide_the_exit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["audit", str(SONGJIANG), "--select", "R001", "-f", "json"], capsys)
    records = json.loads(out)
    assert code == 1 and records and {r["code"] for r in records} == {"R001"}
    assert "共读取 29 张表单" in err  # the summary goes to stderr with --format json
    code, out, _ = run_cli(["audit", str(SONGJIANG), "--ignore", "R001", "-f", "json"], capsys)
    assert code == 0 and "R001" not in {r["code"] for r in json.loads(out)}


def test_json_findings_are_self_contained(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["audit", str(SONGJIANG), "--format", "json"], capsys)
    assert code == 1
    records = json.loads(out)
    lenient = [r for r in records if r["code"] == "R001"]
    assert lenient
    for r in records:
        assert r["project"] and r["year"] == 2023 and r["file"] == SONGJIANG.name
        assert r["values"]["project"] == r["project"] and r["values"]["year"] == 2023
        assert r["line_start"] <= r["line_end"]
    first = next(r for r in lenient if r["indicator"] == "孵化示范基地评估运营补贴完成数")
    assert first["row"] == 0 and first["field"] == "indicators.0.score"
    assert first["project"] == "创业补助" and first["values"]["computed"] == 4


def test_csv_has_a_bom_and_one_row_per_finding(capsys: pytest.CaptureFixture[str]) -> None:
    _, as_json, _ = run_cli(["audit", str(SONGJIANG), "-f", "json"], capsys)
    _, out, _ = run_cli(["audit", str(SONGJIANG), "-f", "csv"], capsys)
    assert out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert len(rows) == len(json.loads(as_json))
    assert {"code", "severity", "project", "indicator", "message"} <= set(rows[0])


def test_summary_counts_codes_and_lenient_share(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["audit", str(SONGJIANG), str(CLEAN)], capsys)
    assert code == 1
    assert "共读取 41 张表单" in out
    assert "R001 自评得分高于按规则计算的得分" in out
    assert "自评总分高于复核总分的表单：3 / 41（7.3%），其中 2 张" in out
