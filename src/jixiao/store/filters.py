"""The filters shared by ``jixiao list``, ``export`` and the Python API.

Every filter narrows the set of forms; ``None`` means "any". Text filters match a part
of the field (``unit="人才"`` finds 上海市人才服务中心); ``code`` matches finding codes
by prefix (``A`` every arithmetic finding, ``A001`` exactly that code); ``lenient``
keeps the forms whose reported total is above the computed one
(:func:`jixiao.model.leniency.reported_above`, written here in SQL; ``False``: the others
that were scored).

Amounts are text on SQLite, so comparisons and sorting go through
:func:`~jixiao.store.dialects.numeric` (see :mod:`jixiao.store.dialects`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypedDict

from sqlalchemy import ColumnElement, and_, false, not_, or_, select
from sqlalchemy.orm import aliased

from jixiao.model import Form
from jixiao.model.keys import text_key
from jixiao.model.leniency import reported_above as model_reported_above
from jixiao.score import FormScore
from jixiao.store.dialects import numeric
from jixiao.store.fulltext import matches
from jixiao.store.schema import DocumentRow, FindingRow, FormRow
from jixiao.store.schema_access import OrgUnitRow
from jixiao.store.texts import form_search_text

__all__ = [
    "INCLUDE_CHOICES",
    "WITHDRAWAL_COLUMNS",
    "FilterArgs",
    "Filters",
    "Visibility",
    "current_forms",
    "finding_conditions",
    "form_conditions",
    "form_matches",
    "reported_above",
    "withdrawn_forms",
]

_SAME = ("year", "kind", "grade")
"""Filters the form's field of the same name (a ``forms`` column) must equal."""
_PART = ("unit", "department")
"""Text filters the form's field of the same name must contain, ignoring case."""

WITHDRAWAL_COLUMNS = ("withdrawn_at", "withdrawn_by", "withdrawn_reason")
"""When, by whom and why a document or a form was withdrawn (soft delete)."""

INCLUDE_CHOICES = ("withdrawn", "all")
"""``Filters.include``: besides the current forms (``None``, the default), only the
withdrawn ones, or every stored form (superseded versions too)."""


def _withdrawn_documents() -> ColumnElement[bool]:
    withdrawn = select(DocumentRow.id).where(DocumentRow.withdrawn_at.is_not(None))
    return FormRow.document_id.in_(withdrawn)


_NEWER = aliased(FormRow)
"""The version that superseded a form. One alias for every query: SQLAlchemy adapts an
alias's columns once per alias (about 15 ms for ``forms``), so a new alias per query
made each import's duplicate check cost that much per file."""


def _withdrawn_newer() -> ColumnElement[bool]:
    """The form was superseded by a form that is withdrawn (on its own or with its
    document), and no later version of the same form is left: withdrawing the newest
    version brings the one before it back, withdrawing a middle one brings nothing back."""
    newer = _NEWER
    withdrawn_documents = select(DocumentRow.id).where(DocumentRow.withdrawn_at.is_not(None))
    gone = or_(newer.withdrawn_at.is_not(None), newer.document_id.in_(withdrawn_documents))
    later_left = (
        select(newer.id)
        .where(newer.identity_key == FormRow.identity_key, newer.id > FormRow.id, not_(gone))
        .exists()
    )
    return and_(FormRow.superseded_by.in_(select(newer.id).where(gone)), not_(later_left))


def _not_superseded() -> ColumnElement[bool]:
    """No current duplicate imported later took the form's place: it was never
    superseded, or the form that superseded it is withdrawn."""
    return or_(FormRow.superseded_by.is_(None), _withdrawn_newer())


def current_forms() -> ColumnElement[bool]:
    """The condition on ``forms`` every list, count, chart, export and same-project link
    keeps to: the form is its current version (no duplicate imported later took its
    place, or the one that did is withdrawn) and neither it nor its document is
    withdrawn. Built here only, so every query of the store inherits it through
    :func:`form_conditions`."""
    return and_(
        _not_superseded(),
        FormRow.withdrawn_at.is_(None),
        not_(_withdrawn_documents()),
    )


