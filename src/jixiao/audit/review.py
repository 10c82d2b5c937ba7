"""``review``: score and audit forms — the one entry point of the CLI, importer and web.

Each form keeps its parse findings (``P``); the audit findings (``A``, ``R``, ``Q``,
``X``) are computed afresh, so reviewing a reviewed form gives the same result. Every
finding gets the form's project and year (and its row's indicator name) in its values.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from jixiao.audit.cross_form import cross_form_findings
from jixiao.audit.locate import with_context
from jixiao.audit.registry import all_checks
from jixiao.errors import UsageError
from jixiao.model import CODES, Finding, Form
from jixiao.score import FormScore, Ruleset, ruleset_for, score_form

__all__ = ["AUDIT_FAMILIES", "Reviewed", "audit_form", "matches", "review"]

AUDIT_FAMILIES = frozenset("ARQX")
"""The finding families the audit computes (``P`` comes from parsing)."""


@dataclass(frozen=True)
class Reviewed:
    """A form with its findings brought up to date, and its score under its ruleset."""

    form: Form
    score: FormScore


def matches(code: str, patterns: Collection[str]) -> bool:
    """Whether ``code`` is named by one of ``patterns`` (a code or a prefix: ``R``, ``A00``)."""
    return any(code.startswith(p) for p in patterns)


def audit_form(form: Form, score: FormScore, ruleset: Ruleset) -> list[Finding]:
    """The per-form audit findings of ``form`` (every registered check, in order)."""
    return [item for check in all_checks() for item in check(form, score, ruleset)]


def review(
    forms: Sequence[Form],
    ruleset: Ruleset | None = None,
    *,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
) -> list[Reviewed]:
    """Score every form (under ``ruleset``, else the one made for its kind) and replace
    its audit findings; cross-form checks see all ``forms`` together.

    ``select`` keeps only the findings whose code starts with one of its entries,
    ``ignore`` drops them (parse findings included). An entry naming no catalogue code
    raises :class:`~jixiao.errors.UsageError`.
    """
    select, ignore = _patterns(select), _patterns(ignore)
    base = [
        f.model_copy(
            update={"findings": tuple(x for x in f.findings if x.code[:1] not in AUDIT_FAMILIES)}
        )
        for f in forms
    ]
    cross = cross_form_findings(base, ruleset)
    out: list[Reviewed] = []
    for form, extra in zip(base, cross, strict=True):
        rs = ruleset_for(form, ruleset)
        score = score_form(form, rs)
        found = [*audit_form(form, score, rs), *extra]
        found.sort(key=lambda f: (-1 if f.location.row is None else f.location.row, f.code))
        kept = [
            with_context(f, form)
            for f in (*form.findings, *found)
            if (not select or matches(f.code, select)) and not matches(f.code, ignore)
        ]
        out.append(Reviewed(form.model_copy(update={"findings": tuple(kept)}), score))
    return out


def _patterns(entries: Collection[str]) -> tuple[str, ...]:
    cleaned = tuple(e.strip().upper() for e in entries if e.strip())
    unknown = [p for p in cleaned if not any(code.startswith(p) for code in CODES)]
    if unknown:
        raise UsageError(
            f"未知的审核发现编号：{'、'.join(unknown)}（用 jixiao codes 查看全部编号）"
        )
    return cleaned
