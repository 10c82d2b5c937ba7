"""Fields of readable forms the rebuilder used to leave empty, each habit modelled on a
real document's structure (the wild corpus input named in each test): a 一级 label
printed in the middle of its merged cell above rows no label covers, a 一级 column
headed 指标类型 beside a stand-in name column (绩效指标)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import Form, SelfEvaluation, TargetDeclaration
from jixiao.parse import parse_file


def _read(tmp_path: Path, text: str) -> Form:
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    forms = parse_file(path).forms
    assert len(forms) == 1
    return forms[0]


def _levels(form: Form) -> list[tuple[str | None, str | None, str]]:
    return [(i.level1, i.level2, i.name) for i in form.indicators]


def test_a_level1_label_printed_mid_cell_covers_the_rows_above_it(tmp_path: Path) -> None:
    """99_hubei_target_pipe: 产出指标 printed on the fifth of its rows (a merged cell's
    text centred), the rows above under no label; their 二级 (数量指标, carried down its
    merged cell) belongs to 产出, so the label covers them, and the row it was printed
    on keeps the 二级 of the cell above it."""
    text = "\n".join(
        [
            "项目支出绩效目标批复表 | ||||||",
            "(2022年度) | ||||||",
            "项目名称 | 主体班 | 项目负责人 | ||||",
            "项目金额 | 164万元 | 其中:当年市级财政资金 | 132万元 | |||",
            "年度绩效目标(文字) | 完成干部教育培训任务。 | |||||",
            "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |",
            "数量指标 | 主体班培训人次 | 280人次 | ||||",
            "情景教学或外训批次 | 6次 | |||||",
            "产出指标 | 开设课程数量 | 220 | ||||",
            "质量指标 | 培训完成率 | 100% | ||||",
            "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥95% | |||",
        ]
    )
    form = _read(tmp_path, text)
    assert _levels(form) == [
        ("产出指标", "数量指标", "主体班培训人次"),
        ("产出指标", "数量指标", "情景教学或外训批次"),
        ("产出指标", "数量指标", "开设课程数量"),
        ("产出指标", "质量指标", "培训完成率"),
        ("满意度指标", "服务对象满意度指标", "学员满意度"),
    ]


def test_a_label_above_rows_of_another_family_stays_where_printed(tmp_path: Path) -> None:
    """The same table with 满意度指标 printed below rows whose 二级 belongs to 产出: the
    label is not moved over them (they are not its rows), they keep no 一级."""
    text = "\n".join(
        [
            "项目支出绩效目标批复表 | ||||||",
            "(2022年度) | ||||||",
            "项目名称 | 主体班 | 项目负责人 | ||||",
            "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |",
            "数量指标 | 主体班培训人次 | 280人次 | ||||",
            "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥95% | |||",
        ]
    )
    form = _read(tmp_path, text)
    assert _levels(form) == [
        (None, "数量指标", "主体班培训人次"),
        ("满意度指标", "服务对象满意度指标", "学员满意度"),
    ]


def test_a_level1_column_headed_as_a_type_covers_its_merged_rows(tmp_path: Path) -> None:
    """60_hainan_target_pipe: ``指标类型 | 绩效指标 | 绩效目标`` (no 二级 column), each
    一级 label printed on the first row of its merged cell: the rows below it are its."""
    text = "\n".join(
        [
            "| 项目绩效目标表 | ||||",
            "| 项目名称:规划展览馆运行维护项目 | ||||",
            "| 指标类型 | 绩效指标 | 绩效目标 | |",
            "| 产出指标 | 指标1:物业管理面积 | 6500平方米 | |",
            "| 指标2:用电量 | 60万度 | ||",
            "| 成效指标 | 指标1:设备的使用率 | 80%以上 | |",
            "| 指标2:项目成本控制 | 不超预算 | ||",
        ]
    )
    form = _read(tmp_path, text)
    assert _levels(form) == [
        ("产出指标", None, "指标1:物业管理面积"),
        ("产出指标", None, "指标2:用电量"),
        ("成效指标", None, "指标1:设备的使用率"),
        ("成效指标", None, "指标2:项目成本控制"),
    ]


def test_money_by_level_of_government_is_a_row_of_its_own(tmp_path: Path) -> None:
    """134_sichuan_self_pipe: a transfer payment's 中央财政资金 and 地方财政资金 rows are
    sources under their printed labels, not the unit's 财政拨款 (a 财政资金 word inside
    them notwithstanding); an empty one ends no table (其他资金 after it is read)."""
    text = "\n".join(
        [
            "中央转移支付全民健身中心项目绩效自评表 | |||||||",
            "(2023年度) | |||||||",
            "转移支付(项目)名称 | 全民健身中心项目 | ||||||",
            "资金投入情况 (万元) |",
            "全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||",
            "年度资金总额: | 2050 | 1207.9 | 58.92% | ||||",
            "其中:中央财政资金 | 2000 | 1157.9 | 57.89% | ||||",
            "地方财政资金 | |||||||",
            "其他资金 | 50 | 50 | 100% | ||||",
            "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | |",
            "产出指标 | 数量指标 | 新建健身中心数量 | 1个 | 1个 | |",
        ]
    )
    form = _read(tmp_path, text)
    assert isinstance(form, SelfEvaluation)
    assert form.funds.appropriation is None or form.funds.appropriation.adjusted is None
    central = form.funds_extra["中央财政资金"]
    assert (central.adjusted, central.executed, central.rate) == (
        Decimal("2000"),
        Decimal("1157.9"),
        Decimal("57.89"),
    )
    assert "地方财政资金" in form.funds_extra
    assert form.funds.other is not None and form.funds.other.adjusted == Decimal("50")


def test_a_declarations_project_total_and_a_period_of_run_together_digits(
    tmp_path: Path,
) -> None:
    """49_xinjiang_target_pipe, 66_hubei_target_cellline: 项目资金总额 beside the year's
    年度资金申请总额 is the project's whole budget; 项目起止时间 ``202001-202012`` (each date's
    digits run together) is its start and end."""
    text = "\n".join(
        [
            "补助资金绩效目标申报表 | ||||||",
            "(2021年度) | ||||||",
            "项目名称 | 保鲜库建设项目 | |||||",
            "主管部门 | 农业农村局 | 实施单位 | 农业发展服务中心 | |||",
            "项目起止时间 | 202101-202112 | |||||",
            "资金情况 (万元) | 项目资金总额: | 1500 | 年度资金申请总额 | 900 | ||",
            "其中:财政资金 | 1500 | 其中:当年财政拨款 | 900 | |||",
            "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |",
            "产出指标 | 数量指标 | 建成保鲜库数量 | 1座 | ||",
        ]
    )
    form = _read(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    meta = form.target_meta
    assert (meta.total_budget, meta.current_budget) == (Decimal("1500"), Decimal("900"))
    assert (meta.start, meta.end) == ("202101", "202112")


def test_a_templates_unfilled_numbered_rows_are_no_indicators(tmp_path: Path) -> None:
    """08_hebei_self_cellline: the template's ``指标1`` / ``指标2`` / ``……`` rows left
    unfilled under a 二级 label (one cell a paragraph, empty cells a space) name no
    indicator; a filled one (``指标1安全率``) is read with its number."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["效益指标", "经济效益指标", "指标1安全率", "100", "100", "10", "10"],
        ["", "", "指标2", " ", " ", " ", " "],
        ["", "生态效益指标", "指标1", " ", " ", " ", " "],
        ["", "", "指标2", " ", " ", " ", " "],
        ["", "", "……", " ", " ", " ", " "],
        ["满意度指标", "服务对象满意度指标", "指标1学生满意度", "100", "100", "10", "10"],
        ["总分", "20", "20"],
    ]
    head = ["项目支出绩效自评表", "(2019年度)", "项目名称", "暖通改造经费"]
    text = "\n\n".join([*head, *(c for r in rows for c in r if c)])
    form = _read(tmp_path, text)
    assert [i.name for i in form.indicators] == ["指标1安全率", "指标1学生满意度"]


