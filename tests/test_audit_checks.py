"""The audit checks one by one, on small forms built to show each problem."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.audit import review
from jixiao.errors import UsageError
from jixiao.model import (
    Finding,
    Form,
    FundRow,
    Funds,
    GradeBand,
    Indicator,
    LegacyInfo,
    LegacySelfEvaluation,
    SelfEvaluation,
    Source,
    TargetDeclaration,
    TargetMeta,
)
from jixiao.parse import parse_file
from jixiao.score import load_ruleset
from support import SEEDS

D = Decimal


def _row(level1: str, name: str, target: str, actual: str, weight: str, **kw: Any) -> Indicator:
    return Indicator(
        level1=level1,
        level2=kw.pop("level2", "数量指标"),
        name=name,
        target=target,
        actual=actual,
        weight=D(weight),
        score=D(kw.pop("score", weight)),
        lines=(10, 10),
        **kw,
    )


ROWS = (
    _row("产出指标", "培训人数", "≥100(人)", "100.00(人)", "50.00"),
    _row("效益指标", "管理机制健全性", "健全", "达成指标", "30.00", level2="可持续影响指标"),
    _row("满意度指标", "学员满意度", "≥90(%)", "95.00(%)", "10.00", level2="满意度指标"),
)
MONEY = FundRow(initial=D("100.00"), adjusted=D("100.00"), executed=D("97.67"))
ZERO = FundRow(initial=D("0.00"), adjusted=D("0.00"), executed=D("0.00"))
FUNDS = Funds(
    total=MONEY.model_copy(update={"weight": D("10.00"), "rate": D("97.67"), "score": D("9.77")}),
    appropriation=MONEY.model_copy(update={"rate": D("97.67")}),
    carryover=ZERO,
    other=ZERO,
)


def good(**changes: Any) -> SelfEvaluation:
    form = SelfEvaluation(
        year=2024,
        project="培训项目",
        unit="培训中心",
        funds=FUNDS,
        indicators=ROWS,
        total_weight=D("100.00"),
        total_score=D("99.77"),
        grade="优",
        source=Source(file="t.txt", lines=(1, 40)),
    )
    return form.model_copy(update=changes)


def with_row(i: int, **changes: Any) -> SelfEvaluation:
    rows = list(ROWS)
    rows[i] = rows[i].model_copy(update=changes)
    return good(indicators=tuple(rows))


def with_total(**changes: Any) -> SelfEvaluation:
    total = FUNDS.total.model_copy(update=changes)
    return good(funds=FUNDS.model_copy(update={"total": total}))


def found(*forms: Form) -> list[list[Finding]]:
    return [list(r.report.findings) for r in review(list(forms))]


def codes(form: Form) -> list[tuple[str, int | None]]:
    return [(f.code, f.location.row) for f in found(form)[0]]


def test_a_good_form_has_no_finding() -> None:
    assert codes(good()) == []


def test_rate_to_the_printed_precision() -> None:
    near = with_total(rate=D("97.66"))  # 97.67 / 100.00 exactly: one unit off
    assert [c for c, _ in codes(near)] == ["A003"]
    rounded = near.model_copy(update={"money_unit": "万元"})  # amounts rounded to 0.01 万元
    assert codes(rounded) == []  # 97.665 / 100.005 = 97.66 % is possible
    whole = with_total(rate=D("98"), score=D("9.80"))  # a whole percent
    assert codes(whole.model_copy(update={"total_score": D("99.80")})) == []
    wrong = found(
        with_total(rate=D("90.00"), score=D("9.00")).model_copy(update={"total_score": D("99.00")})
    )[0]
    assert [f.code for f in wrong] == ["A003"]
    assert wrong[0].location.field == "funds.total.rate"
    assert wrong[0].values["computed"] == D("97.67")


def test_budget_score_against_rate_times_weight() -> None:
    assert [c for c, _ in codes(with_total(score=D("8.00")))] == ["A001", "A004"]
    slightly = with_total(score=D("9.72")).model_copy(update={"total_score": D("99.72")})
    assert [c for c, _ in codes(slightly)] == ["A004"]  # 97.67 % × 10 = 9.767 → 9.77 or 9.76
    truncated = with_total(score=D("9.76")).model_copy(update={"total_score": D("99.76")})
    assert codes(truncated) == []


def test_zero_budget_and_negative_numbers() -> None:
    zero = with_total(adjusted=D("0.00"), rate=None, score=D("0.00"))
    assert "A008" in [c for c, _ in codes(zero)]
    negative = with_row(0, weight=D("-50.00"), score=D("-50.00"))
    assert ("A007", 0) in codes(negative)


def test_funding_sub_rows_must_add_up() -> None:
    other = FundRow(initial=D("5.00"), adjusted=D("0.00"), executed=D("0.00"))
    form = good(funds=FUNDS.model_copy(update={"other": other}))
    [f] = found(form)[0]
    assert f.code == "A005" and f.values["diff"] == D("-5.00")


def test_lenient_row_and_band() -> None:
    missed = with_row(0, actual="80.00(人)", note="部分学员未参训")  # computed 40, reported 50
    assert ("R001", 0) in codes(missed)
    partial = with_row(1, actual="部分达成指标并具有一定效果", note="机制尚需完善")  # max 24
    assert ("R002", 1) in codes(partial)
    within = with_row(1, actual="部分达成指标并具有一定效果", score=D("24.00"), note="尚需完善")
    assert not [c for c, _ in codes(within) if c.startswith("R00") and c != "R008"]


def test_whole_point_rounding_is_not_lenient() -> None:
    rows = list(ROWS)
    rows[0] = rows[0].model_copy(
        update={"weight": D(9), "score": D(7), "actual": "8(人)", "target": "=11(人)"}
    )
    rows[1] = rows[1].model_copy(update={"weight": D(71), "score": D(71)})
    form = good(indicators=tuple(rows), total_score=D("97.77"))  # 9 × 8 / 11 = 6.55 → 7
    assert "R001" not in [c for c, _ in codes(form)]


def test_grade_must_match_the_total() -> None:
    assert ("R004", None) in codes(good(grade="良"))
    assert codes(good(grade="优秀")) == []  # the same grade, written out
    assert codes(good(grade="A")) == []  # a grade this ruleset does not know


def test_legacy_grade_follows_the_form_own_rule() -> None:
    legacy = LegacySelfEvaluation(
        year=2019,
        project="旧项目",
        indicators=(Indicator(level1="产出目标", name="甲", weight=D(100), score=D(80)),),
        legacy=LegacyInfo(
            grade_rule=(
                GradeBand(grade="优秀", min_score=D(90)),
                GradeBand(grade="良好", min_score=D(75)),
                GradeBand(grade="合格", min_score=D(60)),
                GradeBand(grade="不合格", min_score=D(0)),
            )
        ),
        total_weight=D(100),
        total_score=D(80),
        grade="优秀",
        source=Source(file="l.txt", lines=(1, 9)),
    )
    [grade] = [f for f in found(legacy)[0] if f.code == "R004"]
    assert grade.values["expected"] == "良好"
    header = legacy.model_copy(
        update={
            "grade": "良好",
            "legacy": legacy.legacy.model_copy(update={"grade_stated": "优秀"}),
        }
    )
    [stated] = [f for f in found(header)[0] if f.code == "R004"]
    assert stated.location.field == "legacy.grade_stated"


def test_notes_against_deductions() -> None:
    assert ("R005", 0) in codes(with_row(0, actual="90.00(人)", score=D("45.00")))
    assert ("R006", 0) in codes(with_row(0, note="因疫情未完成全年培训计划"))
    assert codes(with_row(0, note="无偏差")) == []
    assert ("R007", 2) in codes(with_row(2, actual=None))


def test_hedged_actual_with_full_marks() -> None:
    hedged = with_row(1, target="及时", actual="较及时")
    assert ("R009", 1) in codes(hedged)
    assert ("R009", 1) not in codes(with_row(1, target="及时", actual="较及时", score=D("25.00")))
    assert ("R009", 1) not in codes(with_row(1, target="较好", actual="较好"))
    mof = load_ruleset("mof2020")
    strict = mof.model_copy(
        update={"qualitative": mof.qualitative.model_copy(update={"hedged": "partial"})}
    )
    [reviewed] = review([hedged], strict)
    found = {(f.code, f.location.row) for f in reviewed.report.findings}
    assert ("R002", 1) in found and ("R009", 1) not in found


def test_target_quality() -> None:
    assert ("Q001", 0) in codes(with_row(0, target="较上年提升"))
    unitless = with_row(0, name="培训覆盖面", target="≥100", actual="100")
    assert ("Q002", 0) in codes(unitless)
    # a name that says what is counted (培训人数, 培训场次) makes a bare number its count
    assert ("Q002", 0) not in codes(with_row(0, target="≥100", actual="100"))
    assert ("Q002", 0) not in codes(with_row(0, name="培训场次", target="≥4", actual="4"))
    zero = with_row(0, weight=D("0.00"), score=D("0.00"))
    assert ("Q003", 0) in codes(zero)
    assert ("Q003", 0) not in codes(
        zero.model_copy(
            update={
                "indicators": (
                    zero.indicators[0].model_copy(update={"note": "设备自2018年起已转交"}),
                    *zero.indicators[1:],
                )
            }
        )
    )
    no_satisfaction = good(indicators=ROWS[:2])
    assert ("Q004", None) in codes(no_satisfaction)
    assert [f for f in found(good())[0] if f.code == "Q005"] == []
    rows = (
        ROWS[0].model_copy(update={"weight": D("70.00"), "score": D("70.00")}),
        ROWS[1].model_copy(update={"weight": D("10.00"), "score": D("10.00")}),
        ROWS[2],
    )
    skewed = good(indicators=rows)
    [q005] = [f for f in found(skewed)[0] if f.code == "Q005"]
    assert q005.values["level1"] == "产出指标、效益指标"


def test_idle_budget_with_full_outputs() -> None:
    idle = with_total(executed=D("0.00"), rate=D("0.00"), score=D("0.00"))
    idle = idle.model_copy(update={"total_score": D("90.00")})
    assert "X001" in [c for c, _ in codes(idle)]


def test_budget_change_needs_a_word() -> None:
    cut = with_total(initial=D("300.00"))
    assert "X002" in [c for c, _ in codes(cut)]
    explained = cut.model_copy(update={"goal_actual": "年中预算调减 200 万元"})
    assert "X002" not in [c for c, _ in codes(explained)]


def test_self_evaluation_against_its_target_declaration() -> None:
    declared = TargetDeclaration(
        year=2024,
        project="培训项目",
        unit="培训中心",
        indicators=(
            Indicator(name="培训人数", target="≥120(人)"),
            Indicator(name="学员满意度", target="≥90%"),
            Indicator(name="课程数", target="≥10(门)"),
        ),
        source=Source(file="d.txt", lines=(1, 20)),
    )
    evaluation, declaration = found(good(), declared)
    x = [
        (f.code, f.location.row, f.values.get("indicator")) for f in evaluation if f.code[0] == "X"
    ]
    assert x == [("X005", None, "课程数"), ("X003", 0, "培训人数")]
    assert not [f for f in declaration if f.code[0] == "X"]
    elsewhere = declared.model_copy(update={"unit": "另一单位"})
    assert not [f for f in found(good(), elsewhere)[0] if f.code[0] == "X"]


def test_the_same_project_across_years() -> None:
    earlier = good(year=2023, total_score=D("90.00"))
    later, first = found(good(), earlier)
    [trend] = [f for f in later if f.code == "X004"]
    assert trend.values["prev_year"] == 2023 and trend.values["prev_score"] == D("90.00")
    assert not [f for f in first if f.code == "X004"]


def test_select_and_ignore_by_prefix() -> None:
    form = with_row(0, target="较上年提升", actual="80.00(人)", score=D("45.00"))
    assert {f.code for r in review([form], select=["Q"]) for f in r.report.findings} == {"Q001"}
    left = {f.code for r in review([form], ignore=["Q", "A"]) for f in r.report.findings}
    assert left and not {c for c in left if c[0] in "QA"}
    with pytest.raises(UsageError, match="Z12"):
        review([form], select=["Z12"])


def test_seed_review_is_idempotent_and_keeps_parse_findings() -> None:
    forms = [f for seed in SEEDS[:2] for f in parse_file(seed).forms]  # 2019 and 2024
    once = review(forms)
    assert [r.published() for r in review([r.published() for r in once])] == [
        r.published() for r in once
    ]
    for before, after in zip(forms, once, strict=True):
        parse = [f.code for f in after.report.findings if f.code[0] == "P"]
        assert parse == [f.code for f in before.findings]
        for f in after.report.findings:
            assert f.values["project"] == before.project and f.values["year"] == before.year
            if f.location.row is not None:
                assert f.values["indicator"] == before.indicators[f.location.row].name


def test_weights_without_a_printed_total_must_make_full_marks() -> None:
    assert codes(good(total_weight=None)) == []
    short = with_row(0, weight=D("45.00"), score=D("45.00")).model_copy(
        update={"total_weight": None, "total_score": D("94.77")}
    )
    [f] = found(short)[0]
    assert f.code == "A002" and f.values["computed"] == D("95.00") and "满分" in f.message


def test_prior_year_figures_against_last_years_evaluation() -> None:
    last = good(year=2023, money_unit="万元")
    declared = TargetDeclaration(
        year=2024,
        project="培训项目",
        unit="培训中心",
        money_unit="元",
        target_meta=TargetMeta(prior_budget=D(1_000_000), prior_executed=D(990_000)),
        source=Source(file="d.txt", lines=(1, 20)),
    )
    stated = [f for f in found(declared, last)[0] if f.code == "X006"]
    assert [(f.location.field, f.values["actual"]) for f in stated] == [
        ("target_meta.prior_executed", D("976700"))
    ]
