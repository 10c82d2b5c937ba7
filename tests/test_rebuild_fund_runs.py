"""A funding table run together (湖北 新洲 and 鄂州 previews): its header's wording, the
amounts of its rows cut by the form's arithmetic, and the labels that end a value."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import Form, SelfEvaluation, TargetDeclaration
from jixiao.parse import parse_file


def _read(tmp_path: Path, text: str) -> Form:
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    return form


def _funds(total: str, source: str) -> str:
    return (
        "项目支出绩效自评表(2020年度)项目名称演出设备更新专项经费主管部门新洲区楚剧团"
        "实施单位新洲区文化和旅游局机关项目资金(万元)年初预算数全年预算数全年执行分值执行率得分"
        f"年度资金总额{total}其中:当年财政拨款{source}上年结转资金其他资金"
        "年度总体目标预期目标实际完成情况更新演出设备。已完成绩效指标"
        "一级指标二级指标三级指标年度指标值实际完成值分值得分"
        "产出指标数量指标更新演出设备数量50件50件2020总分10098"
    )


def _row(form: Form, name: str) -> tuple[Decimal | None, ...]:
    assert isinstance(form, SelfEvaluation)
    row = getattr(form.funds, name)
    return (row.initial, row.adjusted, row.executed, row.weight, row.rate, row.score)


def test_a_header_printing_quan_nian_zhi_xing_names_the_executed_column(tmp_path: Path) -> None:
    form = _read(tmp_path, _funds("40404010100%", "404040100%"))
    d = Decimal
    assert _row(form, "total") == (d(40), d(40), d(40), d(10), d(100), None)
    assert _row(form, "appropriation") == (d(40), d(40), d(40), None, d(100), None)


def test_a_source_row_prints_no_points_when_its_total_row_does(tmp_path: Path) -> None:
    """年度资金总额 30 30 10 100% (one money cell left empty) over 30 30 30 100%: the
    source row's third 30 is its 执行数, not a 分值 of its own."""
    form = _read(tmp_path, _funds("303010100%", "303030100%"))
    d = Decimal
    assert _row(form, "total")[3:5] == (d(10), d(100))
    assert _row(form, "appropriation") == (d(30), d(30), d(30), None, d(100), None)


def test_a_second_classification_label_ends_the_first_ones_value(tmp_path: Path) -> None:
    text = (
        "鄂州市2022年市直部门预算项目支出绩效目标表项目名称办公大楼运行保障"
        "项目类别本级支出项目项目性质持续性项目立项依据市机关事务服务中心三定方案"
        "年度绩效目标保障办公大楼正常运行一级指标二级指标三级指标指标值"
        "产出指标数量指标保障办公楼栋数≥2栋满意度指标服务对象满意度指标干部职工满意度≥90%"
    )
    form = _read(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    assert form.target_meta.category == "本级支出项目"


def test_a_source_row_repeating_its_total_rows_points_is_cut_like_it() -> None:
    """安徽's 其中:本年财政拨款 prints the 分值, 执行率 and 得分 of its 年度资金总额 row
    again (``9.489.4810100%10``): 9.48 | 9.48 | 10 | 100% | 10, never an 执行数 of
    9.4810 above the total's 9.48 with the 分值 left out."""
    from jixiao.parse.rebuild.fund_rows import place_amounts
    from jixiao.parse.rebuild.tokens import Token

    columns = ["adjusted", "executed", "weight", "rate", "score"]
    total = place_amounts([Token("9.489.4810100%10", 1)], columns, True, False)
    assert total is not None
    bound = {c: Decimal(t.text.rstrip("%")) for c, t in total.items()}
    placed = place_amounts([Token("9.489.4810100%10", 1)], columns, False, False, bound)
    assert placed is not None
    assert {c: t.text for c, t in placed.items()} == {
        "adjusted": "9.48",
        "executed": "9.48",
        "weight": "10",
        "rate": "100%",
        "score": "10",
    }


def test_a_cut_of_digits_that_another_cut_nearly_matches_is_no_reading() -> None:
    """``8808808801010`` under 年初 | 全年预算 | 全年执行 | 分值 | 执行率 | 得分: 8808 |
    808 | 80 | 10 | 10 (80/808 ≈ 10%) is only 0.1 cheaper than reading fewer cuts, and
    880 | 880 | 880 | 10 | 10 is dearer still: no cut is sure, the text stays whole."""
    from jixiao.parse.rebuild.fund_rows import place_amounts
    from jixiao.parse.rebuild.tokens import Token

    columns = ["initial", "adjusted", "executed", "weight", "rate", "score"]
    assert place_amounts([Token("8808808801010", 1)], columns, True, False) is None
