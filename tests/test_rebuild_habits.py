"""Habits of published tables the rebuilder reads, each modelled on a real document's
structure (the wild corpus input named in each test): rows ended by lines of bars,
mirror pipe tables that dropped their empty cells, 合计/小计 funding rows, the old
决策/管理/绩效 scoring sheet, indicator rows printed without their names."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import SelfEvaluation, TargetDeclaration
from jixiao.parse import parse_file
from jixiao.parse.rebuild.fund_totals import Listed, sources_off
from jixiao.parse.rebuild.grid_rows import grid_rows
from jixiao.parse.rebuild.tokens import Token

_WIDTH = 14
"""The Word table's grid: a row's cells and its closing bars add up to it."""


def _bar_rows(rows: list[list[str]]) -> str:
    """One cell a line (``text |``, an empty cell a lone ``|``), each row closed by a
    line of bars for the grid cells after its last (74_hubei_self_cellline)."""
    out: list[str] = []
    for row in rows:
        out += [f"{c} |" if c else "|" for c in row]
        out.append("|" * (_WIDTH - len(row)))
    return "\n".join(out)


_HEAD = [
    ["项目支出绩效自评表"],
    ["( 2021 年度)"],
    ["项目名称", "市民中心运行维护费"],
    ["主管部门", "", "实施单位", ""],
    ["项目资金 (万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "150", "150", "125.25", "10", "83.5%", "8"],
    ["其中:当年财政拨款", "150", "150", "125.25", "—", "", "—"],
    ["年度总体目标", "预期目标", "实际完成情况"],
    ["保障大厅运行。", "大厅全年正常运行。"],
    [
        "绩 效 指 标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度 指标值",
        "实际 完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ],
]
_ROWS = [
    ["产出指标", "数量指标", "预算执行率", "100%", "83.5%", "20", "18", ""],
    ["预算资金拨款率", "100%", "100%", "10", "10", ""],
    ["", "", "", "", "", ""],
    ["质量指标", "政务服务工作办结率", "100%", "100%", "10", "10", ""],
    ["时效指标", "", "", "", "", "", ""],
    ["成本指标", "市民中心运行维护费", "150万", "150万", "10", "10", ""],
    ["效益指标", "经济效益 指标", "大厅运行正常率", "100%", "98%", "20", "19", "设备老化"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "96%", "20", "20", ""],
]


def test_rows_ended_by_bar_lines_fill_the_last_columns(tmp_path: Path) -> None:
    """Each row prints its cells, empty ones too, but not the labels merged over it from
    above: a row of six cells is the header's last six columns."""
    path = tmp_path / "bars.txt"
    path.write_text(_bar_rows(_HEAD + _ROWS) + "\n社会效益 指标 |\n岗", encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    got = [
        (r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in form.indicators
    ]
    d = Decimal
    assert got == [
        ("产出指标", "数量指标", "预算执行率", "100%", "83.5%", d(20), d(18)),
        ("产出指标", "数量指标", "预算资金拨款率", "100%", "100%", d(10), d(10)),
        ("产出指标", "质量指标", "政务服务工作办结率", "100%", "100%", d(10), d(10)),
        ("产出指标", "成本指标", "市民中心运行维护费", "150万", "150万", d(10), d(10)),
        ("效益指标", "经济效益指标", "大厅运行正常率", "100%", "98%", d(20), d(19)),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "96%", d(20), d(20)),
    ]
    assert form.indicators[4].note == "设备老化"
    # the row cut off at the text's end is no indicator: its words are unplaced text
    unplaced = " ".join(f.message for f in form.findings if f.code == "P001")
    assert "岗" in unplaced


def _pipe_rows(rows: list[list[str]], width: int = 8) -> str:
    """A mirror site's pipe rows, padded with a run of bars to the table's width."""
    return "\n".join("| " + " | ".join(r) + " |" + "|" * (width - len(r)) for r in rows)


def _funding(total: str) -> list[list[str]]:
    """A 2024 Guangxi 项目绩效目标公开表's head (71_guangxi_target_pipe): the funds by
    source, a 合计 first and a 小计 over the 一般公共预算拨款 rows."""
    return [
        ["2024年度预算项目绩效目标公开表"],
        ["项目名称", "百东实验初级中学生均教育事业费"],
        ["项目主管部门", "百色市教育局", "项目实施单位", "百色市教育局"],
        ["项目资金 (万元)", "合计", total],
        ["一般公共预算拨款", "小计", "250"],
        ["市本级", "250"],
        ["中央及自治区补助", ""],
        ["政府性基金预算拨款", ""],
        ["其他资金", ""],
        ["年度绩效目标", "按协议拨付合作办学经费,维持学校正常运转。"],
    ]


def test_a_total_among_the_funding_rows_is_the_annual_amount(tmp_path: Path) -> None:
    """合计 beside the funds' caption is 年度资金总额, not the form's 总分; the row a 小计
    is printed beside is the source, the rows under it (市本级) its parts."""
    path = tmp_path / "funds.txt"
    path.write_text(_pipe_rows(_funding("250")), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    meta = form.target_meta
    assert (meta.current_budget, meta.appropriation) == (Decimal(250), Decimal(250))
    assert meta.carryover is None and meta.other is None
    assert not [f for f in form.findings if f.severity == "error" or f.code == "P008"]
    unplaced = " ".join(f.message for f in form.findings if f.code == "P001")
    assert "市本级" in unplaced  # a part of a source is no source of its own


def test_a_total_that_is_not_the_sum_of_the_sources_is_said(tmp_path: Path) -> None:
    path = tmp_path / "funds.txt"
    path.write_text(_pipe_rows(_funding("300")), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    assert form.target_meta.current_budget == Decimal(300)  # as printed
    (said,) = [f.message for f in form.findings if f.code == "P008"]
    assert "300" in said and "250" in said


def test_the_parts_of_a_subtotal_are_no_sources() -> None:
    rows = [
        Listed("一般公共预算拨款", "250", subtotal=True),
        Listed("市本级", "200"),
        Listed("中央及自治区补助", "50"),
        Listed("政府性基金预算拨款", "30"),
        Listed("其他资金", None),
    ]
    assert sources_off("280", rows) is None
    assert sources_off("250", rows) == (Decimal(250), Decimal(280))
    # parts that never make up their 小计: which rows are sources is not known
    unclear = [Listed("一般公共预算拨款", "250", subtotal=True), Listed("市本级", "200")]
    assert sources_off("300", unclear) is None
    assert sources_off("89.98", [Listed("财政拨款", "89.97")]) is None  # rounding apart


def _words(text: str) -> list[str]:
    """Cells written as one line, a space between them."""
    return text.split()


_OLD_SHEET = [
    "服务贸易项目绩效自评表",
    "项目实施单位",
    "省商务厅服务贸易处",
    "主管部门",
    "省商务厅",
    "二、绩效评价指标评分",
    *_words("一级指标 分值 二级指标 分值 三级指标 分值 得分"),
    *_words("项目决策 20 项目目标 4 目标内容 4 4 决策过程 8 决策依据 3 3 决策程序 5 4"),
    *_words("资金分配 8 分配办法 2 2 分配结果 6 6"),
    *_words("项目管理 25 资金到位 5 到位率 3 3 到位时效 2 2 资金管理 10 资金使用 7 6"),
    *_words("财务管理 3 3 组织实施 10 组织机构 1 1 管理制度 9 9"),
    *_words("项目绩效 55 项目产出 15 产出数量 5 5 产出质量 4 4 产出时效 3 3 产出成本 3 3"),
    *_words("项目效益 40 经济"),
]
"""73_hainan_self_cellline: the old 决策/管理/绩效 sheet, one cell a paragraph, a 分值
after each tier, cut off in the middle of its last block."""


def _paragraphs(cells: list[str]) -> str:
    return "\n\n".join(cells) + "\n"


def test_the_old_scoring_sheet_is_read_by_its_tiers_weights(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_text(_paragraphs(_OLD_SHEET), encoding="utf-8")
    (form,) = parse_file(path).forms
    got = [(r.level1, r.level2, r.name, r.weight, r.score) for r in form.indicators]
    assert len(got) == 15
    assert got[:3] == [
        ("项目决策", "项目目标", "目标内容", Decimal(4), Decimal(4)),
        ("项目决策", "决策过程", "决策依据", Decimal(3), Decimal(3)),
        ("项目决策", "决策过程", "决策程序", Decimal(5), Decimal(4)),
    ]
    assert got[-1] == ("项目绩效", "项目产出", "产出成本", Decimal(3), Decimal(3))
    assert not [f for f in form.findings if f.severity == "error"]
    # the block cut off (项目效益 40, 经济) is text, never rows
    unplaced = " ".join(f.message for f in form.findings if f.code == "P001")
    assert "经济" in unplaced


def test_weights_that_do_not_close_leave_the_old_sheet_unread(tmp_path: Path) -> None:
    cells = [c if c != "决策程序" else "决策程序 1" for c in _OLD_SHEET]  # 3 + 5 ≠ 8 now
    cells = _words(" ".join(cells))
    path = tmp_path / "old.txt"
    path.write_text(_paragraphs(cells), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert not form.indicators
    assert any(f.code == "P012" for f in form.findings)


def test_weights_printed_in_the_labels(tmp_path: Path) -> None:
    cells = [
        "项目支出绩效自评表",
        "项目名称",
        "乡村道路养护",
        *_words("一级指标 二级指标 三级指标 分值 得分"),
        *_words("决策(20分) 项目立项(8分) 立项依据充分性 4 4 立项程序规范性 4 3"),
        *_words("绩效目标(12分) 绩效目标合理性 6 6 绩效指标明确性 6 5"),
        *_words("过程(80分) 资金管理(80分) 资金到位率 40 40 预算执行率 40 38"),
    ]
    path = tmp_path / "weighted.txt"
    path.write_text(_paragraphs(cells), encoding="utf-8")
    (form,) = parse_file(path).forms
    got = [(r.level1, r.level2, r.name, r.weight, r.score) for r in form.indicators]
    assert got == [
        ("决策", "项目立项", "立项依据充分性", Decimal(4), Decimal(4)),
        ("决策", "项目立项", "立项程序规范性", Decimal(4), Decimal(3)),
        ("决策", "绩效目标", "绩效目标合理性", Decimal(6), Decimal(6)),
        ("决策", "绩效目标", "绩效指标明确性", Decimal(6), Decimal(5)),
        ("过程", "资金管理", "资金到位率", Decimal(40), Decimal(40)),
        ("过程", "资金管理", "预算执行率", Decimal(40), Decimal(38)),
    ]


_SCORE_ONLY_SHEET = (
    (
        "编辑: 某某 | 2019-07-11 |\n"
        "2017 年部门整体支出绩效评价得分表 一级指 标 二级指标 三级指标 得分 "
        "部门决 策(25 分) 目标任务(15 分) 相关性(5 分)\n"
    )
    + """5 明确性(5 分)
5 合理性(5 分)
5 预算编制(10 分) 测算依据(5 分)
2 目标管理(5 分)
4 综合管 理(30 分) 专项资金分配时限(2 分) 省级财力专项预算分配时限(1 分)
1 中央专款分配合规........
"""
)
"""76_unknown_deptself_spaced: a PDF's text of a department's scoring sheet with no
分值 column: every weight printed inside its label, an indicator's 得分 falling to the
start of the next line, labels broken where their cells wrapped (``部门决 策(25 分)``),
the title's year spaced from it; cut off inside the last block."""


def test_a_sheet_weighing_every_label_inside_it_reads_its_scores(tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_text(_SCORE_ONLY_SHEET, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.kind == "department_self_evaluation"
    assert form.year == 2017
    got = [(r.level1, r.level2, r.name, r.weight, r.score) for r in form.indicators]
    assert got == [
        ("部门决策", "目标任务", "相关性", Decimal(5), Decimal(5)),
        ("部门决策", "目标任务", "明确性", Decimal(5), Decimal(5)),
        ("部门决策", "目标任务", "合理性", Decimal(5), Decimal(5)),
        ("部门决策", "预算编制", "测算依据", Decimal(5), Decimal(2)),
        ("部门决策", "预算编制", "目标管理", Decimal(5), Decimal(4)),
    ]
    # the 综合管理 block is cut off before its sums close: text, never rows
    unplaced = " ".join(f.message for f in form.findings if f.code == "P001")
    assert "中央专款分配合规" in unplaced


def test_a_score_only_sheet_whose_weights_do_not_close_is_left_unread(tmp_path: Path) -> None:
    path = tmp_path / "sheet.txt"
    path.write_text(_SCORE_ONLY_SHEET.replace("合理性(5 分)", "合理性(4 分)"), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert not form.indicators


_NUMBERED_FUNDS = """部门整体支出绩效自评表
(2018年度)
部门(单位)名称 某某研究室 部门预算编码 901001033
财政资金安排和使用情况  资金结构
(万元)
预算安排 拨付情况 结余情况
年初部门预算安排金额
历年结余结转
年中调整金额③ 小计
④ = ①+② +③
年度拨付金额
支出实现率(%)
⑥=⑤/④
本年度结余金额
⑦=④-⑤
资金结余率
(%)
⑧=⑦/④
财政资金小计 2537695 213722.82 0 2751417.82 2546673.98 93% 204743.84 7%
②市级财政资金 2537695 213722.82 0 2751417.82 2546673.98 93% 204743.84 7%
合 计 2537695 213722.82 0 2751417.82 2546673.98 93% 204743.84 7%
"""
"""40_fujian_deptself_spaced: a funding table whose columns are numbered, the derived
ones printed with their formulas; 小计 ④ is the budget the 支出实现率 ⑥=⑤/④ divides by."""


def test_the_rate_formula_names_the_budget_column(tmp_path: Path) -> None:
    path = tmp_path / "funds.txt"
    path.write_text(_NUMBERED_FUNDS, encoding="utf-8")
    (form,) = parse_file(path).forms
    total = form.funds.total
    assert (total.initial, total.adjusted, total.executed, total.rate) == (
        Decimal("2537695"),
        Decimal("2751417.82"),
        Decimal("2546673.98"),
        Decimal("93"),
    )
    said = [f for f in form.findings if f.code == "P006"]
    assert len(said) == 1 and "「小计」列推定为 全年预算数" in said[0].message


def test_a_formula_whose_numbers_disagree_with_the_columns_names_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "funds.txt"
    path.write_text(_NUMBERED_FUNDS.replace("⑥=⑤/④", "⑥=⑤/③"), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.funds.total.adjusted is None  # ③ is 年中调整金额: no budget
    path.write_text(_NUMBERED_FUNDS.replace("年中调整金额③", "年中调整金额②"), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.funds.total.adjusted is None  # the numbering is not the columns' order


_ITEMISED_FUNDS = """项目支出绩效目标申报表
(2021年度)
项目名称 特困家庭再扶助
预算单位 区卫生健康局
项目资金(万元) 年度资金总额 金额(万元)
   (一)财政拨款小计 6.30
       1、一般公共预算 6.30
       2、政府性基金 0.00
   (二)自有资金小计 0.00
   (三)其他收入 0.00
总体
目标
年度目标
扶助特困家庭。
绩效指标 一级指标 二级指标 三级指标 指标值(包含数字及文字描述)
绩效指标 项目完成
指标
数量指标 扶助家庭人数 63人
质量指标 对象资格复审率 100%
项目效益
指标
社会效益
指标
家庭生活得到保障 100%
"""
"""106_sichuan_target_spaced: a web page's 申报表, one row a line; the funding sources
listed one an indented line, each opening with its number; the 一级 labels of the
older template (项目完成指标, 项目效益指标) wrapped over two lines."""


def test_an_itemised_line_is_no_part_of_the_value_above(tmp_path: Path) -> None:
    path = tmp_path / "target.txt"
    path.write_text(_ITEMISED_FUNDS, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    assert form.target_meta.appropriation == Decimal("6.30")  # not 6.30 + "1、…" = 6.301
    levels = [(r.level1, r.level2, r.name) for r in form.indicators]
    assert levels == [
        ("项目完成指标", "数量指标", "扶助家庭人数"),
        ("项目完成指标", "质量指标", "对象资格复审率"),
        ("项目效益指标", "社会效益指标", "家庭生活得到保障"),
    ]


def test_one_cell_a_paragraph_with_side_by_side_long_term_columns(tmp_path: Path) -> None:
    """66_hubei_target_cellline: a web page's Word table, one cell a paragraph with an
    empty line after each, an empty cell a paragraph of one space; the indicator table
    prints the 中长期 block and the annual one side by side (二级指标(长期) | 三级指标(长期)
    | 指标值(长期) | 二级指标(年度) | …). The annual block is the form's indicators."""
    head = [
        "项目支出绩效目标表",
        "2020年度)",
        "项目名称",
        "教育系统基础设施建设和设备购置",
        "实施单位",
        "武汉市青山区教育局",
        "一级指标",
        "二级指标(长期)",
        "三级指标(长期)",
        "指标值(长期)",
        "二级指标(年度)",
        "三级指标(年度)",
        "指标值(年度)",
    ]
    rows = [
        ["产出指标", "数量指标", " ", " ", "数量指标", "重点建设工程安排数量", "2"],
        [
            "产出指标",
            "质量指标",
            "工程质量达标",
            "达标",
            "质量指标",
            "重点建设工程验收合格率",
            "100%",
        ],
        ["产出指标", "成本指标", " ", " ", "成本指标", "建设项目成本", "参照政府采购成本控制"],
        ["效益指标", "社会效益指标", " ", " ", "社会效益指标", "基础教育学校办学条件", "持续改善"],
        ["满意度指标", "服务对象满意度指标", " ", " ", "服务对象满意度指标", "家长满意度", "≥90%"],
    ]
    tail = ["附件:", "扫一扫在手机打开当前页", "[下载] [打印] [关闭]"]
    cells = head + [c for r in rows for c in r] + tail
    path = tmp_path / "paragraphs.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    assert form.project == "教育系统基础设施建设和设备购置"
    got = [(r.level1, r.level2, r.name, r.target) for r in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "重点建设工程安排数量", "2"),
        ("产出指标", "质量指标", "重点建设工程验收合格率", "100%"),
        ("产出指标", "成本指标", "建设项目成本", "参照政府采购成本控制"),
        ("效益指标", "社会效益指标", "基础教育学校办学条件", "持续改善"),
        ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%"),
    ]


def test_only_rows_that_print_every_cell_fill_the_last_columns() -> None:
    """A tab-separated row drops its empty cells: its cells are not the header's last."""
    columns = ["level1", "level2", "name", "target", "actual"]
    cells = ["预算资金拨款率", "100%", "100%"]
    tabbed = [Token(c, 1, row=1) for c in cells]
    assert grid_rows(tabbed, columns) is None
    (row,), stray = grid_rows([Token(c, 1, row=1, whole=True) for c in cells], columns) or ([], [])
    assert [t.text for t in row.cells["name"]] == ["预算资金拨款率"] and not stray


_RULE = "未达指标值酌情扣分"
_MIRROR = [
    ["芙蓉区文化馆2024年度整体绩效目标表"],
    ["部门(单位)名称", "芙蓉区文化馆"],
    ["*部门(单位)职责", "组织群众文化活动"],
    ["*年度总体绩效目标", "办好全年群众文化活动。"],
    ["绩效指标"],
    [
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值类型",
        "*指标值",
        "计量单位",
        "*指标解释",
        "*评(扣)分标准",
        "备注",
    ],
    ["产出指标", "数量指标", "文化活动场次", "定量", "24", "场", "考察全年活动场次", _RULE],
    ["时效指标", "活动完成时间", "定量", "按季开展", "考察活动开展时间", _RULE],
    ["成本指标", "社会成本指标", "定量", "100", "%", "考察成本控制情况", _RULE],
    ["效益指标", "经济效益指标", _RULE],
    ["社会效益指标", "群众参与人次", "定量", "5000", "人次", "考察群众参与情况", _RULE],
]


def test_mirror_pipe_rows_that_dropped_their_empty_cells(tmp_path: Path) -> None:
    """A mirror site's pipe rows whose empty cells were dropped and padded after the
    last (75_hunan_depttarget_pipe): a 三级 worded as a label (成本指标 | 社会成本指标)
    is read as printed; a row printing only its 评分标准 names no indicator (the
    standard stays unplaced, never a name); a row cut off by the excerpt's end is no
    cell of the row before it; a 定性 value or one with its unit takes no ``%``."""
    text = "\n".join(" | ".join(r) + " |" + "|" * (9 - len(r)) for r in _MIRROR)
    path = tmp_path / "mirror.txt"
    path.write_text(text + "\n生态(t", encoding="utf-8")
    (form,) = parse_file(path).forms
    rows = [(i.level1, i.level2, i.name, i.target, i.note) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "文化活动场次", "24场", None),
        ("产出指标", "时效指标", "活动完成时间", "按季开展", None),
        ("产出指标", "成本指标", "社会成本指标", "100%", None),
        ("效益指标", "社会效益指标", "群众参与人次", "5000人次", None),
    ]
    unplaced = " ".join(f.message for f in form.findings if f.code == "P001")
    assert f"经济效益指标 {_RULE}" in unplaced and "生态(t" in unplaced


_PIPED_ROWS = [
    "项目支出绩效自评表 |",
    "| ( 2023年度) |",
    "项目名称 | 收容所建设项目 |",
    "主管部门 | 临翔区林业和草原局 | 实施单位 | 临翔区林业和草原局 |",
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | "
    "偏差原因分析及改进措施 |",
    "|",
    "产出指标 | 数量指标 | 野生动物收容所 | ≥200平方米 | 204.46平方米 | 10 | 10 | 无 |",
    "数量指标 | 钢结构圈养围栏 | ≥120米 | 121.5米 | 10 | 10 | 无 |",
    "时效指标 | 项目完工时限 | 2023年12月 | 2023年10月 | 15 | 15 | 无 |",
    "效益指标 | 经济效益指标 | 务工人员年人均增收 | ≥8400元 | 8400元 | 10 | 10 | 无 |",
    "社会效益指标 | 提供务工岗位 | ≥5个 | 5个 | 10 | 10 | 无 |",
    "满意度指标 | 服务对象满意度指标 | 受益农户满意度",
]


def test_piped_lines_closed_by_a_bar_are_whole_rows(tmp_path: Path) -> None:
    """Pipe lines each closed by a bar and printing every column but the merged labels
    are the table's rows, with no 总分 to confirm them (103_yunnan_self_pipe, cut off
    before its total): a row that omits its 一级 label is under the one above; the last
    line, cut off by the excerpt, is no row."""
    path = tmp_path / "piped.txt"
    path.write_text("\n".join(_PIPED_ROWS), encoding="utf-8")
    (form,) = parse_file(path).forms
    rows = [(i.level1, i.level2, i.name, i.target, i.actual) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "野生动物收容所", "≥200平方米", "204.46平方米"),
        ("产出指标", "数量指标", "钢结构圈养围栏", "≥120米", "121.5米"),
        ("产出指标", "时效指标", "项目完工时限", "2023年12月", "2023年10月"),
        ("效益指标", "经济效益指标", "务工人员年人均增收", "≥8400元", "8400元"),
        ("效益指标", "社会效益指标", "提供务工岗位", "≥5个", "5个"),
    ]
    assert [(i.weight, i.score) for i in form.indicators][-1] == (Decimal("10"), Decimal("10"))


def test_padded_piped_lines_keep_the_one_placement_that_fits() -> None:
    """A line padded with empty cells past its row (a mirror pads every line to one
    width) or opened by an empty corner cell is the row whose cells all fit their
    columns; a line that fits no way leaves the text without rows."""
    columns = ["level1", "level2", "name", "target", "actual", "weight", "score", "note"]

    def line(n: int, cells: list[str]) -> list[Token]:
        tokens = [Token(c, n) for c in cells]
        return [*tokens[:-1], Token(cells[-1], n, closed=True)]

    padded = line(1, ["质量指标", "项目验收合格率", "100%", "100%", "20", "19", "", "", ""])
    cornered = line(
        2, ["", "效益指标", "社会效益指标", "政策知晓率", "95%", "98%", "10", "10", "", ""]
    )
    (first, second), stray = grid_rows(padded + cornered, columns) or ([], [])
    assert {c: t[0].text for c, t in first.cells.items()} == {
        "level2": "质量指标",
        "name": "项目验收合格率",
        "target": "100%",
        "actual": "100%",
        "weight": "20",
        "score": "19",
        "note": "",
    }
    assert [t.text for t in second.cells["level1"]] == ["效益指标"] and not stray
    assert grid_rows(line(1, ["项目验收合格率", "100%"]) + cornered, columns) is None


def test_a_label_the_model_does_not_hold_ends_the_value_before_it(tmp_path: Path) -> None:
    """项目性质 (持续性项目) is a caption of its own: the 项目类别 run into it ends there
    (110_hubei_target_runon), never ``本级支出项目项目性质持续性项目``."""
    path = tmp_path / "runon.txt"
    path.write_text(
        "鄂州市2022年市直部门预算项目支出绩效目标表项目名称办公大楼运行保障项目类别本级支出项目"
        "项目性质持续性项目立项依据三定方案绩效指标一级指标二级指标绩效标准当年预期实现值"
        "数量指标大楼安检巡察次数反映大楼保卫巡检情况200次",
        encoding="utf-8",
    )
    form = parse_file(path).forms[0]
    assert isinstance(form, TargetDeclaration)
    assert form.project == "办公大楼运行保障" and form.target_meta.category == "本级支出项目"


def test_a_project_named_like_a_form_is_the_name(tmp_path: Path) -> None:
    """A project cell holding a form's title (the page heading pasted in: 104_yunnan_
    self_pipe's ``2020年省级自然资源卫片执法补助经费支出绩效自评表``) under the form's own
    title is the project's name, not the title of a second form."""
    rows = [
        "| 2020年度项目支出绩效自评表 | |||",
        "| 项目名称 |",
        "2020年省级卫片执法补助经费支出绩效自评表 |",
        "| 主管部门 | 丽江市自然资源和规划局 | 实施单位 | 古城区自然资源局 |",
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
        "| 产出指标 | 数量指标 | 执法图斑核查数 | ≥100个 | 120个 | 90 | 90 |",
        "| 总分 | 100 | 100 |",
    ]
    path = tmp_path / "named.txt"
    path.write_text("\n".join(rows), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.project == "2020年省级卫片执法补助经费支出绩效自评表"
    assert form.unit == "古城区自然资源局"