_FUNDS_AND_GOALS = [
    "| 全年预算数 | 全年执行数 | 执行率 |",
    "| 年度资金总额 | 64.8 | 64.8 | 100% |",
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |",
    "| 产出指标 | 数量指标 | 保障人数 | 2370人 | 2370人 |",
]


def test_a_name_label_printed_empty_takes_no_label_after_it(tmp_path: Path) -> None:
    """108_ningxia_self_runon flattened as pipe rows: ``| 主管部门 |`` printed empty, the
    funding table's ``年度资金总额`` next is no department's name."""
    text = "\n".join(
        [
            "| 部门项目支出绩效自评表(2021年) |",
            "| 项目名称 | 初中公用经费 |",
            "| 主管部门 |",
            "| 年度资金总额 |",
            "|  | 年初设定目标 | 年度总体目标完成情况 |",
            "|  | 保障学校正常运转 | 学校正常运转 |",
            *_FUNDS_AND_GOALS[2:],
        ]
    )
    form = _read(tmp_path, text)
    assert form.department is None
    assert form.project == "初中公用经费"


def test_a_money_unit_note_is_no_value_in_a_block_of_labels(tmp_path: Path) -> None:
    """127_hebei_self_spaced flattened as pipe rows: two labels, then two cells — the
    second the money unit's note (``金额单位:万元``), not the second label's value."""
    text = "\n".join(
        [
            "| 民政局2020年度预算项目绩效自评表 |",
            "| 项目名称: | 百岁老人高龄津贴 |",
            "| 是否为专项资金: |",
            "| 实施(主管)单位 | 314002-民政局机关 |",
            "| 金额单位:万元 |",
            *_FUNDS_AND_GOALS,
        ]
    )
    form = _read(tmp_path, text)
    assert form.unit == "314002-民政局机关"
    assert form.money_unit == "万元"
