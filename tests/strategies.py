"""Hypothesis strategies for forms of every kind."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import strategies as st

from jixiao.model import (
    DepartmentAmounts,
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    DepartmentTask,
    Finding,
    FundRow,
    Funds,
    GradeBand,
    Indicator,
    LegacyInfo,
    LegacySelfEvaluation,
    Location,
    SelfEvaluation,
    Severity,
    Source,
    Spending,
    TargetDeclaration,
    TargetMeta,
)

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
TEXT = st.text(
    alphabet=st.one_of(CJK, st.sampled_from("0123456789abcXYZ%()（）≥≤=<>.,，。、 ")),
    min_size=1,
    max_size=40,
)
OPT_TEXT = st.none() | TEXT


def decimals(max_value: int = 10_000_000, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=0, max_value=max_value, places=places, allow_nan=False, allow_infinity=False
    )


OPT_DEC = st.none() | decimals()
LINES = st.tuples(st.integers(1, 5000), st.integers(0, 300)).map(lambda t: (t[0], t[0] + t[1]))

fund_rows = st.builds(
    FundRow,
    initial=OPT_DEC,
    adjusted=OPT_DEC,
    executed=OPT_DEC,
    weight=OPT_DEC,
    rate=OPT_DEC,
    score=OPT_DEC,
)
indicators = st.builds(
    Indicator,
    level1=OPT_TEXT,
    level2=OPT_TEXT,
    name=OPT_TEXT,
    target=OPT_TEXT,
    actual=OPT_TEXT,
    weight=OPT_DEC,
    score=OPT_DEC,
    note=OPT_TEXT,
    lines=st.none() | LINES,
)
findings = st.builds(
    Finding,
    code=st.from_regex(r"[PARQX][0-9]{3}", fullmatch=True),
    severity=st.sampled_from(list(Severity)),
    message=TEXT,
    location=st.builds(
        Location,
        file=OPT_TEXT,
        lines=st.none() | LINES,
        row=st.none() | st.integers(0, 50),
        field=OPT_TEXT,
    ),
    values=st.dictionaries(
        st.from_regex(r"[a-z]{1,8}", fullmatch=True),
        st.none() | TEXT | decimals() | st.integers(-1000, 1000),
        max_size=3,
    ),
)
sources = st.builds(Source, file=TEXT, lines=LINES)
_common = {
    "year": st.none() | st.integers(2000, 2100),
    "project": OPT_TEXT,
    "department": OPT_TEXT,
    "unit": OPT_TEXT,
    "money_unit": st.none() | st.sampled_from(["元", "万元"]),
    "indicators": st.lists(indicators, max_size=6).map(tuple),
    "source": sources,
    "findings": st.lists(findings, max_size=3).map(tuple),
}
funds_extra = st.dictionaries(TEXT, fund_rows, max_size=2)
"""Funding rows by printed label (财政专户管理资金, 单位资金 …)."""
self_evaluations = st.builds(
    SelfEvaluation,
    category=OPT_TEXT,
    funds=st.builds(
        Funds, total=fund_rows, appropriation=fund_rows, carryover=fund_rows, other=fund_rows
    ),
    funds_extra=funds_extra,
    goal_expected=OPT_TEXT,
    goal_actual=OPT_TEXT,
    total_weight=OPT_DEC,
    total_score=OPT_DEC,
    grade=OPT_TEXT,
    **_common,
)
legacy_self_evaluations = st.builds(
    LegacySelfEvaluation,
    goal_expected=OPT_TEXT,
    legacy=st.builds(
        LegacyInfo,
        budget=OPT_DEC,
        prior_year_budget=OPT_DEC,
        executed=OPT_DEC,
        rate=OPT_DEC,
        eval_date=OPT_TEXT,
        grade_stated=OPT_TEXT,
        recurring=st.none() | st.booleans(),
        division=OPT_TEXT,
        achievements=OPT_TEXT,
        problems=OPT_TEXT,
        improvements=OPT_TEXT,
        level1_weights=st.dictionaries(TEXT, decimals(100), max_size=4),
        grade_rule=st.lists(
            st.builds(GradeBand, grade=TEXT, min_score=decimals(100)), max_size=4
        ).map(tuple),
        remarks=OPT_TEXT,
    ),
    total_weight=OPT_DEC,
    total_score=OPT_DEC,
    grade=OPT_TEXT,
    **_common,
)
target_declarations = st.builds(
    TargetDeclaration,
    target_meta=st.builds(
        TargetMeta,
        category=OPT_TEXT,
        start=OPT_TEXT,
        end=OPT_TEXT,
        gov_purchase=st.none() | st.booleans(),
        perf_type=OPT_TEXT,
        overview=OPT_TEXT,
        basis=OPT_TEXT,
        necessity=OPT_TEXT,
        measures=OPT_TEXT,
        plan=OPT_TEXT,
        goal=OPT_TEXT,
        total_budget=OPT_DEC,
        current_budget=OPT_DEC,
        appropriation=OPT_DEC,
        carryover=OPT_DEC,
        other=OPT_DEC,
        prior_budget=OPT_DEC,
        prior_executed=OPT_DEC,
    ),
    **_common,
)
target_declarations_with_long_term = target_declarations.flatmap(
    lambda form: st.lists(indicators, min_size=1, max_size=3).map(
        lambda rows: form.model_copy(update={"long_term_indicators": tuple(rows)})
    )
)
tasks = st.builds(
    DepartmentTask,
    name=OPT_TEXT,
    content=OPT_TEXT,
    project=OPT_TEXT,
    status=OPT_TEXT,
    total=OPT_DEC,
    appropriation=OPT_DEC,
    other=OPT_DEC,
    lines=st.none() | LINES,
)
department_self_evaluations = st.builds(
    DepartmentSelfEvaluation,
    funds=st.builds(
        Funds, total=fund_rows, appropriation=fund_rows, carryover=fund_rows, other=fund_rows
    ),
    spending=st.builds(Spending, basic=fund_rows, project=fund_rows),
    funds_extra=funds_extra,
    tasks=st.lists(tasks, max_size=3).map(tuple),
    goal_expected=OPT_TEXT,
    goal_actual=OPT_TEXT,
    total_weight=OPT_DEC,
    total_score=OPT_DEC,
    grade=OPT_TEXT,
    **_common,
)
department_target_declarations = st.builds(
    DepartmentTargetDeclaration,
    tasks=st.lists(tasks, max_size=3).map(tuple),
    amounts=st.builds(DepartmentAmounts, total=OPT_DEC, appropriation=OPT_DEC, other=OPT_DEC),
    spending=st.builds(Spending, basic=fund_rows, project=fund_rows),
    goal=OPT_TEXT,
    **_common,
)
forms = st.one_of(self_evaluations, legacy_self_evaluations, target_declarations)
"""The project kinds (what every layer handled first)."""
all_forms = st.one_of(
    forms,
    target_declarations_with_long_term,
    department_self_evaluations,
    department_target_declarations,
)
"""Every kind, with and without the optional blocks."""


_GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))
_CENT = Decimal("0.01")


def _points(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


@st.composite
def consistent_self_evaluations(draw: st.DrawFn) -> SelfEvaluation:
    """A self-evaluation right by construction under ``mof2020``: weights sum to 100,
    every score is the computed one (or inside its tier's band), the rate is
    执行数 / 预算数, the budget score rate × 10, the total the sum and the grade its grade."""
    n = draw(st.integers(2, 8))
    cuts = sorted(draw(st.lists(st.integers(1, 89), min_size=n - 1, max_size=n - 1, unique=True)))
    weights = [Decimal(b - a) for a, b in zip([0, *cuts], [*cuts, 90], strict=True)]
    rows: list[Indicator] = []
    for i, w in enumerate(weights):
        level1 = "满意度指标" if i == n - 1 else draw(st.sampled_from(["产出指标", "效益指标"]))
        how = draw(st.sampled_from(["met", "missed", "tier"]))
        if how == "tier":
            target, actual = "健全", "达成指标"
            low = int(w * 80)  # hundredths of a point
            score = Decimal(draw(st.integers(low, int(w * 100)))) / 100
        else:
            t = draw(st.integers(2, 1000))
            a = draw(st.integers(t, 2 * t) if how == "met" else st.integers(1, t - 1))
            target, actual = f"≥{t}(人)", f"{a}.00(人)"
            score = w if how == "met" else _points(w * a / t)
        rows.append(
            Indicator(
                level1=level1,
                level2="质量指标" if how == "tier" else "数量指标",
                name=f"指标{i + 1}",
                target=target,
                actual=actual,
                weight=w.quantize(_CENT),
                score=score.quantize(_CENT),
                note=None if score == w else "部分未完成，下年改进",
                lines=(10 + i, 10 + i),
            )
        )
    adjusted = draw(decimals(1_000_000).filter(lambda d: d >= 100))
    executed = draw(decimals(1_000_000).filter(lambda d: d <= adjusted))
    rate = _points(executed / adjusted * 100)
    budget_score = _points(rate / 100 * 10)
    money = FundRow(initial=adjusted, adjusted=adjusted, executed=executed)
    zero = FundRow(initial=Decimal("0.00"), adjusted=Decimal("0.00"), executed=Decimal("0.00"))
    total_score = sum((r.score or Decimal(0) for r in rows), budget_score)
    return SelfEvaluation(
        year=2024,
        project="生成的项目",
        unit="生成的单位",
        money_unit="万元",
        funds=Funds(
            total=money.model_copy(
                update={"weight": Decimal("10.00"), "rate": rate, "score": budget_score}
            ),
            appropriation=money.model_copy(update={"rate": rate}),
            carryover=zero,
            other=zero,
        ),
        indicators=tuple(rows),
        total_weight=Decimal("100.00"),
        total_score=total_score,
        grade=next(g for low, g in _GRADES if total_score >= low),
        source=Source(file="generated.txt", lines=(1, 10 + n)),
    )
