"""The ``spaced`` layout: its tricky mechanisms, one by one, on small texts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_document
from jixiao.parse.layouts.spaced import LAYOUT, page_starts
from jixiao.parse.layouts.spaced._cells import Frag, split_cells
from jixiao.parse.layouts.spaced._goals import split_goals
from jixiao.parse.layouts.spaced._labels import find_labels
from jixiao.parse.reconcile import adds_up
from jixiao.parse.text import join_cell
from jixiao.read import Document, read_document
from support import EXAMPLES

HEAD = """
财政项目支出绩效自评表

（2024年度）

项目名称 测试项目

主管部门 上海市人力资源和社会保障局 实施单位 上海市人才服务中心

项目资金

（万元）

年初预算数 全年预算数 全年执行数 分数 执行率(%) 得分

年度资金总额： 21.96 21.96 21.45 10.00 97.67 9.77

其中：当年财政

拨款
21.96 21.96 21.45 - 97.67 -

上年结转资金 0.00 0.00 0.00 - 0.00 -

其他资金 0.00 0.00 0.00 - 0.00 -

年度

总体

目标

预期目标 实际完成情况

保障系统的稳定运行。

全年系统运行稳定。

一级

指标

二级

指标
三级指标 年度指标值 实际完成值 分值 得分

偏差原因分析

