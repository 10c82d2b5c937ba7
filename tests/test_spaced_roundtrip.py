"""Round trip through the seed-000 layout: print a consistent form, parse it back."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.model import FundRow, Funds, Indicator, SelfEvaluation, Source
from jixiao.parse import parse_document
from jixiao.read import Document
from spaced_printer import print_spaced

LEVELS = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["社会效益指标", "经济效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}
WORDS = ["培训", "服务", "系统", "运维", "人才", "活动", "信息", "公寓", "专家", "宣传", "场地"]
ENDINGS = ["场次", "数量", "完成率", "及时率", "覆盖率", "人次", "天数", "健全性"]
UNITS = ["天", "%", "场", "人次", "套", "起", "家", "页"]
TIERS = ["达成指标", "部分达成指标并具有一定效果"]
QUALITATIVE = ["健全", "完整", "有效", "达标", "共享"]
TWO = Decimal("0.01")

names = st.builds(
    lambda ws, end: "".join(ws) + end,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    st.sampled_from(ENDINGS),
)
notes = st.none() | st.builds(
    lambda ws: "".join(ws) + "还需进一步完善",
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
)
goals = st.lists(st.sampled_from(WORDS), min_size=3, max_size=40).map("".join)


@st.composite
def rows(draw: st.DrawFn, weight: Decimal) -> Indicator:
    name = draw(names)
    if draw(st.booleans()):
        unit = draw(st.sampled_from(UNITS))
        target = draw(st.integers(1, 400_000))
        op = draw(st.sampled_from(["=", "≥"]))
        target_s = f"{op}{target}({unit})" if draw(st.booleans()) else f"{op}{target}.00({unit})"
        achieved = draw(st.integers(0, 2 * target))
        score = weight if achieved >= target else weight * achieved / target
        actual_s = f"{achieved}.00({unit})"
    else:
        target_s = draw(st.sampled_from(QUALITATIVE))
        actual_s = draw(st.sampled_from(TIERS))
        score = weight if actual_s == TIERS[0] else weight * Decimal("0.8")
    score = Decimal(score).quantize(TWO, ROUND_HALF_UP)
    note = draw(notes) if score < weight else None
    return Indicator(
        name=name, target=target_s, actual=actual_s, weight=weight, score=score, note=note
    )


@st.composite
def forms(draw: st.DrawFn) -> tuple[SelfEvaluation, list[int]]:
    count = draw(st.integers(3, 12))
    cuts = sorted(
        draw(st.lists(st.integers(1, 89), min_size=count - 1, max_size=count - 1, unique=True))
    )
    bounds = [0, *cuts, 90]
    weights = [Decimal(b - a).quantize(TWO) for a, b in itertools.pairwise(bounds)]
    levels: list[tuple[str, str]] = []
    for _ in range(count):
        level1 = draw(st.sampled_from(sorted(LEVELS)))
        levels.append((level1, draw(st.sampled_from(LEVELS[level1]))))
    levels.sort(key=lambda lv: (list(LEVELS).index(lv[0]), LEVELS[lv[0]].index(lv[1])))
    indicators = []
    for (level1, level2), weight in zip(levels, weights, strict=True):
        row = draw(rows(weight))
        indicators.append(row.model_copy(update={"level1": level1, "level2": level2}))
    budget = Decimal(draw(st.integers(100, 100_000_00))) / 100
    executed = (budget * Decimal(draw(st.integers(50, 100))) / 100).quantize(TWO)
    rate = (executed / budget * 100).quantize(TWO, ROUND_HALF_UP)
    budget_score = (rate / 10).quantize(TWO, ROUND_HALF_UP)
    money = FundRow(initial=budget, adjusted=budget, executed=executed, rate=rate)
    zero = FundRow(
        initial=Decimal("0.00"),
        adjusted=Decimal("0.00"),
        executed=Decimal("0.00"),
        rate=Decimal("0.00"),
    )
    total = money.model_copy(update={"weight": Decimal("10.00"), "score": budget_score})
    weight_sum = sum((r.weight or Decimal(0) for r in indicators), Decimal("10.00"))
    score_sum = sum((r.score or Decimal(0) for r in indicators), budget_score)
    form = SelfEvaluation(
        year=draw(st.integers(2019, 2026)),
        project=draw(names) + "项目",
        department="上海市人力资源和社会保障局",
        unit=draw(st.sampled_from(["上海市人才服务中心", "上海市就业促进中心"])),
        money_unit=draw(st.sampled_from(["万元", "元"])),
        funds=Funds(total=total, appropriation=money, carryover=zero, other=zero),
        goal_expected="".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=40)))
        + "。",
        goal_actual="全年"
        + "".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=40)))
        + "。",
        indicators=tuple(indicators),
        total_weight=weight_sum,
        total_score=score_sum,
        grade="优" if score_sum >= 90 else "良" if score_sum >= 80 else "中",
        source=Source(file="generated.txt", lines=(1, 1)),
    )
    breaks = draw(st.lists(st.integers(0, count - 2), max_size=2, unique=True))
    return form, breaks


def _comparable(form: SelfEvaluation) -> SelfEvaluation:
    rows_ = tuple(r.model_copy(update={"lines": None}) for r in form.indicators)
    return form.model_copy(
        update={
            "indicators": rows_,
            "findings": (),
            "source": Source(file="generated.txt", lines=(1, 1)),
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_printed_form_parses_back_to_itself(case: tuple[SelfEvaluation, list[int]]) -> None:
    form, breaks = case
    text = print_spaced(form, breaks)
    result = parse_document(Document.from_text("generated.txt", text))
    assert result.layout == "spaced"
    assert len(result.forms) == 1
    parsed = result.forms[0]
    assert isinstance(parsed, SelfEvaluation)
    problems = [f for f in parsed.findings if f.severity != "info"]
    assert problems == [], text
    assert _comparable(parsed) == _comparable(form), text
