"""Target forms other provinces print: a remark with a number, ratios, zero counts in
words, per-place units — how the value grammar reads them, and what that does to
scoring and the target-quality check."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.audit import review
from jixiao.model import Indicator, SelfEvaluation, Source
from jixiao.model.value import Op
from jixiao.model.value_grammar import parse_value, states_ratio
from jixiao.score import load_ruleset, score_row

D = Decimal

# text, kind, op, number, unit, word
CASES: list[tuple[str, str, str | None, str | None, str | None, str | None]] = [
    # a bound with a remark in brackets, the remark may hold a number
    ("≥80分（满分100）", "quantity", ">=", "80", "分", "满分100"),
    ("≥80分(满分为100分)", "quantity", ">=", "80", "分", "满分为100分"),
    ("≥90%（抽样调查）", "quantity", ">=", "90", "%", "抽样调查"),
    ("100%（全覆盖）", "quantity", None, "100", "%", "全覆盖"),
    # frequencies, time limits, coverage
    ("≥3次/年", "quantity", ">=", "3", "次/年", None),
    ("不少于1次/年", "quantity", ">=", "1", "次/年", None),
    ("≤10个工作日", "quantity", "<=", "10", "工作日", None),
    ("5个工作日以内", "quantity", "<=", "5", "工作日", None),
    ("100%全覆盖", "quantity", None, "100", "%", "全覆盖"),
    ("覆盖率100%", "quantity", None, "100", "%", "覆盖率"),
    ("≥1个/县", "quantity", ">=", "1", "个/县", None),
    ("≥2次/校", "quantity", ">=", "2", "次/校", None),
    # per-place units: after the number, or as 每<place> before it
    ("3人/村以上", "quantity", ">=", "3", "人/村", None),
    ("3人/村", "quantity", None, "3", "人/村", None),
    ("≥1个/县区", "quantity", ">=", "1", "个/县区", None),
    ("≥1名/乡镇", "quantity", ">=", "1", "人/乡镇", None),
    ("≥2次/户", "quantity", ">=", "2", "次/户", None),
    ("≥2次/户以上", "quantity", ">=", "2", "次/户", None),
    ("每村不少于3人", "quantity", ">=", "3", "人/村", None),
    ("培训人数每村不少于3人", "quantity", ">=", "3", "人/村", "培训人数"),
    ("每县区≥1个", "quantity", ">=", "1", "个/县区", None),
    ("每人不低于500元", "quantity", ">=", "500", "元/人", None),
    ("每户2次", "quantity", None, "2", "次/户", None),
    # …but a period is no place, and a place must close the unit
    ("每年1次", "quantity", None, "1", "次", "每年"),
    ("10个/县企业", "unreadable", None, None, None, None),
    # ratios: a proportion, compared as printed
    ("1:1", "qualitative", None, None, None, "1:1"),
    ("1：1", "qualitative", None, None, None, "1:1"),
    ("=1:1", "qualitative", None, None, None, "1:1"),
    ("1比1", "qualitative", None, None, None, "1:1"),
    ("1:0.5", "qualitative", None, None, None, "1:0.5"),
    ("按1:1比例配套", "qualitative", None, None, None, "按1:1比例配套"),
    # zero counts said in words
    ("零投诉", "quantity", "=", "0", None, "投诉"),
    ("实现零投诉", "quantity", "=", "0", None, "投诉"),
    ("零差错", "quantity", "=", "0", None, "差错"),
    ("无重大安全事故", "quantity", "=", "0", None, "重大安全事故"),
    ("确保无安全事故发生", "quantity", "=", "0", None, "安全事故"),
    ("无有责投诉情况发生", "quantity", "=", "0", None, "有责投诉"),
    ("未发生重大安全事故", "quantity", "=", "0", None, "重大安全事故"),
    ("杜绝安全事故", "quantity", "=", "0", None, "安全事故"),
    ("安全事故零发生", "quantity", "=", "0", None, "安全事故"),
    ("无拖欠", "quantity", "=", "0", None, "拖欠"),
    # …and words that only look like one
    ("零星维修", "qualitative", None, None, None, "零星维修"),
    ("零就业家庭", "qualitative", None, None, None, "零就业家庭"),
    ("零部件", "qualitative", None, None, None, "零部件"),
    ("无纸化", "qualitative", None, None, None, "无纸化"),
    ("无偿", "qualitative", None, None, None, "无偿"),
    ("无", "qualitative", None, None, None, "无"),
    ("零", "qualitative", None, None, None, "零"),
    # a budget bound without a figure stays a phrase (the quality check asks for a number)
    ("不超过预算", "qualitative", None, None, None, "不超过预算"),
    ("控制在预算内", "qualitative", None, None, None, "控制在预算内"),
    # still unreadable: two numbers in one remark or a count in brackets
    ("≥90%（≥85%为合格）", "unreadable", None, None, None, None),
    ("100%（12/12）", "unreadable", None, None, None, None),
]


@pytest.mark.parametrize(("text", "kind", "op", "number", "unit", "word"), CASES)
def test_other_province_targets(
    text: str, kind: str, op: str | None, number: str | None, unit: str | None, word: str | None
) -> None:
    value = parse_value(text)
    assert value is not None and value.text == text
    got = (value.kind, value.op, value.number, value.unit, value.word)
    assert got == (kind, Op(op) if op else None, D(number) if number else None, unit, word)


def test_ratio_is_stated_only_by_ratios() -> None:
    def ratio(text: str) -> bool:
        value = parse_value(text)
        assert value is not None
        return states_ratio(value)

    assert ratio("1:1") and ratio("按1:1比例配套") and ratio("1比2")
    assert not ratio("不超过预算") and not ratio("≥3次/年") and not ratio("完成2023年度工作")


def _score(target: str, actual: str) -> tuple[str, Decimal | None, Decimal | None]:
    row = Indicator(name="配套", target=target, actual=actual, weight=D(10), score=D(10))
    got = score_row(row, load_ruleset("mof2020"), 0)
    return got.method, got.computed, got.band_low


def test_zero_counts_score_as_zero_targets() -> None:
    assert _score("零投诉", "0")[1] == D(10)
    assert _score("无重大安全事故", "0起")[1] == D(10)
    assert _score("零投诉", "1起")[1] == D(0)
    assert _score("零投诉", "零投诉")[1] == D(10)


def test_ratio_met_as_printed_is_achieved_and_another_is_not_judged() -> None:
    method, _computed, low = _score("1:1", "1：1")
    assert method == "qualitative" and low == D(8)
    assert _score("1:1", "1:0.8")[0] == "unscorable"


def _form(level2: str, target: str) -> SelfEvaluation:
    row = Indicator(
        level1="产出指标", level2=level2, name="资金配套", target=target, actual=target,
        weight=D(10), score=D(10), lines=(3, 3),
    )  # fmt: skip
    return SelfEvaluation(source=Source(file="x.txt", lines=(1, 5)), indicators=(row,))


def test_a_ratio_is_no_vague_target_but_a_budget_phrase_is() -> None:
    def q001(target: str) -> bool:
        (item,) = review([_form("成本指标", target)], select=["Q001"])
        return bool(item.report.findings)

    assert not q001("1:1") and not q001("按1:1比例配套")
    assert q001("不超过预算")
    assert not q001("零投诉")  # a zero count is a number
