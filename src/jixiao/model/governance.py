"""Governing stored data: what to do with a duplicate form, the kinds of change the
audit log records, and correcting one value of a form by its dotted field path.

A duplicate is a form whose :func:`~jixiao.model.keys.form_identity` equals a stored
current form's (same kind, year, unit and project, whatever file it was read from).
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any

from pydantic import TypeAdapter, ValidationError

from jixiao.model.forms import Form
from jixiao.model.keys import form_identity, text_key
from jixiao.model.labels import field_label

__all__ = [
    "CHANGE_LABELS",
    "DUPLICATE_LABELS",
    "ChangeAction",
    "DuplicatePolicy",
    "FieldError",
    "cell_paths",
    "field_value",
    "form_key",
    "with_field",
]


class DuplicatePolicy(StrEnum):
    """What an import does with a form that is already stored (in another file)."""

    REPLACE = "replace"
    """替换: the new form takes the old one's place; the old one is hidden (undo brings
    it back)."""
    SKIP = "skip"
    """跳过: the new form is not stored (the default: importing again changes nothing)."""
    VERSION = "version"
    """保留为新版本: the new form is the current version; the old one stays reachable
    from it as an earlier version."""


DUPLICATE_LABELS: dict[DuplicatePolicy, str] = {
    DuplicatePolicy.REPLACE: "替换",
    DuplicatePolicy.SKIP: "跳过",
    DuplicatePolicy.VERSION: "保留为新版本",
}


class ChangeAction(StrEnum):
    """A kind of change to the stored data (the audit log's ``action``)."""

    IMPORT = "import"
    REPLACE = "replace"
    VERSION = "version"
    WITHDRAW = "withdraw"
    RESTORE = "restore"
    PURGE = "purge"
    UNDO = "undo"
    CORRECT = "correct"
    CYCLE = "cycle"
    """A step of the review cycle (kept in the cycle's own history, shown in the log)."""
    USER_ADD = "user_add"
    USER_ROLE = "user_role"
    USER_PASSWORD = "user_password"
    """An administrator set another account's password (never logged: the password)."""
    USER_DISABLE = "user_disable"
    USER_ENABLE = "user_enable"
    OWN_PASSWORD = "own_password"
    """A user changed their own password."""
    DRAFT_SAVE = "draft_save"
    """A draft saved on the 填报 page."""


CHANGE_LABELS: dict[ChangeAction, str] = {
    ChangeAction.IMPORT: "导入",
    ChangeAction.REPLACE: "替换",
    ChangeAction.VERSION: "新版本",
    ChangeAction.WITHDRAW: "撤回",
    ChangeAction.RESTORE: "恢复",
    ChangeAction.PURGE: "永久删除",
    ChangeAction.UNDO: "撤销导入",
    ChangeAction.CORRECT: "更正",
    ChangeAction.CYCLE: "审核流程",
    ChangeAction.USER_ADD: "新增账号",
    ChangeAction.USER_ROLE: "设置角色与范围",
    ChangeAction.USER_PASSWORD: "重置密码",
    ChangeAction.USER_DISABLE: "停用账号",
    ChangeAction.USER_ENABLE: "启用账号",
    ChangeAction.OWN_PASSWORD: "修改本人密码",
    ChangeAction.DRAFT_SAVE: "保存草稿",
}


def form_key(form: Form) -> str | None:
    """Which form ``form`` is, whatever file it was read from: its
    :func:`~jixiao.model.keys.form_identity` (kind, year, unit, project); a form that
    prints no project name is known by its kind, year, unit and what it says — its
    indicator names and targets and its total score — so the same form read from another
    format still matches. ``None`` for a form with neither a name nor any indicator."""
    named = form_identity(form.kind, form.year, form.project, form.unit, form.department)
    if named is not None:
        return named
    if not form.indicators:
        return None
    said = [f"{text_key(i.name)}:{text_key(i.target)}" for i in form.indicators]
    total = getattr(form, "total_score", None)
    said.append("" if total is None else str(total.normalize()))
    digest = hashlib.sha256("\n".join(said).encode()).hexdigest()[:24]
    return "|".join((form.kind, str(form.year or ""), text_key(form.unit), f"#{digest}"))


_FIXED = frozenset({"kind", "source", "findings"})
"""Top-level fields no correction touches: what a form is and where it was read."""
_FORM: TypeAdapter[Form] = TypeAdapter(Form)


class FieldError(ValueError):
    """A field path that names no correctable value, or a value the field cannot hold
    (the message is Chinese)."""


def _walk(data: Any, path: str) -> tuple[Any, str | int]:
    """The container holding ``path``'s value in ``data``, and its key there."""
    parts = path.split(".")
    if not path or parts[0] in _FIXED or (field_label(path) == path and "." in path):
        raise FieldError(f"不能更正“{path}”")
    node = data
    for i, part in enumerate(parts):
        key: str | int = int(part) if isinstance(node, list) and part.isdigit() else part
        if (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and key < len(node)
        ):
            if i == len(parts) - 1:
                return node, key
            node = node[key]  # type: ignore[index]
            continue
        break
    raise FieldError(f"表中没有“{path}”这一栏")


def _data(form: Form) -> Any:
    return form.model_dump(mode="python")


def _lists(value: Any) -> Any:
    """``value`` with its tuples as lists (so a path can set an item)."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    return value


def field_value(form: Form, path: str) -> Any:
    """The value at dotted ``path`` (``funds.total.executed``, ``indicators.3.actual``);
    :class:`FieldError` when it names no single value."""
    node, key = _walk(_lists(_data(form)), path)
    value = node[key]
    if isinstance(value, dict | list):
        raise FieldError(f"“{path}”不是单个栏目")
    return value


def with_field(form: Form, path: str, value: Any) -> Form:
    """``form`` with the value at ``path`` set to ``value`` (validated as the model
    validates a form read from JSON); :class:`FieldError` when it cannot hold it."""
    field_value(form, path)
    data = _lists(_data(form))
    node, key = _walk(data, path)
    node[key] = value
    try:
        return _FORM.validate_python(data)
    except ValidationError as err:
        raise FieldError(f"“{field_label(path)}”不能填写为“{value}”") from err


def cell_paths(form: Form) -> list[tuple[str, str]]:
    """Every single value of ``form`` a correction may change: ``(path, caption)``, in
    the order of the form (a printed cell: what is derived from one, like an indicator's
    parsed value or its line numbers, follows it and is not corrected)."""
    out: list[tuple[str, str]] = []

    def visit(node: Any, prefix: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if prefix or k not in _FIXED:
                    visit(v, f"{prefix}.{k}" if prefix else str(k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                visit(v, f"{prefix}.{i}")
        elif prefix and ((label := field_label(prefix)) != prefix or "." not in prefix):
            out.append((prefix, label))

    visit(_lists(_data(form)), "")
    return out
