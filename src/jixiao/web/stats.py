"""Statistics over the stored forms, computed in SQL (GROUP BY), for the API and pages.

``statistics(store, filters)`` counts the matching forms by year, department, unit,
grade, computed grade and kind, their findings by code and by severity, and lists one
point per scored form (reported vs computed total, execution rate) for the charts.
``finding_groups`` is the per-code table of the 审核发现 page.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.engine import Connection

from jixiao.model.codes import CODES
from jixiao.model.labels import KIND_LABELS
from jixiao.store import Filters, Store
from jixiao.store.filters import finding_conditions, form_conditions
from jixiao.store.schema import FindingRow, FormRow

__all__ = ["MAX_POINTS", "facets", "finding_groups", "statistics"]

MAX_POINTS = 20_000
"""At most this many points (forms) in ``points``; ``points_total`` says how many match."""

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _form_ids(filters: Filters) -> Select[Any]:
    return select(FormRow.id).where(*form_conditions(filters))


def _counts(
    conn: Connection, column: Any, filters: Filters, limit: int | None = None
) -> list[dict[str, Any]]:
    count = func.count(FormRow.id)
    query = (
        select(column, count)
        .where(*form_conditions(filters))
        .group_by(column)
        .order_by(count.desc(), column)
    )
    if limit is not None:
        query = query.limit(limit)
    return [{"key": key, "count": n} for key, n in conn.execute(query)]


def _finding_where(filters: Filters) -> list[ColumnElement[bool]]:
    conditions = form_conditions(filters)
    scope = [FindingRow.form_id.in_(_form_ids(filters))] if conditions else []
    return [*scope, *finding_conditions(filters)]


def _groups(conn: Connection, filters: Filters) -> list[dict[str, Any]]:
    query = (
        select(
            FindingRow.code,
            FindingRow.severity,
            func.count(FindingRow.id),
            func.count(func.distinct(FindingRow.form_id)),
        )
        .where(*_finding_where(filters))
        .group_by(FindingRow.code, FindingRow.severity)
    )
    out: list[dict[str, Any]] = []
    for code, severity, count, forms in conn.execute(query):
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
    out.sort(key=lambda g: (_SEVERITY_ORDER.get(g["severity"], 9), -g["count"], g["code"]))
    return out


def finding_groups(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """One entry per finding code (and severity) of the matching forms: ``code``,
    ``severity``, ``title``, ``rule`` (the catalogue's one-line rule, if any), ``count``
    and ``forms``; errors first, then by count."""
    with store.engine.connect() as conn:
        return _groups(conn, filters)


def _points(conn: Connection, filters: Filters) -> list[dict[str, Any]]:
    query = (
        select(
            FormRow.id,
            FormRow.year,
            FormRow.project,
            FormRow.unit,
            FormRow.total_score,
            FormRow.computed_total,
            FormRow.computed_budget_rate,
            FormRow.budget_rate,
        )
        .where(*form_conditions(filters), FormRow.total_score.is_not(None))
        .order_by(FormRow.id)
        .limit(MAX_POINTS)
    )
    return [
        {
            "id": r.id,
            "year": r.year,
            "project": r.project,
            "unit": r.unit,
            "reported": r.total_score,
            "computed": r.computed_total,
            "rate": r.computed_budget_rate
            if r.computed_budget_rate is not None
            else r.budget_rate,
        }
        for r in conn.execute(query)
    ]


def statistics(store: Store, filters: Filters, *, points: bool = True) -> dict[str, Any]:
    """Counts and chart points for the forms matching ``filters`` (see module doc)."""
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count(FormRow.id)).where(*form_conditions(filters)))
        groups = _groups(conn, filters)
        by_severity: dict[str, dict[str, Any]] = {}
        for g in groups:
            entry = by_severity.setdefault(g["severity"], {"key": g["severity"], "count": 0})
            entry["count"] += g["count"]
        kinds = _counts(conn, FormRow.kind, filters)
        for entry in kinds:
            entry["label"] = KIND_LABELS.get(entry["key"], entry["key"])
        result: dict[str, Any] = {
            "forms": total.scalar_one(),
            "by_year": _counts(conn, FormRow.year, filters),
            "by_department": _counts(conn, FormRow.department, filters, 50),
            "by_unit": _counts(conn, FormRow.unit, filters, 50),
            "by_grade": _counts(conn, FormRow.grade, filters),
            "by_computed_grade": _counts(conn, FormRow.computed_grade, filters),
            "by_kind": kinds,
            "findings_by_code": groups,
            "findings_by_severity": sorted(
                by_severity.values(), key=lambda e: _SEVERITY_ORDER.get(e["key"], 9)
            ),
        }
        if points:
            result["points"] = _points(conn, filters)
    return result


def _distinct(conn: Connection, column: Any) -> list[Any]:
    query = select(column).where(column.is_not(None)).distinct().order_by(column)
    return list(conn.execute(query).scalars())


_FACETS: dict[str, tuple[tuple[Any, ...], dict[str, list[Any]]]] = {}


def _version(conn: Connection) -> tuple[Any, ...]:
    """Changes whenever forms or findings are added, replaced or deleted."""
    forms = conn.execute(select(func.count(FormRow.id), func.max(FormRow.id))).one()
    findings = conn.execute(select(func.count(FindingRow.id), func.max(FindingRow.id))).one()
    return (*forms, *findings)


def facets(store: Store) -> dict[str, list[Any]]:
    """The values the filter fields offer: ``years`` (newest first), ``departments``,
    ``units``, ``grades``, ``computed_grades`` and the finding ``codes`` present.
    Kept per database until its forms or findings change."""
    with store.engine.connect() as conn:
        version = _version(conn)
        cached = _FACETS.get(store.url)
        if cached is not None and cached[0] == version:
            return cached[1]
        values = {
            "years": sorted(_distinct(conn, FormRow.year), reverse=True),
            "departments": _distinct(conn, FormRow.department),
            "units": _distinct(conn, FormRow.unit),
            "grades": _distinct(conn, FormRow.grade),
            "computed_grades": _distinct(conn, FormRow.computed_grade),
            "codes": _distinct(conn, FindingRow.code),
        }
    _FACETS[store.url] = (version, values)
    return values
