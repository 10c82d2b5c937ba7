"""Governing stored data, checked here for every shell: withdrawing and restoring
documents and forms (soft delete), purging them for good, undoing an import run,
correcting a misread cell, and reading the audit log.

Each operation checks the role (:data:`jixiao.model.access.ROLE_ACTIONS`: withdraw and
undo :attr:`~Action.WITHDRAW`, purge :attr:`~Action.MANAGE`, corrections
:attr:`~Action.CORRECT`, the log :attr:`~Action.READ_LOG`) and the scope (what the
user does not see is "not found"), is written with its audit-log entry in one
transaction, and then brings the cross-form (X) findings of the projects it touched up
to date: a withdrawn trend year or target table no longer counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from jixiao.errors import UsageError
from jixiao.model import Form, is_audit_code
from jixiao.model.access import Action
from jixiao.model.governance import ChangeAction, FieldError, field_value, with_field
from jixiao.model.labels import BEIJING, field_label
from jixiao.parse.text import parse_number
from jixiao.service.access import (
    AccessDenied,
    Principal,
    actor_of,
    console_user,
    require,
    store_for,
)
from jixiao.service.checking import review_forms
from jixiao.service.recheck import recheck_projects
from jixiao.service.rulesets import StoredRulesets
from jixiao.store import Change, FormNotFoundError, LogFilters, Store, StoredForm

__all__ = [
    "Correction",
    "GovernanceError",
    "actor_of",
    "audit_log",
    "console_user",
    "correct_cell",
    "log_day",
    "purge_document",
    "purge_form",
    "restore_document",
    "restore_form",
    "undo_run",
    "withdraw_document",
    "withdraw_form",
]


class GovernanceError(UsageError):
    """The change cannot be made now (already withdrawn, no reason given …)."""


def _reason(reason: str, required: bool = True) -> str:
    text = reason.strip()
    if required and not text:
        raise GovernanceError("请填写原因")
    return text


def _document(store: Store, who: Principal, document_id: int) -> dict[str, Any]:
    found = store_for(store, who).document(document_id)
    if found is None:
        raise FormNotFoundError(f"数据库中没有编号为 {document_id} 的文件")
    return found


def _form(store: Store, who: Principal, form_id: int) -> StoredForm:
    found = store_for(store, who).get(form_id)
    if found is None:
        raise FormNotFoundError(f"数据库中没有编号为 {form_id} 的表单")
    return found


def _recheck(store: Store, projects: Sequence[str | None]) -> None:
    recheck_projects(store, projects, across_documents_only=False)


def _projects_of(store: Store, form_ids: list[int]) -> list[str | None]:
    return [s.form.project for s in store.iter_stored(form_ids=tuple(form_ids), include="all")]


def _set_document(
    store: Store, who: Principal, document_id: int, withdrawn: bool, reason: str
) -> None:
    require(who, Action.WITHDRAW)
    doc = _document(store, who, document_id)
    text = _reason(reason, required=withdrawn)
    action = ChangeAction.WITHDRAW if withdrawn else ChangeAction.RESTORE
    verb = "撤回" if withdrawn else "恢复"
    change = Change(
        action,
        f"{verb}文件「{doc['file_name']}」" + (f"：{text}" if text else ""),
        document_id=document_id,
    )
    if not store.set_withdrawn("document", document_id, withdrawn, actor_of(who), text, change):
        raise GovernanceError(
            f"文件「{doc['file_name']}」{'已经撤回' if withdrawn else '未被撤回'}"
        )
    _recheck(store, list(store.document_projects(doc["content_hash"])))


def withdraw_document(store: Store, who: Principal, document_id: int, reason: str) -> None:
    """Withdraw a stored document (soft delete): its forms leave every list, count,
    chart and export until it is restored. A reason is required."""
    _set_document(store, who, document_id, True, reason)


def restore_document(store: Store, who: Principal, document_id: int, reason: str = "") -> None:
    """Bring a withdrawn document back."""
    _set_document(store, who, document_id, False, reason)


def _set_form(store: Store, who: Principal, form_id: int, withdrawn: bool, reason: str) -> None:
    require(who, Action.WITHDRAW)
    stored = _form(store, who, form_id)
    text = _reason(reason, required=withdrawn)
    action = ChangeAction.WITHDRAW if withdrawn else ChangeAction.RESTORE
    verb = "撤回" if withdrawn else "恢复"
    title = stored.form.project or stored.form.department or "（无名称）"
    change = Change(
        action,
        f"{verb}表单 #{form_id}「{title}」" + (f"：{text}" if text else ""),
        document_id=stored.document_id,
        form_id=form_id,
    )
    if not store.set_withdrawn("form", form_id, withdrawn, actor_of(who), text, change):
        raise GovernanceError(f"表单 #{form_id} {'已经撤回' if withdrawn else '未被撤回'}")
    _recheck(store, [stored.form.project])


def withdraw_form(store: Store, who: Principal, form_id: int, reason: str) -> None:
    """Withdraw one stored form (soft delete); a reason is required."""
    _set_form(store, who, form_id, True, reason)


def restore_form(store: Store, who: Principal, form_id: int, reason: str = "") -> None:
    """Bring a withdrawn form back."""
    _set_form(store, who, form_id, False, reason)


def purge_document(store: Store, who: Principal, document_id: int) -> None:
    """Delete a withdrawn document for good (administrators only); the forms its forms
    had superseded become current again."""
    require(who, Action.MANAGE)
    doc = _document(store, who, document_id)
    if doc["withdrawn_at"] is None:
        raise GovernanceError("只能永久删除已撤回的文件，请先撤回")
    projects: list[str | None] = list(store.document_projects(doc["content_hash"]))
    change = Change(
        ChangeAction.PURGE,
        f"永久删除文件「{doc['file_name']}」",
        document_id=document_id,
        details={"content_hash": doc["content_hash"]},
    )
    released = store.purge_document(document_id, actor_of(who), change)
    _recheck(store, projects + _projects_of(store, released))


def purge_form(store: Store, who: Principal, form_id: int) -> None:
    """Delete a withdrawn form for good (administrators only)."""
    require(who, Action.MANAGE)
    stored = _form(store, who, form_id)
    if not _withdrawn(store, stored):
        raise GovernanceError("只能永久删除已撤回的表单，请先撤回")
    change = Change(
        ChangeAction.PURGE,
        f"永久删除表单 #{form_id}「{stored.form.project or stored.form.department or ''}」",
        document_id=stored.document_id,
        form_id=form_id,
    )
    released = store.purge_form(form_id, actor_of(who), change)
    _recheck(store, [stored.form.project, *_projects_of(store, released)])


def _withdrawn(store: Store, stored: StoredForm) -> bool:
    return bool(store.form_ids(form_ids=(stored.id,), include="withdrawn"))


def undo_run(store: Store, who: Principal, run_id: int, reason: str = "") -> tuple[int, int]:
    """Undo import run ``run_id`` as a whole: every document it stored is withdrawn and
    every form its forms had superseded (替换 / 新版本) is current again; ``(documents
    withdrawn, forms brought back)``. A run covers many units: only a user who sees
    everything may undo it."""
    require(who, Action.WITHDRAW)
    if store_for(store, who).visibility is not None:
        raise AccessDenied("只有可查看全部单位的用户才能撤销整次导入")
    run = next((r for r in store.import_runs() if r["id"] == run_id), None)
    if run is None:
        raise FormNotFoundError(f"数据库中没有编号为 {run_id} 的导入运行")
    if run["status"] == "running":
        raise GovernanceError(f"导入运行 #{run_id} 仍在进行，不能撤销")
    if run["status"] == "undone":
        raise GovernanceError(f"导入运行 #{run_id} 已经撤销")
    text = _reason(reason, required=False) or f"撤销导入运行 #{run_id}"
    projects: list[str | None] = list(store.run_projects(run_id))
    change = Change(
        ChangeAction.UNDO,
        f"撤销导入运行 #{run_id}" + (f"：{reason.strip()}" if reason.strip() else ""),
        run_id=run_id,
    )
    documents, released = store.undo_run(run_id, actor_of(who), text, change)
    _recheck(store, projects + _projects_of(store, released))
    return len(documents), len(released)


@dataclass(frozen=True)
class Correction:
    """A corrected cell: where, what the reader read, what it is now, and the form's
    computed total before and after."""

    form_id: int
    field: str
    label: str
    original: str | None
    value: str | None
    total_before: Decimal | None
    total_after: Decimal | None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _typed(form: Form, path: str, text: str) -> object:
    """``text`` as the value the cell at ``path`` holds: a number where the form keeps a
    number (``1,234.50``, ``85%`` read as printed), else the text; blank is empty."""
    current = field_value(form, path)
    value = text.strip()
    if not value:
        return None
    if isinstance(current, Decimal | int) or _numeric(form, path):
        try:
            number = parse_number(value.rstrip("%％"))
        except ValueError:
            raise GovernanceError(f"“{field_label(path)}”须填写数字，不能是“{value}”") from None
        return int(number) if path == "year" and number is not None else number
    return value


def _numeric(form: Form, path: str) -> bool:
    """Whether the (empty) cell at ``path`` holds a number: it takes no text."""
    try:
        with_field(form, path, "非数字")
    except FieldError:
        return True
    return False


def correct_cell(
    store: Store, who: Principal, form_id: int, path: str, text: str, reason: str = ""
) -> Correction:
    """Correct the cell at ``path`` of stored form ``form_id`` to ``text`` (a value the
    reader got wrong): the original is kept (原读值), the change logged, the form scored
    and audited again at once under its own ruleset and the X checks of its project
    rechecked. The parse findings about that cell are dropped (it has been read by a
    person now)."""
    require(who, Action.CORRECT)
    stored = _form(store, who, form_id)
    form = stored.form
    try:
        original = field_value(form, path)
        corrected = with_field(form, path, _typed(form, path, text))
    except FieldError as err:
        raise GovernanceError(str(err)) from None
    new_value = field_value(corrected, path)
    if new_value == original:
        raise GovernanceError(f"“{field_label(path)}”的值没有改变")
    parse_findings = tuple(
        f for f in corrected.findings if not is_audit_code(f.code) and f.location.field != path
    )
    corrected = corrected.model_copy(update={"findings": parse_findings})
    ruleset = StoredRulesets(store)(stored.ruleset)
    (checked,) = review_forms([corrected], ruleset)
    label = field_label(path)
    change = Change(
        ChangeAction.CORRECT,
        f"更正表单 #{form_id}「{label}」：{_text(original) or '（空）'} → "
        f"{_text(new_value) or '（空）'}" + (f"（{reason.strip()}）" if reason.strip() else ""),
        document_id=stored.document_id,
        form_id=form_id,
        details={"field": path, "original": _text(original), "value": _text(new_value)},
    )
    store.correct_form(
        form_id,
        checked.published(),
        checked.score,
        (path, _text(original), _text(new_value)),
        actor_of(who),
        change,
    )
    _recheck(store, [form.project, corrected.project])
    before = stored.score.total if stored.score is not None else None
    return Correction(
        form_id,
        path,
        label,
        _text(original),
        _text(new_value),
        before,
        checked.score.total,
    )


def log_day(text: str | None, name: str = "日期") -> datetime | None:
    """A day ``YYYY-MM-DD`` of a log filter, from its start in 北京时间 (``None``: none
    given); :class:`GovernanceError` when it is not one."""
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=BEIJING)
    except ValueError:
        raise GovernanceError(f"{name}须为日期 YYYY-MM-DD：{text}") from None


def audit_log(
    store: Store, who: Principal, filters: LogFilters | None = None
) -> tuple[list[dict[str, Any]], int]:
    """The audit log ``who`` may read (administrators and auditors; a scoped one the
    entries of what they see), newest first, and how many entries match."""
    require(who, Action.READ_LOG)
    return store_for(store, who).change_log(filters)
