"""What the 总览 page shows besides the counts of :func:`jixiao.store.stats.statistics`:
the KPI cards, the distribution of reported and computed totals, one compact point per
scored form, and the choices of the filter form. Everything is aggregated in SQL, so the
page stays fast with tens of thousands of forms.

Averages are exact: the database sums each score as a whole number of 1/10000 points
(scores are printed with at most two decimals), and the mean is a ``Decimal`` rounded
half-up to two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, Integer, String, case, cast, func, select, type_coerce
from sqlalchemy.engine import Connection

from jixiao.store.dialects import numeric
from jixiao.store.filters import Filters, form_conditions, reported_above
from jixiao.store.schema import FindingRow, FormRow
from jixiao.store.store import Store

__all__ = [
    "BIN_WIDTH",
    "MAX_POINTS",
    "FilterChoices",
    "Kpis",
    "filter_choices",
    "kpis",
    "scatter_points",
    "score_bins",
]

BIN_WIDTH = 5
"""Points per bar of the total-score distribution (0–5, 5–10, … 95–100)."""
MAX_POINTS = 20_000
"""At most this many forms are drawn in the scatter chart (the newest are kept)."""
_CHOICES = 300
_CENT = Decimal("0.01")
_SCALE = 10_000


@dataclass(frozen=True)
class Kpis:
    """The KPI cards of the dashboard."""

    forms: int
    scored: int
    """Forms with both a reported and a computed total."""
    avg_reported: Decimal | None
    avg_computed: Decimal | None
    lenient: int
    """Forms whose reported total is above the computed total."""
    errors: int
    """Error-level findings of the matching forms."""

    @property
    def lenient_share(self) -> Decimal | None:
        """Percent of the scored forms that are lenient."""
        if not self.scored:
            return None
        return (Decimal(100) * self.lenient / self.scored).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class FilterChoices:
    """The values offered by the filter form (over the whole store, most frequent first)."""

    years: list[int]
    departments: list[str]
    units: list[str]
    grades: list[str]


def _scaled(column: Any) -> Any:
    """``column`` in 1/10000 points as an integer (exact for up to four decimals)."""
    return cast(func.round(numeric(column) * _SCALE), Integer)


def _average(total: Any, count: int) -> Decimal | None:
    if not count or total is None:
        return None
    return (Decimal(int(total)) / _SCALE / count).quantize(_CENT, ROUND_HALF_UP)


def kpis(store: Store, filters: Filters) -> Kpis:
    """The KPI cards for the forms matching ``filters``."""
    conditions = form_conditions(store.scoped(filters))
    both = FormRow.total_score.is_not(None) & FormRow.computed_total.is_not(None)
    query = select(
        func.count(FormRow.id),
        func.count(case((both, 1))),
        func.sum(_scaled(FormRow.total_score)),
        func.count(FormRow.total_score),
        func.sum(case((both, _scaled(FormRow.computed_total)))),
        func.count(case((both & reported_above(), 1))),
    ).where(*conditions)
    errors = select(func.count(FindingRow.id)).where(FindingRow.severity == "error")
    if conditions:
        errors = errors.join(FormRow, FormRow.id == FindingRow.form_id).where(*conditions)
    with store.engine.connect() as conn:
        n, scored, sum_r, n_r, sum_c, lenient = conn.execute(query).one()
        n_errors = conn.execute(errors).scalar_one()
    return Kpis(n, scored, _average(sum_r, n_r), _average(sum_c, scored), lenient, n_errors)


def _bin(column: Any) -> Any:
    value = numeric(column)
    return case((value >= 0, cast(value / BIN_WIDTH, Integer)))


def score_bins(store: Store, filters: Filters) -> dict[str, list[Any]]:
    """The distribution of reported and computed totals: ``labels`` (``0–5`` …),
    ``reported`` and ``computed`` counts per bar, from the lowest bar used (one scan)."""
    reported_bin, computed_bin = _bin(FormRow.total_score), _bin(FormRow.computed_total)
    query = (
        select(reported_bin, computed_bin, func.count())
        .where(*form_conditions(store.scoped(filters)))
        .group_by(reported_bin, computed_bin)
    )
    last = 100 // BIN_WIDTH - 1  # 100 points belongs to the last bar (95–100)
    reported: dict[int, int] = {}
    computed: dict[int, int] = {}
    with store.engine.connect() as conn:
        for r, c, n in conn.execute(query):
            for value, counts in ((r, reported), (c, computed)):
                if value is not None:
                    key = min(int(value), last)
                    counts[key] = counts.get(key, 0) + n
    used = [*reported, *computed]
    first = min(used) if used else last
    keys = range(first, last + 1)
    return {
        "labels": [f"{k * BIN_WIDTH}–{(k + 1) * BIN_WIDTH}" for k in keys],
        "reported": [reported.get(k, 0) for k in keys],
        "computed": [computed.get(k, 0) for k in keys],
    }


def scatter_points(store: Store, filters: Filters) -> list[list[Any]]:
    """One point per scored form: ``[id, 执行率 %, 自评总分, 复核总分]`` (执行率
    recomputed when available, else as printed), newest forms first. The numbers are
    as the database returns them (text on SQLite, ``Decimal`` elsewhere)."""
    rate = func.coalesce(FormRow.computed_budget_rate, FormRow.budget_rate)
    query = (
        # As stored (text on SQLite): the numbers only travel to the chart as JSON.
        select(
            FormRow.id,
            type_coerce(rate, String),
            type_coerce(FormRow.total_score, String),
            type_coerce(FormRow.computed_total, String),
        )
        .where(
            rate.is_not(None),
            FormRow.total_score.is_not(None),
            *form_conditions(store.scoped(filters)),
        )
        .order_by(FormRow.id.desc())
        .limit(MAX_POINTS)
    )
    with store.engine.connect() as conn:
        return [list(row) for row in conn.execute(query)]


def _distinct(conn: Connection, column: Any, seen: list[ColumnElement[bool]]) -> list[Any]:
    count = func.count()
    query = (
        select(column)
        .where(column.is_not(None), column != "", *seen)
        .group_by(column)
        .order_by(count.desc(), column)
        .limit(_CHOICES)
    )
    return list(conn.execute(query).scalars())


def filter_choices(store: Store) -> FilterChoices:
    """The years, departments, units and grades found in the forms the store sees."""
    seen = form_conditions(store.scoped())
    with store.engine.connect() as conn:
        found = conn.execute(select(FormRow.year).where(*seen).distinct()).scalars()
        years = sorted((y for y in found if y is not None), reverse=True)
        grades = _distinct(conn, FormRow.grade, seen)
        for grade in _distinct(conn, FormRow.computed_grade, seen):
            if grade not in grades:
                grades.append(grade)
        return FilterChoices(
            years=years,
            departments=_distinct(conn, FormRow.department, seen),
            units=_distinct(conn, FormRow.unit, seen),
            grades=grades,
        )
