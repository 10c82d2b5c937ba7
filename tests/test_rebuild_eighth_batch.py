"""Habits of the eighth batch of unseen self-evaluations (``tests/wild`` 144–150), each
modelled on the real document named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.support import self_evaluations

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file


def _forms(tmp_path: Path, text: str) -> list[SelfEvaluation]:
    return self_evaluations(tmp_path, text)


_BY_LEVEL = """医疗救助补助资金转移支付项目绩效目标自评表 | |||||||
(2024年度) | |||||||
转移支付(项目)名称 | 医疗救助补助资金 | ||||||
中央主管部门 | 医疗保障局 | ||||||
地方主管部门 | 医疗保障局 | 资金使用单位 | 某县医疗保障局 | ||||
资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||
年度资金总额: | 3359.62万 | 3359.62万 | 100% | ||||
其中:中央财政资金 | 829.3万 | 829.3万 | 100% | ||||
彩票公益金用于医疗救助 | 0 | 0 | 100% | ||||
地方资金 | 2530.32万 | 2530.32万 | 100% | ||||
其他资金 | |||||||
"""
"""The funding rows of a 转移支付 self-evaluation as 霍山 144 (安徽) prints them: the money
by the government it comes from (中央财政资金, 地方资金), a lottery fund between them,
amounts with their unit."""


def test_funding_rows_by_government_are_sources_not_the_appropriation(tmp_path: Path) -> None:
    (form,) = _forms(tmp_path, _BY_LEVEL)
    assert form.funds.total.adjusted == Decimal("3359.62")
    assert form.funds.appropriation.adjusted is None  # 中央财政资金 is no 财政资金 row
    extra = form.funds_extra
    assert list(extra) == ["中央财政资金", "彩票公益金用于医疗救助", "地方资金"]
    assert extra["中央财政资金"].executed == Decimal("829.3")
    assert extra["彩票公益金用于医疗救助"].adjusted == Decimal("0")
    assert (extra["地方资金"].adjusted, extra["地方资金"].rate) == (
        Decimal("2530.32"),
        Decimal("100"),
    )


def test_one_government_named_row_is_still_the_appropriation(tmp_path: Path) -> None:
    """Alone, a row naming a level (``其中:市级财政资金``) is this level's appropriation:
    only two or more such rows are a breakdown by level."""
    text = _BY_LEVEL.replace("其中:中央财政资金", "其中:市级财政资金")
    text = text.replace("彩票公益金用于医疗救助 | 0 | 0 | 100% | ||||\n", "")
    text = text.replace("地方资金 | 2530.32万 | 2530.32万 | 100% | ||||\n", "")
    (form,) = _forms(tmp_path, text)
    assert form.funds.appropriation.adjusted == Decimal("829.3")
    assert not form.funds_extra


_COVER = """岳阳市某区财政支出项目绩效评价自评报告

项目名称        优 抚

项目单位     某区民政局

主管部门

评价方式:部门(单位)绩效自评

评价机构:部门(单位)评价组

报告日期:2017 年7 月 15  日

项目负责人

张三

联系电话

8328726

项目绩效定量目标(指标)及完成情况

一级指标

二级指标

指标内容

指标(目标)值

实际完成值
"""
"""The cover of a 湖南 《财政支出项目绩效评价自评报告》 as 南湖新区 150 prints it, a cell a
paragraph: 主管部门 printed empty, the cover's own captions and values after it."""


