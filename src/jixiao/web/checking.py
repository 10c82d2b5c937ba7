"""Scoring and auditing forms that are not stored (yet): the 导入 preview and 填报.

:func:`check_forms` scores each form under its ruleset and runs the audit, the same
functions ``jixiao score`` / ``jixiao audit`` call, and keeps what a page shows: the
:class:`~jixiao.score.result.FormScore` and every finding (parse findings included),
with counts by severity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.audit import review
from jixiao.model import Finding, Form, Severity
from jixiao.score.result import FormScore

__all__ = ["Checked", "check_forms"]


@dataclass(frozen=True)
class Checked:
    """A form with its computed score and all its findings (errors first)."""

    form: Form
    score: FormScore
    findings: tuple[Finding, ...]

    def count(self, severity: str) -> int:
        """How many findings of ``severity`` (``error`` / ``warning`` / ``info``)."""
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def infos(self) -> int:
        return self.count(Severity.INFO)


def check_forms(forms: Sequence[Form]) -> list[Checked]:
    """Score and audit ``forms`` (cross-form checks see them together)."""
    out = []
    for reviewed in review(forms):
        findings = sorted(reviewed.form.findings, key=lambda f: f.severity.rank)
        out.append(Checked(reviewed.form, reviewed.score, tuple(findings)))
    return out
