"""Habits of the self-evaluations of the batch ``tests/wild`` 151–156, each modelled on
the real document named in its test."""

from __future__ import annotations

from pathlib import Path

from jixiao.model import SelfEvaluation
from jixiao.parse.layouts.spaced import LAYOUT as SPACED
from jixiao.parse.titles import find_title
from jixiao.read import read_document


def test_the_hunan_project_self_evaluation_report_form_is_a_self_evaluation() -> None:
    # 邵阳 (156): 《2021年项目绩效自评报告表(实施单位用)》 has 立项依据 among its labels,
    # which made the title-less reading call it a target declaration
    found = find_title("2021年项目绩效自评报告表(实施单位用)")
    assert found is not None
    assert found.kind == "self_evaluation"
    assert found.year == 2021


_ONE_CELL_A_LINE = """项目支出绩效自评表
( 2021年度)
项目名称
双随机抽查委托审计费
实施单位
某县市场监督管理局
项目资金
(万元)
年初预算数
调整预算数
全年执行数
分值
执行率
得分
年度资金总额
30
30
10
100%
10
年度总体目标
预期目标
实际完成情况
委托中介机构对企业公示的信息开展审计核查。
共开展抽查95批次,结果全部公示。
"""


def test_goal_captions_on_lines_of_their_own_are_no_goal_text(tmp_path: Path) -> None:
    # 乐亭 (155): a docx preview keeps one cell a line, so 预期目标 and 实际完成情况 stand
    # on lines of their own above the two texts; they were read into the expected goal
    path = tmp_path / "form.txt"
    path.write_text(_ONE_CELL_A_LINE, encoding="utf-8")
    (form,) = SPACED.parse(read_document(path)).forms
    assert isinstance(form, SelfEvaluation)
    assert form.goal_expected == "委托中介机构对企业公示的信息开展审计核查。"
    assert form.goal_actual == "共开展抽查95批次,结果全部公示。"
