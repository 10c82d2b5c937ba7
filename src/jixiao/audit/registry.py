"""The registry of per-form checks: a new check is one decorated function.

A check is a pure function ``(form, score, ruleset) -> Iterable[Finding]``: ``score`` is
the form scored under ``ruleset`` (:func:`jixiao.score.score_form`). It declares the
catalogue codes it can raise (``@form_check("A001", "A002")``); raising another is a
programming error. Cross-form checks look at all forms together and live in
:mod:`jixiao.audit.cross_form`. An installed package adds checks through the entry-point
group ``jixiao.checks`` (:mod:`jixiao.plugins`): a module whose checks register with
:func:`form_check` when it is imported, or a :class:`Check`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType

from jixiao.model import CODES, Finding, Form, is_audit_code
from jixiao.plugins import plugins
from jixiao.score.result import FormScore
from jixiao.score.ruleset import Ruleset

__all__ = ["Check", "CheckFunction", "UndeclaredCodeError", "all_checks", "form_check"]

CheckFunction = Callable[[Form, FormScore, Ruleset], Iterable[Finding]]
"""The function of one audit check of one form."""

_BUILT_IN = ("arithmetic", "arithmetic_department", "rules", "quality", "target_level")
"""The modules whose checks register on import (cross-form checks run separately)."""


class UndeclaredCodeError(RuntimeError):
    """A check raised a code it did not declare (a bug in the check)."""


@dataclass(frozen=True)
class Check:
    """One audit check of one form: its name, the codes it can raise and its function."""

    name: str
    codes: frozenset[str]
    run: CheckFunction

    def __post_init__(self) -> None:
        wrong = sorted(c for c in self.codes if c not in CODES or not is_audit_code(c))
        if wrong or not self.codes:
            raise ValueError(f"check {self.name} declares no audit codes or unknown {wrong}")

    def __call__(self, form: Form, score: FormScore, ruleset: Ruleset) -> list[Finding]:
        """The findings of ``form``; :class:`UndeclaredCodeError` if one is not declared."""
        found = list(self.run(form, score, ruleset))
        stray = sorted({f.code for f in found} - self.codes)
        if stray:
            raise UndeclaredCodeError(f"check {self.name} raised undeclared {stray}")
        return found


_CHECKS: list[Check] = []


def form_check(*codes: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register the decorated function as a check raising ``codes``; checks run in
    registration order (the built-in ones first, then the plug-ins)."""

    def register(run: CheckFunction) -> CheckFunction:
        name = f"{run.__module__}.{run.__qualname__}"
        if all(c.name != name for c in _CHECKS):
            _CHECKS.append(Check(name, frozenset(codes), run))
        return run

    return register


def all_checks() -> tuple[Check, ...]:
    """Every check: the built-in ones (importing their modules registers them), then
    those of the entry-point group ``jixiao.checks``, in registration order."""
    for module in _BUILT_IN:
        importlib.import_module(f"jixiao.audit.{module}")
    given = [p for _, p in plugins("jixiao.checks", (ModuleType, Check)) if isinstance(p, Check)]
    return (*_CHECKS, *(c for c in given if c not in _CHECKS))
