"""The official PDF and Word of stored forms, as files to hand out: one form, or all the
forms of a department (主管部门) for a year, as one PDF or a zip of one file per form.

Every download of the web (and any other shell) goes through :func:`official_download`,
which takes the store *as the requesting user sees it* — the scope argument: a form
outside that view is "not found" and a department's bundle holds only the forms in it.
The access layer narrows the store before calling (``store.within(...)`` of the user's
scope); nothing here widens it. A department's bundle is what it publishes: the forms
that reached 已公开 in the cycle, and those imported from published documents (which never
entered it); a form still in the cycle (草稿, 已提交, 退回, in review) is left out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from jixiao.errors import UsageError
from jixiao.model import Form
from jixiao.model.cycle import State
from jixiao.model.keys import text_key
from jixiao.model.labels import form_title
from jixiao.render.docx import docx_bytes
from jixiao.render.options import RenderOptions
from jixiao.render.pdf import pdf_bytes
from jixiao.service.forms import load_form
from jixiao.store import Store, StoredForm
from jixiao.store.cycle import state_of

__all__ = [
    "MAX_BUNDLE",
    "MEDIA_TYPES",
    "Bundle",
    "DepartmentForms",
    "Download",
    "OfficialFile",
    "department_forms",
    "download_name",
    "official_download",
]

MAX_BUNDLE = 500
"""The most forms one department download holds (a larger one is refused with a message
asking for a narrower year)."""


class OfficialFile(StrEnum):
    """The format of one form's official table."""

    pdf = "pdf"
    docx = "docx"


class Bundle(StrEnum):
    """How a department's forms come: one PDF, or a zip of one PDF / DOCX per form."""

    pdf = "pdf"
    zip_pdf = "zip-pdf"
    zip_docx = "zip-docx"


MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}


@dataclass(frozen=True)
class Download:
    """A file to hand out: its bytes, its Chinese name, an ASCII name for old clients,
    and its media type."""

    body: bytes
    name: str
    ascii_name: str
    media_type: str


@dataclass(frozen=True)
class DepartmentForms:
    """Which forms a department download holds: the department's name, a year or all."""

    department: str
    year: int | None = None


_RENDERERS: dict[str, Callable[[Sequence[Form], RenderOptions], bytes]] = {
    "pdf": pdf_bytes,
    "docx": docx_bytes,
}


def official_download(
    store: Store, what: int | DepartmentForms, fmt: OfficialFile | Bundle
) -> Download:
    """The official ``fmt`` of the form ``what`` (an id) or of a department's forms,
    from ``store`` as the requesting user sees it (see the module doc).

    :class:`~jixiao.store.FormNotFoundError` for a form not in that view;
    :class:`~jixiao.errors.UsageError` for a department with no form there, or more
    than :data:`MAX_BUNDLE`."""
    if isinstance(what, int):
        if not isinstance(fmt, OfficialFile):
            raise UsageError(f"单张表单只能下载 PDF 或 Word，不能是“{fmt}”。")
        return _one(load_form(store, what), fmt.value)
    return _bundle(what, department_forms(store, what), Bundle(fmt.value))


def department_forms(store: Store, which: DepartmentForms) -> list[StoredForm]:
    """The published forms (see the module doc) of exactly that department (its name as
    the store compares names: width, spaces and punctuation ignored) in ``store``, in id
    order."""
    key = text_key(which.department)
    if not key:
        raise UsageError("请指定主管部门。")
    forms = [
        stored
        for stored in store.iter_stored(department=which.department.strip(), year=which.year)
        if text_key(stored.form.department or "") == key and _published(store, stored.id)
    ]
    if len(forms) > MAX_BUNDLE:
        raise UsageError(
            f"{which.department}共有 {len(forms)} 张表单，"
            f"一次最多下载 {MAX_BUNDLE} 张，请按年度分别下载。"
        )
    return forms


def _published(store: Store, form_id: int) -> bool:
    state = state_of(store, form_id)
    return state is None or state == State.PUBLISHED


def download_name(stored: StoredForm, ext: str) -> str:
    """``2024-项目名称-12.pdf``: the year, the form's title and its id."""
    form = stored.form
    title = form_title(form.kind, form.project, form.department)
    parts = [str(form.year) if form.year else "", title or "表单", str(stored.id)]
    return _safe("-".join(p for p in parts if p)) + "." + ext


def _one(stored: StoredForm, ext: str) -> Download:
    body = _RENDERERS[ext]([stored.form], RenderOptions())
    return Download(body, download_name(stored, ext), f"form-{stored.id}.{ext}", MEDIA_TYPES[ext])


def _bundle(which: DepartmentForms, forms: list[StoredForm], bundle: Bundle) -> Download:
    if not forms:
        year = f" {which.year} 年度" if which.year else ""
        raise UsageError(f"没有{which.department}{year}可下载的表单。")
    stem = _safe("-".join(p for p in (str(which.year or ""), which.department, "绩效表") if p))
    if bundle is Bundle.pdf:
        body = pdf_bytes([s.form for s in forms], RenderOptions())
        return Download(body, f"{stem}.pdf", "department-forms.pdf", MEDIA_TYPES["pdf"])
    ext = "docx" if bundle is Bundle.zip_docx else "pdf"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for stored in forms:
            archive.writestr(download_name(stored, ext), _one(stored, ext).body)
    return Download(buffer.getvalue(), f"{stem}.zip", "department-forms.zip", MEDIA_TYPES["zip"])


def _safe(name: str) -> str:
    """A file name without path separators or control characters."""
    cleaned = "".join(ch for ch in name if ch.isprintable()).replace("/", "／").replace("\\", "＼")
    return cleaned.strip(". ")[:120] or "表单"
