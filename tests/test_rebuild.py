"""The text rebuilder: each flattening of the same small form reads the same fields.

The form is modelled on a 2022 Anhui 项目支出绩效自评表 (a WPS document dumped to text);
the same cells are flattened the four ways published text circulates in.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from jixiao.errors import NoLayoutError
from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    SelfEvaluation,
    TargetDeclaration,
)
from jixiao.parse import parse_file
from jixiao.parse.rebuild import rebuild
from jixiao.parse.rebuild.fund_rows import place_amounts
from jixiao.parse.rebuild.runon import split_runon
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import fund_column
from jixiao.parse.titles import find_title
from jixiao.read import Document, Line

ROWS = [
    ["项目支出绩效自评表"],
    ["(2022年度)"],
    ["项目名称", "委托业务项目"],
    ["主管部门", "池州市贵池区棠溪镇人民政府", "实施单位", "棠溪镇财政所"],
    ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "90", "90", "89.97", "10", "99.97%", "10"],
    ["其中:本年财政拨款", "90", "90", "89.97", "", "99.97%", ""],
    ["年度总体目标", "预期目标", "实际完成情况"],
    ["", "完成三类委托业务。", "三类委托业务全部完成。"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "委托业务项目数量", "≥50个", "50个", "30", "30"],
    ["", "质量指标", "委托业务报告合格率", "100%", "100%", "30", "30"],
    ["效益指标", "社会效益指标", "基建市场公平程度", "效果明显", "达成预期指标", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "公众满意度", "≥90%", "95%", "10", "10"],
    ["总分", "100", "100", "优"],
]


def _pipe() -> str:
    return "\n".join("| " + " | ".join(r) + " |" + ("|" * (7 - len(r))) for r in ROWS)


def _cellline() -> str:
    return "\n".join(f"{c} |" if c else "|" for r in ROWS for c in r)


def _flat() -> str:
    meta = "安福全 zlnb210061 1 2019-05-22T04:56:35Z 15.00 2052-11.1.0.11691 False 附件:"
    return meta + " " + " ".join(c for r in ROWS for c in r if c)


FLATTENINGS = {"pipe": _pipe, "cellline": _cellline, "flat": _flat}


@pytest.mark.parametrize("name", sorted(FLATTENINGS))
def test_every_flattening_reads_the_form(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(FLATTENINGS[name](), encoding="utf-8")
    result = parse_file(path)
    assert result.layout == "rebuilt"
    (form,) = result.forms
    assert isinstance(form, SelfEvaluation)
    assert (form.year, form.project, form.department) == (
        2022,
        "委托业务项目",
        "池州市贵池区棠溪镇人民政府",
    )
    assert form.money_unit == "万元"
    total = form.funds.total
    assert (total.initial, total.adjusted, total.executed, total.rate) == (
        Decimal(90),
        Decimal(90),
        Decimal("89.97"),
        Decimal("99.97"),
    )
    assert form.funds.appropriation.executed == Decimal("89.97")
    assert form.goal_expected == "完成三类委托业务。"
    names = [r.name for r in form.indicators]
    assert names == ["委托业务项目数量", "委托业务报告合格率", "基建市场公平程度", "公众满意度"]
    assert [r.level2 for r in form.indicators][1] == "质量指标"
    assert form.indicators[1].level1 == "产出指标"  # merged cell under its label
    assert form.indicators[0].target == "≥50个" and form.indicators[3].actual == "95%"
    assert (form.total_weight, form.total_score, form.grade) == (Decimal(100), Decimal(100), "优")
    assert all(f.severity.value != "error" for f in form.findings)
    assert form.source.lines[0] >= 1  # lines point into the original text


def test_cells_run_together_are_cut_where_one_cell_must_end() -> None:
    pieces = [t.text for t in split_runon(Token("安装坡面水标尺10≥266米≥266米10", 1))]
    assert pieces == ["安装坡面水标尺", "10", "≥266米", "≥266米", "10"]
    pieces = [t.text for t in split_runon(Token("产出指标数量指标足额保障率=100%", 1))]
    assert pieces == ["产出指标", "数量指标", "足额保障率", "=100%"]
    assert [t.text for t in split_runon(Token("2023年12月31日前完成", 1))] == [
        "2023年12月31日前完成"
    ]


def test_amounts_placed_only_where_one_reading_fits() -> None:
    cols = ["initial", "adjusted", "executed", "weight", "rate", "score"]
    tokens = [Token(t, 1) for t in ("90", "89.974", "89.974")]
    placed = place_amounts(tokens, cols, total_row=False, explicit=False)
    assert placed is not None and {c: t.text for c, t in placed.items()} == {
        "initial": "90",
        "adjusted": "89.974",
        "executed": "89.974",
    }
    run = place_amounts([Token("194.9194.9100%", 1)], ["adjusted", "executed", "rate"], True, False)
    assert run is not None and [t.text for t in run.values()] == ["194.9", "194.9", "100%"]
    # 20 | 20 | 10 | 100.00% | 10: the only cut whose 执行率 is 执行数 / 预算数
    run = place_amounts([Token("202010100.00%10", 1)], cols, True, False)
    assert run is not None
    assert {c: t.text for c, t in run.items()} == {
        "adjusted": "20",
        "executed": "20",
        "weight": "10",
        "rate": "100.00%",
        "score": "10",
    }
    # three equal amounts fit 分值 or 得分 alike: left whole
    same = [Token("10", 1) for _ in range(3)]
    assert place_amounts(same, ["adjusted", "executed", "weight", "score"], True, False) is None


def test_a_run_that_no_reading_fits_stays_whole_with_p012(tmp_path: Path) -> None:
    rows = [r for r in ROWS if r[0] != "总分"]
    text = " ".join(c for r in rows for c in r if c).replace("50个 30 30", "50个 35 30")
    path = tmp_path / "x.txt"
    path.write_text(text + " 总分 100 100 优", encoding="utf-8")  # Σ分值 95, not 90
    (form,) = parse_file(path).forms
    assert not form.indicators
    assert "P012" in [f.code for f in form.findings]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("部门预算项目支出绩效自评表(2023年度) |", "self_evaluation"),
        ("| 雨露计划绩效目标申报表 |", "target_declaration"),
        ("标 题: | 2024年度某项目绩效目标批复表 |", "target_declaration"),
        ("转移支付项目绩效自评表（基础设施建设类）", "self_evaluation"),
        ("部门（单位）整体支出绩效自评表", "department_self_evaluation"),
        ("部门整体支出绩效目标表", "department_target_declaration"),
        ("2023年度部门整体支出绩效评价自评表", "department_self_evaluation"),  # 142_anhui
        ("岳阳楼区价格认证鉴定中心2023年度整体绩效目标表 |", "department_target_declaration"),
        ("| 2024年度预算项目绩效目标公开表 |", "target_declaration"),
        ("项目支出目标申报表", "target_declaration"),
        ("绩效项目申报表", "target_declaration"),  # 107_xinjiang_target_pipe's page title
    ],
)
def test_titles_as_they_are_printed(text: str, kind: str) -> None:
    found = find_title(text)
    assert found is not None and found.kind == kind


def test_a_sentence_naming_a_form_is_no_title() -> None:
    assert find_title("关于报送2023年度项目支出绩效自评表的通知") is None
    assert find_title("某项目绩效目标申报表公示如下") is None


def test_a_notice_naming_one_form_before_the_title_of_another_is_no_title() -> None:
    text = "现将某项目绩效目标申报表公示如下,具体如下:项目支出绩效自评表(2022年度)项目名称某项目"
    pieces = [t.text for t in split_runon(Token(text, 1), False)]
    assert "项目支出绩效自评表(2022年度)" in pieces


def test_a_label_wrapped_with_the_rest_of_its_wording_is_one_label() -> None:
    from jixiao.parse.rebuild.runon import join_wrapped

    tokens = [Token("主管部门", 1), Token("及编码", 2), Token("[015001]某区教育局", 3)]
    assert [t.text for t in join_wrapped(tokens)] == ["主管部门及编码", "[015001]某区教育局"]
    kept = [Token("主管部门", 1), Token("实施单位", 2)]  # two labels: not one
    assert [t.text for t in join_wrapped(kept)] == ["主管部门", "实施单位"]


def test_a_total_row_run_together_is_cut_only_where_one_cut_fits() -> None:
    from jixiao.parse.rebuild.fund_rows import total_cut

    assert [t.text for t in total_cut(Token("10095", 1))] == ["100", "95"]
    assert [t.text for t in total_cut(Token("95", 1))] == ["95"]  # one number as printed
    assert [t.text for t in total_cut(Token("1055", 1))] == ["1055"]  # no cut fits


def test_numbers_run_together_in_an_indicator_row_are_two_cells() -> None:
    from jixiao.parse.rebuild.indicator_rows import best_readings

    texts = ["享受资助人数", "210010", "资金支出率", "95%", "10"]
    tokens = [Token(t, 1) for t in texts]
    [(rows, stray)] = best_readings(tokens, ["name", "target", "weight"], False)
    cells = [{k: "".join(t.text for t in v) for k, v in r.cells.items()} for r in rows]
    assert cells == [
        {"name": "享受资助人数", "target": "2100", "weight": "10"},
        {"name": "资金支出率", "target": "95%", "weight": "10"},
    ]
    assert not stray


_SPACED = """部门整体支出绩效自评表
(2022年度)
部门(单位)名称 池州市贵池区棠溪镇人民政府 部门预算编码 901001033
年度
总体
目标
完成
情况
预期目标 实际完成情况
完成三类委托业务。
三类委托业务全部完成。
年度
绩效
指标
完成
情况
一级指标 二级指标 三级指标 指标解释 绩效目标值 实际完成值 分值 得分
产出指标 数量指标
 指标1  委托业务项目数量 全年完成的委托业务项目个数 ≥50个 50个 50 50
 指标2  委托业务报告合格率 报告经审核合格的比例 合格 合格 40 40