def withdrawn_forms() -> ColumnElement[bool]:
    """Forms withdrawn on their own or with their document (and not superseded)."""
    return and_(
        _not_superseded(),
        or_(FormRow.withdrawn_at.is_not(None), _withdrawn_documents()),
    )


@dataclass(frozen=True)
class Visibility:
    """The part of the organisation tree a reader may see (decided by the service from a
    user's scope, :mod:`jixiao.service.access`): the forms whose 单位 is one of ``units``,
    or whose 主管部门 is one of ``departments``, or whose unit the organisation tree
    (``org_units``) puts under one of ``departments``. Nothing else, not even forms
    without a unit. ``user_id`` is the reader's account: its own drafts stay visible.
    """

    units: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    user_id: int | None = None

    def form_condition(self) -> ColumnElement[bool]:
        """The condition on ``forms`` rows."""
        return self.unit_condition(FormRow.unit, FormRow.department)

    def unit_condition(self, unit: Any, department: Any = None) -> ColumnElement[bool]:
        """The condition on a row whose unit is ``unit`` (and 主管部门 ``department``)."""
        either: list[ColumnElement[bool]] = []
        if self.units:
            either.append(unit.in_(self.units))
        if self.departments:
            if department is not None:
                either.append(department.in_(self.departments))
            under = select(OrgUnitRow.name).where(OrgUnitRow.department.in_(self.departments))
            either.append(unit.in_(under))
        return or_(*either) if either else false()


class FilterArgs(TypedDict, total=False):
    """The keyword arguments every query method accepts (see :class:`Filters`)."""

    year: int | None
    unit: str | None
    department: str | None
    grade: str | None
    code: str | None
    search: str | None
    kind: str | None
    file: str | None
    severity: str | None
    form_ids: tuple[int, ...] | None
    lenient: bool | None
    computed_grade: str | None
    projects: tuple[str, ...] | None
    visible: Visibility | None
    include: str | None


