"""Hypothesis properties of scoring (DESIGN §9): bounds, sums, determinism, row order,
and the ruleset TOML round trip."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import Form, Funds, Indicator, SelfEvaluation, Source
from jixiao.score import FormScore, Ruleset, bundled_rulesets, load_ruleset, score_form
from jixiao.score.dumping import dump_ruleset
from jixiao.score.loading import parse_ruleset
from strategies import all_forms, decimals, fund_rows

OPS = ["", "=", "≥", ">=", ">", "≤", "<=", "<"]
UNITS = ["", "%", "(%)", "人", "(天)", "万元", "元", "件"]
TIERS = ["达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差"]
WORDS = ["健全", "及时", "规范", "是", "否", "年底前", "较上年增长"]

numbers = decimals(max_value=1000, places=2).map(lambda d: format(d, "f"))
quantities = st.builds(
    lambda o, n, u: f"{o}{n}{u}", st.sampled_from(OPS), numbers, st.sampled_from(UNITS)
)
cells = st.none() | quantities | st.sampled_from(TIERS + WORDS)
weights = decimals(max_value=60, places=2)
rows = st.builds(
    Indicator,
    name=st.sampled_from(["人数", "及时率", "满意度", "事故数"]),
    target=cells,
    actual=cells,
    weight=st.none() | weights,
    score=st.none() | decimals(max_value=70, places=2),
)
self_evaluations = st.builds(
    SelfEvaluation,
    source=st.just(Source(file="h.txt", lines=(1, 2))),
    funds=st.builds(Funds, total=fund_rows),
    indicators=st.lists(rows, max_size=12).map(tuple),
)
rulesets = st.sampled_from(bundled_rulesets()) | st.sampled_from(bundled_rulesets()).map(
    lambda r: r.model_copy(update={"reverse": r.reverse.model_copy(update={"formula": "linear"})})
)


def _check_bounds(result: FormScore) -> None:
    for row in result.rows:
        if row.method == "unscored":
            assert row.accepted is None and row.computed is None
            continue
        assert row.weight is not None
        if row.computed is not None:
            assert 0 <= row.computed <= row.weight
        if row.band_low is not None and row.band_high is not None:
            assert 0 <= row.band_low <= row.band_high <= row.weight
            assert row.accepted is not None
            assert row.band_low <= row.accepted <= row.band_high
        if row.accepted is not None:
            assert 0 <= row.accepted <= row.weight
    if result.budget is not None and result.budget.computed is not None:
        assert result.budget.weight is not None
        assert 0 <= result.budget.computed <= result.budget.weight


@settings(max_examples=80, deadline=None)
@given(self_evaluations, rulesets)
def test_scores_stay_within_weight(form: SelfEvaluation, ruleset: Ruleset) -> None:
    _check_bounds(score_form(form, ruleset))


@settings(max_examples=20, deadline=None)
@given(all_forms, rulesets)
def test_every_kind_of_form_scores_within_bounds(form: Form, ruleset: Ruleset) -> None:
    _check_bounds(score_form(form, ruleset))
    _check_total(form, ruleset)


@settings(max_examples=60, deadline=None)
@given(self_evaluations, rulesets)
def test_total_is_the_sum_of_the_rounded_parts(form: SelfEvaluation, ruleset: Ruleset) -> None:
    _check_total(form, ruleset)


def _check_total(form: Form, ruleset: Ruleset) -> None:
    """The total is the sum of the rounded parts, capped at the total weight; withheld
    (with what could be computed kept apart) exactly when it is incomplete."""
    result = score_form(form, ruleset)
    if form.kind.endswith("target_declaration"):
        assert result.total is None
        return
    unit = ruleset.rounding.unit
    parts = [r.accepted for r in result.rows if r.accepted is not None]
    for part in parts:
        assert part == part.quantize(unit)
    budget = result.budget
    budget_parts = {Decimal(0)}
    if budget is not None and budget.computed is not None:
        budget_parts.add(budget.computed)
    elif budget is not None and budget.reported is not None and budget.weight is not None:
        budget_parts.add(max(Decimal(0), min(budget.reported, budget.weight)))
    cap = _total_weight(form, ruleset)
    value = result.partial_total if result.incomplete else result.total
    assert (result.total is None) == (result.incomplete is not None)
    assert value is not None and 0 <= value <= cap
    assert value in {min(sum(parts, b), cap) for b in budget_parts}
    if result.total is None:
        assert result.grade is None and result.reported_above is None
        return
    assert result.grade == ruleset.grade_for(result.total) or form.kind == "legacy_self_evaluation"


def _total_weight(form: Form, ruleset: Ruleset) -> Decimal:
    printed = getattr(form, "total_weight", None)
    return printed if printed is not None and printed > 0 else ruleset.full_marks


@settings(max_examples=50, deadline=None)
@given(self_evaluations, rulesets)
def test_scoring_is_deterministic(form: SelfEvaluation, ruleset: Ruleset) -> None:
    assert score_form(form, ruleset) == score_form(form, ruleset)


@settings(max_examples=60, deadline=None)
@given(self_evaluations, rulesets, st.randoms(use_true_random=False))
def test_row_order_does_not_matter(form: SelfEvaluation, ruleset: Ruleset, rnd: object) -> None:
    shuffled = list(form.indicators)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a = score_form(form, ruleset)
    b = score_form(form.model_copy(update={"indicators": tuple(shuffled)}), ruleset)
    assert a.total == b.total and a.grade == b.grade and a.budget == b.budget

    def bag(result: FormScore) -> Counter[str]:
        return Counter(r.model_dump_json(exclude={"position"}) for r in result.rows)

    assert bag(a) == bag(b)


switches = st.fixed_dictionaries(
    {
        "budget": st.builds(dict, weight=decimals(30, 1), cap=st.booleans()),
        "reverse": st.builds(dict, formula=st.sampled_from(["ratio", "linear"])),
        "rounding": st.builds(
            dict, places=st.integers(0, 4), mode=st.sampled_from(["half_up", "half_even", "down"])
        ),
        "tolerance": st.builds(dict, points=decimals(1, 3), rate=decimals(1, 3)),
    }
)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(bundled_rulesets()), switches)
def test_ruleset_toml_round_trip(base: Ruleset, changes: dict[str, dict[str, object]]) -> None:
    data = base.model_dump(mode="python")
    for section, values in changes.items():
        data[section] = {**data[section], **values}
    ruleset = Ruleset.model_validate(data)
    assert parse_ruleset(dump_ruleset(ruleset), "rt.toml") == ruleset


def test_bundled_rulesets_round_trip() -> None:
    for ruleset in bundled_rulesets():
        assert parse_ruleset(dump_ruleset(ruleset), "rt.toml") == ruleset
    assert load_ruleset("mof2020") == bundled_rulesets()[0]
