"""Hypothesis strategies for forms of all three kinds."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from jixiao.model import (
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
self_evaluations = st.builds(
    SelfEvaluation,
    funds=st.builds(
        Funds, total=fund_rows, appropriation=fund_rows, carryover=fund_rows, other=fund_rows
    ),
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
        prior_budget=OPT_DEC,
        prior_executed=OPT_DEC,
    ),
    **_common,
)
forms = st.one_of(self_evaluations, legacy_self_evaluations, target_declarations)