满意度指标 服务对象满意度指标
 指标1  公众满意度 受访公众满意程度 ≥90% 95% 10 10
总分 100 100
"""


@pytest.mark.parametrize("title", ["部门整体支出绩效自评表", "项目支出绩效自评表"])
def test_spaced_rows_with_stacked_captions_and_numbered_names(title: str, tmp_path: Path) -> None:
    """One row a line: a caption printed down its merged cell (年度/总体/目标…) is no
    goal text, the template's 指标1 stays with its name, and beside 绩效目标值 the
    指标解释 column is no target (nor are 合格 合格 one cell). The samples' spaced
    layout, which reads no 指标解释 column, leaves the project form to the rebuilder."""
    path = tmp_path / "spaced.txt"
    path.write_text(_SPACED.replace("部门整体支出绩效自评表", title), encoding="utf-8")
    form = parse_file(path).forms[0]
    assert isinstance(form, (DepartmentSelfEvaluation, SelfEvaluation))
    assert form.goal_expected == "完成三类委托业务。"
    assert form.goal_actual == "三类委托业务全部完成。"
    rows = [(i.name, i.target, i.actual, i.weight) for i in form.indicators]
    assert rows == [
        ("指标1委托业务项目数量", "≥50个", "50个", Decimal("50")),
        ("指标2委托业务报告合格率", "合格", "合格", Decimal("40")),
        ("指标1公众满意度", "≥90%", "95%", Decimal("10")),
    ]


def _cells(rows: list[Any]) -> list[dict[str, str]]:
    return [{k: " ".join(t.text for t in v if t.text) for k, v in r.cells.items()} for r in rows]


def test_two_readings_of_equal_cost_keep_only_the_cells_they_agree_on() -> None:
    from jixiao.parse.rebuild.indicator_rows import best_readings
    from jixiao.parse.rebuild.row_check import Printed
    from jixiao.parse.rebuild.ties import settle

    columns = ["name", "target", "actual", "weight", "score"]
    texts = ["变压器台数", "3", "9.3", "9.3", "受益户数", "≥200户", "215户", "90.7", "90.7"]
    tokens = [Token(t, 1) for t in texts]
    readings = best_readings(tokens, columns, True)
    assert len(readings) == 2  # 3 9.3 9.3: an actual and a weight, or a weight and a score
    settled = settle(readings, columns, Printed(total_weight=Decimal(100)), True)
    assert _cells(settled.rows)[0] == {"name": "变压器台数", "target": "3", "weight": "9.3"}
    assert [t.text for t in settled.doubtful[0]] == ["9.3"]
    # the printed 总分 tells them apart: the 得分 must add up to it
    printed = Printed(total_weight=Decimal(100), total_score=Decimal(100))
    rows = _cells(settle(readings, columns, printed, True).rows)
    assert rows[0] == {"name": "变压器台数", "target": "3", "weight": "9.3", "score": "9.3"}


def test_an_empty_cell_after_a_rows_last_is_no_score_when_the_scores_do_not_add_up() -> None:
    """A web page pads a row with empty cells after its last: read as an empty 得分 they
    leave the 得分 short of the printed 总分, read as padding they fit it."""
    from jixiao.parse.rebuild.indicator_rows import best_readings
    from jixiao.parse.rebuild.row_check import Printed
    from jixiao.parse.rebuild.ties import settle

    columns = ["name", "target", "actual", "weight", "score"]
    texts = ["变压器台数", "3", "9.3", "9.3", "", "受益户数", "≥200户", "215户", "90.7", "90.7"]
    tokens = [Token(t, 1) for t in texts]
    printed = Printed(total_weight=Decimal(100), total_score=Decimal(100))
    strict = partial(best_readings, tokens, columns, True, empty_values=False)
    rows = _cells(settle(best_readings(tokens, columns, True), columns, printed, True, strict).rows)
    assert rows[0] == {"name": "变压器台数", "target": "3", "weight": "9.3", "score": "9.3"}


def test_a_cell_of_dot_leaders_between_spaces_is_empty() -> None:
    from jixiao.parse.rebuild.tokens import tokenize
    from jixiao.read import Document, Line

    doc = Document("t.txt", (Line(1, "| 其中猪养殖数量 | …… |  |"),))
    assert [t.text for t in tokenize(doc)] == ["其中猪养殖数量", "", ""]


def test_a_source_row_has_no_amount_where_its_total_row_printed_none() -> None:
    columns = ["initial", "adjusted", "executed", "weight", "rate", "score"]
    values = [Token("387664.62", 1), Token("387664.62", 1), Token("—", 1)]
    bound = {"adjusted": Decimal("387664.62"), "executed": Decimal("387664.62")}
    placed = place_amounts(values, columns, False, True, bound)
    assert placed is not None
    assert {c: t.text for c, t in placed.items() if t.text != "—"} == {
        "adjusted": "387664.62",
        "executed": "387664.62",
    }


def test_a_label_and_its_value_in_one_piped_cell_are_two_cells() -> None:
    texts = [t.text for t in split_runon(Token("年度资金总额:50万", 1), True)]
    assert texts == ["年度资金总额", "50万"]
    assert [t.text for t in split_runon(Token("其中:财政拨款", 1), True)] == ["其中:财政拨款"]


def test_a_funds_name_with_its_amount_reads_as_the_amount(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "| 绩效目标申报表 |\n| 项目名称 | 养殖场建设 |\n"
        "| 年度资金总额 | 中央衔接推进乡村振兴补助资金(少数民族发展任务)50 |\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 数量指标 | 新建养殖场 | ≥1个 |\n",
        encoding="utf-8",
    )
    (form,) = parse_file(path).forms
    assert form.target_meta.current_budget == Decimal(50)
    assert not [f for f in form.findings if f.severity == "error"]


def test_first_level_words_under_a_spanning_label_are_second_level(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    rows = [
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| 实施效果指标 | 产出指标 | 建设项目个数 | 1 |",
        "| 效益指标 | 粪污综合利用率 | ≥90% |",
        "| 满意度指标 | 受益户满意度 | ≥90% |",
    ]
    path.write_text("| 绩效目标表 |\n| 项目名称 | 整县推进 |\n" + "\n".join(rows) + "\n", "utf-8")
    (form,) = parse_file(path).forms
    levels = [(r.level1, r.level2) for r in form.indicators]
    assert levels == [("实施效果指标", w) for w in ("产出指标", "效益指标", "满意度指标")]


def test_the_templates_numbering_stays_with_the_indicators_name() -> None:
    for text in ("指标1安全率", "指标2工程验收合格率"):
        assert [t.text for t in split_runon(Token(text, 1))] == [text]


def test_a_header_printed_in_two_rows_is_joined_pairwise() -> None:
    from jixiao.parse.rebuild.header_rows import join_header_rows

    texts = ["序号", "三级指标", "指标说明", "指标", "县级", "", "分值", "评分", "1"]
    joined = [t.text for t in join_header_rows([Token(t, 1) for t in texts])]
    assert joined == ["序号", "三级指标", "指标说明", "指标分值", "县级评分", "1"]


def test_lone_bars_between_cells_one_a_line_are_separators() -> None:
    from jixiao.parse.rebuild.tokens import tokenize
    from jixiao.read import Document, Line

    texts = ["序号", "|", "一级指标", "|", "|", "分值", "|", "1", "|", "产出", "|", "10", "|"]
    doc = Document("t.txt", tuple(Line(i + 1, t) for i, t in enumerate(texts)))
    assert [t.text for t in tokenize(doc)] == ["序号", "一级指标", "", "分值", "1", "产出", "10"]


_SIGNED = """再生资源回收经费项目绩效目标表
(2021年)
项目名称 再生资源回收经费
建设周期 2021年3月-2021年12月
主管部门 乌海市供销合作社联合社
实施单位 乌海市供销合作社联合社
投入目标 (万元) 资金来源 年初安排金额(万元)
资金总额 3
其中: 财政拨款数 3
年度目标 完成回收网点规范运营,改善城乡环境。
{caption} 一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值 备注
产出指标 数量指标 出差人数 正向 = 8 40
产出指标 质量指标 工作任务完成率 正向 = 100 % 10
效益指标 生态效益指标 再生资源回收利用率 正向 ≥ 85 % 40
""".format(caption="绩效指标(权重分值90分,其中产出指标权重分值50分,效益指标权重分值40分)")


def test_signed_target_columns_and_a_bracketed_caption(tmp_path: Path) -> None:
    """指标方向 beside 指标性质 is the sign of the target; a caption's bracketed note
    (权重分值90分,其中…) names header words in prose and is never cut into cells; a
    建设周期 of two dates is the start and the end."""
    path = tmp_path / "signed.txt"
    path.write_text(_SIGNED, encoding="utf-8")
    form = parse_file(path).forms[0]
    assert isinstance(form, TargetDeclaration)
    assert form.money_unit == "万元"
    assert (form.target_meta.start, form.target_meta.end) == ("2021年3月", "2021年12月")
    rows = [(i.level2, i.name, i.target, i.weight) for i in form.indicators]
    assert rows == [
        ("数量指标", "出差人数", "=8", Decimal("40")),
        ("质量指标", "工作任务完成率", "=100%", Decimal("10")),
        ("生态效益指标", "再生资源回收利用率", "≥85%", Decimal("40")),
    ]


_TASKS = """部门整体支出绩效目标表
(2019年度)
部门(单位)名称 宁德市某研究室 部门预算编码 901001033
年度
预算
安排
(万元)
资金总额 171.41
项目支出 60.8
基本支出 110.61
年度
履职
目标
部门职能 年度目标任务 支出项目名称 预算金额(万元)
组织、编纂和检查地方志、年鉴工作 落实志鉴编修经费,按期完成年度任务 市志编纂与年鉴出版经费 49.8
确保日常工作正常运行 按时足额发放人员工资 基本支出 {last}
一级指标 二级指标 三级指标 指标值
产出指标 数量指标 出版年鉴 1部
"""


@pytest.mark.parametrize("last", ["121.61", "见附表"])
def test_spaced_task_table_read_whole_or_not_at_all(last: str, tmp_path: Path) -> None:
    """A department's task table one row a line: each line a task when it has a cell a
    column and an amount where 预算金额 is printed; when one line does not, no task is
    read (the others would be misaligned) and the text stays whole in a P012."""
    path = tmp_path / "tasks.txt"
    path.write_text(_TASKS.format(last=last), encoding="utf-8")
    form = parse_file(path).forms[0]
    assert isinstance(form, DepartmentTargetDeclaration)
    assert (form.spending.basic.initial, form.spending.project.initial) == (
        Decimal("110.61"),
        Decimal("60.8"),
    )
    if last == "见附表":
        assert form.tasks == ()
        assert any(f.code == "P012" and "年度主要任务" in f.message for f in form.findings)
        return
    got = [(t.name, t.project, t.total) for t in form.tasks]
    assert got == [
        ("组织、编纂和检查地方志、年鉴工作", "市志编纂与年鉴出版经费", Decimal("49.8")),
        ("确保日常工作正常运行", "基本支出", Decimal("121.61")),
    ]


def test_an_amount_label_with_words_for_its_value_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "| 绩效目标申报表 |\n| 项目名称 | 养殖场建设 |\n| 年度资金总额 | 另行下达 |\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 数量指标 | 新建养殖场 | ≥1个 |\n",
        encoding="utf-8",
    )
    (form,) = parse_file(path).forms
    assert form.target_meta.current_budget is None
    assert not [f for f in form.findings if f.severity == "error"]
    assert any(f.code == "P012" and "另行下达" in f.message for f in form.findings)


_FUND_GROUPS = """部门整体支出绩效自评表
(2018年度)
部门(单位)名称 宁德市某研究室 部门预算编码 901001033
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
财政资金小计 200 20 0 220 209 95% 11 5%
①中央及省级财政资金
②市级财政资金 200 20 0 220 209 95% 11 5%
其他资金小计
①……
合 计 200 20 0 220 209 95% 11 5%
一级指标 二级指标 三级指标 绩效目标值 实际完成值 指标分值 得分
产出指标 数量指标 出版年鉴 1部 1部 100 100
"""


def test_spaced_fund_table_with_group_captions_and_formulas(tmp_path: Path) -> None:
    """A funding header with captions over several columns (预算安排 / 拨付情况) and
    each column's formula (④ = ①+② +③): the columns are read by their words, the
    unknown ones (历年结余结转, 小计) kept as columns of their own, the empty ①…… row
    read as nothing."""
    path = tmp_path / "funds.txt"
    path.write_text(_FUND_GROUPS, encoding="utf-8")
    form = parse_file(path).forms[0]
    assert isinstance(form, DepartmentSelfEvaluation)
    for row in (form.funds.total, form.funds.appropriation):
        assert (row.initial, row.executed, row.rate) == (
            Decimal("200"),
            Decimal("209"),
            Decimal("95"),
        )
    assert form.funds.other.initial is None
    assert not [f for f in form.findings if f.severity == "error"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023年4月-2024年2月", "2023年4月", "2024年2月"),
        ("2023.07-2024.01", "2023.07", "2024.01"),
        ("2019-2021", "2019", "2021"),
        ("202001-202012", "202001", "202012"),  # 66_hubei_target_cellline
        ("20200101-20201231", "20200101", "20201231"),
        ("202013-202014", None, None),  # no month 13: no dates
        ("3年", None, None),
        ("全年", None, None),
    ],
)
def test_a_period_is_two_dates_joined_by_a_dash(
    text: str, start: str | None, end: str | None
) -> None:
    from jixiao.parse.layouts.grid._legacy import _period

    assert _period(text) == (start, end)


def test_a_header_note_on_cell_length_makes_no_header_too_long() -> None:
    """广西 63 (an Excel sheet saved as a web page): every header carries ``(150字内)``; the
    unknown 评分细则 column is still a column of the header, not text of the first row."""
    from jixiao.parse.rebuild import rebuild
    from jixiao.read import Document

    text = "\n".join(
        f"{cell} |"
        for cell in (
            "财政支出绩效目标申报表", "一级指标", "二级指标", "分值", "指标内容(150字内)",
            "指标值(150字内)", "评分细则(150字内)", "投入指标", "资金到位率", "5",
            "资金到位率=(实际到位资金/计划投入资金)×100%。", "资金到位率达100%",
            "到位率100%得5分。",
        )
    )  # fmt: skip
    rebuilt = rebuild(Document.from_text("t.txt", text))
    rows = [[c.text for c in row if c] for t in rebuilt.document.tables for row in t.grid()]
    header = next(r for r in rows if "一级指标" in r)
    assert header[-1] == "评分细则(150字内)"


def test_a_first_level_column_named_by_the_vocabulary_spans_the_rows_below(
    tmp_path: Path,
) -> None:
    """指标类型 | 指标名称 | 指标值 (浙江): the merged 一级 cell printed once, at the top,
    covers the rows after it as under a header that prints 一级指标."""
    text = (
        "| 项目绩效目标表 |\n| 项目名称 | 城市绿化养护 |\n"
        "| 指标类型 | 指标名称 | 指标值 | 指标描述 |\n"
        "| 产出指标 | 数量指标 | 375万平方米 | 全市绿地养护 |\n| 质量指标 | 100% | 绿地全覆盖 |\n"
        "| 效益指标 | 社会效益指标 | 是 | 满足市民需求 |\n| 生态效益指标 | 是 | 改善生态环境 |\n"
    )
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert [(r.level1, r.name) for r in form.indicators] == [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", "社会效益指标"),
        ("效益指标", "生态效益指标"),
    ]


@pytest.mark.parametrize(("end", "year"), [("2019/12/31", 2019), ("2020/6/30", None)])
def test_a_declarations_year_from_a_period_within_one_year(
    end: str, year: int | None, tmp_path: Path
) -> None:
    text = (
        "| 项目支出绩效目标申报表 |\n| 项目名称 | 党外代表人士体检服务 |\n"
        f"| 开始时间 | 2019/1/1 | 结束时间 | {end} |\n"
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "| 产出指标 | 数量指标 | 体检人数 | ≥300人 |\n"
    )
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    assert form.year == year
    assert any(f.code == "P006" for f in form.findings) == (year is not None)


GRADED = """\
| 项目绩效目标表 | ||||||
| 项目名称:展览馆运行维护项目 | ||||||
| 指标类型 | 绩效指标 | 绩效目标 | 绩效标准 | |||
| 优 | 良 | 中 | 差 | |||
| 产出指标 | 指标1:物业管理面积 | 6500平方米 | 6500平方米以上 | 5500-6500平方米 \
| 4500-5500平方米 | 4500平方米以下 |
| 成效指标 | 指标1:设备使用率 | 80%以上 | 80%以上 | 70%-80% | 60%-70% | 60%以下 |
"""


def test_captions_stand_in_for_name_and_target_beside_grade_columns(tmp_path: Path) -> None:
    """绩效指标 / 绩效目标 name the name and target columns where the header prints no
    三级指标 or 指标值; the 优 / 良 / 中 / 差 columns under 绩效标准 are no target."""
    path = tmp_path / "graded.txt"
    path.write_text(GRADED, encoding="utf-8")
    (form,) = parse_file(path).forms
    got = [(i.level1, i.name, i.target) for i in form.indicators]
    assert got == [
        ("产出指标", "指标1:物业管理面积", "6500平方米"),
        ("成效指标", "指标1:设备使用率", "80%以上"),
    ]


def _runon(rows: list[list[str]]) -> str:
    """``rows`` with every cell run into the next (a document-sharing preview)."""
    return "".join(c for r in rows for c in r)


def test_goals_run_together_are_cut_where_the_completion_restates_the_goal(
    tmp_path: Path,
) -> None:
    """Two goal texts with no full stop between: the completion repeats the goal's
    closing words, so the cut is where they end the first time; the indicator table's
    caption after a comma is no part of the completion. Texts that repeat nothing stay
    whole (P012), under no caption."""
    goal, done = "改进农村供水计量设施,为农业生产打牢基础,", "已实现计量,为农业生产打牢基础,"
    rows = [[c.removesuffix("。") for c in r] for r in ROWS]
    rows[8] = ["", goal, done]
    rows[9] = ["绩效指标", *ROWS[9]]
    path = tmp_path / "x.txt"
    path.write_text(_runon(rows), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    assert (form.goal_expected, form.goal_actual) == (goal, done)  # 绩效指标 not in it
    rows[8] = ["", "完成三类委托业务", "委托业务全部完成"]
    path.write_text(_runon(rows), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert (form.goal_expected, form.goal_actual) == (None, None)
    assert any(f.code == "P012" and "委托业务全部完成" in f.message for f in form.findings)


def test_a_total_with_the_unit_of_its_points_is_no_value_of_the_label_before() -> None:
    """``主管部门财政处室自评总分(分)97.6部门联系人…``: 自评总分(分) is a label of its own
    (its unit in brackets), so no label before it takes it as its value."""
    text = "主管部门财政处室自评总分(分)97.6部门联系人曾某联系电话"
    pieces = [t.text for t in split_runon(Token(text, 1))]
    assert pieces[:5] == ["主管部门", "财政处室", "自评总分(分)", "97.6", "部门联系人"]


_SCORECARD = [
    ["2021年度农村道路项目绩效评价自评表"],
    ["序号", "一级指标", "二级指标", "三级指标", "指标说明", "指标", "县级", "市级", ""],
    ["分值", "评分", "评分", ""],
    ["1", "决策(20)", "项目立项", "民主议事", "记录完整,得10分", "10", "10", ""],
    ["2", "", "", "申报审批", "审批文件齐全,得10分", "10", "8", ""],
    ["3", "过程(30)", "资金管理", "账务管理", "资金纳入乡镇账户管理,得20分", "20", "20", ""],
    ["", "", "", "", "实行专账核算,得10分", "10", "10", ""],
    ["4", "效益(50)", "项目效益", "社会效益", "群众受益明显,得40分", "40", "40", ""],
    ["5", "", "", "满意度", "满意度达到90%以上,得10分", "10", "9", ""],
    ["合计", "100", "97"],
]


def _scorecard_cellline() -> str:
    """One cell a line, a lone bar between cells; merged cells not printed at all."""
    lines: list[str] = []
    for row in _SCORECARD:
        cells = row
        if not row[0]:
            cells = row[4:]  # the merged 序号 / 一级 / 二级 / 三级 cells print nothing
        elif row[0].isdigit() and not row[1]:
            cells = [row[0], *row[3:]]
        for cell in cells:
            lines += [cell, "|"] if cell else ["|"]
    return "\n".join(lines)


def _scorecard_pipe() -> str:
    """Pipe rows, the two header rows in one (指标说明 | 指标分值 | 县级评分 | 市级评分),
    merged cells printed empty and the total's cells under their columns."""
    header = [
        "序号",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标说明",
        "指标分值",
        "县级评分",
        "市级评分",
    ]
    total = ["合计", "", "", "", "", "100", "97", ""]
    rows = [[_SCORECARD[0][0]], header, *_SCORECARD[3:-1], total]
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


