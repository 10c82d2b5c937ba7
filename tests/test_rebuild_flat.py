"""A whole form on one line (``flat``): what the line's spaces hide, read back.

A site's notices before the form do not make it another flattening; a caption wrapped
in its merged cell a word a line (``年度 绩效 目标``) is one caption; a title whose year a
space set apart (``2020 年…项目自评表``) keeps its year; a 部门整体支出绩效目标表's goal
printed under its caption is its goal.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from tests.support import parse_text

from jixiao.model import DepartmentTargetDeclaration, SelfEvaluation, TargetDeclaration
from jixiao.parse.rebuild.runon import join_wrapped, split_runon
from jixiao.parse.rebuild.tokens import flattening, tokenize
from jixiao.read import Document, Line

_NOTICES = [
    "1. 1、本网站文档一经付费(服务费),不意味着购买了该文档的版权,仅供个人学习、研究之用,"
    "未经授权,严禁复制、发行、汇编或者网络传播等,侵权必究。",
    "2. 2、本站所有内容均由网友上传,本站不对文档的完整性、权威性及其观点立场正确性做任何保证!"
    "文档内容仅供研究参考,付费前请自行鉴别。",
    "3. 3、如文档侵犯商业秘密、著作权等,请点击“版权申诉”,也可以打举报电话。",
    "4. 4、下载前请先预览,预览内容与下载文档的格式可能不同,付费下载后如有疑问请联系客服,"
    "客服将在一个工作日内答复;本站不提供文档的修改、排版或代写服务。",
]
_TARGET = (
    "附件1: 2018年度市级专项资金绩效目标申报表 单位:万元 申报部门(单位) 南京市财政局 "
    "项目名称 农桥建设专项资金 预算功能科目 对村级一事一议的补助2130701 项目属性 □新增 "
    "□延续 单位负责人 ××× 项目负责人 ××× 联系电话 项目实施 起止时间(年、月) 2018年 "
    "项目概况 立项依据 省财政厅关于农桥项目库建设的通知及市财政局农桥建设项目资金管理办法。 "
    "必要性 可行性 农桥建设列入市政府重点工作,也是农村实事工程的一项。"
)


def _doc(lines: list[str]) -> Document:
    return Document("x.txt", tuple(Line(i, t) for i, t in enumerate(lines, 1)))


def test_a_sites_notices_before_a_flat_form_leave_it_flat() -> None:
    assert flattening(_doc(["文档.doc", *_NOTICES, "查看更多", _TARGET])) == "flat"
    # without the form's line the notices are no flat text
    assert flattening(_doc(["文档.doc", *_NOTICES])) == "lines"


def test_a_flat_target_after_notices_reads_its_labels(tmp_path: Path) -> None:
    (form,) = parse_text(tmp_path, "\n".join(["文档.doc", *_NOTICES, "查看更多", _TARGET]))
    assert isinstance(form, TargetDeclaration)
    assert form.year == 2018
    assert form.project == "农桥建设专项资金"  # 预算功能科目 is a label of its own
    assert form.department == "南京市财政局"  # 申报部门(单位)


def test_a_caption_wrapped_a_word_a_line_is_one_caption() -> None:
    tokens = tokenize(_doc(["年度 绩效 目标 保障机关正常运转。 优 良 中 差 是 否"]))
    assert [t.text for t in tokens] == [
        "年度绩效目标",
        "保障机关正常运转。",
        *"优良中差是否",
    ]


def test_a_title_whose_year_a_space_set_apart_keeps_it(tmp_path: Path) -> None:
    tokens = tokenize(_doc(["2020 年市级服务贸易发展资金项目自评表 金额 2020 年底"]))
    assert [t.text for t in tokens][:1] == ["2020年市级服务贸易发展资金项目自评表"]
    assert [t.text for t in tokens][-2:] == ["2020", "年底"]  # no title: kept apart


_DEPARTMENT = (
    "部门整体支出绩效目标申报表 部门(单位)名称 广水市人民政府办公室 "
    "年度 绩效 目标 保障机关正常运转,高质量完成文稿起草和会务服务。 "
    "年度绩效指标 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 起草重要文稿 ≥50篇 "
    "承办市政府会议 ≥40次 质量指标 建议提案按时办结率 100% "
    "满意度指标 服务对象满意度指标 代表委员满意度 ≥95%"
)


def test_a_department_targets_goal_under_its_wrapped_caption(tmp_path: Path) -> None:
    (form,) = parse_text(tmp_path, _DEPARTMENT)
    assert isinstance(form, DepartmentTargetDeclaration)
    assert form.goal == "保障机关正常运转,高质量完成文稿起草和会务服务。"
    assert [i.name for i in form.indicators][:2] == ["起草重要文稿", "承办市政府会议"]


def test_a_self_evaluation_title_with_its_year_apart(tmp_path: Path) -> None:
    text = (
        "2020 年市级服务贸易发展资金项目自评表 单位名称:区商务局 项目名称 服务贸易发展资金 "
        "主管部门 区商务局 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "产出指标 数量指标 服务外包企业数量 3 3 50 50 效益指标 社会效益指标 企业走出去 "
        "≥3家 3家 50 50 总分 100 100"
    )
    (form,) = parse_text(tmp_path, text)
    assert isinstance(form, SelfEvaluation)
    assert form.year == 2020


def test_a_tick_box_after_a_name_ends_its_value(tmp_path: Path) -> None:
    # 项目类型's last options ran in after 项目实施单位's value (a PDF's line order)
    text = (
        "2020 年市级服务贸易发展资金项目自评表 项目名称 服务贸易发展资金 主管部门 区商务局 "
        "项目类型 1、常年性项目 2、延续性项目 □ 项目实施单位 投资促进中心 □ 3、一次性项目 □ "
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "产出指标 数量指标 服务外包企业数量 3 3 50 50 效益指标 社会效益指标 企业走出去 "
        "≥3家 3家 50 50 总分 100 100"
    )
    (form,) = parse_text(tmp_path, text)
    assert isinstance(form, SelfEvaluation)
    assert form.unit == "投资促进中心"


def test_a_stacked_caption_with_a_label_word_inside_is_one_caption() -> None:
    # 年度 / 绩效 / 指标 / 完成 / 情况 down a merged cell; 指标 alone is a label
    tokens = tokenize(_doc(["达成率为97% 年度 绩效 指标 完成 情况 一级 指标 二级指标"]))
    assert [t.text for t in tokens][:2] == ["达成率为97%", "年度绩效指标完成情况"]


def test_a_level1_label_wrapped_before_its_weight_is_one_label() -> None:
    doc = _doc(["得分 产出 指标 (60分) 数量 指标 指标1 按月发放员工工资 12个月 12个月 15 15"])
    pieces = [p for t in tokenize(doc) for p in split_runon(replace(t, spaced=True), True)]
    assert [t.text for t in join_wrapped(pieces)][1:3] == ["产出指标(60分)", "数量指标"]


def test_the_goal_blocks_label_before_its_two_captions_is_no_column(tmp_path: Path) -> None:
    # the block's label 年度总体目标完成情况 names the actual column elsewhere: here it is
    # the row's label, 预期目标 and 实际完成情况 the columns (not 实际完成情况 a value)
    text = (
        "项目支出绩效自评表 (2022年度) 项目名称 水旱灾害防御经费 实施单位 天长市水利局 "
        "年度总体目标完成情况 预期目标 实际完成情况 做好全年防汛工作。 年度目标全部完成。 "
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "产出指标 数量指标 完成节水改造项目数量 1 1 50 50 "
        "效益指标 社会效益指标 保护人口财产 有效 有效 50 50 总分 100 100"
    )
    (form,) = parse_text(tmp_path, text)
    assert isinstance(form, SelfEvaluation)
    assert form.goal_expected == "做好全年防汛工作。"
    assert form.goal_actual == "年度目标全部完成。"


def test_an_amount_never_runs_on_into_the_next_rows_number(tmp_path: Path) -> None:
    # (一)财政拨款小计 6.30 1、一般公共预算 6.30: the 1 numbers the next row
    text = (
        "项目支出绩效目标申报表 (2021年度) 项目名称 特困家庭再扶助 预算单位 区卫生健康局 "
        "项目资金(万元) 年度资金总额 金额(万元) (一)财政拨款小计 6.30 1、一般公共预算 6.30 "
        "2、政府性基金 0.00 (三)其他收入 0.00 总体 目标 年度目标 给予特困家庭特别扶助。 "
        "绩效指标 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 扶助人数 63人 "
        "满意度指标 满意度指标 受益群众满意度 ≥90%"
    )
    (form,) = parse_text(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    assert form.target_meta.appropriation == Decimal("6.30")
    assert [i.name for i in form.indicators] == ["扶助人数", "受益群众满意度"]


def test_a_funding_caption_wrapped_before_its_weight_is_one_caption() -> None:
    doc = _doc(
        ["年度总体目标完成情况综述 资金全部用于免费开放。 项目预算 执行情况(10分) 年初预算数(A)"]
    )
    pieces = [p for t in tokenize(doc) for p in split_runon(replace(t, spaced=True), True)]
    assert [t.text for t in join_wrapped(pieces)][-2:] == [
        "项目预算执行情况(10分)",
        "年初预算数(A)",
    ]


def test_two_header_rows_run_together_are_no_columns(tmp_path: Path) -> None:
    # a wild spaced form's lines joined into one: 指标名称 spans 一级/二级/三级指标 on the
    # row below, so no one row of captions says which cell is which; the rows stay in a
    # finding, never in fields (they read the funding lines as indicators)
    wild = Path(__file__).parent / "wild" / "inputs" / "16_chongqing_self_spaced.txt"
    lines = wild.read_text(encoding="utf-8").splitlines()
    (form,) = parse_text(tmp_path, " ".join(" ".join(ln.split()) for ln in lines if ln.strip()))
    assert form.indicators == ()
    assert "P012" in {f.code for f in form.findings}


def test_rows_that_print_every_cell_need_no_sums(tmp_path: Path) -> None:
    # an excerpt with no 总分 whose 分值 add up to nothing printed: each row prints every
    # column from 三级指标 on, one token a cell, so its cells go one way only
    text = (
        "项目支出绩效自评表 (2023年度) 项目名称 野生动物收容所建设项目 主管部门 临翔区林草局 "
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "偏差原因分析及改进措施 "
        "产出指标 数量指标 野生动物收容所 ≥200平方米 204.46平方米 10 10 无 "
        "数量指标 钢结构圈养围栏 ≥120米 121.5米 10 10 无 "
        "时效指标 项目完工时限 2023年12月 2023年10月 15 15 无 "
        "效益指标 社会效益指标 提供务工岗位 ≥5个 5个 10 9 无"
    )
    (form,) = parse_text(tmp_path, text)
    rows = [(i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators]
    assert rows == [
        ("数量指标", "野生动物收容所", "≥200平方米", "204.46平方米", Decimal(10), Decimal(10)),
        ("数量指标", "钢结构圈养围栏", "≥120米", "121.5米", Decimal(10), Decimal(10)),
        ("时效指标", "项目完工时限", "2023年12月", "2023年10月", Decimal(15), Decimal(15)),
        ("社会效益指标", "提供务工岗位", "≥5个", "5个", Decimal(10), Decimal(9)),
    ]


def test_rows_missing_a_cell_still_need_the_sums(tmp_path: Path) -> None:
    # the second row prints no 实际完成值: which number is which is not certain
    text = (
        "项目支出绩效自评表 (2023年度) 项目名称 野生动物收容所建设项目 主管部门 临翔区林草局 "
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "产出指标 数量指标 野生动物收容所 ≥200平方米 204.46平方米 10 10 "
        "数量指标 钢结构圈养围栏 120 10 10 "
        "效益指标 社会效益指标 提供务工岗位 ≥5个 5个 10 9"
    )
    (form,) = parse_text(tmp_path, text)
    assert "钢结构圈养围栏" not in [i.name for i in form.indicators]


def test_text_targets_that_fill_every_cell_are_read(tmp_path: Path) -> None:
    # no 分值 to check: rows that print every cell from 三级指标 on, one token a cell
    text = (
        "中央预算内投资计划绩效目标表 专项名称 农业绿色发展专项 下达地方或单位 宝坻区人民政府 "
        "绩效指标 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 建设项目个数 1 "
        "质量指标 竣工验收合格率 100% 时效指标 按进度计划实施情况 按计划实施 "
        "满意度指标 服务对象满意度指标 受益养殖场户满意度 ≥90%"
    )
    (form,) = parse_text(tmp_path, text)
    assert [(i.name, i.target) for i in form.indicators] == [
        ("建设项目个数", "1"),
        ("竣工验收合格率", "100%"),
        ("按进度计划实施情况", "按计划实施"),
        ("受益养殖场户满意度", "≥90%"),
    ]


def test_a_funding_rows_label_wrapped_in_its_cell_is_one_label() -> None:
    doc = _doc(["年度资金总额 387664.62 10 其中:当年财政 拨款 387664.62 上年结转 资金 — —"])
    pieces = [p for t in tokenize(doc) for p in split_runon(replace(t, spaced=True), True)]
    texts = [t.text for t in join_wrapped(pieces)]
    assert "其中:当年财政拨款" in texts
    assert "上年结转资金" in texts


def test_a_templates_empty_rows_leave_only_their_numbers(tmp_path: Path) -> None:
    # 指标2 指标1 指标2: rows of the template left empty, their numbers the only text
    text = (
        "项目支出绩效自评表 (2019年度) 项目名称 暖通改造经费 主管部门 廊坊市发改委 "
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
        "产出指标 数量指标 指标1工程资金金额 43.2 37.24 50 45 指标2 "
        "效益指标 社会效益指标 指标1学校发展能力 100 100 40 40 指标2 指标1 指标2 "
        "满意度指标 服务对象满意度指标 指标1学生满意度 100 100 10 10 总分 100 95"
    )
    (form,) = parse_text(tmp_path, text)
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [
        ("指标1工程资金金额", Decimal(50), Decimal(45)),
        ("指标1学校发展能力", Decimal(40), Decimal(40)),
        ("指标1学生满意度", Decimal(10), Decimal(10)),
    ]