def test_a_name_printed_empty_takes_no_captioned_cell_after_it(tmp_path: Path) -> None:
    path = tmp_path / "cover.txt"
    path.write_text(_COVER, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.unit == "某区民政局"
    assert form.department is None  # not 评价方式:部门(单位)绩效自评评价机构:…


_BARS_BETWEEN = """附件1
2022年度项目支出绩效自评表
单位名称:某市退役军人事务局 填报日期:2023年4月6日
项目名称
|
春节走访慰问经费
|
||||||||
主管部门
|
某市退役军人事务局
|
项目实施单位
|
某市退役军人事务局
|
||||||
预算执行情况(万元)
(20分)
|
|
预算数(A)
|
执行数(B)
|
执行率(B/A)
|
得分
(20分*执行率)
|
||||
年度财政资金总额
|
34.64
|
34.64
|
100%
|
20
|
|||||
一级指标
|
二级指标
|
三级指标
|
年初目标值(A)
|
实际完成值(B)
|
得分
|
|||
产出指标(60分)
|
数量指标
|
慰问对象人数
|
100%
|
100%
|
60
|
||||
|
|
|
|
|
|||||
满意度指标(20分)
|
服务对象满意度指标
|
慰问对象满意率
|
100%
|
100%
|
20
|
||||
总分(100分)
|
100
|
自评等级
|
优
|
||||||
偏差大或
目标未完成
原因分析
|
无
|
||||||||
备注:预算数为调整后财政资金总额。
"""
"""A Word table as 保山 148 (云南) comes out of a mirror page: a cell a line, a lone bar
after each cell, a line of bars after each row (its empty grid cells), a row of empty
cells, captions over two or three lines, the page's lines around the table."""


def test_bars_after_cells_close_them_and_a_row_of_empty_cells_stays_a_row(
    tmp_path: Path,
) -> None:
    (form,) = _forms(tmp_path, _BARS_BETWEEN)
    assert (form.project, form.department, form.unit) == (
        "春节走访慰问经费",
        "某市退役军人事务局",
        "某市退役军人事务局",
    )
    assert (form.funds.total.adjusted, form.funds.total.score) == (Decimal("34.64"), Decimal(20))
    names = [r.name for r in form.indicators]
    assert names == ["慰问对象人数", "慰问对象满意率"]  # the empty row ends nothing
    assert form.indicators[1].level1 == "满意度指标"


def test_a_total_printing_its_full_points_is_the_total_row(tmp_path: Path) -> None:
    """``总分(100分) | 100``: the total row (its full points in the label), not a row of
    an indicator named 总分."""
    (form,) = _forms(tmp_path, _BARS_BETWEEN)
    assert (form.total_weight, form.total_score, form.grade) == (Decimal(100), Decimal(100), "优")
    assert all(r.level1 != "总分" for r in form.indicators)


def test_a_money_unit_printed_after_the_funding_header_is_the_tables(tmp_path: Path) -> None:
    """六安 146 (安徽): a Word table a paragraph a cell, ``项目资金`` / ``(万元)`` over two
    lines of a merged cell, the ``(万元)`` read after the header row's last cell (得分):
    the table's money unit, not a part of the 得分 caption."""
    cells = [
        "项目支出绩效自评表",
        "(2021年度)",
        "项目名称",
        "公共文化服务体系经费",
        "主管部门",
        "某市文化和旅游局",
        "实施单位",
        "某市文旅局",
        "项目资金",
        " ",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
        "(万元)",
        "年度资金总额",
        "200",
        "200",
        "179.43",
        "10",
        "89.7%",
        "9",
        " ",
        "其中:当年财政拨款",
        "200",
        "200",
        "179.43",
        "10",
        "89.7%",
        "8",
        " ",
    ]
    (form,) = _forms(tmp_path, "\n\n".join(cells) + "\n")
    assert form.money_unit == "万元"
    assert (form.funds.total.executed, form.funds.total.score) == (Decimal("179.43"), Decimal(9))


def test_a_funds_evaluation_table_is_a_self_evaluation(tmp_path: Path) -> None:
    """名山 147 (四川): the 2024 form of a 转移支付's self-evaluation is titled
    ``…资金绩效评价表``; a department's ``部门整体支出绩效评价表`` stays a department form."""
    from jixiao.parse.titles import find_title

    found = find_title("****2024年度林业草原改革发展资金绩效评价表")
    assert found is not None and (found.kind, found.year) == ("self_evaluation", 2024)
    department = find_title("2023年度部门整体支出绩效评价表")
    assert department is not None and department.kind == "department_self_evaluation"


def test_an_indicator_cell_the_excerpt_cuts_off_is_no_value(tmp_path: Path) -> None:
    """霍山 144 ends ``质量指标 | 医疗救助合规率 | 100`` with no closing bar, every piped
    line before it closed: ``100`` is what the excerpt printed of ``100%``, no target."""
    text = _BY_LEVEL + (
        "绩效指标 | 一级 指标 |\n"
        "二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 | |\n"
        "产 出 指 标 |\n"
        "数量指标 | 享受医疗救助人次 | ≥50000人次 | 110406 | |||\n"
        "质量指标 | 医疗救助合规率 | 100\n"
    )
    (form,) = _forms(tmp_path, text)
    assert [(r.name, r.target) for r in form.indicators] == [("享受医疗救助人次", "≥50000人次")]
