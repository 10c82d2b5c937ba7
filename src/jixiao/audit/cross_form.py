"""X: checks across the forms given together (or across a whole database).

- X001 budget executed at (near) 0 % while every output indicator has full marks;
- X002 全年预算数 far from 年初预算数 with no word about the change;
- X003 / X005 a self-evaluation whose targets differ from (or lack) those of the target
  declaration of the same project and year (a department's: the same department);
- X004 the same project of the same unit (or the same department) in several years:
  score and execution trend;
- X006 the prior-year budget / execution a form states against that year's self-evaluation;
- X007 a target declaration whose quantity targets are all far below last year's actuals
  (:mod:`jixiao.audit.cross_targets`).

X001 and X002 look at one form but read the funds against the indicators, so they live
here with the other cross-checks; :func:`cross_form_findings` runs them all.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from jixiao.audit.cross_targets import declared_below_last_year, last_years_evaluations
from jixiao.audit.locate import form_location, row_location
from jixiao.audit.precision import unit_of
from jixiao.model import (
    Declaration,
    Finding,
    Form,
    FundedEvaluation,
    LegacySelfEvaluation,
    SelfEvaluation,
    TargetDeclaration,
    finding,
)
from jixiao.model.keys import ProjectIdentity, project_identity, text_key
from jixiao.model.number import in_arithmetic
from jixiao.score.explain import number
from jixiao.score.loading import ruleset_for
from jixiao.score.ruleset import Ruleset

__all__ = ["CROSS_FORM_CODES", "cross_form_findings", "same_text"]

CROSS_FORM_CODES = frozenset({"X001", "X002", "X003", "X004", "X005", "X006", "X007"})
"""The codes :func:`cross_form_findings` can raise (a review refuses any other)."""

_EXPLAINED = re.compile(r"调整|调减|调增|追加|追减|压减|核减|收回|调剂|预算调|调回|统筹")


@in_arithmetic
def cross_form_findings(
    forms: Sequence[Form],
    ruleset: Ruleset | None = None,
    *,
    rulesets: Sequence[Ruleset | None] | None = None,
) -> list[list[Finding]]:
    """The X findings of each of ``forms`` (one list per form, in order), each form
    under ``rulesets[i]`` when given, else ``ruleset``, else the one made for its kind."""
    chosen = rulesets if rulesets is not None else [ruleset] * len(forms)
    out: list[list[Finding]] = []
    used = [ruleset_for(form, own) for form, own in zip(forms, chosen, strict=True)]
    for form, rs in zip(forms, used, strict=True):
        out.append([*_idle_budget(form, rs), *_budget_change(form, rs)])
    for i, j in _declarations(forms):
        out[i].extend(_against_declaration(forms[i], forms[j]))
    for i, prev in _previous_years(forms):
        out[i].extend(_trend(forms[i], forms[prev]))
    for i, prev in _stated_prior_years(forms):
        out[i].extend(_prior_figures(forms[i], forms[prev]))
    for i, prev in last_years_evaluations(forms):
        out[i].extend(declared_below_last_year(forms[i], forms[prev], used[i]))
    return out


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two cells say the same, ignoring width, spaces, brackets and punctuation
    (``≥90(%)`` and ``≥90%`` agree)."""
    return text_key(a) == text_key(b)


def _idle_budget(form: Form, ruleset: Ruleset) -> Iterator[Finding]:
    if not isinstance(form, FundedEvaluation):
        return
    total = form.funds.total
    rate = total.rate
    if rate is None and total.executed is not None and total.adjusted:
        rate = ruleset.rounding.rate(total.executed / total.adjusted * 100)
    if rate is None or rate > ruleset.audit.near_zero_rate:
        return
    outputs = [r for r in form.indicators if r.level1 and "产出" in r.level1]
    if outputs and all(
        r.weight is not None and r.score is not None and r.score >= r.weight > 0 for r in outputs
    ):
        yield finding(
            "X001", form_location(form, "funds.total.rate"), rate=rate, count=len(outputs)
        )


def _budget_change(form: Form, ruleset: Ruleset) -> Iterator[Finding]:
    if not isinstance(form, FundedEvaluation):
        return
    initial, adjusted = form.funds.total.initial, form.funds.total.adjusted
    if initial is None or adjusted is None or initial <= 0:
        return
    ratio = abs(adjusted - initial) / initial
    percent = (ratio * 100).quantize(Decimal("0.1"))
    limit = ruleset.audit.budget_far_ratio * 100
    if percent <= limit:  # as printed in the message: 「相差 20.0%」 is not beyond 20 %
        return
    texts = [form.goal_actual, form.goal_expected, *(r.note for r in form.indicators)]
    if any(t and _EXPLAINED.search(t) for t in texts):
        return
    yield finding(
        "X002",
        form_location(form, "funds.total.adjusted"),
        adjusted=adjusted,
        initial=initial,
        money=f" {form.money_unit}" if form.money_unit else "",
        change="调减" if adjusted < initial else "调增",
        ratio=percent,
        limit=number(limit),
    )


def _key(form: Form) -> ProjectIdentity | None:
    """(project, unit) as compared (:func:`~jixiao.model.keys.project_identity`)."""
    return project_identity(form.kind, form.project, form.unit, form.department)


