"""Habits of the target and department tables of the batch ``tests/wild`` 160–169, each
modelled on the real document named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    Form,
    TargetDeclaration,
)
from jixiao.parse import parse_file
from jixiao.parse.layouts.grid import key_of


def _forms(tmp_path: Path, text: str) -> list[Form]:
    path = tmp_path / "form.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return list(parse_file(path).forms)


def _paragraphs(*cells: str) -> str:
    """A Word table pasted into a web page: one cell a paragraph, a blank line between."""
    return "\n\n".join(cells)


def test_a_starred_label_names_its_field(tmp_path: Path) -> None:
    # 浮梁县林业局 (160): the budget system's export stars the required labels
    text = "\n".join(
        [
            "| 部门整体支出绩效目标表 | |||||||",
            "| 部门名称: | 某县林业局 | *联系人: | ×× | ||",
            "| *部门职能职责概述 | 保障人员经费。 | ||||||",
            "| 年度绩效目标 | |||||||",
            "| *年度绩效总目标 | 保证职能实现,保障人员经费。 | ||||||",
            "| 一级指标 | 二级指标 | 三级指标 | 计算符号 | 目标值 | 度量单位 | 指标值说明 | |",
            "| 产出指标 | 数量指标 | 保障在职职工人数(人) | = | 116 | 人 | 数据合理 | |",
            "| 质量指标 | 工资发放准确性(%) | ≥ | 95 | % | 数据合理 | |",
        ]
    )
    (form,) = _forms(tmp_path, text)
    assert isinstance(form, DepartmentTargetDeclaration)
    assert form.goal == "保证职能实现,保障人员经费。"
    assert [(i.name, i.target) for i in form.indicators] == [
        ("保障在职职工人数(人)", "=116人"),
        ("工资发放准确性(%)", "≥95%"),
    ]


def test_a_label_naming_the_code_printed_with_its_value() -> None:
    # 莆田 (168): 主管部门(单位)名称及预算编码 | 福建省文化和旅游厅335301302
    found = key_of("主管部门(单位)名称及预算编码")
    assert found is not None and found[0] == "department"
    assert key_of("主管部门及代码") is not None  # printed as a word of its own
    assert key_of("项目负责人及编码") is None  # a label the vocabulary does not know


_TARGET_HEAD = [
    "(2022年度) | ||||||",
    "项目名称 | 南部水源涵养林建设项目 | |||||",
    "主管部门及代码 | 某区自然资源局 | 实施单位 | 某区自然资源局 | |||",
    "项目资金 (万元) | 年度资金总额: | 6070.00 | ||||",
    "其中:财政拨款 | 6070.00 | |||||",
    "年度总体目标 | 完成营造林8万亩。 | |||||",
    "绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | ||",
]


def test_a_level_label_with_the_templates_fill_note(tmp_path: Path) -> None:
    # 原州区 (161): the template's 必填/选填 notes stay in the 二级指标 cells
    rows = [
        "产出指标 | 数量指标 (必填硬性指标) | 实施营造林总面积(亩) | 80000 | |||",
        "其中:实施新造林总面积(亩) | 30000 | |||||",
        "修建作业道长度(公里) | 30 | |||||",
        "质量指标 (必填) | 苗木成活率(≥**%) | 85 | ||||",
        "时效指标 (必填) | 项目完成时间 | 2023年底 | ||||",
        "成本指标 (必填硬性指标) | 项目总投入(≥**万元) | 6070 | ||||",
        "效益指标 | 经济效益 指标 (选填) | 增加就业机会,提高农民收入。 | ||||",
        "社会效益 指标 (必填) | 受益人数(人) | 132 | ||||",
        "生态效益 指标 (选填) | 提高森林覆盖率,保护生物多样性。 | |||||",
    ]
    text = "标 题: | 项目支出绩效目标申报表 |\n" + "\n".join(_TARGET_HEAD + rows)
    (form,) = _forms(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    assert [(i.level2, i.name, i.target) for i in form.indicators] == [
        ("数量指标", "实施营造林总面积(亩)", "80000"),
        ("数量指标", "其中:实施新造林总面积(亩)", "30000"),
        ("数量指标", "修建作业道长度(公里)", "30"),
        ("质量指标", "苗木成活率(≥**%)", "85"),
        ("时效指标", "项目完成时间", "2023年底"),
        ("成本指标", "项目总投入(≥**万元)", "6070"),
        ("经济效益指标", "增加就业机会,提高农民收入。", None),
        ("社会效益指标", "受益人数(人)", "132"),
        ("生态效益指标", "提高森林覆盖率,保护生物多样性。", None),
    ]


def test_a_listed_attachment_is_no_form_of_its_own(tmp_path: Path) -> None:
    # 安溪 (167), 莆田 (168): the notice lists its attachments, then prints them
    text = "\n".join(
        [
            "现下达水利专项资金,请抓紧实施。",
            "附件:1.水利专项资金安排表",
            "2.水利专项资金绩效目标表",
            "附件1",
            "水利专项资金安排表",
            "序号 |",
            "项目单位 |",
            "金额 |",
            "1 |",
            "某镇 |",
            "20 |",
            "附件2",
            "水利专项资金绩效目标表",
            "项目名称 |",
            "水利专项资金 |",
            "主管部门(单位)名称 |",
            "某县水利局 |",
            "资金总额 |",
            "100 |",
            "一级指标 |",
            "二级指标 |",
            "三级指标 |",
            "指标值 |",
            "产出指标 |",
            "数量指标 |",
            "小型水利工程建设数量 |",
            "7个 |",
        ]
    )
    forms = _forms(tmp_path, text)
    assert len(forms) == 1
    (form,) = forms
    assert isinstance(form, TargetDeclaration)
    assert (form.project, form.department) == ("水利专项资金", "某县水利局")
    assert [(i.name, i.target) for i in form.indicators] == [("小型水利工程建设数量", "7个")]
    assert not [f for f in form.findings if f.code == "P013"]


def _deptself(goals: list[str], rows: list[str]) -> str:
    """零陵区林业局 (164): a 部门整体支出绩效自评表 pasted one cell a paragraph."""
    head = [
        "部门整体支出绩效自评表",
        "2021年度)",
        "年度预",
        "算申请",
        "(万元)",
        "年初",
        "预算数",
        "全年预算数",
        "全年",
        "执行数",
        "分值",
        "执行率",
        "得分",
        "年度资金总额",
        "4753.66",
        "4753.66",
        "3824.26",
        "10",
        "100%",
        "10",
        "年度总体目标",
        "预期目标",
        "实际完成情况",
        *goals,
        "一级指标",
        "二级指标",
        "三级指标",
        "年度",
        "指标值",
        "实际",
        "完成值",
        "分值",
        "得分",
        "偏差原因",
        "分析及",
        "改进措施",
    ]
    return _paragraphs(*head, *rows)


_GOALS = [
    "目标1:造林1.2万亩,",
    "目标2:森林经营16.3万亩",
    "1.完成造林1.2万亩,",
    "2.完成森林经营16.3万亩",
]
_ROWS = [
    "产出指标", "(50)", "数量", "指标", "造林面积", "1.2万亩", "1.2万亩", "10", "10", " ",
    "森林经营面积", "16.3万亩", "16.3万亩", "7", "7",
    "质量", "指标", "造林成活率", "85%", "85%", "7", "6", " ", "……", " ", " ", " ",
    "效益指标", "30分)", "经济效", "益指标", "木材销售收入", "1100万元", "1093万元", "6", "5", " ",
]  # fmt: skip


def test_a_header_wrapped_over_three_paragraphs_and_a_weight_apart(tmp_path: Path) -> None:
    # 偏差原因 / 分析及 / 改进措施; 产出指标 / (50); 效益指标 / 30分) (a bracket lost); no 总分
    # printed (the excerpt stops early) and a row's empty 偏差原因 dropped with its cell
    (form,) = _forms(tmp_path, _deptself(_GOALS, _ROWS))
    assert isinstance(form, DepartmentSelfEvaluation)
    assert [(i.level1, i.level2, i.name, i.target, i.actual) for i in form.indicators] == [
        ("产出指标", "数量指标", "造林面积", "1.2万亩", "1.2万亩"),
        ("产出指标", "数量指标", "森林经营面积", "16.3万亩", "16.3万亩"),
        ("产出指标", "质量指标", "造林成活率", "85%", "85%"),
        ("效益指标", "经济效益指标", "木材销售收入", "1100万元", "1093万元"),
    ]
    assert [(i.weight, i.score) for i in form.indicators][-1] == (Decimal("6"), Decimal("5"))


def test_goal_paragraphs_go_cell_after_cell(tmp_path: Path) -> None:
    # two numbered paragraphs under each of 预期目标 / 实际完成情况: the first cell's, then
    # the second's (paragraphs not numbered alike are left to the rule of a cell each)
    (form,) = _forms(tmp_path, _deptself(_GOALS, _ROWS))
    assert isinstance(form, DepartmentSelfEvaluation)
    assert form.goal_expected == "目标1:造林1.2万亩,目标2:森林经营16.3万亩"
    assert form.goal_actual == "1.完成造林1.2万亩,2.完成森林经营16.3万亩"


def test_an_overall_goal_beside_its_label_and_an_annual_one_below_its_caption(
    tmp_path: Path,
) -> None:
    # 荣昌区林业局 (163): 项目总体目标 | …, then 项目年度目标 over its text
    cells = [
        "项目绩效目标表", "(2022年度)", "申报单位", "区林业局", "项目(专项)名称",
        "公路绿化美化项目", "资金情况(万元)", "年度资金总额:", "153.5184",
        "项目概况及立项依据", "实施乡村公路绿化", "项目总体目标", "对约3500米公路沿线绿化美化。",
        "项目年度目标", "经清表、栽植和管护完成绿化美化。", "绩效指标", "一级指标", "二级指标",
        "三级指标", "计量单位", "指标性质", "指标值", "产出指标", "数量指标", "绿化美化公路", "米",
        "=", "3500",
    ]  # fmt: skip
    (form,) = _forms(tmp_path, "\n".join(f"{c} |" for c in cells))
    assert isinstance(form, TargetDeclaration)
    assert form.project == "公路绿化美化项目"
    assert form.target_meta.overview == "实施乡村公路绿化"
    assert form.target_meta.goal == (
        "中长期目标：对约3500米公路沿线绿化美化。年度目标：经清表、栽植和管护完成绿化美化。"
    )
    assert [(i.name, i.target) for i in form.indicators] == [("绿化美化公路", "=3500米")]
