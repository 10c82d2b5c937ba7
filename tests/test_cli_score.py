"""``jixiao score`` and ``jixiao rulesets``: exit codes, tables, JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from support import EXAMPLES, ROOT, run_cli

SPACED = EXAMPLES / "000_52d2d39b8e94208b.txt"
LEGACY = EXAMPLES / "001_5643fb32fc07280b.txt"
TARGET = EXAMPLES / "004_30fc85b3e2ff877a.txt"


def test_score_table_shows_reported_computed_and_why(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["score", str(SPACED)], capsys)
    assert code == 0
    assert "复核得分" in out and "说明" in out
    assert "实际 365 天 = 目标 365 天，得满分 6 分" in out
    assert "执行数 21.45 / 预算数 21.96 = 97.68%" in out
    assert "复核 97.37 分（优）" in out


def test_score_json_is_a_list_of_form_scores(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["score", str(LEGACY), str(TARGET), "-f", "json"], capsys)
    assert code == 0
    data = json.loads(out, parse_float=Decimal)
    assert len(data) == 13
    legacy = data[0]
    assert legacy["ruleset"] == "shanghai2019" and legacy["grade"] == "优秀"
    assert legacy["total"] == legacy["reported_total"] == 94
    assert legacy["file"] == LEGACY.name and legacy["project"]
    assert all(d["total"] is None for d in data if d["kind"] == "target_declaration")


def test_score_with_a_chosen_ruleset_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "docs" / "examples" / "zhejiang.toml"
    code, out, _ = run_cli(["score", str(SPACED), "--ruleset", str(path), "-f", "json"], capsys)
    assert code == 0
    first = json.loads(out, parse_float=Decimal)[0]
    assert first["ruleset"] == "zhejiang"
    assert first["budget"]["weight"] == 10  # the form prints its own budget weight


def test_bad_ruleset_exits_two_with_one_chinese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(["score", str(SPACED), "--ruleset", "nowhere"], capsys)
    assert code == 2
    assert err.startswith("错误：未知的规则集：nowhere")
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\ntitle = "y"\ngrades = []\n', encoding="utf-8")
    code, _, err = run_cli(["score", str(SPACED), "--ruleset", str(bad)], capsys)
    assert code == 2
    assert "bad.toml 第 3 行" in err and "grades" in err
    assert len(err.strip().splitlines()) == 1


def test_unreadable_file_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run_cli(["score", str(empty), str(TARGET)], capsys)
    assert code == 2
    assert "错误" in err
    assert "绩效目标表不评分" in out


def test_rulesets_lists_the_bundled_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["rulesets"], capsys)
    assert code == 0
    assert "mof2020" in out and "shanghai2019" in out and "优秀 ≥ 90" in out
    code, out, _ = run_cli(["rulesets", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert [r["name"] for r in data] == ["mof2020", "shanghai2019"]
    assert data[1]["weights"]["level1"]["投入与管理"] == 36


def test_rows_scored_above_the_rules_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["score", str(EXAMPLES / "002_3d7362f935c9f97e.txt")], capsys)
    assert code == 0
    assert "自评得分高于规则允许：第 2 行（高 5.00 分）、第 4 行（高 5.00 分）" in out
    code, out, _ = run_cli(["score", str(SPACED)], capsys)
    assert "高于规则允许" not in out


def test_rulesets_show_prints_a_starting_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["rulesets", "--show", "mof2020"], capsys)
    assert code == 0
    assert out.startswith("# 财政部") and "实务" in out
    copy = tmp_path / "mine.toml"
    copy.write_text(out.replace('name = "mof2020"', 'name = "mine"'), encoding="utf-8")
    code, out, _ = run_cli(["rulesets", "--show", str(copy)], capsys)
    assert code == 0
    assert out.startswith('name = "mine"') and "[qualitative.partial]" in out