及改进措施
"""


def _form(body: str, total: str = "总分 100.00 97.37") -> SelfEvaluation:
    text = HEAD + body.strip("\n") + f"\n\n{total}\n\n评分等级 优\n"
    result = parse_document(Document.from_text("t.txt", text))
    assert result.layout == "spaced"
    form = result.forms[0]
    assert isinstance(form, SelfEvaluation)
    return form


def _lines(text: str) -> Document:
    return Document.from_text("t.txt", text)


# --- detection -------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(p.name for p in EXAMPLES.glob("*.txt")))
def test_match_is_high_only_for_the_spaced_seeds(seed: str) -> None:
    score = LAYOUT.match(read_document(EXAMPLES / seed)).score
    if seed.startswith(("000", "002")):
        assert score >= 0.8
    else:
        assert score < 0.3


def test_page_starts_from_blank_runs_and_leading_spaces() -> None:
    blank_runs = "a\n\nb\n\nc\n\n\n\nd\n\ne\n\nf\n\ng\n\nh\n\ni\n\nj\n\nk\n\nl"
    assert page_starts(_lines(blank_runs)) == {9}
    spaced = "财政项目支出绩效自评表\nx\n 绩\ny\n 财政项目支出绩效自评表\nz"
    assert page_starts(_lines(spaced)) == {3, 5}


# --- header, funds, goals -------------------------------------------------------


def test_header_and_funds_of_a_seed_000_form() -> None:
    form = _form("配套电信网络服务天数 =365(天) 365.00(天) 90.00 87.60")
    assert (form.year, form.project, form.money_unit) == (2024, "测试项目", "万元")
    assert form.unit == "上海市人才服务中心"
    assert form.funds.appropriation.initial == Decimal("21.96")
    assert form.funds.appropriation.weight is None
    assert form.funds.total.score == Decimal("9.77")
    assert (form.goal_expected, form.goal_actual) == ("保障系统的稳定运行。", "全年系统运行稳定。")


def test_short_fund_rows_are_read_by_position_and_never_filled_in() -> None:
    total = "年度资金总额： 21.96 21.96 21.45 10.00 97.67 9.77"
    text = HEAD.replace("上年结转资金 0.00 0.00 0.00 - 0.00 -", "上年结转资金 0 0 —")
    text = text.replace(total, "年度资金总额 7,762,496.1 1 1 10 100.00% 10")
    doc = _lines(text + "\n名称 =1 1 90 90\n\n总分 100 100\n")
    form = parse_document(doc).forms[0]
    assert isinstance(form, SelfEvaluation)
    carry = form.funds.carryover
    assert (carry.initial, carry.adjusted, carry.executed, carry.rate) == (0, 0, None, None)
    assert form.funds.total.initial == Decimal("7762496.1")
    assert form.funds.total.rate == Decimal("100.00")


def test_a_short_fund_row_the_arithmetic_refutes_is_placed_by_it() -> None:
    """``880 880 880 10 10`` under six columns: read in column order the 执行率 would be
    10 % of 880 spent of 880; the row's arithmetic leaves one placing (分值 10, 得分 10,
    the 执行率 cell empty). A row with no placing left keeps only its amounts."""
    total = "年度资金总额： 21.96 21.96 21.45 10.00 97.67 9.77"
    form = _form("名称 =1 1 90 90").funds.total
    assert form.rate == Decimal("97.67")  # a full row: as printed
    text = HEAD.replace(total, "年度资金总额： 880 880 880 10 10")
    found = parse_document(_lines(text + "\n名称 =1 1 90 90\n\n总分 100 100\n")).forms[0]
    assert isinstance(found, SelfEvaluation)
    row = found.funds.total
    assert (row.initial, row.adjusted, row.executed) == (880, 880, 880)
    assert (row.weight, row.rate, row.score) == (10, None, 10)
    text = HEAD.replace(total, "年度资金总额： 880 880 880 50 60")
    found = parse_document(_lines(text + "\n名称 =1 1 90 90\n\n总分 100 100\n")).forms[0]
    assert isinstance(found, SelfEvaluation)
    row = found.funds.total
    assert (row.initial, row.adjusted, row.executed) == (880, 880, 880)
    assert (row.weight, row.rate, row.score) == (None, None, None)


def test_fund_rows_of_other_sources_are_read_under_their_labels() -> None:
    """财政专户管理资金, 单位资金 (rows the model names no field for): read into
    ``funds_extra`` by their printed labels, in the header's columns; the standard rows
    as before; a row that says no money (a code) is no funding row."""
    carry = "上年结转资金 0.00 0.00 0.00 - 0.00 -"
    extra = "财政专户管理资金 3.00 3.00 2.50 - 83.33 -\n其中：单位资金 1.00 1.00 1.00 - 100.00 -"
    text = HEAD.replace(carry, f"{carry}\n{extra}\n资金科目代码 2080101 - - - - -")
    form = parse_document(_lines(text + "\n名称 =1 1 90 90\n\n总分 100 100\n")).forms[0]
    assert isinstance(form, SelfEvaluation)
    assert set(form.funds_extra) == {"财政专户管理资金", "单位资金"}
    special = form.funds_extra["财政专户管理资金"]
    assert (special.initial, special.executed, special.rate) == (
        3,
        Decimal("2.50"),
        Decimal("83.33"),
    )
    assert form.funds_extra["单位资金"].executed == 1
    assert form.funds.appropriation.initial == Decimal("21.96")
    assert form.funds.carryover.initial == 0


def _goal_lines(text: str) -> list[str]:
    doc = _lines(text)
    expected, actual = split_goals([ln for ln in doc.lines if not ln.blank])
    return ["".join(expected), "".join(actual)]


def test_goals_split_at_the_short_line_that_ends_a_sentence() -> None:
    text = (
        "保障上海人才服务网外网环境及上海人才公共服务管理\n\n"
        "系统的稳定运行，强化政务信息推送，注重与业务工作\n\n"
        "示度。\n\n"
        "按照上海市人力资源公共服务中心年度信息工作计\n\n"
        "划，保障上海人才服务网外网环境及上海人才公共服\n\n"
        "务管理系统的稳定运行。"
    )
    expected, actual = _goal_lines(text)
    assert expected.endswith("示度。")
    assert actual.startswith("按照")


def test_goals_split_at_the_paragraph_gap_not_at_an_early_full_stop() -> None:
    # seed 002: lines of one paragraph are adjacent, paragraphs separated by a blank;
    # the expected goal's first line is short and ends with a full stop.
    text = (
        "及时完成培训计划，培训费使用执行率达到90%以上。\n"
        "通过专题培训，为企业和劳动者提供政策上的咨询服务，\n"
        "提升企业和职工的工伤预防意识和合法维权意识。\n\n"
        "及时完成培训计划，培训费使用执行率达到9\n"
        "0%以上。 通过专题培训，为企业和劳动者\n"
        "提供政策上的咨询服务。"
    )
    expected, actual = _goal_lines(text)
    assert expected.endswith("合法维权意识。")
    assert actual.startswith("及时完成培训计划，培训费使用执行率达到9")


def test_goals_on_one_line_split_after_the_first_sentence() -> None:
    assert _goal_lines("各信息系统、平台保证使用需求。 已达到设立的预期目标。") == [
        "各信息系统、平台保证使用需求。",
        "已达到设立的预期目标。",
    ]


def test_join_cell_removes_line_breaks_even_inside_numbers() -> None:
    joined = join_cell(["完成市指标的126", ".2%；2023 年 1", "1 月"])
    assert joined == "完成市指标的126.2%；2023年11月"
    assert join_cell(["助力G", "60科创走廊"]) == "助力G60科创走廊"
    assert join_cell(["open", "source"]) == "open source"


# --- labels ---------------------------------------------------------------------


def test_vertical_labels_sharing_a_line_with_a_row_are_assembled() -> None:
    doc = _lines("效益 社会 安全事故发生数 =0(起) 0.00(起) 2.00 2.00\n指标\n效益\n指标")
    labels, used = find_labels(list(doc.lines))
    assert [(lab.text, lab.level) for lab in labels] == [("效益指标", 1), ("社会效益指标", 2)]
    assert (1, 2) not in used


def test_a_name_tail_that_looks_like_a_label_start_is_given_back() -> None:
    doc = _lines("培训培训培训培训培训培训培训\n数量\n健全 达成指标 1.00 1.00\n质量\n指标")
    labels, used = find_labels(list(doc.lines))
    assert [lab.text for lab in labels] == ["质量指标"]
    assert (2, 0) not in used


def test_rows_above_the_first_label_belong_to_its_group() -> None:
    first, second = "首行指标 =1(次) 1.00(次) 45.00 45.00", "次行指标 =1(次) 1.00(次) 45.00 42.60"
    body = "\n\n".join([first, "产出", "指标", "数量", "指标", second])
    form = _form(body)
    assert [(r.level1, r.level2) for r in form.indicators] == [("产出指标", "数量指标")] * 2


# --- cells ----------------------------------------------------------------------


def _split(*lines: str) -> list[str | None]:
    frags = [Frag(i, t) for i, line in enumerate(lines) for t in line.split()]
    cells, _ = split_cells(frags, ("name", "target", "actual"))
    return [join_cell([f.text for f in cells[k]]) for k in ("name", "target", "actual")]


def test_wrapped_target_and_actual_are_told_apart_by_their_parentheses() -> None:
    assert _split("受培训人员人次", "≥250.00(人", "次)", "280.00(人", "次)") == [
        "受培训人员人次",
        "≥250.00(人次)",
        "280.00(人次)",
    ]


def test_a_bare_unit_line_ends_the_value_before_it() -> None:
    assert _split("零星档案材料数字化处理页数", "≥350000.00", "(页)", "351186.00", "(页)") == [
        "零星档案材料数字化处理页数",
        "≥350000.00(页)",
        "351186.00(页)",
    ]


def test_a_tier_phrase_wraps_as_one_actual() -> None:
    assert _split("长效管理机制健全性 健全", "部分达成指", "标并具有一", "定效果") == [
        "长效管理机制健全性",
        "健全",
        "部分达成指标并具有一定效果",
    ]


# --- rows -----------------------------------------------------------------------


def test_a_note_ends_at_a_short_line_and_the_next_row_begins() -> None:
    body = """
