"""The registry of per-form checks: a new check is one decorated function.

A check is a pure function ``(form, score, ruleset) -> Iterable[Finding]``: ``score`` is
the form scored under ``ruleset`` (:func:`jixiao.score.score_form`). Cross-form checks
look at all forms together and live in :mod:`jixiao.audit.cross_form`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from jixiao.model import Finding, Form
from jixiao.score.result import FormScore
from jixiao.score.ruleset import Ruleset

__all__ = ["Check", "all_checks", "form_check"]

Check = Callable[[Form, FormScore, Ruleset], Iterable[Finding]]
"""One audit check of one form."""

_FAMILIES = ("arithmetic", "arithmetic_department", "rules", "quality")
"""The modules whose checks register on import (cross-form checks run separately)."""

_CHECKS: list[Check] = []


def form_check(check: Check) -> Check:
    """Register ``check`` (use as a decorator); checks run in registration order."""
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def all_checks() -> tuple[Check, ...]:
    """Every registered check, after importing the check families."""
    for name in _FAMILIES:
        importlib.import_module(f"jixiao.audit.{name}")
    return tuple(_CHECKS)
