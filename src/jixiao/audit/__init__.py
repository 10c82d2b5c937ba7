"""Audit (DESIGN §7): pure checks yielding findings from the one catalogue of codes.

Families: ``A`` arithmetic (:mod:`.arithmetic`), ``R`` scoring rules (:mod:`.rules`),
``Q`` target quality (:mod:`.quality`), ``X`` cross-form (:mod:`.cross_form`). Per-form
checks register with :func:`form_check`; :func:`review` scores and audits forms (the
shells reach it through :func:`jixiao.service.review_forms`).
"""

from jixiao.audit.cross_form import CROSS_FORM_CODES, cross_form_findings
from jixiao.audit.registry import Check, UndeclaredCodeError, all_checks, form_check
from jixiao.audit.review import AUDIT_FAMILIES, Report, Reviewed, audit_form, matches, review

__all__ = [
    "AUDIT_FAMILIES",
    "CROSS_FORM_CODES",
    "Check",
    "Report",
    "Reviewed",
    "UndeclaredCodeError",
    "all_checks",
    "audit_form",
    "cross_form_findings",
    "form_check",
    "matches",
    "review",
]
