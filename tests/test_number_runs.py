"""Numbers run together in an indicator row, cut by the arithmetic of the whole table.

``209598`` after an indicator's name may be 分值 20, 年度指标值 95, 实际完成值 98 — or 20,
9, 598, or 20, 959, 8. The rows' 分值 must add up to the 总分值 and each 得分 stay within
its 分值: a cell is written only where every cut that keeps that arithmetic gives it
the same text; the rest stays in a finding (P012), never guessed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.rebuild.indicator_rows import CutRow, NumberRun, number_cuts
from jixiao.parse.rebuild.number_runs import resolve
from jixiao.parse.rebuild.row_check import Printed
from jixiao.parse.rebuild.tokens import Token

_HEAD = (
    "项目支出绩效自评表(2023年度) 项目名称乡村教师培训项目主管部门某县教育局"
    "实施单位某县教师进修学校 绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分 "
)
_ROWS = (
    "数量指标培训班期数201010 20 产出指标(40分)质量指标培训合格率209598 20 "
    "社会效益指标受训教师人数30100120 30 效益指标(50分)可持续影响指标长效培训机制2011 20 "
    "满意度指标(10分)服务对象满意度指标参训教师满意度109096 10 "
)


def _form(tmp_path: Path, text: str) -> SelfEvaluation:
    path = tmp_path / "runs.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    return form


def test_number_cuts_follow_the_number_grammar() -> None:
    assert number_cuts("151515", 3)[:1] == [("1", "5", "1515")]
    assert ("15", "15", "15") in number_cuts("151515", 3)
    assert number_cuts("12.512.512.5", 3) == [
        ("12.5", "12.5", "12.5"),
        ("12.5", "12.51", "2.5"),
        ("12.51", "2.5", "12.5"),
        ("12.51", "2.51", "2.5"),
    ]
    assert number_cuts("12.512.5", 2) == [("12.5", "12.5"), ("12.51", "2.5")]
    assert number_cuts("2010", 2) == [("20", "10")]  # 201 | 0: no last 0
    assert number_cuts("15", 2) == []  # two digits are one number as printed


def test_runs_are_cut_jointly_by_the_sum_of_weights(tmp_path: Path) -> None:
    form = _form(tmp_path, _HEAD + _ROWS + "总分100100")
    rows = form.indicators
    assert [r.weight for r in rows] == [Decimal(w) for w in ("20", "20", "30", "20", "10")]
    assert [r.score for r in rows] == [r.weight for r in rows]
    # 201010 has one cut with 得分 20 ≤ 分值: 20 | 10 | 10; 2011 likewise 20 | 1 | 1
    assert (rows[0].target, rows[0].actual) == ("10", "10")
    assert (rows[3].target, rows[3].actual) == ("1", "1")
    # 209598, 30100120, 109096: the weight is sure; of the values' cuts (95 | 98, 9 | 598,
    # 959 | 8 …) one alone prints both in one shape and reaches the target the full score says
    assert [(r.target, r.actual) for r in (rows[1], rows[2], rows[4])] == [
        ("95", "98"),
        ("100", "120"),
        ("90", "96"),
    ]
    assert not [f for f in form.findings if f.code == "P012"]

    # 产出指标(40分) printed after the first of its two rows: its weight says it spans both
    assert [r.level1 for r in rows] == [
        "产出指标",
        "产出指标",
        "效益指标",
        "效益指标",
        "满意度指标",
    ]


def test_values_stay_unsure_below_the_full_score(tmp_path: Path) -> None:
    """A row below its full 分值 says nothing of how its values compare: 209598 (分值
    20, 得分 18) stays unsure, kept whole in the finding."""
    rows_text = _ROWS.replace("209598 20", "209598 18")
    form = _form(tmp_path, _HEAD + rows_text + "总分10098")
    row = form.indicators[1]
    assert (row.weight, row.score, row.target, row.actual) == (Decimal(20), Decimal(18), None, None)
    assert [f.values.get("text") for f in form.findings if f.code == "P012"] == ["209598"]


def test_labels_without_weights_are_placed_by_their_second_level_labels(tmp_path: Path) -> None:
    """No weight in the labels (or one the rows do not make): the 二级 labels say where
    each 一级 cell begins (数量/质量 under 产出, 社会效益/可持续影响 under 效益)."""
    for old, new in (("(40分)", ""), ("(50分)", ""), ("(10分)", ""), ("(40分)", "(35分)")):
        rows = _form(tmp_path, _HEAD + _ROWS.replace(old, new) + "总分100100").indicators
        assert [r.level1 for r in rows] == [
            "产出指标",
            "产出指标",
            "效益指标",
            "效益指标",
            "满意度指标",
        ]


def test_a_label_no_second_level_label_places_stays_where_printed(tmp_path: Path) -> None:
    # 专项指标 under 产出: no 一级 it belongs to is known, so nothing moves
    text = _HEAD + _ROWS.replace("(40分)", "").replace("数量指标", "专项指标") + "总分100100"
    rows = _form(tmp_path, text).indicators
    assert rows[0].level1 is None and rows[1].level1 == "产出指标"


def test_a_weight_no_cut_settles_leaves_the_table_whole(tmp_path: Path) -> None:
    # 总分值 95: no cut of the runs makes the weights add up — nothing is written
    form = _form(tmp_path, _HEAD + _ROWS + "总分9595")
    assert form.indicators == ()
    assert any(f.code == "P012" for f in form.findings)


def test_rows_cut_in_different_shapes_are_not_trusted() -> None:
    """151515 read as 分值 and 年度指标值 (15 | 1515) where other rows read three cells:
    the shapes disagree, so no run is sure (1515 would be a wrong target)."""

    def row(text: str, columns: tuple[str, ...], pieces: tuple[str, ...]) -> CutRow:
        token = Token(text, 1)
        cells = {"name": [Token("名称", 1)], "score": [Token("15", 1)]}
        cells.update({c: [Token(p, 1)] for c, p in zip(columns, pieces, strict=True)})
        return CutRow(cells, (NumberRun(token, columns),))

    three = ("weight", "target", "actual")
    rows = [
        row("85.585.585.5", three, ("85.5", "85.5", "85.5")),
        row("151515", ("weight", "target"), ("15", "1515")),
    ]
    out = resolve(rows, ["name", *three, "score"], Printed(total_weight=Decimal(100)))
    assert all({"weight", "target"} <= r.unsure for r in out)


def test_three_digits_may_be_three_numbers(tmp_path: Path) -> None:
    text = _HEAD + _ROWS.replace("2011 20", "555 5").replace("总分", "") + "总分8585"
    rows = _form(tmp_path, text).indicators
    assert (rows[3].weight, rows[3].target, rows[3].actual) == (Decimal(5), "5", "5")


def test_a_run_that_might_have_filled_an_empty_column_is_not_trusted(tmp_path: Path) -> None:
    """``5555`` as 5 | 555 with the 实际完成值 and 得分 left empty, or ``454545 44`` as 45 |
    4545 | 44 with no 得分: the run might have filled them; nothing is written."""
    rows = (
        "数量指标培训班期数5555 质量指标培训合格率454545 44 社会效益指标受训教师人数30100120 30 "
        "可持续影响指标长效培训机制2011 20 "
    )
    form = _form(tmp_path, _HEAD + rows + "总分10099")
    assert form.indicators == ()


def test_a_value_left_over_beside_a_run_is_not_trusted(tmp_path: Path) -> None:
    """``1074%`` then ``53%``: 10 | 7 | 4% leaves 53% out, 10 | 74% | 53% does not."""
    rows = (
        "时效指标长效机制甲1552110 15 产出指标(25分)质量指标验收合格率乙1074%53% 10 "
        "效益指标(20分)经济效益指标验收合格率丙209898 20 "
        "满意度指标(55分)服务对象满意度指标成本控制率丁555582 55 "
    )
    form = _form(tmp_path, _HEAD + rows + "总分100100")
    assert [(r.target, r.actual) for r in form.indicators if r.target] in ([], [("74%", "53%")])
