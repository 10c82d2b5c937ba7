"""The value grammar: every 年度指标值 / 实际完成值 string → a typed value (issue 3)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import Form, Indicator, LegacySelfEvaluation, SelfEvaluation, Source
from jixiao.model.jsonio import dumps, loads
from jixiao.model.value import Op, ParsedValue, Tier
from jixiao.model.value_grammar import COMPARATIVE_WORDS, is_vague, parse_value
from jixiao.parse.values import category, unreadable_values
from support import GOLDEN

D = Decimal
A, P, N = Tier.ACHIEVED, Tier.PARTIAL, Tier.NOT_ACHIEVED

# text, kind, op, number, unit, tier-or-word (for a quantity: the words around the number)
CASES: list[tuple[str, str, str | None, str | None, str | None, object]] = [
    # quantities as the seeds print them
    ("=365(天)", "quantity", "=", "365", "天", None),
    ("≥350000.00(页)", "quantity", ">=", "350000.00", "页", None),
    (">=47件", "quantity", ">=", "47", "件", None),
    ("<1.00(%)", "quantity", "<", "1.00", "%", None),
    ("≤3500.00(元/人)", "quantity", "<=", "3500.00", "元/人", None),
    ("≤100000.00(元/人/年)", "quantity", "<=", "100000.00", "元/人/年", None),
    ("=100%", "quantity", "=", "100", "%", None),
    ("98%以上", "quantity", ">=", "98", "%", None),
    ("<=520人", "quantity", "<=", "520", "人", None),
    ("=15名", "quantity", "=", "15", "人", None),
    ("=935人次", "quantity", "=", "935", "人次", None),
    ("=3600m²", "quantity", "=", "3600", "平方米", None),
    ("≦24小时/天", "quantity", "<=", "24", "小时/天", None),
    ("=0(起)", "quantity", "=", "0", "起", None),
    ("=12个月", "quantity", "=", "12", "个月", None),
    ("=4面", "quantity", "=", "4", "面", None),
    ("≥70.00(学时)", "quantity", ">=", "70.00", "学时", None),
    ("=7.00(班次)", "quantity", "=", "7.00", "班次", None),
    ("10万", "quantity", None, "100000", None, None),
    ("40050", "quantity", None, "40050", None, None),
    ("100.00(%)", "quantity", None, "100.00", "%", None),
    ("365.00(天)", "quantity", None, "365.00", "天", None),
    ("100%", "quantity", None, "100", "%", None),
    ("0", "quantity", None, "0", None, None),
    ("<4%", "quantity", "<", "4", "%", None),
    (">=24%", "quantity", ">=", "24", "%", None),
    ("帮扶家庭不少于80户次", "quantity", ">=", "80", "户次", "帮扶家庭"),
    ("年内不少于4篇", "quantity", ">=", "4", "篇", "年内"),
    ("使用效率100%", "quantity", None, "100", "%", "使用效率"),
    # other provinces' wording
    ("不低于95%", "quantity", ">=", "95", "%", None),
    ("≧90％", "quantity", ">=", "90", "%", None),
    ("＞＝90％", "quantity", ">=", "90", "%", None),
    ("＝100％", "quantity", "=", "100", "%", None),
    ("大于等于90%", "quantity", ">=", "90", "%", None),
    ("≤ 3 个工作日", "quantity", "<=", "3", "工作日", None),
    ("3个工作日内办结", "quantity", "<=", "3", "工作日", "办结"),
    ("24小时内", "quantity", "<=", "24", "小时", None),
    ("100%完成", "quantity", None, "100", "%", "完成"),
    ("不超过3个工作日", "quantity", "<=", "3", "工作日", None),
    ("控制在3%以内", "quantity", "<=", "3", "%", None),
    ("超过90%", "quantity", ">", "90", "%", None),
    ("低于5%", "quantity", "<", "5", "%", None),
    ("至少2次", "quantity", ">=", "2", "次", None),
    ("不少于三次", "quantity", ">=", "3", "次", None),
    ("三场", "quantity", None, "3", "场", None),
    ("一次性", "qualitative", None, None, None, "一次性"),
    ("百分之九十五", "quantity", None, "95", "%", None),
    ("3项以上", "quantity", ">=", "3", "项", None),
    ("≥90%（含）", "quantity", ">=", "90", "%", None),
    ("好评率≥95%", "quantity", ">=", "95", "%", "好评率"),
    ("同比增长不低于10%", "quantity", ">=", "10", "%", "同比增长"),
    ("1,220.16万元", "quantity", None, "1220.16", "万元", None),
    ("3万人次", "quantity", None, "30000", "人次", None),
    ("≤1.5‰", "quantity", "<=", "1.5", "‰", None),
    ("≥2次/季度", "quantity", ">=", "2", "次/季度", None),
    ("10家企业", "quantity", None, "10", "家", "企业"),
    ("200名学员", "quantity", None, "200", "人", "学员"),
    ("提高2个百分点", "quantity", None, "2", "个百分点", "提高"),
    ("≥90%；", "quantity", ">=", "90", "%", None),
    ("1200人/次", "quantity", None, "1200", "人次", None),
    ("30人·次", "quantity", None, "30", "人次", None),
    ("500余人", "quantity", ">", "500", "人", None),
    ("1.2万平方米", "quantity", None, "12000", "平方米", None),
    ("98%（抽样调查）", "quantity", None, "98", "%", "抽样调查"),
    ("90%（含）以上", "quantity", ">=", "90", "%", None),
    ("每年1次", "quantity", None, "1", "次", "每年"),
    # ranges
    ("90%-95%", "quantity", ">=", "90", "%", "upper=95"),
    ("80%~90%", "quantity", ">=", "80", "%", "upper=90"),
    ("3至5个", "quantity", ">=", "3", "个", "upper=5"),
    # tiers
    ("达成指标", "tier", None, None, None, A),
    ("达成年度指标", "tier", None, None, None, A),
    ("达成预期指标", "tier", None, None, None, A),
    ("达成 指标。", "tier", None, None, None, A),
    ("达戍指标", "tier", None, None, None, A),
    ("部分达成指标并具有一定效果", "tier", None, None, None, P),
    ("部分达成（预期）指标并具有一定效果", "tier", None, None, None, P),
    ("部分达成年度指标并具有一定效", "tier", None, None, None, P),
    ("未达成指标且效果较差", "tier", None, None, None, N),
    ("未达成预期指标且效果较差", "tier", None, None, None, N),
    # deadlines
    ("2024年12月31日前完成", "deadline", None, None, None, "2024年12月31日前"),
    ("年底前", "deadline", None, None, None, "年底前"),
    ("=9月底之前", "deadline", None, None, None, "9月底前"),
    ("每月中旬", "deadline", None, None, None, "每月中旬"),
    ("2023年6月底前", "deadline", None, None, None, "2023年6月底前"),
    ("按时完成", "deadline", None, None, None, "按时"),
    ("第四季度", "deadline", None, None, None, "第四季度"),
    ("2024.12.31前", "deadline", None, None, None, "2024.12.31前"),
    ("11月", "deadline", None, None, None, "11月"),
    ("2024/12", "deadline", None, None, None, "2024/12"),
    ("=2057.01", "quantity", "=", "2057.01", None, None),
    ("2023年1月1日至12月31日", "deadline", None, None, None, "2023年1月1日至12月31日"),
    ("1-12月", "deadline", None, None, None, "1-12月"),
    # qualitative
    ("健全", "qualitative", None, None, None, "健全"),
    ("及时", "qualitative", None, None, None, "及时"),
    ("达标", "qualitative", None, None, None, "达标"),
    ("三级", "qualitative", None, None, None, "三级"),
    ("较上年增长", "qualitative", None, None, None, "较上年增长"),
    ("较去年减少", "qualitative", None, None, None, "较上年减少"),
    ("比上年提高", "qualitative", None, None, None, "较上年提高"),
    ("有效控制", "qualitative", None, None, None, "有效控制"),
    ("=是", "qualitative", None, None, None, "是"),
    ("√", "qualitative", None, None, None, "是"),
    ("人社服务质量得到提升", "qualitative", None, None, None, "人社服务质量得到提升"),
    ("不高于市场价的中等水平", "qualitative", None, None, None, "不高于市场价的中等水平"),
    ("通过ISO9001认证", "qualitative", None, None, None, "通过ISO9001认证"),
    ("完成2023年度人才引进工作", "qualitative", None, None, None, "完成2023年度人才引进工作"),
    ("基本达成", "qualitative", None, None, None, "基本达成"),
    ("公开公正公平", "qualitative", None, None, None, "公开公正公平"),
    # unreadable: OCR noise, lost digits, cut-off text
    ("100円", "unreadable", None, None, None, None),
    (">90.00(9/)", "unreadable", None, None, None, None),
    ("00.00(%)", "unreadable", None, None, None, None),
    ("公从1日小", "unreadable", None, None, None, None),
    ("灰间、1)八", "unreadable", None, None, None, None),
    ("人工人人人工目刊小", "unreadable", None, None, None, None),
    ("上及", "unreadable", None, None, None, None),
    ("≥95%以下", "unreadable", None, None, None, None),
    ("100% 95%", "unreadable", None, None, None, None),
    ("1,2,3", "unreadable", None, None, None, None),
    ("100 95", "unreadable", None, None, None, None),
    ("2023年13月", "unreadable", None, None, None, None),
    ("100%（12/12）", "unreadable", None, None, None, None),
]


@pytest.mark.parametrize(("text", "kind", "op", "number", "unit", "extra"), CASES)
def test_real_world_strings(
    text: str, kind: str, op: str | None, number: str | None, unit: str | None, extra: object
) -> None:
    value = parse_value(text)
    assert value is not None
    assert value.text == text
    assert value.kind == kind
    assert value.op == (Op(op) if op else None)
    assert value.number == (D(number) if number is not None else None)
    assert value.unit == unit
    if isinstance(extra, Tier):
        assert value.tier == extra
    elif isinstance(extra, str) and extra.startswith("upper="):
        assert value.upper == D(extra.removeprefix("upper="))
    else:
        assert value.word == extra
        assert value.upper is None


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("blank", [None, "", "  ", "\n", "-", "/", "—", "－－", "。"])
def test_blank_or_placeholder_is_none(blank: str | None) -> None:
    assert parse_value(blank) is None


def test_vague_targets() -> None:
    def vague(text: str) -> bool:
        value = parse_value(text)
        assert value is not None
        return is_vague(value)

    assert {"提升", "增长", "减少", "扩大"} <= COMPARATIVE_WORDS
    assert vague("提升") and vague("较上年增长") and vague("扩大并提高") and vague("显著改善")
    assert not vague("健全") and not vague("及时") and not vague("达成指标")
    assert not vague("较上年增长5%")  # a number makes it checkable
    assert not vague("年底前")


_SYMBOLS = {
    Op.GE: (">=", "≥", "≧", "＞＝", "不低于", "不少于"),
    Op.GT: (">", "＞", "大于", "超过"),
    Op.EQ: ("=", "＝", "等于"),
    Op.LE: ("<=", "≤", "≦", "＜＝", "不超过", "不高于"),
    Op.LT: ("<", "＜", "小于", "低于"),
}
_UNITS = (
    "%",
    "个百分点",
    "人",
    "人次",
    "户",
    "家",
    "个",
    "项",
    "件",
    "份",
    "套",
    "场",
    "次",
    "天",
    "小时",
    "工作日",
    "个月",
    "元",
    "万元",
    "元/人",
    "次/年",
    "平方米",
    "学时",
    "篇",
)


def render(symbol: str, number: Decimal, unit: str | None, style: int) -> str:
    """A target as forms print it: ``≥90(%)``, ``≥90%``, ``≥ 90 %``, ``≥1,000.00(份)``."""
    digits = format(number, ",f") if style == 3 else format(number, "f")
    if unit is None:
        return f"{symbol}{digits}"
    if style == 0:
        return f"{symbol}{digits}({unit})"
    if style == 1:
        return f"{symbol}{digits}（{unit}）"
    if style == 2:
        return f"{symbol} {digits} {unit}"
    return f"{symbol}{digits}{unit}"


_SUFFIXES = {Op.GE: ("以上", "及以上"), Op.LE: ("以下", "及以下")}


@settings(max_examples=300, deadline=None)
@given(
    op=st.sampled_from(list(Op)),
    pick=st.integers(0, 5),
    number=st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False),
    unit=st.none() | st.sampled_from(_UNITS),
    style=st.integers(0, 3),
)
def test_render_round_trip(
    op: Op, pick: int, number: Decimal, unit: str | None, style: int
) -> None:
    symbols = _SYMBOLS[op]
    text = render(symbols[pick % len(symbols)], number, unit, style)
    if op in _SUFFIXES and pick % 2:  # 98%以上 says ≥ after the number
        text = render("", number, unit, style) + _SUFFIXES[op][pick % 4 // 2]
    value = parse_value(text)
    assert value is not None
    assert (value.kind, value.op, value.number, value.unit) == ("quantity", op, number, unit)
    assert value.number is not None and str(value.number) == str(number)


_PLACEHOLDER = re.compile(r"[\s\-/\\_~〜—–−。;,、·]*")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_text_is_read_or_reported(text: str) -> None:
    value = parse_value(text)
    if value is None:  # nothing printed: blank, or only dashes, slashes, stops
        assert _PLACEHOLDER.fullmatch(unicodedata.normalize("NFKC", text))
        return
    assert value == parse_value(text)  # deterministic
    assert value.kind in {"quantity", "tier", "deadline", "qualitative", "unreadable"}
    if value.kind == "quantity":
        assert value.number is not None
    if value.kind == "tier":
        assert value.tier is not None
    if value.kind in {"qualitative", "deadline"}:
        assert value.word


def test_parsed_values_travel_in_json_and_are_dropped_on_load() -> None:
    form = SelfEvaluation(
        source=Source(file="x.txt", lines=(1, 2)),
        indicators=(Indicator(name="天数", target="=365(天)", actual="365.00(天)"),),
    )
    text = dumps([form])
    assert '"parsed_target"' in text and '"parsed_actual"' in text
    assert loads(text) == [form]
    assert form.indicators[0].parsed_target == ParsedValue(
        kind="quantity", text="=365(天)", op=Op.EQ, number=D("365"), unit="天"
    )


def test_unreadable_value_gets_p011_at_its_row() -> None:
    form = SelfEvaluation(
        source=Source(file="x.txt", lines=(1, 9)),
        indicators=(
            Indicator(name="甲", target="=1(场)", actual="1.00(场)", lines=(3, 3)),
            Indicator(name="乙", target=">90.00(9/)", actual="上及", lines=(5, 6)),
        ),
    )
    found = tuple(unreadable_values(form))
    assert [(f.code, f.location.row, f.location.field) for f in found] == [
        ("P011", 1, "indicators.1.target"),
        ("P011", 1, "indicators.1.actual"),
    ]
    assert found[0].location.lines == (5, 6)
    assert "年度指标值「>90.00(9/)」" in found[0].message
    legacy = LegacySelfEvaluation(source=form.source, indicators=form.indicators)
    assert tuple(unreadable_values(legacy)) == ()


@cache
def _seed_forms() -> tuple[Form, ...]:
    """The 83 seed forms, from their goldens (``test_golden`` holds them equal to a parse)."""
    files = sorted(GOLDEN.glob("*/[0-9][0-9].json"))
    return tuple(f for path in files for f in loads(path.read_text(encoding="utf-8")))


# Seed strings checked by hand against the source text: their category.
HAND_CHECKED = {
    "=100(%)": "quantity_op",
    "≥90(%)": "quantity_op",
    ">=47件": "quantity_op",
    "<=520人": "quantity_op",
    "=0(起)": "quantity_op",
    "98%以上": "quantity_op",
    "100.00(%)": "quantity",
    "365.00(天)": "quantity",
    "40050": "quantity",
    "10万": "quantity",
    "达成指标": "tier_achieved",
    "部分达成指标并具有一定效果": "tier_partial",
    "未达成指标且效果较差": "tier_not_achieved",
    "2024年12月31日前完成": "deadline",
    "年底前": "deadline",
    "=9月底之前": "deadline",
    "每月中旬及时报送局领": "deadline",
    "健全": "qualitative_term",
    "及时": "qualitative_term",
    "较去年减少": "qualitative_term",
    "三级": "qualitative_term",
    "有效控制": "qualitative_term",
    "人社服务质量得到提升": "qualitative_text",
    "较上届提升": "qualitative_text",
    "帮扶家庭不少于80户次": "quantity_op",
    "覆盖党支部100%": "quantity",
    "100円": "unreadable",
    ">90.00(9/)": "unreadable",
    "00.00(%)": "unreadable",
    "上及": "unreadable",
    "公从1日小": "unreadable",
}


def test_seed_strings_read_as_checked_by_hand_and_unreadable_ones_reported() -> None:
    seen: set[str] = set()
    unreadable = 0
    for form in _seed_forms():
        if isinstance(form, LegacySelfEvaluation):
            continue
        p011 = {f.location.field for f in form.findings if f.code == "P011"}
        for i, row in enumerate(form.indicators):
            for name, value in (("target", row.parsed_target), ("actual", row.parsed_actual)):
                if value is None:
                    continue
                if value.text in HAND_CHECKED:
                    seen.add(value.text)
                    assert category(value) == HAND_CHECKED[value.text], value.text
                field = f"indicators.{i}.{name}"
                assert (value.kind == "unreadable") == (field in p011), (form.source, field)
                unreadable += value.kind == "unreadable"
    assert len(_seed_forms()) == 83
    assert seen == set(HAND_CHECKED)
    assert unreadable == 7


def test_a_huge_number_times_wan_is_read_exactly() -> None:
    """Found by the fuzzer: a 27-digit number before 万 overflowed ``quantize``'s 28 digits."""
    parsed = parse_value("199999999999999999999999990万")
    assert parsed is not None and parsed.kind == "quantity"
    assert parsed.number == Decimal("1999999999999999999999999900000")