转出人事档案整理装订数量 ≥4000.00(份) 3945.00(份) 45.00 44.50
以实际业务发生情况

为准

零星档案材料数字化处理页数
≥350000.00

(页)
351186.00

(页)
45.00 42.87
"""
    form = _form(body)
    first, second = form.indicators
    assert first.note == "以实际业务发生情况为准"
    assert (second.name, second.target, second.actual) == (
        "零星档案材料数字化处理页数",
        "≥350000.00(页)",
        "351186.00(页)",
    )


def test_an_actual_wrapping_below_its_numbers_beside_the_note() -> None:
    body = """
长效管理机制健全性 健全 部分达成指 90.00 87.60 长效管理机制还需进

标并具有一

定效果
一步健全完善
"""
    row = _form(body).indicators[0]
    assert row.actual == "部分达成指标并具有一定效果"
    assert row.note == "长效管理机制还需进一步健全完善"


def test_a_note_begun_above_a_page_break_belongs_to_the_row_below() -> None:
    # seed 002: the note's first line sits at the foot of the page, the row after it.
    body = """
长效管理制度健全性
健全 健全 45 45

及时了解服务对象



满意度指标 服务对象满意度指标
服务对象满意度

>=90% 91% 45 42.6 对法律法规内容需
求。
"""
    first, second = _form(body, "总分 100 97.37").indicators
    assert first.note is None
    assert second.note == "及时了解服务对象对法律法规内容需求。"
    assert second.level1 == "满意度指标"


def test_a_name_continued_across_a_page_break_after_its_numbers() -> None:
    body = """
