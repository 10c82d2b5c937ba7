"""``review``: score and audit forms — the one audit step of :mod:`jixiao.service`'s pipeline.

A review returns each form as read beside a :class:`Report` of its findings: the parse
findings the form carries, then the audit findings (families whose stage is ``audit``,
:data:`~jixiao.model.AUDIT_FAMILIES`) computed afresh, so reviewing a reviewed form gives
the same result. Every finding gets the form's project and year (and its row's indicator
name) in its values. :meth:`Reviewed.published` is the form carrying its report, as the
JSON output and the store keep it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from jixiao.audit.cross_form import CROSS_FORM_CODES, cross_form_findings
from jixiao.audit.locate import with_context
from jixiao.audit.registry import Check, UndeclaredCodeError, all_checks
from jixiao.errors import UsageError
from jixiao.model import AUDIT_FAMILIES, CODES, Finding, Form, is_audit_code
from jixiao.model.number import in_arithmetic
from jixiao.score import FormScore, Ruleset, ruleset_for, score_form

__all__ = ["AUDIT_FAMILIES", "Report", "Reviewed", "audit_form", "matches", "review"]


@dataclass(frozen=True)
class Report:
    """The findings of one reviewed form: its parse findings as read, then the audit
    findings computed now (by row, then code), each with the form's project and year."""

    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Reviewed:
    """A form as read (its own findings are its parse findings), its score under its
    ruleset, and the report of its findings beside it."""

    form: Form
    score: FormScore
    report: Report

    @classmethod
    def stored(cls, form: Form, score: FormScore) -> Reviewed:
        """A form stored with its findings and score (the store keeps them together)."""
        parsed = tuple(f for f in form.findings if not is_audit_code(f.code))
        return cls(form.model_copy(update={"findings": parsed}), score, Report(form.findings))

    def published(self) -> Form:
        """The form carrying its report, as the interchange format and the store keep it."""
        return self.form.model_copy(update={"findings": self.report.findings})


def matches(code: str, patterns: Collection[str]) -> bool:
    """Whether ``code`` is named by one of ``patterns`` (a code or a prefix: ``R``, ``A00``)."""
    return any(code.startswith(p) for p in patterns)


def audit_form(
    form: Form, score: FormScore, ruleset: Ruleset, checks: Sequence[Check] | None = None
) -> list[Finding]:
    """The per-form audit findings of ``form`` (every check, in order)."""
    return [item for check in checks or all_checks() for item in check(form, score, ruleset)]


@in_arithmetic
def review(
    forms: Sequence[Form],
    ruleset: Ruleset | None = None,
    *,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
) -> list[Reviewed]:
    """Score every form (under ``ruleset``, else the one made for its kind) and audit
    it afresh; cross-form checks see all ``forms`` together. Each comes back as read
    (audit findings it was given dropped) with its score and its :class:`Report`.

    ``select`` keeps only the findings whose code starts with one of its entries,
    ``ignore`` drops them (parse findings included). An entry naming no catalogue code
    raises :class:`~jixiao.errors.UsageError`.
    """
    select, ignore = _patterns(select), _patterns(ignore)
    base = [
        f.model_copy(update={"findings": tuple(x for x in f.findings if not is_audit_code(x.code))})
        for f in forms
    ]
    checks = all_checks()
    cross = cross_form_findings(base, ruleset)
    out: list[Reviewed] = []
    for form, extra in zip(base, cross, strict=True):
        rs = ruleset_for(form, ruleset)
        score = score_form(form, rs)
        found = [*audit_form(form, score, rs, checks), *_declared(extra)]
        found.sort(key=lambda f: (-1 if f.location.row is None else f.location.row, f.code))
        kept = [
            with_context(f, form)
            for f in (*form.findings, *found)
            if (not select or matches(f.code, select)) and not matches(f.code, ignore)
        ]
        out.append(Reviewed(form, score, Report(tuple(kept))))
    return out


def _declared(found: list[Finding]) -> list[Finding]:
    stray = sorted({f.code for f in found} - CROSS_FORM_CODES)
    if stray:
        raise UndeclaredCodeError(f"cross-form checks raised undeclared {stray}")
    return found


def _patterns(entries: Collection[str]) -> tuple[str, ...]:
    cleaned = tuple(e.strip().upper() for e in entries if e.strip())
    unknown = [p for p in cleaned if not any(code.startswith(p) for code in CODES)]
    if unknown:
        raise UsageError(
            f"未知的审核发现编号：{'、'.join(unknown)}（用 jixiao codes 查看全部编号）"
        )
    return cleaned
