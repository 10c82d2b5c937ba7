"""Habits of the fifth batch of unseen documents (``tests/wild`` 120–125), each modelled
on the real document named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import DepartmentSelfEvaluation, DepartmentTargetDeclaration, TargetDeclaration
from jixiao.parse import parse_file
from jixiao.parse.text import parse_points

_WILD = Path(__file__).parent / "wild" / "inputs"


def test_points_with_their_unit() -> None:
    assert parse_points("100分") == Decimal("100")
    assert parse_points("20%") == Decimal("20")
    assert parse_points("9.5") == Decimal("9.5")


def test_a_total_printed_with_its_unit_is_read(tmp_path: Path) -> None:
    """塘湖镇 120 prints its total as ``总分 | 100分``: the points, not an unreadable number."""
    text = (_WILD / "91_anhui_deptself_pipe.txt").read_text(encoding="utf-8")
    assert "总分 | 100 | 100 |" in text
    path = tmp_path / "total.txt"
    path.write_text(text.replace("总分 | 100 | 100 |", "总分 | 100分 | 100分 |"), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, DepartmentSelfEvaluation)
    assert (form.total_weight, form.total_score) == (Decimal("100"), Decimal("100"))
    assert not [f for f in form.findings if f.code == "P002"]


_TANGHU = """单位名称:塘湖镇政府 填报日期:2021.5.18
单位名称 | 塘湖镇人民政府 | ||||||||
基本支出总额 | 864.2万 | 项目支出总额 | 0 | ||||||
预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |||||
部门整体支出总额 | 864.2 | 100% | 20 | ||||||
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |||
产出指标 | 数量指标 | 办结信访案件 | 168起 | 168起 | 40 | ||||
满意度指标 | 群众满意度 指标 | 群众对政府工作满意度 | ≧90% | 95% | 40 | ||||
总分 | 100分 | ||||||||
"""
"""The head of 塘湖镇 120 (通城县, 湖北): a department self-evaluation whose text prints
no title, the unit as 单位名称, the year's money as 部门整体支出总额."""


def _tanghu(tmp_path: Path, text: str = _TANGHU) -> DepartmentSelfEvaluation:
    path = tmp_path / "tanghu.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, DepartmentSelfEvaluation)
    return form


def test_the_whole_departments_spending_is_the_years_money(tmp_path: Path) -> None:
    total = _tanghu(tmp_path).funds.total
    assert (total.adjusted, total.rate, total.weight, total.score) == (
        Decimal("864.2"),
        Decimal("100"),
        Decimal("20"),
        Decimal("20"),
    )
    assert total.executed is None  # one amount under 预算数 and 执行数: not guessed twice


def test_unit_name_names_a_department_forms_department(tmp_path: Path) -> None:
    """单位名称 beside its value is the department; the inline caption before the form
    (``单位名称:塘湖镇政府 填报日期:…``) names the filer and is not read."""
    assert _tanghu(tmp_path).department == "塘湖镇人民政府"
    caption_only = _TANGHU.replace("单位名称 | 塘湖镇人民政府 | ||||||||\n", "")
    assert _tanghu(tmp_path, caption_only).department is None


_ZHONGXIAN = """生猪(牛羊)调出大县奖励资金区域绩效目标表 | |||||
资金名称 |
生猪(牛羊)调出大县奖励资金 | ||||
中央主管部门 |
财政部、农业农村部 | ||||
资金情况 |
年度金额(万元): |
397 | |||
其中:中央补助(万元) |
397 | ||||
年度目标 |
生猪生产平稳有序。 | ||||
一级指标 |
二级指标 |
三级指标 |
单位 |
指标值 | |
绩效指标 |
产出指标 |
数量指标 |
猪肉产量稳定率 |
% |
≥95% |
能繁母猪稳定率 |
% |
90% | |||
"""
"""A transfer payment's 区域绩效目标表 as 忠县 125 (重庆) prints it, one cell a line."""


def test_a_regional_target_names_its_fund_and_the_years_amount(tmp_path: Path) -> None:
    path = tmp_path / "zhongxian.txt"
    path.write_text(_ZHONGXIAN, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    assert form.project == "生猪(牛羊)调出大县奖励资金"
    assert form.target_meta.current_budget == Decimal("397")
    assert [(i.name, i.target) for i in form.indicators] == [
        ("猪肉产量稳定率", "≥95%"),
        ("能繁母猪稳定率", "90%"),
    ]


def test_a_form_without_rows_keeps_the_reading_that_names_its_head() -> None:
    """南京 122 (江苏, a 申报表 cut off before its money and indicators, one flat line after
    a document-sharing site's notices): no layout reads a row or an amount of it, and the
    reading that names its project, department and year is kept over one that found the
    title only; the form still says it read no rows (P013)."""
    (form,) = parse_file(_WILD / "122_jiangsu_target_flat.txt").forms
    assert isinstance(form, TargetDeclaration)
    assert (form.project, form.department, form.year, form.money_unit) == (
        "农桥建设专项资金",
        "南京市财政局",
        2018,
        "万元",
    )
    assert [f.code for f in form.findings if f.severity == "error"] == ["P013"]


def test_a_department_targets_appropriation_beside_its_total() -> None:
    """南岳 123 (湖南): 年度预算申请 as ``资金总额:704`` and ``公共财政拨款:683``, one
    paragraph each: the appropriation of the year's money, as the total is."""
    (form,) = parse_file(_WILD / "123_hunan_depttarget_cellline.txt").forms
    assert isinstance(form, DepartmentTargetDeclaration)
    assert (form.amounts.total, form.amounts.appropriation) == (Decimal("704"), Decimal("683"))


def test_a_spending_label_and_its_amount_in_one_cell() -> None:
    """南岳 123: ``其他资金:`` (empty) then ``基本支出:622`` and ``项目支出:82``, each a
    paragraph of its own: the budget by nature of spending, not the value of 其他资金."""
    (form,) = parse_file(_WILD / "123_hunan_depttarget_cellline.txt").forms
    assert isinstance(form, DepartmentTargetDeclaration)
    assert (form.spending.basic.initial, form.spending.project.initial) == (
        Decimal("622"),
        Decimal("82"),
    )
    assert form.amounts.other is None