长效管理制度执行有效

性

有效 有效 30 30

仲裁文书邮寄回执保存
完整 完整 30 30



可持续影响指标
完整率

长效管理制度执行有效

性

有效 有效 30 27.60
"""
    names = [r.name for r in _form(body, "总分 100 97.37").indicators]
    assert names == [
        "长效管理制度执行有效性",
        "仲裁文书邮寄回执保存完整率",
        "长效管理制度执行有效性",
    ]


def test_a_deduction_decides_between_a_note_and_the_next_name() -> None:
    body = """
培训场次

=10.00(人

次)

0.00(人次)

10.00 0.00

培训还需进一步完善

培训场次

≥250.00(人

次)

280.00(人

次)

80.00 80.00
"""
    form = _form(body, "总分 100.00 89.77")
    assert [r.note for r in form.indicators] == ["培训还需进一步完善", None]
    assert [r.name for r in form.indicators] == ["培训场次", "培训场次"]
    assert [f.code for f in form.findings if f.code.startswith("P00")] == ["P004", "P003", "P003"]
    assert form.findings[0].location.field == "indicators.0.note"


# --- seeds ----------------------------------------------------------------------


def test_seed_002_first_form_with_its_split_unit_and_no_grade() -> None:
    form = parse_document(read_document(EXAMPLES / "002_3d7362f935c9f97e.txt")).forms[0]
    assert isinstance(form, SelfEvaluation)
    assert form.unit == "上海市松江区人力资源和社会保障局（本部）"
    assert form.department == "上海市松江区人力资源和社会保障局"
    assert (form.total_weight, form.total_score, form.grade) == (100, 98, None)
    assert form.indicators[0].name == "三支一扶每季度补贴人数"
    assert form.indicators[-1].note == "加强相关人员沟通交流，提升满意度"


@pytest.mark.parametrize("seed", ["000_52d2d39b8e94208b.txt", "002_3d7362f935c9f97e.txt"])
def test_every_seed_form_reconciles_and_places_every_line(seed: str) -> None:
    result = parse_document(read_document(EXAMPLES / seed))
    codes = {f.code for form in result.forms for f in form.findings}
    assert not codes & {"P001", "P002", "P007"}
    assert all(adds_up(form) for form in result.forms)


def test_a_full_width_name_does_not_swallow_the_note_without_a_page_break() -> None:
    body = """
培训培训培训培训培训培训培训

场次

健全 达成指标 40.00 40.00

培训培训培训培训培训培训场次

=10.00(人

次)

0.00(人次)

50.00 47.60