@pytest.mark.parametrize("flatten", [_scorecard_cellline, _scorecard_pipe])
def test_a_scorecard_kept_in_cells_reads_its_own_labels_and_merged_names(
    flatten: Any, tmp_path: Path
) -> None:
    """A scorecard (决策/过程/效益 over 二级 captions the vocabulary does not know), one
    cell a line or pipe rows: the captions are labels by their place, a 三级 cell merged
    over two rules names both rows, 满意度 names a row (the totals confirm the cut), and
    the merged labels span the rows below them across the 序号 column."""
    path = tmp_path / "scorecard.txt"
    path.write_text(flatten(), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    got = [(r.level1, r.level2, r.name, r.weight, r.score) for r in form.indicators]
    d = Decimal
    assert got == [
        ("决策", "项目立项", "民主议事", d(10), d(10)),
        ("决策", "项目立项", "申报审批", d(10), d(8)),
        ("过程", "资金管理", "账务管理", d(20), d(20)),
        ("过程", "资金管理", "账务管理", d(10), d(10)),
        ("效益", "项目效益", "社会效益", d(40), d(40)),
        ("效益", "项目效益", "满意度", d(10), d(9)),
    ]
    assert not [f for f in form.findings if f.severity == "error"]


def test_a_scorecard_whose_totals_do_not_add_up_keeps_its_bare_names_out(tmp_path: Path) -> None:
    """The same scorecard with a 合计 the rows do not add up to: 满意度 alone is no
    certain name, so no row is written from the cut (the text stays in P012)."""
    text = _scorecard_cellline()
    assert text.endswith("合计\n|\n100\n|\n97\n|")
    text = text.removesuffix("97\n|") + "90\n|"
    path = tmp_path / "scorecard.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert not form.indicators
    assert "P012" in {f.code for f in form.findings}


_UNSCORED = """财政支出绩效目标申报表 |
(2021年度) |
项目年度绩效目标衡量指标 |
一级指标 |
二级指标 |
分值 |
指标内容 |
指标值 |
评分细则 |
|
投入指标 |
资金到位率 |
5 |
实际到位资金占计划投入资金的比例。 |
资金到位率达100% |
到位率100%得5分,每少10个百分点扣1分。 |
|
过程指标 |
资金使用合规性 |
10 |
①是否符合财经法规和财务管理制度的规定;
②资金拨付是否有完整的审批手续。 |
资金使用符合财经法规,拨付手续完整 |
有一项不符合扣5分,扣完为止。 |
|
"""


def test_a_table_kept_in_cells_without_a_total_is_read_where_every_cell_has_its_place(
    tmp_path: Path,
) -> None:
    """No 总分值 printed (the excerpt stops after two rows, Σ 分值 15): the cells are
    kept apart, every one is placed and every row runs to the last column, so the rows
    are read; a cell printed over two lines (the first ends inside a sentence) is one."""
    path = tmp_path / "unscored.txt"
    path.write_text(_UNSCORED, encoding="utf-8")
    (form,) = parse_file(path).forms
    got = [(r.level1, r.level2, r.weight, r.target) for r in form.indicators]
    assert got == [
        ("投入指标", "资金到位率", Decimal(5), "资金到位率达100%"),
        ("过程指标", "资金使用合规性", Decimal(10), "资金使用符合财经法规,拨付手续完整"),
    ]
    assert (
        form.indicators[1].name
        == "①是否符合财经法规和财务管理制度的规定;②资金拨付是否有完整的审批手续。"
    )


def test_a_table_kept_in_cells_with_a_cell_left_over_is_not_read(tmp_path: Path) -> None:
    """The same table with a cell no column takes (a stray 备注): no row is certain."""
    text = _UNSCORED.replace(
        "有一项不符合扣5分,扣完为止。 |\n", "有一项不符合扣5分,扣完为止。 |\n另见附件说明 |\n"
    )
    path = tmp_path / "unscored.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert not form.indicators


_EXCERPT = (
    "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 时效指标按时发放率=100% 22.5 "
    "效益指标经济效益指标结余率≤5% 22.5 合计100 评价结论按时足额缴纳。"
)


def test_indicator_rows_without_title_or_header_read_where_the_sums_confirm_them(
    tmp_path: Path,
) -> None:
    """A page cut out of a longer text (its title, header and budget rows on the page
    before): the rows are read under the standard columns, Σ 分值 90 and the budget's
    standard 10 points make the 合计 100, and a finding says how they were read."""
    path = tmp_path / "excerpt.txt"
    path.write_text(_EXCERPT + "\n", encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    got = [(r.level1, r.level2, r.name, r.target, r.weight) for r in form.indicators]
    w = Decimal("22.5")
    assert got == [
        ("产出指标", "数量指标", "足额保障率", "=100%", w),
        ("产出指标", "数量指标", "科目调整次数", "≤10次", w),
        ("产出指标", "时效指标", "按时发放率", "=100%", w),
        ("效益指标", "经济效益指标", "结余率", "≤5%", w),
    ]
    assert any(f.code == "P003" and "摘录" in f.message for f in form.findings)


def test_indicator_rows_without_title_or_header_whose_sums_differ_are_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text(_EXCERPT.replace("合计100", "合计95") + "\n", encoding="utf-8")
    with pytest.raises(NoLayoutError, match="第 1 行起有指标行的文字"):
        parse_file(path)


SPACED_TARGET = """绩效目标申报表
项目名称 某村道路硬化项目 项目负责人及电话 张三13800000000
主管部门 某镇人民政府 实施单位 某村委会
资金情况(万元) 年度资金总额: 10
其中:财政拨款 10
总体目标 年度目标 年度总体目标完成情况
硬化村内道路2公里。
绩效指标 一级指标 二级指标 三级指标 指标值 备注
产出指标 数量指标 道路硬化里程 >=2公里
质量指标 验收合格率 >=98%
满意度指标 服务对象满意度指标 受益群众满意度 >=90% {note}
"""


def test_a_spaced_target_form_with_an_empty_note_column(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(SPACED_TARGET.format(note=""), encoding="utf-8")
    result = parse_file(path)
    (form,) = result.forms
    assert result.layout == "spaced_target"
    assert form.project == "某村道路硬化项目"  # 项目负责人及电话 ends the name
    assert form.target_meta.goal == "硬化村内道路2公里。"  # under its captions, not them
    assert str(form.target_meta.current_budget) == "10"
    assert [(i.name, i.target) for i in form.indicators] == [
        ("道路硬化里程", ">=2公里"),
        ("验收合格率", ">=98%"),
        ("受益群众满意度", ">=90%"),
    ]


def test_a_filled_note_is_never_read_as_the_target(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(SPACED_TARGET.format(note="抽样调查"), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert "受益群众满意度" not in [i.name for i in form.indicators]
    assert all(i.target != "抽样调查" for i in form.indicators)


def test_a_page_heading_naming_the_form_is_no_form_but_gives_its_year(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    heading = "2018年某镇道路硬化项目绩效目标申报表\n发布时间:2018年05月20日\n"
    path.write_text(heading + SPACED_TARGET.format(note=""), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.year == 2018 and form.project == "某村道路硬化项目"


def test_amounts_written_with_their_unit_in_a_wan_yuan_table(tmp_path: Path) -> None:
    rows = [
        ["项目支出绩效自评表"],
        ["项目名称", "某项目"],
        ["项目资金 (万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "150万", "150万", "125.25万", "10", "83.5%", "8"],
        ["其中:当年财政拨款", "150万", "150万", "125.25万", "—", "", "—"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "预算执行率", "100%", "83.5%", "90", "80"],
    ]
    path = tmp_path / "x.txt"
    path.write_text("\n".join(f"{c} |" for r in rows for c in r) + "\n", encoding="utf-8")
    (form,) = parse_file(path).forms
    total = form.funds.total
    assert (str(total.initial), str(total.executed), str(total.score)) == ("150", "125.25", "8")


def test_levels_printed_as_values_under_short_headers(tmp_path: Path) -> None:
    cells = ["项目支出目标申报表", "(2025年度)", "项目名称", "小学教育公用经费", "一级", "二级"]
    cells += ["三级", "年度数值", "备注", "产出值", "数量值", "小学就读人数", "<=6962人", " "]
    cells += ["效益值", "社会效益值", "办学条件改善", "=100%", " "]
    path = tmp_path / "x.txt"
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")
    (form,) = parse_file(path).forms
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出值", "数量值", "小学就读人数", "<=6962人"),
        ("效益值", "社会效益值", "办学条件改善", "=100%"),
    ]


def test_a_form_named_in_the_sentence_before_the_title_is_no_title() -> None:
    """``现将…项目绩效目标申报表公示如下,具体内容如下:项目支出绩效自评表(2022年度)…``
    run together: the first name is said by the sentence (公示如下), the form is the
    self-evaluation whose title follows the sentence's colon."""
    text = "现将2022年某某推广项目绩效目标申报表公示如下,具体内容如下:" + _runon(ROWS[:4])
    rebuilt = rebuild(Document("x.txt", (Line(1, text),)))
    assert rebuilt.document.lines[0].text == "项目支出绩效自评表(2022年度)"
    assert [f for f in rebuilt.findings if f.code == "P001" and "公示如下" in f.message]


def test_a_flat_form_keeps_each_cell_printed_apart_whole(tmp_path: Path) -> None:
    """A whole form on one line, a space between its cells: a name ending in a quantity
    (饲料库120平米) is one cell, not a name and a target run together; a breakdown row
    printing only values (其中… 1.5亩 1.5亩) is never read with a quantity as its name."""
    rows = [list(r) for r in ROWS]
    rows[10][2] = "饲料库120平米"
    text = " ".join(c for r in rows for c in r if c)
    path = tmp_path / "flat.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    first = form.indicators[0]
    assert (first.name, first.target, first.actual) == ("饲料库120平米", "≥50个", "50个")
    breakdown = ["其中桃树种植面积", "1.5亩", "1.5亩"]
    rows.insert(11, breakdown)
    path.write_text(" ".join(c for r in rows for c in r if c), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert not any(r.name in ("1.5亩", "50个") for r in form.indicators)


def test_letter_spaced_captions_are_one_word_and_a_lone_percent_sign_no_value() -> None:
    from jixiao.parse.rebuild.cell_costs import cell_cost
    from jixiao.parse.rebuild.tokens import tokenize
    from jixiao.read import Document, Line

    text = "完成预算。 绩 效 指 标 一级指标 优 良 中 差"
    doc = Document("t.txt", (Line(1, text),))
    assert [t.text for t in tokenize(doc)] == [
        "完成预算。",
        "绩效指标",
        "一级指标",
        "优",
        "良",
        "中",
        "差",
    ]
    assert cell_cost("actual", [Token("%", 1)]) > cell_cost("unit", [Token("%", 1)])


TARGET_PAGE = """索 引 号 733569413/2021-00944 发布日期 2021-01-05
标     题 绩效目标表 文     号
绩效目标表
(2020年度)
项目名称农村义务教育薄弱学校改造补助资金
项目主管部门青山区教育局项目执行单位化工区学校
资金情况
(万元)
年度资金总额:16
总体目标年度目标
改善农村薄弱学校办学条件。
绩效指标一级指标二级指标指标内容指标值
产出指标数量指标学校改造覆盖率100%
质量指标校舍维修质量合格率100%
效益指标可持续影响指标均衡发展情况稳步提高
{chrome}
"""


@pytest.mark.parametrize(
    "chrome", ["附件:\n扫一扫在手机打开当前页\n[下载] [打印] [关闭]", "打印本页 关闭窗口"]
)
def test_a_web_pages_footer_ends_the_indicator_table(chrome: str, tmp_path: Path) -> None:
    """What a government site prints under the page (an empty 附件: list, 扫一扫…, the
    page buttons) is no cell of the last indicator row: the rows split, the footer is no
    P001; 项目执行单位 is the unit's label. The layout that read only the form's money
    (target_kv: 年度资金总额 16) gives way to the one that reads its table too."""
    path = tmp_path / "page.txt"
    path.write_text(TARGET_PAGE.format(chrome=chrome), encoding="utf-8")
    result = parse_file(path)
    assert result.layout == "rebuilt"
    (form,) = result.forms
    assert (form.department, form.unit) == ("青山区教育局", "化工区学校")
    got = [(i.level1, i.level2, i.name, i.target) for i in form.indicators]
    assert got == [
        ("产出指标", "数量指标", "学校改造覆盖率", "100%"),
        ("产出指标", "质量指标", "校舍维修质量合格率", "100%"),
        ("效益指标", "可持续影响指标", "均衡发展情况", "稳步提高"),
    ]
    unplaced = [f.message for f in form.findings if f.code == "P001"]
    assert not [m for m in unplaced if "扫一扫" in m or "[打印]" in m or "关闭窗口" in m]


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("得分 (20分*执行率)", "score"),
        ("得分(分值×执行率)", "score"),
        ("执行率(B/A)", "rate"),
        ("全年预算数(A)", "adjusted"),
        ("预算数(A)", "adjusted"),
        ("执行数(B)", "executed"),
        ("分值(10分)", "weight"),
    ],
)
def test_a_funding_column_is_named_before_its_explanation(header: str, column: str) -> None:
    """``得分(20分*执行率)`` is the 得分 column, not a second 执行率: the name before the
    bracket decides; the whole cell only when the name alone names no column."""
    assert fund_column(header) == column


def test_a_target_forms_amount_and_goal_under_hubeis_labels(tmp_path: Path) -> None:
    """黄石's 批复表 prints the project's money as 项目金额 and its goal as
    年度绩效目标(文字): the 项目总额 and the goal (vocabulary entries)."""
    text = """项目支出绩效目标批复表 | ||||||
(2022年度) | ||||||
项目名称 | 主体班 | 项目负责人 | ||||
项目金额 | 164万元 | 其中:当年市级财政资金 | 132万元 | |||
项目主管部门 | 实施单位 | 中共黄石市委党校 | ||||
年度绩效目标(文字) | 培训280人次。 | |||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |
产出指标 | 数量指标 | 主体班培训人次 | 280人次 | ||||
满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥95% | |||
"""
    path = tmp_path / "hs.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    meta = form.target_meta
    assert (meta.total_budget, meta.appropriation, meta.goal) == (164, 132, "培训280人次。")


def test_a_long_page_heading_ending_with_the_form_title_gives_its_year(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    heading = "2018年市级专项资金基础设施(某某扶贫基地)绩效目标申报表\n发布时间:2018年05月20日\n"
    path.write_text(heading + "    " + SPACED_TARGET.format(note=""), encoding="utf-8")
    result = parse_file(path)
    (form,) = result.forms
    assert result.layout == "spaced_target"
    assert form.year == 2018 and form.project == "某村道路硬化项目"
    assert not any(f.code == "P001" and "绩效目标申报表" in f.message for f in form.findings)


def test_other_income_is_the_other_funding_row(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    rows = "其中:财政拨款 8\n其他收入 2\n"
    text = SPACED_TARGET.format(note="").replace("其中:财政拨款 10\n", rows)
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert (str(form.target_meta.appropriation), str(form.target_meta.other)) == ("8", "2")
