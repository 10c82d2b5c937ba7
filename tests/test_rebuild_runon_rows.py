"""A table re-flattened with its cells run together (``tests/wild/reflatten.py``'s runon
column): the value grammar's cuts between one row's value and the next row's name, and
the row builder's refusal to read two rows' values as one cell."""

from __future__ import annotations

from jixiao.parse.rebuild.indicator_rows import best_readings
from jixiao.parse.rebuild.runon import split_runon
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.value_cuts import fine_cuts


def _rows(text: str, columns: list[str]) -> list[dict[str, str]]:
    tokens = split_runon(Token(text, 1))
    ((rows, _),) = best_readings(tokens, columns, False)[:1]
    return [{c: "".join(t.text for t in ts) for c, ts in r.cells.items()} for r in rows]


def test_a_quantity_in_a_unit_of_words_ends_before_the_next_name() -> None:
    assert fine_cuts(["≥100公里脱贫户供水设施数量≥20座"]) == [
        "≥100公里",
        "脱贫户供水设施数量",
        "≥20座",
    ]
    assert fine_cuts(["3公里范围内群众出行"]) == ["3公里范围内群众出行"]
    assert fine_cuts(["森林火灾6小时内扑灭率不低于95%"])[0] == "森林火灾6小时内扑灭率"


def test_a_rate_per_unit_ends_a_name() -> None:
    assert fine_cuts(["财政资金补助1600元/亩"]) == ["财政资金补助", "1600元/亩"]


def test_two_rows_values_and_a_name_between_are_no_one_cell() -> None:
    """受益人口数 ≥500人, then 解决饮水安全问题人数 ≥1000人: two rows, not one row whose
    指标值 is ``≥500人解决…人数≥1000人`` (joining glued pieces is cheaper than a row)."""
    text = "社会效益指标受益脱贫(监测)人口数≥500人解决脱贫(监测)饮水安全问题人数≥1000人"
    rows = _rows(text, ["level1", "level2", "name", "target"])
    assert [(r.get("name"), r.get("target")) for r in rows] == [
        ("受益脱贫(监测)人口数", "≥500人"),
        ("解决脱贫(监测)饮水安全问题人数", "≥1000人"),
    ]


def test_a_limit_in_words_is_a_value_not_a_caption() -> None:
    """``不超年初预算`` holds the funding column's word 年初预算: a limit, no header."""
    pieces = [t.text for t in split_runon(Token("成本指标“三公”经费支出不超年初预算效益指标", 1))]
    assert pieces == ["成本指标", "“三公”经费支出", "不超年初预算", "效益指标"]


def test_a_date_between_two_names_is_the_first_ones_value() -> None:
    assert fine_cuts(["开工时限2021年7月竣工时限2021年9月"]) == [
        "开工时限",
        "2021年7月",
        "竣工时限",
        "2021年9月",
    ]
    assert fine_cuts(["项目于2021年7月开工建设"]) == ["项目于2021年7月开工建设"]
    assert fine_cuts(["截至2021年12月底全部完成"]) == ["截至2021年12月底全部完成"]


def test_of_which_after_a_quantity_opens_the_next_row() -> None:
    pieces = [t.text for t in split_runon(Token("受益人口数≥174人其中:受益少数民族人口数≥27人", 1))]
    assert "其中:受益少数民族人口数" in pieces
