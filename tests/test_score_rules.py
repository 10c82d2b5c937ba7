"""Each scoring rule of DESIGN §6 on hand-checked numbers (through the ParsedValue seam)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import Indicator
from jixiao.model.value import Op, ParsedValue, Tier
from jixiao.model.value_grammar import parse_value
from jixiao.score import load_ruleset, score_row
from jixiao.score.row import combine, judge
from jixiao.score.ruleset import Ruleset
from support import ROOT

D = Decimal
MOF = load_ruleset("mof2020")
LINEAR = MOF.model_copy(update={"reverse": MOF.reverse.model_copy(update={"formula": "linear"})})


def qty(number: str, unit: str | None = None, op: Op | None = None) -> ParsedValue:
    return ParsedValue(
        kind="quantity", text=f"{op or ''}{number}{unit or ''}", op=op, number=D(number), unit=unit
    )


def tier(t: Tier, text: str = "达成年度指标") -> ParsedValue:
    return ParsedValue(kind="tier", text=text, tier=t)


def word(w: str, kind: str = "qualitative") -> ParsedValue:
    return ParsedValue(kind=kind, text=w, word=w)  # type: ignore[arg-type]


def run(
    target: ParsedValue | None,
    actual: ParsedValue | None,
    weight: str = "10",
    ruleset: Ruleset = MOF,
):
    return judge(target, actual, D(weight), ruleset)


def test_positive_missed_is_proportional() -> None:
    v = run(qty("60", "人", Op.GE), qty("56", "人"))
    assert (v.method, v.computed) == ("positive", D("9.33"))
    assert v.explanation == "实际 56 人 / 目标 60 人 × 10 分 = 9.33 分"


def test_positive_met_is_full_and_never_above_weight() -> None:
    v = run(qty("365", "天", Op.EQ), qty("365.00", "天"), "6")
    assert v.computed == D(6)
    assert v.explanation == "实际 365 天 = 目标 365 天，得满分 6 分"
    over = run(qty("47", "件", Op.GE), qty("80", "件"), "15")
    assert over.computed == D(15)


def test_positive_actual_without_unit_takes_the_targets() -> None:
    v = run(qty("47", "件", Op.GE), qty("44"), "15")
    assert v.computed == D("14.04")  # 15 × 44 / 47 = 14.0425…
    assert "实际 44 件 / 目标 47 件" in v.explanation


def test_rounding_is_half_up() -> None:
    # 10 × 85 / 90 = 9.4444…; 3 × 85 / 90 = 2.8333…; 1 × 0.5/0.8 = 0.625 → 0.63
    assert run(qty("90", "%", Op.GE), qty("85", "%")).computed == D("9.44")
    assert run(qty("0.8", None, Op.GE), qty("0.5"), "1").computed == D("0.63")


def test_positive_zero_target_met_and_missed() -> None:
    assert run(qty("0", "%", Op.GE), qty("3", "%"), "5").computed == D(5)
    missed = run(qty("0", "%", Op.GT), qty("0", "%"), "5")
    assert missed.computed == D(0)
    assert "得 0 分" in missed.explanation


def test_reverse_met_and_ratio() -> None:
    met = run(qty("5", "%", Op.LE), qty("3", "%"), "5")
    assert (met.method, met.computed) == ("reverse", D(5))
    missed = run(qty("5", "%", Op.LE), qty("6", "%"), "5")
    assert missed.computed == D("4.17")  # 5 × 5 / 6
    assert missed.explanation.endswith("5 分 × 5 / 6 = 4.17 分")


def test_reverse_linear_and_its_floor() -> None:
    v = run(qty("5", "%", Op.LT), qty("6", "%"), "5", LINEAR)
    assert v.computed == D("4.00")  # 5 × (1 − 1/5)
    floored = run(qty("5", "%", Op.LE), qty("12", "%"), "5", LINEAR)
    assert floored.computed == D(0)
    assert "最低 0 分" in floored.explanation


def test_zero_target() -> None:
    assert run(qty("0", "起", Op.EQ), qty("0.00", "起"), "5").computed == D(5)
    bad = run(qty("0", "起", Op.LE), qty("2", "起"), "5")
    assert (bad.method, bad.computed) == ("zero", D(0))
    assert bad.explanation == "目标为 0，实际 2 起，得 0 分"


def test_zero_target_can_be_left_to_the_unit() -> None:
    keep = MOF.model_copy(
        update={"zero_target": MOF.zero_target.model_copy(update={"rule": "unscorable"})}
    )
    assert run(qty("0", "起", Op.EQ), qty("2", "起"), "5", keep).method == "unscorable"


def test_units_convert_or_make_the_row_unscorable() -> None:
    converted = run(qty("100", "万元", Op.GE), qty("900000", "元"))
    assert converted.computed == D("9.00")
    mismatch = run(qty("2000", "份", Op.EQ), qty("1000", "册"))
    assert mismatch.method == "unscorable"
    assert "单位不一致" in mismatch.explanation


def test_actual_restating_a_bound() -> None:
    implied = run(qty("5", "%", Op.LT), qty("4", "%", Op.LT), "5")
    assert (implied.method, implied.computed) == ("reverse", D(5))
    unsure = run(qty("90", "%", Op.GT), qty("90", "%", Op.GE))
    assert unsure.method == "unscorable"
    assert run(qty("90", "%", Op.GE), qty("95", "%", Op.GE)).computed == D(10)


@pytest.mark.parametrize(
    ("t", "low", "high", "inclusive"),
    [
        (Tier.ACHIEVED, "8.00", "10.00", True),
        (Tier.PARTIAL, "6.00", "8.00", True),
        (Tier.NOT_ACHIEVED, "0.00", "6.00", False),
    ],
)
def test_qualitative_bands(t: Tier, low: str, high: str, inclusive: bool) -> None:
    v = run(word("健全"), tier(t))
    assert v.method == "qualitative"
    assert v.band == (D(low), D(high))
    assert v.band_high_inclusive is inclusive
    assert v.computed is None


def test_qualitative_accepted_is_reported_moved_into_band() -> None:
    v = run(word("健全"), tier(Tier.PARTIAL, "部分达成指标并具有一定效果"), "6")
    assert v.explanation == "定性：部分达成指标并具有一定效果，允许 3.60–4.80 分"
    inside = combine(v, D(6), D("4.80"), MOF, 0)  # seed forms: exactly 80 % for 部分达成
    assert inside.accepted == D("4.80")
    above = combine(v, D(6), D(6), MOF, 0)
    assert above.accepted == D("4.80")
    assert "不在区间内" in above.explanation
    missing = combine(v, D(6), None, MOF, 0)
    assert missing.accepted == D("4.80")
    not_achieved = run(word("健全"), tier(Tier.NOT_ACHIEVED), "10")
    assert combine(not_achieved, D(10), D(10), MOF, 0).accepted == D("5.99")


def test_word_actuals() -> None:
    same = run(word("规范"), word("规范"), "5")
    assert same.band == (D(4), D(5))
    assert "与目标一致" in same.explanation
    yes = run(word("年底前", "deadline"), word("按时"), "5")
    assert yes.method == "qualitative"
    no = run(word("及时"), word("否"), "5")
    assert no.band == (D(0), D(3))
    other = run(word("及时"), word("稳定"), "5")
    assert other.method == "unscorable"
    partial = run(word("及时"), word("部分完成"), "5")
    assert partial.band == (D(3), D(4))
    assert run(word("满意"), word("不满意"), "5").band == (D(0), D(3))


def _hedged(tier: str) -> Ruleset:
    rule = MOF.qualitative.model_copy(update={"hedged": tier})
    return MOF.model_copy(update={"qualitative": rule})


@pytest.mark.parametrize("actual", ["较及时", "比较满意", "较为及时", "基本完成", "较好"])
def test_hedged_actuals_follow_the_ruleset_switch(actual: str) -> None:
    lenient = run(word("及时"), word(actual), "10")
    assert lenient.method == "qualitative" and lenient.band == (D(8), D(10))
    assert "程度词的设定" in lenient.explanation
    strict = run(word("及时"), word(actual), "10", _hedged("partial"))
    assert strict.band == (D(6), D(8))
    assert run(word("及时"), word(actual), "10", _hedged("unscorable")).method == "unscorable"
    assert run(word(actual), word(actual), "10", _hedged("partial")).band == (D(8), D(10))


@pytest.mark.parametrize("actual", ["较上年增长", "较去年减少", "较差", "基本未完成"])
def test_comparisons_and_negations_are_not_hedges(actual: str) -> None:
    verdict = run(word("提升"), word(actual), "10")
    assert "程度词" not in verdict.explanation
    # 较上年增长 reports the rise the direction target 提升 asks for; the others do not
    assert (verdict.band == (D(8), D(10))) is (actual == "较上年增长")


def test_missing_and_unreadable() -> None:
    assert run(qty("1", "套", Op.EQ), None).method == "unscorable"
    assert run(None, qty("100", "%")).explanation == "未填年度指标值"
    unreadable = ParsedValue(kind="unreadable", text="人工人人")
    assert "无法读出" in run(qty("1", "套"), unreadable).explanation
    assert run(word("提升"), qty("5", "%")).method == "unscorable"


def test_unscorable_row_keeps_the_reported_score_within_weight() -> None:
    v = run(None, None)
    assert combine(v, D(10), D(7), MOF, 0).accepted == D(7)
    clamped = combine(v, D(10), D(12), MOF, 0)
    assert clamped.accepted == D(10)
    assert "超出范围" in clamped.explanation
    assert combine(v, D(10), None, MOF, 0).accepted is None


def test_score_row_reads_the_printed_cells() -> None:
    row = Indicator(name="人数", target="≥60人", actual="56人", weight=D(10), score=D(10))
    result = score_row(row, MOF, 3)
    assert (result.position, result.method, result.computed) == (3, "positive", D("9.33"))
    assert result.reported == D(10)
    no_weight = score_row(Indicator(name="x", target="=1套"), MOF, 0)
    assert no_weight.method == "unscored"
    negative = score_row(Indicator(name="x", target="=1套", weight=D(-2), score=D(1)), MOF, 0)
    assert (negative.method, negative.accepted) == ("unscored", None)


def test_docs_example_province_scores_reverse_rows_linearly() -> None:
    province = load_ruleset(ROOT / "docs" / "examples" / "zhejiang.toml")
    row = (qty("5", "%", Op.LE), qty("6", "%"), "5")
    assert run(*row).computed == D("4.17")
    assert run(*row, province).computed == D("4.00")


def test_actual_bound_that_misses_the_target() -> None:
    v = run(qty("4", "%", Op.GE), qty("4", "%", Op.LT), "5")
    assert v.method == "unscorable"
    assert "未达到目标" in v.explanation
    deadline = run(word("9月底前", "deadline"), word("11月", "deadline"))
    assert deadline.band == (D(6), D(8)) and "晚于时限" in deadline.explanation
    unknown = run(word("每月中旬", "deadline"), word("11月", "deadline"))
    assert unknown.method == "unscorable" and "时限" in unknown.explanation
    same = run(word("年底前", "deadline"), word("年底前", "deadline"), "4")
    assert (same.method, same.band) == ("qualitative", (D("3.20"), D(4)))


def test_range_target_is_met_from_its_lower_end() -> None:
    target = ParsedValue(
        kind="quantity", text="90%-95%", op=Op.GE, number=D(90), upper=D(95), unit="%"
    )
    met = run(target, qty("98", "%"))
    assert met.computed == D(10)
    missed = run(target, qty("81", "%"))
    assert missed.computed == D("9.00")
    assert "90–95%" in run(word("健全"), target).explanation


def test_targets_below_zero_and_bounds_on_zero_targets() -> None:
    decline = run(qty("-5", "%", Op.LE), qty("-3", "%"), "5")
    assert (decline.method, decline.computed) == ("reverse", D(0))
    assert run(qty("-5", "%", Op.LE), qty("-6", "%"), "5").computed == D(5)
    assert run(qty("-5", "%", Op.LE), qty("-3", "%"), "5", LINEAR).computed == D(0)
    unsure = run(qty("0", "起", Op.EQ), qty("1", "起", Op.LT), "5")
    assert unsure.method == "unscorable"
    assert run(qty("0", "起", Op.EQ), qty("0", "起", Op.LE), "5").computed == D(5)
    some = run(qty("0", "起", Op.EQ), qty("1", "起", Op.GE), "5")
    assert (some.method, some.computed) == ("zero", D(0))
    assert some.explanation == "目标为 0，实际 ≥ 1 起，得 0 分"


@pytest.mark.parametrize(
    ("target", "actual", "band"),
    [
        ("9月底前", "11月", (D(6), D(8))),
        ("年底前", "12月", (D(8), D(10))),
        ("2024年12月31日前完成", "2025年1月", (D(6), D(8))),
        ("10月底前", "10月15日", (D(8), D(10))),
    ],
)
def test_deadline_against_the_month_done(target: str, actual: str, band: tuple[D, D]) -> None:
    verdict = run(parse_value(target), parse_value(actual), "10")
    assert verdict.method == "qualitative" and verdict.band == band


def test_deadline_without_a_month_is_left_to_the_unit() -> None:
    assert run(parse_value("年底前"), parse_value("已完成"), "10").band == (D(8), D(10))
    assert run(parse_value("9月底前"), parse_value("稳定"), "10").method == "unscorable"


@pytest.mark.parametrize(
    ("actual", "computed"), [("达到50%", "5.56"), ("已达到80%", "8.89"), ("达到95%", "10")]
)
def test_an_actual_that_reached_a_figure_is_that_figure(actual: str, computed: str) -> None:
    verdict = run(parse_value("≥90%"), parse_value(actual), "10")
    assert verdict.computed == D(computed)


def test_an_actual_above_a_figure_stays_a_bound() -> None:
    assert run(parse_value("≥90%"), parse_value("50%以上"), "10").method == "unscorable"


def test_several_deadlines_are_left_to_the_unit() -> None:
    several = word("6月底、12月底前", "deadline")
    assert run(several, word("12月", "deadline"), "10").method == "unscorable"
    assert run(word("12月底前", "deadline"), word("12月", "deadline"), "10").band == (D(8), D(10))


def test_a_unitless_actual_far_below_a_target_with_unit_is_not_scored() -> None:
    fraction = run(qty("90", "%", Op.GE), qty("0.95"), "10")
    assert fraction.method == "unscorable" and "不到目标" in fraction.explanation
    assert run(qty("90", "%", Op.GE), qty("0"), "10").computed == 0  # nothing done: 0 points
    assert run(qty("90", "%", Op.GE), qty("45"), "10").computed == D("5.00")
    assert run(qty("1350"), qty("40"), "4").computed == D("0.12")  # no unit either side
