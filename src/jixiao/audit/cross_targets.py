"""X007: a target declaration whose quantity targets are all far below what the same
project did the year before (its self-evaluation's 实际完成值), when both are given
together or stored — the declaration's counterpart of Q006."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from jixiao.audit.locate import form_location
from jixiao.audit.target_level import times_over
from jixiao.model import Declaration, Finding, Form, FundedEvaluation, finding
from jixiao.model.keys import ProjectIdentity, project_identity, text_key
from jixiao.score.explain import number
from jixiao.score.ruleset import Ruleset

__all__ = ["declared_below_last_year", "last_years_evaluations"]

_EXAMPLES = 3


def _key(form: Form) -> ProjectIdentity | None:
    return project_identity(form.kind, form.project, form.unit, form.department)


def last_years_evaluations(forms: Sequence[Form]) -> Iterator[tuple[int, int]]:
    """(target declaration, the same project's self-evaluation of the year before)."""
    evaluations: dict[tuple[ProjectIdentity, int], int] = {}
    for j, form in enumerate(forms):
        key = _key(form)
        if isinstance(form, FundedEvaluation) and key and form.year:
            evaluations.setdefault((key, form.year), j)
    for i, form in enumerate(forms):
        key = _key(form)
        if isinstance(form, Declaration) and key and form.year:
            prev = evaluations.get((key, form.year - 1))
            if prev is not None:
                yield i, prev


def declared_below_last_year(declared: Form, prev: Form, ruleset: Ruleset) -> Iterator[Finding]:
    """X007 when every quantity target of ``declared`` that can be set against the
    actual of the same indicator in ``prev`` is ``target_low_ratio`` times below it."""
    actuals = {text_key(r.name): r.parsed_actual for r in prev.indicators if r.name}
    limit = ruleset.audit.target_low_ratio
    compared: list[tuple[bool, str]] = []
    for row in declared.indicators:
        actual = actuals.get(text_key(row.name)) if row.name else None
        ratio = times_over(row.parsed_target, actual)
        if ratio is None or actual is None:
            continue
        said = f"「{row.name}」指标值 {row.target}，上年实际 {actual.text}"
        compared.append((ratio >= limit, said))
    if not compared or not all(low for low, _ in compared):
        return
    examples = "；".join(said for _, said in compared[:_EXAMPLES])
    if len(compared) > _EXAMPLES:
        examples += " 等"
    yield finding(
        "X007",
        form_location(declared, "indicators"),
        count=len(compared),
        prev_year=prev.year,
        limit=number(limit),
        examples=examples,
        previous=prev.source.file,
    )
