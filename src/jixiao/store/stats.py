"""Statistics over the stored forms, computed in SQL (GROUP BY), for the API and pages.

``statistics(store, filters)`` counts the matching forms by year, department, unit,
grade, computed grade and kind, their findings by code and by severity, and lists one
point per scored form (reported vs computed total, execution rate) for the charts.
``finding_groups`` is the per-code table of the 审核发现 page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, String, func, select, type_coerce
from sqlalchemy.engine import Connection

from jixiao.model.codes import CODES
from jixiao.model.finding import severity_rank
from jixiao.model.labels import KIND_LABELS
from jixiao.store.filters import Filters, finding_conditions, form_conditions
from jixiao.store.schema import FindingRow, FormRow
from jixiao.store.store import Store
from jixiao.store.summary import DIMENSIONS, FormGroup, counts_by, form_groups

__all__ = [
    "MAX_POINTS",
    "POINT_NUMBERS",
    "facets",
    "finding_groups",
    "statistics",
    "statistics_of",
]

MAX_POINTS = 20_000
"""At most this many points (forms) in ``points``; ``points_total`` says how many match."""

_TOP = 50
"""Departments and units counted: the 50 with most forms."""


def _form_ids(filters: Filters) -> Select[Any]:
    return select(FormRow.id).where(*form_conditions(filters))


def _sort_key(entry: dict[str, Any]) -> tuple[int, bool, Any]:
    """Most forms first, then by value (none first, as SQLite sorts)."""
    return (-entry["count"], entry["key"] is not None, entry["key"])


def _all_counts(groups: Sequence[FormGroup]) -> dict[str, list[dict[str, Any]]]:
    """The forms of ``groups`` counted by each of :data:`DIMENSIONS`."""
    return {
        name: sorted(
            ({"key": k, "count": n} for k, n in counts_by(groups, name).items()), key=_sort_key
        )
        for name in DIMENSIONS
    }


_NARROWING = (
    *("year", "unit", "department", "grade", "search", "kind", "file", "form_ids"),
    *("lenient", "computed_grade", "projects", "visible", "include"),
)
"""The fields of :class:`Filters` that may keep far fewer forms than all current ones."""


def _finding_counts(
    conn: Connection, where: Sequence[ColumnElement[bool]]
) -> dict[tuple[str, str], tuple[int, int]]:
    """Findings (and the forms they are of) by code and severity, of those ``where``
    keeps."""
    query = (
        select(
            FindingRow.code,
            FindingRow.severity,
            func.count(FindingRow.id),
            func.count(func.distinct(FindingRow.form_id)),
        )
        .where(*where)
        .group_by(FindingRow.code, FindingRow.severity)
    )
    return {(code, severity): (n, forms) for code, severity, n, forms in conn.execute(query)}


def _counts(conn: Connection, filters: Filters) -> dict[tuple[str, str], tuple[int, int]]:
    findings = finding_conditions(filters)
    if not form_conditions(filters):
        return _finding_counts(conn, findings)
    if any(getattr(filters, name) is not None for name in _NARROWING):
        return _finding_counts(conn, [FindingRow.form_id.in_(_form_ids(filters)), *findings])
    # nearly every form matches: the findings of all forms, counted from the (code,
    # severity, form_id) index alone, less those of the few forms the conditions leave
    # out (every finding is of a form; the forms are apart, so their counts of distinct
    # forms add up). A test per finding whether its form matches costs more than both
    # (100,000 forms, 510,000 findings: 150 -> 100 ms CPU on SQLite).
    every = _finding_counts(conn, findings)
    left_out = select(FormRow.id).except_(_form_ids(filters))
    less = _finding_counts(conn, [FindingRow.form_id.in_(left_out), *findings])
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for key, (count, forms) in every.items():
        minus_count, minus_forms = less.get(key, (0, 0))
        if count > minus_count:
            counts[key] = (count - minus_count, forms - minus_forms)
    return counts


def _groups(conn: Connection, filters: Filters) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for (code, severity), (count, forms) in _counts(conn, filters).items():
        info = CODES.get(code)
        out.append(
            {
                "code": code,
                "severity": severity,
                "title": info.title if info else code,
                "rule": info.rule if info else "",
                "count": count,
                "forms": forms,
            }
        )
    out.sort(key=lambda g: (severity_rank(g["severity"]), -g["count"], g["code"]))
    return out


def finding_groups(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """One entry per finding code (and severity) of the matching forms: ``code``,
    ``severity``, ``title``, ``rule`` (the catalogue's one-line rule, if any), ``count``
    and ``forms``; errors first, then by count."""
    with store.engine.connect() as conn:
        return _groups(conn, store.scoped(filters))


_POINT_KEYS = ("id", "year", "project", "unit", "reported", "computed", "rate")


POINT_NUMBERS = ("reported", "computed", "rate")
"""The keys of a point whose values are decimal numbers."""


def _points(conn: Connection, filters: Filters, *, as_stored: bool) -> list[dict[str, Any]]:
    numbers: tuple[Any, ...] = (
        FormRow.total_score,
        FormRow.computed_total,
        func.coalesce(FormRow.computed_budget_rate, FormRow.budget_rate),
    )
    if as_stored:  # text on SQLite: no Decimal made of it, when it only goes to JSON
        numbers = tuple(type_coerce(n, String) for n in numbers)
    query = (
        select(FormRow.id, FormRow.year, FormRow.project, FormRow.unit, *numbers)
        .where(*form_conditions(filters), FormRow.total_score.is_not(None))
        .order_by(FormRow.id)
        .limit(MAX_POINTS)
    )
    keys = _POINT_KEYS
    return [dict(zip(keys, row, strict=True)) for row in conn.execute(query)]


def statistics(
    store: Store, filters: Filters, *, points: bool = True, stored_numbers: bool = False
) -> dict[str, Any]:
    """Counts and chart points for the forms matching ``filters`` (see module doc), in
    three queries (findings by code, the forms in groups, the points). With
    ``stored_numbers`` the points' :data:`POINT_NUMBERS` are as the database returns
    them (text on SQLite, ``Decimal`` elsewhere), for a caller that only writes them out."""
    filters = store.scoped(filters)
    with store.engine.connect() as conn:
        groups = form_groups(conn, filters)
        return statistics_of(conn, filters, groups, points=points, stored_numbers=stored_numbers)


def statistics_of(
    conn: Connection,
    filters: Filters,
    groups: Sequence[FormGroup],
    *,
    points: bool,
    stored_numbers: bool = False,
) -> dict[str, Any]:
    """:func:`statistics` of the forms matching ``filters`` (already scoped), whose
    :func:`~jixiao.store.summary.form_groups` are ``groups``."""
    findings = _groups(conn, filters)
    by_severity: dict[str, dict[str, Any]] = {}
    for g in findings:
        entry = by_severity.setdefault(g["severity"], {"key": g["severity"], "count": 0})
        entry["count"] += g["count"]
    counts = _all_counts(groups)
    for entry in counts["kind"]:
        entry["label"] = KIND_LABELS.get(entry["key"], entry["key"])
    result: dict[str, Any] = {
        "forms": sum(e["count"] for e in counts["kind"]),
        "by_year": counts["year"],
        "by_department": counts["department"][:_TOP],
        "by_unit": counts["unit"][:_TOP],
        "by_grade": counts["grade"],
        "by_computed_grade": counts["computed_grade"],
        "by_kind": counts["kind"],
        "findings_by_code": findings,
        "findings_by_severity": sorted(by_severity.values(), key=lambda e: severity_rank(e["key"])),
    }
    if points:
        result["points"] = _points(conn, filters, as_stored=stored_numbers)
    return result


def _distinct(conn: Connection, column: Any, seen: list[ColumnElement[bool]]) -> list[Any]:
    query = select(column).where(column.is_not(None), *seen).distinct().order_by(column)
    return list(conn.execute(query).scalars())


def facets(store: Store) -> dict[str, list[Any]]:
    """The values the filter fields offer: ``years`` (newest first), ``departments``,
    ``units``, ``grades``, ``computed_grades`` and the finding ``codes`` present (in
    the forms the store sees)."""
    seen = form_conditions(store.scoped())
    of_seen: list[ColumnElement[bool]] = []
    if seen:
        of_seen.append(FindingRow.form_id.in_(select(FormRow.id).where(*seen)))
    with store.engine.connect() as conn:
        return {
            "years": sorted(_distinct(conn, FormRow.year, seen), reverse=True),
            "departments": _distinct(conn, FormRow.department, seen),
            "units": _distinct(conn, FormRow.unit, seen),
            "grades": _distinct(conn, FormRow.grade, seen),
            "computed_grades": _distinct(conn, FormRow.computed_grade, seen),
            "codes": _distinct(conn, FindingRow.code, of_seen),
        }
