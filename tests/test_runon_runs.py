"""Cells run together at the end of an indicator row: a 分值 and its 得分 of one digit
each (``55``), a target's comparison sign before the numbers run on after it
(``≥1001203030``), runs of another width from row to row (``≤441010`` beside ``55``),
a template's unfilled rows (``指标2:``) left out, a value
printed twice marking a run of cells. Each read only where the table's arithmetic
(Σ分值 = 总分值, Σ得分 = 总分, 得分 ≤ 分值) leaves one cut."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.rebuild.indicator_rows import CutRow, number_cuts, unfilled_left_out
from jixiao.parse.rebuild.row_check import Printed, rows_fit
from jixiao.parse.rebuild.runon import split_runon
from jixiao.parse.rebuild.tokens import Token

_HEAD = (
    "项目支出绩效自评表(2023年度)项目名称美丽乡村建设项目主管部门某县农业农村局"
    "实施单位某县乡村振兴服务中心一级指标二级指标三级指标年度指标值实际完成值分值得分"
)


def _rows(tmp_path: Path, body: str) -> list[tuple[str, str | None, str | None, str, str]]:
    path = tmp_path / "runon.txt"
    path.write_text(_HEAD + body, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    return [(r.name, r.target, r.actual, str(r.weight), str(r.score)) for r in form.indicators]


def test_two_digits_may_be_a_weight_and_its_score() -> None:
    assert number_cuts("55", 2, short=True) == [("5", "5")]
    assert number_cuts("55", 2) == []  # elsewhere two digits are one number as printed
    assert number_cuts("50", 2, short=True) == []  # no 得分 of 0 cut off a 50
    assert number_cuts("555", 2, short=True) == [("5", "55"), ("55", "5")]


def test_a_weight_and_score_of_one_digit_each_are_cut_by_the_sums(tmp_path: Path) -> None:
    body = (
        "产出指标数量指标养护里程≥100公里120公里3030质量指标路面合格率≥95%100%2020"
        "时效指标完成时间12月底前11月底55效益指标社会效益指标群众出行条件改善改善2525"
        "满意度指标服务对象满意度指标群众满意度≥90%95%2019总分10099"
    )
    rows = _rows(tmp_path, body)
    assert rows[2] == ("完成时间", "12月底前", "11月底", "5", "5")
    assert sum(Decimal(r[3]) for r in rows) == 100
    assert [r[4] for r in rows] == ["30", "20", "5", "25", "19"]


def test_a_sign_opens_a_run_of_numbers() -> None:
    cuts = number_cuts("≥1001203030", 4)
    assert ("≥100", "120", "30", "30") in cuts
    assert all(c[0].startswith("≥") for c in cuts)
    assert number_cuts("≥95", 2) == []  # two digits after it: one number as printed


def test_a_target_with_its_sign_run_into_the_numbers_after_it(tmp_path: Path) -> None:
    body = (
        "产出指标数量指标养护里程≥1001203030质量指标路面合格率≥95%100%2020"
        "时效指标完成时间12月底前11月底55效益指标社会效益指标群众出行条件改善改善2525"
        "满意度指标服务对象满意度指标群众满意度≥90%95%2019总分10099"
    )
    assert _rows(tmp_path, body)[0] == ("养护里程", "≥100", "120", "30", "30")


_MIXED = (
    "产出指标数量指标养护里程≥1001203030质量指标路面合格率≥95%100%2020"
    "时效指标完成时间12月底前11月底55效益指标社会效益指标群众出行条件改善改善2525"
    "满意度指标服务对象满意度指标群众满意度≥90%95%2019"
)


def test_runs_of_another_width_in_rows_of_one_shape(tmp_path: Path) -> None:
    """``≥1001203030`` is 年度指标值, 实际完成值, 分值 and 得分; ``2020`` after ``≥95% 100%``
    only the 分值 and 得分: every row fills the same columns, so the rows have one shape."""
    rows = _rows(tmp_path, _MIXED + "总分10099")
    assert rows == [
        ("养护里程", "≥100", "120", "30", "30"),
        ("路面合格率", "≥95%", "100%", "20", "20"),
        ("完成时间", "12月底前", "11月底", "5", "5"),
        ("群众出行条件", "改善", "改善", "25", "25"),
        ("群众满意度", "≥90%", "95%", "20", "19"),
    ]


def test_runs_the_sums_do_not_settle_stay_whole(tmp_path: Path) -> None:
    """总分 95 with every row at full marks but the last: no cut meets it, nothing is
    written (the text stays whole in a finding)."""
    path = tmp_path / "runon.txt"
    path.write_text(_HEAD + _MIXED + "总分10095", encoding="utf-8")
    (form,) = parse_file(path).forms
    assert all(r.target is None and r.weight is None for r in form.indicators)
    assert any(f.code == "P012" for f in form.findings)


def test_a_value_printed_twice_is_a_run_of_cells_not_a_sentence() -> None:
    """``、`` makes a text a sentence, unless a quantity or a word is printed twice in it
    (a 年度指标值 and its equal 实际完成值, then the 分值 and 得分)."""
    cut = [t.text for t in split_runon(Token("更新剧团老化、损坏的音50件50件2020望新点", 1))]
    assert cut[:4] == ["更新剧团老化、损坏的音", "50件", "50件", "2020"]
    cut = [t.text for t in split_runon(Token("音响、灯光、道具、服装质量等合格合格2020", 1))]
    assert cut == ["音响、灯光、道具、服装质量等", "合格", "合格", "2020"]
    prose = "为当地群众、村民建成3个村3个点"
    assert [t.text for t in split_runon(Token(prose, 1))] == [prose]


def test_unfilled_template_rows_are_left_out() -> None:
    tokens = [Token(t, 1) for t in ("质量指标", "合格", "2020", "指标2:", "时效指标")]
    tokens += [Token(t, 1) for t in ("指标1:指标2:", "成本指标", "指标1:", "2万元")]
    kept = [t.text for t in unfilled_left_out(tokens)]
    # 指标2: before a 二级 label, and 时效指标 with only 指标1:指标2: under it, go;
    # 指标1: before a value names that row and stays
    assert kept == ["质量指标", "合格", "2020", "成本指标", "指标1:", "2万元"]


def test_a_self_evaluation_with_unfilled_template_rows(tmp_path: Path) -> None:
    body = (
        "产出指标数量指标更新剧团老化、损坏的音50件50件2020指标2:质量指标音响、灯光、道具、"
        "服装质量等合格合格2020指标2:时效指标指标1:指标2:成本指标演出设备成本2万元2万元2018"
        "指标2:效益指标经济效益指标指标1:指标2:社会效益指标指标1:指标2:满意度指标服务对象满意度"
        "指标演出人员满意度100%100%2020指标2:总分8078"
    )
    rows = _rows(tmp_path, body)
    assert rows == [
        ("更新剧团老化、损坏的音", "50件", "50件", "20", "20"),
        ("音响、灯光、道具、服装质量等", "合格", "合格", "20", "20"),
        ("演出设备成本", "2万元", "2万元", "20", "18"),
        ("演出人员满意度", "100%", "100%", "20", "20"),
    ]


def test_a_name_holding_a_value_printed_twice_is_not_trusted() -> None:
    def row(name: str) -> CutRow:
        cells = {c: [Token(t, 1)] for c, t in (("name", name), ("target", "2天"), ("score", "10"))}
        return CutRow(cells)

    columns = ["name", "target", "score"]
    assert rows_fit([row("拆除活人墓")], columns, Printed(), cells_kept=False)
    assert not rows_fit([row("拆除活人墓32座32座20日效")], columns, Printed(), cells_kept=False)


def test_a_goal_section_heading_is_one_label(tmp_path: Path) -> None:
    """Sichuan's ``1.项目年度目标完成情况`` heads the goal block: cut whole, not as the
    caption 项目年度目标 and a text 完成情况 (which read as the 年度目标)."""
    text = "项目基本情况1.项目年度目标完成情况项目年度目标年度目标完成情况按要求采购设备。完成"
    cut = [t.text for t in split_runon(Token(text, 1))]
    assert "项目年度目标完成情况" in cut and "完成情况" not in cut
    path = tmp_path / "sichuan.txt"
    path.write_text(
        "2023年全县安可替代补助资金项目支出绩效自评表项目名称全县安可替代补助资金主管部门"
        "大英县司法局实施单位大英县司法局"
        + text.replace("采购设备", "采购安可替代设备,并按期支付")
        + "一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标采购设备数量"
        "≥10台12台5050效益指标社会效益指标办公效率提升提升4040满意度指标服务对象满意度指标"
        "干部职工满意度≥90%95%1010总分100100",
        encoding="utf-8",
    )
    (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    assert (form.goal_expected, form.goal_actual) == ("按要求采购安可替代设备,并按期支付。", "完成")
