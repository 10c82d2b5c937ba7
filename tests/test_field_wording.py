"""Fields printed under other wordings than the samples': a caption numbered and weighted
(``年度目标1:(80分)``), … — read by one general rule each, never by document."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.model import DepartmentSelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.layouts.grid import goal_word


def _pipe(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "form.txt"
    path.write_text("\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n", "utf-8")
    return path


def _department(goals: list[list[str]]) -> list[list[str]]:
    return [
        ["部门整体支出绩效自评表"],
        ["单位名称", "塘湖镇人民政府"],
        ["预算执行情况(万元) (20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分"],
        ["部门整体支出总额", "864.2", "864.2", "100%", "20"],
        *goals,
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "完成值(B)", "得分"],
        ["", "产出指标", "数量指标", "办结信访案件", "168起", "168起", "40"],
        ["", "满意度指标", "群众满意度指标", "群众对政府工作满意度", "≥90%", "95%", "40"],
        ["总分", "100分"],
    ]


@pytest.mark.parametrize(
    ("label", "word"),
    [
        ("年度目标1(80分)", ("年度目标", "1")),
        ("年度目标(80分)", ("年度目标", None)),
        ("预期目标", ("预期目标", None)),
        ("年度目标值", ("年度目标值", None)),
    ],
)
def test_a_goal_captions_number_and_points_are_no_wording(
    label: str, word: tuple[str, str | None]
) -> None:
    assert goal_word(label) == word


def test_a_numbered_weighted_goal_caption_beside_its_text(tmp_path: Path) -> None:
    goal = [["年度目标1:(80分)", "提高政府办事效率、改善全镇居住环境"]]
    path = _pipe(tmp_path, _department(goal))
    (form,) = parse_file(path).forms
    assert isinstance(form, DepartmentSelfEvaluation)
    assert form.goal_expected == "提高政府办事效率、改善全镇居住环境"
    assert [r.name for r in form.indicators] == ["办结信访案件", "群众对政府工作满意度"]


def test_two_numbered_goals_are_neither_the_goal_alone(tmp_path: Path) -> None:
    goals = [["年度目标1:(40分)", "提高政府办事效率"], ["年度目标2:(40分)", "改善全镇居住环境"]]
    (form,) = parse_file(_pipe(tmp_path, _department(goals))).forms
    assert form.goal_expected is None


def test_weighted_goal_caption_over_the_indicator_header_is_no_goal(tmp_path: Path) -> None:
    """``年度绩效目标(90分)`` before 一级指标 with no text of its own gives the points of
    the indicators: the indicator table is read as without it, no goal row made up."""
    rows = [
        ["项目支出绩效目标表"],
        ["项目名称", "加工园配套设施建设项目"],
        ["主管部门", "县民宗委", "实施单位", "云雾土家族乡"],
        ["年度绩效目标(90分)", "一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["", "产出指标", "数量指标", "新建中药材晾晒房", "1座", "50"],
        ["", "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥95%", "40"],
    ]
    path = tmp_path / "form.txt"
    path.write_text("\n".join(" ".join(c for c in r if c) for r in rows) + "\n", "utf-8")
    (form,) = parse_file(path).forms
    assert [r.name for r in form.indicators] == ["新建中药材晾晒房", "受益群众满意度"]
    assert [r.weight for r in form.indicators] == [50, 40]
    unplaced = [f for f in form.findings if f.code == "P001" and "年度绩效目标" in f.message]
    assert [f.location.lines for f in unplaced] == [(4, 4)]


def test_a_unit_line_ends_at_the_label_of_an_unread_cell(tmp_path: Path) -> None:
    """Text of a PDF in printed columns: the department beside the project's name, the
    unit on the next line before 项目负责人 / 联系电话 (labels of no field)."""
    path = tmp_path / "spaced.txt"
    source = Path(__file__).parent / "wild" / "inputs" / "105_shandong_self_spaced.txt"
    text = source.read_text(encoding="utf-8")
    text = text.replace("济南市历城区文化馆 项目负责人", "章丘区图书馆 项目负责人")
    path.write_text(text, encoding="utf-8")
    result = parse_file(path)
    assert result.layout == "spaced"
    (form,) = result.forms
    assert (form.unit, form.department) == ("章丘区图书馆", "济南市历城区文化和旅游局")


@pytest.mark.parametrize("year", ["( 2021 年度)", "（ 2021年 ）", "(2021 年度 )"])
def test_a_year_cell_spaced_inside_its_brackets_in_flat_text(tmp_path: Path, year: str) -> None:
    rows = [
        "附件1 项目支出绩效自评表",
        year,
        "项目名称 司法业务经费 主管部门 上饶市司法局 实施单位 上饶市司法局",
        "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 620.82 620.82 620.82 10 100% 10",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 普法宣传场次 ≥20场 24场 50 50",
        "满意度指标 服务对象满意度指标 群众满意度 ≥90% 95% 40 40",
    ]
    path = tmp_path / "flat.txt"
    path.write_text(" ".join(rows) + "\n", encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.year == 2021
    assert form.project == "司法业务经费"
