"""The matching forms in groups, from ONE scan: every aggregate of the 总览 page and of
``/api/stats`` over forms (counts by year, department, unit, grade, computed grade and
kind; the KPI sums; the filter choices) is a sum over these groups, so the database
reads the forms once, not once per figure; the score histogram is a second scan
(:func:`bin_counts`).

A group is the forms that share all of :data:`DIMENSIONS`. The covering index
``ix_forms_summary`` holds those columns in that order and both totals, so both scans
read the index alone, already in group order (no sorting). Scores are summed as whole
numbers of 1/10000 points (exact: scores are printed with at most two decimals), so
averages over groups are exact too. The grouping is by unit and department among
others, so a reader's visibility (a condition on those,
:class:`~jixiao.store.filters.Visibility`) and every other filter apply before
grouping, in the same query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, case, cast, func, select
from sqlalchemy.engine import Connection

from jixiao.store.dialects import numeric
from jixiao.store.filters import Filters, form_conditions, reported_above
from jixiao.store.schema import FormRow

__all__ = [
    "BIN_WIDTH",
    "DIMENSIONS",
    "SCALE",
    "FormGroup",
    "bin_counts",
    "counts_by",
    "form_groups",
]

BIN_WIDTH = 5
"""Points per bar of the total-score distribution (0–5, 5–10, … 95–100)."""
DIMENSIONS = ("year", "department", "unit", "grade", "computed_grade", "kind")
"""The ``forms`` columns the forms are counted by."""
SCALE = 10_000
"""Sums of scores are in 1/``SCALE`` points."""


@dataclass(frozen=True, slots=True)
class FormGroup:
    """The forms sharing one value of each of :data:`DIMENSIONS`."""

    year: int | None
    department: str | None
    unit: str | None
    grade: str | None
    computed_grade: str | None
    kind: str
    forms: int
    reported: int
    """Forms with a reported total …"""
    reported_sum: int
    """… and the sum of those totals (1/10000 points)."""
    scored: int
    """Forms with both a reported and a computed total …"""
    computed_sum: int
    """… and the sum of their computed totals (1/10000 points)."""
    lenient: int
    """Scored forms whose reported total is above the computed one."""


def _scaled(column: Any) -> Any:
    """``column`` in 1/10000 points as an integer (exact for up to four decimals)."""
    return cast(func.round(numeric(column) * SCALE), Integer)


def _bin(column: Any) -> Any:
    value = numeric(column)
    return case((value >= 0, cast(value / BIN_WIDTH, Integer)))


def form_groups(conn: Connection, filters: Filters) -> list[FormGroup]:
    """The forms matching ``filters`` in groups (one scan; see the module doc)."""
    keys = [getattr(FormRow, name) for name in DIMENSIONS]
    both = FormRow.total_score.is_not(None) & FormRow.computed_total.is_not(None)
    query = (
        select(
            *keys,
            func.count(),
            func.count(FormRow.total_score),
            func.coalesce(func.sum(_scaled(FormRow.total_score)), 0),
            func.count(case((both, 1))),
            func.coalesce(func.sum(case((both, _scaled(FormRow.computed_total)))), 0),
            func.count(case((both & reported_above(), 1))),
        )
        .where(*form_conditions(filters))
        .group_by(*keys)
    )
    return [FormGroup(*list(row)) for row in conn.execute(query)]


def bin_counts(conn: Connection, filters: Filters) -> list[tuple[int | None, int | None, int]]:
    """``(reported bar, computed bar, forms)`` of the forms matching ``filters``: the bar
    (:data:`BIN_WIDTH` points each, from 0) of their reported and computed totals
    (``None``: no total, or a negative one)."""
    keys = [_bin(FormRow.total_score), _bin(FormRow.computed_total)]
    query = select(*keys, func.count()).where(*form_conditions(filters)).group_by(*keys)
    return [(row[0], row[1], int(row[2])) for row in conn.execute(query)]


def counts_by(groups: Iterable[FormGroup], dimension: str) -> dict[Any, int]:
    """How many forms of ``groups`` have each value of ``dimension``."""
    out: dict[Any, int] = {}
    for group in groups:
        key = getattr(group, dimension)
        out[key] = out.get(key, 0) + group.forms
    return out