培训还需进一步完善
"""
    rows = _form(body).indicators
    assert [r.name for r in rows] == [
        "培训培训培训培训培训培训培训场次",
        "培训培训培训培训培训培训场次",
    ]
    assert rows[1].note == "培训还需进一步完善"


def test_a_label_atop_a_page_takes_the_row_before_the_break_when_weights_say_so() -> None:
    body = """
产出指标 数量指标
甲指标
>=1 1 40 40

乙指标
及时 及时 10 10

保障乙指标
保障 保障 10 10



效益指标 社会效益指标
丙指标
保障 保障 20 20

满意度指标 服务对象满意度指标
丁指标
>=85% 90% 10 7.37
"""
    form = _form(body)
    assert [r.level1 for r in form.indicators] == ["产出指标", "产出指标"] + ["效益指标"] * 2 + [
        "满意度指标"
    ]
    moved = [f for f in form.findings if f.code == "P004"]
    assert [f.location.field for f in moved] == ["indicators.2.level1"]


def test_a_label_atop_a_page_keeps_its_place_when_weights_do_not_say_so() -> None:
    body = """
产出指标 数量指标
甲指标
>=1 1 40 40

乙指标
及时 及时 10 10



效益指标 社会效益指标
丙指标
保障 保障 30 30

满意度指标 服务对象满意度指标
丁指标
>=85% 90% 10 7.37
"""
    form = _form(body)
    assert [r.level1 for r in form.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert not [f for f in form.findings if f.code == "P004"]


TEMPLATE_BODY = """
年度绩效指标完成情况 一级
指标
二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施



(50分)
数量指标 指标1:完成项目数量 1 1 20 20
指标2:完成改造项目 1 1 20 20
……
质量指标 指标1:工程质量合格 10 10
指标2:
……
成本指标 指标1:资金执行在预算范围内 10 10
指标2:
……



(30分)
社会效益
指标
指标1:保护人口财产不受损失 20 20
指标2:
……
生态效益
指标
指标1:/ / /
满意度指标
(10分)
服务对象
满意度指标
指标1:服务对象满意度 90% 100% 10 10
总分 100 100
"""


def test_a_template_with_lost_vertical_labels_and_unfilled_slots() -> None:
    """A web page of the national template: the 一级 labels printed down their cells
    are lost but for ``(50分)``; unfilled slots (``指标2:``, ``……``, ``指标1:/ / /``)
    are no rows; a row of a numbered slot, 分值 and 得分 only is a name, not an actual;
    成本指标 after 数量/质量 in that unnamed 一级 cell is a 二级 label."""
    head = HEAD.split("年度\n\n总体")[0].replace("财政项目支出绩效自评表", "项目支出绩效自评表")
    text = head + "年度总体目标完成情况 预期目标 实际完成情况\n 目标一句。 完成一句。\n"
    result = parse_document(_lines(text + TEMPLATE_BODY))
    form = result.forms[0]
    assert isinstance(form, SelfEvaluation)
    rows = [(i.level1, i.level2, i.name, i.target, i.actual, i.weight) for i in form.indicators]
    assert rows == [
        (None, "数量指标", "指标1:完成项目数量", "1", "1", 20),
        (None, "数量指标", "指标2:完成改造项目", "1", "1", 20),
        (None, "质量指标", "指标1:工程质量合格", None, None, 10),
        (None, "成本指标", "指标1:资金执行在预算范围内", None, None, 10),
        (None, "社会效益指标", "指标1:保护人口财产不受损失", None, None, 20),
        ("满意度指标", "服务对象满意度指标", "指标1:服务对象满意度", "90%", "100%", 10),
    ]
    assert (form.goal_expected, form.goal_actual) == ("目标一句。", "完成一句。")
    assert not [f for f in form.findings if f.code == "P001"]


def test_a_lost_level1_cell_is_named_by_the_note_that_weighs_the_labels() -> None:
    """The template's note (注:1.一级指标分值统一设置为:产出指标50分、效益指标30分…) says
    which 一级 label a cell left with only ``(50分)`` is: named where the 二级 labels
    under it belong to that label, said with P006 (without the note: no name, above)."""
    head = HEAD.split("年度\n\n总体")[0].replace("财政项目支出绩效自评表", "项目支出绩效自评表")
    text = head + "年度总体目标完成情况 预期目标 实际完成情况\n 目标一句。 完成一句。\n"
    note = "注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、服务对象满意度指标10分。\n"
    form = parse_document(_lines(text + TEMPLATE_BODY + note)).forms[0]
    assert isinstance(form, SelfEvaluation)
    assert [r.level1 for r in form.indicators] == [
        *["产出指标"] * 4,
        "效益指标",
        "满意度指标",
    ]
    named = [f for f in form.findings if f.code == "P006"]
    assert [f.location.row for f in named] == [0, 1, 2, 3, 4]
    assert "表中注明产出指标 50 分" in named[0].message
    # a note weighing 效益指标 50 names no cell whose rows are 数量/质量/成本
    other = note.replace("产出指标50分、效益指标30分", "效益指标50分、产出指标30分")
    form = parse_document(_lines(text + TEMPLATE_BODY + other)).forms[0]
    assert isinstance(form, SelfEvaluation)
    assert [r.level1 for r in form.indicators][:5] == [None] * 5


def test_total_line_may_carry_the_grade() -> None:
    doc = _lines(HEAD + "\n名称 =1 1 90.00 87.60\n\n总分 100.00 97.37 优\n")
    form = parse_document(doc).forms[0]
    assert isinstance(form, SelfEvaluation)
    assert (form.total_weight, form.total_score, form.grade) == (100, Decimal("97.37"), "优")


_SHANDONG = """
区级部门预算项目支出绩效自评表
( 2019 年度)
主管部门(盖章):                                       单位:万元
项目名称 商品和服务支出 主管部门 某区文化和旅游局
年度总体目标 年初设定目标 年度总体目标完成情况综述
文化馆免费开放 资金全部用于文化馆全年免费开放。
  年初预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分 得分计算方法
