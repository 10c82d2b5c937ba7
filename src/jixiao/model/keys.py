"""How texts and projects are compared across forms: one key, used by the cross-form
checks, the store's ``project_key`` column and every lookup of "the same project"."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ProjectIdentity", "form_identity", "project_identity", "project_key", "text_key"]

ProjectIdentity = tuple[str, str]
"""``(name, unit)`` keys of a form's project (:func:`project_identity`)."""

_DEPARTMENT = "部门整体："
_IGNORED = re.compile(r"[\s。，,；;：:()]")
_TRAILING_PROJECT = re.compile(r"(项目)+$")


def text_key(text: str | None) -> str:
    """``text`` as forms are compared: width folded, spaces, brackets and punctuation
    removed (``≥90(%)`` and ``≥90%`` agree; project names match on this key)."""
    folded = unicodedata.normalize("NFKC", text or "")
    folded = folded.replace("≥", ">=").replace("≤", "<=")
    return _IGNORED.sub("", folded)


def project_key(project: str | None) -> str | None:
    """The key of a project's name (:func:`text_key`); ``None`` for a form without one."""
    return text_key(project) if project else None


def project_identity(
    kind: str, project: str | None, unit: str | None, department: str | None
) -> ProjectIdentity | None:
    """``(name, unit)`` keys of the project a form (or a stored row) of ``kind`` is of:
    forms with equal ones are of the same project (the X checks' trend and prior-year
    figures, 表单详情's other years). A project form's are its project's and unit's
    :func:`text_key`; a department form's name is its department's behind 「部门整体：」,
    so that it never meets a project of that name, and its unit is empty. ``None``
    without a name."""
    from jixiao.model.forms import DEPARTMENT_KINDS  # forms uses this module

    if kind in DEPARTMENT_KINDS:
        return (_DEPARTMENT + text_key(department), "") if department else None
    if not project:
        return None
    return text_key(project), text_key(unit)


def form_identity(
    kind: str, year: int | None, project: str | None, unit: str | None, department: str | None
) -> str | None:
    """What makes two forms the same form, whatever file they were read from: the same
    kind, year, unit and project (a department form: its department), names compared by
    :func:`text_key` and a trailing 「项目」 dropped (``XX项目`` and ``XX`` agree). Forms
    with equal identities are duplicates (an import chooses 替换 / 跳过 / 保留为新版本);
    ``None`` (never a duplicate) without a name."""
    named = project_identity(kind, project, unit, department)
    if named is None:
        return None
    name, owner = named
    return "|".join((kind, str(year or ""), owner, _TRAILING_PROJECT.sub("", name) or name))
