"""Properties of the audit: a form right by construction has no A/R error, and breaking
one number by δ gives exactly the expected error at that row or field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jixiao.audit import review
from jixiao.audit.rules import lenient_margin
from jixiao.model import Finding, FundRow, SelfEvaluation, is_audit_code
from jixiao.score import load_ruleset
from strategies import all_forms, consistent_self_evaluations

_RULES = load_ruleset("mof2020")
DELTAS = st.decimals(min_value=1, max_value=40, places=2)


Key = tuple[str, int | None, str | None]


def _errors(form: SelfEvaluation) -> set[Key]:
    reviewed = review([form])[0].published()
    return {
        (f.code, f.location.row, f.location.field)
        for f in reviewed.findings
        if f.severity == "error" and f.code[0] in "AR"
    }


@settings(max_examples=60, deadline=None)
@given(consistent_self_evaluations())
def test_a_consistent_form_has_no_arithmetic_or_rule_error(form: SelfEvaluation) -> None:
    assert _errors(form) == set()


@settings(max_examples=60, deadline=None)
@given(consistent_self_evaluations(), st.data())
def test_raising_a_row_score_is_flagged_at_that_row(
    form: SelfEvaluation, data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(form.indicators) - 1))
    delta = data.draw(DELTAS)
    row = form.indicators[i]
    assert row.score is not None and row.weight is not None
    new = row.score + delta
    rows = list(form.indicators)
    rows[i] = row.model_copy(update={"score": new})
    broken = form.model_copy(update={"indicators": tuple(rows)})
    field = f"indicators.{i}.score"
    expected: set[Key] = {("A001", None, "total_score")}
    qualitative = row.target == "健全"  # band: up to the full weight
    # A qualitative row is lenient once above its band by more than the tolerance
    # (5.01 for a band up to 5 is within it); A006 counts any point above the weight.
    if not qualitative or new - row.weight > lenient_margin(_RULES):
        expected.add(("R002" if qualitative else "R001", i, field))
    if new > row.weight:
        expected.add(("A006", i, field))
    assert _errors(broken) == expected


@settings(max_examples=60, deadline=None)
@given(consistent_self_evaluations(), st.data())
def test_lowering_a_row_score_breaks_only_the_sum(
    form: SelfEvaluation, data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(form.indicators) - 1))
    row = form.indicators[i]
    top = row.score
    assert top is not None
    assume(top >= 1)
    delta = data.draw(st.decimals(min_value=1, max_value=top, places=2))
    rows = list(form.indicators)
    rows[i] = row.model_copy(update={"score": top - delta})
    broken = form.model_copy(update={"indicators": tuple(rows)})
    assert _errors(broken) == {("A001", None, "total_score")}


@settings(max_examples=60, deadline=None)
@given(consistent_self_evaluations(), DELTAS, st.booleans())
def test_a_wrong_total_is_flagged_with_its_grade(
    form: SelfEvaluation, delta: Decimal, up: bool
) -> None:
    assert form.total_score is not None
    total = form.total_score + (delta if up else -delta)
    broken = form.model_copy(update={"total_score": total})
    expected: set[Key] = {("A001", None, "total_score")}
    if total >= 0 and _RULES.grade_for(total) != form.grade:
        expected.add(("R004", None, "grade"))
    if total < 0:
        expected = _errors(broken)  # a negative total: whatever else, A001 must be there
    assert ("A001", None, "total_score") in _errors(broken)
    assert _errors(broken) == expected


@settings(max_examples=60, deadline=None)
@given(consistent_self_evaluations(), st.decimals(min_value=2, max_value=40, places=2))
def test_a_wrong_rate_is_flagged_on_the_rate(form: SelfEvaluation, delta: Decimal) -> None:
    """δ ≥ 2 points: a whole-percent rate may be off by one (it may be printed rounded)."""
    total = form.funds.total
    assert total.rate is not None
    rate = total.rate - delta if total.rate - delta >= 0 else total.rate + delta
    funds = form.funds.model_copy(update={"total": total.model_copy(update={"rate": rate})})
    broken = form.model_copy(update={"funds": funds})
    assert _errors(broken) == {("A003", None, "funds.total.rate")}


@settings(max_examples=60, deadline=None)
@given(consistent_self_evaluations(), st.data())
def test_a_wrong_weight_breaks_the_weight_sum(form: SelfEvaluation, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(form.indicators) - 1))
    delta = data.draw(DELTAS)
    row = form.indicators[i]
    assert row.weight is not None
    rows = list(form.indicators)
    rows[i] = row.model_copy(update={"weight": row.weight + delta})
    broken = form.model_copy(update={"indicators": tuple(rows)})
    assert _errors(broken) == {("A002", None, "total_weight")}


@settings(max_examples=60, deadline=None)
@given(consistent_self_evaluations(), st.data())
def test_a_sub_row_off_the_total_is_flagged(form: SelfEvaluation, data: st.DataObject) -> None:
    delta = data.draw(DELTAS)
    carry = FundRow(initial=delta, adjusted=Decimal("0.00"), executed=Decimal("0.00"))
    broken = form.model_copy(update={"funds": form.funds.model_copy(update={"carryover": carry})})
    assert _errors(broken) == {("A005", None, "funds.total.initial")}


def _audit_codes(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if is_audit_code(f.code)]


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(st.lists(all_forms, max_size=4))
def test_review_is_idempotent_and_total(batch: list[SelfEvaluation]) -> None:
    """Any form (even nonsense) is reviewed without error; reviewing again changes nothing;
    parse findings are kept."""
    once = [r.published() for r in review(batch)]
    twice = [r.published() for r in review(once)]
    assert once == twice
    for before, after in zip(batch, once, strict=True):
        kept = [f.code for f in after.findings if not is_audit_code(f.code)]
        assert kept == [f.code for f in before.findings if not is_audit_code(f.code)]
        for f in _audit_codes(after.findings):
            assert f.values.get("project", "absent") == before.project