年度资金总额 45 45 10 100% 10 执行率*该指标分值,最高不得超过分值上限。
其中:财政拨款 45 45 - - -
一级
指标
二级
指标
三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因 得分计算方法
(50分)
数量指标 全年免费开放 100% 100% 20 20
定量指标计算:完成值达到指标值,记满分。
-
质量指标 管理制度健全 100% 100% 15 15
-
时效指标 免费开放率 100% 100% 15 15
-
"""


def _shandong() -> SelfEvaluation:
    result = parse_document(Document.from_text("t.txt", _SHANDONG))
    assert result.layout == "spaced"
    form = result.forms[0]
    assert isinstance(form, SelfEvaluation)
    return form


def test_a_seal_caption_names_no_department_and_gives_the_money_unit() -> None:
    form = _shandong()
    assert form.department == "某区文化和旅游局"
    assert form.project == "商品和服务支出"
    assert form.money_unit == "万元"


def test_a_funding_header_whole_on_its_line_sets_the_columns_it_names() -> None:
    total = _shandong().funds.total
    assert (total.initial, total.adjusted, total.executed) == (Decimal(45), None, Decimal(45))
    assert (total.weight, total.rate, total.score) == (Decimal(10), Decimal(100), Decimal(10))
    assert not [f for f in _shandong().findings if f.severity.value == "error"]


def test_text_below_a_row_beside_an_explanation_column_is_left_unread() -> None:
    form = _shandong()
    assert [ind.note for ind in form.indicators] == [None, None, None]
    assert [ind.name for ind in form.indicators] == ["全年免费开放", "管理制度健全", "免费开放率"]
    unread = [f for f in form.findings if f.code == "P001" and "定量指标计算" in f.message]
    assert unread


def test_a_dash_placeholder_line_is_no_note() -> None:
    form = _form("数量指标 系统运行 100% 100% 50.00 50.00\n\n-\n\n- -\n")
    assert form.indicators[0].note is None
