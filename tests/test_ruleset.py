"""Rulesets: the bundled files, a user's own file, and errors naming file, key and line."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import LegacySelfEvaluation, SelfEvaluation, Source, TargetDeclaration
from jixiao.score import Ruleset, RulesetError, bundled_rulesets, load_ruleset, ruleset_for
from jixiao.score.loading import parse_ruleset

D = Decimal
DOCS = Path(__file__).resolve().parent.parent / "docs"
SRC = Source(file="x.txt", lines=(1, 2))

MINIMAL = """\
name = "mine"
title = "我的规则"

[[grades]]
name = "好"
min = 60

[[grades]]
name = "差"
min = 0
"""


def test_default_and_bundled() -> None:
    assert load_ruleset(None).name == "mof2020"
    names = [r.name for r in bundled_rulesets()]
    assert names == ["mof2020", "shanghai2019"]
    mof = load_ruleset("mof2020")
    assert mof.budget.weight == 10 and mof.budget.cap
    assert mof.reverse.formula == "ratio"
    assert (mof.rounding.places, mof.rounding.mode) == (2, "half_up")
    assert mof.weights.level1 == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert mof.audit.budget_far_ratio == D("0.2")
    assert mof.qualitative.partial.high_inclusive  # 80 % accepted for 部分达成 too
    assert not mof.qualitative.not_achieved.high_inclusive


@pytest.mark.parametrize(
    ("name", "total", "grade"),
    [
        ("mof2020", "90", "优"),
        ("mof2020", "89.99", "良"),
        ("mof2020", "80", "良"),
        ("mof2020", "60", "中"),
        ("mof2020", "59.99", "差"),
        ("shanghai2019", "75", "良好"),
        ("shanghai2019", "74.99", "合格"),
        ("shanghai2019", "0", "不合格"),
    ],
)
def test_grade_for(name: str, total: str, grade: str) -> None:
    assert load_ruleset(name).grade_for(D(total)) == grade


def test_every_switch_in_the_bundled_files_is_commented() -> None:
    for name in ("mof2020", "shanghai2019"):
        text = (
            Path(__file__).resolve().parent.parent / "src/jixiao/score/rulesets" / f"{name}.toml"
        ).read_text("utf-8")
        assert "实务" in text  # the practice points are marked
        assert tomllib.loads(text)["name"] == name


def test_ruleset_for_picks_by_kind_unless_chosen() -> None:
    legacy = LegacySelfEvaluation(source=SRC)
    assert ruleset_for(legacy).name == "shanghai2019"
    assert ruleset_for(SelfEvaluation(source=SRC)).name == "mof2020"
    assert ruleset_for(TargetDeclaration(source=SRC)).name == "mof2020"
    mof = load_ruleset("mof2020")
    assert ruleset_for(legacy, mof) is mof


def test_minimal_file_takes_defaults(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    rules = load_ruleset(path)
    assert isinstance(rules, Ruleset)
    assert rules.name == "mine" and rules.budget.weight == 10
    assert load_ruleset(str(path)) == rules


def test_example_province_file_from_the_docs_loads() -> None:
    rules = load_ruleset(DOCS / "examples" / "zhejiang.toml")
    assert rules.budget.weight == 20
    assert rules.reverse.formula == "linear"
    assert rules.qualitative.partial.low == 50
    assert rules.qualitative.achieved.low == 80  # untouched keys keep their defaults


def test_unknown_name_lists_the_bundled_ones() -> None:
    with pytest.raises(RulesetError, match="mof2020、shanghai2019"):
        load_ruleset("nowhere")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RulesetError, match="找不到规则集文件"):
        load_ruleset(tmp_path / "no.toml")


def _error(text: str) -> str:
    with pytest.raises(RulesetError) as info:
        parse_ruleset(text, "bad.toml")
    return info.value.message


def test_unknown_key_names_file_key_and_line() -> None:
    text = MINIMAL + '\n[reverse]\nformula = "ratio"\nfromula = "linear"\n'
    message = _error(text)
    assert "bad.toml" in message
    assert "reverse.fromula" in message
    assert "第 14 行" in message
    assert "未知的键" in message


def test_bad_value_in_an_array_table_names_its_line() -> None:
    text = MINIMAL.replace("min = 0", 'min = "零"')
    message = _error(text)
    assert "grades.1.min" in message and "第 10 行" in message


def test_bad_choice_lists_the_allowed_values() -> None:
    message = _error(MINIMAL + '[rounding]\nmode = "up"\n')
    assert "rounding.mode" in message and "第 12 行" in message
    assert "half_up" in message


def test_missing_key_and_model_rules() -> None:
    message = _error(MINIMAL.replace('title = "我的规则"\n', ""))
    assert "键 title" in message and "缺少此键" in message
    no_zero = _error(MINIMAL.replace("min = 0", "min = 10"))
    assert "min 为 0" in no_zero
    band = _error(MINIMAL + "[qualitative.partial]\nlow = 90\nhigh = 80\n")
    assert "qualitative.partial" in band and "第 11 行" in band


def test_toml_syntax_error_has_line_and_column() -> None:
    message = _error(MINIMAL + "[budget\nweight = 1\n")
    assert "bad.toml 第 11 行第 8 列不是有效的 TOML" in message