def _declarations(forms: Sequence[Form]) -> Iterator[tuple[int, int]]:
    """(self-evaluation, target declaration) index pairs of the same project and year."""
    declared: dict[tuple[str, int], list[int]] = {}
    for j, form in enumerate(forms):
        key = _key(form)
        if isinstance(form, Declaration) and key and form.year:
            declared.setdefault((key[0], form.year), []).append(j)
    for i, form in enumerate(forms):
        key = _key(form)
        if isinstance(form, FundedEvaluation) and key and form.year:
            for j in declared.get((key[0], form.year), []):
                unit = text_key(forms[j].unit)
                if not unit or not key[1] or unit == key[1]:
                    yield i, j
                    break


def _against_declaration(form: Form, declared: Form) -> Iterator[Finding]:
    rows = {text_key(r.name): r for r in declared.indicators if r.name}
    seen: set[str] = set()
    for i, ind in enumerate(form.indicators):
        name = text_key(ind.name)
        match = rows.get(name)
        if match is None:
            continue
        seen.add(name)
        if ind.target and match.target and not same_text(ind.target, match.target):
            yield finding(
                "X003",
                row_location(form, i, "target"),
                indicator=ind.name,
                target=ind.target,
                declared=match.target,
                declaration=declared.source.file,
            )
    for name, row in rows.items():
        if name not in seen:
            yield finding(
                "X005",
                form_location(form, "indicators"),
                indicator=row.name,
                declared=row.target,
                declaration=declared.source.file,
            )


def _previous_years(forms: Sequence[Form]) -> Iterator[tuple[int, int]]:
    """(form, the same project's latest earlier self-evaluation) index pairs."""
    years: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for i, form in enumerate(forms):
        key = _key(form)
        if isinstance(form, FundedEvaluation | LegacySelfEvaluation) and key and form.year:
            years.setdefault(key, []).append((form.year, i))
    for entries in years.values():
        entries.sort()
        for (y0, i0), (y1, i1) in itertools.pairwise(entries):
            if y1 > y0:
                yield i1, i0


def _rate(form: Form) -> Decimal | None:
    if isinstance(form, FundedEvaluation):
        return form.funds.total.rate
    if isinstance(form, LegacySelfEvaluation):
        return form.legacy.rate
    return None


def _trend(form: Form, prev: Form) -> Iterator[Finding]:
    assert isinstance(form, FundedEvaluation | LegacySelfEvaluation)
    assert isinstance(prev, FundedEvaluation | LegacySelfEvaluation)
    yield finding(
        "X004",
        form_location(form, "total_score"),
        prev_year=prev.year,
        prev_score=prev.total_score,
        prev_rate=_rate(prev),
        year=form.year,
        score=form.total_score,
        rate=_rate(form),
        previous=prev.source.file,
    )


_YUAN = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000)}


def _stated_prior_years(forms: Sequence[Form]) -> Iterator[tuple[int, int]]:
    """(form stating prior-year figures, the same project's self-evaluation of that year)."""
    evaluations: dict[tuple[tuple[str, str], int], int] = {}
    for j, form in enumerate(forms):
        key = _key(form)
        if isinstance(form, SelfEvaluation | LegacySelfEvaluation) and key and form.year:
            evaluations.setdefault((key, form.year), j)
    for i, form in enumerate(forms):
        key = _key(form)
        if isinstance(form, TargetDeclaration | LegacySelfEvaluation) and key and form.year:
            prev = evaluations.get((key, form.year - 1))
            if prev is not None:
                yield i, prev


def _prior_figures(form: Form, prev: Form) -> Iterator[Finding]:
    if isinstance(form, TargetDeclaration):
        stated = [
            ("target_meta.prior_budget", "上年预算数", form.target_meta.prior_budget),
            ("target_meta.prior_executed", "上年预算执行数", form.target_meta.prior_executed),
        ]
    elif isinstance(form, LegacySelfEvaluation):
        stated = [("legacy.prior_year_budget", "上年预算金额", form.legacy.prior_year_budget)]
    else:
        return
    if isinstance(prev, SelfEvaluation):
        row = prev.funds.total
        budgets, executed = [row.adjusted, row.initial], row.executed
    elif isinstance(prev, LegacySelfEvaluation):
        budgets, executed = [prev.legacy.budget], prev.legacy.executed
    else:
        return
    here, there = _YUAN.get(form.money_unit or ""), _YUAN.get(prev.money_unit or "")
    if here is None or there is None:
        return
    if isinstance(form, TargetDeclaration) and stated[0][2] == stated[1][2]:
        # declared before the prior year closed: the 执行数 repeats the budget
        stated = stated[:1]
    for field, what, value in stated:
        candidates = [c for c in ([executed] if "executed" in field else budgets) if c]
        if value is None or not candidates:
            continue
        if any(_same_amount(value, here, c, there) for c in candidates):
            continue
        known = [c * there / here for c in candidates]
        yield finding(
            "X006",
            form_location(form, field),
            what=what,
            stated=value,
            prev_year=prev.year,
            actual=known[0],
            diff=value - known[0],
            previous=prev.source.file,
        )


def _same_amount(a: Decimal, a_unit: Decimal, b: Decimal, b_unit: Decimal) -> bool:
    """Whether two amounts (in units worth ``a_unit`` / ``b_unit`` yuan) agree to the
    precision the coarser of them is printed with."""
    slack = max(unit_of(a) * a_unit, unit_of(b) * b_unit) / 2
    return abs(a * a_unit - b * b_unit) <= slack