@dataclass(frozen=True)
class Filters:
    """Which forms a query returns.

    ``severity`` keeps forms with at least one finding of that severity (and, in
    :meth:`~jixiao.store.Store.findings`, only such findings); ``file`` matches part of
    the document's file name; ``form_ids`` restricts to those ids; ``computed_grade``
    is the grade the computed total earns; ``projects`` keeps the forms whose project
    name is one of them as the cross-form checks compare names (width, spaces and
    punctuation ignored: :func:`~jixiao.model.keys.text_key`); ``search`` matches
    part of the project, unit, department, goals, indicator names or targets;
    ``visible`` keeps what a reader may see (:class:`Visibility`; a scoped store,
    :meth:`~jixiao.store.Store.within`, lays its own over every query); ``include``
    (:data:`INCLUDE_CHOICES`) widens the current forms (:func:`current_forms`) to the
    withdrawn ones or to every stored form.
    """

    year: int | None = None
    unit: str | None = None
    department: str | None = None
    grade: str | None = None
    code: str | None = None
    search: str | None = None
    kind: str | None = None
    file: str | None = None
    severity: str | None = None
    form_ids: tuple[int, ...] | None = None
    lenient: bool | None = None
    computed_grade: str | None = None
    projects: tuple[str, ...] | None = None
    visible: Visibility | None = None
    include: str | None = None

    def __post_init__(self) -> None:
        if self.include is not None and self.include not in INCLUDE_CHOICES:
            raise ValueError(f"unknown include: {self.include}")

    @classmethod
    def of(cls, filters: Filters | None = None, **kw: Any) -> Filters:
        """``filters`` with the keyword arguments given (not ``None``) laid over it."""
        base = filters or cls()
        given = {k: v for k, v in kw.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        for name in ("form_ids", "projects"):
            if name in given:
                given[name] = tuple(given[name])
        return cls(**{**base.__dict__, **given})

    def is_empty(self) -> bool:
        """Whether no filter is set (what a reader may see is no filter of theirs)."""
        return all(getattr(self, f.name) is None for f in fields(self) if f.name != "visible")


def reported_above() -> ColumnElement[bool]:
    """:func:`jixiao.model.leniency.reported_above` in SQL: the form's reported total is
    above its computed one (NULL, so never true, when either is missing)."""
    above: ColumnElement[bool] = numeric(FormRow.total_score) > numeric(FormRow.computed_total)
    return above


def form_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """WHERE conditions on the ``forms`` table for ``filters``."""
    f = filters
    out: list[ColumnElement[bool]] = [
        getattr(FormRow, name) == value for name, value in _given(f, _SAME)
    ]
    if f.include is None:
        out.append(current_forms())
    elif f.include == "withdrawn":
        out.append(withdrawn_forms())
    out += [
        getattr(FormRow, name).icontains(value, autoescape=True) for name, value in _given(f, _PART)
    ]
    if f.computed_grade:
        out.append(FormRow.computed_grade == f.computed_grade)
    if f.lenient is not None:
        reported, computed = numeric(FormRow.total_score), numeric(FormRow.computed_total)
        out.append(reported_above() if f.lenient else reported <= computed)
    if f.visible is not None:
        out.append(f.visible.form_condition())
    if f.form_ids is not None:
        out.append(FormRow.id.in_(f.form_ids))
    if f.projects is not None:
        out.append(FormRow.project_key.in_({text_key(p) for p in f.projects}))
    if f.file:
        out.append(
            FormRow.document_id.in_(
                select(DocumentRow.id).where(
                    DocumentRow.file_name.icontains(f.file, autoescape=True)
                )
            )
        )
    if f.code or f.severity:
        out.append(FormRow.id.in_(select(FindingRow.form_id).where(*finding_conditions(f))))
    if f.search:
        out.append(matches(f.search.lower()))
    return out


def finding_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """Conditions on ``findings`` rows for the ``code``/``severity`` filters."""
    out: list[ColumnElement[bool]] = []
    if filters.code:
        out.append(FindingRow.code.startswith(filters.code.upper(), autoescape=True))
    if filters.severity:
        out.append(FindingRow.severity == filters.severity)
    return out


def form_matches(form: Form, filters: Filters, score: FormScore | None = None) -> bool:
    """Whether a form that is not stored (with its computed ``score``) passes
    ``filters`` as :func:`form_conditions` decides for stored forms: the same fields
    (``_SAME``, ``_PART``), ``code`` a prefix of one of its finding codes, ``search``
    in its search text, ``lenient`` by the reported and computed totals. The filters
    that name stored things (``file``, ``form_ids``, ``projects``, ``severity``,
    ``computed_grade``) are for stored forms only."""
    f = filters
    if any(getattr(form, name, None) != value for name, value in _given(f, _SAME)):
        return False
    if any(not _contains(getattr(form, name, None), value) for name, value in _given(f, _PART)):
        return False
    if f.code and not any(x.code.startswith(f.code.upper()) for x in form.findings):
        return False
    if f.search and f.search.lower() not in form_search_text(form):
        return False
    if f.lenient is not None:
        computed = score.total if score is not None else None
        above = model_reported_above(getattr(form, "total_score", None), computed)
        if above is None or above != f.lenient:
            return False
    return True


def _given(filters: Filters, names: tuple[str, ...]) -> list[tuple[str, Any]]:
    """``(name, value)`` of the filters among ``names`` that are set."""
    return [(n, v) for n in names if (v := getattr(filters, n)) is not None and v != ""]


def _contains(text: str | None, part: str) -> bool:
    return text is not None and part.casefold() in text.casefold()
