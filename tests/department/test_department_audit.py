"""Scoring and auditing the department forms: the self-evaluation is scored like a
project's (budget rate + indicators + grade), the target declaration is not scored; the
A/R/Q checks apply, with A009 (基本支出 + 项目支出) and A010 (Σ tasks = 金额合计)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.audit import cross_form_findings, review
from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    Form,
    Indicator,
)
from jixiao.parse import parse_file
from jixiao.score import ruleset_for, score_form

INPUTS = Path(__file__).resolve().parent / "inputs"


def _self() -> DepartmentSelfEvaluation:
    (form,) = parse_file(INPUTS / "01_dept_self.html").forms
    assert isinstance(form, DepartmentSelfEvaluation)
    return form


def _target() -> DepartmentTargetDeclaration:
    (form,) = parse_file(INPUTS / "02_dept_target.html").forms
    assert isinstance(form, DepartmentTargetDeclaration)
    return form


def _codes(form: Form) -> list[tuple[str, str | None]]:
    (item,) = review([form])
    return [(f.code, f.location.field) for f in item.report.findings]


def test_department_self_evaluation_scored_like_a_project() -> None:
    form = _self()
    rs = ruleset_for(form)
    assert rs.name == "mof2020"
    score = score_form(form, rs)
    assert score.budget is not None and score.budget.computed == Decimal("9.50")
    assert score.total == Decimal("97.40")
    assert score.grade == "优"


def test_department_target_is_not_scored() -> None:
    form = _target()
    score = score_form(form, ruleset_for(form))
    assert score.total is None and score.budget is None
    assert {r.method for r in score.rows} == {"unscored"}
    assert score.explanation.startswith("部门整体支出绩效目标表不评分")


def test_consistent_forms_have_no_arithmetic_or_rule_findings() -> None:
    for form in (_self(), _target()):
        assert [c for c, _ in _codes(form) if c[0] in "AR"] == []


def test_spending_split_off_total_is_a009() -> None:
    form = _self()
    spending = form.spending.model_copy(
        update={"basic": form.spending.basic.model_copy(update={"executed": Decimal("600.00")})}
    )
    codes = _codes(form.model_copy(update={"spending": spending}))
    assert ("A009", "funds.total.executed") in codes
    assert ("A003", "spending.basic.rate") in codes  # 98.57% no longer 600 / 700


def test_spending_within_rounding_is_not_a009() -> None:
    form = _self()
    spending = form.spending.model_copy(
        update={"basic": form.spending.basic.model_copy(update={"initial": Decimal("600.004")})}
    )
    form = form.model_copy(update={"spending": spending, "money_unit": "万元"})
    assert ("A009", "funds.total.initial") not in _codes(form)


def test_funding_sources_off_total_is_a005() -> None:
    form = _self()
    funds = form.funds.model_copy(
        update={"other": form.funds.other.model_copy(update={"adjusted": Decimal("80.00")})}
    )
    assert ("A005", "funds.total.adjusted") in _codes(form.model_copy(update={"funds": funds}))


def test_task_total_off_amounts_is_a010_and_task_sources_a005() -> None:
    form = _target()
    tasks = list(form.tasks)
    tasks[0] = tasks[0].model_copy(update={"total": Decimal("330.00")})
    codes = _codes(form.model_copy(update={"tasks": tuple(tasks)}))
    assert ("A010", "amounts.total") in codes
    assert ("A005", "tasks.0") in codes
    assert ("A010", "amounts.appropriation") not in codes


def test_amounts_row_sources_off_is_a005() -> None:
    form = _target()
    amounts = form.amounts.model_copy(update={"other": Decimal("40.00")})
    codes = _codes(form.model_copy(update={"amounts": amounts}))
    assert ("A005", "amounts.total") in codes
    assert ("A010", "amounts.other") in codes


def test_negative_task_amount_is_a007() -> None:
    form = _target()
    task = form.tasks[2].model_copy(update={"other": Decimal("-5.00")})
    codes = _codes(form.model_copy(update={"tasks": (*form.tasks[:2], task)}))
    assert ("A007", "tasks.2.other") in codes


def test_rules_apply_to_department_self_evaluation() -> None:
    form = _self()
    rows = list(form.indicators)
    rows[1] = rows[1].model_copy(update={"score": Decimal("10"), "note": None})  # 356 of 400
    rows[5] = rows[5].model_copy(update={"note": None})  # 9 of 10 without a reason
    changed = form.model_copy(update={"indicators": tuple(rows), "grade": "良"})
    codes = _codes(changed)
    assert ("R001", "indicators.1.score") in codes
    assert ("R005", "indicators.5.note") in codes
    assert ("R004", "grade") in codes
    assert ("A001", "total_score") in codes


def test_target_quality_applies_to_department_target() -> None:
    form = _target()
    rows = [r for r in form.indicators if r.level1 != "满意度指标"]
    rows[0] = rows[0].model_copy(update={"target": "较上年增长"})
    codes = _codes(form.model_copy(update={"indicators": tuple(rows)}))
    assert ("Q001", "indicators.0.target") in codes
    assert ("Q004", "indicators") in codes


def test_department_self_evaluation_against_its_target() -> None:
    target = _target().model_copy(update={"year": 2023})
    evaluation = _self()
    rows = list(evaluation.indicators)
    rows[0] = rows[0].model_copy(update={"target": "≥1.5万人"})
    evaluation = evaluation.model_copy(update={"indicators": tuple(rows)})
    found = cross_form_findings([evaluation, target])
    codes = {(f.code, f.location.field) for f in found[0]}
    assert ("X003", "indicators.0.target") in codes
    assert any(f.code == "X005" and f.values["indicator"] == "职业技能培训人次" for f in found[0])
    other = target.model_copy(update={"department": "另一个局"})
    assert not [f for f in cross_form_findings([evaluation, other])[0] if f.code == "X003"]


def test_department_never_meets_a_project_of_the_same_name() -> None:
    from jixiao.model import TargetDeclaration

    evaluation = _self()
    project = TargetDeclaration(
        year=2023,
        project=evaluation.department,
        indicators=(Indicator(name="城镇新增就业人数", target="≥9万人"),),
        source=evaluation.source,
    )
    assert not [f for f in cross_form_findings([evaluation, project])[0] if f.code[0] == "X"]
