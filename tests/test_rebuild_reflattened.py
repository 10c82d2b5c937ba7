"""The same forms as another site or tool flattens them (``tests/wild/reflatten.py``).

A whole form dumped on one line after a page's few stray bars is still a run of
space-separated cells, not one cell; a label and its name glued into one cell, with the
label of the next name run on after it, is three cells.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.support import parse_text

from jixiao.model import TargetDeclaration
from jixiao.parse.rebuild.anchors import split_goals
from jixiao.parse.rebuild.runon import _cut_labels, join_wrapped, split_runon
from jixiao.parse.rebuild.task_rows import task_header
from jixiao.parse.rebuild.tokens import Token, flattening, tokenize
from jixiao.read import Document, Line

_FORM = (
    "绩效目标申报表(基础设施建设类) (2022年度) 项目名称 岳阳县2022年高标准农田建设项目 "
    "项目负责人及电话 ××× 主管部门 岳阳县农业农村局 实施单位 农田建设服务中心 资金情况 (万元) "
    "年度资金总额: 854 其中:财政拨款 854 其他资金 总体目标 年度目标 完成项目主体工程70% "
    "绩效指标 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 脱贫村村内道路硬化里程 "
    "≥100公里 脱贫户供水设施数量 ≥20座 质量指标 项目(工程)验收合格率 100% "
    "满意度指标 服务对象满意度指标 受益脱贫(监测)户满意度 ≥95%"
)
_HEADLINE = "乡村振兴衔接资金绩效目标申报表(高标准农田建设) 来源:岳阳县农业农村局 浏览量:1 | | | | "


def _doc(text: str) -> Document:
    return Document("x.txt", (Line(1, text),))


def test_a_flat_form_after_a_pages_stray_bars_is_cut_at_its_spaces() -> None:
    texts = [t.text for t in tokenize(_doc(_HEADLINE + _FORM))]
    assert "项目名称" in texts and "岳阳县2022年高标准农田建设项目" in texts
    # a short cell between bars keeps its spaces' words together
    assert [t.text for t in tokenize(_doc("| 项目名称 | 岳阳县 高标准 农田 |"))][1] == (
        "岳阳县 高标准 农田"
    )


def test_a_flat_form_after_a_pages_stray_bars_reads(tmp_path: Path) -> None:
    (form,) = parse_text(tmp_path, _HEADLINE + _FORM)
    assert isinstance(form, TargetDeclaration)
    assert form.project == "岳阳县2022年高标准农田建设项目"
    assert form.department == "岳阳县农业农村局"
    assert form.unit == "农田建设服务中心"
    assert [i.name for i in form.indicators][:2] == ["脱贫村村内道路硬化里程", "脱贫户供水设施数量"]


def test_a_names_label_run_on_after_a_name_cuts_it() -> None:
    glued = Token("项目主管部门青山区教育局项目执行单位化工区学校", 1)
    assert [t.text for t in split_runon(glued, True)] == [
        "项目主管部门",
        "青山区教育局",
        "项目执行单位",
        "化工区学校",
    ]
    # no label inside the name, or none with words after it: the name stays whole
    for text, name in (
        ("项目名称党外人才专项服务工作经费", "党外人才专项服务工作经费"),
        ("主管部门青山区教育局实施单位", "青山区教育局实施单位"),
    ):
        assert [t.text for t in split_runon(Token(text, 1), True)][-1] == name


_DEPT_FLAT = (
    "2020年度部门整体支出绩效自评表 单位名称 塘湖镇人民政府 预算执行情况(万元) (20分) 预算数(A) "
    "执行数(B) 执行率(B/A) 得分 (20分*执行率) 分值 部门整体支出总额 864.2 100% 20 20 "
    "年度目标1:(80分) 提高政府办事效率、改善全镇居住环境 年度绩效指标 一级指标 二级指标 三级指标 "
    "年初目标值(A) 实际完成值(B) 得分 产出指标 数量指标 办结信访案件 168起 168起 10 数量指标 "
    "拆除活人墓、豪华墓 32座 32座 20 日效性指标 解决群众问题时间 2天以内 2天以内 10 效益指标 "
    "社会效益指标 改善人居环境 有效改善 有效改善 10 社会效益指标 提升出行效率 有效提升 有效提升 10 "
    "满意度指标 群众满意度指标 群众对政府工作满意度 ≧90% 95% 20 总分 100分"
)


def test_a_misprinted_level2_label_in_flat_text_is_a_label_not_part_of_a_name(
    tmp_path: Path,
) -> None:
    (form,) = parse_text(tmp_path, _DEPT_FLAT)
    row = form.indicators[2]
    # 日效性指标 (时效 misprinted) is no word the vocabulary knows, but a 二级 label by
    # its words: never the start of the name printed apart after it
    assert (row.level2, row.name, row.target) == ("日效性指标", "解决群众问题时间", "2天以内")


def test_the_indicator_tables_caption_is_never_cut() -> None:
    caption = Token("年度绩效指标完成情况", 1)
    assert [t.text for t in split_runon(caption)] == ["年度绩效指标完成情况"]
    # a caption with more run on after it is still cut
    assert len(split_runon(Token("绩效指标(90分)一级指标二级指标三级指标指标值", 1))) > 1


def test_a_caption_wrapped_as_two_words_apart_is_joined() -> None:
    pieces = [
        Token(t, 1, spaced=True) for t in ("开展7个小型水利工程建设", "绩效", "指标", "一级指标")
    ]
    assert [t.text for t in join_wrapped(pieces)] == [
        "开展7个小型水利工程建设",
        "绩效指标",
        "一级指标",
    ]


def test_a_codes_label_is_one_label_and_a_project_keeps_its_last_word() -> None:
    assert _cut_labels("主管部门(单位)名称及预算编码福建省文化和旅游厅335301302") == [
        "主管部门(单位)名称及预算编码",
        "福建省文化和旅游厅335301302",
    ]
    assert _cut_labels("项目名称南部水源涵养林建设项目主管部门及代码固原市自然资源局") == [
        "项目名称",
        "南部水源涵养林建设项目",
        "主管部门及代码",
        "固原市自然资源局",
    ]


_DEPT_TARGET_FLAT = (
    "部门整体支出绩效目标表 (2019年度) 部门(单位)名称 中共宁德市委党史和地方志研究室 部门预算编码 "
    "901001033 年度预算安排(万元) 资金总额 171.41 项目支出 60.8 基本支出 110.61 年度总体目标 "
    "目标1:保证本室全体人员工资和福利按时发放;目标2:保证本室日常办公经费需要,维持机关正常运转。 "
    "部门职能 年度目标任务 支出项目名称 预算金额(万元) "
    "组织、指导、编纂、督促和检查地方志、年鉴工作 "
    "落实志鉴编修经费,按期完成2019年度任务 地情、市志编纂与年鉴出版经费 49.8 一级指标 二级指标 "
    "三级指标 指标解释 目标值 产出指标 数量指标 志鉴地情相关工作开展所需资金的供应时效 "
    "100%(历史标准) 100% 满意度指标 服务对象满意度指标 社会各界对志鉴工作满意度 90%(计划标准) ≥90%"
)


def test_a_goal_in_flat_text_ends_at_the_task_tables_header(tmp_path: Path) -> None:
    assert task_header(
        [Token(t, 1) for t in ("部门职能", "年度目标任务", "支出项目名称", "预算金额")], 0
    )
    assert not task_header([Token(t, 1) for t in ("部门职能", "保障运转")], 0)
    (form,) = parse_text(tmp_path, _DEPT_TARGET_FLAT)
    assert form.goal == (
        "目标1:保证本室全体人员工资和福利按时发放;目标2:保证本室日常办公经费需要,维持机关正常运转。"
    )


def test_a_semicolon_is_no_place_to_cut_a_goal_from_its_completion() -> None:
    one = Token("返还本金并分红:第四、五年各返15%;分红首年按总额8%,余下少量资金留作企业发展", 1)
    assert split_goals([one], 2) is None  # kept whole (P012), never cut at the clause
    two = Token("完成年度防汛任务。任务全部完成", 1)
    assert [[t.text for t in g] for g in split_goals([two], 2) or []] == [
        ["完成年度防汛任务。"],
        ["任务全部完成"],
    ]


_JOINED_PIPES = (
    "| 部门预算项目支出绩效自评表(2023年度) | | 项目名称 | 全县安可替代补助资金项目 | | 主管部门 | "
    "大英县司法局 | 实施单位 | 大英县司法局 | | 项目基本情况 | 1.项目年度目标完成情况 | "
    "项目年度目标 | "
    "年度目标完成情况 | | 按要求采购安可替代设备,并按期完成项目资金支付。 | 完成 | | "
    "2.项目实施内容及过程概述 | 2023年采购安可电脑13台,12月前已付清全部资金。 | | 一级指标 | "
    "二级指标 | 三级指标 | 指标值 | 完成值 | 权重 | 得分 | | 产出指标 | 数量指标 | 采购电脑台数 | "
    "13台 | 13台 | 100 | 100 | | 合计 | 100 | 100 |"
)


def test_a_piped_table_joined_into_one_line_keeps_its_cells(tmp_path: Path) -> None:
    assert flattening(_doc(_JOINED_PIPES)) == "pipe"
    # a few stray bars in a flat line make no piped table
    assert flattening(_doc(_HEADLINE + _FORM)) == "flat"
    (form,) = parse_text(tmp_path, _JOINED_PIPES)
    # each goal is its cell: neither runs into the next cell or caption
    assert form.goal_expected == "按要求采购安可替代设备,并按期完成项目资金支付。"
    assert form.goal_actual == "完成"
    assert [(i.name, i.target, i.score) for i in form.indicators] == [
        ("采购电脑台数", "13台", Decimal(100))
    ]
