"""Whole forms: budget part, total, grade, the three kinds, and the seed forms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import (
    FundRow,
    Funds,
    GradeBand,
    Indicator,
    LegacyInfo,
    LegacySelfEvaluation,
    SelfEvaluation,
    Source,
    TargetDeclaration,
)
from jixiao.parse import parse_file
from jixiao.score import load_ruleset, ruleset_for, score_form
from jixiao.score.budget import score_budget
from support import SEEDS

D = Decimal
SRC = Source(file="x.txt", lines=(1, 20))
MOF = load_ruleset("mof2020")


def _self_eval(total: FundRow, *rows: Indicator, total_score: str | None = None) -> SelfEvaluation:
    return SelfEvaluation(
        source=SRC,
        funds=Funds(total=total),
        indicators=rows,
        total_score=None if total_score is None else D(total_score),
    )


def test_budget_rate_and_score() -> None:
    b = score_budget(FundRow(adjusted=D("21.96"), executed=D("21.45"), weight=D(10)), MOF)
    assert (b.rate, b.computed) == (D("97.68"), D("9.77"))
    assert b.explanation == "执行数 21.45 / 预算数 21.96 = 97.68%，× 10 分 = 9.77 分"


def test_budget_rate_mode_down_matches_truncating_systems() -> None:
    down = MOF.model_copy(
        update={"rounding": MOF.rounding.model_copy(update={"rate_mode": "down"})}
    )
    b = score_budget(FundRow(adjusted=D("21.96"), executed=D("21.45")), down)
    assert b.rate == D("97.67")


def test_budget_cap_and_ruleset_weight() -> None:
    over = score_budget(FundRow(adjusted=D(100), executed=D(120)), MOF)
    assert (over.weight, over.rate, over.computed) == (D(10), D("120.00"), D("10.00"))
    assert "上限" in over.explanation and "按规则集" in over.explanation
    uncapped = MOF.model_copy(update={"budget": MOF.budget.model_copy(update={"cap": False})})
    assert score_budget(FundRow(adjusted=D(100), executed=D(120)), uncapped).computed == D(12)


@pytest.mark.parametrize(
    ("row", "why"),
    [
        (FundRow(adjusted=D(0), executed=D(5)), "全年预算数为 0"),
        (FundRow(executed=D(5)), "未填全年预算数"),
        (FundRow(adjusted=D(5)), "未填全年执行数"),
    ],
)
def test_budget_without_a_rate(row: FundRow, why: str) -> None:
    b = score_budget(row, MOF)
    assert b.rate is None and b.computed is None
    assert b.explanation.startswith(why)


def test_total_is_budget_plus_accepted_rows_and_graded() -> None:
    form = _self_eval(
        FundRow(adjusted=D(100), executed=D(90), weight=D(10)),
        Indicator(name="人数", target="≥60人", actual="56人", weight=D(50), score=D(50)),
        Indicator(
            name="机制",
            target="健全",
            actual="部分达成指标并具有一定效果",
            weight=D(30),
            score=D(30),
        ),
        Indicator(name="满意度", target="≥90%", actual="95%", weight=D(10), score=D(10)),
        total_score="99",
    )
    result = score_form(form, MOF)
    # budget 9.00 + 46.67 (50 × 56/60) + 24.00 (top of 60–80 % of 30) + 10.00
    assert result.total == D("89.67")
    assert result.grade == "良"
    assert result.reported_total == D(99)
    assert (
        result.explanation == "预算执行 9.00 分 + 指标 80.67 分 = 89.67 分，"
        "按「财政部 2020 年项目支出绩效自评规则」为「良」"
    )


def test_target_declaration_is_unscored_but_read() -> None:
    form = TargetDeclaration(
        source=SRC,
        indicators=(
            Indicator(name="人数", target="=15名"),
            Indicator(name="x", target="健全"),
            Indicator(name="y"),
        ),
    )
    result = score_form(form, ruleset_for(form))
    assert result.total is None and result.grade is None and result.budget is None
    assert [r.method for r in result.rows] == ["unscored"] * 3
    assert result.explanation == "绩效目标表不评分；已读取 3 项指标的目标，其中 1 项未填或无法读出"
    assert "目标 = 15 人" in result.rows[0].explanation


def test_legacy_uses_its_own_grade_rule() -> None:
    rows = (
        Indicator(
            level1="投入与管理",
            name="预算执行率",
            target="反映项目预算执行的进度",
            weight=D(30),
            score=D(8),
        ),
        Indicator(level1="产出目标", name="完成率", weight=D(70), score=D(66)),
    )
    own = (GradeBand(grade="甲", min_score=D(70)), GradeBand(grade="乙", min_score=D(0)))
    form = LegacySelfEvaluation(source=SRC, indicators=rows, legacy=LegacyInfo(grade_rule=own))
    result = score_form(form, ruleset_for(form))
    assert result.ruleset == "shanghai2019"
    assert result.total == D(74)
    assert result.grade == "甲"
    assert "表内说明" in result.explanation
    plain = score_form(LegacySelfEvaluation(source=SRC, indicators=rows), ruleset_for(form))
    assert plain.grade == "合格"
    assert all(r.method == "unscorable" for r in result.rows)


def test_first_seed_form_scores_as_printed() -> None:
    form = parse_file(SEEDS[0]).forms[0]
    result = score_form(form, ruleset_for(form))
    assert form.project == "信息化运维项目"
    assert (result.total, result.grade, result.reported_total) == (D("97.37"), "优", D("97.37"))
    assert result.budget is not None and result.budget.computed == D("9.77")
    assert [r.method for r in result.rows].count("qualitative") == 3


@pytest.mark.slow
def test_every_seed_form_scores_within_bounds() -> None:
    for path in SEEDS:
        for form in parse_file(path).forms:
            result = score_form(form, ruleset_for(form))
            assert len(result.rows) == len(form.indicators)
            for row in result.rows:
                if row.computed is not None and row.weight is not None:
                    assert 0 <= row.computed <= row.weight


@pytest.mark.parametrize(("printed", "shown"), [("90", False), ("90.00", False), ("80", True)])
def test_legacy_budget_row_shows_the_rate_its_header_gives(printed: str, shown: bool) -> None:
    rows = (Indicator(level1="投入与管理", name="预算执行率", weight=D(8), score=D(8)),)
    info = LegacyInfo(budget=D(200), executed=D("180.5"), rate=D(printed))
    form = LegacySelfEvaluation(source=SRC, indicators=rows, legacy=info)
    text = score_form(form, ruleset_for(form)).rows[0].explanation
    assert text.startswith("执行数 180.5 / 预算数 200 = 90.25%")
    assert ("表中印 80%" in text) is shown
    assert text.endswith("采用自评得分 8.00 分")
