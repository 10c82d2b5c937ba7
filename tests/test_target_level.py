"""Targets set too low (Q006 on a row, X007 against last year's actuals) and direction
targets (稳步提升 met by 有所提升)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.audit import review
from jixiao.model import (
    Form,
    FundRow,
    Funds,
    Indicator,
    SelfEvaluation,
    Source,
    TargetDeclaration,
)
from jixiao.model.value import Tier
from jixiao.model.value_grammar import direction, parse_value
from jixiao.score import load_ruleset
from jixiao.score.row import judge
from jixiao.service import check, open_store, recheck_projects
from jixiao.store import DocumentInfo
from support import EXAMPLES

MOF = load_ruleset("mof2020")


def _evaluation(*rows: Indicator, year: int = 2023) -> SelfEvaluation:
    money = FundRow(adjusted=D(100), executed=D(100), weight=D(10), score=D(10), rate=D(100))
    return SelfEvaluation(
        year=year,
        project="培训项目",
        unit="培训中心",
        funds=Funds(total=money),
        indicators=rows,
        source=Source(file="e.txt", lines=(1, 20)),
    )


def _codes(*forms: Form) -> list[list[str]]:
    return [[f.code for f in item.report.findings] for item in review(list(forms), MOF)]


@pytest.mark.parametrize(
    ("target", "actual", "raised"),
    [
        ("≥2次", "42次", True),
        ("≥2(次)", "6.00(次)", True),  # exactly 3 times: the ruleset's limit
        ("≥2次", "5次", False),
        ("≥2次", "42", True),  # a bare actual is in the target's unit
        ("≥2次", "42场", False),  # another unit
        ("2", "42", False),  # no unit: not known to be the same quantity
        ("≤2天", "42天", False),  # a ceiling, missed
        ("≥30%", "95%", True),
    ],
)
def test_a_target_met_many_times_over_is_flagged(target: str, actual: str, raised: bool) -> None:
    row = Indicator(name="召开会议次数", target=target, actual=actual, weight=D(90), score=D(90))
    found = [f for f in review([_evaluation(row)], MOF)[0].report.findings if f.code == "Q006"]
    assert bool(found) is raised
    if raised:
        assert found[0].location.row == 0 and "倍" in found[0].message


def test_the_demo_meeting_target_is_flagged() -> None:
    item = check(EXAMPLES / "003_e808c967bf7c4d08.txt")[12]
    q = [f for f in item.report.findings if f.code == "Q006"]
    assert any(f.values["ratio"] == "21" and "≥2(次)" in f.message for f in q)


def test_the_ratio_is_a_ruleset_switch() -> None:
    strict = MOF.model_copy(update={"audit": MOF.audit.model_copy(update={"target_low_ratio": 30})})
    row = Indicator(name="会议次数", target="≥2次", actual="42次", weight=D(90), score=D(90))
    assert "Q006" not in [f.code for f in review([_evaluation(row)], strict)[0].report.findings]


def _declaration(*targets: tuple[str, str]) -> TargetDeclaration:
    return TargetDeclaration(
        year=2024,
        project="培训项目",
        unit="培训中心",
        indicators=tuple(Indicator(name=n, target=t) for n, t in targets),
        source=Source(file="d.txt", lines=(1, 20)),
    )


def test_a_declaration_far_below_last_years_actuals_is_flagged() -> None:
    last = _evaluation(
        Indicator(name="培训人数", target="≥100人", actual="900人", weight=D(45), score=D(45)),
        Indicator(name="课程数", target="≥10门", actual="40门", weight=D(45), score=D(45)),
    )
    low = _declaration(("培训人数", "≥120人"), ("课程数", "≥10门"), ("满意度", "≥90%"))
    codes = _codes(last, low)
    assert "X007" in codes[1] and "X007" not in codes[0]
    x = next(f for f in review([last, low], MOF)[1].report.findings if f.code == "X007")
    assert x.values["count"] == 2 and x.values["prev_year"] == 2023
    raised = _declaration(("培训人数", "≥800人"), ("课程数", "≥10门"))
    assert "X007" not in _codes(last, raised)[1]  # one target near last year's: not all low
    other_year = last.model_copy(update={"year": 2022})
    assert "X007" not in _codes(other_year, low)[1]


@pytest.mark.parametrize(
    ("target", "actual", "tier"),
    [
        ("稳步提升", "有所提升", Tier.ACHIEVED),
        ("较上年有所提高", "有所提高", Tier.ACHIEVED),
        ("人社服务质量得到提升", "服务质量稳步提升", Tier.ACHIEVED),
        ("有所提升", "未提升", Tier.NOT_ACHIEVED),
        ("有所提升", "有所下降", Tier.NOT_ACHIEVED),
    ],
)
def test_direction_targets_are_reviewed(target: str, actual: str, tier: Tier) -> None:
    verdict = judge(parse_value(target), parse_value(actual), D(10), MOF)
    assert verdict.method == "qualitative" and verdict.band is not None
    low, high = verdict.band
    assert (low, high) == ((D(8), D(10)) if tier is Tier.ACHIEVED else (D(0), D(6)))


def test_direction_is_read_by_the_value_grammar() -> None:
    assert direction(parse_value("较上年有所提高")) == ("up", True)
    assert direction(parse_value("没有明显降低")) == ("down", False)
    assert direction(parse_value("健全")) is None
    assert direction(parse_value("≥95%")) is None
    verdict = judge(parse_value("≥95%"), parse_value("有所提升"), D(10), MOF)
    assert verdict.method == "unscorable"


def test_x007_is_found_when_both_forms_are_stored_apart() -> None:
    last = _evaluation(
        Indicator(name="培训人数", target="≥100人", actual="900人", weight=D(90), score=D(90))
    )
    low = _declaration(("培训人数", "≥120人"))
    with open_store("sqlite://") as store:
        for name, form in (("a.txt", last), ("b.txt", low)):
            alone = review([form], MOF)
            store.save_forms(
                [r.published() for r in alone],
                DocumentInfo(name, name[0] * 64),
                scores=[r.score for r in alone],
            )
        assert store.forms(code="X007") == []
        assert recheck_projects(store, ["培训项目"])
        assert [r["kind"] for r in store.forms(code="X007")] == ["target_declaration"]
