"""Habits of the target and department tables of the batch ``tests/wild`` 140–143, each
modelled on the real document named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import DepartmentTargetDeclaration, TargetDeclaration
from jixiao.parse import parse_file
from jixiao.parse.rebuild.header_rows import name_column_headings
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.value_cuts import fine_cuts
from jixiao.parse.unplaced import TABLE_NUMBER


def _cells(*cells: str) -> str:
    return "\n".join(f"{c} |" if c else "|" for c in cells)


def _table(project: str, budget: str, rows: list[tuple[str, ...]], name: str = "指标") -> str:
    """One of 潼南区五桂镇's (143) tables: a cell a line, a table number over each."""
    head = _cells(
        "表十二", "", "", "2023年一般性项目绩效目标表(一级项目)", "编制单位:", "813-某镇",
        "单位:万元", "专项资金名称", project, "业务主管部门", "813-某镇", "当年预算", budget,
        "当年绩效目标", "按时足额发放,保障权益", "绩效指标",
        name, "指标权重", "计量单位", "指标性质", "指标值",
    )  # fmt: skip
    return head + "\n" + "\n".join(_cells(*row) for row in rows)


_ROWS_A = [("发放人数", "20", "人", "≥", "80"), ("保障权益", "20", "", "定性", "")]
_ROWS_B = [("按月发放", "20", "次", "=", "1"), ("促进经济发展", "20", "", "定性", "")]


def _forms(tmp_path: Path, text: str) -> list[TargetDeclaration]:
    path = tmp_path / "tables.txt"
    path.write_text(text + "\n", encoding="utf-8")
    forms = parse_file(path).forms
    assert all(isinstance(f, TargetDeclaration) for f in forms)
    return [f for f in forms if isinstance(f, TargetDeclaration)]


def test_tables_under_one_title_each_naming_its_project_are_forms(tmp_path: Path) -> None:
    text = _table("项目甲", "229.66", _ROWS_A, "指标名称") + "\n"
    text += _table("项目乙", "9.31", _ROWS_B, "指标名称")
    forms = _forms(tmp_path, text)
    assert [f.project for f in forms] == ["项目甲", "项目乙"]
    assert [f.target_meta.current_budget for f in forms] == [Decimal("229.66"), Decimal("9.31")]
    assert [[i.name for i in f.indicators] for f in forms] == [
        ["发放人数", "保障权益"],
        ["按月发放", "促进经济发展"],
    ]


def test_a_table_number_after_a_row_is_no_cell_of_it(tmp_path: Path) -> None:
    text = _table("项目甲", "229.66", _ROWS_A, "指标名称") + "\n" + _cells("表十二", "", "")
    (form,) = _forms(tmp_path, text)
    assert [(i.name, i.target) for i in form.indicators] == [
        ("发放人数", "≥80人"),
        ("保障权益", None),
    ]
    assert TABLE_NUMBER.match("表十二 |") and TABLE_NUMBER.match("附表3")
    assert not TABLE_NUMBER.match("表十二 项目支出绩效目标表")


def test_a_bare_指标_heads_the_name_column_of_a_header_without_one(tmp_path: Path) -> None:
    (form,) = _forms(tmp_path, _table("项目甲", "229.66", _ROWS_A))
    assert [(i.name, i.weight) for i in form.indicators] == [
        ("发放人数", Decimal("20")),
        ("保障权益", Decimal("20")),
    ]


def test_a_bare_指标_beside_a_name_column_stays_a_caption_part() -> None:
    def texts(*words: str) -> list[str]:
        return [t.text for t in name_column_headings([Token(w, 1) for w in words])]

    assert texts("指标", "指标权重", "计量单位", "指标值")[0] == "指标名称"
    assert texts("三级指标", "指标", "权重", "计量单位", "指标值")[1] == "指标"  # 指标 / 权重
    assert texts("指标", "县级", "市级", "分值")[0] == "指标"  # a stacked caption


_YIPIN = """2022年部门(单位)整体绩效目标表
单位:万元
部门(单位)名称重庆市某区人民政府某街道办事处区级支出预算总量3724.39
当年整体绩效目标2022年街道预算收支平衡;保障机关运转和村居基层组织建设。
绩效指标指标名称指标权重计量单位指标性质指标值
预算执行率10%=100
"""


def test_a_department_budget_total_run_onto_its_name_line(tmp_path: Path) -> None:
    """一品街道 (141) runs its department's name, its 区级支出预算总量 and the amount
    into one line, and prints its goal under 当年整体绩效目标."""
    path = tmp_path / "yipin.txt"
    path.write_text(_YIPIN, encoding="utf-8")
    (form, *_) = parse_file(path).forms
    assert isinstance(form, DepartmentTargetDeclaration)
    assert form.department == "重庆市某区人民政府某街道办事处"
    assert form.amounts is not None and form.amounts.total == Decimal("3724.39")
    assert form.goal is not None and form.goal.startswith("2022年街道预算收支平衡")


_YIPIN_ROWS = """预决算及时编制率10%=100
政府预决算公开率(除涉密信息外)10%=100
基层组织建设办公阵地和干部人才保障有效性10有效保障
民政优抚及特困受助对象生活水平改善情况10有效改善
民政优抚及特困补助发放及时率10%=100
农村公路养护里程10公里=125
开展各种文艺活动场次1020
森林受灾率10%1
饲养动物免疫率5%=100
服务对象满意度5%95
"""


def test_run_on_rows_under_sign_and_unit_columns(tmp_path: Path) -> None:
    """一品街道 (141) prints 指标名称 | 指标权重 | 计量单位 | 指标性质 | 指标值 run together
    (``预算执行率10%=100``): the sign and the unit are cells of their own, and the target
    is read from the three (``=100%``)."""
    path = tmp_path / "yipin.txt"
    path.write_text(_YIPIN + _YIPIN_ROWS, encoding="utf-8")
    (form, *_) = parse_file(path).forms
    assert isinstance(form, DepartmentTargetDeclaration)
    got = [(i.name, str(i.weight), i.target) for i in form.indicators]
    assert got == [
        ("预算执行率", "10", "=100%"),
        ("预决算及时编制率", "10", "=100%"),
        ("政府预决算公开率(除涉密信息外)", "10", "=100%"),
        ("基层组织建设办公阵地和干部人才保障有效性", "10", "有效保障"),
        ("民政优抚及特困受助对象生活水平改善情况", "10", "有效改善"),
        ("民政优抚及特困补助发放及时率", "10", "=100%"),
        ("农村公路养护里程", "10", "=125公里"),
        ("开展各种文艺活动场次", "10", "20"),  # the weights' sum of 100 cuts 1020
        ("森林受灾率", "10", "1%"),
        ("饲养动物免疫率", "5", "=100%"),
        ("服务对象满意度", "5", "95%"),
    ]


def test_a_percentage_after_a_bracketed_note_is_cut_from_it() -> None:
    assert fine_cuts(["政府预决算公开率(除涉密信息外)10%"]) == [
        "政府预决算公开率(除涉密信息外)",
        "10%",
    ]
